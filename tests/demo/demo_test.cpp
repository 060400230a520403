// SPDX-License-Identifier: EUPL-1.2
// Unit tests of the demo sites (demo/demo_site.hpp): the pilot's and the cité's counts,
// referential integrity (local ids, references, zones on their desks' floor), validation of
// every entity, unique emails and labels, roles, determinism of the seeded generator, plan
// geometry, and the SVG plans (well-formed, one title per desk, XML escaping).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include "core/validation.hpp"
#include "demo/demo_site.hpp"

namespace escale::demo {
namespace {

// ---------------------------------------------------------------------------------------
// Helpers

// Member-wise equality of described structs (the core types have no operator==).
template <class T>
bool same(const T& a, const T& b) {
    bool eq = true;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
        [&](auto m) { eq = eq && a.*m.pointer == b.*m.pointer; });
    return eq;
}

template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                               [](const T& x, const T& y) { return same(x, y); });
}

bool same_site(const DemoSite& a, const DemoSite& b) {
    return same(a.site, b.site) && same(a.floors, b.floors) && same(a.services, b.services) &&
           same(a.zones, b.zones) && same(a.desks, b.desks) && same(a.spaces, b.spaces) &&
           same(a.lockers, b.lockers) && same(a.residents, b.residents);
}

size_t count_of(std::string_view text, std::string_view needle) {
    size_t n = 0;
    for (auto pos = text.find(needle); pos != std::string_view::npos;
         pos = text.find(needle, pos + needle.size()))
        ++n;
    return n;
}

// Every '&' starts a character or entity reference.
bool ampersands_escaped(const std::string& svg) {
    static const std::regex entity(R"(^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)");
    for (size_t i = svg.find('&'); i != std::string::npos; i = svg.find('&', i + 1))
        if (!std::regex_search(svg.begin() + static_cast<std::ptrdiff_t>(i), svg.end(), entity))
            return false;
    return true;
}

// Tags open and close in order, with a single root <svg>; a raw '<' in text breaks this.
// Returns an empty string when fine, else a description of the first problem.
std::string tag_problem(const std::string& svg) {
    std::vector<std::string> open;
    int roots = 0;
    for (size_t i = svg.find('<'); i != std::string::npos; i = svg.find('<', i + 1)) {
        const auto end = svg.find('>', i);
        if (end == std::string::npos) return "'<' sans '>'";
        const std::string tag = svg.substr(i + 1, end - i - 1);
        if (tag.empty()) return "balise vide";
        if (tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return "fermeture inattendue " + tag;
            open.pop_back();
        } else {
            size_t n = 0;
            while (n < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[n])) || tag[n] == '-'))
                ++n;
            if (n == 0) return "nom de balise invalide: " + tag;
            if (open.empty() && ++roots > 1) return "plus d'une racine";
            if (tag.back() != '/') open.push_back(tag.substr(0, n));
        }
        i = end;
    }
    return open.empty() ? "" : "non fermée: " + open.back();
}

template <class T>
void expect_all_valid(const std::vector<T>& items, const char* what) {
    for (const auto& item : items) {
        auto r = validate(item);
        EXPECT_TRUE(r.has_value()) << what << " " << item.id << ": " << (r ? "" : r.error().message);
    }
}

template <class T>
void expect_local_ids(const std::vector<T>& items, const char* what) {
    for (size_t i = 0; i < items.size(); ++i) {
        EXPECT_EQ(items[i].id, static_cast<Id>(i + 1)) << what;
        EXPECT_EQ(items[i].site_id, 1) << what << " " << items[i].id;
    }
}

template <class T>
std::set<Id> ids_of(const std::vector<T>& items) {
    std::set<Id> out;
    for (const auto& x : items) out.insert(x.id);
    return out;
}

bool lower_ascii_email(const std::string& e) {
    return std::all_of(e.begin(), e.end(), [](unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '@';
    });
}

