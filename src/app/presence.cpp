// SPDX-License-Identifier: EUPL-1.2
#include "app/presence.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/notifications.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "app/waitlist.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/name_search.hpp"
#include "indicators/occupancy.hpp"

namespace escale::app {
namespace {

constexpr const char* audit_object = "presence_declarations";
constexpr int service_view_max_days = 31;

Date plus_days(Date d, int n) { return Date{date::sys_days{d} + date::days{n}}; }

// Where each desk of a site is, read once per use case.
class DeskPlaces {
public:
    static Result<DeskPlaces> of_site(Transaction& tx, SiteId site) {
        DeskPlaces p;
        ESCALE_TRY(auto floors, tx.referential().list(Of<Floor>{}, site));
        std::map<FloorId, std::string> floor_names;
        for (auto& f : floors) floor_names[f.id] = f.name;
        ESCALE_TRY(auto zones, tx.referential().list(Of<Zone>{}, site));
        std::map<ZoneId, std::string> zone_names;
        for (auto& z : zones) zone_names[z.id] = z.name;
        ESCALE_TRY(auto desks, tx.referential().list(Of<Desk>{}, site));
        for (auto& d : desks) {
            DeskPlace place{d.id, d.label, d.floor_id, floor_names[d.floor_id], {}};
            if (d.zone_id) place.zone_name = zone_names[*d.zone_id];
            p.places_[d.id] = std::move(place);
        }
        return p;
    }

    std::optional<DeskPlace> find(const std::optional<DeskId>& id) const {
        if (!id) return std::nullopt;
        auto it = places_.find(*id);
        if (it == places_.end()) return DeskPlace{*id, {}, 0, {}, {}};
        return it->second;
    }

    std::vector<PlacedDay> place(std::vector<DayPresence> days) const {
        std::vector<PlacedDay> out;
        out.reserve(days.size());
        for (auto& d : days) {
            auto am = find(d.am.desk_id), pm = find(d.pm.desk_id);
            out.push_back(PlacedDay{std::move(d), std::move(am), std::move(pm)});
        }
        return out;
    }

private:
    std::map<DeskId, DeskPlace> places_;
};

Result<SiteCalendar> calendar_of(Transaction& tx, SiteId site_id) {
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
    if (!site) return fail(errors::not_found(entity_label<Site>()));
    return load_site_calendar(tx, *site);
}

// [from, to] as asked, defaulting to the week of today at the site.
Result<std::pair<Date, Date>> range_of(const SiteCalendar& cal, Instant now, std::optional<Date> from,
                                       std::optional<Date> to, int max_days) {
    Date f = from.value_or(monday_of(cal.today(now)));
    Date t = to.value_or(plus_days(f, 6));
    ESCALE_TRY_VOID(check_presence_range(f, t, max_days));
    return std::pair{f, t};
}

// Resident r's effective plan over [from, to], within tx.
Result<PresencePlan> plan_of(Transaction& tx, const Resident& r, const SiteCalendar& cal, Date from, Date to) {
    ESCALE_TRY(auto pattern, tx.presence().pattern_of(r.id));
    ESCALE_TRY(auto declared, tx.presence().declarations_of(r.id, from, to));
    ESCALE_TRY(auto bookings, tx.bookings().live_of(r.id, from, to));
    ESCALE_TRY(auto places, DeskPlaces::of_site(tx, r.site_id));
    return PresencePlan{r.id, from, to, places.place(effective_presence(from, to, cal, pattern, declared, bookings))};
}

Result<Resident> current_resident(Transaction& tx, ResidentId id) {
    ESCALE_TRY(auto r, tx.referential().find(Of<Resident>{}, id));
    if (!r || is_removed(*r) || !r->active) return fail(errors::not_found(entity_label<Resident>()));
    return *r;
}

// Someone else, for who may book for them; not_found otherwise, as if absent.
Result<Resident> other_resident(Transaction& tx, const Actor& actor, ResidentId id) {
    ESCALE_TRY(auto r, current_resident(tx, id));
    if (!actor.may(Permission::book_for_others, Scope{r.site_id, r.service_id}))
        return fail(errors::not_found(entity_label<Resident>()));
    return r;
}

Result<Resident> own_resident(const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    return actor.resident;
}

}  // namespace

Result<PresencePlan> my_presence(Context ctx, const Actor& actor, std::optional<Date> from, std::optional<Date> to) {
    ESCALE_TRY(auto me, own_resident(actor));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<PresencePlan> {
        ESCALE_TRY(auto cal, calendar_of(tx, me.site_id));
        ESCALE_TRY(auto range, range_of(cal, ctx.clock.now(), from, to, presence_max_range_days));
        return plan_of(tx, me, cal, range.first, range.second);
    });
}

