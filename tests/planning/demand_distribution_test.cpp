// SPDX-License-Identifier: EUPL-1.2
// The daily demand distribution (planning/demand_distribution.hpp): hand-computed small
// cases, the binomial closed form when every resident has the same probability, a proper
// distribution (sums to 1, monotone CDF), the sizing figures, and the edge cases.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "planning/demand_distribution.hpp"

namespace escale::planning {
namespace {

DemandDistribution of(const std::vector<double>& presence) {
    auto d = DemandDistribution::of(presence);
    EXPECT_TRUE(d) << d.error().message;
    return *d;
}

// C(n, k) p^k (1 - p)^(n - k), through logarithms so that it holds for hundreds of people.
double binomial(int n, int k, double p) {
    return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                    (n - k) * std::log1p(-p));
}

TEST(DemandDistribution, TwoResidentsByHand) {
    auto d = of({0.5, 0.2});
    ASSERT_EQ(d.residents(), 2);
    EXPECT_DOUBLE_EQ(d.probability(0), 0.5 * 0.8);
    EXPECT_DOUBLE_EQ(d.probability(1), 0.5 * 0.8 + 0.5 * 0.2);
    EXPECT_DOUBLE_EQ(d.probability(2), 0.5 * 0.2);
}

TEST(DemandDistribution, ThreeResidentsByHand) {
    // P(0) = .9 × .8 × .7; P(1) = .1 × .8 × .7 + .9 × .2 × .7 + .9 × .8 × .3; and so on.
    auto d = of({0.1, 0.2, 0.3});
    EXPECT_NEAR(d.probability(0), 0.504, 1e-15);
    EXPECT_NEAR(d.probability(1), 0.398, 1e-15);
    EXPECT_NEAR(d.probability(2), 0.092, 1e-15);
    EXPECT_NEAR(d.probability(3), 0.006, 1e-15);
    EXPECT_NEAR(d.mean(), 0.6, 1e-15);
    EXPECT_NEAR(d.at_most(1), 0.902, 1e-15);

    // CDF 0.504, 0.902, 0.994, 1.
    EXPECT_EQ(*d.quantile(0.5), 0);
    EXPECT_EQ(*d.quantile(0.9), 1);
    EXPECT_EQ(*d.quantile(0.95), 2);
    EXPECT_EQ(*d.quantile(0.99), 2);
    EXPECT_EQ(*d.quantile(0.995), 3);
    EXPECT_EQ(*d.quantile(1.0), 3);

    EXPECT_NEAR(d.shortage_probability(0), 0.496, 1e-15);
    EXPECT_NEAR(d.shortage_probability(1), 0.098, 1e-15);
    EXPECT_NEAR(d.shortage_probability(2), 0.006, 1e-15);
    EXPECT_EQ(d.shortage_probability(3), 0.0);

    EXPECT_NEAR(d.expected_without_desk(0), 0.6, 1e-15) << "no desk: everyone present goes without";
    EXPECT_NEAR(d.expected_without_desk(1), 1 * 0.092 + 2 * 0.006, 1e-15);
    EXPECT_NEAR(d.expected_without_desk(2), 0.006, 1e-15);
    EXPECT_EQ(d.expected_without_desk(3), 0.0);
}

TEST(DemandDistribution, EqualProbabilitiesGiveTheBinomial) {
    for (int n : {1, 7, 36, 850}) {
        for (double p : {0.05, 0.5, 0.62}) {
            auto d = of(std::vector<double>(n, p));
            double worst = 0.0;
            for (int k = 0; k <= n; ++k) {
                double want = binomial(n, k, p);
                worst = std::max(worst, std::abs(d.probability(k) - want));
                if (want > 1e-100) {
                    EXPECT_NEAR(d.probability(k) / want, 1.0, 1e-9) << "n=" << n << " p=" << p << " k=" << k;
                }
            }
            EXPECT_LT(worst, 1e-13) << "n=" << n << " p=" << p;
            EXPECT_NEAR(d.mean(), n * p, 1e-9);
        }
    }
}

TEST(DemandDistribution, BinomialQuantilesMatchTheClosedForm) {
    // The pilot's order of magnitude: 36 residents on site 60 % of their days.
    int n = 36;
    double p = 0.6;
    auto d = of(std::vector<double>(n, p));
    for (double level : {0.5, 0.95, 0.99}) {
        int k = 0;
        double cdf = binomial(n, 0, p);
        while (cdf < level) cdf += binomial(n, ++k, p);
        EXPECT_EQ(*d.quantile(level), k) << "level " << level;
    }
    EXPECT_EQ(*d.quantile(0.95), 26);  // mean 21.6, standard deviation 2.94
}

TEST(DemandDistribution, IsAProperDistributionWithAMonotoneCdf) {
    std::vector<double> presence;
    for (int i = 0; i < 120; ++i) presence.push_back(std::fmod(i * 0.618034, 1.0));  // spread over [0, 1)
    presence.push_back(1.0);
    presence.push_back(0.0);
    auto d = of(presence);
    ASSERT_EQ(d.residents(), 122);
    ASSERT_EQ(d.probabilities().size(), 123u);
    double sum = 0.0, mean = 0.0, previous = 0.0;
    for (int k = 0; k <= d.residents(); ++k) {
        EXPECT_GE(d.probability(k), 0.0);
        sum += d.probability(k);
        mean += k * d.probability(k);
        EXPECT_GE(d.at_most(k), previous) << k;
        previous = d.at_most(k);
        EXPECT_NEAR(d.at_most(k) + d.shortage_probability(k), 1.0, 1e-13) << k;
        EXPECT_GE(d.shortage_probability(k - 1), d.shortage_probability(k)) << k;
        EXPECT_GE(d.expected_without_desk(k - 1), d.expected_without_desk(k)) << k;
    }
    EXPECT_NEAR(sum, 1.0, 1e-13);
    EXPECT_NEAR(mean, d.mean(), 1e-11);
    EXPECT_NEAR(d.expected_without_desk(0), d.mean(), 1e-11);
    EXPECT_EQ(d.at_most(d.residents()), 1.0);
    EXPECT_EQ(d.probability(0), 0.0) << "one resident is always there";
    EXPECT_EQ(d.probability(122), 0.0) << "one resident never is";
    int p95 = *d.quantile(0.95), p99 = *d.quantile(0.99);
    EXPECT_LE(p95, p99);
    EXPECT_LE(d.shortage_probability(p95), 0.05);
    EXPECT_GT(d.shortage_probability(p95 - 1), 0.05);
    EXPECT_LE(d.shortage_probability(p99), 0.01);
    EXPECT_GT(d.shortage_probability(p99 - 1), 0.01);
}

TEST(DemandDistribution, NobodyIsADayWithNoDemand) {
    auto d = of({});
    EXPECT_EQ(d.residents(), 0);
    EXPECT_EQ(d.probability(0), 1.0);
    EXPECT_EQ(d.mean(), 0.0);
    EXPECT_EQ(*d.quantile(0.99), 0);
    EXPECT_EQ(*d.quantile(1.0), 0);
    EXPECT_EQ(d.shortage_probability(0), 0.0);
    EXPECT_EQ(d.expected_without_desk(0), 0.0);
}

TEST(DemandDistribution, CertainAbsenceAndPresenceAreExact) {
    auto absent = of({0.0, 0.0, 0.0});
    EXPECT_EQ(absent.probability(0), 1.0);
    EXPECT_EQ(*absent.quantile(1.0), 0);
    EXPECT_EQ(absent.shortage_probability(0), 0.0);

    auto present = of({1.0, 1.0, 1.0, 1.0});
    EXPECT_EQ(present.probability(4), 1.0);
    for (int k = 0; k < 4; ++k) EXPECT_EQ(present.probability(k), 0.0);
    EXPECT_EQ(*present.quantile(0.01), 4);
    EXPECT_EQ(present.shortage_probability(3), 1.0);
    EXPECT_EQ(present.expected_without_desk(3), 1.0);
    EXPECT_EQ(present.expected_without_desk(4), 0.0);

    // Two who always come shift the rest: N = 2 + Bernoulli(0.5); level 1 stops at the support.
    auto mixed = of({1.0, 0.5, 1.0, 0.0});
    EXPECT_EQ(mixed.probability(0), 0.0);
    EXPECT_EQ(mixed.probability(1), 0.0);
    EXPECT_EQ(mixed.probability(2), 0.5);
    EXPECT_EQ(mixed.probability(3), 0.5);
    EXPECT_EQ(mixed.probability(4), 0.0);
    EXPECT_EQ(*mixed.quantile(0.5), 2);
    EXPECT_EQ(*mixed.quantile(1.0), 3);
}

TEST(DemandDistribution, OutOfRangeArgumentsFollowTheDefinitions) {
    auto d = of({0.5, 0.5});
    EXPECT_EQ(d.probability(-1), 0.0);
    EXPECT_EQ(d.probability(3), 0.0);
    EXPECT_EQ(d.at_most(-1), 0.0);
    EXPECT_EQ(d.at_most(5), 1.0);
    EXPECT_EQ(d.shortage_probability(-1), 1.0);
    EXPECT_EQ(d.shortage_probability(std::numeric_limits<int>::max()), 0.0);
    EXPECT_DOUBLE_EQ(d.expected_without_desk(-2), 3.0) << "E[N - D] = 1 + 2";
    EXPECT_EQ(d.expected_without_desk(std::numeric_limits<int>::max()), 0.0);
    EXPECT_GT(d.expected_without_desk(std::numeric_limits<int>::min()), 2e9);
}

TEST(DemandDistribution, RefusesWhatIsNotAProbability) {
    for (double bad : {-0.1, 1.1, std::nan(""), std::numeric_limits<double>::infinity()}) {
        auto d = DemandDistribution::of(std::vector<double>{0.5, 0.2, bad});
        ASSERT_FALSE(d) << bad;
        EXPECT_EQ(d.error().kind, ErrorKind::invalid_input);
        EXPECT_EQ(d.error().code, "invalid_field");
        EXPECT_NE(d.error().message.find("presence[2]"), std::string::npos) << d.error().message;
    }
    auto d = of({0.5});
    for (double bad : {0.0, -0.5, 1.5, std::nan("")}) {
        auto q = d.quantile(bad);
        ASSERT_FALSE(q) << bad;
        EXPECT_EQ(q.error().code, "invalid_field");
        EXPECT_NE(q.error().message.find("level"), std::string::npos);
    }
}

}  // namespace
}  // namespace escale::planning
