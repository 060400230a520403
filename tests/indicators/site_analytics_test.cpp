// SPDX-License-Identifier: EUPL-1.2
// Occupancy analytics (issue 13, item 1) on a small hand-made history whose figures are
// worked out by hand in the comments: rates, peak and P95, weekday profile, quartier
// overflow, demand turned away, collective spaces, flash counts, and the minimum group size.
#include <gtest/gtest.h>

#include "indicators/demand_percentile.hpp"
#include "indicators/flash_comparison.hpp"
#include "indicators/site_analytics.hpp"

namespace escale::indicators {
namespace {

Date day(int d) { return Date{date::year{2026} / 3 / d}; }  // 2 March 2026 is a Monday

// Two floors; SGAR (6 people) has quartier 21 on floor 1 (2 desks), DRFIP (5) quartier 22 on
// floor 2 (2 desks); the Cabinet (2 people) has no quartier. Open: Monday 2 and Tuesday 3.
//   Mon am  floor 1, q21, SGAR    booked 2, checked in 1, no-show 1
//   Mon am  floor 2, q22, DRFIP   booked 1, checked in 1
//   Mon pm  floor 2, q22, SGAR    booked 1, checked in 1   (outside SGAR's quartier)
//   Tue am  floor 1, q21, Cabinet booked 1                 (no quartier: no overflow)
AnalyticsFacts history() {
    AnalyticsFacts f;
    f.site_name = "Pilote";
    f.floors = {{1, "Niveau 1"}, {2, "Niveau 2"}};
    f.zones = {{21, 1, "Quartier SGAR", 1}, {22, 2, "Quartier DRFIP", 2}};
    f.desks = {{1, 21}, {1, 21}, {2, 22}, {2, 22}};
    f.services = {{1, "SGAR", 6}, {2, "DRFIP", 5}, {3, "Cabinet", 2}};
    f.open_days = {day(2), day(3)};
    f.space_hours_per_day = 11;
    f.desk_usage = {{day(2), Half::am, 1, 21, 1, 2, 1, 1},
                    {day(2), Half::am, 2, 22, 2, 1, 1, 0},
                    {day(2), Half::pm, 2, 22, 1, 1, 1, 0},
                    {day(3), Half::am, 1, 21, 3, 1, 0, 0}};
    f.spaces = {{10, 1, 21, "Salle de réunion", 8}, {11, 2, std::nullopt, "Bulle", 2}};
    // space bookings: Mon room 10 for SGAR 2 h, 4 people; Mon room 10 for DRFIP 1.5 h, 8 people,
    // unused; Tue bubble 11 for SGAR 1 h, 1 person — per day and space, and per day and service
    f.space_days = {{day(2), 10, std::nullopt, 2, 12'600, 12, 0, 1}, {day(3), 11, std::nullopt, 1, 3'600, 1, 0, 0}};
    f.space_service_days = {{day(2), 0, 1, 1, 7'200, 4, 8, 0}, {day(2), 0, 2, 1, 5'400, 8, 8, 1},
                            {day(3), 0, 1, 1, 3'600, 1, 2, 0}};
    f.turned_away = {{day(2), Half::am, 2, 1}, {day(3), Half::pm, 1, 0}};
    return f;
}

TEST(DemandPeaks, NearestRankPercentile) {
    std::vector<int> v;
    for (int i = 20; i >= 1; --i) v.push_back(i);
    auto p = demand_peaks(v);
    EXPECT_EQ(p.peak, 20);
    EXPECT_EQ(p.p95, 19);  // rank ceil(0.95 × 20) = 19
    EXPECT_EQ(demand_peaks({0, 1, 1, 3}).p95, 3);  // rank ceil(3.8) = 4
    EXPECT_EQ(demand_peaks({}).peak, 0);
}

TEST(AnalyticsPeriod, WeeksStartOnMondayAndMonthsOnTheFirst) {
    auto w = period_of(day(5), Half::pm, Period::week);
    EXPECT_EQ(w.start, day(2));
    EXPECT_EQ(w.end, day(8));
    EXPECT_FALSE(w.half);
    auto m = period_of(Date{date::year{2026} / 2 / 14}, Half::am, Period::month);
    EXPECT_EQ(m.start, Date{date::year{2026} / 2 / 1});
    EXPECT_EQ(m.end, Date{date::year{2026} / 2 / 28});
    EXPECT_EQ(period_of(day(3), Half::pm, Period::half_day).half, std::optional(Half::pm));
    EXPECT_EQ(iso_weekday(day(3)), 2);
}

TEST(SiteAnalytics, PerDayRatesPeaksAndOverflow) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::site, Period::day);
    ASSERT_FALSE(a.withheld);
    ASSERT_EQ(a.desks.size(), 2u);
    auto& mon = a.desks[0];
    EXPECT_EQ(mon.period.start, day(2));
    EXPECT_EQ(mon.group.name, "Pilote");
    EXPECT_EQ(mon.desks, 4);
    EXPECT_EQ(mon.offered, 8);  // 4 desks × 2 half-days
    EXPECT_EQ(mon.booked, 4);
    EXPECT_EQ(mon.checked_in, 3);
    EXPECT_EQ(mon.no_show, 1);
    EXPECT_DOUBLE_EQ(*mon.booked_rate, 0.5);       // 4 / 8
    EXPECT_DOUBLE_EQ(*mon.checked_in_rate, 0.375); // 3 / 8
    EXPECT_DOUBLE_EQ(*mon.no_show_rate, 0.25);     // 1 / 4
    EXPECT_EQ(mon.peak, 3);                        // am 3, pm 1
    EXPECT_EQ(mon.p95, 3);
    EXPECT_EQ(mon.overflow, 1);                    // SGAR on floor 2
    EXPECT_DOUBLE_EQ(*mon.overflow_rate, 0.25);
    auto& tue = a.desks[1];
    EXPECT_EQ(tue.booked, 1);
    EXPECT_DOUBLE_EQ(*tue.booked_rate, 0.125);
    EXPECT_EQ(tue.peak, 1);
    EXPECT_EQ(tue.overflow, 0) << "the Cabinet has no quartier to overflow from";
}

TEST(SiteAnalytics, AWeekGathersItsHalfDays) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::site, Period::week);
    ASSERT_EQ(a.desks.size(), 1u);
    auto& w = a.desks[0];
    EXPECT_EQ(w.period.start, day(2));
    EXPECT_EQ(w.period.end, day(8));
    EXPECT_EQ(w.open_half_days, 4);
    EXPECT_EQ(w.offered, 16);
    EXPECT_EQ(w.booked, 5);
    EXPECT_DOUBLE_EQ(*w.booked_rate, 0.3125);  // 5 / 16
    EXPECT_DOUBLE_EQ(*w.no_show_rate, 0.2);    // 1 / 5
    EXPECT_EQ(w.peak, 3);                      // half-days 3, 1, 1, 0
    EXPECT_EQ(w.p95, 3);
}

