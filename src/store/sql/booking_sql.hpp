// SPDX-License-Identifier: EUPL-1.2
// SQL pieces shared by the statements of desk and space bookings: the condition "this
// booking is live", written from core's live_states as literals (so that both databases use
// their partial indexes on live bookings: an index's WHERE must be implied by the query's,
// which a parameter cannot do), and what an anonymised booking keeps of its instants.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/desk_booking.hpp"

// The UTC day only, not the second at which someone booked (a second is close to a
// signature). A string literal, to be joined with the statement's own literals.
#define ESCALE_ANONYMIZED_TIMES \
    "created_at = created_at - created_at % 86400, state_changed_at = state_changed_at - state_changed_at % 86400"

namespace escale::sql {

// "<column> IN ('reserved', 'checked_in')".
inline std::string live(std::string_view column) {
    std::string states;
    for (BookingState s : live_states) states += fmt::format("{}'{}'", states.empty() ? "" : ", ", to_string(s));
    return fmt::format("{} IN ({})", column, states);
}

}  // namespace escale::sql
