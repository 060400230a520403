// SPDX-License-Identifier: EUPL-1.2
// Check-in and no-show release, the pure rules (core/check_in.hpp): transitions, the current
// half-day, release times, who may check in when, and "libérer le reste de ma journée".
#include <gtest/gtest.h>

#include "core/check_in.hpp"

using namespace escale;
using namespace date::literals;

namespace {

SiteCalendar paris() { return *SiteCalendar::make("Europe/Paris", "08:00", "13:00", "19:00"); }
Instant utc(date::sys_days day, int h, int m) { return Instant{day} + std::chrono::hours{h} + std::chrono::minutes{m}; }
std::string code_of(const Result<void>& r) { return r ? "ok" : r.error().code; }

Site site_with_check_in() {
    Site s;
    s.check_in_enabled = true;
    return s;
}
CheckInPolicy on() { return *check_in_policy(site_with_check_in()); }

// A booking of Monday 2 March 2026 (Paris: UTC+1), made the Friday before.
DeskBooking booking(Half h, BookingState st = BookingState::reserved) {
    DeskBooking b;
    b.id = 1;
    b.date = 2026_y / 3 / 2;
    b.half = h;
    b.state = st;
    b.created_at = utc(2026_y / 2 / 27, 9, 0);
    return b;
}

}  // namespace

TEST(CheckIn, EveryTransitionIsEitherAllowedOrRefusedWithAStableCode) {
    using S = BookingState;
    const S all[] = {S::reserved, S::checked_in, S::no_show, S::cancelled, S::released};
    int allowed = 0;
    for (S from : all)
        for (S to : all) {
            auto r = check_transition(from, to);
            if (r) ++allowed;
            else EXPECT_EQ(r.error().code, "invalid_transition");
        }
    EXPECT_EQ(allowed, 5);
    EXPECT_TRUE(transition_allowed(S::reserved, S::checked_in));
    EXPECT_TRUE(transition_allowed(S::reserved, S::no_show));
    EXPECT_TRUE(transition_allowed(S::reserved, S::cancelled));
    EXPECT_TRUE(transition_allowed(S::checked_in, S::released));
    EXPECT_TRUE(transition_allowed(S::checked_in, S::cancelled));
    EXPECT_FALSE(transition_allowed(S::reserved, S::released));
    EXPECT_FALSE(transition_allowed(S::checked_in, S::no_show));
    EXPECT_FALSE(transition_allowed(S::no_show, S::checked_in));
    EXPECT_FALSE(transition_allowed(S::cancelled, S::checked_in));
    EXPECT_FALSE(transition_allowed(S::released, S::checked_in));
    // The message names the state in French.
    EXPECT_NE(check_transition(S::cancelled, S::checked_in).error().message.find("annulée"), std::string::npos);
}

TEST(CheckIn, PolicyFollowsTheOpeningHours) {
    Site s = site_with_check_in();
    EXPECT_TRUE(check_in_policy(s));
    s.release_am_at = "13:00";  // not before the end of the morning
    EXPECT_EQ(check_in_policy(s).error().code, "invalid_field");
    EXPECT_NE(check_in_policy(s).error().message.find("release_am_at"), std::string::npos);
    s.release_am_at = "07:30";  // before opening
    EXPECT_FALSE(check_in_policy(s));
    s.release_am_at = "10:00";
    s.release_pm_at = "12:30";  // in the morning
    EXPECT_NE(check_in_policy(s).error().message.find("release_pm_at"), std::string::npos);
    s.release_pm_at = "19:00";  // at closing
    EXPECT_FALSE(check_in_policy(s));
    s.release_pm_at = "1430";
    EXPECT_FALSE(check_in_policy(s));
    // Off: the order does not matter (the times are kept for later), the format does.
    s.check_in_enabled = false;
    EXPECT_FALSE(check_in_policy(s));
    s.release_pm_at = "12:30";
    EXPECT_TRUE(check_in_policy(s));
}

TEST(CheckIn, CurrentHalfOnTheSiteClock) {
    auto cal = paris();
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 2, 6, 59)), std::nullopt);   // 07:59, before opening
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 2, 7, 0)), Half::am);        // 08:00
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 2, 11, 59)), Half::am);      // 12:59
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 2, 12, 0)), Half::pm);       // 13:00
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 2, 18, 0)), std::nullopt);   // 19:00, closed
    EXPECT_EQ(current_half(cal, utc(2026_y / 3 / 7, 9, 0)), std::nullopt);    // Saturday
    // Summer time (UTC+2): 10:00 in Paris is 08:00 UTC.
    EXPECT_EQ(release_instant(cal, on(), 2026_y / 7 / 1, Half::am), utc(2026_y / 7 / 1, 8, 0));
    EXPECT_EQ(release_instant(cal, on(), 2026_y / 3 / 2, Half::am), utc(2026_y / 3 / 2, 9, 0));
    EXPECT_EQ(release_instant(cal, on(), 2026_y / 3 / 2, Half::pm), utc(2026_y / 3 / 2, 13, 30));
}

