#include "core/occupancy.hpp"

#include <map>

#include <date/date.h>

namespace escale {

Occupancy occupancy(Date from, Date to, int desks, const std::vector<HalfDayCount>& counts,
                    const std::vector<ServiceSize>& services) {
    Occupancy out{from, to, desks, {}, {}};
    std::map<Date, DayOccupancy> days;
    for (auto d = date::sys_days{from}; d <= date::sys_days{to}; d += date::days{1}) days[Date{d}] = DayOccupancy{Date{d}};

    std::map<ServiceId, const ServiceSize*> large;
    ServiceOccupancy pool{std::nullopt, "Autres services", 0, 0};
    for (auto& s : services) {
        if (s.people >= minimum_group) large[s.id] = &s;
        else pool.people += s.people;
    }
    std::map<ServiceId, int> by_service;
    for (auto& c : counts) {
        auto day = days.find(c.date);
        if (day == days.end()) continue;
        (c.half == Half::am ? day->second.am : day->second.pm) += c.count;
        if (c.service_id && large.count(*c.service_id)) by_service[*c.service_id] += c.count;
        else *pool.half_days += c.count;
    }
    for (auto& [date, day] : days) {
        day.rate = desks > 0 ? (day.am + day.pm) / (2.0 * desks) : 0.0;
        out.days.push_back(day);
    }
    for (auto& [id, s] : large) out.services.push_back({id, s->name, s->people, by_service[id]});
    bool pooled_any = pool.people > 0 || *pool.half_days > 0;
    if (pool.people < minimum_group) pool.half_days.reset();
    if (pooled_any) out.services.push_back(pool);
    return out;
}

}  // namespace escale
