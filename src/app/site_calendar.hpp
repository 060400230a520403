// SPDX-License-Identifier: EUPL-1.2
// Builds the calendar of a stored site: its zone, opening hours and closure days.
#pragma once

#include "core/calendar.hpp"
#include "store/store.hpp"

namespace escale::app {

Result<SiteCalendar> load_site_calendar(Transaction& tx, const Site& site);

}  // namespace escale::app