// The SVG of one floor: a standalone, well-formed plan with each desk label of the floor in
// exactly one <title>, and no desk of another floor.
void expect_plan_ok(const DemoSite& s, const Floor& f) {
    const std::string svg = plan_svg(s, f.id);
    SCOPED_TRACE("plan du niveau " + f.name);
    EXPECT_EQ(svg, f.plan_svg) << "floors[].plan_svg is plan_svg(site, floor)";
    EXPECT_TRUE(svg.starts_with("<svg")) << svg.substr(0, 80);
    EXPECT_NE(svg.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    EXPECT_NE(svg.find("viewBox=\""), std::string::npos);
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
    EXPECT_NE(svg.find("<title>Plan du niveau "), std::string::npos);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("href"), std::string::npos);
    EXPECT_TRUE(ampersands_escaped(svg));
    EXPECT_EQ(tag_problem(svg), "");
    for (const auto& d : s.desks) {
        const auto n = count_of(svg, "<title>" + d.label + "</title>");
        EXPECT_EQ(n, d.floor_id == f.id ? 1u : 0u) << d.label;
    }
    for (const auto& z : s.zones)
        if (z.floor_id == f.id) {
            EXPECT_NE(svg.find(">" + z.name + "<"), std::string::npos) << z.name;
        }
    for (const auto& sp : s.spaces)
        if (sp.floor_id == f.id) {
            EXPECT_NE(svg.find(">" + sp.name + "<"), std::string::npos) << sp.name;
        }
}

// What holds for any demo site: local ids, references, validation, uniqueness, geometry.
void expect_consistent(const DemoSite& s) {
    EXPECT_EQ(s.site.id, 1);
    EXPECT_TRUE(validate(s.site).has_value());
    expect_local_ids(s.floors, "floor");
    expect_local_ids(s.services, "service");
    expect_local_ids(s.zones, "zone");
    expect_local_ids(s.desks, "desk");
    expect_local_ids(s.spaces, "space");
    expect_local_ids(s.lockers, "locker");
    expect_local_ids(s.residents, "resident");
    expect_all_valid(s.floors, "floor");
    expect_all_valid(s.services, "service");
    expect_all_valid(s.zones, "zone");
    expect_all_valid(s.desks, "desk");
    expect_all_valid(s.spaces, "space");
    expect_all_valid(s.lockers, "locker");
    expect_all_valid(s.residents, "resident");

    const auto floors = ids_of(s.floors), services = ids_of(s.services), zones = ids_of(s.zones);
    std::map<Id, const Zone*> zone_by_id;
    for (const auto& z : s.zones) {
        zone_by_id[z.id] = &z;
        EXPECT_TRUE(floors.count(z.floor_id)) << z.name;
        ASSERT_TRUE(z.service_id.has_value()) << z.name;
        EXPECT_TRUE(services.count(*z.service_id)) << z.name;
    }

    std::set<std::string> desk_labels;
    std::set<std::pair<Id, std::pair<double, double>>> positions;  // (floor, (x, y)) of desks and spaces
    for (const auto& d : s.desks) {
        EXPECT_TRUE(desk_labels.insert(d.label).second) << "label en double " << d.label;
        EXPECT_TRUE(floors.count(d.floor_id)) << d.label;
        ASSERT_TRUE(d.zone_id.has_value()) << d.label;
        ASSERT_TRUE(zones.count(*d.zone_id)) << d.label;
        EXPECT_EQ(zone_by_id[*d.zone_id]->floor_id, d.floor_id) << d.label;
        EXPECT_TRUE(positions.insert({d.floor_id, {d.x, d.y}}).second) << "position en double " << d.label;
        EXPECT_GE(d.screens, 1);
        EXPECT_LE(d.screens, 2);
        EXPECT_TRUE(d.x > 0 && d.x < 1200 && d.y > 0 && d.y < 800) << d.label;
    }
    std::set<SpaceType> types;
    for (const auto& sp : s.spaces) {
        types.insert(sp.type);
        EXPECT_TRUE(floors.count(sp.floor_id)) << sp.name;
        if (sp.zone_id) {
            EXPECT_TRUE(zones.count(*sp.zone_id)) << sp.name;
        }
        EXPECT_TRUE(positions.insert({sp.floor_id, {sp.x, sp.y}}).second) << "position en double " << sp.name;
        EXPECT_TRUE(sp.x > 0 && sp.x < 1200 && sp.y > 0 && sp.y < 800) << sp.name;
    }
    EXPECT_EQ(types.size(), 5u) << "every SpaceType present";

    std::set<std::string> locker_labels;
    for (const auto& l : s.lockers) {
        EXPECT_TRUE(locker_labels.insert(l.label).second) << "casier en double " << l.label;
        EXPECT_TRUE(floors.count(l.floor_id)) << l.label;
    }

    std::set<std::string> emails;
    for (const auto& r : s.residents) {
        EXPECT_TRUE(emails.insert(r.email).second) << "adresse en double " << r.email;
        EXPECT_EQ(r.email, normalize_email(r.email));
        EXPECT_TRUE(lower_ascii_email(r.email)) << r.email;
        ASSERT_TRUE(r.service_id.has_value()) << r.email;
        EXPECT_TRUE(services.count(*r.service_id)) << r.email;
        EXPECT_TRUE(r.active);
    }

    for (const auto& f : s.floors) expect_plan_ok(s, f);
}

