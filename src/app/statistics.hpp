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
// The occupancy of `site` for from <= date <= to (both needed, at most 366 days apart).
// Permission is checked before the dates: who may not read the site's figures learns only
// that ("forbidden"), not which parameter is missing.
Result<indicators::Occupancy> site_occupancy(Context ctx, const Actor& actor, SiteId site, std::optional<Date> from,
                                             std::optional<Date> to);

}  // namespace escale::app
