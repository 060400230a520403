// SPDX-License-Identifier: EUPL-1.2
#include "indicators/demand_percentile.hpp"

#include <algorithm>

namespace escale::indicators {

DemandPeaks demand_peaks(std::vector<int> demand) {
    if (demand.empty()) return {};
    std::sort(demand.begin(), demand.end());
    // nearest rank: ceil(0.95 n), counted from 1; in integers, (95 n + 99) / 100
    auto n = demand.size();
    auto rank = (95 * n + 99) / 100;
    return {demand.back(), demand[rank - 1]};
}

}  // namespace escale::indicators
