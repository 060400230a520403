// SPDX-License-Identifier: EUPL-1.2
#include "app/calendar_feed.hpp"

#include <map>

#include <fmt/format.h>

#include "app/identity/passwords.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/icalendar.hpp"

namespace escale::app {
namespace {

constexpr Noun feed_label = masculine("abonnement d'agenda");

struct Places {
    Transaction& tx;
    std::map<Id, std::string> floors, desks, spaces;
    std::map<Id, std::optional<FloorId>> desk_floor, space_floor;

    std::string floor_name(std::optional<FloorId> id) {
        if (!id) return "";
        auto [it, fresh] = floors.try_emplace(*id);
        if (fresh)
            if (auto f = tx.referential().find(Of<Floor>{}, *id); f && *f) it->second = (*f)->name;
        return it->second;
    }
    void desk(DeskId id) {
        if (desks.contains(id)) return;
        auto d = tx.referential().find(Of<Desk>{}, id);
        desks[id] = d && *d ? (*d)->label : fmt::format("n° {}", id);
        desk_floor[id] = d && *d ? std::optional((*d)->floor_id) : std::nullopt;
    }
    void space(SpaceId id) {
        if (spaces.contains(id)) return;
        auto s = tx.referential().find(Of<Space>{}, id);
        spaces[id] = s && *s ? (*s)->name : fmt::format("n° {}", id);
        space_floor[id] = s && *s ? std::optional((*s)->floor_id) : std::nullopt;
    }
};

std::string location(const std::string& site, const std::string& floor) {
    return floor.empty() ? site : site + ", " + floor;
}

CalendarEvent desk_event(const SiteCalendar& cal, const Site& site, Places& places, const DeskBooking& b) {
    places.desk(b.desk_id);
    bool live = is_live(b.state);
    return {.uid = fmt::format("escale-desk-booking-{}", b.id),
            .sequence = live ? 0 : 1,
            .start = cal.slot_start(b.date, b.half),
            .end = cal.slot_end(b.date, b.half),
            .summary = fmt::format("Poste {} ({})", places.desks[b.desk_id], b.half == Half::am ? "matin" : "après-midi"),
            .location = location(site.name, places.floor_name(places.desk_floor[b.desk_id])),
            .description = "Réservation de poste de travail dans Escale.",
            .cancelled = !live};
}

// For its holder: the space and the subject. For the door screen (`for_door`): the subject
// and the holder are nobody's business in the corridor, only that the space is taken.
CalendarEvent space_event(const Site& site, Places& places, const SpaceBooking& b, bool for_door = false) {
    places.space(b.space_id);
    bool live = is_live(b.state);
    const auto& name = places.spaces[b.space_id];
    return {.uid = fmt::format("escale-space-booking-{}", b.id),
            .sequence = live ? 0 : 1,
            .start = b.start,
            .end = b.end,
            .summary = for_door ? "Réservé"
                       : b.subject.empty() ? name
                                           : fmt::format("{} — {}", name, b.subject),
            .location = location(site.name, places.floor_name(places.space_floor[b.space_id])),
            .description = fmt::format("Réservation d'espace collectif dans Escale, {} participant{}.", b.attendees,
                                       b.attendees > 1 ? "s" : ""),
            .cancelled = !live};
}

// Whether `actor` may read a booking held by `holder` on `site`: their own, or one they may
// book for (the same rule as cancelling it). Others are answered as absent.
Result<bool> may_read_booking(Transaction& tx, const Actor& actor, SiteId site, ResidentId holder) {
    if (holder != 0 && holder == actor.resident.id) return true;
    if (holder == 0) return false;
    ESCALE_TRY(auto person, tx.referential().find(Of<Resident>{}, holder));
    return person && actor.may(Permission::book_for_others, Scope{site, person->service_id});
}

// The window a feed shows: from two months ago to the end of the booking horizon.
struct FeedWindow {
    Date from, until;
};
FeedWindow feed_window(const SiteCalendar& cal, const Site& site, Instant now) {
    Date today = cal.today(now);
    return {Date{date::sys_days{today} - date::days{62}}, Date{date::sys_days{today} + date::days{site.booking_horizon_days + 1}}};
}

// Booking `b` alone as a document, its one event made by make_event(calendar, site, places,
// booking); not_found when there is none or the actor may not read it.
template <class Booking, class MakeEvent>
Result<std::string> booking_document(Transaction& tx, Context ctx, const Actor& actor, const std::optional<Booking>& b,
                                     MakeEvent make_event) {
    if (!b) return fail(errors::not_found(feminine("réservation")));
    ESCALE_TRY(bool may, may_read_booking(tx, actor, b->site_id, b->resident_id));
    if (!may) return fail(errors::not_found(feminine("réservation")));
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, b->site_id));
    if (!site) return fail(errors::not_found(feminine("réservation")));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    Places places{tx, {}, {}, {}, {}, {}};
    return write_icalendar({.name = "Escale — " + site->name, .time_zone = site->time_zone, .stamp = ctx.clock.now(),
                            .events = {make_event(cal, *site, places, *b)}});
}

}  // namespace

