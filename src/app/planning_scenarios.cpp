// SPDX-License-Identifier: EUPL-1.2
#include "app/planning_scenarios.hpp"

#include <algorithm>
#include <set>

#include "app/audit.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/try.hpp"

namespace escale::app {
namespace {

constexpr Noun scenario_noun = masculine("scénario");

Result<void> require_site_planner(Transaction& tx, const Actor& actor, SiteId site) {
    ESCALE_TRY(auto found, tx.referential().find(Of<Site>{}, site));
    if (!found) return fail(errors::not_found(entity_label<Site>()));
    return actor.require(Permission::plan_sites, Scope{site, std::nullopt});
}

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

Result<void> check_may_plan(Context ctx, const Actor& actor, std::optional<SiteId> site) {
    if (!site) {
        if (!allowed_within(actor.roles, Permission::plan_sites, std::nullopt)) return fail(errors::forbidden());
        return {};
    }
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return require_site_planner(tx, actor, *site); });
}

Result<SavedScenario> save_scenario(Context ctx, const Actor& actor, SiteId site, const std::string& name,
                                    std::string input, std::string result) {
    auto clean = trimmed(name);
    if (clean.empty() || clean.size() > 200)
        return fail(errors::invalid_field("name", "un nom de 1 à 200 caractères"));
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<SavedScenario> {
        ESCALE_TRY_VOID(require_site_planner(tx, actor, site));
        SavedScenario s{0, site, clean, input, result,
                        actor.is_system ? std::nullopt : std::optional(actor.resident.id), ctx.clock.now()};
        ESCALE_TRY(s.id, tx.planning().insert_scenario(s));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, site, {}, {}, "create", "planning_scenarios", s.id, "scénario « " + clean + " »"}));
        return s;
    });
}

Result<std::vector<SavedScenario>> list_scenarios(Context ctx, const Actor& actor, SiteId site) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<SavedScenario>> {
        ESCALE_TRY_VOID(require_site_planner(tx, actor, site));
        return tx.planning().scenarios_of(site);
    });
}

Result<SavedScenario> get_scenario(Context ctx, const Actor& actor, SiteId site, ScenarioId id) {
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<SavedScenario> {
        ESCALE_TRY_VOID(require_site_planner(tx, actor, site));
        ESCALE_TRY(auto found, tx.planning().find_scenario(id));
        if (!found || found->site_id != site) return fail(errors::not_found(scenario_noun));
        return *found;
    });
}

Result<void> delete_scenario(Context ctx, const Actor& actor, SiteId site, ScenarioId id) {
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(require_site_planner(tx, actor, site));
        ESCALE_TRY(auto found, tx.planning().find_scenario(id));
        if (!found || found->site_id != site) return fail(errors::not_found(scenario_noun));
        ESCALE_TRY_VOID(tx.planning().delete_scenario(id));
        return record(tx, ctx, actor,
                      AuditEvent{0, {}, site, {}, {}, "delete", "planning_scenarios", id, "scénario « " + found->name + " »"});
    });
}

Result<std::vector<SavedScenario>> scenarios_to_compare(Context ctx, const Actor& actor, SiteId site,
                                                        const std::vector<ScenarioId>& ids) {
    if (ids.size() < 2 || ids.size() > 10 || std::set(ids.begin(), ids.end()).size() != ids.size())
        return fail(errors::invalid_field("ids", "de 2 à 10 identifiants de scénarios différents"));
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<std::vector<SavedScenario>> {
        ESCALE_TRY_VOID(require_site_planner(tx, actor, site));
        std::vector<SavedScenario> out;
        for (auto id : ids) {
            ESCALE_TRY(auto found, tx.planning().find_scenario(id));
            if (!found || found->site_id != site) return fail(errors::not_found(scenario_noun));
            out.push_back(std::move(*found));
        }
        return out;
    });
}

}  // namespace escale::app
