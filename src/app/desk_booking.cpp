// SPDX-License-Identifier: EUPL-1.2
#include "app/desk_booking.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/notifications.hpp"
#include "app/refusal_tally.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "app/desk_claim.hpp"
#include "app/waitlist.hpp"
#include "core/booking_rules.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/metrics.hpp"

namespace escale::app {

namespace {
Result<std::shared_ptr<const FloorPlan>> load_floor_plan(Transaction& tx, FloorId floor_id, std::int64_t version) {
    ESCALE_TRY(auto floor, tx.referential().find(Of<Floor>{}, floor_id));
    if (!floor) return fail(errors::not_found(entity_label<Floor>()));
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, floor->site_id));
    if (!site) return fail(errors::internal("floor without site"));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    ESCALE_TRY(auto desks, tx.referential().desks_on_floor(floor_id));
    floor->plan_svg.clear();
    return std::make_shared<const FloorPlan>(FloorPlan{version, std::move(*floor), std::move(*site), std::move(cal),
                                                       std::move(desks)});
}

// The plan of a floor as of this transaction's referential version: from the cache when it
// is current there, else read (and published for the next requests).
Result<std::shared_ptr<const FloorPlan>> current_floor_plan(Context ctx, Transaction& tx, FloorId floor_id) {
    ESCALE_TRY(auto version, tx.referential().version());
    auto plan = ctx.floor_plans ? ctx.floor_plans->find(floor_id, version) : nullptr;
    if (!plan) {
        ESCALE_TRY(plan, load_floor_plan(tx, floor_id, version));
        if (ctx.floor_plans) ctx.floor_plans->publish(plan);
    }
    return plan;
}
}  // namespace

namespace {

// Who a desk booking is for, checked against who asks: the desk (found, on its site), the
// holder (the actor, or a resident of that site the actor may book for) and the permission.
struct Claimant {
    Desk desk;
    Resident holder;
    bool on_behalf = false;
};

Result<Claimant> claimant_of(Transaction& tx, const Actor& actor, const BookDesk& req) {
    ESCALE_TRY(auto desk, tx.referential().find(Of<Desk>{}, req.desk_id));
    if (!desk) return fail(errors::not_found(entity_label<Desk>()));
    if (!desk->active) return fail(errors::desk_inactive());
    const ResidentId holder = req.for_resident.value_or(actor.resident.id);
    if (holder != actor.resident.id) {
        ESCALE_TRY(auto r, tx.referential().find(Of<Resident>{}, holder));
        if (!r || !actor.may(Permission::book_for_others, Scope{desk->site_id, r->service_id}))
            return fail(errors::forbidden());
        if (r->site_id != desk->site_id || !r->active) return fail(errors::not_found(entity_label<Resident>()));
        return Claimant{std::move(*desk), std::move(*r), true};
    }
    ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{desk->site_id, std::nullopt}));
    return Claimant{std::move(*desk), actor.resident, false};
}

std::vector<Half> halves_of(Period p) {
    std::vector<Half> halves;
    if (p != Period::pm) halves.push_back(Half::am);
    if (p != Period::am) halves.push_back(Half::pm);
    return halves;
}

DeskBooking new_booking(const Actor& actor, const Claimant& c, Date d, Half h, Instant now) {
    return DeskBooking{0, c.desk.site_id, c.desk.id, c.holder.id, d, h, BookingState::reserved,
                       now, actor.is_system ? c.holder.id : actor.resident.id, c.holder.service_id};
}

Result<void> record_book_for(Transaction& tx, Context ctx, const Actor& actor, const Claimant& c,
                             const std::vector<DeskBooking>& made) {
    if (!c.on_behalf || made.empty()) return {};
    ESCALE_TRY_VOID(record(tx, ctx, actor,
                           AuditEvent{0, {}, c.desk.site_id, {}, c.holder.id, "book_for", "desk_bookings", made.front().id,
                                      fmt::format("{} demi-journée(s)", made.size())}));
    return notify_booked_for_you(tx, ctx, actor, made);  // notifications (issue 10, item 7)
}

// occupancy analytics (issue 13, item 1): a booking refused because its desk was taken meanwhile
// is demand turned away; counted per half-day asked for, in the server's tally (written by the
// periodic jobs), else at once in a transaction of its own (the refused one rolled back).
// Counting is best effort: its failure does not change the answer.
void note_refusal(Context ctx, SiteId site, const BookDesk& req) {
    RefusalTally own;
    RefusalTally& tally = ctx.refusals ? *ctx.refusals : own;
    for (Half h : halves_of(req.period)) tally.note(site, req.date, h);
    if (!ctx.refusals) (void)own.flush(ctx);
}

