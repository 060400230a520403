// SPDX-License-Identifier: EUPL-1.2
// Occupancy analytics (issue 13, item 1): desk bookings refused because their desk was taken
// meanwhile (`slot_taken`), demand turned away. The booking path notes them here, in memory;
// the periodic jobs' tick of every server (app/periodic_jobs) and the analytics, before they
// read, write them to the database (`desk_demand_days`) in one transaction. So a refusal costs
// a rush no write transaction of its own. A server that dies loses at most its last second of
// counts (they are best effort, as before). Safe to share between threads.
//
// `escale serve` keeps one (Context::refusals); without it, as in the CLI and the unit tests,
// a refusal is written at once in a transaction of its own.
#pragma once

#include <map>
#include <mutex>
#include <tuple>

#include "app/context.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale::app {

class RefusalTally {
public:
    // Counts one refusal of (site, d, h).
    void note(SiteId site, Date d, Half h);

    // Writes the counts noted so far, in one transaction; on failure they are kept for the next.
    Result<void> flush(Context ctx);

private:
    using Slot = std::tuple<SiteId, Date, Half>;
    std::mutex mutex_;
    std::map<Slot, int> counts_;
};

}  // namespace escale::app
