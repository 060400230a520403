// SPDX-License-Identifier: EUPL-1.2
// A collective space booking (réservation d'espace collectif): one resident's claim on one
// space for a time range [start, end), with a number of attendees and a subject. Times are
// UTC instants; the site's calendar turns them into wall-clock times (core/space_rules.hpp).
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/desk_booking.hpp"  // BookingState, live_states: the same lifecycle as desks
#include "core/ids.hpp"

namespace escale {

using SpaceBookingId = Id;

struct SpaceBooking {
    SpaceBookingId id = 0;
    SiteId site_id = 0;
    SpaceId space_id = 0;
    ResidentId resident_id = 0;  // 0 once anonymised (retention, removal)
    Instant start;               // inclusive
    Instant end;                 // exclusive
    int attendees = 1;
    std::string subject;         // personal data: emptied when anonymised
    BookingState state = BookingState::reserved;
    Instant created_at;
    ResidentId created_by = 0;   // 0 once anonymised
    std::optional<ServiceId> service_id;  // the holder's service when booked: statistics outlive anonymisation
};

// Two half-open ranges [a_start, a_end) and [b_start, b_end) share at least one instant.
constexpr bool overlaps(Instant a_start, Instant a_end, Instant b_start, Instant b_end) {
    return a_start < b_end && b_start < a_end;
}

}  // namespace escale
