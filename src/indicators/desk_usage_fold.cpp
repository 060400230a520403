// SPDX-License-Identifier: EUPL-1.2
#include "indicators/desk_usage_fold.hpp"

#include <algorithm>

#include "indicators/desk_usage.hpp"

namespace escale::indicators {

void DeskUsageFold::add(const DeskUsageCount& c) {
    auto [outside, first] = outside_.try_emplace({c.service_id.value_or(0), c.zone_id.value_or(0)}, false);
    if (first) {
        outside->second = outside_own_quartier(zones_, c.service_id, c.zone_id);
        services_.insert(c.service_id);
    }
    Slot slot{date::sys_days{c.date}, c.half};
    if (!last_rows_ || slot != last_slot_) {
        last_rows_ = &slots_[slot];
        last_slot_ = slot;
    }
    std::optional<Id> cut;
    switch (by_) {
        case Grouping::floor: cut = c.floor_id; break;
        case Grouping::quartier: cut = c.zone_id; break;
        case Grouping::service: cut = c.service_id; break;
        case Grouping::site:
        case Grouping::space_type: break;
    }
    Cut key{cut, outside->second};
    auto row = std::lower_bound(last_rows_->begin(), last_rows_->end(), key,
                                [](const auto& r, const Cut& k) { return r.first < k; });
    if (row == last_rows_->end() || row->first != key) {
        last_rows_->emplace(row, key, c);
        return;
    }
    row->second.booked += c.booked;
    row->second.checked_in += c.checked_in;
    row->second.no_show += c.no_show;
}

std::vector<DeskUsageCount> DeskUsageFold::rows() const {
    std::vector<DeskUsageCount> out;
    for (auto& [slot, rows] : slots_)
        for (auto& [cut, row] : rows) out.push_back(row);
    return out;
}

}  // namespace escale::indicators
