// SPDX-License-Identifier: EUPL-1.2
// The rules a desk slot must satisfy before anyone can book it. Pure: the caller brings
// the site's calendar, the instant, and the site's booking horizon.
#pragma once

#include "core/calendar.hpp"
#include "core/error.hpp"

namespace escale {

// Ok when (d, h) is open, not over, and no further than horizon_days after today.
// Fails (kind rule_violation) with "closed_day", "past" or "beyond_horizon".
// A slot is "past" once its end has passed: this morning can be booked until noon.
Result<void> check_desk_slot_bookable(const SiteCalendar& cal, Date d, Half h, Instant now,
                                      int horizon_days);

}  // namespace escale
