// SPDX-License-Identifier: EUPL-1.2
// The order in which free lockers are offered (core/locker_nearness.hpp): the service's
// quartiers first, then its floors, then the rest of the site by level distance.
#include <gtest/gtest.h>

#include "core/locker_nearness.hpp"

using namespace escale;

namespace {

Locker locker(LockerId id, FloorId floor, std::optional<ZoneId> zone, std::string label, double x = 0, double y = 0) {
    return Locker{id, 1, floor, std::move(label), zone, x, y};
}

std::vector<std::string> labels(const std::vector<LockerChoice>& choices) {
    std::vector<std::string> out;
    for (auto& c : choices) out.push_back(c.locker.label);
    return out;
}

class LockerNearnessTest : public ::testing::Test {
protected:
    // Floors at levels 0, 1 (the home of service 7, quartier 10) and 3; service 8 has
    // quartier 11 on level 0.
    std::vector<Floor> floors{{1, 1, "RDC", 0, ""}, {2, 1, "Niveau 1", 1, ""}, {3, 1, "Niveau 3", 3, ""}};
    std::vector<Zone> zones{{10, 1, 2, ServiceId{7}, "Quartier 7", 0}, {11, 1, 1, ServiceId{8}, "Quartier 8", 0}};
    std::vector<Desk> desks{{100, 1, 2, ZoneId{10}, "P1", 90, 100}, {101, 1, 2, ZoneId{10}, "P2", 110, 100},
                            {102, 1, 1, ZoneId{11}, "P3", 0, 0}};
    std::vector<Locker> lockers{locker(1, 2, ZoneId{10}, "A-quartier-loin", 900, 900),
                                locker(2, 2, ZoneId{10}, "B-quartier-pres", 105, 100),
                                locker(3, 2, std::nullopt, "C-niveau", 500, 500),
                                locker(4, 1, ZoneId{11}, "D-rdc-autre-quartier"),
                                locker(5, 3, std::nullopt, "E-niveau-3"),
                                locker(6, 1, std::nullopt, "AA-rdc")};
};

TEST_F(LockerNearnessTest, QuartierThenFloorThenSiteByDistance) {
    auto home = service_home(ServiceId{7}, floors, zones, desks);
    ASSERT_EQ(home.zones, std::vector<ZoneId>{10});
    ASSERT_EQ(home.floors.size(), 1u);
    ASSERT_TRUE(home.floors[0].centre);
    EXPECT_DOUBLE_EQ(home.floors[0].centre->first, 100);
    auto ordered = order_by_nearness(lockers, home, floors);
    // Level 0 is one level away (AA, D by label), level 3 two levels away.
    EXPECT_EQ(labels(ordered), (std::vector<std::string>{"B-quartier-pres", "A-quartier-loin", "C-niveau", "AA-rdc",
                                                         "D-rdc-autre-quartier", "E-niveau-3"}));
    EXPECT_EQ(ordered[0].nearness, Nearness::quartier);
    EXPECT_EQ(ordered[1].nearness, Nearness::quartier);
    EXPECT_EQ(ordered[2].nearness, Nearness::floor);
    EXPECT_EQ(ordered[3].nearness, Nearness::site);
    EXPECT_STREQ(to_string(ordered[2].nearness), "floor");
}

TEST_F(LockerNearnessTest, AnotherServiceHasItsOwnOrder) {
    auto ordered = order_by_nearness(lockers, service_home(ServiceId{8}, floors, zones, desks), floors);
    EXPECT_EQ(labels(ordered).front(), "D-rdc-autre-quartier");
    EXPECT_EQ(ordered[1].nearness, Nearness::floor);
    EXPECT_EQ(ordered[1].locker.label, "AA-rdc");
    EXPECT_EQ(ordered.back().locker.label, "E-niveau-3");
}

TEST_F(LockerNearnessTest, WithoutAHomeByLevelThenLabel) {
    for (auto home : {service_home(std::nullopt, floors, zones, desks), service_home(ServiceId{99}, floors, zones, desks)}) {
        auto ordered = order_by_nearness(lockers, home, floors);
        EXPECT_EQ(labels(ordered), (std::vector<std::string>{"AA-rdc", "D-rdc-autre-quartier", "A-quartier-loin",
                                                             "B-quartier-pres", "C-niveau", "E-niveau-3"}));
        for (auto& c : ordered) EXPECT_EQ(c.nearness, Nearness::site);
    }
}

TEST_F(LockerNearnessTest, AQuartierWithoutDesksStillComesFirstByLabel) {
    desks.clear();
    auto ordered = order_by_nearness(lockers, service_home(ServiceId{7}, floors, zones, desks), floors);
    EXPECT_EQ(labels(ordered)[0], "A-quartier-loin");
    EXPECT_EQ(labels(ordered)[1], "B-quartier-pres");
    EXPECT_TRUE(order_by_nearness({}, ServiceHome{}, floors).empty());
}

}  // namespace
