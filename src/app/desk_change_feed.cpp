// SPDX-License-Identifier: EUPL-1.2
#include "app/desk_change_feed.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"

namespace escale::app {
namespace {

// The triggers note the database's wall clock; the feed compares with its own (not the
// Context's clock, which a test may move).
std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void DeskChangeFeed::refresh() {
    std::unique_lock poll(poll_mutex_, std::try_to_lock);
    if (!poll.owns_lock()) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_read_ < options_.poll_interval) return;
    last_read_ = now;

    const std::int64_t since = wall_ms() - std::chrono::duration_cast<std::chrono::milliseconds>(options_.look_back).count();
    Context ctx{store_, clock_};
    auto read = in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.bookings().changes_since(since); });
    {
        std::lock_guard lock(mutex_);
        ++reads_;
    }
    if (!read) {
        spdlog::warn("mises à jour en direct : lecture des changements impossible ({})", read.error().message);
        return;
    }
    std::vector<DeskChange> fresh;
    for (auto& ch : *read)
        if (seen_.emplace(ch.id, ch.at_ms).second) fresh.push_back(ch);
    std::erase_if(seen_, [&](const auto& kv) { return kv.second < since; });

    if (!fresh.empty()) {
        std::lock_guard lock(mutex_);
        for (auto& ch : fresh) kept_.push_back(Change{next_seq_++, ch.id, ch.floor_id, ch.date, now});
        while (kept_.size() > options_.keep_in_memory) kept_.pop_front();
    }

    // The notes older than a few minutes are of no use to anyone: forgotten now and then
    // (by every server; deleting twice is harmless).
    if (now - last_forget_ > std::chrono::minutes(5)) {
        last_forget_ = now;
        const std::int64_t before =
            wall_ms() - std::chrono::duration_cast<std::chrono::milliseconds>(options_.keep_in_database).count();
        auto forgot = in_transaction(ctx, TxMode::write, [&](Transaction& tx) { return tx.bookings().forget_changes_before(before); });
        if (!forgot) spdlog::warn("mises à jour en direct : purge des changements impossible ({})", forgot.error().message);
    }
}

std::uint64_t DeskChangeFeed::cursor() const {
    std::lock_guard lock(mutex_);
    return next_seq_ - 1;
}

std::uint64_t DeskChangeFeed::cursor_before(std::chrono::steady_clock::time_point t) const {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(kept_.begin(), kept_.end(), [&](const Change& c) { return c.arrived >= t; });
    return it == kept_.end() ? next_seq_ - 1 : it->seq - 1;
}

std::vector<DeskChangeFeed::Change> DeskChangeFeed::of_floors(const std::vector<FloorId>& floors, std::uint64_t after) const {
    std::lock_guard lock(mutex_);
    std::vector<Change> out;
    // kept_ is ordered by seq: start from the first one past `after`.
    auto it = std::lower_bound(kept_.begin(), kept_.end(), after + 1, [](const Change& c, std::uint64_t s) { return c.seq < s; });
    for (; it != kept_.end(); ++it)
        if (std::binary_search(floors.begin(), floors.end(), it->floor_id)) out.push_back(*it);
    return out;
}

std::optional<std::uint64_t> DeskChangeFeed::cursor_after_id(std::int64_t id) const {
    std::lock_guard lock(mutex_);
    for (auto it = kept_.rbegin(); it != kept_.rend(); ++it)
        if (it->id == id) return it->seq;
    return std::nullopt;
}

bool DeskChangeFeed::open_stream() {
    std::lock_guard lock(mutex_);
    if (streams_ >= options_.max_streams) return false;
    ++streams_;
    return true;
}

void DeskChangeFeed::close_stream() {
    std::lock_guard lock(mutex_);
    if (streams_ > 0) --streams_;
}

std::size_t DeskChangeFeed::streams() const {
    std::lock_guard lock(mutex_);
    return streams_;
}

std::uint64_t DeskChangeFeed::reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
}

Result<void> may_follow_floor(Context ctx, const Actor& actor, FloorId floor_id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(auto floor, tx.referential().find(Of<Floor>{}, floor_id));
        if (!floor) return fail(errors::not_found(entity_label<Floor>()));
        return actor.require(Permission::read_site, Scope{floor->site_id, std::nullopt});
    });
}

Result<std::vector<FloorId>> floors_to_follow(Context ctx, const Actor& actor, SiteId site_id) {
    ESCALE_TRY_VOID(actor.require(Permission::read_site, Scope{site_id, std::nullopt}));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<FloorId>> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY(auto floors, tx.referential().list(Of<Floor>{}, site_id));
        std::vector<FloorId> ids;
        for (auto& f : floors) ids.push_back(f.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    });
}

}  // namespace escale::app
