// SPDX-License-Identifier: EUPL-1.2
// A day a resident was on site, as the planning engine's measured presence reads it from the
// desk bookings (issue 12): at least one half-day booked and not cancelled nor missed.
#pragma once

#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

struct OnSiteDay {
    ResidentId resident_id = 0;
    Date date;
};

}  // namespace escale
