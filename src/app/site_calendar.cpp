// SPDX-License-Identifier: EUPL-1.2
#include "app/site_calendar.hpp"

#include "core/try.hpp"

namespace escale::app {

Result<SiteCalendar> load_site_calendar(Transaction& tx, const Site& site) {
    ESCALE_TRY(auto closures, tx.referential().list(Of<Closure>{}, site.id));
    std::set<Date> days;
    for (auto& c : closures)
        if (auto d = parse_date(c.date)) days.insert(*d);
    return SiteCalendar::make(site.time_zone, site.opens_at, site.noon_at, site.closes_at, std::move(days));
}

}  // namespace escale::app
