// SPDX-License-Identifier: EUPL-1.2
#include "app/statistics.hpp"

#include <map>

#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {

Result<indicators::Occupancy> site_occupancy(Context ctx, const Actor& actor, SiteId site,
                                             std::optional<Date> from_param, std::optional<Date> to_param) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<indicators::Occupancy> {
        ESCALE_TRY(auto found, tx.referential().find(Of<Site>{}, site));
        if (!found) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_statistics, Scope{site, std::nullopt}));
        if (!from_param) return fail(errors::missing_field("from"));
        if (!to_param) return fail(errors::missing_field("to"));
        Date from = *from_param, to = *to_param;
        if (date::sys_days{to} < date::sys_days{from})
            return fail(errors::invalid_field("to", "une date postérieure ou égale à « from »"));
        if (date::sys_days{to} - date::sys_days{from} > date::days{366})
            return fail(errors::invalid_field("to", "au plus 366 jours après « from »"));
        ESCALE_TRY(auto desks, tx.referential().list(Of<Desk>{}, site));
        int offered = 0;
        for (auto& d : desks) offered += d.active ? 1 : 0;
        ESCALE_TRY(auto services, tx.referential().list(Of<Service>{}, site));
        ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site));
        std::map<ServiceId, int> people;
        for (auto& r : residents)
            if (r.active && r.service_id) ++people[*r.service_id];
        std::vector<indicators::ServiceSize> sizes;
        for (auto& s : services) sizes.push_back({s.id, s.name, people[s.id]});
        ESCALE_TRY(auto counts, tx.bookings().live_counts(site, from, to));
        return indicators::occupancy(from, to, offered, counts, sizes);
    });
}

}  // namespace escale::app
