// SPDX-License-Identifier: EUPL-1.2
// Use cases of the State's real-estate indicators (indicators/real_estate): a site's, with its
// quartiers, and the portfolio of every site the person may read the figures of.
#pragma once

#include "app/context.hpp"
#include "core/error.hpp"
#include "indicators/real_estate.hpp"

namespace escale::app {

// Needs read_statistics on the whole site.
Result<indicators::SiteIndicators> site_real_estate_indicators(Context ctx, const Actor& actor, SiteId site);

// Every site on which the person holds read_statistics, and their totals; forbidden when
// there is none.
Result<indicators::PortfolioIndicators> portfolio_real_estate_indicators(Context ctx, const Actor& actor);

}  // namespace escale::app
