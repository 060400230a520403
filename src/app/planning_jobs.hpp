// SPDX-License-Identifier: EUPL-1.2
// The planning engine's long calculations as jobs (issue 12, item 5): a Monte Carlo run, an
// exact team-day search or a scenario is queued, run on this board's own worker threads (never
// on the server's I/O threads), and read back by its id with its progress (0..1) and, once
// done, its result (JSON text) or its error.
//
// Kept in this process's memory, not in the database: a job lives minutes, its result is read
// back by whoever asked on the same server (a load balancer in front of several servers keeps
// a session on one server, or the client asks again); at most `max_waiting` jobs wait or run
// (beyond: planning_busy, 503), at most `max_kept` finished ones are kept, each for
// `keep_for`, the oldest dropped first. A job is seen only by the person who asked for it
// (anyone else gets not_found). Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace escale::app {

enum class PlanningJobState { queued, running, done, failed };
const char* to_string(PlanningJobState s);

struct PlanningJobView {
    std::string id;
    std::string kind;  // "size", "days", "scenario"
    PlanningJobState state = PlanningJobState::queued;
    double progress = 0;
    std::optional<std::string> input;   // JSON text of the question, kept for saving a scenario
    std::optional<std::string> result;  // JSON text, when done
    std::optional<Error> error;         // when failed
    SiteId site_id = 0;                 // the site the question is about (0: none)
};

class PlanningJobs {
public:
    struct Options {
        int workers = 1;
        int max_waiting = 8;
        int max_kept = 200;
        std::chrono::seconds keep_for{3600};
    };
    // The work: given a progress callback (share done, 0..1), the result as JSON text.
    using Work = std::function<Result<std::string>(const std::function<void(double)>& progress)>;

    explicit PlanningJobs(const Clock& clock, Options options);
    PlanningJobs(const PlanningJobs&) = delete;
    PlanningJobs& operator=(const PlanningJobs&) = delete;
    // Lets running jobs finish, drops those waiting, joins the workers.
    ~PlanningJobs();

    // Queues the work of `owner`; its id, or planning_busy.
    Result<std::string> submit(std::string kind, ResidentId owner, SiteId site, std::string input, Work work);
    // The job `id` if `owner` asked for it.
    std::optional<PlanningJobView> find(const std::string& id, ResidentId owner) const;

private:
    struct Job {
        PlanningJobView view;
        ResidentId owner = 0;
        Instant finished_at{};
        Work work;
    };
    void run_worker();
    void forget_old(Instant now);  // with mutex_ held

    const Clock& clock_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
    std::deque<std::shared_ptr<Job>> waiting_;
    std::deque<std::shared_ptr<Job>> finished_;  // oldest first
    int active_ = 0;  // waiting or running
    std::vector<std::thread> workers_;
};

}  // namespace escale::app