Result<PresencePlan> resident_presence(Context ctx, const Actor& actor, ResidentId resident, std::optional<Date> from,
                                       std::optional<Date> to) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<PresencePlan> {
        ESCALE_TRY(auto r, other_resident(tx, actor, resident));
        ESCALE_TRY(auto cal, calendar_of(tx, r.site_id));
        ESCALE_TRY(auto range, range_of(cal, ctx.clock.now(), from, to, presence_max_range_days));
        return plan_of(tx, r, cal, range.first, range.second);
    });
}

Result<PresencePlan> declare_presence(Context ctx, const Actor& actor, std::optional<ResidentId> for_resident,
                                      const Declaration& d) {
    if (d.days.empty()) return fail(errors::invalid_field("days", "au moins un jour"));
    if (d.days.size() > static_cast<std::size_t>(presence_max_range_days))
        return fail(errors::invalid_field("days", fmt::format("au plus {} jours", presence_max_range_days)));
    if (!for_resident && actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<PresencePlan> {
        Resident r;
        if (for_resident && !(*for_resident == actor.resident.id && !actor.is_system)) {
            ESCALE_TRY(r, other_resident(tx, actor, *for_resident));
        } else {
            ESCALE_TRY(r, current_resident(tx, actor.resident.id));
        }
        const bool own = r.id == actor.resident.id && !actor.is_system;
        ESCALE_TRY(auto cal, calendar_of(tx, r.site_id));
        const Instant now = ctx.clock.now();
        const Date today = cal.today(now), last = plus_days(today, presence_max_days_ahead);

        // Every half-day, checked before anything is written.
        struct Cell {
            Date date;
            Half half;
            std::optional<PresenceStatus> status;
        };
        std::vector<Cell> cells;
        std::set<std::pair<date::sys_days, Half>> seen;
        Date first = d.days.front().date, latest = d.days.front().date;
        for (std::size_t i = 0; i < d.days.size(); ++i) {
            auto& day = d.days[i];
            if (date::sys_days{day.date} < date::sys_days{today}) return fail(errors::presence_day_past());
            if (date::sys_days{day.date} > date::sys_days{last})
                return fail(errors::presence_day_too_far(presence_max_days_ahead));
            if (day.status && cal.is_closed(day.date)) return fail(errors::closed_day());
            for (Half h : {Half::am, Half::pm}) {
                if (day.half && *day.half != h) continue;
                if (!seen.insert({date::sys_days{day.date}, h}).second)
                    return fail(errors::invalid_field(fmt::format("days[{}].date", i),
                                                      "une demi-journée qui ne figure qu'une fois"));
                cells.push_back({day.date, h, day.status});
            }
            first = std::min(first, day.date);
            latest = std::max(latest, day.date);
        }

        // Bookings the declaration contradicts: refused, or cancelled at the caller's choice.
        ESCALE_TRY(auto bookings, tx.bookings().live_of(r.id, first, latest));
        std::vector<DeskBooking> contradicted;
        for (auto& c : cells)
            if (c.status)
                for (auto& b : bookings_contradicted(c.date, c.half, *c.status, bookings)) contradicted.push_back(b);
        if (!contradicted.empty() && !d.cancel_bookings) {
            Error e = errors::presence_contradicts_booking(own, static_cast<int>(contradicted.size()));
            for (auto& b : contradicted)
                e.details.push_back({0, format_date(b.date),
                                     fmt::format("réservation {} du {} ({})", b.id, format_date(b.date),
                                                 b.half == Half::am ? "matin" : "après-midi"),
                                     to_string(b.half)});
            return tl::unexpected(std::move(e));
        }
        for (auto& b : contradicted) {
            if (cal.slot_end(b.date, b.half) <= now) return fail(errors::past_slot());
            ESCALE_TRY_VOID(tx.bookings().set_state(b.id, BookingState::cancelled, now));
            if (!own) {
                ESCALE_TRY_VOID(record(tx, ctx, actor,
                                       AuditEvent{0, {}, b.site_id, {}, b.resident_id, "cancel_for", "desk_bookings",
                                                  b.id, "annulée par une déclaration de présence"}));
                DeskBooking cancelled = b;
                cancelled.state = BookingState::cancelled;
                ESCALE_TRY_VOID(notify_cancelled_for_you(tx, ctx, actor, cancelled));  // notifications
            }
            // The freed desk goes to the first waiter, as any cancellation's (issue 10, item 5).
            ESCALE_TRY_VOID(promote_first_waiter(tx, ctx, b));
        }

        int written = 0;
        for (auto& c : cells) {
            if (c.status) {
                std::optional<ResidentId> by;
                if (!actor.is_system) by = actor.resident.id;
                ESCALE_TRY_VOID(tx.presence().put_declaration(
                    PresenceDeclaration{r.id, r.site_id, c.date, c.half, *c.status, now, by}));
                ++written;
            } else {
                ESCALE_TRY(bool removed, tx.presence().delete_declaration(r.id, c.date, c.half));
                written += removed ? 1 : 0;
            }
        }
        if (!own) {
            ESCALE_TRY_VOID(record(tx, ctx, actor,
                                   AuditEvent{0, {}, r.site_id, {}, r.id, "declare_for", audit_object, {},
                                              fmt::format("{} demi-journée(s) du {} au {}, {} réservation(s) annulée(s)",
                                                          cells.size(), format_date(first), format_date(latest),
                                                          contradicted.size())}));
        }
        return plan_of(tx, r, cal, first, latest);
    });
}

