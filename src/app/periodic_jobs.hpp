// SPDX-License-Identifier: EUPL-1.2
// Periodic jobs (session clean-up, the RGPD retention policy, the no-show release; waitlist
// promotion later): each due run happens once however many servers share the database, because
// a run is claimed in the database before it is done (Transaction::claim_job). A run whose
// process dies after the claim is not retried: every job must be safe to skip once.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

struct PeriodicJob {
    std::string name;
    std::chrono::seconds interval;
    std::function<Result<void>(Context)> run;
};

// The jobs every server runs: expired sessions go every `session_purge_interval`, the
// retention policy applies every `retention_interval`.
// Check-in (issue 10, item 3): the no-show release runs every `no_show_release_interval`
// (app/check_in.hpp release_no_shows), on the server's clock.
std::vector<PeriodicJob> standard_jobs(std::chrono::seconds session_purge_interval,
                                       std::chrono::seconds retention_interval,
                                       std::chrono::seconds no_show_release_interval = std::chrono::seconds(60));

// Writes the refused bookings counted in memory (app/refusal_tally.hpp), then claims and runs every
// job that is due now; returns how many ran. A job that fails is
// logged by the caller through the returned error of the first failure, the others still run.
Result<int> run_due_jobs(Context ctx, const std::vector<PeriodicJob>& jobs, const std::string& instance);

// Deletes expired sessions; returns how many.
Result<int> purge_expired_sessions(Context ctx);

}  // namespace escale::app
