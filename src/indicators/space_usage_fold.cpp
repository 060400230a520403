// SPDX-License-Identifier: EUPL-1.2
#include "indicators/space_usage_fold.hpp"

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
    auto [row, made] = rows_.try_emplace({date::sys_days{d.date}, space}, d);
    if (made) {
        row->second.space_id = space;
        return;
    }
    row->second.bookings += d.bookings;
    row->second.seconds += d.seconds;
    row->second.attendees += d.attendees;
    row->second.unused += d.unused;
}

std::vector<SpaceUsageDay> SpaceUsageFold::rows() const {
    std::vector<SpaceUsageDay> out;
    out.reserve(rows_.size());
    for (auto& [key, row] : rows_) out.push_back(row);
    return out;
}

}  // namespace escale::indicators
