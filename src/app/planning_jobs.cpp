// SPDX-License-Identifier: EUPL-1.2
#include "app/planning_jobs.hpp"

#include <sodium.h>

#include <algorithm>

#include "core/errors.hpp"

namespace escale::app {
namespace {

// 128 random bits in hex: not guessable, so a job's id tells nothing of others'.
std::string new_id() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char hex[2 * sizeof bytes + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return hex;
}

}  // namespace

const char* to_string(PlanningJobState s) {
    switch (s) {
        case PlanningJobState::queued: return "queued";
        case PlanningJobState::running: return "running";
        case PlanningJobState::done: return "done";
        case PlanningJobState::failed: return "failed";
    }
    return "";
}

PlanningJobs::PlanningJobs(const Clock& clock, Options options) : clock_(clock), options_(options) {
    if (sodium_init() < 0) std::abort();
    for (int i = 0; i < std::max(1, options_.workers); ++i) workers_.emplace_back([this] { run_worker(); });
}

PlanningJobs::~PlanningJobs() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        waiting_.clear();
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

Result<std::string> PlanningJobs::submit(std::string kind, ResidentId owner, SiteId site, std::string input, Work work) {
    auto job = std::make_shared<Job>();
    job->view.kind = std::move(kind);
    job->view.site_id = site;
    job->view.input = std::move(input);
    job->owner = owner;
    job->work = std::move(work);
    {
        std::lock_guard lock(mutex_);
        forget_old(clock_.now());
        if (active_ >= options_.max_waiting) return fail(errors::planning_busy());
        do job->view.id = new_id();
        while (jobs_.contains(job->view.id));
        jobs_[job->view.id] = job;
        waiting_.push_back(job);
        ++active_;
    }
    wake_.notify_one();
    return job->view.id;
}

std::optional<PlanningJobView> PlanningJobs::find(const std::string& id, ResidentId owner) const {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end() || it->second->owner != owner) return std::nullopt;
    return it->second->view;
}

void PlanningJobs::run_worker() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            job = waiting_.front();
            waiting_.pop_front();
            job->view.state = PlanningJobState::running;
        }
        auto progress = [this, job](double done) {
            std::lock_guard lock(mutex_);
            job->view.progress = std::clamp(done, 0.0, 1.0);
        };
        auto result = job->work(progress);
        std::lock_guard lock(mutex_);
        if (result) {
            job->view.state = PlanningJobState::done;
            job->view.progress = 1.0;
            job->view.result = std::move(*result);
        } else {
            job->view.state = PlanningJobState::failed;
            job->view.error = result.error();
        }
        job->work = nullptr;
        job->finished_at = clock_.now();
        finished_.push_back(job);
        --active_;
        forget_old(job->finished_at);
    }
}

void PlanningJobs::forget_old(Instant now) {
    while (!finished_.empty() &&
           (static_cast<int>(finished_.size()) > options_.max_kept || finished_.front()->finished_at + options_.keep_for < now)) {
        jobs_.erase(finished_.front()->view.id);
        finished_.pop_front();
    }
}

}  // namespace escale::app
