// SPDX-License-Identifier: EUPL-1.2
// Desk demand a site turned away, per period: waitlist entries never served and booking
// attempts refused because the desk had been taken. Site-wide only (a waitlist entry may
// name a floor or a quartier, not a service). Pure.
#pragma once

#include <vector>

#include "core/turned_away_count.hpp"
#include "indicators/analytics_period.hpp"

namespace escale::indicators {

struct TurnedAwayRow {
    PeriodKey period;
    int waitlist_unserved = 0;
    int refused = 0;
    int total = 0;
};

// Every period of `open_days` (with zeros), and those of the counts that fall elsewhere.
std::vector<TurnedAwayRow> turned_away(const std::vector<Date>& open_days, const std::vector<TurnedAwayCount>& counts,
                                       Period period);

}  // namespace escale::indicators
