// SPDX-License-Identifier: EUPL-1.2
// The source of "now". Core and app code ask a Clock instead of the system, so tests can
// stand at any instant (e.g. 09:59 on the Sunday of a DST change).
// Both implementations are safe to share between threads.
#pragma once

#include <atomic>
#include <chrono>

namespace escale {

using Instant = std::chrono::sys_seconds;  // a UTC instant, to the second

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

// The real time, from the operating system.
class SystemClock final : public Clock {
public:
    Instant now() const override {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// A clock that says what it is told; only a server started in test mode uses one.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : seconds_(start.time_since_epoch().count()) {}
    Instant now() const override { return Instant{std::chrono::seconds{seconds_.load()}}; }
    void set(Instant t) { seconds_.store(t.time_since_epoch().count()); }

private:
    std::atomic<long long> seconds_;
};

}  // namespace escale