TEST(SiteAnalytics, HalfDaysStandAlone) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::site, Period::half_day);
    ASSERT_EQ(a.desks.size(), 4u);
    EXPECT_EQ(a.desks[0].period.half, std::optional(Half::am));
    EXPECT_EQ(a.desks[0].booked, 3);
    EXPECT_EQ(a.desks[0].offered, 4);
    EXPECT_DOUBLE_EQ(*a.desks[0].booked_rate, 0.75);
    EXPECT_EQ(a.desks[1].booked, 1);
    EXPECT_EQ(a.desks[3].booked, 0) << "an open half-day without bookings is a row of zeros";
    EXPECT_EQ(a.desks[3].peak, 0);
}

TEST(SiteAnalytics, ByServicePoolsSmallServicesAndTheSmallestShownOne) {
    // The Cabinet (2) alone would be too small a pool: DRFIP (5) joins it, SGAR stays alone.
    auto a = site_analytics(history(), day(2), day(3), Grouping::service, Period::week);
    ASSERT_EQ(a.desks.size(), 2u);
    auto& pool = a.desks[0];  // no id sorts first
    auto& sgar = a.desks[1];
    EXPECT_FALSE(pool.group.id);
    EXPECT_EQ(pool.group.name, "Autres services");
    EXPECT_EQ(pool.desks, 2);  // DRFIP's quartier
    EXPECT_EQ(pool.booked, 2);
    EXPECT_EQ(pool.checked_in, 1);
    EXPECT_DOUBLE_EQ(*pool.booked_rate, 0.25);  // 2 / (2 × 4)
    EXPECT_EQ(sgar.group.id, std::optional<Id>(1));
    EXPECT_EQ(sgar.desks, 2);
    EXPECT_EQ(sgar.booked, 3);
    EXPECT_DOUBLE_EQ(*sgar.booked_rate, 0.375);  // 3 / 8
    EXPECT_EQ(sgar.overflow, 1);
    EXPECT_EQ(sgar.peak, 2);
    EXPECT_EQ(sgar.p95, 2);  // 2, 1, 0, 0
    EXPECT_EQ(pool.booked + sgar.booked, 5) << "the groups add up to the site";
}

