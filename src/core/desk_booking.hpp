// SPDX-License-Identifier: EUPL-1.2
// A desk booking (réservation): one resident's claim on one desk for one half-day slot.
#pragma once

#include <algorithm>
#include <array>
#include <optional>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

// reserved → checked_in / no_show / cancelled / released.
enum class BookingState { reserved, checked_in, no_show, cancelled, released };

// The states in which a booking holds its slot: "live". Named here only; every statement
// and index that tells live bookings apart derives from this list (store/sql/desk_bookings.cpp,
// checked against the databases' indexes by the store tests).
inline constexpr std::array<BookingState, 2> live_states{BookingState::reserved, BookingState::checked_in};

constexpr bool is_live(BookingState s) {
    return std::find(live_states.begin(), live_states.end(), s) != live_states.end();
}
const char* to_string(BookingState s);
std::optional<BookingState> parse_booking_state(std::string_view text);

struct DeskBooking {
    BookingId id = 0;
    SiteId site_id = 0;
    DeskId desk_id = 0;
    ResidentId resident_id = 0;  // 0 once the booking is anonymised (retention, removal)
    Date date;
    Half half = Half::am;
    BookingState state = BookingState::reserved;
    Instant created_at;
    ResidentId created_by = 0;  // differs from resident_id when booked on someone's behalf; 0 once anonymised
    std::optional<ServiceId> service_id;  // the resident's service when booked: statistics outlive anonymisation
};

}  // namespace escale
