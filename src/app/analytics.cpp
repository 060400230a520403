// SPDX-License-Identifier: EUPL-1.2
#include "app/analytics.hpp"

#include <map>

#include "app/analytics_cache.hpp"
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

// The counters of from..to, read now and merged where the grouping tells them not apart.
Result<FoldedUsage> fold_usage(Transaction& tx, SiteId site, indicators::Grouping by,
                               const indicators::AnalyticsFacts& facts, Date from, Date to) {
    FoldedUsage out;
    indicators::DeskUsageFold desks(by, facts.zones);
    ESCALE_TRY_VOID(tx.analytics().desk_usage(site, from, to, [&](auto& c) { desks.add(c); }));
    out.desks = desks.rows();
    out.desk_services = desks.services();
    if (by != indicators::Grouping::service) {  // by service, spaces count per service
        indicators::SpaceUsageFold spaces(by, facts.spaces);
        ESCALE_TRY_VOID(tx.analytics().space_usage(site, from, to, [&](auto& d) { spaces.add(d); }));
        out.spaces = spaces.rows();
    }
    return out;
}

// The counters of from..to folded: those of the settled days from the server's cache (read
// and kept when missing), the others read now. Rows of the two parts never merge: a fold
// merges rows of one half-day (desks) or one day (spaces) only.
Result<FoldedUsage> usage(Context ctx, Transaction& tx, SiteId site, indicators::Grouping by,
                          const indicators::AnalyticsFacts& facts, Date from, Date to) {
    if (!ctx.analytics) return fold_usage(tx, site, by, facts, from, to);
    ESCALE_TRY(auto settled, tx.analytics().settled_days(site));
    if (!settled.before || date::sys_days{*settled.before} <= date::sys_days{from})
        return fold_usage(tx, site, by, facts, from, to);
    const Date last_settled{std::min(date::sys_days{to}, date::sys_days{*settled.before} - date::days{1})};
    FoldedUsageKey key{site, by, from, last_settled, *settled.before, settled.generation, facts.zones, facts.spaces};
    auto kept = ctx.analytics->find(key);
    if (!kept) {
        ESCALE_TRY(auto folded, fold_usage(tx, site, by, facts, from, last_settled));
        kept = std::make_shared<const FoldedUsage>(std::move(folded));
        ctx.analytics->keep(std::move(key), kept);
    }
    if (last_settled == to) return *kept;
    const Date first_recent{date::sys_days{last_settled} + date::days{1}};
    ESCALE_TRY(auto out, fold_usage(tx, site, by, facts, first_recent, to));
    out.desks.insert(out.desks.begin(), kept->desks.begin(), kept->desks.end());
    out.desk_services.insert(kept->desk_services.begin(), kept->desk_services.end());
    out.spaces.insert(out.spaces.begin(), kept->spaces.begin(), kept->spaces.end());
    return out;
}

// The first day this server no longer expects to change: a week and a day before today in UTC
// (a week before today at any site). Check-ins, no-shows and releases happen on the day.
Date settling_boundary(const Clock& clock) {
    return Date{date::floor<date::days>(clock.now()) - date::days{8}};
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
    auto answer = in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<indicators::SiteAnalytics> {
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
        ESCALE_TRY(auto folded, usage(ctx, tx, site_id, *by, facts, *q.from, *q.to));
        facts.desk_usage = std::move(folded.desks);
        facts.desk_services = std::move(folded.desk_services);
        facts.space_days = std::move(folded.spaces);
        ESCALE_TRY(facts.turned_away, tx.analytics().turned_away(site_id, *q.from, *q.to));
        ESCALE_TRY(facts.space_service_days, tx.analytics().space_service_usage(site_id, *q.from, *q.to));
        return indicators::site_analytics(facts, *q.from, *q.to, *by, *period);
    });
    // for the next question: once a day, move the site's settled days up to a week ago
    const Date boundary = settling_boundary(ctx.clock);
    if (answer && ctx.analytics && ctx.analytics->settling_due(site_id, boundary)) {
        auto settled = in_transaction(ctx, TxMode::write, [&](Transaction& tx) {
            return tx.analytics().settle_days_before(site_id, boundary);
        });
        if (settled) ctx.analytics->settled(site_id, boundary);
    }
    return answer;
}

}  // namespace escale::app
