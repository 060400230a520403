// SPDX-License-Identifier: EUPL-1.2
// The operations figures' histograms and counters (issue 14, GET /metrics).
#include "core/metrics.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace escale::metrics {
namespace {

TEST(Metrics, HistogramBucketsAreCumulativeWithTheirSum) {
    Histogram h{1, 2, 4};
    for (double v : {0.5, 1.0, 1.5, 3.0, 9.0}) h.observe(v);
    auto s = h.snapshot();
    EXPECT_EQ(s.upper_bounds, (std::vector<double>{1, 2, 4}));
    EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{2, 3, 4, 5}));  // le=1, 2, 4, +Inf
    EXPECT_DOUBLE_EQ(s.sum, 15.0);
}

TEST(Metrics, CountersLoseNothingUnderConcurrentAdds) {
    Counter c;
    Histogram h{10};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 10000; ++i) {
                c.add();
                h.observe(1);
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(c.value(), 40000u);
    EXPECT_EQ(h.snapshot().cumulative.back(), 40000u);
    EXPECT_DOUBLE_EQ(h.snapshot().sum, 40000.0);
}

}  // namespace
}  // namespace escale::metrics
