// SPDX-License-Identifier: EUPL-1.2
// A lower bound on a quantile of the number of people present, known from its mean and a
// lower bound on its variance only. The team-day planner needs it for a whole region, where
// no plan can be judged exactly at every step: whatever the plan, the busiest day's demand
// has at least some mean and some variance, and so at least this quantile.
//
// The number present is a sum of independent Bernoulli variables. By the Berry–Esseen
// theorem for non-identically distributed summands (constant C = 0.56, Shevtsova 2010), its
// distribution function F stays within C·Σ E|X−p|³ / σ³ of the normal one. For a Bernoulli
// variable E|X−p|³ = p(1−p)(p² + (1−p)²) ≤ r·p(1−p), with r the largest p² + (1−p)² among
// the summands, so the distance is at most ε = C·r/σ; hence F(k) ≥ level only when
// k ≥ μ + σ·Φ⁻¹(level − ε). The bound grows with μ and with σ (while level − ε > 1/2), so a
// lower bound on either keeps it valid. It says nothing (0) when σ is too small for ε to
// leave level − ε above 1/2. Pure computation.
#pragma once

namespace escale::planning {

inline constexpr double berry_esseen_constant = 0.56;

// The least value the `level` quantile (0.5 < level < 1) of such a sum can take when its mean
// is at least `mean` and its variance at least `variance`, with `r` as above (1 is always
// valid). 0 when the bound is not informative.
int quantile_lower_bound(double mean, double variance, double level, double r = 1.0);

}  // namespace escale::planning