Result<std::vector<PatternCell>> my_presence_pattern(Context ctx, const Actor& actor) {
    ESCALE_TRY(auto me, own_resident(actor));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.presence().pattern_of(me.id); });
}

Result<std::vector<PatternCell>> set_my_presence_pattern(Context ctx, const Actor& actor, std::vector<PatternCell> cells) {
    ESCALE_TRY(auto me, own_resident(actor));
    ESCALE_TRY_VOID(check_pattern(cells));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<std::vector<PatternCell>> {
        ESCALE_TRY_VOID(tx.presence().replace_pattern(me.id, cells));
        return tx.presence().pattern_of(me.id);
    });
}

Result<bool> my_visibility(Context ctx, const Actor& actor) {
    ESCALE_TRY(auto me, own_resident(actor));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.presence().visible_to_colleagues(me.id); });
}

Result<bool> set_my_visibility(Context ctx, const Actor& actor, bool visible) {
    ESCALE_TRY(auto me, own_resident(actor));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<bool> {
        ESCALE_TRY_VOID(tx.presence().set_visible_to_colleagues(me.id, visible));
        return visible;
    });
}

Result<ServicePresence> service_presence(Context ctx, const Actor& actor, ServiceId service_id, std::optional<Date> from,
                                         std::optional<Date> to) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<ServicePresence> {
        ESCALE_TRY(auto service, tx.referential().find(Of<Service>{}, service_id));
        if (!service) return fail(errors::not_found(entity_label<Service>()));
        bool member = !actor.is_system && actor.resident.site_id == service->site_id &&
                      actor.resident.service_id == service->id;
        if (!member) ESCALE_TRY_VOID(actor.require(Permission::read_service_presence, Scope{service->site_id, service->id}));
        ESCALE_TRY(auto cal, calendar_of(tx, service->site_id));
        ESCALE_TRY(auto range, range_of(cal, ctx.clock.now(), from, to, service_view_max_days));
        auto [f, t] = range;

        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, service->site_id));
        std::erase_if(residents, [&](const Resident& r) {
            return !r.active || is_removed(r) || r.service_id != service->id;
        });
        std::sort(residents.begin(), residents.end(),
                  [](const Resident& a, const Resident& b) { return std::tie(a.display_name, a.id) < std::tie(b.display_name, b.id); });
        ESCALE_TRY(auto visible_ids, tx.presence().visible_on_site(service->site_id));
        std::set<ResidentId> visible(visible_ids.begin(), visible_ids.end());
        ESCALE_TRY(auto patterns, tx.presence().patterns_of_service(service->id));
        std::map<ResidentId, std::vector<PatternCell>> pattern_of;
        for (auto& [who, cell] : patterns) pattern_of[who].push_back(cell);
        ESCALE_TRY(auto declarations, tx.presence().declarations_of_service(service->id, f, t));
        std::map<ResidentId, std::vector<PresenceDeclaration>> declared_by;
        for (auto& d : declarations) declared_by[d.resident_id].push_back(d);
        ESCALE_TRY(auto places, DeskPlaces::of_site(tx, service->site_id));

        ServicePresence out{service->id, service->name, f, t, static_cast<int>(residents.size()), 0, {}, {}};
        std::vector<DayPresence> first_days;
        std::vector<std::array<int, 2>> visible_count, other_count;
        for (auto& r : residents) {
            ESCALE_TRY(auto bookings, tx.bookings().live_of(r.id, f, t));
            auto days = effective_presence(f, t, cal, pattern_of[r.id], declared_by[r.id], bookings);
            if (visible_count.empty()) {
                visible_count.assign(days.size(), {0, 0});
                other_count.assign(days.size(), {0, 0});
            }
            bool shown = visible.contains(r.id);
            if (!shown) ++out.others;
            for (std::size_t i = 0; i < days.size(); ++i)
                for (Half h : {Half::am, Half::pm})
                    if (days[i].at(h).status == PresenceStatus::sur_site)
                        ++(shown ? visible_count : other_count)[i][h == Half::am ? 0 : 1];
            if (shown) out.visible.push_back(VisibleMember{r.id, r.display_name, places.place(std::move(days))});
        }
        // The others' count is a figure about them: withheld below the minimum group.
        bool counted = out.others >= indicators::minimum_group;
        int i = 0;
        for (auto day = date::sys_days{f}; day <= date::sys_days{t}; day += date::days{1}, ++i) {
            ServiceDay sd{Date{day}, cal.is_closed(Date{day}), {}, {}};
            if (!visible_count.empty()) {
                sd.am.visible_on_site = visible_count[i][0];
                sd.pm.visible_on_site = visible_count[i][1];
                if (counted) {
                    sd.am.others_on_site = other_count[i][0];
                    sd.pm.others_on_site = other_count[i][1];
                }
            }
            out.days.push_back(sd);
        }
        return out;
    });
}

