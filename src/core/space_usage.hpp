// SPDX-License-Identifier: EUPL-1.2
// One collective-space booking as the occupancy analytics read it: which space, for which
// service, when, how many attendees, and whether it went unused (marked no-show). Cancelled
// bookings are not read. Anonymised bookings keep all of it. A plain value
// (AnalyticsStore::space_usage).
#pragma once

#include <optional>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

struct SpaceUsage {
    SpaceId space_id = 0;
    std::optional<ServiceId> service_id;
    Instant start_at{}, end_at{};
    int attendees = 1;
    bool unused = false;
};

}  // namespace escale
