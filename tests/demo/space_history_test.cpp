// SPDX-License-Identifier: EUPL-1.2
// Unit tests of the demo space bookings (demo/space_history.hpp): seeded, never on a closed
// day, on the grid inside opening hours, no two live bookings of a space overlapping,
// attendees within capacity, made before today and by residents, not the site accounts.
#include <gtest/gtest.h>

#include <map>

#include "core/space_rules.hpp"
#include "demo/space_history.hpp"

namespace escale::demo {
namespace {

constexpr Date monday_2_march{date::year{2026}, date::month{3}, date::day{2}};

TEST(SpaceHistory, TrueLookingAndKeepingEveryRule) {
    const DemoSite site = pilot_site();
    const auto cal = *SiteCalendar::make(site.site.time_zone, site.site.opens_at, site.site.noon_at, site.site.closes_at);
    HistoryOptions o;
    o.coming_days = 5;
    const auto all = space_booking_history(site, cal, monday_2_march, o);
    ASSERT_GT(all.size(), 50u);
    const auto again = space_booking_history(site, cal, monday_2_march, o);
    ASSERT_EQ(all.size(), again.size());
    std::map<SpaceId, const Space*> spaces;
    for (auto& s : site.spaces) spaces[s.id] = &s;
    std::map<ResidentId, const Resident*> people;
    for (auto& r : site.residents) people[r.id] = &r;
    const Instant today = cal.slot_start(monday_2_march, Half::am);
    int coming = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        const auto& b = all[i];
        EXPECT_EQ(b.start, again[i].start);
        EXPECT_EQ(b.subject, again[i].subject);
        EXPECT_TRUE(check_space_range_shape(cal, b.start, b.end)) << format_site_time(cal, b.start);
        EXPECT_FALSE(cal.is_closed(cal.today(b.start)));
        ASSERT_TRUE(spaces.count(b.space_id));
        EXPECT_LE(b.attendees, spaces[b.space_id]->capacity);
        EXPECT_GE(b.attendees, 1);
        EXPECT_LT(b.created_at, today);
        EXPECT_LT(b.created_at, b.start);
        ASSERT_TRUE(people.count(b.resident_id));
        EXPECT_NE(people[b.resident_id]->role, Role::admin);
        EXPECT_NE(people[b.resident_id]->role, Role::gestionnaire);
        EXPECT_FALSE(b.subject.empty());
        coming += b.start >= today;
        for (size_t j = i + 1; j < all.size(); ++j)
            if (all[j].space_id == b.space_id) {
                EXPECT_FALSE(overlaps(b.start, b.end, all[j].start, all[j].end));
            }
    }
    EXPECT_GT(coming, 0);
    // Without coming days, nothing from today on.
    for (const auto& b : space_booking_history(site, cal, monday_2_march)) EXPECT_LT(b.start, today);
}

}  // namespace
}  // namespace escale::demo
