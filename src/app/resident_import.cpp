// SPDX-License-Identifier: EUPL-1.2
#include "app/resident_import.hpp"

#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/transaction.hpp"
#include "core/csv.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {

enum class Column { email, name, service, fte, role };

// Lower-cases ASCII letters and the accented capitals French headers use (É, È, Ô...).
std::string lower_case(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // UTF-8 capitals of Latin-1 Supplement are C3 80..C3 9E; their small forms are +0x20.
    for (size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xC3) {
            auto& next = reinterpret_cast<unsigned char&>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) next = static_cast<unsigned char>(next + 0x20);
            ++i;
        }
    return s;
}

// Header cell → column, accepting the usual French spellings.
std::optional<Column> column_of(std::string header) {
    header = lower_case(header);
    while (!header.empty() && header.back() == ' ') header.pop_back();
    while (!header.empty() && header.front() == ' ') header.erase(header.begin());
    if (header == "email" || header == "courriel" || header == "e-mail" || header == "adresse électronique")
        return Column::email;
    if (header == "nom" || header == "nom affiché" || header == "display_name" || header == "prénom nom")
        return Column::name;
    if (header == "service") return Column::service;
    if (header == "quotité" || header == "quotite" || header == "fte_percent") return Column::fte;
    if (header == "rôle" || header == "role") return Column::role;
    return std::nullopt;
}

// The column a validation error is about, from the field its details name.
std::string column_name_of(const Error& e) {
    std::string field = e.details.empty() ? "" : e.details.front().field;
    if (field == "email") return "email";
    if (field == "display_name") return "nom";
    if (field == "fte_percent") return "quotité";
    return "";
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

}  // namespace

Result<ImportReport> import_residents_csv(Context ctx, const Actor& actor, SiteId site_id, std::string_view csv,
                                          bool dry_run) {
    ESCALE_TRY_VOID(actor.require(Permission::manage_residents, Scope{site_id, std::nullopt}));
    ESCALE_TRY(auto rows, parse_csv(csv));
    if (rows.empty()) return fail(errors::invalid_csv("le fichier est vide"));

    std::map<Column, size_t> at;
    for (size_t i = 0; i < rows[0].fields.size(); ++i)
        if (auto c = column_of(rows[0].fields[i])) at.emplace(*c, i);
    for (auto [col, name] : {std::pair{Column::email, "email"}, {Column::name, "nom"}, {Column::service, "service"}})
        if (!at.count(col)) return fail(errors::invalid_csv(fmt::format("la colonne « {} » manque dans l'en-tête", name)));

    return in_transaction(ctx, dry_run ? TxMode::read : TxMode::write, [&](Transaction& tx) -> Result<ImportReport> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site_id));
        std::map<std::string, ServiceId> service_by_code;
        for (auto& s : services) service_by_code.emplace(s.code, s.id);

        std::vector<ErrorDetail> problems;
        std::vector<Resident> residents;
        ImportReport report;
        std::set<std::string> seen;
        for (size_t i = 1; i < rows.size(); ++i) {
            const auto& row = rows[i];
            auto cell = [&](Column c) -> std::string {
                auto it = at.find(c);
                return it != at.end() && it->second < row.fields.size() ? trimmed(row.fields[it->second]) : "";
            };
            auto problem = [&](std::string field, std::string message) {
                problems.push_back({row.line, std::move(field), fmt::format("Ligne {} : {}", row.line, message)});
            };
            Resident r;
            r.site_id = site_id;
            r.email = normalize_email(cell(Column::email));
            r.display_name = cell(Column::name);
            auto code = cell(Column::service);
            auto svc = service_by_code.find(code);
            if (svc == service_by_code.end()) {
                problem("service", fmt::format("le service « {} » n'existe pas sur ce site.", code));
                continue;
            }
            r.service_id = svc->second;
            if (auto fte = cell(Column::fte); !fte.empty()) {
                if (fte.back() == '%') fte = trimmed(fte.substr(0, fte.size() - 1));
                auto [p, ec] = std::from_chars(fte.data(), fte.data() + fte.size(), r.fte_percent);
                if (ec != std::errc{} || p != fte.data() + fte.size()) {
                    problem("quotité", fmt::format("la quotité « {} » n'est pas un nombre entier.", fte));
                    continue;
                }
            }
            if (auto role = cell(Column::role); !role.empty()) {
                auto parsed = parse_role(lower_case(role));
                if (!parsed) {
                    problem("rôle", fmt::format("le rôle « {} » est inconnu (agent, referent, gestionnaire, lecteur, admin).", role));
                    continue;
                }
                r.role = *parsed;
                if (!may_manage_resident(actor.roles, nullptr, {}, &r)) {
                    problem("rôle", fmt::format("vous ne pouvez pas attribuer le rôle « {} » sur ce site.", role));
                    continue;
                }
                r.role = *parsed;
            }
            if (auto ok = validate(r); !ok) {
                problem(column_name_of(ok.error()), ok.error().message);
                continue;
            }
            if (!seen.insert(r.email).second) {
                problem("email", fmt::format("l'adresse « {} » figure plusieurs fois dans le fichier.", r.email));
                continue;
            }
            ESCALE_TRY(auto existing, tx.referential().find_resident_by_email(r.email));
            if (existing) {
                problem("email", fmt::format("un résident avec l'adresse « {} » existe déjà.", r.email));
                continue;
            }
            if (dry_run) report.preview.push_back({static_cast<int>(row.line), r, code});
            residents.push_back(std::move(r));
        }
        if (!problems.empty()) {
            auto e = errors::invalid_csv(fmt::format("{} ligne(s) en erreur, rien n'a été importé", problems.size()));
            e.details = std::move(problems);
            return fail(std::move(e));
        }
        if (dry_run) return report;
        for (auto& r : residents) ESCALE_TRY_VOID(tx.referential().insert(r));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, site_id, {}, {}, "import", "residents", {},
                                          fmt::format("{} résident(s) importé(s) par CSV", residents.size())}));
        report.created = static_cast<int>(residents.size());
        return report;
    });
}

}  // namespace escale::app
