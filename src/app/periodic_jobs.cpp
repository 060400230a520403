// SPDX-License-Identifier: EUPL-1.2
#include "app/periodic_jobs.hpp"

#include "app/check_in.hpp"
#include "app/identity/auth.hpp"
#include "app/personal_data.hpp"
#include "app/refusal_tally.hpp"
#include "app/transaction.hpp"
#include "core/login_throttle.hpp"
#include "core/metrics.hpp"

namespace escale::app {

std::vector<PeriodicJob> standard_jobs(std::chrono::seconds session_purge_interval,
                                       std::chrono::seconds retention_interval,
                                       std::chrono::seconds no_show_release_interval) {
    return {
        {"purge_expired_sessions", session_purge_interval,
         [](Context ctx) -> Result<void> {
             ESCALE_TRY_VOID(purge_expired_sessions(ctx));
             return {};
         }},
        {"apply_retention", retention_interval,
         [](Context ctx) -> Result<void> {
             ESCALE_TRY_VOID(apply_retention(ctx));
             return {};
         }},
        // check-in (issue 10, item 3)
        {"release_no_shows", no_show_release_interval,
         [](Context ctx) -> Result<void> {
             ESCALE_TRY_VOID(release_no_shows(ctx));
             return {};
         }},
    };
}

Result<int> run_due_jobs(Context ctx, const std::vector<PeriodicJob>& jobs, const std::string& instance) {
    int ran = 0;
    Result<int> first_failure = 0;
    // This server's refused bookings (not a claimed job: each server has its own).
    if (ctx.refusals)
        if (auto flushed = ctx.refusals->flush(ctx); !flushed) first_failure = fail(flushed.error());
    for (auto& job : jobs) {
        auto claimed = in_transaction(ctx, TxMode::write, [&](Transaction& tx) {
            return tx.jobs().claim(job.name, ctx.clock.now(), job.interval, instance);
        });
        if (!claimed) {
            if (first_failure) first_failure = fail(claimed.error());
            continue;
        }
        if (!*claimed) continue;
        auto done = job.run(ctx);
        (done ? metrics::process().job_runs_done : metrics::process().job_runs_failed).add();  // issue 14
        if (!done && first_failure) first_failure = fail(done.error());
        ++ran;
    }
    if (!first_failure) return first_failure;
    return ran;
}

Result<int> purge_expired_sessions(Context ctx) {
    Instant now = ctx.clock.now();
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<int> {
        ESCALE_TRY(int sessions, tx.identity().delete_expired_sessions(now, now - session_idle_timeout));
        ESCALE_TRY_VOID(tx.identity().delete_stale_login_throttles(now - throttle_quiet_period));
        return sessions;
    });
}

}  // namespace escale::app
