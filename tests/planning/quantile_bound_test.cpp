// SPDX-License-Identifier: EUPL-1.2
// The quantile lower bound from mean and variance (planning/quantile_bound.hpp): never above
// the exact quantile of Poisson-binomial laws of many shapes, close to it for large sums, and
// silent when it cannot say anything.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "planning/demand_distribution.hpp"
#include "planning/quantile_bound.hpp"

namespace escale::planning {
namespace {

struct Law {
    std::vector<double> p;
    double mean = 0, variance = 0, r = 0;
};

Law law_of(std::vector<double> p) {
    Law l{std::move(p)};
    for (double x : l.p) {
        l.mean += x;
        l.variance += x * (1 - x);
        if (x > 0 && x < 1) l.r = std::max(l.r, x * x + (1 - x) * (1 - x));
    }
    return l;
}

TEST(QuantileBound, NeverAboveTheExactQuantile) {
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    int informative = 0;
    for (int trial = 0; trial < 300; ++trial) {
        int n = 20 + static_cast<int>(rng() % 1500);
        double centre = uniform(rng), spread = uniform(rng);
        std::vector<double> p(static_cast<std::size_t>(n));
        for (auto& x : p) x = std::clamp(centre + spread * (uniform(rng) - 0.5), 0.0, 1.0);
        if (trial % 7 == 0) p[0] = 1.0, p[1] = 0.0;  // certain people change nothing
        auto law = law_of(p);
        auto exact = DemandDistribution::of(p);
        ASSERT_TRUE(exact);
        for (double level : {0.9, 0.95, 0.99}) {
            int bound = quantile_lower_bound(law.mean, law.variance, level, law.r);
            EXPECT_LE(bound, *exact->quantile(level)) << "n=" << n << " level=" << level;
            EXPECT_LE(quantile_lower_bound(law.mean, law.variance, level), *exact->quantile(level));
            // Any smaller mean or variance stays a valid (smaller) bound.
            EXPECT_LE(quantile_lower_bound(law.mean - 3, law.variance * 0.8, level, law.r), bound);
            informative += bound > 0;
        }
    }
    EXPECT_GT(informative, 500);  // most of these laws are wide enough for the bound to speak
}

TEST(QuantileBound, CloseToTheExactQuantileForLargeSums) {
    // 9,000 people at 60 %: σ ≈ 46; the P95 is μ + 1.645σ, the bound μ + σΦ⁻¹(0.95 − 0.56r/σ).
    std::vector<double> p(9000, 0.6);
    auto law = law_of(p);
    int exact = *DemandDistribution::of(p)->quantile(0.95);
    int bound = quantile_lower_bound(law.mean, law.variance, 0.95, law.r);
    EXPECT_LE(bound, exact);
    EXPECT_GE(bound, exact - 4);  // within 0.1 % of 5,476
}

TEST(QuantileBound, SilentWhenItCannotSpeak) {
    EXPECT_EQ(quantile_lower_bound(10, 0.0, 0.95), 0);    // no variance
    EXPECT_EQ(quantile_lower_bound(10, 1.0, 0.95), 0);    // σ = 1: level − 0.56 below 1/2
    EXPECT_EQ(quantile_lower_bound(10, 100.0, 0.5), 0);   // the median is not covered
    EXPECT_EQ(quantile_lower_bound(10, 100.0, 1.0), 0);
    EXPECT_EQ(quantile_lower_bound(NAN, 100.0, 0.95), 0);
}

}  // namespace
}  // namespace escale::planning
