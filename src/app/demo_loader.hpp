// SPDX-License-Identifier: EUPL-1.2
// Writes a generated demo site into the store, with a local account for every resident and,
// on request, its booking history.
#pragma once

#include <optional>
#include <string>

#include "app/context.hpp"
#include "core/error.hpp"
#include "demo/demo_site.hpp"
#include "demo/history.hpp"

namespace escale::app {

struct DemoLoadReport {
    bool loaded = false;  // false when the database already held a site
    SiteId site_id = 0;
    int residents = 0;
    int desks = 0;
    int bookings = 0;  // booking rows of the history, cancelled ones included
};

// Loads `site` in one transaction when the database holds no site yet; every resident
// gets the password demo::demo_password. With `history`, the site also gets its booking
// history (demo/history.hpp) around the site's local date at the clock's now, written
// straight into the bookings room in the same transaction (past bookings cannot go through
// the booking use case, which refuses the past). Runs as the system.
Result<DemoLoadReport> load_demo_if_empty(Context ctx, const demo::DemoSite& site,
                                          std::optional<demo::HistoryOptions> history = std::nullopt);

}  // namespace escale::app
