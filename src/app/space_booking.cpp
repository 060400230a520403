// SPDX-License-Identifier: EUPL-1.2
#include "app/space_booking.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/notifications.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/metrics.hpp"

namespace escale::app {

namespace {

using std::chrono::duration_cast;
using std::chrono::minutes;
using std::chrono::seconds;
using date::days;
using date::sys_days;
using date::floor;

Noun booking_label() { return feminine("réservation"); }

struct SpaceAt {
    Space space;
    Site site;
    SiteCalendar calendar;
};

Result<SpaceAt> load_space(Transaction& tx, SpaceId id) {
    ESCALE_TRY(auto space, tx.referential().find(Of<Space>{}, id));
    if (!space) return fail(errors::not_found(entity_label<Space>()));
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, space->site_id));
    if (!site) return fail(errors::internal("space without site"));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    return SpaceAt{std::move(*space), std::move(*site), std::move(cal)};
}

SpaceBookingView view(const SiteCalendar& cal, const SpaceBooking& b, std::string space_name) {
    return SpaceBookingView{b, format_site_time(cal, b.start), format_site_time(cal, b.end), std::move(space_name)};
}

// The minutes after local midnight of t at the site.
int local_minutes(const SiteCalendar& cal, Instant t) {
    const auto local = cal.zone()->to_local(t);
    return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
}

// Why [start, end) cannot be booked on `space` now, or nothing when it can.
Result<std::optional<Error>> refusal(Transaction& tx, const SpaceAt& at, Instant start, Instant end, Instant now) {
    if (auto ok = check_space_range_bookable(at.calendar, start, end, now, at.site.booking_horizon_days); !ok)
        return std::optional<Error>{ok.error()};
    ESCALE_TRY(auto held, tx.space_bookings().live_overlapping(at.space.id, start, end));
    if (!held.empty()) {
        const auto& h = held.front();
        return std::optional<Error>{errors::range_taken(format_site_clock(at.calendar, h.start),
                                                        format_site_clock(at.calendar, h.end),
                                                        format_site_time(at.calendar, h.start),
                                                        format_site_time(at.calendar, h.end))};
    }
    return std::optional<Error>{};
}

// Who may see who holds a booking and its subject: its holder, and who may book for them.
bool may_see_details(Transaction& tx, const Actor& actor, const SpaceBooking& b, std::map<ResidentId, Resident>& people) {
    if (b.resident_id == 0) return false;
    if (b.resident_id == actor.resident.id) return true;
    // Most readers (plain agents) may book for nobody: no need to read who holds the booking.
    if (!allowed_within(actor.roles, Permission::book_for_others, b.site_id)) return false;
    auto it = people.find(b.resident_id);
    if (it == people.end()) {
        auto r = tx.referential().find(Of<Resident>{}, b.resident_id);
        if (!r || !*r) return false;
        it = people.emplace(b.resident_id, std::move(**r)).first;
    }
    return actor.may(Permission::book_for_others, Scope{b.site_id, it->second.service_id});
}

}  // namespace

