// SPDX-License-Identifier: EUPL-1.2
// Use cases of the indicators: aggregated figures that may leave the server (indicators/occupancy).
#pragma once

#include "app/context.hpp"
#include "core/error.hpp"
#include "indicators/occupancy.hpp"

namespace escale::app {

// Desk occupancy of site `site` from `from` to `to` (at most 366 days). Needs
// read_statistics on the whole site. Counts live bookings, anonymised ones included: a
// retention purge leaves these figures as they were.
Result<indicators::Occupancy> site_occupancy(Context ctx, const Actor& actor, SiteId site, Date from, Date to);

}  // namespace escale::app
