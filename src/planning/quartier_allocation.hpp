// SPDX-License-Identifier: EUPL-1.2
// Quartier allocation: which quartier each service calls home, so that on every weekday each
// service's planned demand (its quantile, the P95 by default) finds desks in its quartier or
// in a quartier that touches it, preferably on the same floor, with the spare desks spread
// as evenly as the floors allow.
//
// A quartier's demand on a day is the exact quantile of the pooled presence of every member
// of the services it is home to (their telework patterns and team days; people independent
// on a given day). Where it exceeds the quartier's desks the excess may be seated in the
// spare desks of touching quartiers: on each day a minimum-cost maximum flow from quartiers
// in excess to touching quartiers with spare desks (Boost.Graph), where a step onto another
// floor costs one. An allocation is judged, in this order, on the people left without a desk
// on its worst day, the people sent to another floor on its worst day, then the least slack
// of any quartier (desks − worst-day demand; higher is better). Small sites (at most 20,000
// allocations, such as the pilot) have every allocation judged; otherwise the search places
// services largest first where the allocation is judged best, then moves and exchanges
// services while that improves it. Pure computation.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "planning/resident_week.hpp"
#include "planning/team_days.hpp"

namespace escale::planning {

struct QuartierSpace {
    std::string name;
    std::string floor;         // quartiers with the same floor share it
    int desks = 0;
    std::vector<int> touches;  // indexes of the quartiers next to this one (either side may say it)
};

struct ServiceToPlace {
    std::string name;
    std::vector<MemberGroup> members;
    Weekdays team_days{};  // the service's planned team days, if any
};

struct QuartierProblem {
    std::vector<QuartierSpace> quartiers;
    std::vector<ServiceToPlace> services;
    double level = 0.95;
};

struct QuartierOutcome {
    std::array<int, weekdays> demand{};    // quantile of its home services' pooled presence
    std::array<int, weekdays> received{};  // people from touching quartiers seated here
    std::array<int, weekdays> sent{};      // its own people seated in touching quartiers
    int worst_demand = 0;                  // the largest daily demand
    int slack = 0;                         // desks − worst_demand (negative: short)
};

struct ServiceOutcome {
    int quartier = 0;
    int worst_demand = 0;     // the service's own daily quantile on its worst day
    bool fits_alone = false;  // that demand fits in its quartier's desks
};

struct QuartierAllocation {
    std::vector<ServiceOutcome> services;     // in the problem's order
    std::vector<QuartierOutcome> quartiers;   // in the problem's order
    std::array<int, weekdays> unseated{};     // people without a desk even with touching quartiers
    std::array<int, weekdays> cross_floor{};  // people seated on another floor than their quartier's
    int worst_unseated = 0;
    int worst_cross_floor = 0;
    int least_slack = 0;
    bool proven_best = false;  // every allocation was judged (small sites)
};

// Fails with invalid_field for no quartier, negative desks, a touch naming an unknown quartier
// or itself, a level outside ]0, 1] or an invalid pattern.
Result<QuartierAllocation> allocate_quartiers(const QuartierProblem& problem);

// How a given allocation fares (the home quartier of each service given).
Result<QuartierAllocation> evaluate_quartiers(const QuartierProblem& problem, const std::vector<int>& home);

}  // namespace escale::planning