Result<ColleagueSearch> find_colleagues(Context ctx, const Actor& actor, std::string_view query, std::optional<Date> week) {
    ESCALE_TRY(auto me, own_resident(actor));
    if (query.size() > 100) return fail(errors::invalid_field("q", "au plus 100 caractères"));
    std::string folded = fold_name(query);
    if (folded.size() < 2) return fail(errors::invalid_field("q", "au moins 2 lettres d'un nom"));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<ColleagueSearch> {
        ESCALE_TRY(auto cal, calendar_of(tx, me.site_id));
        ColleagueSearch out;
        out.today = cal.today(ctx.clock.now());
        out.from = monday_of(week.value_or(out.today));
        out.to = plus_days(out.from, 6);
        ESCALE_TRY(auto visible_ids, tx.presence().visible_on_site(me.site_id));
        std::set<ResidentId> visible(visible_ids.begin(), visible_ids.end());
        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, me.site_id));
        std::vector<Resident> found;
        for (auto& r : residents)
            if (r.active && !is_removed(r) && visible.contains(r.id) && name_matches(fold_name(r.display_name), folded))
                found.push_back(r);
        std::sort(found.begin(), found.end(),
                  [](const Resident& a, const Resident& b) { return std::tie(a.display_name, a.id) < std::tie(b.display_name, b.id); });
        if (found.size() > colleague_search_limit) found.resize(colleague_search_limit);
        if (found.empty()) return out;
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, me.site_id));
        ESCALE_TRY(auto places, DeskPlaces::of_site(tx, me.site_id));
        for (auto& r : found) {
            ESCALE_TRY(auto pattern, tx.presence().pattern_of(r.id));
            ESCALE_TRY(auto declared, tx.presence().declarations_of(r.id, out.from, out.to));
            ESCALE_TRY(auto bookings, tx.bookings().live_of(r.id, out.from, out.to));
            ColleagueWhereabouts c{r.id, r.display_name, {}, places.place(effective_presence(out.from, out.to, cal,
                                                                                             pattern, declared, bookings))};
            for (auto& s : services)
                if (r.service_id == s.id) c.service_name = s.name;
            out.colleagues.push_back(std::move(c));
        }
        return out;
    });
}

}  // namespace escale::app
