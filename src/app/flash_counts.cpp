// SPDX-License-Identifier: EUPL-1.2
#include "app/flash_counts.hpp"

#include <fmt/format.h>

#include "app/analytics.hpp"
#include "app/audit.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "indicators/desk_usage_fold.hpp"
#include "indicators/service_pool.hpp"

namespace escale::app {
namespace {

// Every count of `counts` against the bookings of its half-day; none when the site is too
// small for figures to leave the server.
Result<std::vector<indicators::FlashComparison>> compare(Transaction& tx, const Site& site, Date from, Date to,
                                                         const std::vector<FlashCount>& counts) {
    ESCALE_TRY(auto facts, building_facts(tx, site, from, to));
    indicators::DeskUsageFold usage(indicators::Grouping::floor, facts.zones);  // counts are per floor
    ESCALE_TRY_VOID(tx.analytics().desk_usage(site.id, from, to, [&](auto& c) { usage.add(c); }));
    bool withheld = indicators::pool_services(facts.services, usage.services()).withheld;
    return indicators::compare_flash_counts(counts, usage.rows(), facts.floors, site.name, withheld);
}

}  // namespace

Result<indicators::FlashComparison> record_flash_count(Context ctx, const Actor& actor, SiteId site_id,
                                                       const FlashCountInput& in) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<indicators::FlashComparison> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::record_flash_counts, Scope{site_id, std::nullopt}));
        if (!in.people) return fail(errors::missing_field("people"));
        if (*in.people < 0 || *in.people > flash_count_max_people)
            return fail(errors::invalid_field("people", "un nombre de personnes entre 0 et 100 000"));
        if (in.floor_id) {
            ESCALE_TRY(auto floor, tx.referential().find(Of<Floor>{}, *in.floor_id));
            if (!floor || floor->site_id != site_id) return fail(errors::not_found(entity_label<Floor>()));
        }
        auto now = ctx.clock.now();
        Instant at = in.at.value_or(now);
        if (at > now + std::chrono::minutes{5}) return fail(errors::invalid_field("at", "un instant passé"));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        FlashCount c;
        c.site_id = site_id;
        c.floor_id = in.floor_id;
        c.counted_at = at;
        c.date = cal.today(at);
        c.half = at < cal.slot_start(c.date, Half::pm) ? Half::am : Half::pm;
        c.people = *in.people;
        ESCALE_TRY(c.id, tx.analytics().insert_flash_count(c));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, site_id, {}, {}, "create", "flash_counts", c.id,
                                          fmt::format("{} personnes", c.people)}));
        ESCALE_TRY(auto compared, compare(tx, *site, c.date, c.date, {c}));
        return compared.front();
    });
}

Result<std::vector<indicators::FlashComparison>> site_flash_counts(Context ctx, const Actor& actor, SiteId site_id,
                                                                   std::optional<Date> from, std::optional<Date> to) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<indicators::FlashComparison>> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_statistics, Scope{site_id, std::nullopt}));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        Date first = from.value_or(cal.today(ctx.clock.now()));
        Date last = to.value_or(first);
        if (date::sys_days{last} < date::sys_days{first})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (date::sys_days{last} - date::sys_days{first} > date::days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        ESCALE_TRY(auto counts, tx.analytics().flash_counts(site_id, first, last));
        return compare(tx, *site, first, last, counts);
    });
}

}  // namespace escale::app
