// SPDX-License-Identifier: EUPL-1.2
// The JSON shapes of the planning API's questions (issue 12, item 5) beyond the team days of
// http/planning_body: the sizing question of `POST /api/v1/planning/size` and the scenario of
// `POST /api/v1/planning/scenario` (a future composition: services with headcounts and either
// a telework pattern or a measured weekday presence, quartiers with desks, the building's
// desks and m² SUB), and their translation into the planning engine's types. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "core/error.hpp"
#include "http/json_body.hpp"
#include "http/planning_body.hpp"
#include "planning/resident_week.hpp"
#include "planning/scenario.hpp"

namespace escale::http {

struct SizeBody {
    std::optional<Id> site_id;  // the site the question is about, if any (permission)
    Required<int> residents;
    Required<int> desks;
    double epsilon = 0.05;
    std::optional<double> presence;  // each day's presence of each; or a pattern below
    std::vector<Weekday> telework_days;
    int floating_days = 0;
    double absence_rate = planning::default_absence_rate;
    double fte = 1.0;
    std::vector<Weekday> team_days;
    std::optional<double> sub_m2;
    int simulate_weeks = 0;  // > 0: a job with progress
    std::int64_t seed = 1;
};
BOOST_DESCRIBE_STRUCT(SizeBody, (), (site_id, residents, desks, epsilon, presence, telework_days, floating_days,
                                     absence_rate, fte, team_days, sub_m2, simulate_weeks, seed))

struct ScenarioServiceBody {
    Required<std::string> name;
    Required<int> residents;
    std::optional<std::vector<double>> presence;  // measured, Monday to Friday; or a pattern:
    std::optional<std::vector<Weekday>> telework_days;
    std::optional<int> floating_days;
    std::optional<double> absence_rate;
    std::optional<double> fte;
    int team_days = 0;
    std::optional<std::vector<Weekday>> allowed_days;
    std::optional<std::string> quartier;
};
BOOST_DESCRIBE_STRUCT(ScenarioServiceBody, (), (name, residents, presence, telework_days, floating_days, absence_rate,
                                                fte, team_days, allowed_days, quartier))

struct ScenarioQuartierBody {
    Required<std::string> name;
    Required<int> desks;
};
BOOST_DESCRIBE_STRUCT(ScenarioQuartierBody, (), (name, desks))

struct ScenarioBody {
    Required<Id> site_id;  // the site whose planners run and save it
    Required<int> desks;
    std::optional<double> sub_m2;
    double epsilon = 0.05;
    double level = 0.95;
    std::vector<ScenarioQuartierBody> quartiers;
    Required<std::vector<ScenarioServiceBody>> services;
    std::vector<ServicePairBody> pairs;
};
BOOST_DESCRIBE_STRUCT(ScenarioBody, (), (site_id, desks, sub_m2, epsilon, level, quartiers, services, pairs))

// The sized residents' common week; fails with invalid_field on a figure out of range
// ("presence", "epsilon", "residents", "desks", "simulate_weeks"...) or when `presence` is
// given with a pattern.
Result<planning::ResidentWeek> size_question_week(const SizeBody& body);

// The engine's scenario; fails with invalid_field on a figure out of range, a service with
// both a presence and a pattern, a pair naming an unknown service, a question too large.
Result<planning::Scenario> scenario_of(const ScenarioBody& body);

}  // namespace escale::http