std::map<Role, int> role_counts(const DemoSite& s) {
    std::map<Role, int> n;
    for (const auto& r : s.residents) ++n[r.role];
    return n;
}

// Each service has exactly one référent.
void expect_one_referent_per_service(const DemoSite& s) {
    std::map<Id, int> referents;
    for (const auto& r : s.residents)
        if (r.role == Role::referent) ++referents[*r.service_id];
    for (const auto& svc : s.services) EXPECT_EQ(referents[svc.id], 1) << svc.code;
}

const Resident* by_email(const DemoSite& s, std::string_view email) {
    for (const auto& r : s.residents)
        if (r.email == email) return &r;
    return nullptr;
}

// ---------------------------------------------------------------------------------------
// Pilot

TEST(PilotSite, Counts) {
    const auto s = pilot_site();
    EXPECT_EQ(s.floors.size(), 1u);
    EXPECT_EQ(s.services.size(), 5u);
    EXPECT_EQ(s.zones.size(), 5u);
    EXPECT_EQ(s.residents.size(), 36u);
    EXPECT_EQ(s.desks.size(), 29u);
    EXPECT_EQ(s.spaces.size(), 7u);
    EXPECT_EQ(s.lockers.size(), 36u);
    EXPECT_EQ(s.site.time_zone, "Europe/Paris");
    EXPECT_EQ(s.site.booking_horizon_days, 28);
    EXPECT_DOUBLE_EQ(s.site.sub_m2, 576);
}

TEST(PilotSite, ServicesAndTheirQuartiers) {
    const auto s = pilot_site();
    std::vector<std::string> codes;
    for (const auto& svc : s.services) codes.push_back(svc.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"SGAR-MCM", "SGAR-PPE", "SGAR-PFRA", "PAJ", "DRDFE"}));
    // One quartier per service; each service has desks for fewer people than it has residents.
    std::map<Id, int> zones_of, desks_of, residents_of;
    std::map<Id, Id> service_of_zone;
    for (const auto& z : s.zones) ++zones_of[*z.service_id], service_of_zone[z.id] = *z.service_id;
    for (const auto& d : s.desks) ++desks_of[service_of_zone[*d.zone_id]];
    for (const auto& r : s.residents) ++residents_of[*r.service_id];
    for (const auto& svc : s.services) {
        EXPECT_EQ(zones_of[svc.id], 1) << svc.code;
        EXPECT_GT(desks_of[svc.id], 0) << svc.code;
        EXPECT_LT(desks_of[svc.id], residents_of[svc.id]) << svc.code;
    }
    EXPECT_EQ(residents_of[1], 10);
    EXPECT_EQ(desks_of[1], 8);
}

TEST(PilotSite, DeskAttributesAreVaried) {
    const auto s = pilot_site();
    int one_screen = 0, two_screens = 0, docks = 0, standing = 0, adapted = 0;
    for (const auto& d : s.desks) {
        (d.screens == 1 ? one_screen : two_screens) += 1;
        docks += d.dock, standing += d.standing, adapted += d.adapted;
    }
    EXPECT_GT(one_screen, 0);
    EXPECT_GT(two_screens, 0);
    EXPECT_GT(docks, 0);
    EXPECT_LT(docks, 29);
    EXPECT_EQ(standing, 2);
    EXPECT_GE(adapted, 1);
}