TEST(SiteAnalytics, ByFloorAndQuartier) {
    auto f = history();
    f.desks.push_back({2, std::nullopt});  // a fifth desk, in no quartier
    f.desk_usage.push_back({day(3), Half::pm, 2, std::nullopt, 2, 1, 1, 0});  // DRFIP outside its quartier
    auto floors = site_analytics(f, day(2), day(3), Grouping::floor, Period::week);
    ASSERT_EQ(floors.desks.size(), 2u);
    EXPECT_EQ(floors.desks[0].group.name, "Niveau 1");
    EXPECT_EQ(floors.desks[0].booked, 3);
    EXPECT_EQ(floors.desks[1].desks, 3);
    EXPECT_EQ(floors.desks[1].booked, 3);
    EXPECT_EQ(floors.desks[1].overflow, 2);  // SGAR on q22, DRFIP outside any quartier
    auto quartiers = site_analytics(f, day(2), day(3), Grouping::quartier, Period::week);
    ASSERT_EQ(quartiers.desks.size(), 3u);
    EXPECT_EQ(quartiers.desks[0].group.name, "Hors quartier");
    EXPECT_EQ(quartiers.desks[0].desks, 1);
    EXPECT_EQ(quartiers.desks[0].booked, 1);
    EXPECT_DOUBLE_EQ(*quartiers.desks[0].booked_rate, 0.25);  // 1 / (1 × 4)
    EXPECT_EQ(quartiers.desks[2].group.id, std::optional<Id>(22));
    EXPECT_EQ(quartiers.desks[2].booked, 2);
}

TEST(SiteAnalytics, WeekdayProfile) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::site, Period::day);
    ASSERT_EQ(a.weekdays.size(), 2u);
    EXPECT_EQ(a.weekdays[0].weekday, 1);
    EXPECT_EQ(a.weekdays[0].open_half_days, 2);
    EXPECT_EQ(a.weekdays[0].booked, 4);
    EXPECT_DOUBLE_EQ(*a.weekdays[0].mean_booked, 2.0);
    EXPECT_DOUBLE_EQ(*a.weekdays[0].booked_rate, 0.5);
    EXPECT_DOUBLE_EQ(*a.weekdays[0].checked_in_rate, 0.375);
    EXPECT_EQ(a.weekdays[1].weekday, 2);
    EXPECT_DOUBLE_EQ(*a.weekdays[1].mean_booked, 0.5);
}

