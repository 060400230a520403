// SPDX-License-Identifier: EUPL-1.2
#include "indicators/space_usage.hpp"

#include <map>

namespace escale::indicators {

std::vector<SpaceUsageRow> space_usage(const AnalyticsFacts& facts, const AnalyticsGroups& groups, Grouping by,
                                       Period period) {
    Period p = period == Period::half_day ? Period::day : period;
    std::map<PeriodKey, int> open_days;
    for (auto& d : facts.open_days) ++open_days[period_of(d, Half::am, p)];
    std::map<SpaceId, int> capacity;
    for (auto& s : facts.spaces) capacity[s.id] = s.capacity;

    std::map<std::pair<PeriodKey, GroupKey>, SpaceUsageRow> rows;
    auto row = [&](const PeriodKey& k, const GroupKey& g) -> SpaceUsageRow& {
        auto [it, made] = rows.try_emplace({k, g});
        if (made) {
            it->second.period = k;
            it->second.group = g;
            auto s = groups.spaces().find(g);
            it->second.spaces = s == groups.spaces().end() ? 0 : s->second;
            if (by != Grouping::service) {
                auto o = open_days.find(k);
                it->second.hours_open = it->second.spaces * (o == open_days.end() ? 0 : o->second) * facts.space_hours_per_day;
            }
        }
        return it->second;
    };
    for (auto& [k, n] : open_days)
        for (auto& [g, spaces] : groups.spaces()) row(k, g);
    auto add = [&](const SpaceUsageDay& d, const GroupKey& g, int seats) {
        auto& r = row(period_of(d.date, Half::am, p), g);
        r.hours_booked += static_cast<double>(d.seconds) / 3600;
        r.bookings += d.bookings;
        r.attendees += d.attendees;
        r.seats += seats;
        r.unused += d.unused;
    };
    if (by == Grouping::service) {
        for (auto& d : facts.space_service_days) add(d, groups.of_space_booking(0, d.service_id), d.seats);
    } else {
        for (auto& d : facts.space_days) {
            auto c = capacity.find(d.space_id);
            add(d, groups.of_space_booking(d.space_id, std::nullopt), c == capacity.end() ? 0 : c->second * d.bookings);
        }
    }
    std::vector<SpaceUsageRow> out;
    for (auto& [k, r] : rows) {
        if (r.hours_open && *r.hours_open > 0) r.hours_rate = r.hours_booked / *r.hours_open;
        if (r.seats > 0) r.fill_rate = static_cast<double>(r.attendees) / r.seats;
        if (r.bookings > 0) r.unused_rate = static_cast<double>(r.unused) / r.bookings;
        out.push_back(r);
    }
    return out;
}

}  // namespace escale::indicators
