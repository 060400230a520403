// SPDX-License-Identifier: EUPL-1.2
#include "planning/team_days.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <numeric>

#include "core/errors.hpp"

namespace escale::planning {
namespace {

using Pmf = std::vector<double>;  // P(N = k), k = 0..size-1

Pmf convolve(const Pmf& a, const Pmf& b) {
    Pmf out(a.size() + b.size() - 1, 0.0);
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != 0.0)
            for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
    return out;
}

// P(Y > m) for m = 0..size-1 (P(Y > m) = 1 for m < 0), summed from above.
std::vector<double> tail_of(const Pmf& y) {
    std::vector<double> tail(y.size(), 0.0);
    double above = 0.0;
    for (std::size_t m = y.size(); m-- > 1;) tail[m - 1] = std::min(above += y[m], 1.0);
    return tail;
}

// The smallest k with P(X + Y > k) <= 1 - level, X and Y independent, without forming X + Y.
int quantile_of_sum(const Pmf& x, const std::vector<double>& y_tail, double level) {
    double allowed = 1.0 - level;
    auto tail = [&](int k) {  // P(X + Y > k) = Σ_j P(X = j) P(Y > k - j)
        double sum = 0.0;
        for (std::size_t j = 0; j < x.size(); ++j) {
            long m = k - static_cast<long>(j);
            sum += x[j] * (m < 0 ? 1.0 : static_cast<std::size_t>(m) < y_tail.size() ? y_tail[static_cast<std::size_t>(m)] : 0.0);
        }
        return sum;
    };
    int lo = 0, hi = static_cast<int>(x.size() + y_tail.size()) - 2;  // P(X + Y > hi) = 0
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (tail(mid) <= allowed) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

double mean_of(const Pmf& p) {
    double m = 0;
    for (std::size_t k = 0; k < p.size(); ++k) m += static_cast<double>(k) * p[k];
    return m;
}

WeekMask mask_of(const Weekdays& days) {
    WeekMask m = 0;
    for (int d = 0; d < weekdays; ++d)
        if (days[static_cast<std::size_t>(d)]) m = static_cast<WeekMask>(m | (1u << d));
    return m;
}

Weekdays days_of(WeekMask m) {
    Weekdays days{};
    for (int d = 0; d < weekdays; ++d) days[static_cast<std::size_t>(d)] = (m >> d) & 1u;
    return days;
}

// The distribution of a service's members present on one day, given its team days.
Pmf service_day(const ServiceTeam& s, WeekMask team, int day) {
    Pmf pmf{1.0};
    for (auto& g : s.members) {
        double p = ResidentWeek::of_pattern(g.pattern, days_of(team))->daily_presence()[static_cast<std::size_t>(day)];
        for (int i = 0; i < g.residents; ++i) {
            pmf.push_back(0.0);
            for (std::size_t k = pmf.size() - 1; k > 0; --k) pmf[k] = pmf[k] * (1 - p) + pmf[k - 1] * p;
            pmf[0] *= 1 - p;
        }
    }
    return pmf;
}

// Everything the searches need, computed once: each service's choices of team days and, for
// each choice and day, the distribution of its members present; for the bound, each day's
// least presence of every service and of every suffix of the search order.
struct Model {
    const TeamDayProblem& problem;
    std::vector<int> order;                                  // services, largest first
    std::vector<std::vector<WeekMask>> choices;              // per service
    std::vector<std::vector<std::array<Pmf, weekdays>>> day; // [service][choice][day]
    std::vector<std::array<Pmf, weekdays>> rest;             // [depth]: least presence of order[depth..]
    std::vector<std::array<std::vector<double>, weekdays>> rest_tail;  // its tails (tail_of)
    std::vector<std::vector<const PairRule*>> rules;         // [service]: rules with services placed before it

    explicit Model(const TeamDayProblem& p) : problem(p) {
        auto n = p.services.size();
        order.resize(n);
        std::iota(order.begin(), order.end(), 0);
        auto size = [&](int s) {
            int total = 0;
            for (auto& g : p.services[static_cast<std::size_t>(s)].members) total += g.residents;
            return total;
        };
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return size(a) > size(b); });
        choices.resize(n);
        day.resize(n);
        for (std::size_t s = 0; s < n; ++s) {
            auto& svc = p.services[s];
            WeekMask allowed = mask_of(svc.allowed);
            for (unsigned m = 0; m < week_masks; ++m)
                if (std::popcount(m) == svc.team_days && (m & ~unsigned{allowed}) == 0) {
                    choices[s].push_back(static_cast<WeekMask>(m));
                    std::array<Pmf, weekdays> by_day;
                    for (int d = 0; d < weekdays; ++d) by_day[static_cast<std::size_t>(d)] = service_day(svc, static_cast<WeekMask>(m), d);
                    day[s].push_back(std::move(by_day));
                }
        }
        rest.assign(n + 1, {});
        for (auto& r : rest[n]) r = Pmf{1.0};
        for (std::size_t depth = n; depth-- > 0;) {
            auto s = static_cast<std::size_t>(order[depth]);
            for (int d = 0; d < weekdays; ++d) {
                // Each member at their least presence over the service's choices.
                Pmf least{1.0};
                for (auto& g : p.services[s].members) {
                    double p_min = 1.0;
                    for (auto m : choices[s])
                        p_min = std::min(p_min, ResidentWeek::of_pattern(g.pattern, days_of(m))->daily_presence()[static_cast<std::size_t>(d)]);
                    for (int i = 0; i < g.residents; ++i) {
                        least.push_back(0.0);
                        for (std::size_t k = least.size() - 1; k > 0; --k) least[k] = least[k] * (1 - p_min) + least[k - 1] * p_min;
                        least[0] *= 1 - p_min;
                    }
                }
                rest[depth][static_cast<std::size_t>(d)] = convolve(least, rest[depth + 1][static_cast<std::size_t>(d)]);
            }
        }
        rest_tail.resize(n + 1);
        for (std::size_t depth = 0; depth <= n; ++depth)
            for (int d = 0; d < weekdays; ++d)
                rest_tail[depth][static_cast<std::size_t>(d)] = tail_of(rest[depth][static_cast<std::size_t>(d)]);
        rules.resize(n);
        std::vector<std::size_t> position(n);
        for (std::size_t i = 0; i < n; ++i) position[static_cast<std::size_t>(order[i])] = i;
        for (auto& r : p.pairs) {
            auto later = position[static_cast<std::size_t>(r.a)] > position[static_cast<std::size_t>(r.b)] ? r.a : r.b;
            rules[static_cast<std::size_t>(later)].push_back(&r);
        }
    }

