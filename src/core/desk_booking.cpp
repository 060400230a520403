// SPDX-License-Identifier: EUPL-1.2
#include "core/desk_booking.hpp"

namespace escale {

const char* to_string(BookingState s) {
    switch (s) {
        case BookingState::reserved: return "reserved";
        case BookingState::checked_in: return "checked_in";
        case BookingState::no_show: return "no_show";
        case BookingState::cancelled: return "cancelled";
        case BookingState::released: return "released";
    }
    return "reserved";
}

std::optional<BookingState> parse_booking_state(std::string_view t) {
    for (auto s : {BookingState::reserved, BookingState::checked_in, BookingState::no_show,
                   BookingState::cancelled, BookingState::released})
        if (t == to_string(s)) return s;
    return std::nullopt;
}

}  // namespace escale
