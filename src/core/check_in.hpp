// SPDX-License-Identifier: EUPL-1.2
// Check-in and no-show release (issue 10, item 3), the pure rules: which state changes of a
// desk booking are allowed, which half-day is current on a site's clock, when a half-day's
// unconfirmed bookings are released, and whether a booking may be checked in now.
// The caller brings the site, its calendar and the instant; nothing here reads a clock.
#pragma once

#include <optional>

#include "core/calendar.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/site.hpp"

namespace escale {

// The allowed changes of state (everything else is refused):
//   reserved   → checked_in (check-in), no_show (release job), cancelled (cancel),
//                released (never: an unconfirmed booking one gives up is cancelled)
//   checked_in → released ("libérer le reste de ma journée"), cancelled (cancel)
//   no_show, cancelled, released → nothing (final).
bool transition_allowed(BookingState from, BookingState to);
// Ok when allowed; else fails with "invalid_transition" (conflict).
Result<void> check_transition(BookingState from, BookingState to);

// A site's check-in settings, read from its Site record (times as minutes after midnight).
struct CheckInPolicy {
    bool enabled = false;
    int release_am = 10 * 60;
    int release_pm = 14 * 60 + 30;
    // The local release time of half h, "HH:MM".
    const std::string& release_text(Half h) const { return h == Half::am ? am_text : pm_text; }
    std::string am_text = "10:00", pm_text = "14:30";
};

// Checks the settings against the site's opening hours: opens < release_am < noon <
// release_pm < closes (and well-formed HH:MM). Fails with invalid_field naming the member.
// Only a site with check-in on must satisfy the order; the format is always checked.
Result<CheckInPolicy> check_in_policy(const Site& site);

// The half-day in progress at `now` on the site's clock: am in [opens, noon), pm in
// [noon, closes); nullopt outside opening hours and on a closed day.
std::optional<Half> current_half(const SiteCalendar& cal, Instant now);

// The UTC instant of half h's release on date d.
Instant release_instant(const SiteCalendar& cal, const CheckInPolicy& p, Date d, Half h);

// Whether the job releases booking b at `now`: it is still reserved, check-in is on, its
// half-day's release time has passed, and it was made before that time (a booking made
// after the release time, e.g. at 10:30 for this morning, keeps its desk until the end of
// the half-day).
bool is_releasable(const SiteCalendar& cal, const CheckInPolicy& p, const DeskBooking& b, Instant now);

// Whether b's holder may check in at `now`. Fails with check_in_disabled, invalid_transition
// (not reserved), booking_released (no-show already, or past the release time),
// check_in_not_now (not during the booking's own half-day).
Result<void> check_can_check_in(const SiteCalendar& cal, const CheckInPolicy& p, const DeskBooking& b, Instant now);

// "Libérer le reste de ma journée": what becomes of the holder's booking b of today when
// the current half-day is `current` (nullopt: before opening, the whole day is ahead).
// Bookings of a half-day already over are left alone (nullopt). The current half-day's
// checked-in booking is released (the person came and leaves); a booking not confirmed yet
// (the current one, or the afternoon's) is cancelled: it was never used.
std::optional<BookingState> rest_of_day_state(const DeskBooking& b, std::optional<Half> current, bool day_over);

}  // namespace escale
