// SPDX-License-Identifier: EUPL-1.2
// The planning API's answers as JSON (issue 12, item 5): a sizing (and its simulation), a
// team-day plan, a scenario's result, a quartier allocation, a site's measured presence, a saved scenario; and the
// comparison of saved scenarios side by side, as JSON and as the table of its CSV and XLSX
// exports (one row per figure, one column per scenario). Weekdays are named "monday" to
// "friday". Stateless.
#pragma once

#include <optional>
#include <vector>

#include "app/presence_history.hpp"
#include "core/saved_scenario.hpp"
#include "core/table.hpp"
#include "http/json_codec.hpp"
#include "planning/quartier_allocation.hpp"
#include "planning/scenario.hpp"
#include "planning/sizing.hpp"
#include "planning/team_days.hpp"
#include "planning/week_simulation.hpp"

namespace escale::http {

json::object sizing_json(const planning::Sizing& s, const std::optional<planning::WeekSimulation>& simulated,
                         std::int64_t seed);
json::object team_days_json(const planning::TeamDayProblem& problem, const planning::TeamDayPlan& plan,
                            std::optional<int> desks);
json::object scenario_json(const planning::Scenario& scenario, const planning::ScenarioResult& r);
json::object quartier_allocation_json(const planning::QuartierProblem& problem, const planning::QuartierAllocation& a);
json::object measured_presence_json(const app::MeasuredSitePresence& m);
// With its question and answer parsed when `full`, without them otherwise (lists).
json::object saved_scenario_json(const SavedScenario& s, bool full);

// Saved scenarios side by side: their figures (from their stored answers) in rows.
struct ScenarioComparison {
    std::vector<SavedScenario> scenarios;
};
json::object comparison_json(const ScenarioComparison& c);
Table comparison_table(const ScenarioComparison& c);

}  // namespace escale::http
