// SPDX-License-Identifier: EUPL-1.2
// Use cases of lockers: a resident sees the free lockers of their site nearest first, takes
// one (a chosen one or the nearest), sees and releases theirs; a gestionnaire assigns one to
// a resident of their site, releases anyone's, and sees who holds which (JSON and CSV).
// A resident who is removed or deactivated loses their locker (free_locker_of). At most one
// locker per resident and one holder per locker: the database refuses the rest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/table.hpp"
#include "core/locker_assignment.hpp"
#include "core/locker_nearness.hpp"

namespace escale::app {

// A free locker as a resident chooses it: how near it is, and where.
struct FreeLocker {
    LockerChoice choice;
    std::string floor_name;
    std::string zone_name;  // empty without a quartier
};

// A live (or released) assignment with its locker, where the locker is and who holds it.
struct PlacedAssignment {
    LockerAssignment assignment;
    Locker locker;
    std::string floor_name;
    std::string zone_name;  // empty without a quartier
    std::string resident_name;
    std::string resident_email;
    std::optional<ServiceId> service_id;
    std::string service_name;  // empty without a service
};

// The free lockers of the actor's own site, nearest to their service's quartiers first
// (core/locker_nearness.hpp order_by_nearness).
Result<std::vector<FreeLocker>> free_lockers_for_me(Context ctx, const Actor& actor);

// The actor's locker; "no_locker" (404) when they hold none.
Result<PlacedAssignment> my_locker(Context ctx, const Actor& actor);

// The actor takes locker `locker` (none: the nearest free one) of their own site. Fails with
// not_found (locker), locker_of_another_site, already_holds_locker, locker_taken (the locker
// is held) or no_free_locker (nothing left). Taking the nearest one tries again when another
// request took it first, so the loser of a race for one locker gets the next one.
Result<PlacedAssignment> take_locker(Context ctx, const Actor& actor, std::optional<LockerId> locker);

// The actor releases their locker; "no_locker" when they hold none.
Result<LockerAssignment> release_my_locker(Context ctx, const Actor& actor);

// Who may (assign_lockers on the resident's site) gives locker `locker` to resident
// `resident`. Fails with forbidden, not_found (resident: absent, removed or inactive; or
// locker), locker_of_another_site, already_holds_locker (the resident holds one: release it
// first; there is no implicit move) or locker_taken. Audited.
Result<PlacedAssignment> assign_locker(Context ctx, const Actor& actor, ResidentId resident, LockerId locker);

// Releases live assignment `id`: one's own, or anyone's with assign_lockers on the site (else
// "not_found", as if it did not exist). "no_locker" when it is already released. Audited
// when it is someone else's.
Result<LockerAssignment> release_locker_assignment(Context ctx, const Actor& actor, LockerAssignmentId id);

// Who holds which locker on site `site` (assign_lockers there), by locker label.
Result<std::vector<PlacedAssignment>> site_locker_assignments(Context ctx, const Actor& actor, SiteId site);
// The same as the table that the CSV and XLSX exports write (the day of each assignment at
// the site as a date). The export, in `format` ("CSV", "XLSX"), is recorded in the audit log.
Result<Table> site_locker_assignments_table(Context ctx, const Actor& actor, SiteId site, std::string_view format);

// Within a write transaction: releases resident r's live locker, if any, and records it with
// `why` ("résident supprimé"...). Returns whether there was one. For the paths that end a
// resident (removal, deactivation).
Result<bool> free_locker_of(Transaction& tx, Context ctx, const Actor& actor, const Resident& r, const char* why);

}  // namespace escale::app