TEST(CheckIn, CheckInDuringTheOwnHalfDayBeforeTheReleaseTime) {
    auto cal = paris();
    auto p = on();
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 2, 6, 59))), "check_in_not_now");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 2, 7, 0))), "ok");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 2, 8, 59))), "ok");  // 09:59
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 2, 9, 0))), "booking_released");
    // The afternoon's booking, in the morning: not yet.
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::pm), utc(2026_y / 3 / 2, 8, 0))), "check_in_not_now");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::pm), utc(2026_y / 3 / 2, 13, 29))), "ok");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::pm), utc(2026_y / 3 / 2, 13, 30))), "booking_released");
    // Another day's booking.
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 3, 8, 0))), "check_in_not_now");
    // States.
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am, BookingState::checked_in), utc(2026_y / 3 / 2, 8, 0))),
              "invalid_transition");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am, BookingState::cancelled), utc(2026_y / 3 / 2, 8, 0))),
              "invalid_transition");
    EXPECT_EQ(code_of(check_can_check_in(cal, p, booking(Half::am, BookingState::no_show), utc(2026_y / 3 / 2, 9, 30))),
              "booking_released");
    auto late = check_can_check_in(cal, p, booking(Half::am), utc(2026_y / 3 / 2, 9, 0));
    EXPECT_NE(late.error().message.find("10:00"), std::string::npos) << late.error().message;
    // Check-in off.
    EXPECT_EQ(code_of(check_can_check_in(cal, CheckInPolicy{}, booking(Half::am), utc(2026_y / 3 / 2, 8, 0))),
              "check_in_disabled");
}

TEST(CheckIn, OnlyUnconfirmedBookingsMadeBeforeTheReleaseTimeAreReleased) {
    auto cal = paris();
    auto p = on();
    Instant ten = utc(2026_y / 3 / 2, 9, 0);
    EXPECT_FALSE(is_releasable(cal, p, booking(Half::am), ten - std::chrono::seconds{1}));
    EXPECT_TRUE(is_releasable(cal, p, booking(Half::am), ten));
    EXPECT_FALSE(is_releasable(cal, p, booking(Half::am, BookingState::checked_in), ten));
    EXPECT_FALSE(is_releasable(cal, p, booking(Half::pm), ten));
    EXPECT_FALSE(is_releasable(cal, CheckInPolicy{}, booking(Half::am), ten));
    // Booked at 10:30 for this morning: kept until noon, and it can still be checked in.
    auto late = booking(Half::am);
    late.created_at = ten + std::chrono::minutes{30};
    EXPECT_FALSE(is_releasable(cal, p, late, ten + std::chrono::minutes{45}));
    EXPECT_EQ(code_of(check_can_check_in(cal, p, late, ten + std::chrono::minutes{45})), "ok");
}

TEST(CheckIn, RestOfDay) {
    using S = BookingState;
    // In the morning: the checked-in morning is released, the afternoon cancelled.
    EXPECT_EQ(rest_of_day_state(booking(Half::am, S::checked_in), Half::am, false), S::released);
    EXPECT_EQ(rest_of_day_state(booking(Half::pm), Half::am, false), S::cancelled);
    EXPECT_EQ(rest_of_day_state(booking(Half::am), Half::am, false), S::cancelled);
    // In the afternoon: the morning is over and stays as it is.
    EXPECT_EQ(rest_of_day_state(booking(Half::am, S::checked_in), Half::pm, false), std::nullopt);
    EXPECT_EQ(rest_of_day_state(booking(Half::pm, S::checked_in), Half::pm, false), S::released);
    // Before opening: the whole day; after closing: nothing.
    EXPECT_EQ(rest_of_day_state(booking(Half::am), std::nullopt, false), S::cancelled);
    EXPECT_EQ(rest_of_day_state(booking(Half::pm), std::nullopt, true), std::nullopt);
    // Bookings no longer live are left alone.
    EXPECT_EQ(rest_of_day_state(booking(Half::pm, S::cancelled), Half::am, false), std::nullopt);
    EXPECT_EQ(rest_of_day_state(booking(Half::am, S::no_show), Half::am, false), std::nullopt);
}
