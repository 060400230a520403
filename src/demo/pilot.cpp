// SPDX-License-Identifier: EUPL-1.2
// The pilot demo site: one flex-office floor of a regional prefecture, written out by hand
// (five services, 36 residents, 29 desks, 7 collective spaces, 36 lockers). Names and
// people are fabricated. Desks are laid out in rows, one quartier per service, on a plan
// whose viewBox is 0 0 1200 800 (see plan_svg.cpp for the drawing).
#include <algorithm>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "demo/demo_site.hpp"
#include "demo/layout.hpp"

namespace escale::demo {
namespace {

struct Person {
    const char* name;
    int fte;
};

struct ServiceSpec {
    const char* code;
    const char* name;
    int desks;
    std::vector<Person> people;  // the first one is the service's référent
};

// Administratrice and gestionnaire are attached to SGAR-MCM and listed apart.
const std::vector<ServiceSpec>& services() {
    static const std::vector<ServiceSpec> list = {
        {"SGAR-MCM", "SGAR — Mission coordination et modernisation", 8,
         {{"Claire Dubreuil", 100}, {"Mathieu Garnier", 100}, {"Sophie Lemaître", 80},
          {"Thomas Nguyen", 100}, {"Aurélie Fontaine", 100}, {"Julien Roussel", 90},
          {"Nadia Benali", 100}, {"Pierre-Yves Le Goff", 100}}},
        {"SGAR-PPE", "SGAR — Pôle politiques publiques et Europe", 6,
         {{"Isabelle Moreau", 100}, {"François Delmas", 100}, {"Camille Perrin", 80},
          {"Hugo Marchand", 100}, {"Léa Chevalier", 100}, {"Karim Haddad", 100},
          {"Émilie Vasseur", 50}, {"Antoine Caron", 100}}},
        {"SGAR-PFRA", "SGAR — Plateforme régionale des achats", 6,
         {{"Stéphane Girard", 100}, {"Valérie Lambert", 100}, {"Nicolas Brun", 90},
          {"Chloé Faure", 100}, {"Yannick Le Bihan", 100}, {"Mélanie Roux", 80},
          {"Olivier Mercier", 100}}},
        {"PAJ", "Pôle d'appui juridique", 5,
         {{"Anne-Sophie Barbier", 100}, {"Benoît Renaud", 100}, {"Fatima Aït Ali", 100},
          {"Guillaume Picard", 80}, {"Hélène Dupuis", 100}, {"Romain Collet", 100}}},
        {"DRDFE", "Direction régionale aux droits des femmes et à l'égalité", 4,
         {{"Marie-Claire Gauthier", 100}, {"Élodie Lefèvre", 100}, {"Sarah Cohen", 90},
          {"Laurent Bouvier", 100}, {"Inès Morel", 100}}},
    };
    return list;
}

struct SpaceSpec {
    const char* name;
    SpaceType type;
    int capacity;
};

const SpaceSpec pilot_spaces[] = {
    {"Salle Marianne", SpaceType::meeting_room, 12},
    {"Salle Liberté", SpaceType::meeting_room, 8},
    {"Bulle Monet", SpaceType::bubble, 2},
    {"Bulle Sisley", SpaceType::bubble, 1},
    {"Salle de silence", SpaceType::silence_room, 4},
    {"Atelier Égalité", SpaceType::project_room, 8},
    {"Espace convivial", SpaceType::convivial_area, 15},
};

constexpr const char* email_domain = "pilote.escale.test";

}  // namespace

DemoSite pilot_site() {
    DemoSite s;
    s.site = Site{.id = 1,
                  .name = "Préfecture de région — site pilote",
                  .time_zone = "Europe/Paris",
                  .sub_m2 = 16.0 * 36,  // 16 m² of SUB per resident
                  .booking_horizon_days = 28,
                  .oidc_self_registration_service_id = std::nullopt};
    s.floors.push_back(Floor{.id = 1, .site_id = 1, .name = "3e étage — plateau flex", .level = 3,
                             .plan_svg = {}});  // drawn last

    // Services, their quartiers and desks, quartiers side by side across the plan.
    int total_desks = 0;
    for (const auto& spec : services()) total_desks += spec.desks;
    const auto n_zones = static_cast<double>(services().size());
    const double usable = plan_width - 2 * plan_margin - zone_gap * (n_zones - 1);
    double ax = plan_margin;
    for (const auto& spec : services()) {
        const auto sid = static_cast<ServiceId>(s.services.size() + 1);
        s.services.push_back(Service{.id = sid, .site_id = 1, .code = spec.code, .name = spec.name});
        const auto zid = static_cast<ZoneId>(s.zones.size() + 1);
        s.zones.push_back(Zone{.id = zid, .site_id = 1, .floor_id = 1, .service_id = sid,
                               .name = fmt::format("Quartier {}", spec.code),
                               .sub_m2 = 12.0 * spec.desks});
        const double aw = usable * spec.desks / total_desks;
        for (const auto& [x, y] : desks_in_rows(ax, aw, spec.desks)) {
            const auto i = static_cast<int>(s.desks.size());  // 0-based, drives the attribute mix
            s.desks.push_back(Desk{.id = i + 1, .site_id = 1, .floor_id = 1, .zone_id = zid,
                                   .label = fmt::format("P-{:02}", i + 1), .x = x, .y = y,
                                   .screens = i % 4 == 3 ? 1 : 2,
                                   .dock = i % 3 != 2,
                                   .standing = i == 4 || i == 19,
                                   .adapted = i == 0 || i == 14});
        }
        ax += aw + zone_gap;
    }

    // Collective spaces in one row below the quartiers.
    const auto n_spaces = static_cast<int>(std::size(pilot_spaces));
    const double cell = (plan_width - 2 * plan_margin) / n_spaces;
    for (int i = 0; i < n_spaces; ++i) {
        const auto& sp = pilot_spaces[i];
        s.spaces.push_back(Space{.id = i + 1, .site_id = 1, .floor_id = 1,
                                 .zone_id = std::nullopt,  // collective: in no quartier
                                 .name = sp.name,
                                 .type = sp.type, .capacity = sp.capacity,
                                 .x = plan_margin + (i + 0.5) * cell, .y = space_band_y + 100});
    }

    // Residents: the two site accounts, then each service's people, référent first.
    std::set<std::string> taken;
    auto add = [&](std::string email, std::string name, ServiceId sid, int fte, Role role) {
        taken.insert(email);
        s.residents.push_back(Resident{.id = static_cast<ResidentId>(s.residents.size() + 1),
                                       .site_id = 1, .service_id = sid,
                                       .email = std::move(email), .display_name = std::move(name),
                                       .fte_percent = fte, .role = role});
    };
    auto email_for = [&](std::string_view display_name) {
        const auto space = display_name.find(' ');
        const auto base = ascii_slug(display_name.substr(0, space)) + "." +
                          ascii_slug(display_name.substr(space + 1));
        auto email = fmt::format("{}@{}", base, email_domain);
        for (int n = 2; taken.count(email); ++n) email = fmt::format("{}.{}@{}", base, n, email_domain);
        return email;
    };
    add(fmt::format("admin@{}", email_domain), "Administratrice Escale", 1, 100, Role::admin);
    add(fmt::format("gestionnaire@{}", email_domain), "Gestionnaire Escale", 1, 100,
        Role::gestionnaire);
    for (size_t k = 0; k < services().size(); ++k) {
        const auto& people = services()[k].people;
        for (size_t p = 0; p < people.size(); ++p)
            add(email_for(people[p].name), people[p].name, static_cast<ServiceId>(k + 1),
                people[p].fte, p == 0 ? Role::referent : Role::agent);
    }

    // Fair-booking rules (issue 10, item 4): 8 half-days a week each, a quartier kept for its
    // service until 24 h before the slot, the two adapted desks (P-01, P-15) kept for who needs
    // one; the first agent of the first service needs one.
    s.site.weekly_half_day_quota = 8;
    s.site.quartier_priority_hours = 24;
    s.site.adapted_desks_reserved = true;
    for (Resident& r : s.residents)
        if (r.service_id == ServiceId{1} && r.role == Role::agent) {
            r.needs_adapted_desk = true;
            break;
        }

    // Lockers in banks of the quartiers, one bank after the other (C-01 in the first).
    for (int i = 1; i <= 36; ++i)
        s.lockers.push_back(Locker{.id = i, .site_id = 1, .floor_id = 1,
                                   .label = fmt::format("C-{:02}", i),
                                   .zone_id = static_cast<ZoneId>((i - 1) % static_cast<int>(s.zones.size()) + 1)});

    // Lockers for most people (the pilot had lockers for everyone): each service member takes
    // the next locker of their quartier's bank, or any free one when the bank is full; the last
    // member of each service has none yet, so that a few lockers stay free to choose from. The
    // two site accounts have none.
    std::set<LockerId> held;
    for (const Service& svc : s.services) {
        std::vector<ResidentId> members;
        for (const Resident& r : s.residents)
            if (r.service_id == svc.id && r.role != Role::admin && r.role != Role::gestionnaire) members.push_back(r.id);
        if (!members.empty()) members.pop_back();
        for (ResidentId r : members) {
            const Locker* pick = nullptr;
            for (const Locker& l : s.lockers)
                if (!held.count(l.id) && l.zone_id == ZoneId{svc.id} && !pick) pick = &l;
            for (const Locker& l : s.lockers)
                if (!held.count(l.id) && !pick) pick = &l;
            if (!pick) break;
            held.insert(pick->id);
            s.locker_holders.push_back({pick->id, r});
        }
    }

    for (auto& f : s.floors) f.plan_svg = plan_svg(s, f.id);
    return s;
}

}  // namespace escale::demo