TEST(PilotSite, SpacesCoverEveryType) {
    const auto s = pilot_site();
    std::map<SpaceType, int> n;
    for (const auto& sp : s.spaces) ++n[sp.type];
    EXPECT_EQ(n[SpaceType::meeting_room], 2);
    EXPECT_EQ(n[SpaceType::bubble], 2);
    EXPECT_EQ(n[SpaceType::silence_room], 1);
    EXPECT_EQ(n[SpaceType::project_room], 1);
    EXPECT_EQ(n[SpaceType::convivial_area], 1);
}

TEST(PilotSite, IsConsistent) { expect_consistent(pilot_site()); }

TEST(PilotSite, Roles) {
    const auto s = pilot_site();
    auto n = role_counts(s);
    EXPECT_EQ(n[Role::admin], 1);
    EXPECT_EQ(n[Role::gestionnaire], 1);
    EXPECT_EQ(n[Role::referent], 5);
    EXPECT_EQ(n[Role::agent], 36 - 7);
    expect_one_referent_per_service(s);

    const auto* admin = by_email(s, "admin@pilote.escale.test");
    ASSERT_NE(admin, nullptr);
    EXPECT_EQ(admin->role, Role::admin);
    EXPECT_EQ(s.services[static_cast<size_t>(*admin->service_id - 1)].code, "SGAR-MCM");
    const auto* gestionnaire = by_email(s, "gestionnaire@pilote.escale.test");
    ASSERT_NE(gestionnaire, nullptr);
    EXPECT_EQ(gestionnaire->role, Role::gestionnaire);
}

TEST(PilotSite, EmailsAreFoldedNames) {
    const auto s = pilot_site();
    const std::regex shape(R"([a-z-]+\.[a-z-]+(\.[0-9]+)?@pilote\.escale\.test)");
    int fte_not_full = 0;
    for (const auto& r : s.residents) {
        if (r.role != Role::admin && r.role != Role::gestionnaire) {
            EXPECT_TRUE(std::regex_match(r.email, shape)) << r.email;
        }
        fte_not_full += r.fte_percent != 100;
        EXPECT_TRUE(r.fte_percent == 100 || r.fte_percent == 90 || r.fte_percent == 80 ||
                    r.fte_percent == 50)
            << r.email;
    }
    EXPECT_GT(fte_not_full, 0);
    EXPECT_LT(fte_not_full, 36 / 2);
    // Accents are stripped, compound names kept.
    const auto* helene = by_email(s, "helene.dupuis@pilote.escale.test");
    ASSERT_NE(helene, nullptr);
    EXPECT_EQ(helene->display_name, "Hélène Dupuis");
    EXPECT_NE(by_email(s, "pierre-yves.le-goff@pilote.escale.test"), nullptr);
}

TEST(PilotSite, IsTheSameEachTime) { EXPECT_TRUE(same_site(pilot_site(), pilot_site())); }

// ---------------------------------------------------------------------------------------
// Cité administrative

class CiteSite : public ::testing::Test {
protected:
    static const DemoSite& site() {
        static const DemoSite s = cite_site();
        return s;
    }
};

TEST_F(CiteSite, Counts) {
    const auto& s = site();
    EXPECT_EQ(s.floors.size(), 5u);
    EXPECT_EQ(s.services.size(), 10u);
    EXPECT_EQ(s.residents.size(), 850u);
    EXPECT_EQ(s.desks.size(), 750u);
    EXPECT_EQ(s.lockers.size(), 850u);
    EXPECT_GE(s.spaces.size(), 5u * 15);
    EXPECT_LE(s.spaces.size(), 5u * 25);
    EXPECT_DOUBLE_EQ(s.site.sub_m2, 13600);
    for (const auto& svc : s.services)
        EXPECT_TRUE(std::regex_match(svc.code, std::regex("[A-Z0-9_-]+"))) << svc.code;
}

TEST_F(CiteSite, IsConsistent) { expect_consistent(site()); }

