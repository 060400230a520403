// SPDX-License-Identifier: EUPL-1.2
// The one check every path that creates a desk booking goes through (issue 10, item 4):
// booking for oneself or on someone's behalf, a recurrence's occurrences, a walk-in at the
// desk (app/check_in) and a waitlist promotion (app/waitlist). It applies, in a write
// transaction, the slot's rules (core/booking_rules: open day, not over, within the
// horizon), the desk's (inactive, adapted desks, quartier priority: core/desk_rules), whether
// the slot is still free for the desk and the holder, and the weekly quota, counted from the
// holder's live bookings after holding them (DeskBookingStore::hold_resident), so that
// concurrent requests for one resident never exceed it, on either database and across
// servers. A DeskClaims belongs to its transaction's thread.
#pragma once

#include <map>
#include <optional>
#include <span>

#include "app/context.hpp"
#include "core/calendar.hpp"
#include "core/desk.hpp"
#include "core/desk_rules.hpp"
#include "core/error.hpp"
#include "core/resident.hpp"
#include "core/site.hpp"

namespace escale::app {

class DeskClaims {
public:
    // For `holder` on site `site`: reads the site, its calendar and rules. `own`: the holder
    // is the one asking (the quota's message says "vous").
    static Result<DeskClaims> begin(Transaction& tx, SiteId site, Resident holder, bool own);

    // The check of a booking made at once (booking for oneself or someone, a walk-in): the
    // slot, desk and access rules of every half-day in `halves` of d, then the quota for all
    // of them; fails with the first refusal. The database then refuses a held slot
    // (slot_taken, already_booked_that_slot) at the insert.
    Result<void> check(Transaction& tx, const Desk& desk, Date d, std::span<const Half> halves, Instant now);

    // Why `holder` cannot take `desk` for (d, h) at `now`, or nothing when they can: closed_day,
    // past, beyond_horizon, desk_inactive, adapted_desk_reserved, quartier_reserved,
    // slot_taken (the desk is held), already_booked_that_slot (the holder holds another
    // desk), weekly_quota_reached. Writes nothing; when it returns nothing, the half-day
    // counts against the holder's quota in this object, so that the next occurrences of a
    // recurrence see it. A store failure comes back as the Result's error. Used where a
    // refusal must not reach the database (a recurrence's skipped occurrences, a promotion
    // inside a cancellation: a failed insert would abort the transaction on PostgreSQL).
    Result<std::optional<Error>> refusal(Transaction& tx, const Desk& desk, Date d, Half h, Instant now);

    // The slot, desk and access rules only (no quota, no look at who holds what): a single
    // booking then takes the quota and lets the database refuse a held slot; the waitlist
    // asks it of each free desk ("is anything free for me").
    Result<std::optional<Error>> access_refusal(Transaction& tx, const Desk& desk, Date d, Half h, Instant now);

    // Whether `halves` more half-days in the week of d fit the quota (weekly_quota_reached
    // otherwise); when they do, they are counted. Holds the holder's bookings first.
    Result<std::optional<Error>> take_quota(Transaction& tx, Date d, int halves);

    // Uncounts `halves` half-days of the week of d that take_quota or refusal counted.
    void give_back_quota(Date d, int halves);

    const Site& site() const { return site_; }
    const SiteCalendar& calendar() const { return calendar_; }
    const DeskRules& rules() const { return rules_; }
    const Resident& holder() const { return holder_; }

private:
    DeskClaims(Site site, SiteCalendar cal, Resident holder, bool own)
        : site_(std::move(site)), calendar_(std::move(cal)), rules_(desk_rules_of(site_)), holder_(std::move(holder)),
          own_(own) {}
    Result<DeskQuartier> quartier_of(Transaction& tx, const Desk& desk);

    Site site_;
    SiteCalendar calendar_;
    DeskRules rules_;
    Resident holder_;
    bool own_ = true;
    bool held_ = false;                          // hold_resident done
    std::map<date::sys_days, int> week_counts_;  // Monday → live half-days of the holder, this request's included
    std::map<ZoneId, DeskQuartier> quartiers_;
};

}  // namespace escale::app
