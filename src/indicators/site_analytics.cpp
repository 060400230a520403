// SPDX-License-Identifier: EUPL-1.2
#include "indicators/site_analytics.hpp"

#include <set>

namespace escale::indicators {

SiteAnalytics site_analytics(const AnalyticsFacts& facts, Date from, Date to, Grouping by, Period period) {
    SiteAnalytics out{facts.site_name, from, to, by, period, false, {}, {}, {}, {}};
    std::set<std::optional<ServiceId>> used = facts.desk_services;
    for (auto& c : facts.desk_usage) used.insert(c.service_id);
    for (auto& d : facts.space_service_days) used.insert(d.service_id);
    auto pool = pool_services(facts.services, used);
    if (pool.withheld) {
        out.withheld = true;
        return out;
    }
    AnalyticsGroups groups(by, facts, pool);
    out.desks = desk_usage(facts, groups, period);
    out.weekdays = weekday_profile(facts, groups);
    out.turned_away = turned_away(facts.open_days, facts.turned_away, period);
    out.spaces = space_usage(facts, groups, by, period);
    return out;
}

}  // namespace escale::indicators
