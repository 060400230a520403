// SPDX-License-Identifier: EUPL-1.2
// The rules a desk slot must pass: closed days, past slots, the booking horizon.
#include <gtest/gtest.h>

#include "core/booking_rules.hpp"

using namespace escale;
using namespace date::literals;

namespace {

SiteCalendar paris() { return *SiteCalendar::make("Europe/Paris", "08:00", "13:00", "19:00", {2026_y / 3 / 13}); }

Instant utc(date::sys_days day, int h, int m) { return Instant{day} + std::chrono::hours{h} + std::chrono::minutes{m}; }

std::string code_of(const Result<void>& r) { return r ? "ok" : r.error().code; }

}  // namespace

TEST(BookingRules, OpenFutureSlotWithinHorizonIsBookable) {
    // Monday 2 March 2026, 09:00 in Paris (08:00 UTC); book Wednesday 4 March.
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 4, Half::am, utc(2026_y / 3 / 2, 8, 0), 28)), "ok");
}

TEST(BookingRules, WeekendHolidayAndClosureAreClosed) {
    auto now = utc(2026_y / 3 / 2, 8, 0);
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 7, Half::am, now, 28)), "closed_day");   // Saturday
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 13, Half::pm, now, 28)), "closed_day");  // closure
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 4 / 6, Half::am, now, 60)), "closed_day");   // Easter Monday
}

TEST(BookingRules, MorningBookableUntilNoonThenPast) {
    // 12:59 Paris = 11:59 UTC in winter: this morning is still on; at 13:00 it is over.
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 2, Half::am, utc(2026_y / 3 / 2, 11, 59), 28)), "ok");
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 2, Half::am, utc(2026_y / 3 / 2, 12, 0), 28)), "past");
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 2, Half::pm, utc(2026_y / 3 / 2, 12, 0), 28)), "ok");
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 2 / 27, Half::pm, utc(2026_y / 3 / 2, 8, 0), 28)), "past");
}

TEST(BookingRules, HorizonCountsFromTheSiteLocalDate) {
    auto now = utc(2026_y / 3 / 2, 8, 0);  // Monday
    // 28 days later is Monday 30 March: allowed; Tuesday 31 March is beyond.
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 30, Half::am, now, 28)), "ok");
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 31, Half::am, now, 28)), "beyond_horizon");
    // At 23:30 UTC on Sunday 1 March it is already Monday 2 March in Paris.
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 30, Half::am, utc(2026_y / 3 / 1, 23, 30), 28)), "ok");
}

TEST(BookingRules, DstSundayDoesNotShiftTheMorningEnd) {
    // Spring forward on 29 March 2026: the next day Paris is UTC+2, so noon is 11:00 UTC.
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 30, Half::am, utc(2026_y / 3 / 30, 10, 59), 28)), "ok");
    EXPECT_EQ(code_of(check_desk_slot_bookable(paris(), 2026_y / 3 / 30, Half::am, utc(2026_y / 3 / 30, 11, 0), 28)), "past");
}