    bool allowed_with(int s, WeekMask m, const std::vector<WeekMask>& chosen) const {
        for (auto* r : rules[static_cast<std::size_t>(s)]) {
            int other = r->a == s ? r->b : r->a;
            bool share = (m & chosen[static_cast<std::size_t>(other)]) != 0;
            if (share != r->together) return false;
        }
        return true;
    }
};

struct Score {
    int peak = std::numeric_limits<int>::max();
    long evenness = std::numeric_limits<long>::max();
    bool operator<(const Score& o) const { return peak != o.peak ? peak < o.peak : evenness < o.evenness; }
};

// The bound of a partial plan: the daily quantiles if every unplaced service brought its
// least presence; `partial` holds the placed services' demand per day.
Score bound(const Model& model, const std::array<Pmf, weekdays>& partial, std::size_t depth) {
    Score s{0, 0};
    for (int d = 0; d < weekdays; ++d) {
        int q = quantile_of_sum(partial[static_cast<std::size_t>(d)], model.rest_tail[depth][static_cast<std::size_t>(d)],
                                model.problem.level);
        s.peak = std::max(s.peak, q);
        s.evenness += static_cast<long>(q) * q;
    }
    return s;
}

TeamDayPlan plan_of(const Model& model, const std::vector<WeekMask>& chosen) {
    TeamDayPlan plan;
    std::array<Pmf, weekdays> total;
    for (auto& t : total) t = Pmf{1.0};
    for (std::size_t s = 0; s < chosen.size(); ++s) {
        auto& c = model.choices[s];
        auto i = static_cast<std::size_t>(std::find(c.begin(), c.end(), chosen[s]) - c.begin());
        for (int d = 0; d < weekdays; ++d)
            total[static_cast<std::size_t>(d)] = convolve(total[static_cast<std::size_t>(d)], model.day[s][i][static_cast<std::size_t>(d)]);
        plan.team_days.push_back(days_of(chosen[s]));
    }
    for (int d = 0; d < weekdays; ++d) {
        auto& t = total[static_cast<std::size_t>(d)];
        int q = quantile_of_sum(t, tail_of(Pmf{1.0}), model.problem.level);
        plan.quantile[static_cast<std::size_t>(d)] = q;
        plan.mean[static_cast<std::size_t>(d)] = mean_of(t);
        plan.peak = std::max(plan.peak, q);
        plan.evenness += static_cast<long>(q) * q;
    }
    plan.lower_bound = bound(model, [] {
        std::array<Pmf, weekdays> empty;
        for (auto& e : empty) e = Pmf{1.0};
        return empty;
    }(), 0).peak;
    return plan;
}

