// SPDX-License-Identifier: EUPL-1.2
// Simulated weeks (planning/week_simulation.hpp): daily estimates agree with the exact
// Poisson-binomial figures, whole-week figures are consistent with the daily ones, weeks
// whose days are linked come out as they must, and a seed gives the same figures again.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "planning/sizing.hpp"
#include "planning/week_simulation.hpp"

namespace escale::planning {
namespace {

std::vector<ResidentWeek> mixed_site() {
    std::vector<ResidentWeek> r;
    for (int i = 0; i < 20; ++i)
        r.push_back(*ResidentWeek::of_pattern({.floating_telework_days = 2}, {false, true, false, false, false}));
    for (int i = 0; i < 16; ++i)
        r.push_back(*ResidentWeek::of_pattern({.fixed_telework = {false, false, true, false, true}, .fte = 0.8}));
    return r;
}

// |estimate - exact| within four standard errors (the interval is 1.96 of them): a fixed
// seed makes the test deterministic, the margin makes it honest.
void expect_close(const Estimate& e, double exact) {
    double se = (e.high - e.low) / (2 * 1.959963984540054);
    EXPECT_NEAR(e.value, exact, 4 * se + 1e-12) << "interval [" << e.low << ", " << e.high << "]";
}

TEST(WeekSimulation, DailyEstimatesMatchTheExactDistribution) {
    auto residents = mixed_site();
    int desks = 24;
    auto exact = daily_demand(residents);
    auto sim = simulate_weeks(residents, desks, {.weeks = 40000, .seed = 7});
    ASSERT_TRUE(sim) << sim.error().message;
    for (int d = 0; d < weekdays; ++d) {
        expect_close(sim->mean_demand[d], exact[d].mean());
        expect_close(sim->shortage_probability[d], exact[d].shortage_probability(desks));
        EXPECT_LE(sim->mean_demand[d].low, sim->mean_demand[d].value);
        EXPECT_GE(sim->mean_demand[d].high, sim->mean_demand[d].value);
    }
}

TEST(WeekSimulation, WholeWeekFiguresBoundByTheDays) {
    auto residents = mixed_site();
    auto sim = simulate_weeks(residents, 24, {.weeks = 20000, .seed = 3});
    ASSERT_TRUE(sim);
    double worst_day = 0, any_day = 0, busiest_daily_mean = 0;
    for (int d = 0; d < weekdays; ++d) {
        worst_day = std::max(worst_day, sim->shortage_probability[d].value);
        any_day += sim->shortage_probability[d].value;
        busiest_daily_mean = std::max(busiest_daily_mean, sim->mean_demand[d].value);
    }
    EXPECT_GE(sim->week_shortage_probability.value, worst_day);
    EXPECT_LE(sim->week_shortage_probability.value, any_day + 1e-12);
    EXPECT_GE(sim->busiest_day_mean.value, busiest_daily_mean);
    EXPECT_GE(sim->busiest_day_p95, static_cast<int>(busiest_daily_mean));
}

TEST(WeekSimulation, LinkedDaysKeepTheWeeklyTotal) {
    // Five people who come exactly four days a week: 20 person-days every single week, so
    // the busiest day holds at least 4 and the five daily means add up to 20 exactly.
    std::vector<ResidentWeek> r(5, *ResidentWeek::of_pattern({.floating_telework_days = 1, .absence_rate = 0}));
    auto sim = simulate_weeks(r, 5, {.weeks = 5000, .seed = 11});
    ASSERT_TRUE(sim);
    double sum = 0;
    for (auto& e : sim->mean_demand) sum += e.value;
    EXPECT_NEAR(sum, 20.0, 1e-9);
    EXPECT_GE(sim->busiest_day_mean.value, 4.0);
    EXPECT_DOUBLE_EQ(sim->week_shortage_probability.value, 0.0);
    EXPECT_DOUBLE_EQ(sim->without_desk_per_week.value, 0.0);
}

TEST(WeekSimulation, SameSeedSameFigures) {
    auto residents = mixed_site();
    auto a = simulate_weeks(residents, 24, {.weeks = 3000, .seed = 42});
    auto b = simulate_weeks(residents, 24, {.weeks = 3000, .seed = 42});
    auto c = simulate_weeks(residents, 24, {.weeks = 3000, .seed = 43});
    ASSERT_TRUE(a && b && c);
    EXPECT_EQ(a->busiest_day_mean.value, b->busiest_day_mean.value);
    EXPECT_EQ(a->without_desk_per_week.value, b->without_desk_per_week.value);
    EXPECT_NE(a->busiest_day_mean.value, c->busiest_day_mean.value);
}

TEST(WeekSimulation, ReportsProgress) {
    std::vector<double> seen;
    auto residents = mixed_site();
    auto sim = simulate_weeks(residents, 24, {.weeks = 1000, .seed = 1, .progress = [&](double p) { seen.push_back(p); }});
    ASSERT_TRUE(sim);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

TEST(WeekSimulation, RefusesFiguresOutOfRange) {
    auto residents = mixed_site();
    EXPECT_EQ(simulate_weeks(residents, -1, {}).error().code, "invalid_field");
    EXPECT_FALSE(simulate_weeks(residents, 3, {.weeks = 0}));
    EXPECT_FALSE(simulate_weeks(residents, 3, {.weeks = 20'000'000}));
}

}  // namespace
}  // namespace escale::planning
