// SPDX-License-Identifier: EUPL-1.2
// Collective space bookings inside a transaction: time ranges [start, end) on spaces, their
// states, and the reads the day view, the search and personal data need. Part of a
// Transaction (store/store.hpp): it belongs to the transaction's thread and shares its error
// rules. Invariant 2 (docs/architecture.md): a space's live bookings never overlap.
#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/space_booking.hpp"

namespace escale {

class SpaceBookingStore {
public:
    virtual ~SpaceBookingStore() = default;

    // Writes a booking; its caller has checked, in this write transaction, that no live
    // booking of the space overlaps it (live_overlapping). On PostgreSQL an exclusion
    // constraint refuses an overlap whatever races: this fails then with "range_taken"
    // (kind contention: running the transaction again reads the booking that won, and names
    // its range). SQLite serialises writers, so the caller's check holds.
    virtual Result<SpaceBookingId> insert(const SpaceBooking& b) = 0;
    // Makes the other write transactions that book `space` wait until this one ends, so that
    // its live_overlapping sees every booking committed before and none is written meanwhile
    // (PostgreSQL: a transaction-level advisory lock; SQLite serialises writers already).
    // Without it, racing requests on one space would each fail on the exclusion constraint
    // and run again, some of them more often than in_transaction allows.
    virtual Result<void> hold_space(SpaceId space) = 0;
    virtual Result<std::optional<SpaceBooking>> find(SpaceBookingId id) = 0;
    // Fails with "not_found" when there is no booking `id`.
    virtual Result<void> set_state(SpaceBookingId id, BookingState s, Instant at) = 0;
    // Live bookings of `space` that overlap [start, end), by start.
    virtual Result<std::vector<SpaceBooking>> live_overlapping(SpaceId space, Instant start, Instant end) = 0;
    // Spaces of `site` with a live booking that overlaps [start, end), by id.
    virtual Result<std::vector<SpaceId>> busy_spaces(SiteId site, Instant start, Instant end) = 0;
    // A resident's live bookings that overlap [from, until), by start.
    virtual Result<std::vector<SpaceBooking>> live_of(ResidentId r, Instant from, Instant until) = 0;
    // Bookings of `space` (on site `site`) in any state that overlap [from, until), by start
    // and id: what its door screen's calendar shows.
    virtual Result<std::vector<SpaceBooking>> of_space(SiteId site, SpaceId space, Instant from, Instant until) = 0;
    // Every booking of resident r (held or made for someone else), in any state, by start and id.
    virtual Result<std::vector<SpaceBooking>> all_of(ResidentId r) = 0;

    // Personal data (RGPD): anonymising forgets who held and who made a booking and its
    // subject, and keeps the rest (space, range, attendees, state, service) for statistics.
    // Each returns how many rows changed (for a resident: how many of their own bookings).
    virtual Result<int> anonymize_before(SiteId site, Instant before) = 0;
    virtual Result<int> anonymize_of(ResidentId r) = 0;
};

}  // namespace escale
