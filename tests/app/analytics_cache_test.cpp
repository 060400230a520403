// SPDX-License-Identifier: EUPL-1.2
// The analytics' cache of folded settled days (app/analytics_cache): found only for the same
// question at the same boundary, generation, quartiers and spaces; an older answer to the same
// question dropped when a newer one is kept; the least recently used dropped beyond capacity;
// a site's boundary moved once per day by each server.
#include <gtest/gtest.h>

#include "app/analytics_cache.hpp"

using namespace escale;
using namespace escale::app;
using namespace date::literals;

namespace {

FoldedUsageKey key(SiteId site, std::int64_t generation = 0) {
    FoldedUsageKey k;
    k.site = site;
    k.by = indicators::Grouping::quartier;
    k.from = 2025_y / 3 / 2;
    k.to = 2026_y / 2 / 21;
    k.settled_before = 2026_y / 2 / 22;
    k.generation = generation;
    k.zones = {{7, 1, "QA", ServiceId{3}}};
    return k;
}

std::shared_ptr<const FoldedUsage> usage(int booked) {
    FoldedUsage u;
    u.desks.push_back({2025_y / 3 / 3, Half::am, 1, ZoneId{7}, ServiceId{3}, booked, 0, 0});
    return std::make_shared<const FoldedUsage>(std::move(u));
}

TEST(AnalyticsCacheTest, FoundOnlyForTheSameQuestionGenerationAndBuilding) {
    AnalyticsCache cache;
    cache.keep(key(1), usage(4));
    ASSERT_TRUE(cache.find(key(1)));
    EXPECT_EQ(cache.find(key(1))->desks.at(0).booked, 4);
    EXPECT_FALSE(cache.find(key(1, 1))) << "a settled day changed since";
    EXPECT_FALSE(cache.find(key(2))) << "another site";
    auto other = key(1);
    other.zones[0].service_id = ServiceId{4};
    EXPECT_FALSE(cache.find(other)) << "a quartier given to another service";
    other = key(1);
    other.settled_before = 2026_y / 2 / 23;
    EXPECT_FALSE(cache.find(other)) << "another boundary";
    other = key(1);
    other.by = indicators::Grouping::floor;
    EXPECT_FALSE(cache.find(other)) << "another grouping";
}

TEST(AnalyticsCacheTest, ANewerAnswerToTheSameQuestionReplacesTheOlder) {
    AnalyticsCache cache;
    cache.keep(key(1, 0), usage(4));
    cache.keep(key(1, 1), usage(5));
    EXPECT_FALSE(cache.find(key(1, 0)));
    ASSERT_TRUE(cache.find(key(1, 1)));
    EXPECT_EQ(cache.find(key(1, 1))->desks.at(0).booked, 5);
}

TEST(AnalyticsCacheTest, TheLeastRecentlyUsedGoesBeyondCapacity) {
    AnalyticsCache cache(2);
    cache.keep(key(1), usage(1));
    cache.keep(key(2), usage(2));
    ASSERT_TRUE(cache.find(key(1)));  // 2 is now the least recently used
    cache.keep(key(3), usage(3));
    EXPECT_TRUE(cache.find(key(1)));
    EXPECT_FALSE(cache.find(key(2)));
    EXPECT_TRUE(cache.find(key(3)));
}

TEST(AnalyticsCacheTest, ASiteIsSettledOncePerBoundary) {
    AnalyticsCache cache;
    EXPECT_TRUE(cache.settling_due(1, 2026_y / 2 / 22));
    cache.settled(1, 2026_y / 2 / 22);
    EXPECT_FALSE(cache.settling_due(1, 2026_y / 2 / 22));
    EXPECT_FALSE(cache.settling_due(1, 2026_y / 2 / 21)) << "never back";
    EXPECT_TRUE(cache.settling_due(1, 2026_y / 2 / 23)) << "the next day";
    EXPECT_TRUE(cache.settling_due(2, 2026_y / 2 / 22)) << "each site its own";
    cache.settled(1, 2026_y / 2 / 20);
    EXPECT_FALSE(cache.settling_due(1, 2026_y / 2 / 22)) << "a later boundary stays";
}

}  // namespace