TEST(SiteAnalytics, DemandTurnedAway) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::site, Period::day);
    ASSERT_EQ(a.turned_away.size(), 2u);
    EXPECT_EQ(a.turned_away[0].waitlist_unserved, 2);
    EXPECT_EQ(a.turned_away[0].refused, 1);
    EXPECT_EQ(a.turned_away[0].total, 3);
    EXPECT_EQ(a.turned_away[1].total, 1);
    auto w = site_analytics(history(), day(2), day(3), Grouping::site, Period::week);
    ASSERT_EQ(w.turned_away.size(), 1u);
    EXPECT_EQ(w.turned_away[0].total, 4);
}

TEST(SiteAnalytics, CollectiveSpacesByType) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::space_type, Period::week);
    ASSERT_EQ(a.spaces.size(), 2u);
    auto& bubble = a.spaces[0];
    auto& room = a.spaces[1];
    EXPECT_EQ(bubble.group.name, "Bulle");
    EXPECT_DOUBLE_EQ(*bubble.hours_open, 22);  // 1 space × 2 days × 11 h
    EXPECT_DOUBLE_EQ(*bubble.hours_rate, 1.0 / 22);
    EXPECT_DOUBLE_EQ(*bubble.fill_rate, 0.5);  // 1 of 2 seats
    EXPECT_EQ(room.group.name, "Salle de réunion");
    EXPECT_DOUBLE_EQ(room.hours_booked, 3.5);
    EXPECT_DOUBLE_EQ(*room.hours_rate, 3.5 / 22);
    EXPECT_EQ(room.bookings, 2);
    EXPECT_EQ(room.attendees, 12);
    EXPECT_EQ(room.seats, 16);
    EXPECT_DOUBLE_EQ(*room.fill_rate, 0.75);
    EXPECT_EQ(room.unused, 1);
    EXPECT_DOUBLE_EQ(*room.unused_rate, 0.5);
    // desks form one group when grouped by space type
    ASSERT_EQ(a.desks.size(), 1u);
    EXPECT_EQ(a.desks[0].group.name, "Postes de travail");
    EXPECT_EQ(a.desks[0].booked, 5);
}

TEST(SiteAnalytics, SpacesByServiceHaveNoOpeningHours) {
    auto a = site_analytics(history(), day(2), day(3), Grouping::service, Period::day);
    ASSERT_FALSE(a.spaces.empty());
    for (auto& r : a.spaces) EXPECT_FALSE(r.hours_open);
    int hours = 0;
    for (auto& r : a.spaces) hours += static_cast<int>(2 * r.hours_booked);
    EXPECT_EQ(hours, 9);  // 4.5 h in all
}

TEST(SiteAnalytics, ASiteOfFewerThanFivePeopleGivesNoFigure) {
    auto f = history();
    f.services = {{1, "SGAR", 3}};
    auto a = site_analytics(f, day(2), day(3), Grouping::site, Period::day);
    EXPECT_TRUE(a.withheld);
    EXPECT_TRUE(a.desks.empty());
    EXPECT_TRUE(a.weekdays.empty());
    EXPECT_TRUE(a.turned_away.empty());
    EXPECT_TRUE(a.spaces.empty());
}

TEST(FlashComparison, ACountFacesItsHalfDaysBookings) {
    auto f = history();
    FlashCount floor1{1, 1, 1, Instant{}, day(2), Half::am, 2};
    FlashCount site{2, 1, std::nullopt, Instant{}, day(2), Half::pm, 3};
    auto c = compare_flash_counts({floor1, site}, f.desk_usage, f.floors, "Pilote", false);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].place, "Niveau 1");
    EXPECT_EQ(c[0].booked, std::optional(2));
    EXPECT_EQ(c[0].checked_in, std::optional(1));
    EXPECT_EQ(c[1].place, "Pilote");
    EXPECT_EQ(c[1].booked, std::optional(1));
    auto withheld = compare_flash_counts({floor1}, f.desk_usage, f.floors, "Pilote", true);
    EXPECT_FALSE(withheld[0].booked);
    EXPECT_EQ(withheld[0].count.people, 2);
}

}  // namespace
}  // namespace escale::indicators
