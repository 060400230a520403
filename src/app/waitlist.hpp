// SPDX-License-Identifier: EUPL-1.2
// Use cases of the desk waitlist (issue 10, item 5): join the waitlist of a slot when no desk
// the resident may take is free in the wanted site, floor or quartier, list one's entries,
// leave; and the promotion: a desk freed by a cancellation or a no-show release goes to the
// first waiter whom the rules let take it (app/desk_claim.hpp), in the transaction that
// freed it.
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/waitlist_entry.hpp"

namespace escale::app {

// Exactly one of site, floor and quartier (zone).
struct JoinWaitlist {
    std::optional<SiteId> site_id;
    std::optional<FloorId> floor_id;
    std::optional<ZoneId> zone_id;
    Date date;
    Half half = Half::am;
};

// Puts the actor on the waitlist of (date, half) for the scope. Fails with waitlist_scope,
// not_found (site, floor, quartier; or one of another site than the actor's), forbidden
// (book_own), closed_day, past, beyond_horizon, already_booked_that_slot (the actor holds a
// desk then), weekly_quota_reached, desks_still_free (a desk the actor may take is free in
// the scope: book it instead), already_waiting.
Result<WaitlistEntry> join_waitlist(Context ctx, const Actor& actor, const JoinWaitlist& request);

// The actor's entries from today on (waiting, promoted or left), by date, half, id.
Result<std::vector<WaitlistEntry>> my_waitlist(Context ctx, const Actor& actor);

// Leaves a waiting entry of the actor's (not_found for anyone else's; invalid_transition when
// it is no longer waiting).
Result<WaitlistEntry> leave_waitlist(Context ctx, const Actor& actor, WaitlistEntryId id);

// In the write transaction `tx` that has just freed `freed` (cancelled, released or no_show):
// books its desk slot for the first waiting entry whose scope holds the desk and whose
// resident the rules let take it now (DeskClaims::refusal, so nothing refused reaches the
// database), marks the entry promoted, writes an audit line "waitlist_promote" and tells
// the resident (app/notifications: in-app, and a mail through the outbox). Waiters the rules refuse stay waiting. Returns the booking made, or
// nothing when nobody could take the desk.
Result<std::optional<DeskBooking>> promote_first_waiter(Transaction& tx, Context ctx, const DeskBooking& freed);

}  // namespace escale::app
