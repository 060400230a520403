// SPDX-License-Identifier: EUPL-1.2
// The team-day question of a whole region with each day judged by its mean demand, as a
// mixed-integer programme solved by CBC (COIN-OR): one binary variable per service and
// choice of team days, a continuous peak t, and
//     minimise t  subject to  Σ_c x[s][c] = 1 for each service s,
//                             Σ_s Σ_c mean[s][c][d]·x[s][c] ≤ t for each weekday d,
//                             pairs apart: no day where both hold a team day,
//                             pairs together: at least one such day.
// The means are linear where the daily P95 is not, so this is the start of the search at a
// region's scale (team_days.cpp) and, through CBC's proven bound on t, the mean part of its
// lower bound (quantile_bound.hpp turns it into a bound on the P95). Pure computation: CBC
// runs in memory, silently, within a node limit (the same answer on every machine).
#pragma once

#include <array>
#include <vector>

#include "planning/resident_week.hpp"
#include "planning/team_days.hpp"

namespace escale::planning {

struct MeanLoadProblem {
    std::vector<std::vector<WeekMask>> choices;                    // per service
    std::vector<std::vector<std::array<double, weekdays>>> mean;  // [service][choice][day]
    std::vector<PairRule> pairs;
};

struct MeanLoadPlan {
    bool feasible = false;       // false: CBC proved that no plan keeps the rules, or found none
    std::vector<std::size_t> choice;  // per service, an index into its choices
    double peak_mean = 0;        // the largest daily mean of that plan
    double lower_bound = 0;      // no plan keeping the rules has a smaller largest daily mean
    bool proven_optimal = false;
};

MeanLoadPlan solve_mean_load(const MeanLoadProblem& problem, int node_limit = 500);

}  // namespace escale::planning
