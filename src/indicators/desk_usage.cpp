// SPDX-License-Identifier: EUPL-1.2
#include "indicators/desk_usage.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "indicators/demand_percentile.hpp"

namespace escale::indicators {
namespace {

std::optional<double> ratio(int a, int b) { return b > 0 ? std::optional(static_cast<double>(a) / b) : std::nullopt; }

struct HalfDay {
    Date date;
    Half half;
    auto operator<=>(const HalfDay& o) const {
        if (auto c = date_order(date, o.date); c != 0) return c;
        return half <=> o.half;
    }
    bool operator==(const HalfDay&) const = default;
};

}  // namespace

bool outside_own_quartier(const std::vector<ZoneFacts>& zones, std::optional<ServiceId> service,
                          std::optional<ZoneId> zone) {
    if (!service) return false;
    bool has_quartier = false;
    for (auto& z : zones) {
        if (z.service_id != service) continue;
        if (zone && z.id == *zone) return false;
        has_quartier = true;
    }
    return has_quartier;
}

std::vector<DeskUsageRow> desk_usage(const AnalyticsFacts& facts, const AnalyticsGroups& groups, Period period) {
    // the open half-days of each period
    std::map<PeriodKey, std::vector<HalfDay>> open;
    for (auto& d : facts.open_days)
        for (Half h : {Half::am, Half::pm}) open[period_of(d, h, period)].push_back({d, h});

    // Groups by number (a year by day is thousands of rows: no group name compared per row), and
    // each place and service met: its group's number, and whether it is outside the quartiers.
    std::vector<GroupKey> keys;
    std::map<GroupKey, int> numbers;
    std::vector<std::map<HalfDay, int>> demand;  // per group: booked per half-day
    auto number = [&](const GroupKey& g) {
        auto [it, made] = numbers.try_emplace(g, static_cast<int>(keys.size()));
        if (made) {
            keys.push_back(g);
            demand.emplace_back();
        }
        return it->second;
    };
    std::map<std::tuple<FloorId, std::optional<ZoneId>, std::optional<ServiceId>>, std::pair<int, bool>> places;

    std::map<std::pair<PeriodKey, int>, DeskUsageRow> rows;
    auto row = [&](const PeriodKey& p, int g) -> DeskUsageRow& {
        auto [it, made] = rows.try_emplace({p, g});
        if (made) {
            it->second.period = p;
            auto d = groups.desks().find(keys[static_cast<std::size_t>(g)]);
            it->second.desks = d == groups.desks().end() ? 0 : d->second;
            auto o = open.find(p);
            it->second.open_half_days = o == open.end() ? 0 : static_cast<int>(o->second.size());
        }
        return it->second;
    };
    for (auto& [g, n] : groups.desks()) number(g);
    for (auto& [p, half_days] : open)
        for (int g = 0; g < static_cast<int>(keys.size()); ++g) row(p, g);
    for (auto& c : facts.desk_usage) {
        auto [place, met] = places.try_emplace({c.floor_id, c.zone_id, c.service_id});
        if (met)
            place->second = {number(groups.of_desk_booking(c.floor_id, c.zone_id, c.service_id)),
                             outside_own_quartier(facts.zones, c.service_id, c.zone_id)};
        auto [g, outside] = place->second;
        auto& r = row(period_of(c.date, c.half, period), g);
        r.booked += c.booked;
        r.checked_in += c.checked_in;
        r.no_show += c.no_show;
        if (outside) r.overflow += c.booked;
        demand[static_cast<std::size_t>(g)][{c.date, c.half}] += c.booked;
    }

    std::vector<DeskUsageRow> out;
    out.reserve(rows.size());
    for (auto& [key, r] : rows) {
        auto& [p, g] = key;
        r.group = keys[static_cast<std::size_t>(g)];
        r.offered = r.desks * r.open_half_days;
        r.booked_rate = ratio(r.booked, r.offered);
        r.checked_in_rate = ratio(r.checked_in, r.offered);
        r.no_show_rate = ratio(r.no_show, r.booked);
        r.overflow_rate = ratio(r.overflow, r.booked);
        // the demand of every open half-day of the period (zero when nothing was booked), and
        // of the closed ones that still had bookings
        auto& mine = demand[static_cast<std::size_t>(g)];
        std::set<HalfDay> half_days;
        if (auto o = open.find(p); o != open.end()) half_days.insert(o->second.begin(), o->second.end());
        for (auto it = mine.lower_bound(HalfDay{p.start, Half::am}); it != mine.end() && !(p.end < it->first.date); ++it)
            if (!p.half || it->first.half == *p.half) half_days.insert(it->first);
        std::vector<int> values;
        values.reserve(half_days.size());
        for (auto& h : half_days) {
            auto d = mine.find(h);
            values.push_back(d == mine.end() ? 0 : d->second);
        }
        auto peaks = demand_peaks(std::move(values));
        r.peak = peaks.peak;
        r.p95 = peaks.p95;
        out.push_back(std::move(r));
    }
    // by period, then group (the groups were numbered as met)
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return std::tie(a.period, a.group) < std::tie(b.period, b.group); });
    return out;
}

}  // namespace escale::indicators
