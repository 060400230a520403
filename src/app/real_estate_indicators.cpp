// SPDX-License-Identifier: EUPL-1.2
#include "app/real_estate_indicators.hpp"

#include <map>

#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"

namespace escale::app {
namespace {

// What the indicators of `site` are computed from: its active residents with their
// categories' weights, its active desks, its quartiers.
Result<indicators::SiteFacts> facts_of(Transaction& tx, const Site& site) {
    indicators::SiteFacts f;
    f.id = site.id;
    f.name = site.name;
    f.sub_m2 = site.sub_m2;
    f.baseline_sub_m2 = site.baseline_sub_m2;
    ESCALE_TRY(auto categories, tx.referential().list(Of<ResidentCategory>{}, site.id));
    std::map<Id, double> weight;
    for (auto& c : categories) weight[c.id] = c.weight;
    ESCALE_TRY(auto residents, tx.referential().list(Of<Resident>{}, site.id));
    for (auto& r : residents) {
        if (!r.active || is_removed(r)) continue;
        f.residents.push_back({.service_id = r.service_id,
                               .fte_percent = r.fte_percent,
                               .weight = r.category_id ? weight[*r.category_id] : 1.0});
    }
    ESCALE_TRY(auto desks, tx.referential().list(Of<Desk>{}, site.id));
    std::map<ZoneId, int> zone_desks;
    for (auto& d : desks) {
        if (!d.active) continue;
        ++f.desks;
        if (d.zone_id) ++zone_desks[*d.zone_id];
    }
    ESCALE_TRY(auto zones, tx.referential().list(Of<Zone>{}, site.id));
    for (auto& z : zones)
        f.quartiers.push_back({.id = z.id, .name = z.name, .service_id = z.service_id, .sub_m2 = z.sub_m2,
                               .desks = zone_desks[z.id]});
    return f;
}

}  // namespace

Result<indicators::SiteIndicators> site_real_estate_indicators(Context ctx, const Actor& actor, SiteId site) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<indicators::SiteIndicators> {
        ESCALE_TRY(auto found, tx.referential().find(Of<Site>{}, site));
        if (!found) return fail(errors::not_found(entity_label<Site>()));
        ESCALE_TRY_VOID(actor.require(Permission::read_statistics, Scope{site, std::nullopt}));
        ESCALE_TRY(auto facts, facts_of(tx, *found));
        return indicators::site_indicators(facts);
    });
}

Result<indicators::PortfolioIndicators> portfolio_real_estate_indicators(Context ctx, const Actor& actor) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<indicators::PortfolioIndicators> {
        ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
        std::vector<indicators::SiteFacts> readable;
        for (auto& s : sites) {
            if (!actor.may(Permission::read_statistics, Scope{s.id, std::nullopt})) continue;
            ESCALE_TRY(auto facts, facts_of(tx, s));
            readable.push_back(std::move(facts));
        }
        if (readable.empty()) return fail(errors::forbidden());
        return indicators::portfolio_indicators(readable);
    });
}

}  // namespace escale::app