// Depth-first branch and bound; children tried best bound first. The first dive is the
// greedy plan.
class Search {
public:
    Search(const Model& model, long node_limit, bool first_dive_only)
        : model_(model), limit_(node_limit), dive_only_(first_dive_only),
          chosen_(model.problem.services.size(), 0) {}

    void run() {
        std::array<Pmf, weekdays> partial;
        for (auto& p : partial) p = Pmf{1.0};
        visit(0, partial);
    }
    bool found() const { return best_.peak != std::numeric_limits<int>::max(); }
    bool complete() const { return !stopped_; }
    const std::vector<WeekMask>& best() const { return best_plan_; }
    long nodes() const { return nodes_; }
    void set_incumbent(const std::vector<WeekMask>& plan, Score score) {
        best_plan_ = plan;
        best_ = score;
    }

private:
    void visit(std::size_t depth, const std::array<Pmf, weekdays>& partial) {
        ++nodes_;
        if (depth == model_.order.size()) {
            Score s = bound(model_, partial, depth);  // nothing left: the exact score
            if (s < best_) {
                best_ = s;
                best_plan_ = chosen_;
            }
            return;
        }
        int s = model_.order[depth];
        auto su = static_cast<std::size_t>(s);
        struct Child {
            std::size_t choice;
            Score bound;
            std::array<Pmf, weekdays> partial;
        };
        std::vector<Child> children;
        for (std::size_t c = 0; c < model_.choices[su].size(); ++c) {
            if (!model_.allowed_with(s, model_.choices[su][c], chosen_)) continue;
            Child child{c, {}, {}};
            for (int d = 0; d < weekdays; ++d)
                child.partial[static_cast<std::size_t>(d)] =
                    convolve(partial[static_cast<std::size_t>(d)], model_.day[su][c][static_cast<std::size_t>(d)]);
            child.bound = bound(model_, child.partial, depth + 1);
            children.push_back(std::move(child));
        }
        std::stable_sort(children.begin(), children.end(), [](auto& a, auto& b) { return a.bound < b.bound; });
        for (auto& child : children) {
            if (!(child.bound < best_)) break;  // sorted: no later child does better
            if (nodes_ >= limit_) {
                stopped_ = true;
                return;
            }
            chosen_[su] = model_.choices[su][child.choice];
            visit(depth + 1, child.partial);
            if (dive_only_ && found()) return;
        }
    }

    const Model& model_;
    long limit_;
    bool dive_only_;
    std::vector<WeekMask> chosen_;
    std::vector<WeekMask> best_plan_;
    Score best_;
    long nodes_ = 0;
    bool stopped_ = false;
};

Result<void> check(const TeamDayProblem& p) {
    if (!(p.level > 0.0 && p.level <= 1.0)) return fail(errors::invalid_field("level", "un nombre dans ]0, 1]"));
    for (std::size_t s = 0; s < p.services.size(); ++s) {
        auto& svc = p.services[s];
        auto field = "services[" + std::to_string(s) + "]";
        int allowed = static_cast<int>(std::count(svc.allowed.begin(), svc.allowed.end(), true));
        if (svc.team_days < 0 || svc.team_days > allowed)
            return fail(errors::invalid_field(field + ".team_days", "un nombre de jours entre 0 et ses jours autorisés"));
        for (auto& g : svc.members) {
            if (g.residents < 0) return fail(errors::invalid_field(field + ".residents", "un nombre positif ou nul"));
            if (auto w = ResidentWeek::of_pattern(g.pattern); !w) return fail(w.error());
        }
    }
    for (auto& r : p.pairs)
        if (r.a < 0 || r.b < 0 || r.a == r.b || static_cast<std::size_t>(std::max(r.a, r.b)) >= p.services.size())
            return fail(errors::invalid_field("pairs", "deux services différents de la liste"));
    return {};
}

