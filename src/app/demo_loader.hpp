// SPDX-License-Identifier: EUPL-1.2
// Writes a generated demo site into the store, with a local account for every resident.
#pragma once

#include <string>

#include "app/context.hpp"
#include "core/error.hpp"
#include "demo/demo_site.hpp"

namespace escale::app {

struct DemoLoadReport {
    bool loaded = false;  // false when the database already held a site
    SiteId site_id = 0;
    int residents = 0;
    int desks = 0;
};

// Loads `site` in one transaction when the database holds no site yet; every resident
// gets the password demo::demo_password. Runs as the system.
Result<DemoLoadReport> load_demo_if_empty(Context ctx, const demo::DemoSite& site);

}  // namespace escale::app
