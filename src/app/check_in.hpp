// SPDX-License-Identifier: EUPL-1.2
// Use cases of check-in and no-show release (issue 10, item 3): signal one's arrival at a
// desk (checking in one's booking, or booking the free desk on the spot: walk-in), a
// gestionnaire checking someone in, "libérer le reste de ma journée", and the periodic
// release of unconfirmed bookings. The rules themselves are in core/check_in.hpp.
#pragma once

#include <vector>

#include "app/context.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"

namespace escale::app {

struct DeskCheckIn {
    DeskBooking booking;  // now checked_in
    bool walk_in = false;  // true: there was no booking, the desk was booked on the spot
};

// What scanning a desk's QR code does, for the actor, on the site's clock: checks in the
// actor's booking of that desk for the current half-day; without one, books the desk for
// the current half-day and checks it in at once (walk-in), under the booking rules.
// Fails with not_found, desk_inactive, forbidden, check_in_disabled, closed_day,
// check_in_not_now (outside opening hours), booking_released (past the release time, or
// already released), already_booked_that_slot (the actor holds another desk now),
// slot_taken (someone else holds it), invalid_transition (already checked in).
Result<DeskCheckIn> check_in_at_desk(Context ctx, const Actor& actor, DeskId desk);

// Checks in booking `id`: one's own, or someone's whom the actor may book for
// (book_for_others; an audit line "check_in_for"). Others' bookings the actor may not manage
// are answered not_found. Same refusals as above.
Result<DeskBooking> check_in_booking(Context ctx, const Actor& actor, BookingId id);

// "Libérer le reste de ma journée": the actor's bookings of today not yet over change at once
// (core rest_of_day_state): the current half-day's checked-in booking becomes released,
// any unconfirmed one (current or afternoon) cancelled. Returns the changed bookings (none:
// nothing left to free today).
Result<std::vector<DeskBooking>> release_rest_of_day(Context ctx, const Actor& actor);

// The periodic job: on every site with check-in on, today's bookings still reserved past
// their half-day's release time (and made before it) become no_show, their desks free
// again. One transaction; one audit line per site and half-day that released any.
// Returns how many bookings were released.
Result<int> release_no_shows(Context ctx);

}  // namespace escale::app