TEST_F(CiteSite, Roles) {
    const auto& s = site();
    auto n = role_counts(s);
    EXPECT_EQ(n[Role::admin], 1);
    EXPECT_EQ(n[Role::gestionnaire], 1);
    EXPECT_EQ(n[Role::referent], 10);
    EXPECT_EQ(n[Role::agent], 850 - 12);
    expect_one_referent_per_service(s);
    ASSERT_NE(by_email(s, "admin@cite.escale.test"), nullptr);
    EXPECT_EQ(by_email(s, "admin@cite.escale.test")->role, Role::admin);
    ASSERT_NE(by_email(s, "gestionnaire@cite.escale.test"), nullptr);
    EXPECT_EQ(by_email(s, "gestionnaire@cite.escale.test")->role, Role::gestionnaire);
    const std::regex shape(R"([a-z-]+\.[a-z-]+\.[0-9]+@cite\.escale\.test)");
    for (const auto& r : s.residents)
        if (r.role != Role::admin && r.role != Role::gestionnaire) {
            EXPECT_TRUE(std::regex_match(r.email, shape)) << r.email;
        }
}

// The floor/quartier structure, checked for several seeds.
void expect_cite_layout(const DemoSite& s) {
    std::map<Id, int> desks_on_floor, zones_on_floor, desks_in_zone, residents_of, desks_of, zones_of;
    std::map<Id, Id> service_of_zone;
    for (const auto& z : s.zones) {
        ++zones_on_floor[z.floor_id], ++zones_of[*z.service_id];
        service_of_zone[z.id] = *z.service_id;
    }
    for (const auto& d : s.desks) {
        ++desks_on_floor[d.floor_id], ++desks_in_zone[*d.zone_id];
        ++desks_of[service_of_zone[*d.zone_id]];
    }
    for (const auto& r : s.residents) ++residents_of[*r.service_id];
    for (const auto& f : s.floors) {
        EXPECT_EQ(desks_on_floor[f.id], 150) << f.name;
        EXPECT_GE(zones_on_floor[f.id], 2) << f.name;
        EXPECT_LE(zones_on_floor[f.id], 3) << f.name;
    }
    for (const auto& z : s.zones) EXPECT_GE(desks_in_zone[z.id], 20) << "no crumbs: " << z.name;
    std::set<int> headcounts;
    for (const auto& svc : s.services) {
        EXPECT_GE(zones_of[svc.id], 1) << svc.code << " has a home quartier";
        // Desks in proportion to headcount: 750/850 of it, to the nearest desk.
        const double share = 750.0 * residents_of[svc.id] / 850.0;
        EXPECT_LT(std::abs(desks_of[svc.id] - share), 1.0) << svc.code;
        headcounts.insert(residents_of[svc.id]);
    }
    EXPECT_GE(headcounts.size(), 5u) << "headcounts are uneven";
}

TEST_F(CiteSite, FloorsAndQuartiers) { expect_cite_layout(site()); }

TEST(CiteSiteSeeds, LayoutHoldsForOtherSeeds) {
    for (unsigned seed : {0u, 1u, 2u, 7u, 42u, 1234u, 99999u}) {
        SCOPED_TRACE(seed);
        const auto s = cite_site(seed);
        EXPECT_EQ(s.residents.size(), 850u);
        EXPECT_EQ(s.desks.size(), 750u);
        expect_cite_layout(s);
    }
}

TEST_F(CiteSite, SpacesOnEveryFloor) {
    const auto& s = site();
    std::map<Id, std::set<SpaceType>> types_on;
    std::map<Id, int> n_on;
    for (const auto& sp : s.spaces) types_on[sp.floor_id].insert(sp.type), ++n_on[sp.floor_id];
    for (const auto& f : s.floors) {
        EXPECT_EQ(types_on[f.id].size(), 5u) << f.name;
        EXPECT_GE(n_on[f.id], 15) << f.name;
        EXPECT_LE(n_on[f.id], 25) << f.name;
    }
}

TEST_F(CiteSite, EveryQuartierHasAnAdaptedDesk) {
    const auto& s = site();
    std::set<Id> with_adapted;
    for (const auto& d : s.desks)
        if (d.adapted) with_adapted.insert(*d.zone_id);
    EXPECT_EQ(with_adapted.size(), s.zones.size());
}

TEST(CiteSiteSeeds, SameSeedSameSite) {
    EXPECT_TRUE(same_site(cite_site(7), cite_site(7)));
    EXPECT_TRUE(same_site(cite_site(), cite_site(2026)));
}

