// SPDX-License-Identifier: EUPL-1.2
#include "planning/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/errors.hpp"

namespace escale::planning {

std::array<DemandDistribution, weekdays> daily_demand(std::span<const ResidentWeek> residents) {
    auto day = [&](int d) {
        std::vector<double> presence;
        presence.reserve(residents.size());
        for (auto& r : residents) presence.push_back(r.daily_presence()[static_cast<std::size_t>(d)]);
        return *DemandDistribution::of(presence);  // marginals of a ResidentWeek are in [0, 1]
    };
    return {day(0), day(1), day(2), day(3), day(4)};
}

Result<Sizing> size_desks(std::span<const ResidentWeek> residents, int desks, double epsilon,
                          std::optional<double> sub_m2) {
    if (desks < 0) return fail(errors::invalid_field("desks", "un nombre de postes positif ou nul"));
    if (!(epsilon > 0.0 && epsilon < 1.0))
        return fail(errors::invalid_field("epsilon", "un risque strictement entre 0 et 1"));
    if (sub_m2 && !(std::isfinite(*sub_m2) && *sub_m2 >= 0.0))
        return fail(errors::invalid_field("sub_m2", "une surface positive ou nulle"));

    Sizing s;
    s.residents = static_cast<int>(residents.size());
    s.desks = desks;
    s.epsilon = epsilon;
    auto demand = daily_demand(residents);
    for (int d = 0; d < weekdays; ++d) {
        auto& n = demand[static_cast<std::size_t>(d)];
        auto& out = s.days[static_cast<std::size_t>(d)];
        out.mean_demand = n.mean();
        out.p95 = *n.quantile(0.95);
        out.p99 = *n.quantile(0.99);
        out.shortage_probability = n.shortage_probability(desks);
        out.expected_without_desk = n.expected_without_desk(desks);
        out.desks_needed = *n.quantile(1.0 - epsilon);
        s.shortage_probability = std::max(s.shortage_probability, out.shortage_probability);
        s.desks_needed = std::max(s.desks_needed, out.desks_needed);
    }
    if (s.residents > 0) {
        s.desks_per_resident = static_cast<double>(desks) / s.residents;
        if (sub_m2) s.sub_m2_per_resident = *sub_m2 / s.residents;
    }
    return s;
}

}  // namespace escale::planning
