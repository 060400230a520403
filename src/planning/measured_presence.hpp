// SPDX-License-Identifier: EUPL-1.2
// Presence measured from a site's history: for each resident and weekday, the share of open
// days they were on site (booked and, where check-in is on, came), shrunk toward their
// service's rate for that weekday when the history is short.
//
// A resident seen on 3 Tuesdays who came to 3 is not certain to come every Tuesday; the
// estimate is (present + k·m) / (observed + k), where m is the service's pooled rate for the
// weekday and k a number of pseudo-observations (the prior's weight): with little history the
// service's figure dominates, with a long one the person's own. A service with no observation
// on a weekday takes the site's rate for it; a site without any, 0. The result feeds
// ResidentWeek::of_daily_presence and the sizing. Pure computation.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "planning/resident_week.hpp"

namespace escale::planning {

struct ResidentHistory {
    int service = 0;                           // any label grouping residents (index, id)
    std::array<int, weekdays> observed_days{}; // open days of each weekday in the period
    std::array<int, weekdays> present_days{};  // of those, days the resident was on site
};

// Default weight of the service's rate: as much as two months of one weekday.
inline constexpr double default_prior_weight = 8.0;

// One DailyPresence per resident, in order. Fails with invalid_field for a negative count,
// more days present than observed ("history[i]") or a negative weight ("prior_weight").
Result<std::vector<DailyPresence>> measured_presence(std::span<const ResidentHistory> history,
                                                     double prior_weight = default_prior_weight);

}  // namespace escale::planning
