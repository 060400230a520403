// SPDX-License-Identifier: EUPL-1.2
// How many desks one day asks for, when residents come independently of each other.
//
// Given, for one day, each resident's probability of being on site (from the telework
// pattern, the FTE share, the presence plan...), the number N of residents present follows
// the Poisson-binomial distribution: DemandDistribution holds it exactly, P(N = k) for every
// k, computed by the standard O(n²) dynamic programme (no normal approximation, which is
// poor at a few dozen residents and in the tails that sizing cares about). From it come the
// figures of desk sizing: the desks needed so that everyone finds one on 95 % or 99 % of
// such days (quantile), the probability that D desks run short, and the expected number of
// people left without a desk. The planning engine (sizing, team days, quartier allocation)
// evaluates its proposals with it.
//
// Pure computation: no I/O, no clock, no shared state. A DemandDistribution is immutable
// once built; it is safe to share between threads without any external synchronisation.
#pragma once

#include <span>
#include <vector>

#include "core/error.hpp"

namespace escale::planning {

class DemandDistribution {
public:
    // The distribution of the number present when resident i is present with probability
    // presence[i], independently of the others. An empty list is a day with nobody (N = 0).
    // Fails with invalid_field ("presence[i]") when a probability is not a number in [0, 1].
    // O(n²) time, O(n) memory.
    static Result<DemandDistribution> of(std::span<const double> presence);

    // The number of residents n: N takes its values in 0..n.
    int residents() const { return static_cast<int>(pmf_.size()) - 1; }

    // P(N = k); 0 for k outside 0..n.
    double probability(int k) const;
    // P(N = k) for k = 0..n; they sum to 1 (up to rounding).
    const std::vector<double>& probabilities() const { return pmf_; }
    // P(N <= k), non-decreasing in k; 0 for k < 0, 1 for k >= n.
    double at_most(int k) const;
    // E[N], the sum of the presence probabilities.
    double mean() const { return mean_; }

    // Desks needed: the smallest k in 0..n with P(N > k) <= 1 - level, that is
    // P(N <= k) >= level; level 0.95 gives the desks that seat everyone on 95 % of such days
    // (P95). Level 1 gives the largest number that can be present. The tail is summed from
    // above, so small tails (P99 and beyond) keep their precision. Fails with invalid_field
    // ("level") unless 0 < level <= 1.
    Result<int> quantile(double level) const;

    // P(N > desks): the probability that someone finds no desk free (1 when desks < 0).
    double shortage_probability(int desks) const;
    // E[max(N - desks, 0)]: the expected number of people without a desk (E[N] for 0 desks).
    double expected_without_desk(int desks) const;

private:
    DemandDistribution() = default;

    std::vector<double> pmf_{1.0};  // P(N = k)
    std::vector<double> cdf_{1.0};  // P(N <= k), summed from below
    std::vector<double> tail_{0.0};  // P(N > k), summed from above: exact zeros beyond the support
    double mean_ = 0.0;
};

}  // namespace escale::planning