Result<SpaceBookingOutcome> book_space(Context ctx, const Actor& actor, const BookSpace& req) {
    const ResidentId holder = req.for_resident.value_or(actor.resident.id);
    const bool on_behalf = holder != actor.resident.id;

    auto outcome = in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<SpaceBookingOutcome> {
        ESCALE_TRY(auto at, load_space(tx, req.space_id));
        std::optional<ServiceId> service = actor.resident.service_id;
        if (on_behalf) {
            ESCALE_TRY(auto r, tx.referential().find(Of<Resident>{}, holder));
            if (!r || !actor.may(Permission::book_for_others, Scope{at.space.site_id, r->service_id}))
                return fail(errors::forbidden());
            if (r->site_id != at.space.site_id || !r->active) return fail(errors::not_found(entity_label<Resident>()));
            service = r->service_id;
        } else {
            ESCALE_TRY_VOID(actor.require(Permission::book_own, Scope{at.space.site_id, std::nullopt}));
        }
        ESCALE_TRY(Instant start, read_site_time(at.calendar, req.start, "start"));
        ESCALE_TRY(Instant end, read_site_time(at.calendar, req.end, "end"));
        ESCALE_TRY_VOID(check_space_request(at.space, req.attendees, req.subject));
        ESCALE_TRY_VOID(check_space_range_shape(at.calendar, start, end));

        // The occurrences: the range itself, then the same wall-clock times on each later day.
        std::vector<std::pair<Instant, Instant>> ranges{{start, end}};
        if (req.recurrence) {
            const Date first = at.calendar.today(start);
            ESCALE_TRY(auto dates, recurrence_dates(first, req.recurrence->repeat, req.recurrence->until));
            const int from = local_minutes(at.calendar, start), to = from + static_cast<int>(duration_cast<minutes>(end - start).count());
            for (size_t i = 1; i < dates.size(); ++i)
                ranges.emplace_back(at.calendar.at_local(dates[i], from), at.calendar.at_local(dates[i], to));
        }

        ESCALE_TRY_VOID(tx.space_bookings().hold_space(at.space.id));
        const Instant now = ctx.clock.now();
        SpaceBookingOutcome out;
        std::vector<std::pair<Instant, Instant>> bookable;
        for (auto [s, e] : ranges) {
            ESCALE_TRY(auto why, refusal(tx, at, s, e, now));
            if (why) {
                if (!req.recurrence) return fail(std::move(*why));
                out.refused.push_back({at.calendar.today(s), std::move(*why)});
            } else {
                bookable.emplace_back(s, e);
            }
        }
        if (!out.refused.empty() && (bookable.empty() || req.recurrence->on_conflict == OnConflict::all_or_nothing)) {
            auto e = errors::occurrences_refused(static_cast<int>(out.refused.size()), static_cast<int>(ranges.size()));
            for (size_t i = 0; i < out.refused.size(); ++i)
                e.details.push_back(ErrorDetail{static_cast<int>(i + 1), format_date(out.refused[i].date),
                                                out.refused[i].why.message, out.refused[i].why.code});
            return fail(std::move(e));
        }
        for (auto [s, e] : bookable) {
            SpaceBooking b{0, at.space.site_id, at.space.id, holder, s, e, req.attendees, req.subject,
                           BookingState::reserved, now, actor.is_system ? holder : actor.resident.id, service};
            ESCALE_TRY(b.id, tx.space_bookings().insert(b));
            out.booked.push_back(view(at.calendar, b, at.space.name));
        }
        if (on_behalf) {
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, at.space.site_id, {}, holder, "book_for", "space_bookings",
                                              out.booked.front().booking.id,
                                              fmt::format("{} créneau(x)", out.booked.size())}));
        }
        return out;
    });
    if (outcome) metrics::process().space_bookings_made.add(outcome->booked.size());  // committed (issue 14)
    return outcome;
}

Result<SpaceBookingView> cancel_space_booking(Context ctx, const Actor& actor, SpaceBookingId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<SpaceBookingView> {
        ESCALE_TRY(auto b, tx.space_bookings().find(id));
        if (!b) return fail(errors::not_found(booking_label()));
        const bool own = b->resident_id == actor.resident.id && b->resident_id != 0;
        if (!own) {
            ESCALE_TRY(auto holder, b->resident_id ? tx.referential().find(Of<Resident>{}, b->resident_id)
                                                   : Result<std::optional<Resident>>{std::nullopt});
            // Other people's bookings are not revealed to who may not manage them.
            if (!holder || !actor.may(Permission::book_for_others, Scope{b->site_id, holder->service_id}))
                return fail(errors::not_found(booking_label()));
        }
        if (!is_live(b->state)) return fail(errors::booking_not_live());
        ESCALE_TRY(auto at, load_space(tx, b->space_id));
        const Instant now = ctx.clock.now();
        if (b->end <= now) return fail(errors::past_slot());
        ESCALE_TRY_VOID(tx.space_bookings().set_state(id, BookingState::cancelled, now));
        b->state = BookingState::cancelled;
        if (!own) {
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, b->site_id, {}, b->resident_id, "cancel_for", "space_bookings", b->id,
                                              ""}));
            ESCALE_TRY_VOID(notify_space_cancelled_for_you(tx, ctx, actor, *b));  // notifications
        }
        return view(at.calendar, *b, at.space.name);
    });
}

