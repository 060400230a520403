// SPDX-License-Identifier: EUPL-1.2
// Speed of the planning engine (Google Benchmark), against the targets of the planning
// issue: the exact daily demand of 850 residents in under 1 ms, 100,000 simulated weeks of
// 850 residents in under 1 s on one core, the team days of a 10-service building proven
// optimal in under 1 s, those of 300 services within 1 % of the bound in under 10 s. Build and run:
//   cmake --build build --target planning_bench && build/planning_bench
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "planning/demand_distribution.hpp"
#include "planning/sizing.hpp"
#include "planning/team_days.hpp"
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

// The cite's ten services (850 residents, sizes 40 to 130), one team day each, two floating
// telework days; some services telework on Friday.
TeamDayProblem cite_team_days() {
    TeamDayProblem p;
    int sizes[] = {130, 115, 100, 95, 90, 80, 75, 65, 60, 40};
    for (int i = 0; i < 10; ++i) {
        TeleworkPattern pattern{.floating_telework_days = 2};
        if (i % 3 == 0) pattern = {.fixed_telework = {false, false, false, false, true}, .floating_telework_days = 1};
        p.services.push_back({.name = "S" + std::to_string(i), .members = {{pattern, sizes[i]}}, .team_days = 1});
    }
    return p;
}

void team_days_exact_10_services(benchmark::State& state) {
    auto problem = cite_team_days();
    for (auto _ : state) {
        auto plan = plan_team_days_exact(problem);
        state.counters["proven"] = plan && plan->proven_optimal;
        state.counters["nodes"] = plan ? static_cast<double>(plan->nodes) : 0;
        state.counters["peak"] = plan ? plan->peak : 0;
        state.counters["bound"] = plan ? plan->lower_bound : 0;
    }
}
BENCHMARK(team_days_exact_10_services)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

void team_days_heuristic_10_services(benchmark::State& state) {
    auto problem = cite_team_days();
    for (auto _ : state) {
        auto plan = plan_team_days_heuristic(problem);
        state.counters["peak"] = plan ? plan->peak : 0;
        state.counters["bound"] = plan ? plan->lower_bound : 0;
    }
}
BENCHMARK(team_days_heuristic_10_services)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

// A region: 300 services of 10 to 60 residents (about 10,500), one team day each; a third
// telework on a fixed day, half may not hold their team day on one weekday, a few pairs.
TeamDayProblem region_team_days() {
    TeamDayProblem p;
    std::uint64_t x = 42;
    auto next = [&] { return x = x * 6364136223846793005ULL + 1442695040888963407ULL, x >> 33; };
    for (int i = 0; i < 300; ++i) {
        TeleworkPattern pattern{.floating_telework_days = static_cast<int>(next() % 3)};
        if (next() % 3 == 0) pattern.fixed_telework[next() % weekdays] = true;
        ServiceTeam s{.name = "S" + std::to_string(i), .members = {{pattern, 10 + static_cast<int>(next() % 51)}}, .team_days = 1};
        if (next() % 2 == 0) s.allowed[next() % weekdays] = false;
        p.services.push_back(std::move(s));
    }
    p.pairs = {{.a = 0, .b = 1, .together = true}, {.a = 2, .b = 3, .together = false}, {.a = 4, .b = 5, .together = true}};
    return p;
}

void team_days_heuristic_300_services(benchmark::State& state) {
    auto problem = region_team_days();
    for (auto _ : state) {
        auto plan = plan_team_days_heuristic(problem);
        state.counters["peak"] = plan ? plan->peak : 0;
        state.counters["bound"] = plan ? plan->lower_bound : 0;
        state.counters["gap_percent"] = plan ? 100.0 * (plan->peak - plan->lower_bound) / plan->lower_bound : 0;
    }
}
BENCHMARK(team_days_heuristic_300_services)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(3);

}  // namespace

BENCHMARK_MAIN();
