// SPDX-License-Identifier: EUPL-1.2
// Desk bookings inside a transaction: half-day claims on desks, their states, and the
// counts and holders that availability and indicators read. Part of a Transaction
// (store/store.hpp): it belongs to the transaction's thread and shares its error rules.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/half_day_count.hpp"

namespace escale {

// The holder of one live desk slot.
struct SlotHolder {
    DeskId desk_id = 0;
    Half half = Half::am;
    ResidentId resident_id = 0;
    BookingState state = BookingState::reserved;  // reserved or checked_in (check-in shows on the plan)
};

// live updates (issue 11): one change of a desk booking (made, or a new state), noted by the
// database itself (migration v17) with the floor, the day and the instant in milliseconds.
struct DeskChange {
    std::int64_t id = 0;
    FloorId floor_id = 0;
    Date date;
    std::int64_t at_ms = 0;
};

// A booking written as it already is (demo history): with the instant of its last state change.
struct BookingRecord {
    DeskBooking booking;
    Instant state_changed_at;
};

class DeskBookingStore {
public:
    virtual ~DeskBookingStore() = default;

    // Fails with "slot_taken" (conflict) when the desk slot has a live booking,
    // "already_booked_that_slot" (rule_violation) when the resident has one on another
    // desk: the database enforces both, whatever races.
    virtual Result<BookingId> insert(const DeskBooking& b) = 0;
    // Writes `records` as they are, a few hundred rows per statement, without returning their
    // ids; fails as insert does. This default writes them one by one.
    virtual Result<void> insert_all(std::span<const BookingRecord> records) {
        for (const auto& r : records) {
            auto id = insert(r.booking);
            if (!id) return tl::unexpected(id.error());
            if (auto set = set_state(*id, r.booking.state, r.state_changed_at); !set) return set;
        }
        return {};
    }
    virtual Result<std::optional<DeskBooking>> find(BookingId id) = 0;
    // Fails with "not_found" when there is no booking `id`.
    virtual Result<void> set_state(BookingId id, BookingState s, Instant at) = 0;
    // A resident's live bookings with from <= date <= to, by date then half.
    virtual Result<std::vector<DeskBooking>> live_of(ResidentId r, Date from, Date to) = 0;
    // Every booking of resident r, in any state, by date, half and id.
    virtual Result<std::vector<DeskBooking>> all_of(ResidentId r) = 0;
    // Live bookings of site `site` with from <= date <= to, counted by date, half and service.
    virtual Result<std::vector<HalfDayCount>> live_counts(SiteId site, Date from, Date to) = 0;
    // Who holds the desk slots of date d (live bookings only) for the desks whose ids are
    // in [first_desk, last_desk], by desk id. A floor's desks usually have neighbouring ids,
    // so this reads little more than the floor; the caller drops desks it does not show.
    virtual Result<std::vector<SlotHolder>> slot_holders(Date d, DeskId first_desk, DeskId last_desk) = 0;

    // Personal data (RGPD). Anonymising a booking forgets who held and who made it, and keeps
    // the rest (site, desk, date, half, state, service, the day of its instants) for
    // statistics; each returns how many rows changed (for a resident: how many of their own
    // bookings).
    virtual Result<int> anonymize_before(SiteId site, Date before) = 0;
    virtual Result<int> anonymize_of(ResidentId r) = 0;

    // ---- check-in and no-show release (issue 10, item 3) ----
    // Every booking of resident r on date d, in any state, by half then id.
    virtual Result<std::vector<DeskBooking>> on_date_of(ResidentId r, Date d) = 0;
    // Moves booking `id` from state `from` to `to` (at instant `at`) only if it is still in
    // `from`: false when someone changed it first (a concurrent check-in, the release job).
    virtual Result<bool> change_state(BookingId id, BookingState from, BookingState to, Instant at) = 0;
    // The release job: every booking of site `site` for (d, h) still `reserved` and created
    // before `booked_before` becomes `no_show` at `at`, freeing its slot; returns them (now
    // no_show), by id.
    virtual Result<std::vector<DeskBooking>> mark_no_shows(SiteId site, Date d, Half h, Instant booked_before,
                                                           Instant at) = 0;

    // ---- fair-booking rules (issue 10, item 4) ----
    // Makes the other write transactions that book for resident r wait until this one ends,
    // so that a rule read before the write (the weekly quota: live_of, then insert) sees every
    // booking committed before and none is written meanwhile (PostgreSQL: a transaction-level
    // advisory lock, across servers; SQLite serialises writers already).
    virtual Result<void> hold_resident(ResidentId r) = 0;

    // ---- live updates (issue 11) ----
    // The changes noted at or after `at_ms` (database clock, ms), by id. None by default (a
    // store without the trigger).
    virtual Result<std::vector<DeskChange>> changes_since(std::int64_t /*at_ms*/) { return std::vector<DeskChange>{}; }
    // Forgets the changes noted before `at_ms`; returns how many.
    virtual Result<int> forget_changes_before(std::int64_t /*at_ms*/) { return 0; }
};

}  // namespace escale
