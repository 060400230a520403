// SPDX-License-Identifier: EUPL-1.2
// Use case of the occupancy analytics (issue 13, item 1): a site's figures over a range, by
// period and group (indicators/site_analytics), gathered from the building as it stands and
// the store's snapshot rows. Figures are computed from what a retention purge leaves (desk
// and space bookings keep their service, desk, date and state; waitlist entries become daily
// counters), so they survive it unchanged.
#pragma once

#include <optional>
#include <string>

#include "app/context.hpp"
#include "core/error.hpp"
#include "indicators/analytics_facts.hpp"
#include "indicators/site_analytics.hpp"

namespace escale::app {

// `by` and `period` by their names (indicators/analytics_period; default: site, day).
struct AnalyticsQuery {
    std::optional<Date> from, to;
    std::optional<std::string> by, period;
};

// Needs read_statistics on the whole site (checked before the parameters); from and to are
// needed, at most 366 days apart.
Result<indicators::SiteAnalytics> site_analytics(Context ctx, const Actor& actor, SiteId site, const AnalyticsQuery& q);

// The building's facts of site `site` for from..to (no snapshot rows): floors, quartiers,
// active desks, spaces, services with their active residents, open days, opening hours.
Result<indicators::AnalyticsFacts> building_facts(Transaction& tx, const Site& site, Date from, Date to);

}  // namespace escale::app
