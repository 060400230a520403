// Occupancy indicators: per-day rates, per-service totals, and no figure about fewer than 5 people.
#include <gtest/gtest.h>

#include "core/occupancy.hpp"

namespace escale {
namespace {

Date day(int d) { return Date{date::year{2026} / 3 / d}; }

TEST(Occupancy, DaysCountHalvesAgainstDesksOffered) {
    auto o = occupancy(day(2), day(4), 10,
                       {{day(2), Half::am, 1, 6}, {day(2), Half::pm, 1, 4}, {day(4), Half::am, 2, 10}}, {});
    ASSERT_EQ(o.days.size(), 3u);
    EXPECT_EQ(o.days[0].am, 6);
    EXPECT_EQ(o.days[0].pm, 4);
    EXPECT_DOUBLE_EQ(o.days[0].rate, 0.5);
    EXPECT_EQ(o.days[1].am + o.days[1].pm, 0);
    EXPECT_DOUBLE_EQ(o.days[2].rate, 0.5);
}

TEST(Occupancy, SmallServicesArePooledAndASmallPoolIsWithheld) {
    std::vector<ServiceSize> services{{1, "SGAR", 12}, {2, "DREETS", 3}, {3, "DRAC", 1}};
    auto o = occupancy(day(2), day(2), 10,
                       {{day(2), Half::am, 1, 5}, {day(2), Half::am, 2, 2}, {day(2), Half::pm, 3, 1},
                        {day(2), Half::pm, std::nullopt, 1}},
                       services);
    ASSERT_EQ(o.services.size(), 2u);
    EXPECT_EQ(o.services[0].service_id, std::optional<ServiceId>(1));
    EXPECT_EQ(o.services[0].half_days, std::optional<int>(5));
    EXPECT_FALSE(o.services[1].service_id);
    EXPECT_EQ(o.services[1].people, 4);
    EXPECT_FALSE(o.services[1].half_days) << "4 people: withheld";
    // The day totals still count everyone.
    EXPECT_EQ(o.days[0].am + o.days[0].pm, 9);

    services.push_back({4, "DRFIP", 2});
    auto pooled = occupancy(day(2), day(2), 10, {{day(2), Half::am, 2, 2}, {day(2), Half::am, 4, 1}}, services);
    EXPECT_EQ(pooled.services.back().people, 6);
    EXPECT_EQ(pooled.services.back().half_days, std::optional<int>(3));
}

TEST(Occupancy, CountsOutsideThePeriodOrForUnknownServicesAreNotLost) {
    auto o = occupancy(day(2), day(2), 0, {{day(3), Half::am, 1, 9}, {day(2), Half::am, 99, 2}}, {{1, "SGAR", 5}});
    EXPECT_EQ(o.days[0].am, 2);
    EXPECT_DOUBLE_EQ(o.days[0].rate, 0.0) << "no desks: no division by zero";
    ASSERT_EQ(o.services.size(), 2u);
    EXPECT_EQ(o.services[0].half_days, std::optional<int>(0));
    EXPECT_FALSE(o.services[1].half_days) << "an unknown service is pooled, and the pool has nobody";
}

}  // namespace
}  // namespace escale
