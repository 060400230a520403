// SPDX-License-Identifier: EUPL-1.2
// Occupancy indicators: per-day rates, per-service totals, and no figure about fewer than 5
// people, not even by difference.
#include <gtest/gtest.h>

#include "indicators/occupancy.hpp"

namespace escale::indicators {
namespace {

Date day(int d) { return Date{date::year{2026} / 3 / d}; }

TEST(Occupancy, DaysCountHalvesAgainstDesksOffered) {
    auto o = occupancy(day(2), day(4), 10,
                       {{day(2), Half::am, 1, 6}, {day(2), Half::pm, 1, 4}, {day(4), Half::am, 1, 10}},
                       {{1, "SGAR", 12}});
    ASSERT_EQ(o.days.size(), 3u);
    EXPECT_EQ(o.days[0].am, std::optional<int>(6));
    EXPECT_EQ(o.days[0].pm, std::optional<int>(4));
    EXPECT_DOUBLE_EQ(*o.days[0].rate, 0.5);
    EXPECT_EQ(*o.days[1].am + *o.days[1].pm, 0);
    EXPECT_DOUBLE_EQ(*o.days[2].rate, 0.5);
    ASSERT_EQ(o.services.size(), 1u) << "no pool when nothing is pooled";
    EXPECT_EQ(o.services[0].half_days, std::optional<int>(20));
}

TEST(Occupancy, ATooSmallPoolTakesInTheSmallestShownServices) {
    // Direction (1 person) alone in the pool would be the day total minus SGAR: DRFIP joins it.
    std::vector<ServiceSize> services{{1, "SGAR", 12}, {2, "DRFIP", 6}, {3, "Direction", 1}};
    auto o = occupancy(day(2), day(2), 10,
                       {{day(2), Half::am, 1, 5}, {day(2), Half::am, 2, 2}, {day(2), Half::pm, 3, 1}}, services);
    ASSERT_EQ(o.services.size(), 2u);
    EXPECT_EQ(o.services[0].service_id, std::optional<ServiceId>(1));
    EXPECT_EQ(o.services[0].half_days, std::optional<int>(5));
    EXPECT_FALSE(o.services[1].service_id);
    EXPECT_EQ(o.services[1].people, 7);
    EXPECT_EQ(o.services[1].half_days, std::optional<int>(3));
    EXPECT_EQ(*o.days[0].am + *o.days[0].pm, 8);
    for (auto& s : o.services)
        if (s.half_days) {
            EXPECT_GE(s.people, minimum_group);
        }
}

TEST(Occupancy, ASiteOfFewerThanFivePeopleShowsNoFigure) {
    auto o = occupancy(day(2), day(3), 4, {{day(2), Half::am, 1, 2}}, {{1, "SGAR", 3}, {2, "DRAC", 1}});
    for (auto& d : o.days) {
        EXPECT_FALSE(d.am);
        EXPECT_FALSE(d.rate);
    }
    ASSERT_EQ(o.services.size(), 1u);
    EXPECT_EQ(o.services[0].people, 4);
    EXPECT_FALSE(o.services[0].half_days);
}

TEST(Occupancy, BookingsOfNoKnownServiceArePooledNotLost) {
    auto o = occupancy(day(2), day(2), 0, {{day(3), Half::am, 1, 9}, {day(2), Half::am, 99, 2}},
                       {{1, "SGAR", 5}, {2, "DRFIP", 8}});
    EXPECT_EQ(o.days[0].am, std::optional<int>(2));
    EXPECT_EQ(o.days[0].rate, std::optional<double>(0.0)) << "no desks: no division by zero";
    // The pool (service 99, nobody known) takes SGAR in, the smallest shown service.
    ASSERT_EQ(o.services.size(), 2u);
    EXPECT_EQ(o.services[0].service_id, std::optional<ServiceId>(2));
    EXPECT_EQ(o.services[1].people, 5);
    EXPECT_EQ(o.services[1].half_days, std::optional<int>(2));
}

}  // namespace
}  // namespace escale::indicators
