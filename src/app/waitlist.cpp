// SPDX-License-Identifier: EUPL-1.2
#include "app/waitlist.hpp"

#include <algorithm>

#include <boost/describe/enum_to_string.hpp>
#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/desk_claim.hpp"
#include "app/notifications.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/booking_rules.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {

namespace {

Noun entry_label() { return feminine("inscription en liste d'attente"); }

// The site, and the floor and quartier if named, of a join request.
struct Scope3 {
    SiteId site = 0;
    std::optional<FloorId> floor;
    std::optional<ZoneId> zone;
};

Result<Scope3> scope_of(Transaction& tx, const JoinWaitlist& req) {
    const int named = (req.site_id ? 1 : 0) + (req.floor_id ? 1 : 0) + (req.zone_id ? 1 : 0);
    if (named != 1) return fail(errors::waitlist_scope());
    if (req.zone_id) {
        ESCALE_TRY(auto zone, tx.referential().find(Of<Zone>{}, *req.zone_id));
        if (!zone) return fail(errors::not_found(entity_label<Zone>()));
        return Scope3{zone->site_id, zone->floor_id, zone->id};
    }
    if (req.floor_id) {
        ESCALE_TRY(auto floor, tx.referential().find(Of<Floor>{}, *req.floor_id));
        if (!floor) return fail(errors::not_found(entity_label<Floor>()));
        return Scope3{floor->site_id, floor->id, std::nullopt};
    }
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, *req.site_id));
    if (!site) return fail(errors::not_found(entity_label<Site>()));
    return Scope3{site->id, std::nullopt, std::nullopt};
}

}  // namespace

Result<WaitlistEntry> join_waitlist(Context ctx, const Actor& actor, const JoinWaitlist& req) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<WaitlistEntry> {
        ESCALE_TRY(auto scope, scope_of(tx, req));
        ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{scope.site, std::nullopt}));
        ESCALE_TRY(auto claims, DeskClaims::begin(tx, scope.site, actor.resident, true));
        const Instant now = ctx.clock.now();
        ESCALE_TRY_VOID(check_desk_slot_bookable(claims.calendar(), req.date, req.half, now,
                                                 claims.site().booking_horizon_days));
        ESCALE_TRY_VOID(tx.waitlist().hold_slot(scope.site, req.date, req.half));
        ESCALE_TRY(auto mine, tx.bookings().live_of(actor.resident.id, req.date, req.date));
        if (std::any_of(mine.begin(), mine.end(), [&](const DeskBooking& b) { return b.half == req.half; }))
            return fail(errors::already_booked_that_slot());
        ESCALE_TRY(auto over, claims.take_quota(tx, req.date, 1));
        if (over) return fail(std::move(*over));

        // Anything free in the scope that the actor may take?
        std::vector<Desk> desks;
        if (scope.floor) {
            ESCALE_TRY(desks, tx.referential().desks_on_floor(*scope.floor));
        } else {
            ESCALE_TRY(desks, tx.referential().list(Of<Desk>{}, scope.site));
        }
        std::erase_if(desks, [&](const Desk& d) { return !d.active || (scope.zone && d.zone_id != scope.zone); });
        int free = 0;
        if (!desks.empty()) {
            auto [lo, hi] = std::minmax_element(desks.begin(), desks.end(), [](auto& a, auto& b) { return a.id < b.id; });
            ESCALE_TRY(auto holders, tx.bookings().slot_holders(req.date, lo->id, hi->id));
            for (const Desk& d : desks) {
                if (std::any_of(holders.begin(), holders.end(),
                                [&](const SlotHolder& s) { return s.desk_id == d.id && s.half == req.half; }))
                    continue;
                ESCALE_TRY(auto why, claims.access_refusal(tx, d, req.date, req.half, now));
                if (!why) ++free;
            }
        }
        if (free > 0) return fail(errors::desks_still_free(free));

        WaitlistEntry e{0, scope.site, scope.floor, scope.zone, actor.resident.id, req.date, req.half,
                        WaitlistState::waiting, now, now, std::nullopt};
        ESCALE_TRY(e.id, tx.waitlist().insert(e));
        return e;
    });
}

