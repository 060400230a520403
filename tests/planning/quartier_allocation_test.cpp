// SPDX-License-Identifier: EUPL-1.2
// Quartier allocation (planning/quartier_allocation.hpp): the seating of excess demand in
// touching quartiers worked out by hand with people who always come, the search against every
// allocation of sites small enough to enumerate, and refused figures.
#include <gtest/gtest.h>

#include <functional>
#include <tuple>

#include "planning/quartier_allocation.hpp"

namespace escale::planning {
namespace {

// People who come every day: the demand is their number, exactly.
ServiceToPlace always_there(std::string name, int residents) {
    return {.name = std::move(name), .members = {{{.absence_rate = 0.0}, residents}}, .team_days = {}};
}

ServiceToPlace teleworking(std::string name, int residents, Weekdays team_days = {}) {
    return {.name = std::move(name), .members = {{{.floating_telework_days = 2}, residents}}, .team_days = team_days};
}

// Q0 (floor A, 10 desks) touches Q1 (floor A, 5 desks) and Q2 (floor B, 10 desks).
QuartierProblem three_quartiers() {
    QuartierProblem p;
    p.quartiers = {{"Q0", "A", 10, {1, 2}}, {"Q1", "A", 5, {}}, {"Q2", "B", 10, {}}};
    return p;
}

TEST(QuartierAllocation, ExcessGoesToTouchingQuartiersSameFloorFirst) {
    auto p = three_quartiers();
    p.services = {always_there("X", 18)};
    auto a = evaluate_quartiers(p, {0});
    ASSERT_TRUE(a) << a.error().message;
    // 8 too many in Q0: 5 in Q1 on the same floor, 3 in Q2 upstairs; nobody left standing.
    for (std::size_t d = 0; d < weekdays; ++d) {
        EXPECT_EQ(a->quartiers[0].demand[d], 18);
        EXPECT_EQ(a->quartiers[0].sent[d], 8);
        EXPECT_EQ(a->quartiers[1].received[d], 5);
        EXPECT_EQ(a->quartiers[2].received[d], 3);
        EXPECT_EQ(a->unseated[d], 0);
        EXPECT_EQ(a->cross_floor[d], 3);
    }
    EXPECT_EQ(a->quartiers[0].slack, -8);
    EXPECT_EQ(a->least_slack, -8);
    EXPECT_FALSE(a->services[0].fits_alone);
    EXPECT_EQ(a->services[0].worst_demand, 18);

    // 30 people: 20 too many, 15 seated next door, 5 without a desk.
    p.services = {always_there("X", 30)};
    a = evaluate_quartiers(p, {0});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->worst_unseated, 5);
    EXPECT_EQ(a->worst_cross_floor, 10);

    // Q1 and Q2 do not touch each other: excess in Q1 cannot reach Q2.
    p.services = {always_there("X", 9), always_there("Y", 7)};
    a = evaluate_quartiers(p, {1, 2});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->worst_unseated, 0);  // Q1 has 9 for 5 desks; Q0, empty, takes the other 4
    EXPECT_EQ(a->worst_cross_floor, 0);
    EXPECT_EQ(a->quartiers[1].sent[0], 4);
    EXPECT_EQ(a->quartiers[0].received[0], 4);
}

TEST(QuartierAllocation, TheSearchFindsTheBestAllocationOfAnEnumerableSite) {
    auto p = three_quartiers();
    p.quartiers.push_back({"Q3", "B", 8, {2}});
    p.services = {teleworking("A", 16), teleworking("B", 11, {false, true, false, false, false}),
                  teleworking("C", 9, {false, true, false, false, false}), always_there("D", 6)};
    auto best = std::tuple(1 << 30, 1 << 30, 1 << 30);
    std::vector<int> home(p.services.size());
    std::function<void(std::size_t)> walk = [&](std::size_t s) {
        if (s == home.size()) {
            auto a = evaluate_quartiers(p, home);
            ASSERT_TRUE(a);
            best = std::min(best, std::tuple(a->worst_unseated, a->worst_cross_floor, -a->least_slack));
            return;
        }
        for (int q = 0; q < static_cast<int>(p.quartiers.size()); ++q) {
            home[s] = q;
            walk(s + 1);
        }
    };
    walk(0);
    auto found = allocate_quartiers(p);
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ(std::tuple(found->worst_unseated, found->worst_cross_floor, -found->least_slack), best);
    EXPECT_TRUE(found->proven_best);
    // What it reports is what that allocation gives.
    std::vector<int> chosen;
    for (auto& s : found->services) chosen.push_back(s.quartier);
    auto again = evaluate_quartiers(p, chosen);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->least_slack, found->least_slack);
    EXPECT_EQ(again->unseated, found->unseated);
}

TEST(QuartierAllocation, TwoServicesOfATeamDayAreKeptApartWhenTheyWouldOverflow) {
    // Two quartiers of 12 desks on different floors, not touching; two services of 10 with
    // the same team day: together they overflow on Tuesday, one in each fits.
    QuartierProblem p;
    p.quartiers = {{"Nord", "1", 12, {}}, {"Sud", "2", 12, {}}};
    Weekdays tuesday{false, true, false, false, false};
    p.services = {teleworking("A", 10, tuesday), teleworking("B", 10, tuesday)};
    auto a = allocate_quartiers(p);
    ASSERT_TRUE(a);
    EXPECT_NE(a->services[0].quartier, a->services[1].quartier);
    EXPECT_EQ(a->worst_unseated, 0);
    EXPECT_GE(a->least_slack, 0);
}

// Too many allocations to judge them all (8 quartiers, 9 services): the search still finds
// the one where every service has its own quartier on its floor, and reports it exactly.
TEST(QuartierAllocation, TheSearchOfALargerSiteSeatsEveryone) {
    QuartierProblem p;
    for (int i = 0; i < 8; ++i)
        p.quartiers.push_back({"Q" + std::to_string(i), i < 4 ? "1" : "2", 14 + 2 * i, {}});
    for (int i = 0; i < 7; ++i) p.quartiers[static_cast<std::size_t>(i)].touches = {i + 1};
    for (int i = 0; i < 8; ++i) p.services.push_back(always_there("S" + std::to_string(i), 14 + 2 * i));
    p.services.push_back(always_there("petit", 0));
    auto a = allocate_quartiers(p);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_FALSE(a->proven_best);
    EXPECT_EQ(a->worst_unseated, 0);
    EXPECT_EQ(a->worst_cross_floor, 0);
    EXPECT_EQ(a->least_slack, 0);
    for (std::size_t s = 0; s < 8; ++s) EXPECT_EQ(a->services[s].quartier, static_cast<int>(s));
}

TEST(QuartierAllocation, RefusesFiguresOutOfRange) {
    auto p = three_quartiers();
    p.services = {always_there("X", 3)};
    p.quartiers[0].touches = {0};
    EXPECT_EQ(allocate_quartiers(p).error().code, "invalid_field");
    p = three_quartiers();
    p.quartiers[1].desks = -1;
    EXPECT_FALSE(allocate_quartiers(p));
    p = three_quartiers();
    p.level = 1.5;
    EXPECT_FALSE(allocate_quartiers(p));
    EXPECT_FALSE(allocate_quartiers(QuartierProblem{}));
    p = three_quartiers();
    p.services = {always_there("X", 3)};
    EXPECT_FALSE(evaluate_quartiers(p, {3}));
    EXPECT_FALSE(evaluate_quartiers(p, {}));
}

}  // namespace
}  // namespace escale::planning
