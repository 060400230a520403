// SPDX-License-Identifier: EUPL-1.2
// Scenarios (planning/scenario.hpp) on cases small enough to check by hand: the pooling
// effect of two quartiers against one shared pool, the slack of each pool, the surface per
// resident against 16 and 18 m², team days planned apart (or together when a pair says so)
// for declared patterns, measured services kept as measured, and every refusal.
#include <gtest/gtest.h>

#include "planning/scenario.hpp"

using namespace escale::planning;

namespace {

ScenarioService measured(std::string name, int residents, double p, std::optional<std::string> quartier) {
    ScenarioService s;
    s.name = std::move(name);
    s.residents = residents;
    s.measured = DailyPresence{p, p, p, p, p};
    s.quartier = std::move(quartier);
    return s;
}

// Someone who comes only on their service's team day: 4 floating telework days, never absent.
ScenarioService team_only(std::string name, int residents) {
    ScenarioService s;
    s.name = std::move(name);
    s.residents = residents;
    s.pattern = TeleworkPattern{.fixed_telework = {}, .floating_telework_days = 4, .absence_rate = 0, .fte = 1};
    s.team_days = 1;
    return s;
}

Scenario two_quartiers() {
    Scenario s;
    s.services = {measured("A", 2, 0.5, "Nord"), measured("B", 2, 0.5, "Sud")};
    s.quartiers = {{"Nord", 2}, {"Sud", 2}};
    s.desks = 4;
    s.epsilon = 0.1;
    return s;
}

}  // namespace

TEST(Scenario, PoolingNeedsFewerDesksThanQuartiersKeptApart) {
    auto r = run_scenario(two_quartiers());
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->residents, 4);
    // Each quartier: 2 residents at 1/2, P(N > 1) = 1/4 > 0.1, so 2 desks each: 4 apart.
    ASSERT_EQ(r->quartiers.size(), 2u);
    EXPECT_EQ(r->quartiers[0].sizing.desks_needed, 2);
    EXPECT_EQ(r->quartiers[0].slack, 0);
    EXPECT_EQ(r->quartiers[1].services, std::vector<int>{1});
    EXPECT_EQ(r->desks_needed_separate, 4);
    // Shared: 4 residents at 1/2, P(N > 3) = 1/16 <= 0.1 < P(N > 2) = 5/16: 3 desks.
    EXPECT_EQ(r->desks_needed_pooled, 3);
    EXPECT_EQ(r->building.slack, 1);
    EXPECT_DOUBLE_EQ(r->building.sizing.days[2].mean_demand, 2.0);
    EXPECT_DOUBLE_EQ(r->building.sizing.days[2].shortage_probability, 0.0);  // 4 desks for 4
    EXPECT_FALSE(r->shared);  // every service has its quartier
    EXPECT_FALSE(r->team_days_planned);
    EXPECT_FALSE(r->surface);
}

TEST(Scenario, ServicesWithoutAQuartierDrawOnTheDesksLeftOutside) {
    auto s = two_quartiers();
    s.services.push_back(measured("C", 1, 1.0, std::nullopt));
    s.desks = 4;  // nothing left outside the quartiers: the one always there finds no desk
    auto r = run_scenario(s);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_TRUE(r->shared);
    EXPECT_EQ(r->shared->sizing.desks, 0);
    EXPECT_DOUBLE_EQ(r->shared->sizing.days[0].shortage_probability, 1.0);
    EXPECT_EQ(r->shared->slack, -1);
    EXPECT_EQ(r->desks_needed_separate, 5);
}

TEST(Scenario, SurfacePerResidentAgainstTargetAndCeiling) {
    auto s = two_quartiers();
    for (auto [m2, per, verdict] : {std::tuple{64.0, 16.0, SurfaceVerdict::within_target},
                                    std::tuple{70.0, 17.5, SurfaceVerdict::above_target},
                                    std::tuple{80.0, 20.0, SurfaceVerdict::above_ceiling}}) {
        s.sub_m2 = m2;
        auto r = run_scenario(s);
        ASSERT_TRUE(r && r->surface);
        EXPECT_DOUBLE_EQ(r->surface->sub_m2_per_resident, per);
        EXPECT_EQ(r->surface->verdict, verdict);
    }
    EXPECT_FALSE(check_surface(100, 0));
}

TEST(Scenario, TeamDaysArePlannedApartUnlessAPairSaysTogether) {
    Scenario s;
    s.services = {team_only("A", 3), team_only("B", 3), measured("M", 1, 0.0, std::nullopt)};
    s.desks = 6;
    std::vector<double> progress;
    auto r = run_scenario(s, [&](double p) { progress.push_back(p); });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->team_days_planned);
    EXPECT_TRUE(r->team_days_optimal);
    EXPECT_NE(r->team_days[0], r->team_days[1]);
    EXPECT_EQ(r->team_days[2], Weekdays{});  // measured: no team day
    EXPECT_EQ(r->team_days_peak, 3);
    int busiest = 0;
    for (auto& d : r->building.sizing.days) busiest = std::max(busiest, d.p95);
    EXPECT_EQ(busiest, 3);
    ASSERT_FALSE(progress.empty());
    EXPECT_DOUBLE_EQ(progress.back(), 1.0);

    s.pairs = {{.a = 0, .b = 1, .together = true}};
    r = run_scenario(s);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->team_days[0], r->team_days[1]);
    EXPECT_EQ(r->team_days_peak, 6);
}

TEST(Scenario, RefusesWhatCannotBe) {
    auto refused = [](const Scenario& s, const std::string& field) {
        auto r = run_scenario(s);
        ASSERT_FALSE(r) << field;
        EXPECT_EQ(r.error().code, "invalid_field") << field;
        EXPECT_NE(r.error().message.find(field), std::string::npos) << r.error().message;
    };
    auto s = two_quartiers();
    s.services[0].measured = DailyPresence{0.5, 1.2, 0.5, 0.5, 0.5};
    refused(s, "services[0].presence");
    s = two_quartiers();
    s.services[1].pattern = TeleworkPattern{};
    refused(s, "services[1]");
    s = two_quartiers();
    s.services[0].residents = -1;
    refused(s, "services[0].residents");
    s = two_quartiers();
    s.services[0].quartier = "Est";
    refused(s, "services[0].quartier");
    s = two_quartiers();
    s.desks = 3;
    refused(s, "desks");
    s = two_quartiers();
    s.epsilon = 1.0;
    refused(s, "epsilon");
    s = two_quartiers();
    s.epsilon = 0.0;
    refused(s, "epsilon");
    s = two_quartiers();
    s.quartiers[1].name = "Nord";
    refused(s, "quartiers[1].name");
    s = two_quartiers();
    s.services[0].team_days = 1;
    refused(s, "services[0].team_days");
    s = two_quartiers();
    s.sub_m2 = -5;
    refused(s, "sub_m2");
    s = two_quartiers();
    s.pairs = {{.a = 0, .b = 1, .together = true}};
    refused(s, "pairs[0]");
}
