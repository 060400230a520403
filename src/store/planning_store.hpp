// SPDX-License-Identifier: EUPL-1.2
// The planning engine's room inside a transaction (issue 12): the history its measured
// presence is fitted on (the days each resident of a site was on site, read from the desk
// bookings) and the scenarios saved on a site. Part of a Transaction (store/store.hpp): it
// belongs to the transaction's thread and shares its error rules.
#pragma once

#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/on_site_day.hpp"
#include "core/saved_scenario.hpp"

namespace escale {

class PlanningStore {
public:
    virtual ~PlanningStore() = default;

    // The days from `from` to `to` (inclusive) on which a resident of site `site` held a desk
    // booking that was reserved, checked in or released (not cancelled, not a no-show), for
    // at least one half-day; one row per resident and day, by resident then date. Anonymised
    // bookings are left out.
    virtual Result<std::vector<OnSiteDay>> on_site_days(SiteId site, Date from, Date to) = 0;

    // Saved scenarios. insert() returns the new id (id of `s` ignored).
    virtual Result<ScenarioId> insert_scenario(const SavedScenario& s) = 0;
    // The scenarios of site `site`, newest first.
    virtual Result<std::vector<SavedScenario>> scenarios_of(SiteId site) = 0;
    virtual Result<std::optional<SavedScenario>> find_scenario(ScenarioId id) = 0;
    // Returns whether there was one.
    virtual Result<bool> delete_scenario(ScenarioId id) = 0;
    // Personal data (RGPD): resident r is no longer named as the author of any scenario.
    virtual Result<void> forget_author(ResidentId r) = 0;
};

}  // namespace escale
