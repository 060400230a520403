// SPDX-License-Identifier: EUPL-1.2
#include "planning/mean_load_programme.hpp"

#include <algorithm>
#include <cmath>

#include <coin/CbcModel.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/CoinPackedVector.hpp>
#include <coin/OsiClpSolverInterface.hpp>

namespace escale::planning {

MeanLoadPlan solve_mean_load(const MeanLoadProblem& p, int node_limit) {
    const double infinity = COIN_DBL_MAX;
    std::vector<int> first(p.choices.size());  // the column of each service's first choice
    int columns = 0;
    for (std::size_t s = 0; s < p.choices.size(); ++s) {
        first[s] = columns;
        columns += static_cast<int>(p.choices[s].size());
    }
    const int peak = columns++;
    int together_from = columns;  // y[pair][day] of the pairs kept together, continuous in [0, 1]
    for (auto& r : p.pairs)
        if (r.together) columns += weekdays;

    std::vector<double> lower(static_cast<std::size_t>(columns), 0.0), upper(static_cast<std::size_t>(columns), 1.0),
        cost(static_cast<std::size_t>(columns), 0.0);
    upper[static_cast<std::size_t>(peak)] = infinity;
    cost[static_cast<std::size_t>(peak)] = 1.0;

    CoinPackedMatrix rows(false, 0, 0);
    rows.setDimensions(0, columns);
    std::vector<double> row_lower, row_upper;
    auto add_row = [&](const CoinPackedVector& row, double lo, double hi) {
        rows.appendRow(row);
        row_lower.push_back(lo);
        row_upper.push_back(hi);
    };
    for (std::size_t s = 0; s < p.choices.size(); ++s) {
        CoinPackedVector one;
        for (std::size_t c = 0; c < p.choices[s].size(); ++c) one.insert(first[s] + static_cast<int>(c), 1.0);
        add_row(one, 1.0, 1.0);
    }
    for (int d = 0; d < weekdays; ++d) {
        CoinPackedVector load;
        for (std::size_t s = 0; s < p.choices.size(); ++s)
            for (std::size_t c = 0; c < p.choices[s].size(); ++c)
                if (double m = p.mean[s][c][static_cast<std::size_t>(d)]; m != 0.0) load.insert(first[s] + static_cast<int>(c), m);
        load.insert(peak, -1.0);
        add_row(load, -infinity, 0.0);
    }
    // The team days of service s on day d: Σ of its choices holding d.
    auto on_day = [&](CoinPackedVector& row, int s, int d, double sign) {
        auto su = static_cast<std::size_t>(s);
        for (std::size_t c = 0; c < p.choices[su].size(); ++c)
            if ((p.choices[su][c] >> d) & 1u) row.insert(first[su] + static_cast<int>(c), sign);
    };
    int y = together_from;
    for (auto& r : p.pairs) {
        if (!r.together) {
            for (int d = 0; d < weekdays; ++d) {
                CoinPackedVector both;
                on_day(both, r.a, d, 1.0);
                on_day(both, r.b, d, 1.0);
                if (both.getNumElements() > 0) add_row(both, -infinity, 1.0);
            }
            continue;
        }
        CoinPackedVector some;
        for (int d = 0; d < weekdays; ++d, ++y) {
            for (int who : {r.a, r.b}) {  // y ≤ team days of each on d
                CoinPackedVector below;
                below.insert(y, 1.0);
                on_day(below, who, d, -1.0);
                add_row(below, -infinity, 0.0);
            }
            some.insert(y, 1.0);
        }
        add_row(some, 1.0, infinity);
    }

    OsiClpSolverInterface solver;
    solver.messageHandler()->setLogLevel(0);
    solver.loadProblem(rows, lower.data(), upper.data(), cost.data(), row_lower.data(), row_upper.data());
    for (int c = 0; c < peak; ++c) solver.setInteger(c);
    CbcModel model(solver);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.setMaximumNodes(node_limit);
    model.setAllowableFractionGap(1e-4);
    model.branchAndBound();

    MeanLoadPlan out;
    out.lower_bound = std::max(0.0, model.getBestPossibleObjValue());
    const double* x = model.bestSolution();
    if (!x) return out;  // no plan found (or none exists)
    out.feasible = true;
    out.proven_optimal = model.isProvenOptimal();
    for (std::size_t s = 0; s < p.choices.size(); ++s) {
        std::size_t best = 0;
        for (std::size_t c = 1; c < p.choices[s].size(); ++c)
            if (x[first[s] + static_cast<int>(c)] > x[first[s] + static_cast<int>(best)]) best = c;
        out.choice.push_back(best);
    }
    std::array<double, weekdays> load{};
    for (std::size_t s = 0; s < p.choices.size(); ++s)
        for (int d = 0; d < weekdays; ++d) load[static_cast<std::size_t>(d)] += p.mean[s][out.choice[s]][static_cast<std::size_t>(d)];
    out.peak_mean = *std::max_element(load.begin(), load.end());
    return out;
}

}  // namespace escale::planning
