// SPDX-License-Identifier: EUPL-1.2
// The peak and the 95th percentile of a period's half-day demand (desks booked on each open
// half-day). The percentile is the nearest rank: the smallest value with at least 95 % of
// the half-days at or below it. Pure.
#pragma once

#include <vector>

namespace escale::indicators {

struct DemandPeaks {
    int peak = 0;
    int p95 = 0;
};

DemandPeaks demand_peaks(std::vector<int> half_day_demand);

}  // namespace escale::indicators
