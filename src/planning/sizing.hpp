// SPDX-License-Identifier: EUPL-1.2
// Desk sizing at a chosen risk: for a pool of desks (a building, a floor, a quartier) and the
// residents who draw on it, the exact daily demand of each weekday and the figures a manager
// decides with — P95 and P99 demand, the probability that the desks run short, the expected
// number of people left without a desk, and the fewest desks that keep the daily shortage
// risk at or below ε. People are taken as independent of each other on a given day (their
// service's team days are part of each person's week, see resident_week.hpp), so the daily
// demand is exactly Poisson-binomial. Figures over the whole week (its busiest day) need the
// simulation (week_simulation.hpp). Pure computation.
#pragma once

#include <array>
#include <optional>
#include <span>

#include "core/error.hpp"
#include "planning/demand_distribution.hpp"
#include "planning/resident_week.hpp"

namespace escale::planning {

struct DaySizing {
    double mean_demand = 0;           // E[people present]
    int p95 = 0, p99 = 0;             // desks seating everyone on 95 % / 99 % of such days
    double shortage_probability = 0;  // P(demand > desks)
    double expected_without_desk = 0; // E[max(demand - desks, 0)]
    int desks_needed = 0;             // fewest desks with P(demand > desks) <= ε
};

struct Sizing {
    int residents = 0;
    int desks = 0;
    double epsilon = 0;
    std::array<DaySizing, weekdays> days{};
    // The week's worst day: the highest shortage probability and the most desks needed.
    double shortage_probability = 0;
    int desks_needed = 0;
    // Desks per resident (the State's "taux de foisonnement"); 0 with no resident.
    double desks_per_resident = 0;
    // Usable floor area (m² SUB) per resident, when the area is given (target 16 m²).
    std::optional<double> sub_m2_per_resident;
};

// Fails with invalid_field for desks < 0 ("desks"), ε outside ]0, 1[ ("epsilon") or a
// negative or non-finite area ("sub_m2").
Result<Sizing> size_desks(std::span<const ResidentWeek> residents, int desks, double epsilon,
                          std::optional<double> sub_m2 = std::nullopt);

// The daily demand of each weekday when `residents` draw on one pool of desks.
std::array<DemandDistribution, weekdays> daily_demand(std::span<const ResidentWeek> residents);

}  // namespace escale::planning
