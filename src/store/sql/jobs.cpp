// SPDX-License-Identifier: EUPL-1.2
// Periodic jobs' SQL: a compare-and-set on jobs.next_run_at, and job_runs (name, due_at)
// UNIQUE as the record that a due run was claimed once.
#include <algorithm>

#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

class SqlJobs final : public JobStore {
public:
    explicit SqlJobs(Connection& c) : c_(c) {}

    Result<std::optional<Instant>> claim(const std::string& name, Instant now, std::chrono::seconds interval,
                                         const std::string& instance) override {
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                                params(name, now)));
        ESCALE_TRY(auto due, first_row(c_, "SELECT next_run_at FROM jobs WHERE name = $1", params(name), [](const Row& r) {
                       Instant t;
                       read(r, 0, t);
                       return t;
                   }));
        if (!due || *due > now) return std::optional<Instant>{};
        auto step = std::max<std::chrono::seconds>(std::chrono::seconds{1}, interval);
        Instant next = *due + ((now - *due) / step + 1) * step;
        // Compare and set: of several processes, the first to update wins; the others, once
        // it commits (PostgreSQL) or once they get the writer lock (SQLite), find
        // next_run_at changed and update nothing.
        ESCALE_TRY(int n, execute(c_, "UPDATE jobs SET next_run_at = $1 WHERE name = $2 AND next_run_at = $3",
                                  params(next, name, *due)));
        if (n != 1) return std::optional<Instant>{};
        ESCALE_TRY_VOID(execute(c_, "INSERT INTO job_runs (name, due_at, run_by, claimed_at) VALUES ($1, $2, $3, $4)",
                                params(name, *due, instance, now)));
        return std::optional<Instant>{*due};
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<JobStore> job_room(Connection& c) { return std::make_unique<SqlJobs>(c); }

}  // namespace escale::sql
