// SPDX-License-Identifier: EUPL-1.2
// A site's occupancy analytics over a range, cut by period and group: desk usage
// (indicators/desk_usage), the weekday profile, the demand turned away and the collective
// spaces' use. The minimum group size holds throughout: by service, small services are
// pooled (indicators/service_pool); when the site itself has fewer than `minimum_group`
// people, no figure is given at all (`withheld`). Pure.
#pragma once

#include <string>
#include <vector>

#include "indicators/desk_usage.hpp"
#include "indicators/space_usage.hpp"
#include "indicators/turned_away.hpp"
#include "indicators/weekday_profile.hpp"

namespace escale::indicators {

struct SiteAnalytics {
    std::string site;
    Date from, to;
    Grouping by = Grouping::site;
    Period period = Period::day;
    bool withheld = false;
    std::vector<DeskUsageRow> desks;
    std::vector<WeekdayRow> weekdays;
    std::vector<TurnedAwayRow> turned_away;
    std::vector<SpaceUsageRow> spaces;
};

SiteAnalytics site_analytics(const AnalyticsFacts& facts, Date from, Date to, Grouping by, Period period);

}  // namespace escale::indicators
