// SPDX-License-Identifier: EUPL-1.2
// The multi-agency demo site ("cité administrative"): 10 services and operators, 850
// residents, 750 desks over five floors of 150, 20 collective spaces per floor, 850 lockers.
// Everything random comes from a splitmix64 generator seeded by `seed` and only integer
// draws, so a seed gives the same site on every platform. Plan geometry follows the same
// conventions as pilot.cpp (viewBox 0 0 1200 800, quartiers side by side, spaces below).
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "demo/demo_site.hpp"
#include "demo/layout.hpp"
#include "demo/random.hpp"

namespace escale::demo {
namespace {

// Splits `total` in proportion to integer weights (largest remainder, ties to the lower index).
std::vector<int> apportion(int total, const std::vector<std::int64_t>& weights) {
    std::int64_t sum = 0;
    for (auto w : weights) sum += w;
    std::vector<int> out;
    std::vector<std::pair<std::int64_t, size_t>> rest;  // (remainder, index)
    int given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        out.push_back(static_cast<int>(total * weights[i] / sum));
        given += out.back();
        rest.emplace_back(total * weights[i] % sum, i);
    }
    std::stable_sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (int k = 0; k < total - given; ++k) ++out[rest[static_cast<size_t>(k)].second];
    return out;
}

// ---- The building's data ----
constexpr int n_floors = 5;
constexpr int desks_per_floor = 150;
constexpr int n_desks = n_floors * desks_per_floor;
constexpr int n_residents = 850;
constexpr int min_zone_desks = 20;  // no crumbs of a service left on a floor

struct ServiceSpec {
    const char* code;
    const char* name;
    int base_headcount;  // before the seeded ±10 % jitter; the bases sum to 850
};

const ServiceSpec cite_services[] = {
    {"DDT", "Direction départementale des territoires", 120},
    {"DDETSPP", "Direction départementale de l'emploi, du travail, des solidarités et de la "
                "protection des populations", 105},
    {"DRFIP", "Direction régionale des finances publiques", 150},
    {"DREAL", "Direction régionale de l'environnement, de l'aménagement et du logement", 95},
    {"DRAC", "Direction régionale des affaires culturelles", 35},
    {"DRAAF", "Direction régionale de l'alimentation, de l'agriculture et de la forêt", 45},
    {"DREETS", "Direction régionale de l'économie, de l'emploi, du travail et des solidarités", 80},
    {"INSEE", "Insee — direction régionale", 55},
    {"URSSAF", "Urssaf — antenne régionale", 65},
    {"RECTORAT", "Rectorat — services académiques", 100},
};
constexpr int n_services = static_cast<int>(std::size(cite_services));

constexpr std::string_view first_names[] = {
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Anaïs", "Pauline",
    "Céline", "Nathalie", "Isabelle", "Sylvie", "Sandrine", "Valérie", "Hélène", "Agnès",
    "Béatrice", "Gaëlle", "Noémie", "Océane", "Zoé", "Adèle", "Bérénice", "Françoise",
    "Marie-Laure", "Anne-Claire", "Élise", "Mélanie", "Laëtitia", "Aïcha", "Fatoumata",
    "Thomas", "Nicolas", "Julien", "Maxime", "Antoine", "Hugo", "Lucas", "Mathieu", "Romain",
    "Guillaume", "Sébastien", "Frédéric", "Jérôme", "Cédric", "Hervé", "Loïc", "Maël",
    "Raphaël", "Léon", "François", "Benoît", "Stéphane", "Olivier", "Pierre", "Jean-Luc",
    "Jean-Baptiste", "Yannick", "Karim", "Mehdi", "Thierry", "Grégoire", "Noël", "Joël",
};

constexpr std::string_view last_names[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent",
    "Muller", "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier",
    "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin",
    "Nicolas", "Henry", "Roussel", "Mathieu", "Masson", "Marchand", "Duval", "Denis", "Dumont",
    "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
    "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard",
    "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
    "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Bourgeois",
    "Leclerc", "Payet", "Rolland", "Le Gall", "Le Roux", "Nguyen", "Benali", "Haddad",
    "N'Diaye", "Da Silva", "Ferreira", "Kowalski", "Le Goff", "Besançon", "Lefèbvre",
};

std::string floor_name(int level) {
    return level == 0 ? std::string("Rez-de-chaussée") : fmt::format("Niveau {}", level);
}

// Service indices laid end to end along the floors (150 desks each) in a seeded order,
// redrawn until every floor holds 2 or 3 quartiers and every quartier at least
// min_zone_desks desks. Returns, per floor, the (service index, desks) pieces.
using FloorPieces = std::vector<std::vector<std::pair<int, int>>>;

FloorPieces pack_floors(const std::vector<int>& desks, SplitMix64& rng) {
    std::vector<int> order(desks.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    for (int attempt = 0; attempt < 100000; ++attempt) {
        rng.shuffle(order);
        FloorPieces floors(n_floors);
        int pos = 0;
        for (int s : order)
            for (int left = desks[static_cast<size_t>(s)]; left > 0;) {
                const int f = pos / desks_per_floor;
                const int take = std::min(left, (f + 1) * desks_per_floor - pos);
                floors[static_cast<size_t>(f)].emplace_back(s, take);
                pos += take, left -= take;
            }
        const bool ok = std::all_of(floors.begin(), floors.end(), [](const auto& pieces) {
            return pieces.size() >= 2 && pieces.size() <= 3 &&
                   std::all_of(pieces.begin(), pieces.end(),
                               [](auto& p) { return p.second >= min_zone_desks; });
        });
        if (ok) return floors;
    }
    throw std::logic_error("demo: aucune répartition des quartiers par niveau trouvée");
}

}  // namespace

DemoSite cite_site(unsigned seed) {
    SplitMix64 rng(seed);
    DemoSite s;
    s.site = Site{.id = 1,
                  .name = "Cité administrative — démonstration",
                  .time_zone = "Europe/Paris",
                  .sub_m2 = 16.0 * n_residents,  // 16 m² of SUB per resident
                  .booking_horizon_days = 28,
                  .oidc_self_registration_service_id = std::nullopt};

    // Headcounts: base ±10 %, rescaled to exactly 850; desks in proportion, exactly 750.
    std::vector<std::int64_t> weights;
    for (const auto& spec : cite_services) weights.push_back(spec.base_headcount * (90 + rng.below(21)));
    const auto headcount = apportion(n_residents, weights);
    const auto desks = apportion(n_desks, std::vector<std::int64_t>(headcount.begin(), headcount.end()));

    for (int i = 0; i < n_services; ++i)
        s.services.push_back(Service{.id = i + 1, .site_id = 1, .code = cite_services[i].code,
                                     .name = cite_services[i].name});

    const auto pieces = pack_floors(desks, rng);
    std::vector<int> zones_of_service(n_services, 0);
    for (const auto& floor : pieces)
        for (const auto& [svc, n] : floor) ++zones_of_service[static_cast<size_t>(svc)];

    for (int f = 0; f < n_floors; ++f) {
        const FloorId fid = f + 1;
        s.floors.push_back(Floor{.id = fid, .site_id = 1, .name = floor_name(f), .level = f,
                                 .plan_svg = {}});  // drawn last

        // Quartiers side by side, widths in proportion to their desks.
        const auto& floor = pieces[static_cast<size_t>(f)];
        const double usable = plan_width - 2 * plan_margin - zone_gap * (static_cast<double>(floor.size()) - 1);
        double ax = plan_margin;
        int number = 0;  // desk number on the floor, 1..150
        for (const auto& [svc, n] : floor) {
            const auto zid = static_cast<ZoneId>(s.zones.size() + 1);
            const std::string code = cite_services[svc].code;
            s.zones.push_back(Zone{
                .id = zid, .site_id = 1, .floor_id = fid, .service_id = svc + 1,
                .name = zones_of_service[static_cast<size_t>(svc)] > 1
                            ? fmt::format("Quartier {} (N{})", code, f)
                            : fmt::format("Quartier {}", code),
                .sub_m2 = 12.0 * n});
            const double aw = usable * n / desks_per_floor;
            bool first = true;
            for (const auto& [x, y] : desks_in_rows(ax, aw, n)) {
                Desk d{.id = static_cast<DeskId>(s.desks.size() + 1), .site_id = 1, .floor_id = fid,
                       .zone_id = zid, .label = fmt::format("N{}-{:03}", f, ++number), .x = x, .y = y};
                d.screens = rng.percent(70) ? 2 : 1;
                d.dock = rng.percent(55);
                d.standing = rng.percent(8);
                d.adapted = first || rng.percent(3);  // at least one adapted desk per quartier
                s.desks.push_back(std::move(d));
                first = false;
            }
            ax += aw + zone_gap;
        }

        // 20 collective spaces in two rows of ten below the quartiers.
        struct Kind {
            SpaceType type;
            const char* prefix;
            int count;
            int capacities[3];  // cycled through
        };
        static const Kind kinds[] = {
            {SpaceType::meeting_room, "Réunion", 6, {8, 12, 20}},
            {SpaceType::bubble, "Bulle", 8, {1, 2, 2}},
            {SpaceType::silence_room, "Silence", 2, {4, 6, 6}},
            {SpaceType::project_room, "Projet", 3, {6, 8, 10}},
            {SpaceType::convivial_area, "Espace convivial", 1, {24, 24, 24}},
        };
        const double cell = (plan_width - 2 * plan_margin) / 10;
        int slot = 0;
        for (const auto& kind : kinds)
            for (int k = 0; k < kind.count; ++k, ++slot)
                s.spaces.push_back(Space{
                    .id = static_cast<SpaceId>(s.spaces.size() + 1), .site_id = 1, .floor_id = fid,
                    .zone_id = std::nullopt,  // collective: in no quartier
                    .name = kind.count > 1 ? fmt::format("{} {}.{:02}", kind.prefix, f, k + 1)
                                           : fmt::format("{} {}", kind.prefix, f),
                    .type = kind.type, .capacity = kind.capacities[k % 3],
                    .x = plan_margin + (slot % 10 + 0.5) * cell,
                    .y = space_band_y + 50 + (slot / 10) * 100});
    }

    // 850 lockers, 170 per floor.
    for (int f = 0; f < n_floors; ++f)
        for (int k = 1; k <= n_residents / n_floors; ++k)
            s.lockers.push_back(Locker{.id = static_cast<LockerId>(s.lockers.size() + 1),
                                       .site_id = 1, .floor_id = f + 1,
                                       .label = fmt::format("N{}-C{:03}", f, k)});

    // Residents, service by service: the site accounts first (in the first service), then the
    // service's référent, then its agents. Emails are prenom.nom.N with N counting homonyms.
    std::map<std::string, int> homonyms;
    for (int svc = 0; svc < n_services; ++svc) {
        for (int k = 0; k < headcount[static_cast<size_t>(svc)]; ++k) {
            Resident r;
            r.id = static_cast<ResidentId>(s.residents.size() + 1);
            r.site_id = 1;
            r.service_id = svc + 1;
            if (r.id == 1) {
                r.email = "admin@cite.escale.test", r.display_name = "Administrateur Escale";
                r.role = Role::admin;
            } else if (r.id == 2) {
                r.email = "gestionnaire@cite.escale.test", r.display_name = "Gestionnaire Escale";
                r.role = Role::gestionnaire;
            } else {
                const auto first = first_names[rng.below(static_cast<int>(std::size(first_names)))];
                const auto last = last_names[rng.below(static_cast<int>(std::size(last_names)))];
                r.display_name = fmt::format("{} {}", first, last);
                const auto key = ascii_slug(first) + "." + ascii_slug(last);
                r.email = fmt::format("{}.{}@cite.escale.test", key, ++homonyms[key]);
                const int draw = rng.below(100);
                r.fte_percent = draw < 80 ? 100 : draw < 90 ? 80 : draw < 96 ? 90 : 50;
                const bool first_of_service = svc == 0 ? k == 2 : k == 0;
                r.role = first_of_service ? Role::referent : Role::agent;
            }
            s.residents.push_back(std::move(r));
        }
    }

    for (auto& f : s.floors) f.plan_svg = plan_svg(s, f.id);
    return s;
}

}  // namespace escale::demo
