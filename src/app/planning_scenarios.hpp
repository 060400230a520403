// SPDX-License-Identifier: EUPL-1.2
// Use cases of the planning engine's questions and saved scenarios (issue 12, items 4 and 5):
// who may ask (plan_sites), and scenarios saved on a site — saved, listed, read, deleted,
// compared — each in one transaction, saves and deletions in the audit log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/saved_scenario.hpp"

namespace escale::app {

// Whether `actor` may put planning questions: plan_sites on `site` (which must exist), or on
// at least one site when none is named.
Result<void> check_may_plan(Context ctx, const Actor& actor, std::optional<SiteId> site);

// Saves a scenario computed for `site` (its question and answer as JSON text) under `name`
// (1 to 200 characters once trimmed; invalid_field "name" otherwise).
Result<SavedScenario> save_scenario(Context ctx, const Actor& actor, SiteId site, const std::string& name,
                                    std::string input, std::string result);
// The site's scenarios, newest first.
Result<std::vector<SavedScenario>> list_scenarios(Context ctx, const Actor& actor, SiteId site);
// One of the site's scenarios (not_found when it belongs to another site).
Result<SavedScenario> get_scenario(Context ctx, const Actor& actor, SiteId site, ScenarioId id);
Result<void> delete_scenario(Context ctx, const Actor& actor, SiteId site, ScenarioId id);
// 2 to 10 distinct scenarios of the site, in the order asked (invalid_field "ids" otherwise).
Result<std::vector<SavedScenario>> scenarios_to_compare(Context ctx, const Actor& actor, SiteId site,
                                                        const std::vector<ScenarioId>& ids);

}  // namespace escale::app
