// SPDX-License-Identifier: EUPL-1.2
// Desk demand a site turned away on a date and half-day: waitlist entries never served
// (left, or still waiting) and desk booking attempts refused because the desk had been taken
// meanwhile. Kept as daily counters (table desk_demand_days) once the waitlist entries are
// purged, so the figures survive the retention. A plain value (AnalyticsStore::turned_away).
#pragma once

#include "core/local_date.hpp"

namespace escale {

struct TurnedAwayCount {
    Date date;
    Half half = Half::am;
    int waitlist_unserved = 0;
    int refused = 0;
};

}  // namespace escale
