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
        if (auto c = date::sys_days{date} <=> date::sys_days{o.date}; c != 0) return c;
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

    std::map<std::pair<PeriodKey, GroupKey>, DeskUsageRow> rows;
    std::map<std::pair<GroupKey, HalfDay>, int> demand;  // booked per group and half-day
    auto row = [&](const PeriodKey& p, const GroupKey& g) -> DeskUsageRow& {
        auto [it, made] = rows.try_emplace({p, g});
        if (made) {
            it->second.period = p;
            it->second.group = g;
            auto d = groups.desks().find(g);
            it->second.desks = d == groups.desks().end() ? 0 : d->second;
            auto o = open.find(p);
            it->second.open_half_days = o == open.end() ? 0 : static_cast<int>(o->second.size());
        }
        return it->second;
    };
    for (auto& [p, half_days] : open)
        for (auto& [g, n] : groups.desks()) row(p, g);
    for (auto& c : facts.desk_usage) {
        auto g = groups.of_desk_booking(c.floor_id, c.zone_id, c.service_id);
        auto& r = row(period_of(c.date, c.half, period), g);
        r.booked += c.booked;
        r.checked_in += c.checked_in;
        r.no_show += c.no_show;
        if (outside_own_quartier(facts.zones, c.service_id, c.zone_id)) r.overflow += c.booked;
        demand[{g, {c.date, c.half}}] += c.booked;
    }

    std::vector<DeskUsageRow> out;
    for (auto& [key, r] : rows) {
        r.offered = r.desks * r.open_half_days;
        r.booked_rate = ratio(r.booked, r.offered);
        r.checked_in_rate = ratio(r.checked_in, r.offered);
        r.no_show_rate = ratio(r.no_show, r.booked);
        r.overflow_rate = ratio(r.overflow, r.booked);
        // the demand of every open half-day of the period (zero when nothing was booked), and
        // of the closed ones that still had bookings
        std::set<HalfDay> half_days;
        if (auto o = open.find(r.period); o != open.end()) half_days.insert(o->second.begin(), o->second.end());
        for (auto it = demand.lower_bound({r.group, HalfDay{r.period.start, Half::am}});
             it != demand.end() && it->first.first == r.group && !(r.period.end < it->first.second.date); ++it)
            if (!r.period.half || it->first.second.half == *r.period.half) half_days.insert(it->first.second);
        std::vector<int> values;
        for (auto& h : half_days) {
            auto d = demand.find({r.group, h});
            values.push_back(d == demand.end() ? 0 : d->second);
        }
        auto peaks = demand_peaks(std::move(values));
        r.peak = peaks.peak;
        r.p95 = peaks.p95;
        out.push_back(r);
    }
    return out;
}

}  // namespace escale::indicators
