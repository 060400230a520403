// SPDX-License-Identifier: EUPL-1.2
#include "planning/quartier_allocation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

// GCC 12 at -O2 sees a filtered edge iterator in Boost's Bellman-Ford (run by cycle_canceling)
// as "maybe uninitialized": a false positive inside Boost, silenced for these headers only.
// (Clang, which builds the fuzz targets, has no such warning.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/cycle_canceling.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "core/errors.hpp"
#include "planning/demand_distribution.hpp"

namespace escale::planning {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, long>>>>>;

// One day's seating of the excess: how many stay unseated, how many cross floors, and what
// each quartier sends and receives.
struct DayFlow {
    int unseated = 0, cross_floor = 0;
    std::vector<int> sent, received;
};

DayFlow seat_excess(const QuartierProblem& p, const std::vector<std::vector<bool>>& touching, const std::vector<int>& demand) {
    auto q = p.quartiers.size();
    DayFlow out{0, 0, std::vector<int>(q, 0), std::vector<int>(q, 0)};
    // Vertices: source, sink, then each quartier twice (as a sender, as a receiver).
    FlowGraph g(2 + 2 * q);
    auto capacity = boost::get(boost::edge_capacity, g);
    auto reverse = boost::get(boost::edge_reverse, g);
    auto weight = boost::get(boost::edge_weight, g);
    auto residual = boost::get(boost::edge_residual_capacity, g);
    auto add = [&](std::size_t from, std::size_t to, long cap, long cost) {
        auto e = boost::add_edge(from, to, g).first;
        auto back = boost::add_edge(to, from, g).first;
        capacity[e] = cap, capacity[back] = 0;
        weight[e] = cost, weight[back] = -cost;
        reverse[e] = back, reverse[back] = e;
        return e;
    };
    const std::size_t source = 0, sink = 1;
    int excess = 0;
    struct Link {
        Traits::edge_descriptor edge;
        std::size_t from, to;
    };
    std::vector<Link> links;
    for (std::size_t i = 0; i < q; ++i) {
        int gap = demand[i] - p.quartiers[i].desks;
        if (gap > 0) add(source, 2 + i, gap, 0), excess += gap;
        if (gap < 0) add(2 + q + i, sink, -gap, 0);
    }
    if (excess == 0) return out;
    for (std::size_t i = 0; i < q; ++i)
        for (std::size_t j = 0; j < q; ++j)
            if (touching[i][j] && demand[i] > p.quartiers[i].desks && demand[j] < p.quartiers[j].desks)
                links.push_back({add(2 + i, 2 + q + j, excess, p.quartiers[i].floor == p.quartiers[j].floor ? 0 : 1), i, j});
    // The most excess seated, then the fewest floors crossed: a maximum flow, made cheapest by
    // cancelling negative cycles. (Boost's successive shortest paths add up "infinite"
    // distances of unreachable vertices, an integer overflow.)
    boost::edmonds_karp_max_flow(g, source, sink);
    boost::cycle_canceling(g);
    int seated = 0;
    for (auto& l : links) {
        int flow = static_cast<int>(capacity[l.edge] - residual[l.edge]);
        out.sent[l.from] += flow;
        out.received[l.to] += flow;
        seated += flow;
        if (weight[l.edge] != 0) out.cross_floor += flow;
    }
    out.unseated = excess - seated;
    return out;
}

// Everything the search needs, computed once: each service's members' presence per day.
struct Model {
    const QuartierProblem& problem;
    std::vector<std::array<std::vector<double>, weekdays>> presence;  // [service][day]: one entry per person
    std::vector<std::vector<bool>> touching;
    std::vector<int> service_worst;  // each service's own quantile on its worst day

    explicit Model(const QuartierProblem& p) : problem(p) {
        for (auto& s : p.services) {
            std::array<std::vector<double>, weekdays> days;
            for (auto& g : s.members) {
                auto daily = ResidentWeek::of_pattern(g.pattern, s.team_days)->daily_presence();
                for (int d = 0; d < weekdays; ++d)
                    days[static_cast<std::size_t>(d)].insert(days[static_cast<std::size_t>(d)].end(),
                                                             static_cast<std::size_t>(g.residents), daily[static_cast<std::size_t>(d)]);
            }
            int worst = 0;
            for (auto& day : days) worst = std::max(worst, quantile(day));
            service_worst.push_back(worst);
            presence.push_back(std::move(days));
        }
        auto q = p.quartiers.size();
        touching.assign(q, std::vector<bool>(q, false));
        for (std::size_t i = 0; i < q; ++i)
            for (int j : p.quartiers[i].touches) {
                touching[i][static_cast<std::size_t>(j)] = true;
                touching[static_cast<std::size_t>(j)][i] = true;
            }
    }

