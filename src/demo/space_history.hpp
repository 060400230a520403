// SPDX-License-Identifier: EUPL-1.2
// The collective space bookings of a demo site's history: on each open day of the same period
// as the desk history (demo/history.hpp), a few meetings in its meeting and project rooms,
// booked by its residents (not the site accounts) a few days ahead, on the 15-minute grid
// inside the opening hours, never overlapping, attendees within capacity. Pure and seeded.
#pragma once

#include <vector>

#include "core/calendar.hpp"
#include "core/space_booking.hpp"
#include "demo/demo_site.hpp"
#include "demo/history.hpp"

namespace escale::demo {

// Ids (space, resident, service) are the DemoSite's local ids; `id` and `site_id` are 0.
// Only bookings made before `today` (created_at), by start.
std::vector<SpaceBooking> space_booking_history(const DemoSite& site, const SiteCalendar& calendar, Date today,
                                                const HistoryOptions& options = {});

}  // namespace escale::demo