Result<std::vector<WaitlistEntry>> my_waitlist(Context ctx, const Actor& actor) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<WaitlistEntry>> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, actor.resident.site_id));
        if (!site) return std::vector<WaitlistEntry>{};  // the system waits for nothing
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        return tx.waitlist().of(actor.resident.id, cal.today(ctx.clock.now()));
    });
}

Result<WaitlistEntry> leave_waitlist(Context ctx, const Actor& actor, WaitlistEntryId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<WaitlistEntry> {
        ESCALE_TRY(auto e, tx.waitlist().find(id));
        if (!e || e->resident_id != actor.resident.id) return fail(errors::not_found(entry_label()));
        const Instant now = ctx.clock.now();
        ESCALE_TRY(bool left, tx.waitlist().change_state(id, WaitlistState::waiting, WaitlistState::left, now, std::nullopt));
        if (!left)
            return fail(errors::invalid_transition(boost::describe::enum_to_string(e->state, "?"), "left"));
        e->state = WaitlistState::left;
        e->state_changed_at = now;
        return *e;
    });
}

Result<std::optional<DeskBooking>> promote_first_waiter(Transaction& tx, Context ctx, const DeskBooking& freed) {
    using Promoted = std::optional<DeskBooking>;
    ESCALE_TRY_VOID(tx.waitlist().hold_slot(freed.site_id, freed.date, freed.half));
    ESCALE_TRY(auto waiting, tx.waitlist().waiting_for(freed.site_id, freed.date, freed.half));
    if (waiting.empty()) return Promoted{};
    ESCALE_TRY(auto desk, tx.referential().find(Of<Desk>{}, freed.desk_id));
    if (!desk) return Promoted{};
    const Instant now = ctx.clock.now();
    for (const auto& entry : waiting) {
        if (!in_scope(entry, desk->floor_id, desk->zone_id)) continue;
        ESCALE_TRY(auto resident, tx.referential().find(Of<Resident>{}, entry.resident_id));
        if (!resident || !resident->active || resident->site_id != freed.site_id) continue;
        // The same rules as any booking, the holder being the waiter (who asked for it).
        ESCALE_TRY(auto claims, DeskClaims::begin(tx, freed.site_id, *resident, true));
        ESCALE_TRY(auto why, claims.refusal(tx, *desk, freed.date, freed.half, now));
        if (why) continue;
        DeskBooking b{0, freed.site_id, desk->id, resident->id, freed.date, freed.half, BookingState::reserved,
                      now, resident->id, resident->service_id};
        ESCALE_TRY(b.id, tx.bookings().insert(b));
        ESCALE_TRY(bool promoted, tx.waitlist().change_state(entry.id, WaitlistState::waiting, WaitlistState::promoted,
                                                             now, b.id));
        if (!promoted) return fail(errors::internal("waitlist entry changed while its slot was held"));
        ESCALE_TRY_VOID(record(tx, ctx, Actor::system(),
                               AuditEvent{0, {}, freed.site_id, {}, resident->id, "waitlist_promote", "desk_bookings", b.id,
                                          fmt::format("{} {} : poste {} attribué depuis la liste d'attente "
                                                      "(inscription {})",
                                                      format_date(freed.date),
                                                      freed.half == Half::am ? "matin" : "après-midi", desk->label,
                                                      entry.id)}));
        auto promoted_entry = entry;
        promoted_entry.state = WaitlistState::promoted;
        promoted_entry.state_changed_at = now;
        promoted_entry.booking_id = b.id;
        ESCALE_TRY_VOID(notify_waitlist_promoted(tx, ctx, b));  // notifications (issue 10, item 7)
        return Promoted{b};
    }
    return Promoted{};
}

}  // namespace escale::app
