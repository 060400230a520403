// A desk booking (réservation): one resident's claim on one desk for one half-day slot.
#pragma once

#include <optional>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

// reserved → checked_in / no_show / cancelled / released. "Live" states hold the slot.
enum class BookingState { reserved, checked_in, no_show, cancelled, released };

inline bool is_live(BookingState s) {
    return s == BookingState::reserved || s == BookingState::checked_in;
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
