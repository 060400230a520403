// SPDX-License-Identifier: EUPL-1.2
// JSON of the occupancy analytics (issue 13, item 1): a site's figures by period and group
// and the flash counts set against their half-day's bookings. Absent figures are null.
// Stateless, safe from any thread.
#pragma once

#include <vector>

#include <boost/json.hpp>

#include "indicators/flash_comparison.hpp"
#include "indicators/site_analytics.hpp"

namespace escale::http {

boost::json::value to_json(const indicators::SiteAnalytics& a);
boost::json::value to_json(const indicators::FlashComparison& f);
boost::json::value to_json(const std::vector<indicators::FlashComparison>& f);

}  // namespace escale::http
