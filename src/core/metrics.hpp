// SPDX-License-Identifier: EUPL-1.2
// The process's operations figures (issue 14, GET /metrics): counters, gauges and histograms
// that any layer bumps and the metrics route reads. Bumping is a relaxed atomic add (no lock,
// no allocation): cheap enough for every request. The figures are of this process only and
// start at zero. No I/O. Every object here is safe to share between threads.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

namespace escale::metrics {

// A number that only goes up.
class Counter {
public:
    void add(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
    std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> value_{0};
};

// A number that goes up and down (open connections, work waiting).
class Gauge {
public:
    void add(std::int64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
    void sub(std::int64_t n = 1) noexcept { value_.fetch_sub(n, std::memory_order_relaxed); }
    std::int64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::int64_t> value_{0};
};

// Observations counted in buckets of fixed upper bounds (seconds, sizes), with their sum.
class Histogram {
public:
    explicit Histogram(std::initializer_list<double> upper_bounds);
    void observe(double v) noexcept;

    struct Snapshot {
        std::vector<double> upper_bounds;     // without +Inf
        std::vector<std::uint64_t> cumulative;  // per bound, then +Inf (= count)
        double sum = 0;
    };
    // The buckets as Prometheus shows them (cumulative). Read while others observe, a
    // snapshot may be off by the observations in flight, never by more.
    Snapshot snapshot() const;

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1 (the last: +Inf)
    std::atomic<double> sum_{0};
};

// The upper bounds of request latencies, in seconds.
inline constexpr std::initializer_list<double> latency_bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                 0.1,   0.25,   0.5,   1,    2.5,   5};

// What a database failure was, for database_errors (store's classification).
enum class DatabaseError { unique, foreign_key, contention, unavailable, other };
inline constexpr int database_error_kinds = 5;
const char* to_string(DatabaseError e);

// The periodic jobs a process runs (app/periodic_jobs), by the outcome of a run.
enum class JobOutcome { done, failed };

// What the layers under http count. One per process: process().
struct Process {
    Counter desk_bookings_made;   // desk bookings created (each half-day counts one)
    Counter space_bookings_made;  // collective-space bookings created
    std::array<Counter, database_error_kinds> database_errors;
    Histogram group_commit_size{1, 2, 4, 8, 16, 32, 64, 128, 256};  // SQLite commits made durable by one fsync
    Counter job_runs_done;
    Counter job_runs_failed;
    Counter database_round_trips;  // PostgreSQL: answers waited for (a pipelined batch counts one)
};
Process& process();

}  // namespace escale::metrics
