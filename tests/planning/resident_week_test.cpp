// SPDX-License-Identifier: EUPL-1.2
// One resident's week (planning/resident_week.hpp): the sets of days a declared telework
// pattern gives, by hand on small cases; team days; measured presence; refused figures.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "planning/resident_week.hpp"

namespace escale::planning {
namespace {

constexpr WeekMask monday = 1, tuesday = 2, wednesday = 4, thursday = 8, friday = 16, all_days = 31;

ResidentWeek of(const TeleworkPattern& p, const Weekdays& team = {}) {
    auto w = ResidentWeek::of_pattern(p, team);
    EXPECT_TRUE(w) << w.error().message;
    return *w;
}

double total(const ResidentWeek& w) {
    return std::accumulate(w.probabilities().begin(), w.probabilities().end(), 0.0);
}

TEST(ResidentWeek, AlwaysOnSiteWithoutAbsence) {
    auto w = of({.absence_rate = 0});
    EXPECT_DOUBLE_EQ(w.probability(all_days), 1.0);
    EXPECT_DOUBLE_EQ(total(w), 1.0);
}

TEST(ResidentWeek, FixedTeleworkDaysAndAbsence) {
    // Monday and Friday at home; each of the three other days present with probability 0.8.
    auto w = of({.fixed_telework = {true, false, false, false, true}, .absence_rate = 0.2});
    auto daily = w.daily_presence();
    EXPECT_DOUBLE_EQ(daily[0], 0.0);
    EXPECT_DOUBLE_EQ(daily[4], 0.0);
    for (int d = 1; d <= 3; ++d) EXPECT_NEAR(daily[d], 0.8, 1e-15);
    EXPECT_NEAR(w.probability(tuesday | wednesday | thursday), 0.8 * 0.8 * 0.8, 1e-15);
    EXPECT_NEAR(w.probability(tuesday), 0.8 * 0.2 * 0.2, 1e-15);
    EXPECT_DOUBLE_EQ(w.probability(monday | tuesday), 0.0);
    EXPECT_NEAR(total(w), 1.0, 1e-15);
}

TEST(ResidentWeek, OneFloatingDayLinksTheDaysOfAWeek) {
    // Exactly four days a week, the free one chosen evenly: each day 4/5, never five days.
    auto w = of({.floating_telework_days = 1, .absence_rate = 0});
    for (double p : w.daily_presence()) EXPECT_NEAR(p, 0.8, 1e-15);
    EXPECT_DOUBLE_EQ(w.probability(all_days), 0.0);
    EXPECT_NEAR(w.probability(all_days & ~friday), 0.2, 1e-15);
    // Independent days with the same daily figure would give five days 0.8^5 of the time.
}

TEST(ResidentWeek, TeamDayIsAttendedEvenOnAFixedTeleworkDay) {
    Weekdays team{true, false, false, false, false};  // Monday
    auto w = of({.fixed_telework = {true, false, false, false, false}, .absence_rate = 0.1}, team);
    EXPECT_NEAR(w.daily_presence()[0], 0.9, 1e-15);
}

TEST(ResidentWeek, FloatingDaysAvoidTheTeamDay) {
    // Two floating days among Monday, Wednesday, Thursday, Friday (Tuesday is the team day):
    // each of those present half the time, Tuesday always (no absence).
    Weekdays team{false, true, false, false, false};
    auto w = of({.floating_telework_days = 2, .absence_rate = 0}, team);
    auto daily = w.daily_presence();
    EXPECT_NEAR(daily[1], 1.0, 1e-15);
    for (int d : {0, 2, 3, 4}) EXPECT_NEAR(daily[d], 0.5, 1e-15);
    EXPECT_NEAR(w.probability(tuesday | wednesday | thursday), 1.0 / 6, 1e-15);
}

TEST(ResidentWeek, MoreFloatingDaysThanFreeDaysLeavesOnlyTheTeamDays) {
    Weekdays team{false, false, false, true, false};
    auto w = of({.floating_telework_days = 5, .absence_rate = 0}, team);
    EXPECT_DOUBLE_EQ(w.probability(thursday), 1.0);
}

TEST(ResidentWeek, PartTimeScalesEachPlannedDay) {
    auto w = of({.absence_rate = 0.2, .fte = 0.5});
    for (double p : w.daily_presence()) EXPECT_NEAR(p, 0.4, 1e-15);
}

TEST(ResidentWeek, MeasuredPresenceHasIndependentDays) {
    auto w = ResidentWeek::of_daily_presence({0.1, 0.9, 0.5, 0.9, 0.2});
    ASSERT_TRUE(w);
    auto daily = w->daily_presence();
    DailyPresence expected{0.1, 0.9, 0.5, 0.9, 0.2};
    for (int d = 0; d < weekdays; ++d) EXPECT_NEAR(daily[d], expected[d], 1e-15);
    EXPECT_NEAR(w->probability(tuesday | thursday), 0.9 * 0.9 * 0.9 * 0.5 * 0.8, 1e-15);
    EXPECT_NEAR(total(*w), 1.0, 1e-15);
}

TEST(ResidentWeek, RefusesFiguresOutOfRange) {
    auto absent = ResidentWeek::of_pattern({.absence_rate = 1.5});
    ASSERT_FALSE(absent);
    EXPECT_EQ(absent.error().code, "invalid_field");
    EXPECT_NE(absent.error().message.find("absence_rate"), std::string::npos);
    EXPECT_FALSE(ResidentWeek::of_pattern({.fte = -0.1}));
    EXPECT_FALSE(ResidentWeek::of_pattern({.floating_telework_days = 6}));
    EXPECT_FALSE(ResidentWeek::of_pattern({.floating_telework_days = -1}));
    EXPECT_FALSE(ResidentWeek::of_daily_presence({0.5, 0.5, std::nan(""), 0.5, 0.5}));
    EXPECT_FALSE(ResidentWeek::of_daily_presence({0.5, 0.5, 0.5, 0.5, 1.01}));
}

}  // namespace
}  // namespace escale::planning
