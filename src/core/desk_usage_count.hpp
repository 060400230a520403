// SPDX-License-Identifier: EUPL-1.2
// One row of the occupancy analytics' desk snapshot: how many desk bookings of a site held a
// slot on a date and half-day, for the desks of one floor and quartier (none: outside any
// quartier) and one service booked for (none: unknown), and how many of those were checked
// in or marked no-show. Cancelled bookings are not counted. Anonymised bookings keep every
// column read here, so the rows survive the retention purge. A plain value, in core so that
// the store (AnalyticsStore::desk_usage) need not know the indicators.
#pragma once

#include <optional>

#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

struct DeskUsageCount {
    Date date;
    Half half = Half::am;
    FloorId floor_id = 0;
    std::optional<ZoneId> zone_id;
    std::optional<ServiceId> service_id;
    int booked = 0;      // reserved, checked in, released, no-show
    int checked_in = 0;  // checked in (released ones had checked in)
    int no_show = 0;
};

}  // namespace escale
