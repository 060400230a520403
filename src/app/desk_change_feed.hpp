// SPDX-License-Identifier: EUPL-1.2
// Live updates (issue 11): what changed in desk bookings lately, for the plans open on this
// server. One feed per server process, shared by all its event streams: it reads the changes
// the database noted (DeskBookingStore::changes_since, written by triggers whatever server or
// job made them) at most once per poll interval however many streams ask, keeps the recent
// ones in memory under a sequence number of its own, and hands each stream those of its
// floor past its cursor. It also bounds the number of open streams.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "app/context.hpp"

namespace escale::app {

class DeskChangeFeed {
public:
    struct Options {
        std::chrono::milliseconds poll_interval{400};
        // How far back each read looks (PostgreSQL's ids are not in commit order: a change
        // noted before another may become visible after it); also covers clock skew between
        // the servers and the database.
        std::chrono::seconds look_back{30};
        std::chrono::minutes keep_in_database{10};
        std::size_t keep_in_memory = 20000;  // changes
        std::size_t max_streams = 1000;
    };
    struct Change {
        std::uint64_t seq = 0;  // this feed's own order of arrival
        std::int64_t id = 0;    // the database's id (what a stream sends as the event id)
        FloorId floor_id = 0;
        Date date;
        std::chrono::steady_clock::time_point arrived{};  // when this feed read it
    };

    explicit DeskChangeFeed(Store& store) : DeskChangeFeed(store, Options{}) {}
    DeskChangeFeed(Store& store, Options options) : store_(store), options_(options) {}

    // Reads the new changes when the last read is older than the poll interval; a caller
    // finding another one reading returns at once. Never fails (a failed read is retried).
    void refresh();
    // The sequence number of the latest change kept (0: none yet).
    std::uint64_t cursor() const;
    // The cursor before the changes that arrived at `t` or later: a new stream starts a few
    // seconds back, so that what changed between the page's read and the stream's opening
    // is sent too.
    std::uint64_t cursor_before(std::chrono::steady_clock::time_point t) const;
    // The changes of the floors `floors` (sorted) after cursor `after`, oldest first.
    std::vector<Change> of_floors(const std::vector<FloorId>& floors, std::uint64_t after) const;
    // The cursor just after the change with database id `id`, when it is still kept here;
    // nullopt when it is not (too old, or seen only by another server).
    std::optional<std::uint64_t> cursor_after_id(std::int64_t id) const;

    // Takes one of the stream places; false when all are taken.
    bool open_stream();
    void close_stream();
    std::size_t streams() const;
    // How many times the database was read (tests and figures).
    std::uint64_t reads() const;

private:
    Store& store_;
    Options options_;
    SystemClock clock_;  // transactions only; the changes' instants are the database's
    std::mutex poll_mutex_;  // held by the one caller reading the database
    std::chrono::steady_clock::time_point last_read_{};
    std::chrono::steady_clock::time_point last_forget_{};
    std::unordered_map<std::int64_t, std::int64_t> seen_;  // id → at_ms, within the look-back window (poll_mutex_)

    mutable std::mutex mutex_;  // the kept changes and the counters
    std::deque<Change> kept_;
    std::uint64_t next_seq_ = 1;
    std::size_t streams_ = 0;
    std::uint64_t reads_ = 0;
};

// Whether `actor` may follow floor `floor_id`'s changes (read its site, as its availability).
Result<void> may_follow_floor(Context ctx, const Actor& actor, FloorId floor_id);
// The floors of site `site_id`, sorted, when `actor` may follow its changes (read the site):
// Ma semaine follows the changes of the whole site, where the resident's bookings are.
Result<std::vector<FloorId>> floors_to_follow(Context ctx, const Actor& actor, SiteId site_id);

}  // namespace escale::app
