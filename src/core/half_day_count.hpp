// How many live desk bookings one service (or nobody's: anonymised, or no service) holds on
// one half-day: the snapshot row that occupancy indicators are computed from.
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
