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
        Date today = cal.today(now);
        Date from{date::sys_days{today} - date::days{62}};
        Date until{date::sys_days{today} + date::days{site->booking_horizon_days + 1}};

        CalendarDocument doc{.name = "Escale — " + site->name, .time_zone = site->time_zone, .stamp = now, .events = {}};
        Places places{tx, {}, {}, {}, {}, {}};
        ESCALE_TRY(auto desks, tx.bookings().all_of(person->id));
        for (auto& b : desks) {
            if (b.date < from || b.date > until) continue;
            places.desk(b.desk_id);
            bool live = is_live(b.state);
            doc.events.push_back({.uid = fmt::format("escale-desk-booking-{}", b.id),
                                  .sequence = live ? 0 : 1,
                                  .start = cal.slot_start(b.date, b.half),
                                  .end = cal.slot_end(b.date, b.half),
                                  .summary = fmt::format("Poste {} ({})", places.desks[b.desk_id],
                                                         b.half == Half::am ? "matin" : "après-midi"),
                                  .location = location(site->name, places.floor_name(places.desk_floor[b.desk_id])),
                                  .description = "Réservation de poste de travail dans Escale.",
                                  .cancelled = !live});
        }
        Instant from_instant = cal.slot_start(from, Half::am), until_instant = cal.slot_end(until, Half::pm);
        ESCALE_TRY(auto spaces, tx.space_bookings().all_of(person->id));
        for (auto& b : spaces) {
            if (b.end < from_instant || b.start > until_instant) continue;
            places.space(b.space_id);
            bool live = is_live(b.state);
            doc.events.push_back({.uid = fmt::format("escale-space-booking-{}", b.id),
                                  .sequence = live ? 0 : 1,
                                  .start = b.start,
                                  .end = b.end,
                                  .summary = b.subject.empty() ? places.spaces[b.space_id]
                                                               : fmt::format("{} — {}", places.spaces[b.space_id], b.subject),
                                  .location = location(site->name, places.floor_name(places.space_floor[b.space_id])),
                                  .description = fmt::format("Réservation d'espace collectif dans Escale, {} participant{}.",
                                                             b.attendees, b.attendees > 1 ? "s" : ""),
                                  .cancelled = !live});
        }
        return write_icalendar(doc);
    });
}

}  // namespace escale::app
