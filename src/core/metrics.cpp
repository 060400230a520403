// SPDX-License-Identifier: EUPL-1.2
#include "core/metrics.hpp"

namespace escale::metrics {

Histogram::Histogram(std::initializer_list<double> upper_bounds)
    : bounds_(upper_bounds), buckets_(new std::atomic<std::uint64_t>[upper_bounds.size() + 1]) {
    for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::observe(double v) noexcept {
    std::size_t i = 0;
    while (i < bounds_.size() && v > bounds_[i]) ++i;
    buckets_[i].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot s;
    s.upper_bounds = bounds_;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        s.cumulative.push_back(running);
    }
    s.sum = sum_.load(std::memory_order_relaxed);
    return s;
}

const char* to_string(DatabaseError e) {
    switch (e) {
        case DatabaseError::unique: return "unique";
        case DatabaseError::foreign_key: return "foreign_key";
        case DatabaseError::contention: return "contention";
        case DatabaseError::unavailable: return "unavailable";
        case DatabaseError::other: return "other";
    }
    return "other";
}

Process& process() {
    static Process p;
    return p;
}

}  // namespace escale::metrics
