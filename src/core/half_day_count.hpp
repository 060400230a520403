// SPDX-License-Identifier: EUPL-1.2
// One row of a booking snapshot: how many live desk bookings a site holds on a date and
// half-day for one service (none: bookings whose holder had no service). The store returns
// these rows (DeskBookingStore::live_counts) and the indicators compute from them; it
// lives in core so that the store need not know the indicators. A plain value.
#pragma once

#include <optional>

#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

struct HalfDayCount {
    Date date;
    Half half = Half::am;
    std::optional<ServiceId> service_id;
    int count = 0;
};

}  // namespace escale
