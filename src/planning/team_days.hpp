// SPDX-License-Identifier: EUPL-1.2
// The team-day planner: which weekday(s) each service holds its team day on, so that the
// week's peak demand for desks (its P95 by default) is as low as possible, then as even as
// possible over the days.
//
// Each service's members keep their telework pattern (resident_week.hpp); on a team day they
// all plan to come, and their floating telework days move to the other days. A plan is
// judged on the exact daily demand (the Poisson-binomial distribution of every member's
// presence that day): first its peak, the largest daily quantile, then its evenness, the sum
// of the squared daily quantiles.
//
// Two ways to search:
//  - exact: a branch and bound over the services (largest first) whose bound is the quantile
//    of the demand when every service not yet placed brings, on each day, the least presence
//    any of its allowed choices would give — a valid bound since the quantile grows with each
//    person's probability. It proves the plan optimal, or reports the gap to its bound when
//    it stops at its node limit;
//  - heuristic: each service placed in turn where it raises the peak least, then single
//    moves and exchanges while they improve the plan; it reports the same root bound, so its
//    gap is known. From 3,000 residents on (a region: hundreds of services) it starts instead
//    from the mixed-integer programme on the daily means (mean_load_programme.hpp, CBC) and
//    moves on the normal approximation of each day, judging only the result exactly; its
//    bound is then also the one from CBC's bound on the means and the least daily variance
//    (quantile_bound.hpp), within a fraction of a percent of the plan at that scale.
// Rules: a number of team days per service, allowed weekdays, and pairs of services that
// must share a team day or must not. Pure computation.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "planning/resident_week.hpp"

namespace escale::planning {

// Members of a service who share one telework pattern.
struct MemberGroup {
    TeleworkPattern pattern;
    int residents = 0;
};

struct ServiceTeam {
    std::string name;
    std::vector<MemberGroup> members;
    int team_days = 1;  // team days per week, 0..5
    Weekdays allowed{true, true, true, true, true};
};

// Services a and b (indexes) must share at least one team day (together), or have none in
// common (apart).
struct PairRule {
    int a = 0, b = 0;
    bool together = true;
};

struct TeamDayProblem {
    std::vector<ServiceTeam> services;
    std::vector<PairRule> pairs;
    double level = 0.95;  // the daily quantile judged: 0.95 is the P95
};

struct TeamDayPlan {
    std::vector<Weekdays> team_days;  // per service, in the problem's order
    std::array<int, weekdays> quantile{};
    std::array<double, weekdays> mean{};
    int peak = 0;        // the largest daily quantile
    long evenness = 0;   // Σ over the days of the squared quantile
    int lower_bound = 0; // no plan has a peak below this
    bool proven_optimal = false;
    long nodes = 0;      // search nodes explored (exact search)
};

// Fails with invalid_field for a service without a valid pattern, team days outside 0..5 or
// more than its allowed days, a pair naming an unknown service, a level outside ]0, 1], and
// with no_feasible_plan (rule_violation) when the pair rules admit no plan.
Result<TeamDayPlan> plan_team_days_exact(const TeamDayProblem& problem, long node_limit = 5'000'000);
Result<TeamDayPlan> plan_team_days_heuristic(const TeamDayProblem& problem);

// Whether the heuristic searches this problem at a region's scale (3,000 residents or more),
// where the exact search is out of reach.
bool at_region_scale(const TeamDayProblem& problem);

// How a given plan fares (the team days of each service given); for comparisons and tests.
Result<TeamDayPlan> evaluate_team_days(const TeamDayProblem& problem, const std::vector<Weekdays>& team_days);

}  // namespace escale::planning
