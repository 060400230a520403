// SPDX-License-Identifier: EUPL-1.2
#include "indicators/occupancy.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <date/date.h>

namespace escale::indicators {

Occupancy occupancy(Date from, Date to, int desks, const std::vector<HalfDayCount>& counts,
                    const std::vector<ServiceSize>& services) {
    Occupancy out{from, to, desks, {}, {}};
    std::map<Date, std::pair<int, int>> days;  // am, pm
    for (auto d = date::sys_days{from}; d <= date::sys_days{to}; d += date::days{1}) days[Date{d}] = {0, 0};
    std::map<std::optional<ServiceId>, int> by_service;  // half-days, by the service booked for
    for (auto& c : counts) {
        auto day = days.find(c.date);
        if (day == days.end()) continue;
        (c.half == Half::am ? day->second.first : day->second.second) += c.count;
        by_service[c.service_id] += c.count;
    }

    // Services shown alone: those large enough, while the pool (small services, and
    // bookings of no known service) is empty or large enough too.
    std::vector<const ServiceSize*> alone;
    ServiceOccupancy pool{std::nullopt, "Autres services", 0, 0};
    for (auto& s : services) {
        if (s.people >= minimum_group) alone.push_back(&s);
        else pool.people += s.people;
    }
    std::sort(alone.begin(), alone.end(), [](auto* a, auto* b) { return std::tie(a->people, a->id) < std::tie(b->people, b->id); });
    auto is_alone = [&](const std::optional<ServiceId>& id) {
        return id && std::any_of(alone.begin(), alone.end(), [&](auto* s) { return s->id == *id; });
    };
    auto pooled_half_days = [&] {
        int n = 0;
        for (auto& [id, count] : by_service) n += is_alone(id) ? 0 : count;
        return n;
    };
    bool pool_exists = pool.people > 0 || pooled_half_days() > 0;
    while (pool_exists && pool.people < minimum_group && !alone.empty()) {
        pool.people += alone.front()->people;
        alone.erase(alone.begin());
    }
    bool site_too_small = pool_exists && pool.people < minimum_group;  // nothing left to pool with

    for (auto& [date, halves] : days) {
        DayOccupancy d{date, std::nullopt, std::nullopt, std::nullopt};
        if (!site_too_small) {
            d.am = halves.first;
            d.pm = halves.second;
            d.rate = desks > 0 ? (halves.first + halves.second) / (2.0 * desks) : 0.0;
        }
        out.days.push_back(d);
    }
    std::sort(alone.begin(), alone.end(), [](auto* a, auto* b) { return a->id < b->id; });
    for (auto* s : alone) out.services.push_back({s->id, s->name, s->people, by_service[s->id]});
    if (pool_exists) {
        pool.half_days = pooled_half_days();
        if (site_too_small) pool.half_days.reset();
        out.services.push_back(pool);
    }
    return out;
}

}  // namespace escale::indicators
