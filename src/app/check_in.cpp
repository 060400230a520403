// SPDX-License-Identifier: EUPL-1.2
#include "app/check_in.hpp"

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/notifications.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "app/desk_claim.hpp"
#include "app/waitlist.hpp"
#include "core/check_in.hpp"
#include "core/metrics.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {

namespace {

struct SiteClock {
    Site site;
    SiteCalendar calendar;
    CheckInPolicy policy;
};

Result<SiteClock> site_clock(Transaction& tx, SiteId id) {
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, id));
    if (!site) return fail(errors::internal("booking or desk without site"));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    ESCALE_TRY(auto policy, check_in_policy(*site));
    return SiteClock{std::move(*site), std::move(cal), std::move(policy)};
}

// Checks b in (its rules checked against the site's clock); a concurrent change of state
// (the release job, a second scan) is reported as the state it left.
Result<DeskBooking> check_in(Transaction& tx, const SiteClock& sc, DeskBooking b, Instant now) {
    ESCALE_TRY_VOID(check_can_check_in(sc.calendar, sc.policy, b, now));
    ESCALE_TRY(bool changed, tx.bookings().change_state(b.id, BookingState::reserved, BookingState::checked_in, now));
    if (!changed) {
        ESCALE_TRY(auto again, tx.bookings().find(b.id));
        if (again && again->state == BookingState::no_show)
            return fail(errors::booking_released(sc.policy.release_text(b.half)));
        return fail(errors::invalid_transition(to_string(again ? again->state : b.state), "checked_in"));
    }
    b.state = BookingState::checked_in;
    return b;
}

}  // namespace

Result<DeskCheckIn> check_in_at_desk(Context ctx, const Actor& actor, DeskId desk_id) {
    auto done = in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<DeskCheckIn> {
        ESCALE_TRY(auto desk, tx.referential().find(Of<Desk>{}, desk_id));
        if (!desk) return fail(errors::not_found(entity_label<Desk>()));
        ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{desk->site_id, std::nullopt}));
        ESCALE_TRY(auto sc, site_clock(tx, desk->site_id));
        if (!sc.policy.enabled) return fail(errors::check_in_disabled());
        Instant now = ctx.clock.now();
        Date today = sc.calendar.today(now);
        if (sc.calendar.is_closed(today)) return fail(errors::closed_day());
        auto half = current_half(sc.calendar, now);
        if (!half) return fail(errors::check_in_not_now());

        // The actor's own booking of this desk for now, in whatever state (a released one
        // is refused with the reason, not silently booked again).
        ESCALE_TRY(auto mine, tx.bookings().on_date_of(actor.resident.id, today));
        const DeskBooking* here = nullptr;
        for (auto& b : mine)
            if (b.desk_id == desk_id && b.half == *half && (is_live(b.state) || b.state == BookingState::no_show))
                here = &b;  // the latest one
        if (here) {
            ESCALE_TRY(auto b, check_in(tx, sc, *here, now));
            return DeskCheckIn{b, false};
        }

        // Walk-in: the booking rules of book_desk (the one shared check), for the current half-day.
        if (!desk->active) return fail(errors::desk_inactive());
        ESCALE_TRY(auto claims, DeskClaims::begin(tx, desk->site_id, actor.resident, true));
        const Half halves[] = {*half};
        ESCALE_TRY_VOID(claims.check(tx, *desk, today, halves, now));
        DeskBooking b{0, desk->site_id, desk->id, actor.resident.id, today, *half, BookingState::checked_in,
                      now, actor.resident.id, actor.resident.service_id};
        ESCALE_TRY(b.id, tx.bookings().insert(b));
        return DeskCheckIn{b, true};
    });
    if (done && done->walk_in) metrics::process().desk_bookings_made.add();  // committed (issue 14)
    return done;
}

Result<DeskBooking> check_in_booking(Context ctx, const Actor& actor, BookingId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<DeskBooking> {
        ESCALE_TRY(auto b, tx.bookings().find(id));
        if (!b) return fail(errors::not_found(feminine("réservation")));
        bool for_other = b->resident_id != actor.resident.id;
        if (for_other) {
            ESCALE_TRY(auto holder, tx.referential().find(Of<Resident>{}, b->resident_id));
            if (!holder || !actor.may(Permission::book_for_others, Scope{b->site_id, holder->service_id}))
                return fail(errors::not_found(feminine("réservation")));
        } else {
            ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{b->site_id, std::nullopt}));
        }
        ESCALE_TRY(auto sc, site_clock(tx, b->site_id));
        ESCALE_TRY(auto done, check_in(tx, sc, *b, ctx.clock.now()));
        if (for_other)
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, b->site_id, {}, b->resident_id, "check_in_for", "desk_bookings", b->id, ""}));
        return done;
    });
}

Result<std::vector<DeskBooking>> release_rest_of_day(Context ctx, const Actor& actor) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<std::vector<DeskBooking>> {
        std::vector<DeskBooking> changed;
        Instant now = ctx.clock.now();
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, actor.resident.site_id));
        if (!site) return changed;  // the system: no bookings of its own
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        Date today = cal.today(now);
        auto half = current_half(cal, now);
        bool day_over = now >= cal.slot_end(today, Half::pm);
        ESCALE_TRY(auto mine, tx.bookings().on_date_of(actor.resident.id, today));
        for (auto b : mine) {
            auto to = rest_of_day_state(b, half, day_over);
            if (!to) continue;
            ESCALE_TRY_VOID(check_transition(b.state, *to));
            ESCALE_TRY(bool ok, tx.bookings().change_state(b.id, b.state, *to, now));
            if (!ok) continue;  // changed meanwhile (the release job): nothing left to free there
            b.state = *to;
            changed.push_back(b);
            // The freed desk goes to the first waiter, in this same transaction (issue 10, item 5).
            ESCALE_TRY_VOID(promote_first_waiter(tx, ctx, b));
        }
        return changed;
    });
}

Result<int> release_no_shows(Context ctx) {
    Instant now = ctx.clock.now();
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<int> {
        int released = 0;
        ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
        for (auto& site : sites) {
            if (!site.check_in_enabled) continue;
            auto policy = check_in_policy(site);
            if (!policy) continue;  // validated on every write; a broken row must not stop the others
            ESCALE_TRY(auto cal, load_site_calendar(tx, site));
            Date today = cal.today(now);
            if (cal.is_closed(today)) continue;
            for (Half h : {Half::am, Half::pm}) {
                Instant at = release_instant(cal, *policy, today, h);
                if (now < at) continue;
                ESCALE_TRY(auto freed, tx.bookings().mark_no_shows(site.id, today, h, at, now));
                const int n = static_cast<int>(freed.size());
                if (n == 0) continue;
                // Each freed desk goes to the first waiter, in this same transaction (issue 10, item 5).
                for (const auto& b : freed) ESCALE_TRY_VOID(promote_first_waiter(tx, ctx, b));
                released += n;
                ESCALE_TRY_VOID(record(tx, ctx, Actor::system(),
                                       AuditEvent{0, {}, site.id, {}, {}, "release_no_shows", "desk_bookings", {},
                                                  fmt::format("{} {} : {} réservation(s) sans arrivée signalée à {} "
                                                              "libérée(s)",
                                                              format_date(today), h == Half::am ? "matin" : "après-midi",
                                                              n, policy->release_text(h))}));
                // notifications: each holder learns their booking was released.
                for (auto& b : freed) ESCALE_TRY_VOID(notify_no_show_released(tx, ctx, b, policy->release_text(h)));
            }
        }
        return released;
    });
}

}  // namespace escale::app
