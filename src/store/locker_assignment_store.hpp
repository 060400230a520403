// SPDX-License-Identifier: EUPL-1.2
// Locker assignments inside a transaction: who holds which locker, since when, and the
// history of released ones. Part of a Transaction (store/store.hpp): it belongs to the
// transaction's thread and shares its error rules. The database itself holds invariant 3's
// locker part: one live assignment per locker and one per resident, whatever races.
#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/locker.hpp"
#include "core/locker_assignment.hpp"

namespace escale {

class LockerAssignmentStore {
public:
    virtual ~LockerAssignmentStore() = default;

    // Writes a live assignment (released_at is ignored). Fails with "locker_taken" (conflict)
    // when the locker has a live assignment and "already_holds_locker" (conflict) when the
    // resident has one, both refused by the database's unique indexes.
    virtual Result<LockerAssignmentId> insert(const LockerAssignment& a) = 0;
    virtual Result<std::optional<LockerAssignment>> find(LockerAssignmentId id) = 0;
    // The live assignment of resident r, or of locker l, if any.
    virtual Result<std::optional<LockerAssignment>> live_of_resident(ResidentId r) = 0;
    virtual Result<std::optional<LockerAssignment>> live_of_locker(LockerId l) = 0;
    // The live assignments of a site, by locker id.
    virtual Result<std::vector<LockerAssignment>> live_on_site(SiteId site) = 0;
    // The lockers of a site that no live assignment holds, by id.
    virtual Result<std::vector<Locker>> free_lockers(SiteId site) = 0;
    // Ends live assignment `id` at `at`, by `by` (none: the system). Fails with "not_found"
    // when there is no live assignment `id`.
    virtual Result<void> release(LockerAssignmentId id, Instant at, std::optional<ResidentId> by) = 0;
    // Every assignment of resident r, live or released, oldest first (personal data).
    virtual Result<std::vector<LockerAssignment>> all_of(ResidentId r) = 0;

    // Deletes the released assignments of locker l (before the locker itself is deleted;
    // a live one stays, and the locker's deletion then fails with "in_use").
    virtual Result<int> delete_history_of_locker(LockerId l) = 0;
    // Personal data (RGPD): forgets who held, assigned and released; returns how many rows of
    // resident r's own assignments changed. Call after releasing their live one.
    virtual Result<int> anonymize_of(ResidentId r) = 0;
    // Retention: forgets the people of the site's assignments released before `before`.
    virtual Result<int> anonymize_released_before(SiteId site, Instant before) = 0;
};

}  // namespace escale
