// SPDX-License-Identifier: EUPL-1.2
#include "indicators/space_usage_fold.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>

namespace escale::indicators {

SpaceUsageFold::SpaceUsageFold(Grouping by, const std::vector<SpaceFacts>& spaces) {
    std::map<std::tuple<std::optional<Id>, std::string, int>, SpaceId> first;
    for (auto& s : spaces) {
        std::tuple<std::optional<Id>, std::string, int> alike{std::nullopt, "", s.capacity};
        if (by == Grouping::floor) std::get<0>(alike) = s.floor_id;
        if (by == Grouping::quartier) std::get<0>(alike) = s.zone_id;
        if (by == Grouping::space_type) std::get<1>(alike) = s.type;
        like_[s.id] = first.try_emplace(alike, s.id).first->second;
    }
}

void SpaceUsageFold::add(const SpaceUsageDay& d) {
    auto like = like_.find(d.space_id);
    SpaceId space = like == like_.end() ? d.space_id : like->second;  // an unknown space stays alone
    date::sys_days day{d.date};
    if (!last_rows_ || day != last_day_) {
        last_rows_ = &days_[day];
        last_day_ = day;
    }
    auto row = std::lower_bound(last_rows_->begin(), last_rows_->end(), space,
                                [](const SpaceUsageDay& r, SpaceId s) { return r.space_id < s; });
    if (row == last_rows_->end() || row->space_id != space) {
        last_rows_->insert(row, d)->space_id = space;
        return;
    }
    row->bookings += d.bookings;
    row->seconds += d.seconds;
    row->attendees += d.attendees;
    row->unused += d.unused;
}

std::vector<SpaceUsageDay> SpaceUsageFold::rows() const {
    std::vector<SpaceUsageDay> out;
    for (auto& [day, rows] : days_) out.insert(out.end(), rows.begin(), rows.end());
    return out;
}

}  // namespace escale::indicators
