// SPDX-License-Identifier: EUPL-1.2
// Connections accepted and not yet started, newest first, and the few "starters" that start
// them on the I/O threads (issue 14, a normal client served within 100 ms under a burst of
// connections).
//
// The kernel hands waiting connections over first in, first out, and asio runs its handlers
// in the order they were posted: under a burst of thousands of connections, a client that
// just came waited behind every one before it, twice (measured: 100–330 ms from its connect
// to its accept, its request then served in 1–10 ms). So the accept loop, on a thread of its
// own, takes every connection as soon as it arrives and puts it here; at most `starters`
// handlers are queued on the I/O threads at a time, each starting the newest connection
// waiting, then posting itself again behind the work it made. The queue stays short, a
// newcomer is started at the next starter's turn, and a burst's older connections, which
// gain nothing by being first, wait their turn here (in the connection cap's count, and shed
// oldest first when the cap is reached). Without a burst, a connection is started at once.
// Safe to share between threads.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

#include "core/metrics.hpp"
#include "http/beast_pch.hpp"

namespace escale::http {

class Arrivals {
public:
    using Socket = boost::asio::ip::tcp::socket;

    // `waiting`: the gauge kept equal to the number of connections waiting here.
    Arrivals(std::size_t starters, metrics::Gauge& waiting) : max_starters_(starters), gauge_(waiting) {}

    // Keeps new connections, the newest last; returns how many new starters the caller
    // must post.
    template <class It>
    std::size_t arrive(It first, It last) {
        std::lock_guard lock(mutex_);
        std::size_t added = 0;
        for (; first != last; ++first, ++added) waiting_.push_back(std::move(*first));
        gauge_.add(static_cast<std::int64_t>(added));
        auto more = std::min(added, max_starters_ - starters_);
        starters_ += more;
        return more;
    }

    // For a starter: the newest connection waiting, or nothing, and then the starter retires.
    std::optional<Socket> next() {
        std::lock_guard lock(mutex_);
        if (waiting_.empty()) {
            --starters_;
            return std::nullopt;
        }
        Socket s = std::move(waiting_.back());
        waiting_.pop_back();
        gauge_.sub();
        return s;
    }

    std::size_t size() {
        std::lock_guard lock(mutex_);
        return waiting_.size();
    }

    // Closes up to `count` connections waiting, the oldest first; returns how many.
    std::size_t shed(std::size_t count) {
        std::lock_guard lock(mutex_);
        std::size_t closed = 0;
        for (; closed < count && !waiting_.empty(); ++closed) {
            boost::system::error_code ignored;
            waiting_.front().close(ignored);
            waiting_.pop_front();
        }
        gauge_.sub(static_cast<std::int64_t>(closed));
        return closed;
    }

private:
    std::mutex mutex_;
    std::deque<Socket> waiting_;  // oldest first
    std::size_t max_starters_;
    std::size_t starters_ = 0;  // starters posted and not retired
    metrics::Gauge& gauge_;
};

}  // namespace escale::http
