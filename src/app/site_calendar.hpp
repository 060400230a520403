// SPDX-License-Identifier: EUPL-1.2
// Builds the calendar of a stored site: its zone, opening hours and closure days; and the
// days of that calendar as the web app shows them (open, or closed and why).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/calendar.hpp"
#include "store/store.hpp"

namespace escale::app {

Result<SiteCalendar> load_site_calendar(Transaction& tx, const Site& site);

// web app (issue 11): a site's days from `from` to `to` (by default today at the site and
// the 27 days after; at most 367 days), each open or closed with its French reason: "Week-end",
// the public holiday's name, the closure's reason (or "Fermeture du site"). Needs read_site.
struct CalendarDay {
    Date date;
    bool closed = false;
    std::string reason;  // empty when open
};
struct SiteDays {
    Date today;  // at the site, by the server's clock
    std::pair<Date, Half> next_half_day;  // in progress or to come (SiteCalendar::next_half_day)
    std::vector<CalendarDay> days;
};
Result<SiteDays> site_days(Context ctx, const Actor& actor, SiteId site_id, std::optional<Date> from,
                           std::optional<Date> to);

}  // namespace escale::app