Result<SpaceDay> space_day(Context ctx, const Actor& actor, SpaceId id, Date date) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<SpaceDay> {
        ESCALE_TRY(auto at, load_space(tx, id));
        ESCALE_TRY_VOID(actor.require(Permission::read_site, Scope{at.space.site_id, std::nullopt}));
        const Instant from = at.calendar.at_local(date, 0);
        const Instant until = at.calendar.at_local(Date{sys_days{date} + days{1}}, 0);
        ESCALE_TRY(auto held, tx.space_bookings().live_overlapping(id, from, until));
        SpaceDay out{at.space, date, at.calendar.is_closed(date),
                     format_site_time(at.calendar, at.calendar.slot_start(date, Half::am)),
                     format_site_time(at.calendar, at.calendar.slot_end(date, Half::pm)), {}};
        std::map<ResidentId, Resident> people;
        for (auto& b : held) {
            SpaceDayEntry e;
            e.id = b.id;
            e.start = format_site_time(at.calendar, b.start);
            e.end = format_site_time(at.calendar, b.end);
            e.mine = b.resident_id != 0 && b.resident_id == actor.resident.id;
            if (may_see_details(tx, actor, b, people)) {
                e.detailed = true;
                e.resident_id = b.resident_id;
                if (b.resident_id == actor.resident.id) e.resident_name = actor.resident.display_name;
                else if (auto p = people.find(b.resident_id); p != people.end()) e.resident_name = p->second.display_name;
                e.subject = b.subject;
                e.attendees = b.attendees;
            }
            out.bookings.push_back(std::move(e));
        }
        return out;
    });
}

Result<std::vector<SpaceBookingView>> my_space_bookings(Context ctx, const Actor& actor, std::optional<Date> from_param,
                                                        std::optional<Date> to_param) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<SpaceBookingView>> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, actor.resident.site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY(auto home, load_site_calendar(tx, *site));
        const Date from = from_param.value_or(home.today(ctx.clock.now()));
        const Date to = to_param.value_or(Date{sys_days{from} + days{90}});
        if (sys_days{to} < sys_days{from})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (sys_days{to} - sys_days{from} > days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        ESCALE_TRY(auto held, tx.space_bookings().live_of(actor.resident.id, home.at_local(from, 0),
                                                          home.at_local(Date{sys_days{to} + days{1}}, 0)));
        std::map<SpaceId, SpaceAt> spaces;  // a person books a few spaces again and again
        std::vector<SpaceBookingView> out;
        out.reserve(held.size());
        for (auto& b : held) {
            auto it = spaces.find(b.space_id);
            if (it == spaces.end()) {
                ESCALE_TRY(auto at, load_space(tx, b.space_id));
                it = spaces.emplace(b.space_id, std::move(at)).first;
            }
            out.push_back(view(it->second.calendar, b, it->second.space.name));
        }
        return out;
    });
}

Result<std::vector<Space>> free_spaces(Context ctx, const Actor& actor, SiteId site_id, std::string_view start_text,
                                       std::string_view end_text, int people, std::optional<SpaceType> type) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<Space>> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_site, Scope{site_id, std::nullopt}));
        if (people < 1) return fail(errors::invalid_field("people", "un nombre entier d'au moins 1"));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        ESCALE_TRY(Instant start, read_site_time(cal, start_text, "start"));
        ESCALE_TRY(Instant end, read_site_time(cal, end_text, "end"));
        ESCALE_TRY_VOID(check_space_range_bookable(cal, start, end, ctx.clock.now(), site->booking_horizon_days));
        ESCALE_TRY(auto spaces, tx.referential().list(Of<Space>{}, site_id));
        ESCALE_TRY(auto busy, tx.space_bookings().busy_spaces(site_id, start, end));
        std::vector<Space> out;
        for (auto& s : spaces) {
            if (s.capacity < people || (type && s.type != *type)) continue;
            if (std::binary_search(busy.begin(), busy.end(), s.id)) continue;
            out.push_back(std::move(s));
        }
        std::sort(out.begin(), out.end(), [](const Space& a, const Space& b) {
            return std::tie(a.capacity, a.name, a.id) < std::tie(b.capacity, b.name, b.id);
        });
        return out;
    });
}

}  // namespace escale::app
