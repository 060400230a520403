// SPDX-License-Identifier: EUPL-1.2
// Periodic jobs (session clean-up and the RGPD retention policy today; no-show release and
// waitlist promotion later): each due run happens once however many servers share the database, because
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
std::vector<PeriodicJob> standard_jobs(std::chrono::seconds session_purge_interval,
                                       std::chrono::seconds retention_interval);

// Claims and runs every job that is due now; returns how many ran. A job that fails is
// logged by the caller through the returned error of the first failure, the others still run.
Result<int> run_due_jobs(Context ctx, const std::vector<PeriodicJob>& jobs, const std::string& instance);

// Deletes expired sessions; returns how many.
Result<int> purge_expired_sessions(Context ctx);

}  // namespace escale::app