// `site`: the desk's site, once the desk is found.
Result<std::vector<DeskBooking>> book_desk_once(Context ctx, const Actor& actor, const BookDesk& req,
                                                std::optional<SiteId>& site) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<std::vector<DeskBooking>> {
        ESCALE_TRY(auto c, claimant_of(tx, actor, req));
        site = c.desk.site_id;
        ESCALE_TRY(auto claims, DeskClaims::begin(tx, c.desk.site_id, c.holder, !c.on_behalf));
        const auto halves = halves_of(req.period);
        const Instant now = ctx.clock.now();
        ESCALE_TRY_VOID(claims.check(tx, c.desk, req.date, halves, now));
        std::vector<DeskBooking> made;
        for (Half h : halves) {
            auto b = new_booking(actor, c, req.date, h, now);
            ESCALE_TRY(b.id, tx.bookings().insert(b));
            made.push_back(b);
        }
        ESCALE_TRY_VOID(record_book_for(tx, ctx, actor, c, made));
        return made;
    });
}

}  // namespace

Result<std::vector<DeskBooking>> book_desk(Context ctx, const Actor& actor, const BookDesk& req) {
    std::optional<SiteId> site;
    auto made = book_desk_once(ctx, actor, req, site);
    if (made) metrics::process().desk_bookings_made.add(made->size());  // committed: counted (issue 14)
    if (!made && made.error().code == "slot_taken" && site) note_refusal(ctx, *site, req);
    return made;
}

Result<DeskBookingOutcome> book_desk_series(Context ctx, const Actor& actor, const BookDesk& req,
                                            const DeskRecurrence& rec) {
    auto outcome = in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<DeskBookingOutcome> {
        ESCALE_TRY(auto c, claimant_of(tx, actor, req));
        ESCALE_TRY(auto dates, recurrence_dates(req.date, rec.repeat, rec.until));
        ESCALE_TRY(auto claims, DeskClaims::begin(tx, c.desk.site_id, c.holder, !c.on_behalf));
        const auto halves = halves_of(req.period);
        const Instant now = ctx.clock.now();
        DeskBookingOutcome out;
        std::vector<Date> bookable;
        for (Date d : dates) {
            // Every half-day of the occurrence or none: the first refusal names the occurrence's.
            std::optional<Error> why;
            int counted = 0;
            for (Half h : halves) {
                ESCALE_TRY(why, claims.refusal(tx, c.desk, d, h, now));
                if (why) break;
                ++counted;
            }
            if (why) {
                claims.give_back_quota(d, counted);  // an occurrence is booked whole or not at all
                out.refused.push_back({d, std::move(*why)});
            } else {
                bookable.push_back(d);
            }
        }
        if (!out.refused.empty() && (bookable.empty() || rec.on_conflict == OnConflict::all_or_nothing)) {
            auto e = errors::occurrences_refused(static_cast<int>(out.refused.size()), static_cast<int>(dates.size()));
            for (size_t i = 0; i < out.refused.size(); ++i)
                e.details.push_back(ErrorDetail{static_cast<int>(i + 1), format_date(out.refused[i].date),
                                                out.refused[i].why.message, out.refused[i].why.code});
            return fail(std::move(e));
        }
        for (Date d : bookable)
            for (Half h : halves) {
                auto b = new_booking(actor, c, d, h, now);
                ESCALE_TRY(b.id, tx.bookings().insert(b));
                out.booked.push_back(b);
            }
        ESCALE_TRY_VOID(record_book_for(tx, ctx, actor, c, out.booked));
        return out;
    });
    if (outcome) metrics::process().desk_bookings_made.add(outcome->booked.size());  // committed (issue 14)
    return outcome;
}

Result<DeskBooking> cancel_desk_booking(Context ctx, const Actor& actor, BookingId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<DeskBooking> {
        ESCALE_TRY(auto b, tx.bookings().find(id));
        if (!b) return fail(errors::not_found(feminine("réservation")));
        if (b->resident_id != actor.resident.id) {  // one's own booking can always be cancelled
            ESCALE_TRY(auto holder, tx.referential().find(Of<Resident>{}, b->resident_id));
            // Other people's bookings are not revealed to who may not manage them: same
            // answer as absent.
            if (!holder || !actor.may(Permission::book_for_others, Scope{b->site_id, holder->service_id}))
                return fail(errors::not_found(feminine("réservation")));
        }
        if (!is_live(b->state)) return fail(errors::booking_not_live());
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, b->site_id));
        if (!site) return fail(errors::internal("booking without site"));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        if (cal.slot_end(b->date, b->half) <= ctx.clock.now()) return fail(errors::past_slot());
        ESCALE_TRY_VOID(tx.bookings().set_state(id, BookingState::cancelled, ctx.clock.now()));
        b->state = BookingState::cancelled;
        if (b->resident_id != actor.resident.id) {
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, b->site_id, {}, b->resident_id, "cancel_for", "desk_bookings", b->id, ""}));
            ESCALE_TRY_VOID(notify_cancelled_for_you(tx, ctx, actor, *b));  // notifications
        }
        // The freed desk goes to the first waiter, in this same transaction (issue 10, item 5).
        ESCALE_TRY_VOID(promote_first_waiter(tx, ctx, *b));
        return *b;
    });
}

