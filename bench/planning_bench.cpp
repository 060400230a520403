// SPDX-License-Identifier: EUPL-1.2
// Speed of the planning engine (Google Benchmark), against the targets of the planning
// issue: the exact daily demand of 850 residents in under 1 ms, 100,000 simulated weeks of
// 850 residents in under 1 s on one core. Build and run:
//   cmake --build build --target planning_bench && build/planning_bench
#include <benchmark/benchmark.h>

#include <vector>

#include "planning/demand_distribution.hpp"
#include "planning/sizing.hpp"
#include "planning/week_simulation.hpp"

using namespace escale::planning;

namespace {

// The cite: 850 residents in ten services, each with its team day and two floating days.
std::vector<ResidentWeek> cite_residents() {
    std::vector<ResidentWeek> r;
    for (int i = 0; i < 850; ++i) {
        Weekdays team{};
        team[static_cast<std::size_t>(i % 10 / 2)] = true;
        r.push_back(*ResidentWeek::of_pattern({.floating_telework_days = 2}, team));
    }
    return r;
}

void exact_daily_demand_850(benchmark::State& state) {
    std::vector<double> presence(850);
    for (std::size_t i = 0; i < presence.size(); ++i) presence[i] = 0.3 + 0.5 * static_cast<double>(i % 17) / 17;
    for (auto _ : state) benchmark::DoNotOptimize(DemandDistribution::of(presence));
}
BENCHMARK(exact_daily_demand_850)->Unit(benchmark::kMicrosecond);

void size_desks_850(benchmark::State& state) {
    auto residents = cite_residents();
    for (auto _ : state) benchmark::DoNotOptimize(size_desks(residents, 750, 0.05));
}
BENCHMARK(size_desks_850)->Unit(benchmark::kMillisecond);

void simulate_100000_weeks_850(benchmark::State& state) {
    auto residents = cite_residents();
    for (auto _ : state) benchmark::DoNotOptimize(simulate_weeks(residents, 450, {.weeks = 100000, .seed = 1}));
}
BENCHMARK(simulate_100000_weeks_850)->Unit(benchmark::kMillisecond)->Iterations(3)->Repetitions(3);

}  // namespace

BENCHMARK_MAIN();
