// SPDX-License-Identifier: EUPL-1.2
// Simulated weeks: what the exact daily sizing cannot say about a whole week, estimated by
// drawing many weeks of every resident (their set of days on site, resident_week.hpp) —
// the busiest day of the week, the chance that at least one day of the week runs short, and
// the people left without a desk over a week — each with a 95 % confidence interval.
// The daily figures are estimated too, so that they can be checked against the exact ones.
//
// Seeded and reproducible: the same residents, desks, weeks and seed give the same figures
// on every machine (std::mt19937_64, whose sequence the C++ standard fixes, turned into
// draws by this file's own arithmetic). Each resident's 32 possible weeks are drawn in
// constant time with Walker's alias method, and weeks are tallied per set of days, so a week
// of 850 residents costs about 850 draws. Pure computation; `progress` is called from the
// calling thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>

#include "core/error.hpp"
#include "planning/resident_week.hpp"

namespace escale::planning {

// An estimate and its 95 % confidence interval [low, high].
struct Estimate {
    double value = 0, low = 0, high = 0;
};

struct SimulationOptions {
    int weeks = 100000;
    std::uint64_t seed = 1;
    // Called now and then with the share of weeks done, in [0, 1].
    std::function<void(double)> progress{};
};

struct WeekSimulation {
    int weeks = 0;
    int desks = 0;
    std::array<Estimate, weekdays> mean_demand{};
    std::array<Estimate, weekdays> shortage_probability{};
    Estimate busiest_day_mean;            // E[max over the week's days of the demand]
    int busiest_day_p95 = 0;              // P95 of that maximum (no interval: an order statistic)
    Estimate week_shortage_probability;   // P(at least one day of the week runs short)
    Estimate without_desk_per_week;       // E[Σ over the days of max(demand - desks, 0)]
};

// Fails with invalid_field for desks < 0 ("desks") or weeks outside 1..10,000,000 ("weeks").
Result<WeekSimulation> simulate_weeks(std::span<const ResidentWeek> residents, int desks,
                                      const SimulationOptions& options);

}  // namespace escale::planning