Result<CalendarFeed> my_calendar_feed(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    auto attempt = [&] {
        return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<CalendarFeed> {
            ESCALE_TRY(auto found, tx.calendar_feeds().of_resident(actor.resident.id));
            if (found) return *found;
            CalendarFeed f{actor.resident.id, random_token(), ctx.clock.now()};
            ESCALE_TRY_VOID(tx.calendar_feeds().insert(f));
            return f;
        });
    };
    auto made = attempt();
    // A concurrent first request made it (PostgreSQL's primary key refused ours): read theirs.
    if (!made && made.error().kind == ErrorKind::conflict) return attempt();
    return made;
}

Result<void> revoke_my_calendar_feed(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        return tx.calendar_feeds().remove(actor.resident.id);
    });
}

Result<std::string> calendar_feed_document(Context ctx, const std::string& token) {
    Instant now = ctx.clock.now();
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        if (token.size() != 64) return fail(errors::not_found(feed_label));  // random_token's length
        ESCALE_TRY(auto feed, tx.calendar_feeds().find(token));
        if (!feed) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto person, tx.referential().find(Of<Resident>{}, feed->resident_id));
        if (!person || !person->active || is_removed(*person)) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, person->site_id));
        if (!site) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        auto [from, until] = feed_window(cal, *site, now);
        CalendarDocument doc{.name = "Escale — " + site->name, .time_zone = site->time_zone, .stamp = now, .events = {}};
        Places places{tx, {}, {}, {}, {}, {}};
        ESCALE_TRY(auto desks, tx.bookings().all_of(person->id));
        for (auto& b : desks)
            if (!(b.date < from || b.date > until)) doc.events.push_back(desk_event(cal, *site, places, b));
        Instant from_instant = cal.slot_start(from, Half::am), until_instant = cal.slot_end(until, Half::pm);
        ESCALE_TRY(auto spaces, tx.space_bookings().all_of(person->id));
        for (auto& b : spaces)
            if (!(b.end < from_instant || b.start > until_instant)) doc.events.push_back(space_event(*site, places, b));
        return write_icalendar(doc);
    });
}

Result<std::string> desk_booking_icalendar(Context ctx, const Actor& actor, BookingId id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        ESCALE_TRY(auto b, tx.bookings().find(id));
        return booking_document(tx, ctx, actor, b, desk_event);
    });
}

Result<std::string> space_booking_icalendar(Context ctx, const Actor& actor, SpaceBookingId id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        ESCALE_TRY(auto b, tx.space_bookings().find(id));
        return booking_document(tx, ctx, actor, b, [](const SiteCalendar&, const Site& site, Places& places,
                                                       const SpaceBooking& booking) {
            return space_event(site, places, booking);
        });
    });
}

namespace {

// The space, once the actor may manage its site's referential (its gestionnaire).
Result<Space> managed_space(Transaction& tx, const Actor& actor, SpaceId id) {
    ESCALE_TRY(auto space, tx.referential().find(Of<Space>{}, id));
    if (!space) return fail(errors::not_found(entity_label<Space>()));
    ESCALE_TRY_VOID(actor.require(Permission::manage_referential, Scope{space->site_id, std::nullopt}));
    return *space;
}

}  // namespace

Result<SpaceCalendarFeed> space_calendar_feed(Context ctx, const Actor& actor, SpaceId id) {
    auto attempt = [&] {
        return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<SpaceCalendarFeed> {
            ESCALE_TRY(auto space, managed_space(tx, actor, id));
            ESCALE_TRY(auto found, tx.calendar_feeds().of_space(space.id));
            if (found) return *found;
            SpaceCalendarFeed f{space.id, random_token(), ctx.clock.now()};
            ESCALE_TRY_VOID(tx.calendar_feeds().insert(f));
            return f;
        });
    };
    auto made = attempt();
    // A concurrent first request made it (PostgreSQL's primary key refused ours): read theirs.
    if (!made && made.error().kind == ErrorKind::conflict) return attempt();
    return made;
}

Result<void> revoke_space_calendar_feed(Context ctx, const Actor& actor, SpaceId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(auto space, managed_space(tx, actor, id));
        return tx.calendar_feeds().remove_space_feed(space.id);
    });
}

Result<std::string> space_calendar_feed_document(Context ctx, const std::string& token) {
    Instant now = ctx.clock.now();
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::string> {
        if (token.size() != 64) return fail(errors::not_found(feed_label));  // random_token's length
        ESCALE_TRY(auto feed, tx.calendar_feeds().find_space_feed(token));
        if (!feed) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto space, tx.referential().find(Of<Space>{}, feed->space_id));
        if (!space) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, space->site_id));
        if (!site) return fail(errors::not_found(feed_label));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        auto [from, until] = feed_window(cal, *site, now);
        CalendarDocument doc{.name = space->name + " — " + site->name, .time_zone = site->time_zone, .stamp = now,
                             .events = {}};
        Places places{tx, {}, {}, {}, {}, {}};
        ESCALE_TRY(auto bookings, tx.space_bookings().of_space(site->id, space->id, cal.slot_start(from, Half::am),
                                                               cal.slot_end(until, Half::pm)));
        for (auto& b : bookings) doc.events.push_back(space_event(*site, places, b, true));
        return write_icalendar(doc);
    });
}

}  // namespace escale::app
