// SPDX-License-Identifier: EUPL-1.2
#include "planning/demand_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace escale::planning {

Result<DemandDistribution> DemandDistribution::of(std::span<const double> presence) {
    for (std::size_t i = 0; i < presence.size(); ++i)
        if (!(presence[i] >= 0.0 && presence[i] <= 1.0))  // NaN fails both
            return fail(errors::invalid_field("presence[" + std::to_string(i) + "]", "une probabilité entre 0 et 1"));

    DemandDistribution d;
    auto n = presence.size();
    d.pmf_.assign(n + 1, 0.0);
    d.pmf_[0] = 1.0;
    // After the first i residents, pmf_[k] = P(k of them present). Adding resident i moves
    // mass from k to k + 1 with probability p; only non-negative terms are added, and
    // p = 0 or 1 leaves exact zeros where nobody can be.
    for (std::size_t i = 0; i < n; ++i) {
        double p = presence[i], q = 1.0 - p;
        for (std::size_t k = i + 1; k > 0; --k) d.pmf_[k] = d.pmf_[k] * q + d.pmf_[k - 1] * p;
        d.pmf_[0] *= q;
        d.mean_ += p;
    }

    d.cdf_.assign(n + 1, 0.0);
    double below = 0.0;
    for (std::size_t k = 0; k <= n; ++k) d.cdf_[k] = std::min(below += d.pmf_[k], 1.0);
    d.tail_.assign(n + 1, 0.0);
    double above = 0.0;
    for (std::size_t k = n; k > 0; --k) d.tail_[k - 1] = std::min(above += d.pmf_[k], 1.0);
    return d;
}

double DemandDistribution::probability(int k) const {
    return k < 0 || k > residents() ? 0.0 : pmf_[static_cast<std::size_t>(k)];
}

double DemandDistribution::at_most(int k) const {
    if (k < 0) return 0.0;
    if (k >= residents()) return 1.0;
    return cdf_[static_cast<std::size_t>(k)];
}

Result<int> DemandDistribution::quantile(double level) const {
    if (!(level > 0.0 && level <= 1.0)) return fail(errors::invalid_field("level", "un nombre dans ]0, 1]"));
    double allowed = 1.0 - level;
    auto k = std::find_if(tail_.begin(), tail_.end(), [&](double t) { return t <= allowed; });
    return static_cast<int>(k - tail_.begin());  // tail_[n] = 0: always found
}

double DemandDistribution::shortage_probability(int desks) const {
    if (desks < 0) return 1.0;
    if (desks >= residents()) return 0.0;
    return tail_[static_cast<std::size_t>(desks)];
}

double DemandDistribution::expected_without_desk(int desks) const {
    // E[(N - D)+] = Σ_{k > D} (k - D) P(N = k)
    if (desks >= residents()) return 0.0;
    double sum = 0.0;
    for (int k = std::max(desks, -1) + 1; k <= residents(); ++k)
        sum += (k - static_cast<double>(desks)) * pmf_[static_cast<std::size_t>(k)];
    return sum;
}

}  // namespace escale::planning
