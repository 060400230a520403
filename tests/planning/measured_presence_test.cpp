// SPDX-License-Identifier: EUPL-1.2
// Presence measured from history (planning/measured_presence.hpp): a long simulated history
// gives back the probabilities it was drawn from; a short one leans on the service's rate,
// and doing so is closer to the truth than the raw rate; the edges; refused figures.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "planning/measured_presence.hpp"

namespace escale::planning {
namespace {

// `weeks` weeks of residents whose true presence is `truth[i]`, drawn with a fixed seed.
std::vector<ResidentHistory> simulate(const std::vector<DailyPresence>& truth, const std::vector<int>& service, int weeks,
                                      unsigned seed) {
    std::mt19937_64 random(seed);
    std::vector<ResidentHistory> out;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        ResidentHistory h{.service = service[i]};
        for (int w = 0; w < weeks; ++w)
            for (std::size_t d = 0; d < weekdays; ++d) {
                ++h.observed_days[d];
                if (std::bernoulli_distribution(truth[i][d])(random)) ++h.present_days[d];
            }
        out.push_back(h);
    }
    return out;
}

TEST(MeasuredPresence, LongHistoryRecoversTheTruth) {
    std::vector<DailyPresence> truth{{0.9, 0.8, 0.2, 0.8, 0.1}, {0.5, 0.5, 0.5, 0.5, 0.5}, {0.0, 1.0, 0.3, 0.6, 0.4}};
    auto history = simulate(truth, {0, 0, 1}, 2000, 1);
    auto measured = measured_presence(history);
    ASSERT_TRUE(measured) << measured.error().message;
    for (std::size_t i = 0; i < truth.size(); ++i)
        for (std::size_t d = 0; d < weekdays; ++d) EXPECT_NEAR((*measured)[i][d], truth[i][d], 0.03) << i << " " << d;
}

TEST(MeasuredPresence, ShortHistoryLeansOnTheServiceAndIsCloserToTheTruth) {
    // 60 residents of one service, presence spread around 0.6; four weeks of history each.
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> around(0.4, 0.8);
    std::vector<DailyPresence> truth;
    for (int i = 0; i < 60; ++i) truth.push_back({around(random), around(random), around(random), around(random), around(random)});
    auto history = simulate(truth, std::vector<int>(60, 3), 4, 11);
    auto shrunk = *measured_presence(history);
    auto raw = *measured_presence(history, 0.0);
    double error_shrunk = 0, error_raw = 0;
    for (std::size_t i = 0; i < truth.size(); ++i)
        for (std::size_t d = 0; d < weekdays; ++d) {
            error_shrunk += std::pow(shrunk[i][d] - truth[i][d], 2);
            error_raw += std::pow(raw[i][d] - truth[i][d], 2);
            EXPECT_DOUBLE_EQ(raw[i][d], history[i].present_days[d] / 4.0);
        }
    EXPECT_LT(error_shrunk, 0.6 * error_raw);
}

TEST(MeasuredPresence, NoHistoryTakesTheServiceThenTheSite) {
    std::vector<ResidentHistory> h(3);
    h[0] = {.service = 1, .observed_days = {10, 10, 10, 10, 10}, .present_days = {5, 10, 0, 10, 2}};
    h[1] = {.service = 1};                       // new in service 1
    h[2] = {.service = 2};                       // alone in service 2, never seen
    auto m = *measured_presence(h);
    EXPECT_DOUBLE_EQ(m[1][0], 0.5);
    EXPECT_DOUBLE_EQ(m[1][1], 1.0);
    EXPECT_DOUBLE_EQ(m[2][4], 0.2);  // the site's Friday rate
    EXPECT_DOUBLE_EQ(m[0][2], 0.0);  // 0 of 10 Wednesdays, and so is the service
    auto empty = *measured_presence(std::vector<ResidentHistory>(1));
    EXPECT_DOUBLE_EQ(empty[0][0], 0.0);
    EXPECT_TRUE(ResidentWeek::of_daily_presence(m[0]));
}

TEST(MeasuredPresence, RefusesImpossibleCounts) {
    std::vector<ResidentHistory> h{{.service = 0, .observed_days = {1, 1, 1, 1, 1}, .present_days = {2, 0, 0, 0, 0}}};
    EXPECT_EQ(measured_presence(h).error().code, "invalid_field");
    h[0] = {.service = 0, .observed_days = {-1, 0, 0, 0, 0}};
    EXPECT_FALSE(measured_presence(h));
    EXPECT_FALSE(measured_presence({}, -1.0));
    EXPECT_FALSE(measured_presence({}, std::nan("")));
}

}  // namespace
}  // namespace escale::planning