// Single moves (one service to another choice) and exchanges (two services swap their
// days) while one improves the plan.
std::vector<WeekMask> improve(const Model& model, std::vector<WeekMask> plan) {
    auto score = [&](const std::vector<WeekMask>& p) {
        auto t = plan_of(model, p);
        return Score{t.peak, t.evenness};
    };
    auto allowed = [&](const std::vector<WeekMask>& p, std::size_t s) {
        for (auto& r : model.problem.pairs)
            if (static_cast<std::size_t>(r.a) == s || static_cast<std::size_t>(r.b) == s) {
                bool share = (p[static_cast<std::size_t>(r.a)] & p[static_cast<std::size_t>(r.b)]) != 0;
                if (share != r.together) return false;
            }
        return true;
    };
    Score current = score(plan);
    auto try_plan = [&](std::vector<WeekMask> trial, std::initializer_list<std::size_t> changed) {
        for (auto s : changed) {
            auto& c = model.choices[s];
            if (std::find(c.begin(), c.end(), trial[s]) == c.end() || !allowed(trial, s)) return false;
        }
        auto t = score(trial);
        if (!(t < current)) return false;
        current = t;
        plan = std::move(trial);
        return true;
    };
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t s = 0; s < plan.size(); ++s)
            for (auto m : model.choices[s]) {
                if (m == plan[s]) continue;
                auto trial = plan;
                trial[s] = m;
                moved = try_plan(std::move(trial), {s}) || moved;
            }
        // Two services exchanging their days: a move no single change reaches when both
        // days are already the peak.
        for (std::size_t s = 0; s < plan.size(); ++s)
            for (std::size_t t = s + 1; t < plan.size(); ++t) {
                if (plan[s] == plan[t]) continue;
                auto trial = plan;
                std::swap(trial[s], trial[t]);
                moved = try_plan(std::move(trial), {s, t}) || moved;
            }
    }
    return plan;
}

}  // namespace

Result<TeamDayPlan> plan_team_days_exact(const TeamDayProblem& problem, long node_limit) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    Model model(problem);
    Search greedy(model, node_limit, true);
    greedy.run();
    // The dive goes on, depth first, until it reaches a plan: without one, no plan
    // respects the rules (or none was met within the node limit).
    if (!greedy.found()) return fail(errors::no_feasible_plan());
    auto start = improve(model, greedy.best());
    auto start_plan = plan_of(model, start);
    Search search(model, node_limit, false);
    search.set_incumbent(start, {start_plan.peak, start_plan.evenness});
    search.run();
    auto plan = plan_of(model, search.best());
    plan.proven_optimal = search.complete();
    plan.nodes = search.nodes() + greedy.nodes();
    if (plan.proven_optimal) plan.lower_bound = plan.peak;
    return plan;
}

Result<TeamDayPlan> plan_team_days_heuristic(const TeamDayProblem& problem) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    Model model(problem);
    Search greedy(model, std::numeric_limits<long>::max(), true);
    greedy.run();
    if (!greedy.found()) return fail(errors::no_feasible_plan());
    auto plan = plan_of(model, improve(model, greedy.best()));
    plan.nodes = greedy.nodes();
    plan.proven_optimal = plan.peak == plan.lower_bound;
    return plan;
}

Result<TeamDayPlan> evaluate_team_days(const TeamDayProblem& problem, const std::vector<Weekdays>& team_days) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    if (team_days.size() != problem.services.size())
        return fail(errors::invalid_field("team_days", "un choix de jours par service"));
    Model model(problem);
    std::vector<WeekMask> chosen;
    for (std::size_t s = 0; s < team_days.size(); ++s) {
        auto m = mask_of(team_days[s]);
        auto& c = model.choices[s];
        if (std::find(c.begin(), c.end(), m) == c.end())
            return fail(errors::invalid_field("team_days", "des jours autorisés, en nombre voulu pour chaque service"));
        chosen.push_back(m);
    }
    return plan_of(model, chosen);
}

}  // namespace escale::planning