    int quantile(const std::vector<double>& people) const {
        return *(*DemandDistribution::of(people)).quantile(problem.level);
    }

    // A quartier's demand on each day, given the services it is home to.
    std::array<int, weekdays> quartier_demand(const std::vector<int>& home, int quartier) const {
        std::array<int, weekdays> out{};
        for (int d = 0; d < weekdays; ++d) {
            std::vector<double> people;
            for (std::size_t s = 0; s < home.size(); ++s)
                if (home[s] == quartier) {
                    auto& p = presence[s][static_cast<std::size_t>(d)];
                    people.insert(people.end(), p.begin(), p.end());
                }
            out[static_cast<std::size_t>(d)] = quantile(people);
        }
        return out;
    }

    // Judges an allocation whose quartiers' daily demand is known.
    QuartierAllocation judge(const std::vector<int>& home, const std::vector<std::array<int, weekdays>>& demand) const {
        QuartierAllocation a;
        auto q = problem.quartiers.size();
        a.quartiers.resize(q);
        a.least_slack = std::numeric_limits<int>::max();
        for (std::size_t i = 0; i < q; ++i) {
            auto& o = a.quartiers[i];
            o.demand = demand[i];
            o.worst_demand = *std::max_element(o.demand.begin(), o.demand.end());
            o.slack = problem.quartiers[i].desks - o.worst_demand;
            a.least_slack = std::min(a.least_slack, o.slack);
        }
        for (int d = 0; d < weekdays; ++d) {
            std::vector<int> day(q);
            for (std::size_t i = 0; i < q; ++i) day[i] = demand[i][static_cast<std::size_t>(d)];
            auto flow = seat_excess(problem, touching, day);
            for (std::size_t i = 0; i < q; ++i) {
                a.quartiers[i].sent[static_cast<std::size_t>(d)] = flow.sent[i];
                a.quartiers[i].received[static_cast<std::size_t>(d)] = flow.received[i];
            }
            a.unseated[static_cast<std::size_t>(d)] = flow.unseated;
            a.cross_floor[static_cast<std::size_t>(d)] = flow.cross_floor;
        }
        a.worst_unseated = *std::max_element(a.unseated.begin(), a.unseated.end());
        a.worst_cross_floor = *std::max_element(a.cross_floor.begin(), a.cross_floor.end());
        for (std::size_t s = 0; s < home.size(); ++s)
            a.services.push_back({home[s], service_worst[s],
                                  service_worst[s] <= problem.quartiers[static_cast<std::size_t>(home[s])].desks});
        return a;
    }

    QuartierAllocation evaluate(const std::vector<int>& home) const {
        std::vector<std::array<int, weekdays>> demand;
        for (std::size_t i = 0; i < problem.quartiers.size(); ++i) demand.push_back(quartier_demand(home, static_cast<int>(i)));
        return judge(home, demand);
    }
};

// The order of judgement: fewer unseated, fewer across floors, more slack; then, between
// allocations equal on those, fewer unseated and across floors over the whole week.
auto rank(const QuartierAllocation& a) {
    auto sum = [](const std::array<int, weekdays>& x) { return std::accumulate(x.begin(), x.end(), 0); };
    return std::tuple(a.worst_unseated, a.worst_cross_floor, -a.least_slack, sum(a.unseated), sum(a.cross_floor));
}

// Every allocation, when there are at most this many.
constexpr double enumerated_allocations = 20'000;

Result<void> check(const QuartierProblem& p) {
    if (!(p.level > 0.0 && p.level <= 1.0)) return fail(errors::invalid_field("level", "un nombre dans ]0, 1]"));
    if (p.quartiers.empty()) return fail(errors::invalid_field("quartiers", "au moins un quartier"));
    for (std::size_t i = 0; i < p.quartiers.size(); ++i) {
        auto field = "quartiers[" + std::to_string(i) + "]";
        if (p.quartiers[i].desks < 0) return fail(errors::invalid_field(field + ".desks", "un nombre de postes positif ou nul"));
        for (int j : p.quartiers[i].touches)
            if (j < 0 || static_cast<std::size_t>(j) >= p.quartiers.size() || static_cast<std::size_t>(j) == i)
                return fail(errors::invalid_field(field + ".touches", "d'autres quartiers de la liste"));
    }
    for (std::size_t s = 0; s < p.services.size(); ++s)
        for (auto& g : p.services[s].members) {
            auto field = "services[" + std::to_string(s) + "]";
            if (g.residents < 0) return fail(errors::invalid_field(field + ".residents", "un nombre positif ou nul"));
            if (auto w = ResidentWeek::of_pattern(g.pattern, p.services[s].team_days); !w) return fail(w.error());
        }
    return {};
}

}  // namespace

