// SPDX-License-Identifier: EUPL-1.2
// Collective-space counters (per day and space) added together as they are read, where no
// figure of a grouping by place or space type tells them apart: a year of a large site is tens
// of thousands of rows where a grouping needs a few per day. Spaces are alike when they share
// what the grouping cuts by (the floor, the quartier, the type; nothing for the whole site)
// and their capacity (the seats offered); a day's rows of alike spaces merge into one under
// the first space's id. Not for the grouping by service, whose figures come from the counters
// per service. Pure.
#pragma once

#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/space_usage.hpp"
#include "indicators/analytics_facts.hpp"
#include "indicators/analytics_period.hpp"

namespace escale::indicators {

class SpaceUsageFold {
public:
    SpaceUsageFold(Grouping by, const std::vector<SpaceFacts>& spaces);

    void add(const SpaceUsageDay& d);

    // The merged rows, by date.
    std::vector<SpaceUsageDay> rows() const;

private:
    using Rows = std::vector<SpaceUsageDay>;  // a day's, sorted by space: a few dozen

    std::unordered_map<SpaceId, SpaceId> like_;  // each known space → the first space alike
    std::map<date::sys_days, Rows> days_;
    Rows* last_rows_ = nullptr;  // of last_day_: rows mostly come by day (the counters' key)
    date::sys_days last_day_;
};

}  // namespace escale::indicators
