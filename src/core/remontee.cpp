// SPDX-License-Identifier: EUPL-1.2
#include "core/remontee.hpp"

#include <algorithm>

#include "core/long_text.hpp"
#include "core/small_groups.hpp"
#include "core/validation.hpp"

namespace escale {

const char* theme_label(RemonteeTheme t) {
    switch (t) {
        case RemonteeTheme::bruit: return "Bruit";
        case RemonteeTheme::rangement: return "Rangement";
        case RemonteeTheme::reservation: return "Réservation";
        case RemonteeTheme::confidentialite: return "Confidentialité";
        case RemonteeTheme::equipements: return "Équipements";
        case RemonteeTheme::autre: return "Autre";
    }
    return "Autre";
}

const char* status_label(RemonteeStatus s) {
    switch (s) {
        case RemonteeStatus::nouvelle: return "Nouvelle";
        case RemonteeStatus::en_cours: return "En cours";
        case RemonteeStatus::traitee: return "Traitée";
    }
    return "Nouvelle";
}

Result<void> validate_remontee(const Remontee& r) {
    if (auto ok = check_text("title", r.title); !ok) return ok;
    return check_long_text("body", r.body, 4000, false);
}

Result<void> validate_remontee_answer(std::string_view answer) {
    return check_long_text("answer", answer, 4000, false);
}

Instant kept_post_instant(Instant now, bool anonymous) {
    if (!anonymous) return now;
    return std::chrono::floor<std::chrono::days>(now);
}

RemonteeCounts remontee_counts(const std::vector<RemonteeFact>& facts, const std::vector<ServiceId>& services) {
    RemonteeCounts out;
    const int total = static_cast<int>(facts.size());
    if (total >= minimum_group_size) out.total = total;

    std::vector<int> per_theme(remontee_theme_count, 0);
    for (auto& f : facts) ++per_theme[static_cast<std::size_t>(f.theme)];
    auto theme_hidden = hidden_groups(per_theme);
    for (int i = 0; i < remontee_theme_count; ++i) {
        const bool hidden = theme_hidden[static_cast<std::size_t>(i)] || !out.total;
        out.themes.push_back(CountedGroup{Id{i}, hidden, hidden ? 0 : per_theme[static_cast<std::size_t>(i)]});
    }

    std::vector<std::optional<ServiceId>> keys(services.begin(), services.end());
    keys.push_back(std::nullopt);
    std::vector<int> per_service(keys.size(), 0);
    for (auto& f : facts) {
        auto k = std::find(keys.begin(), keys.end(), f.service_id);
        if (k == keys.end()) k = keys.end() - 1;
        ++per_service[static_cast<std::size_t>(k - keys.begin())];
    }
    auto service_hidden = hidden_groups(per_service);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!keys[i] && per_service[i] == 0) continue;
        const bool hidden = service_hidden[i] || !out.total;
        out.services.push_back(CountedGroup{keys[i], hidden, hidden ? 0 : per_service[i]});
    }
    return out;
}

}  // namespace escale
