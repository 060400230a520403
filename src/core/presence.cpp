// SPDX-License-Identifier: EUPL-1.2
#include "core/presence.hpp"

#include <map>
#include <set>
#include <utility>

#include <boost/describe/enum_to_string.hpp>
#include <fmt/format.h>

#include "core/errors.hpp"

namespace escale {

int iso_weekday(Date d) { return static_cast<int>(date::weekday{date::sys_days{d}}.iso_encoding()); }

Date monday_of(Date d) { return Date{date::sys_days{d} - date::days{iso_weekday(d) - 1}}; }

std::vector<DayPresence> effective_presence(Date from, Date to, const SiteCalendar& calendar,
                                            std::span<const PatternCell> pattern,
                                            std::span<const PresenceDeclaration> declarations,
                                            std::span<const DeskBooking> bookings) {
    std::map<std::pair<int, Half>, PresenceStatus> by_weekday;
    for (auto& c : pattern) by_weekday[{c.weekday, c.half}] = c.status;
    std::map<std::pair<date::sys_days, Half>, PresenceStatus> declared;
    for (auto& d : declarations) declared[{date::sys_days{d.date}, d.half}] = d.status;
    std::map<std::pair<date::sys_days, Half>, const DeskBooking*> booked;
    for (auto& b : bookings)
        if (is_live(b.state)) booked[{date::sys_days{b.date}, b.half}] = &b;

    std::vector<DayPresence> out;
    if (date::sys_days{to} < date::sys_days{from}) return out;
    out.reserve(static_cast<std::size_t>((date::sys_days{to} - date::sys_days{from}).count() + 1));
    for (auto day = date::sys_days{from}; day <= date::sys_days{to}; day += date::days{1}) {
        DayPresence p{Date{day}, calendar.is_closed(Date{day}), {}, {}};
        for (Half h : {Half::am, Half::pm}) {
            HalfPresence& cell = p.at(h);
            if (auto d = declared.find({day, h}); d != declared.end()) cell.declared = d->second;
            if (auto b = booked.find({day, h}); b != booked.end()) {
                cell.status = PresenceStatus::sur_site;
                cell.source = PresenceSource::reservation;
                cell.booking_id = b->second->id;
                cell.desk_id = b->second->desk_id;
            } else if (cell.declared) {
                cell.status = cell.declared;
                cell.source = PresenceSource::declaration;
            } else if (!p.closed) {
                if (auto c = by_weekday.find({iso_weekday(Date{day}), h}); c != by_weekday.end()) {
                    cell.status = c->second;
                    cell.source = PresenceSource::modele;
                }
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<DeskBooking> bookings_contradicted(Date d, Half h, PresenceStatus s, std::span<const DeskBooking> bookings) {
    std::vector<DeskBooking> out;
    if (s == PresenceStatus::sur_site) return out;
    for (auto& b : bookings)
        if (is_live(b.state) && b.date == d && b.half == h) out.push_back(b);
    return out;
}

Result<void> check_pattern(std::span<const PatternCell> pattern) {
    std::set<std::pair<int, Half>> seen;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        auto& c = pattern[i];
        auto field = fmt::format("days[{}].weekday", i);
        if (c.weekday < 1 || c.weekday > 7)
            return fail(errors::invalid_field(field, "un jour de la semaine de 1 (lundi) à 7 (dimanche)"));
        if (!seen.insert({c.weekday, c.half}).second)
            return fail(errors::invalid_field(field, "un jour de la semaine qui ne figure qu'une fois"));
    }
    return {};
}

Result<void> check_presence_range(Date from, Date to, int max_days) {
    if (date::sys_days{to} < date::sys_days{from})
        return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
    if ((date::sys_days{to} - date::sys_days{from}).count() + 1 > max_days)
        return fail(errors::invalid_field("to", fmt::format("au plus {} jours à partir de « from »", max_days)));
    return {};
}

const char* to_string(PresenceStatus s) { return boost::describe::enum_to_string(s, "?"); }
const char* to_string(PresenceSource s) { return boost::describe::enum_to_string(s, "?"); }

}  // namespace escale
