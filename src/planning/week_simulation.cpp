// SPDX-License-Identifier: EUPL-1.2
#include "planning/week_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

#include "core/errors.hpp"

namespace escale::planning {
namespace {

constexpr double z95 = 1.959963984540054;

constexpr std::uint64_t low53 = (std::uint64_t{1} << 53) - 1;

// Walker's alias table of one kind of resident's 32 weeks: draw a column evenly, keep it
// when a uniform 53-bit number is below keep[column], else take its alias. `residents` of
// the site share it.
struct AliasTable {
    std::array<std::uint64_t, week_masks> keep{};
    std::array<WeekMask, week_masks> alias{};
    int residents = 0;
};

AliasTable alias_table(const ResidentWeek& week) {
    AliasTable t;
    std::array<double, week_masks> scaled{};
    double total = 0;
    for (int m = 0; m < week_masks; ++m) total += week.probability(static_cast<WeekMask>(m));
    std::vector<int> small, large;
    for (int m = 0; m < week_masks; ++m) {
        scaled[m] = week.probability(static_cast<WeekMask>(m)) / total * week_masks;
        (scaled[m] < 1.0 ? small : large).push_back(m);
        t.alias[m] = static_cast<WeekMask>(m);
    }
    while (!small.empty() && !large.empty()) {
        int s = small.back(), l = large.back();
        small.pop_back();
        t.alias[s] = static_cast<WeekMask>(l);
        scaled[l] -= 1.0 - scaled[s];
        if (scaled[l] < 1.0) {
            large.pop_back();
            small.push_back(l);
        }
    }
    // What remains is 1 up to rounding.
    for (int m : small) scaled[m] = 1.0;
    for (int m : large) scaled[m] = 1.0;
    for (int m = 0; m < week_masks; ++m)
        t.keep[m] = scaled[m] >= 1.0 ? low53 + 1 : static_cast<std::uint64_t>(scaled[m] * 0x1.0p53);
    return t;
}

// One 64-bit draw: its top 5 bits pick the column, its low 53 bits the uniform number.
WeekMask draw(const AliasTable& t, std::uint64_t bits) {
    auto column = static_cast<std::size_t>(bits >> 59);
    // Without a branch: which way it goes is a coin toss the processor cannot predict.
    auto kept = static_cast<unsigned>((bits & low53) < t.keep[column]);
    return static_cast<WeekMask>(kept * column + (1 - kept) * t.alias[column]);
}

// One table per distinct kind of resident, with how many residents share it: a site has
// few kinds (a pattern per service), and drawing a kind's residents one after the other
// keeps its table in the nearest cache.
std::vector<AliasTable> tables_of(std::span<const ResidentWeek> residents) {
    std::map<std::array<double, week_masks>, std::size_t> kinds;
    std::vector<AliasTable> tables;
    for (auto& r : residents) {
        auto [at, added] = kinds.try_emplace(r.probabilities(), tables.size());
        if (added) tables.push_back(alias_table(r));
        ++tables[at->second].residents;
    }
    return tables;
}

// Sum and sum of squares of a quantity observed once a week.
struct Tally {
    double sum = 0, squares = 0;
    void add(double x) {
        sum += x;
        squares += x * x;
    }
    Estimate mean(int n) const {
        double m = sum / n;
        double variance = n > 1 ? std::max(0.0, (squares - n * m * m) / (n - 1)) : 0.0;
        double half = z95 * std::sqrt(variance / n);
        return {m, m - half, m + half};
    }
};

// Wilson's score interval for `hits` out of `n`.
Estimate proportion(long hits, int n) {
    double p = static_cast<double>(hits) / n, z2 = z95 * z95;
    double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    double half = z95 * std::sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1.0 + z2 / n);
    return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace

Result<WeekSimulation> simulate_weeks(std::span<const ResidentWeek> residents, int desks,
                                      const SimulationOptions& options) {
    if (desks < 0) return fail(errors::invalid_field("desks", "un nombre de postes positif ou nul"));
    if (options.weeks < 1 || options.weeks > 10'000'000)
        return fail(errors::invalid_field("weeks", "un nombre de semaines entre 1 et 10 000 000"));

    auto tables = tables_of(residents);

    std::mt19937_64 random(options.seed);
    std::array<Tally, weekdays> demand_tally{};
    std::array<long, weekdays> short_days{};
    Tally busiest, without;
    long short_weeks = 0;
    std::vector<long> busiest_histogram(residents.size() + 1, 0);
    int report_every = std::max(1, options.weeks / 100);

    for (int w = 0; w < options.weeks; ++w) {
        std::array<int, week_masks> weeks_of{};  // residents whose week is each set of days
        for (auto& t : tables)
            for (int i = 0; i < t.residents; ++i) ++weeks_of[draw(t, random())];
        std::array<int, weekdays> demand{};
        for (int m = 1; m < week_masks; ++m)
            if (weeks_of[m] != 0)
                for (int d = 0; d < weekdays; ++d)
                    if ((m >> d) & 1) demand[d] += weeks_of[m];

        int peak = 0;
        double short_of = 0;
        for (int d = 0; d < weekdays; ++d) {
            demand_tally[d].add(demand[d]);
            peak = std::max(peak, demand[d]);
            if (demand[d] > desks) {
                ++short_days[d];
                short_of += demand[d] - desks;
            }
        }
        busiest.add(peak);
        ++busiest_histogram[static_cast<std::size_t>(peak)];
        without.add(short_of);
        if (short_of > 0) ++short_weeks;
        if (options.progress && (w + 1) % report_every == 0)
            options.progress(static_cast<double>(w + 1) / options.weeks);
    }

    WeekSimulation s;
    s.weeks = options.weeks;
    s.desks = desks;
    for (int d = 0; d < weekdays; ++d) {
        s.mean_demand[d] = demand_tally[d].mean(options.weeks);
        s.shortage_probability[d] = proportion(short_days[d], options.weeks);
    }
    s.busiest_day_mean = busiest.mean(options.weeks);
    long below = 0, needed = static_cast<long>(std::ceil(0.95 * options.weeks));
    for (std::size_t k = 0; k < busiest_histogram.size(); ++k)
        if ((below += busiest_histogram[k]) >= needed) {
            s.busiest_day_p95 = static_cast<int>(k);
            break;
        }
    s.week_shortage_probability = proportion(short_weeks, options.weeks);
    s.without_desk_per_week = without.mean(options.weeks);
    return s;
}

}  // namespace escale::planning
