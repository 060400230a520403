// SPDX-License-Identifier: EUPL-1.2
#include "indicators/weekday_profile.hpp"

#include <map>

namespace escale::indicators {

std::vector<WeekdayRow> weekday_profile(const AnalyticsFacts& facts, const AnalyticsGroups& groups) {
    std::map<int, int> open;  // open half-days per weekday
    for (auto& d : facts.open_days) open[iso_weekday(d)] += 2;
    std::map<std::pair<int, GroupKey>, WeekdayRow> rows;
    auto row = [&](int weekday, const GroupKey& g) -> WeekdayRow& {
        auto [it, made] = rows.try_emplace({weekday, g});
        if (made) {
            it->second.weekday = weekday;
            it->second.group = g;
            it->second.open_half_days = open.count(weekday) ? open[weekday] : 0;
        }
        return it->second;
    };
    for (auto& [w, n] : open)
        for (auto& [g, desks] : groups.desks()) row(w, g);
    for (auto& c : facts.desk_usage) {
        auto& r = row(iso_weekday(c.date), groups.of_desk_booking(c.floor_id, c.zone_id, c.service_id));
        r.booked += c.booked;
        r.checked_in += c.checked_in;
    }
    std::vector<WeekdayRow> out;
    for (auto& [key, r] : rows) {
        auto d = groups.desks().find(r.group);
        int offered = (d == groups.desks().end() ? 0 : d->second) * r.open_half_days;
        if (r.open_half_days > 0) r.mean_booked = static_cast<double>(r.booked) / r.open_half_days;
        if (offered > 0) {
            r.booked_rate = static_cast<double>(r.booked) / offered;
            r.checked_in_rate = static_cast<double>(r.checked_in) / offered;
        }
        out.push_back(r);
    }
    return out;
}

}  // namespace escale::indicators
