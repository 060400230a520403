// SPDX-License-Identifier: EUPL-1.2
// A scenario: the pilot's lessons applied to a described future building (issue 12, item 4).
//
// The composition: services with their headcount, each coming either by a declared telework
// pattern (its team days then planned by planning/team_days) or by a measured weekday
// presence (a site's history, app/presence_history), each drawing on a quartier or on the
// building's shared desks; quartiers with their desks; the building's desks and usable area.
// The answer: the team-day plan, then for the whole building and for each quartier the exact
// daily demand (planning/sizing) — risk of shortage per day, desks needed at ε and the slack
// — the desks needed when each service keeps to its quartier against those needed when every
// desk is shared (the pooling effect), and m² SUB per resident against 16 m² (18 m² ceiling).
//
// Measured presence already holds a service's habits; such a service takes no part in the
// team-day search (the planner knows only declared patterns) and keeps its measured week.
// Services given no quartier draw on the desks left outside quartiers; choosing their
// quartier (planning/quartier_allocation, to come) is a seam here: the scenario takes the
// assignment as given. Pure computation.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "planning/resident_week.hpp"
#include "planning/sizing.hpp"
#include "planning/surface_target.hpp"
#include "planning/team_days.hpp"

namespace escale::planning {

struct ScenarioService {
    std::string name;
    int residents = 0;
    // Exactly one of the two.
    std::optional<TeleworkPattern> pattern;
    std::optional<DailyPresence> measured;
    int team_days = 0;  // with a pattern only: team days per week to plan
    Weekdays allowed{true, true, true, true, true};
    std::optional<std::string> quartier;  // none: the building's shared desks
};

struct ScenarioQuartier {
    std::string name;
    int desks = 0;
};

struct Scenario {
    std::vector<ScenarioService> services;
    std::vector<ScenarioQuartier> quartiers;
    int desks = 0;  // the building's, quartiers included
    std::optional<double> sub_m2;
    double epsilon = 0.05;
    double level = 0.95;  // the daily quantile the team-day plan lowers
    std::vector<PairRule> pairs;  // between services, by index
    long node_limit = 2'000'000;
};

// One pool of desks: a quartier, the shared desks, or the whole building.
struct PoolSizing {
    std::string name;  // the quartier's; empty for the shared desks and the building
    std::vector<int> services;  // indexes of the services drawing on it
    Sizing sizing;
    int slack = 0;  // desks - desks_needed (negative: short)
};

struct ScenarioResult {
    int residents = 0;
    // The team days of each service (none for measured ones), and how the plan was found.
    std::vector<Weekdays> team_days;
    bool team_days_planned = false;
    bool team_days_optimal = false;
    int team_days_peak = 0, team_days_lower_bound = 0;
    PoolSizing building;
    std::vector<PoolSizing> quartiers;   // in the scenario's order
    std::optional<PoolSizing> shared;    // when services have no quartier
    int desks_needed_separate = 0;       // Σ of the pools' desks needed (each keeps to its own)
    int desks_needed_pooled = 0;         // building.sizing.desks_needed (every desk shared)
    std::optional<SurfaceCheck> surface;
};

// Fails with invalid_field for a service without exactly one way of coming, a presence
// outside [0, 1], a negative count, an unknown or repeated quartier or service name, quartiers
// holding more desks than the building, ε outside ]0, 1[; with the planner's errors for
// impossible team-day rules. validate_scenario makes the same checks (but the team-day rules')
// ones) without computing anything. `progress` (optional) is told the share done, in [0, 1].
Result<ScenarioResult> run_scenario(const Scenario& scenario, const std::function<void(double)>& progress = {});
Result<void> validate_scenario(const Scenario& scenario);

}  // namespace escale::planning
