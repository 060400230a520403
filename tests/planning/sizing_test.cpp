// SPDX-License-Identifier: EUPL-1.2
// Desk sizing (planning/sizing.hpp): against the binomial tail computed independently, the
// fewest desks meeting ε, the week's worst day, the ratios, and refused figures.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "planning/sizing.hpp"

namespace escale::planning {
namespace {

std::vector<ResidentWeek> alike(int n, const DailyPresence& presence) {
    return std::vector<ResidentWeek>(static_cast<std::size_t>(n), *ResidentWeek::of_daily_presence(presence));
}

// P(Binomial(n, p) > d), summed term by term through logarithms.
double binomial_tail(int n, double p, int d) {
    double sum = 0;
    for (int k = d + 1; k <= n; ++k)
        sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                        (n - k) * std::log1p(-p));
    return sum;
}

TEST(Sizing, PilotAgainstTheBinomialTail) {
    auto residents = alike(36, {0.7, 0.7, 0.7, 0.7, 0.7});
    auto s = size_desks(residents, 29, 0.05);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_NEAR(s->shortage_probability, binomial_tail(36, 0.7, 29), 1e-12);
    EXPECT_LE(binomial_tail(36, 0.7, s->desks_needed), 0.05);
    EXPECT_GT(binomial_tail(36, 0.7, s->desks_needed - 1), 0.05);
    EXPECT_NEAR(s->days[2].mean_demand, 36 * 0.7, 1e-9);
    EXPECT_DOUBLE_EQ(s->desks_per_resident, 29.0 / 36);
    EXPECT_FALSE(s->sub_m2_per_resident);
}

TEST(Sizing, TheWorstDayDecides) {
    // Tuesday is the busy day: its figures are the week's.
    auto residents = alike(40, {0.3, 0.9, 0.5, 0.6, 0.2});
    auto s = size_desks(residents, 30, 0.01, 640.0);
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->shortage_probability, binomial_tail(40, 0.9, 30), 1e-12);
    EXPECT_EQ(s->desks_needed, s->days[1].desks_needed);
    for (auto& d : s->days) EXPECT_LE(d.desks_needed, s->desks_needed);
    EXPECT_GT(s->days[1].expected_without_desk, s->days[3].expected_without_desk);
    EXPECT_LE(s->days[1].p95, s->days[1].p99);
    EXPECT_DOUBLE_EQ(*s->sub_m2_per_resident, 16.0);
}

TEST(Sizing, Edges) {
    auto everyone = alike(10, {1, 1, 1, 1, 1});
    auto s = size_desks(everyone, 10, 0.05);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->desks_needed, 10);
    EXPECT_DOUBLE_EQ(s->shortage_probability, 0.0);
    auto none = size_desks(everyone, 0, 0.05);
    ASSERT_TRUE(none);
    EXPECT_DOUBLE_EQ(none->shortage_probability, 1.0);
    EXPECT_DOUBLE_EQ(none->days[0].expected_without_desk, 10.0);
    auto nobody = size_desks({}, 5, 0.05);
    ASSERT_TRUE(nobody);
    EXPECT_EQ(nobody->desks_needed, 0);
    EXPECT_DOUBLE_EQ(nobody->desks_per_resident, 0.0);
}

TEST(Sizing, RefusesFiguresOutOfRange) {
    auto residents = alike(3, {0.5, 0.5, 0.5, 0.5, 0.5});
    EXPECT_EQ(size_desks(residents, -1, 0.05).error().code, "invalid_field");
    EXPECT_FALSE(size_desks(residents, 2, 0.0));
    EXPECT_FALSE(size_desks(residents, 2, 1.0));
    EXPECT_FALSE(size_desks(residents, 2, std::nan("")));
    EXPECT_FALSE(size_desks(residents, 2, 0.05, -3.0));
}

}  // namespace
}  // namespace escale::planning
