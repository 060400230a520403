// SPDX-License-Identifier: EUPL-1.2
#include "http/analytics_json.hpp"

#include "core/instant_text.hpp"
#include "indicators/occupancy.hpp"

namespace escale::http {
namespace {

namespace json = boost::json;

template <class T>
json::value maybe(const std::optional<T>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value half_of(const std::optional<Half>& h) { return h ? json::value(to_string(*h)) : json::value(nullptr); }

void put_period(json::object& o, const indicators::PeriodKey& p, bool with_half) {
    o["start"] = format_date(p.start);
    o["end"] = format_date(p.end);
    if (with_half) o["half"] = half_of(p.half);
}

void put_group(json::object& o, const indicators::GroupKey& g) {
    o["group_id"] = maybe(g.id);
    o["group"] = g.name;
}

}  // namespace

json::value to_json(const indicators::SiteAnalytics& a) {
    json::array desks, weekdays, turned_away, spaces;  // objects made with room for their keys
    desks.reserve(a.desks.size());
    spaces.reserve(a.spaces.size());
    for (auto& r : a.desks) {
        json::object o(17);
        put_period(o, r.period, true);
        put_group(o, r.group);
        o["desks"] = r.desks;
        o["open_half_days"] = r.open_half_days;
        o["offered"] = r.offered;
        o["booked"] = r.booked;
        o["checked_in"] = r.checked_in;
        o["no_show"] = r.no_show;
        o["booked_rate"] = maybe(r.booked_rate);
        o["checked_in_rate"] = maybe(r.checked_in_rate);
        o["no_show_rate"] = maybe(r.no_show_rate);
        o["peak"] = r.peak;
        o["p95"] = r.p95;
        o["overflow"] = r.overflow;
        o["overflow_rate"] = maybe(r.overflow_rate);
        desks.push_back(std::move(o));
    }
    for (auto& r : a.weekdays) {
        json::object o(9);
        o["weekday"] = r.weekday;
        put_group(o, r.group);
        o["open_half_days"] = r.open_half_days;
        o["booked"] = r.booked;
        o["checked_in"] = r.checked_in;
        o["mean_booked"] = maybe(r.mean_booked);
        o["booked_rate"] = maybe(r.booked_rate);
        o["checked_in_rate"] = maybe(r.checked_in_rate);
        weekdays.push_back(std::move(o));
    }
    for (auto& r : a.turned_away) {
        json::object o(6);
        put_period(o, r.period, true);
        o["waitlist_unserved"] = r.waitlist_unserved;
        o["refused"] = r.refused;
        o["total"] = r.total;
        turned_away.push_back(std::move(o));
    }
    for (auto& r : a.spaces) {
        json::object o(14);
        put_period(o, r.period, false);
        put_group(o, r.group);
        o["spaces"] = r.spaces;
        o["hours_open"] = maybe(r.hours_open);
        o["hours_booked"] = r.hours_booked;
        o["hours_rate"] = maybe(r.hours_rate);
        o["bookings"] = r.bookings;
        o["attendees"] = r.attendees;
        o["seats"] = r.seats;
        o["fill_rate"] = maybe(r.fill_rate);
        o["unused"] = r.unused;
        o["unused_rate"] = maybe(r.unused_rate);
        spaces.push_back(std::move(o));
    }
    return json::object{{"site", a.site},
                        {"from", format_date(a.from)},
                        {"to", format_date(a.to)},
                        {"by", indicators::to_string(a.by)},
                        {"period", indicators::to_string(a.period)},
                        {"minimum_group", indicators::minimum_group},
                        {"withheld", a.withheld},
                        {"desks", std::move(desks)},
                        {"weekdays", std::move(weekdays)},
                        {"turned_away", std::move(turned_away)},
                        {"spaces", std::move(spaces)}};
}

json::value to_json(const indicators::FlashComparison& f) {
    return json::object{{"id", f.count.id},
                        {"site_id", f.count.site_id},
                        {"floor_id", maybe(f.count.floor_id)},
                        {"place", f.place},
                        {"at", format_instant(f.count.counted_at)},
                        {"date", format_date(f.count.date)},
                        {"half", to_string(f.count.half)},
                        {"people", f.count.people},
                        {"booked", maybe(f.booked)},
                        {"checked_in", maybe(f.checked_in)}};
}

json::value to_json(const std::vector<indicators::FlashComparison>& all) {
    json::array out;
    for (auto& f : all) out.push_back(to_json(f));
    return json::object{{"flash_counts", std::move(out)}, {"minimum_group", indicators::minimum_group}};
}

}  // namespace escale::http