Result<std::vector<PlacedBooking>> my_desk_bookings(Context ctx, const Actor& actor, std::optional<Date> from_param,
                                                    std::optional<Date> to_param) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<PlacedBooking>> {
        Date from;
        if (from_param) {
            from = *from_param;
        } else {
            ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, actor.resident.site_id));
            if (!site) return fail(errors::not_found(entity_label<Site>()));
            ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
            from = cal.today(ctx.clock.now());
        }
        Date to = to_param.value_or(Date{date::sys_days{from} + date::days{90}});
        if (date::sys_days{to} < date::sys_days{from})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (date::sys_days{to} - date::sys_days{from} > date::days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        ESCALE_TRY(auto bookings, tx.bookings().live_of(actor.resident.id, from, to));
        // A person books a few desks again and again: each desk, floor and quartier is read once.
        auto& ref = tx.referential();
        std::map<DeskId, Desk> desks;
        std::map<FloorId, std::string> floors;
        std::map<ZoneId, std::string> zones;
        std::vector<PlacedBooking> out;
        out.reserve(bookings.size());
        for (auto& b : bookings) {
            auto desk = desks.find(b.desk_id);
            if (desk == desks.end()) {
                ESCALE_TRY(auto d, ref.find(Of<Desk>{}, b.desk_id));
                if (!d) return fail(errors::internal("booking of a missing desk"));
                desk = desks.emplace(b.desk_id, std::move(*d)).first;
                if (!floors.count(desk->second.floor_id)) {
                    ESCALE_TRY(auto f, ref.find(Of<Floor>{}, desk->second.floor_id));
                    floors[desk->second.floor_id] = f ? f->name : "";
                }
                if (auto z = desk->second.zone_id; z && !zones.count(*z)) {
                    ESCALE_TRY(auto found, ref.find(Of<Zone>{}, *z));
                    zones[*z] = found ? found->name : "";
                }
            }
            const Desk& d = desk->second;
            out.push_back({b, d.label, d.floor_id, floors[d.floor_id], d.zone_id, d.zone_id ? zones[*d.zone_id] : ""});
        }
        return out;
    });
}


Result<FloorAvailability> floor_availability(Context ctx, const Actor& actor, FloorId floor_id,
                                             std::optional<Date> asked) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<FloorAvailability> {
        ESCALE_TRY(auto plan, current_floor_plan(ctx, tx, floor_id));
        ESCALE_TRY_VOID(actor.require(Permission::read_site, Scope{plan->site.id, std::nullopt}));
        const Instant now = ctx.clock.now();
        const Date date = asked ? *asked : plan->calendar.next_open_half_day(now).first;
        std::vector<SlotHolder> holders;
        if (!plan->desks.empty()) {
            ESCALE_TRY(holders, tx.bookings().slot_holders(date, plan->desks.front().id, plan->desks.back().id));
        }

        FloorAvailability out{plan, date, plan->calendar.today(now), plan->calendar.is_closed(date),
                              std::vector<DeskSlots>(plan->desks.size()), std::nullopt, std::nullopt};
        for (Half h : {Half::am, Half::pm}) {
            auto ok = check_desk_slot_bookable(plan->calendar, date, h, now, plan->site.booking_horizon_days);
            if (!ok) (h == Half::am ? out.am_refusal : out.pm_refusal) = ok.error();
        }
        for (auto& h : holders) {
            // plan->desks is sorted by id.
            auto it = std::lower_bound(plan->desks.begin(), plan->desks.end(), h.desk_id,
                                       [](const Desk& d, DeskId id) { return d.id < id; });
            if (it == plan->desks.end() || it->id != h.desk_id) continue;  // desk added since the plan was read
            auto& slots = out.slots[static_cast<size_t>(it - plan->desks.begin())];
            (h.half == Half::am ? slots.am : slots.pm) = h.resident_id == actor.resident.id ? SlotStatus::yours
                                                                                             : SlotStatus::taken;
            (h.half == Half::am ? slots.am_checked_in : slots.pm_checked_in) = h.state == BookingState::checked_in;
        }
        return out;
    });
}

}  // namespace escale::app