Result<QuartierAllocation> evaluate_quartiers(const QuartierProblem& problem, const std::vector<int>& home) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    if (home.size() != problem.services.size())
        return fail(errors::invalid_field("home", "un quartier par service"));
    for (int q : home)
        if (q < 0 || static_cast<std::size_t>(q) >= problem.quartiers.size())
            return fail(errors::invalid_field("home", "des quartiers de la liste"));
    return Model(problem).evaluate(home);
}

Result<QuartierAllocation> allocate_quartiers(const QuartierProblem& problem) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    Model model(problem);
    auto n = problem.services.size();
    auto q = static_cast<int>(problem.quartiers.size());
    if (std::pow(q, static_cast<double>(n)) <= enumerated_allocations) {
        std::vector<int> home(n, 0);
        auto best = model.evaluate(home);
        while (true) {  // the next allocation, counting in base q
            std::size_t s = 0;
            while (s < n && ++home[s] == q) home[s++] = 0;
            if (s == n) break;
            auto a = model.evaluate(home);
            if (rank(a) < rank(best)) best = std::move(a);
        }
        best.proven_best = true;
        return best;
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> size(n, 0);
    for (std::size_t s = 0; s < n; ++s)
        for (double p : model.presence[s][0]) size[s] += p;  // Monday's mean: the order only
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return size[a] > size[b]; });

    // Placed largest first where the allocation of the services placed so far is judged best
    // (those not yet placed wait in quartier −1, which the judgement skips).
    std::vector<int> home(n, -1);
    std::vector<std::array<int, weekdays>> demand(static_cast<std::size_t>(q), std::array<int, weekdays>{});
    auto placed_rank = [&](const std::vector<int>& h, const std::vector<std::array<int, weekdays>>& dem) {
        std::vector<int> known;
        for (int x : h) known.push_back(std::max(x, 0));
        return rank(model.judge(known, dem));
    };
    for (auto s : order) {
        int best = 0;
        decltype(rank(QuartierAllocation{})) best_rank{};
        for (int target = 0; target < q; ++target) {
            home[s] = target;
            auto trial = demand;
            trial[static_cast<std::size_t>(target)] = model.quartier_demand(home, target);
            auto r = placed_rank(home, trial);
            if (target == 0 || r < best_rank) best = target, best_rank = r;
        }
        home[s] = best;
        demand[static_cast<std::size_t>(best)] = model.quartier_demand(home, best);
    }
    auto current = model.judge(home, demand);
    // Moves and exchanges while one improves the judgement.
    auto try_homes = [&](std::vector<int> trial, std::initializer_list<int> changed) {
        auto trial_demand = demand;
        for (int quartier : changed) trial_demand[static_cast<std::size_t>(quartier)] = model.quartier_demand(trial, quartier);
        auto judged = model.judge(trial, trial_demand);
        if (!(rank(judged) < rank(current))) return false;
        home = std::move(trial), demand = std::move(trial_demand), current = std::move(judged);
        return true;
    };
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t s = 0; s < n; ++s)
            for (int target = 0; target < q; ++target) {
                if (target == home[s]) continue;
                auto trial = home;
                int from = trial[s];
                trial[s] = target;
                moved = try_homes(std::move(trial), {from, target}) || moved;
            }
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t t = s + 1; t < n; ++t) {
                if (home[s] == home[t]) continue;
                auto trial = home;
                std::swap(trial[s], trial[t]);
                moved = try_homes(std::move(trial), {home[s], home[t]}) || moved;
            }
    }
    return current;
}

}  // namespace escale::planning
