// SPDX-License-Identifier: EUPL-1.2
// The collective-space bookings of one local day (the day they start at the site), cancelled
// ones aside, added up either per space (space_id set, service_id unset) or per service
// booked for (space_id 0, service_id unset for bookings of no service): how many, how long,
// how many attendees and seats (the capacities of the spaces booked, in rows per service;
// per space it is the space's capacity times the bookings), how many went unused (marked
// no-show). Anonymised bookings keep all of it. A plain value (AnalyticsStore::space_usage,
// space_service_usage).
#pragma once

#include <cstdint>
#include <optional>

#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

struct SpaceUsageDay {
    Date date;
    SpaceId space_id = 0;
    std::optional<ServiceId> service_id;
    int bookings = 0;
    std::int64_t seconds = 0;  // booked time, added up
    int attendees = 0;
    int seats = 0;   // rows per service only
    int unused = 0;
};

}  // namespace escale
