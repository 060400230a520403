// SPDX-License-Identifier: EUPL-1.2
// Waitlist entries inside a transaction (issue 10, item 5): residents waiting for a desk
// slot, first come first served. Part of a Transaction (store/store.hpp): it belongs to the
// transaction's thread and shares its error rules. A resident waits at most once per slot
// (the partial unique index waitlist_entries_waiting_resident, both databases).
#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/waitlist_entry.hpp"

namespace escale {

class WaitlistStore {
public:
    virtual ~WaitlistStore() = default;

    // Writes a waiting entry; fails with "already_waiting" (conflict) when the resident
    // already waits for that slot, whatever races.
    virtual Result<WaitlistEntryId> insert(const WaitlistEntry& e) = 0;
    // Makes the other write transactions that join or promote on site `site`'s slot (d, h)
    // wait until this one ends: a join then sees the desk a concurrent cancellation freed
    // (and is refused), or the cancellation sees the join (and promotes it). PostgreSQL: a
    // transaction-level advisory lock, across servers; SQLite serialises writers already.
    virtual Result<void> hold_slot(SiteId site, Date d, Half h) = 0;
    virtual Result<std::optional<WaitlistEntry>> find(WaitlistEntryId id) = 0;
    // The entries of site `site` waiting for (d, h), first come first (by id).
    virtual Result<std::vector<WaitlistEntry>> waiting_for(SiteId site, Date d, Half h) = 0;
    // A resident's entries with date >= from (every one without from), by date, half, id.
    virtual Result<std::vector<WaitlistEntry>> of(ResidentId r, std::optional<Date> from) = 0;
    // Moves entry `id` from `from` to `to` at `at` (recording `booking` when promoted) only if
    // it is still in `from`: false when it changed first.
    virtual Result<bool> change_state(WaitlistEntryId id, WaitlistState from, WaitlistState to, Instant at,
                                      std::optional<BookingId> booking) = 0;
    // Personal data: deletes the entries of site `site` for dates before `before` (retention),
    // or every entry of resident r (removal); each returns how many.
    virtual Result<int> delete_before(SiteId site, Date before) = 0;
    virtual Result<int> delete_of(ResidentId r) = 0;
};

}  // namespace escale
