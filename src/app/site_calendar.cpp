// SPDX-License-Identifier: EUPL-1.2
#include "app/site_calendar.hpp"

#include <map>

#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"

namespace escale::app {

Result<SiteCalendar> load_site_calendar(Transaction& tx, const Site& site) {
    ESCALE_TRY(auto closures, tx.referential().list(Of<Closure>{}, site.id));
    std::set<Date> days;
    for (auto& c : closures)
        if (auto d = parse_date(c.date)) days.insert(*d);
    return SiteCalendar::make(site.time_zone, site.opens_at, site.noon_at, site.closes_at, std::move(days));
}

Result<SiteDays> site_days(Context ctx, const Actor& actor, SiteId site_id, std::optional<Date> from_param,
                           std::optional<Date> to_param) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<SiteDays> {
        ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
        if (!site) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_site, Scope{site->id, std::nullopt}));
        ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
        SiteDays out{cal.today(ctx.clock.now()), cal.next_half_day(ctx.clock.now()), {}};
        Date from = from_param.value_or(out.today);
        Date to = to_param.value_or(Date{date::sys_days{from} + date::days{27}});
        if (date::sys_days{to} < date::sys_days{from})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (date::sys_days{to} - date::sys_days{from} > date::days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        ESCALE_TRY(auto closures, tx.referential().list(Of<Closure>{}, site_id));
        std::map<Date, std::string> reasons;
        for (auto& c : closures)
            if (auto d = parse_date(c.date)) reasons[*d] = c.reason.empty() ? "Fermeture du site" : c.reason;
        for (int y = static_cast<int>(from.year()); y <= static_cast<int>(to.year()); ++y)
            for (auto& h : french_public_holidays(y)) reasons.emplace(h.date, h.name);
        for (auto d = date::sys_days{from}; d <= date::sys_days{to}; d += date::days{1}) {
            Date day{d};
            CalendarDay cd{day, cal.is_closed(day), {}};
            if (cd.closed) {
                auto it = reasons.find(day);
                cd.reason = it != reasons.end() ? it->second : is_weekend(day) ? "Week-end" : "Fermeture du site";
            }
            out.days.push_back(std::move(cd));
        }
        return out;
    });
}

}  // namespace escale::app
