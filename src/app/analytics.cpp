// SPDX-License-Identifier: EUPL-1.2
#include "app/analytics.hpp"

#include <map>

#include "app/refusal_tally.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "indicators/desk_usage_fold.hpp"
#include "indicators/space_usage_fold.hpp"

namespace escale::app {
namespace {

int minutes_of(const std::string& hh_mm) {
    if (hh_mm.size() != 5) return 0;
    return std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2));
}

const char* french(SpaceType t) {
    switch (t) {
        case SpaceType::meeting_room: return "Salle de réunion";
        case SpaceType::bubble: return "Bulle";
        case SpaceType::silence_room: return "Salle de silence";
        case SpaceType::project_room: return "Salle projet";
        case SpaceType::convivial_area: return "Espace convivial";
    }
    return "";
}

}  // namespace

Result<indicators::AnalyticsFacts> building_facts(Transaction& tx, const Site& site, Date from, Date to) {
    indicators::AnalyticsFacts f;
    f.site_name = site.name;
    ESCALE_TRY(auto floors, tx.referential().list(Of<Floor>{}, site.id));
    for (auto& fl : floors) f.floors.push_back({fl.id, fl.name});
    ESCALE_TRY(auto zones, tx.referential().list(Of<Zone>{}, site.id));
    for (auto& z : zones) f.zones.push_back({z.id, z.floor_id, z.name, z.service_id});
    ESCALE_TRY(auto desks, tx.referential().list(Of<Desk>{}, site.id));
    for (auto& d : desks)
        if (d.active) f.desks.push_back({d.floor_id, d.zone_id});
    ESCALE_TRY(auto spaces, tx.referential().list(Of<Space>{}, site.id));
    for (auto& s : spaces) f.spaces.push_back({s.id, s.floor_id, s.zone_id, french(s.type), s.capacity});
    ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site.id));
    ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site.id));
    std::map<ServiceId, int> people;
    for (auto& r : residents)
        if (r.active && !is_removed(r) && r.service_id) ++people[*r.service_id];
    for (auto& s : services) f.services.push_back({s.id, s.name, people[s.id]});
    ESCALE_TRY(auto cal, load_site_calendar(tx, site));
    for (auto d = date::sys_days{from}; d <= date::sys_days{to}; d += date::days{1})
        if (!cal.is_closed(Date{d})) f.open_days.push_back(Date{d});
    f.space_hours_per_day = (minutes_of(site.closes_at) - minutes_of(site.opens_at)) / 60.0;
    return f;
}

Result<indicators::SiteAnalytics> site_analytics(Context ctx, const Actor& actor, SiteId site_id, const AnalyticsQuery& q) {
    if (ctx.refusals) (void)ctx.refusals->flush(ctx);  // this server's refused bookings counted so far
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<indicators::SiteAnalytics> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_statistics, Scope{site_id, std::nullopt}));
        if (!q.from) return fail(errors::missing_field("from"));
        if (!q.to) return fail(errors::missing_field("to"));
        if (date::sys_days{*q.to} < date::sys_days{*q.from})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (date::sys_days{*q.to} - date::sys_days{*q.from} > date::days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        auto by = indicators::parse_grouping(q.by.value_or("site"));
        if (!by) return fail(errors::invalid_field("by", "site, floor, quartier, service ou space_type"));
        auto period = indicators::parse_period(q.period.value_or("day"));
        if (!period) return fail(errors::invalid_field("period", "half_day, day, week ou month"));

        ESCALE_TRY(auto facts, building_facts(tx, *site, *q.from, *q.to));
        // a year of counters, merged as read into what the grouping tells apart
        indicators::DeskUsageFold desks(*by, facts.zones);
        ESCALE_TRY_VOID(tx.analytics().desk_usage(site_id, *q.from, *q.to, [&](auto& c) { desks.add(c); }));
        facts.desk_usage = desks.rows();
        facts.desk_services = desks.services();
        if (*by != indicators::Grouping::service) {  // by service, spaces count per service
            indicators::SpaceUsageFold spaces(*by, facts.spaces);
            ESCALE_TRY_VOID(tx.analytics().space_usage(site_id, *q.from, *q.to, [&](auto& d) { spaces.add(d); }));
            facts.space_days = spaces.rows();
        }
        ESCALE_TRY(facts.turned_away, tx.analytics().turned_away(site_id, *q.from, *q.to));
        ESCALE_TRY(facts.space_service_days, tx.analytics().space_service_usage(site_id, *q.from, *q.to));
        return indicators::site_analytics(facts, *q.from, *q.to, *by, *period);
    });
}

}  // namespace escale::app