TEST(CiteSiteSeeds, OtherSeedOtherSite) {
    const auto a = cite_site(2026), b = cite_site(2027);
    EXPECT_FALSE(same_site(a, b));
    std::vector<std::string> names_a, names_b;
    for (const auto& r : a.residents) names_a.push_back(r.display_name);
    for (const auto& r : b.residents) names_b.push_back(r.display_name);
    EXPECT_NE(names_a, names_b);
}

// ---------------------------------------------------------------------------------------
// Plans

TEST(PlanSvg, EscapesEveryText) {
    auto s = pilot_site();
    s.site.name = "Site & Cie";
    s.floors[0].name = "Niveau \"3\"";
    s.zones[0].name = "R&D <Pôle> 'A'";
    s.desks[0].label = "<&>";
    s.spaces[0].name = "Salle <&>";
    const auto svg = plan_svg(s, 1);
    EXPECT_NE(svg.find("<title>Plan du niveau Niveau &quot;3&quot; — Site &amp; Cie</title>"),
              std::string::npos);
    EXPECT_NE(svg.find(">R&amp;D &lt;Pôle&gt; &apos;A&apos;<"), std::string::npos);
    EXPECT_NE(svg.find("<title>&lt;&amp;&gt;</title>"), std::string::npos);
    EXPECT_NE(svg.find(">Salle &lt;&amp;&gt;<"), std::string::npos);
    EXPECT_EQ(svg.find("<&>"), std::string::npos);
    EXPECT_TRUE(ampersands_escaped(svg));
    EXPECT_EQ(tag_problem(svg), "");
}

TEST(PlanSvg, IgnoresStoredPlans) {
    auto s = pilot_site();
    const auto before = plan_svg(s, 1);
    s.floors[0].plan_svg = "<svg>n'importe quoi & autre</svg>";
    EXPECT_EQ(plan_svg(s, 1), before);
}

TEST(PlanSvg, UnknownFloorIsAnEmptyPlan) {
    const auto s = pilot_site();
    const auto svg = plan_svg(s, 99);
    EXPECT_TRUE(svg.starts_with("<svg"));
    EXPECT_EQ(tag_problem(svg), "");
    EXPECT_EQ(count_of(svg, "class=\"poste\""), 0u);
}

TEST(PlanSvg, StaysSmall) {
    const auto& s = cite_site();
    for (const auto& f : s.floors) EXPECT_LT(f.plan_svg.size(), 100'000u) << f.name;
}

TEST(PlanSvgHelpers, CheckersCatchBrokenMarkup) {
    EXPECT_FALSE(ampersands_escaped("<svg>a & b</svg>"));
    EXPECT_TRUE(ampersands_escaped("<svg>a &amp; b &#233;</svg>"));
    EXPECT_NE(tag_problem("<svg><g></svg>"), "");
    EXPECT_NE(tag_problem("<svg>a < b</svg>"), "");
    EXPECT_EQ(tag_problem("<svg><g><rect/></g></svg>"), "");
}

// lockers
TEST(PilotSite, MostPeopleHoldALockerOfTheirQuartier) {
    const auto s = pilot_site();
    // 34 service members (the two site accounts hold none), the last of each of the five
    // services without: 29 holders, 7 lockers left free.
    ASSERT_EQ(s.locker_holders.size(), 29u);
    std::set<LockerId> lockers;
    std::set<ResidentId> people;
    int in_own_quartier = 0;
    for (const auto& h : s.locker_holders) {
        EXPECT_TRUE(lockers.insert(h.locker_id).second) << "casier attribué deux fois " << h.locker_id;
        EXPECT_TRUE(people.insert(h.resident_id).second) << "deux casiers pour " << h.resident_id;
        const auto& r = s.residents.at(static_cast<size_t>(h.resident_id - 1));
        const auto& l = s.lockers.at(static_cast<size_t>(h.locker_id - 1));
        EXPECT_NE(r.role, Role::admin);
        EXPECT_NE(r.role, Role::gestionnaire);
        ASSERT_TRUE(l.zone_id);
        in_own_quartier += r.service_id == *l.zone_id;  // quartier k is service k's
    }
    EXPECT_GE(in_own_quartier, 25);
}

}  // namespace
}  // namespace escale::demo
