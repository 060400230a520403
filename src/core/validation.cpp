// SPDX-License-Identifier: EUPL-1.2
#include "core/validation.hpp"

#include <algorithm>
#include <cmath>

#include "core/calendar.hpp"
#include "core/check_in.hpp"
#include "core/desk_rules.hpp"
#include "core/errors.hpp"

namespace escale {
namespace {

constexpr size_t max_text = 200;

}  // namespace

namespace {

// Hardening (issue 14, finding 9): characters that reorder or break what is shown around
// them (a name "Service\u202Egpj.exe" reads "Serviceexe.jpg"; a line separator splits a line in
// a log, a CSV or a mail). Found in the UTF-8 bytes: C1 controls (NEL…), ALM, LRM and RLM,
// the line and paragraph separators, the bidi embeddings and overrides, the bidi isolates.
bool has_layout_control(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
        if (b0 == 0xC2 && b1 >= 0x80 && b1 <= 0x9F) return true;  // U+0080..U+009F
        if (b0 == 0xD8 && b1 == 0x9C) return true;                 // U+061C
        if (b0 != 0xE2 || i + 2 >= s.size()) continue;
        auto b2 = static_cast<unsigned char>(s[i + 2]);
        if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F)) return true;  // U+200E, U+200F
        if (b1 == 0x80 && b2 >= 0xA8 && b2 <= 0xAE) return true;    // U+2028..U+202E
        if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return true;    // U+2066..U+2069
    }
    return false;
}

}  // namespace

Result<void> check_text(std::string_view field, const std::string& value, bool required) {
    bool blank = value.find_first_not_of(" \t") == std::string::npos;
    if (required && blank) return fail(errors::missing_field(field));
    for (unsigned char c : value)
        if (c < 0x20 || c == 0x7f)
            return fail(errors::invalid_field(field, "un texte sans caractère de contrôle"));
    if (has_layout_control(value))
        return fail(errors::invalid_field(
            field, "un texte sans caractère de mise en page invisible (contrôle bidirectionnel, séparateur de ligne)"));
    if (value.size() > max_text)
        return fail(errors::invalid_field(field, "un texte de 200 caractères au plus"));
    return {};
}

namespace {

Result<void> text(std::string_view field, const std::string& value, bool required = true) {
    return check_text(field, value, required);
}

Result<void> surface(std::string_view field, double v) {
    if (!std::isfinite(v) || v < 0 || v > 10'000'000)
        return fail(errors::invalid_field(field, "une surface positive en m²"));
    return {};
}

Result<void> position(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e6 || std::abs(y) > 1e6)
        return fail(errors::invalid_field("x/y", "une position finie sur le plan"));
    return {};
}

#define ESCALE_CHECK(expr) \
    do {                   \
        auto r_ = (expr);  \
        if (!r_) return r_; \
    } while (0)

}  // namespace

Result<void> validate(const Site& v) {
    ESCALE_CHECK(text("name", v.name));
    ESCALE_CHECK(surface("sub_m2", v.sub_m2));
    if (v.baseline_sub_m2) ESCALE_CHECK(surface("baseline_sub_m2", *v.baseline_sub_m2));
    if (v.retention_months < 1 || v.retention_months > 120)
        return fail(errors::invalid_field("retention_months", "une durée de conservation de 1 à 120 mois"));
    if (v.booking_horizon_days < 1 || v.booking_horizon_days > 366)
        return fail(errors::invalid_field("booking_horizon_days", "un nombre de jours entre 1 et 366"));
    auto cal = SiteCalendar::make(v.time_zone, v.opens_at, v.noon_at, v.closes_at);
    if (!cal) return fail(cal.error());
    // Check-in (issue 10, item 3): release times inside the half-days they close.
    if (auto policy = check_in_policy(v); !policy) return fail(policy.error());
    // Fair-booking rules (issue 10, item 4).
    if (auto rules = validate_desk_rules(v); !rules) return rules;
    return {};
}

Result<void> validate(const Floor& v) {
    ESCALE_CHECK(text("name", v.name));
    if (v.level < -10 || v.level > 200)
        return fail(errors::invalid_field("level", "un numéro de niveau entre -10 et 200"));
    if (v.plan_svg.size() > 2'000'000)
        return fail(errors::invalid_field("plan_svg", "un plan SVG de 2 Mo au plus"));
    return {};
}

Result<void> validate(const Zone& v) {
    ESCALE_CHECK(text("name", v.name));
    return surface("sub_m2", v.sub_m2);
}

Result<void> validate(const Service& v) {
    ESCALE_CHECK(text("code", v.code));
    ESCALE_CHECK(text("name", v.name));
    bool ok = std::all_of(v.code.begin(), v.code.end(), [](unsigned char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!ok) return fail(errors::invalid_field("code", "composé de majuscules, chiffres, - ou _"));
    return {};
}

Result<void> validate(const Resident& v) {
    if (!looks_like_email(v.email) || v.email.ends_with(".invalid"))
        return fail(errors::invalid_field("email", "une adresse électronique valide"));
    ESCALE_CHECK(text("display_name", v.display_name));
    if (v.fte_percent < 10 || v.fte_percent > 100)
        return fail(errors::invalid_field("fte_percent", "une quotité entre 10 et 100 %"));
    return {};
}

Result<void> validate(const Desk& v) {
    ESCALE_CHECK(text("label", v.label));
    ESCALE_CHECK(position(v.x, v.y));
    if (v.screens < 0 || v.screens > 4)
        return fail(errors::invalid_field("screens", "un nombre d'écrans entre 0 et 4"));
    return {};
}

Result<void> validate(const Space& v) {
    ESCALE_CHECK(text("name", v.name));
    ESCALE_CHECK(position(v.x, v.y));
    if (v.capacity < 1 || v.capacity > 1000)
        return fail(errors::invalid_field("capacity", "une capacité entre 1 et 1000 personnes"));
    return {};
}

Result<void> validate(const Locker& v) {
    ESCALE_CHECK(text("label", v.label));
    ESCALE_CHECK(position(v.x, v.y));
    return {};
}

Result<void> validate(const RoleGrant& v) {
    if (v.role == Role::admin)
        return fail(errors::invalid_field("role", "agent, referent, gestionnaire ou lecteur (l'administration se donne par le rôle du résident)"));
    if ((v.role == Role::referent) != v.service_id.has_value())
        return fail(errors::invalid_field("service_id", "renseigné pour un référent, et pour lui seul"));
    return {};
}

Result<void> validate(const Closure& v) {
    if (!parse_date(v.date)) return fail(errors::invalid_date("date"));
    return text("reason", v.reason, false);
}

Result<void> validate(const ResidentCategory& v) {
    ESCALE_CHECK(text("name", v.name));
    if (!(v.weight >= 0 && v.weight <= 1))
        return fail(errors::invalid_field("weight", "un poids entre 0 et 1"));
    return {};
}

std::string normalize_email(std::string_view email) {
    while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
    while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
    std::string out(email);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool looks_like_email(std::string_view e) {
    if (e.size() < 3 || e.size() > 254) return false;
    auto at = e.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return false;
    if (e.find('@', at + 1) != std::string_view::npos) return false;
    if (e.substr(at + 1).find('.') == std::string_view::npos) return false;
    return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

}  // namespace escale
