// SPDX-License-Identifier: EUPL-1.2
#include "planning/team_days.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include <boost/math/distributions/normal.hpp>

#include "core/errors.hpp"
#include "planning/mean_load_programme.hpp"
#include "planning/quantile_bound.hpp"

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
    // Mean and variance of each service's members present, per choice and day, for the
    // search at a region's scale and the moment bound.
    std::vector<std::vector<std::array<double, weekdays>>> mean, variance;  // [service][choice][day]
    double r = 0;  // the largest p² + (1 − p)² of anyone uncertain (quantile_bound.hpp)
    int moment_bound = 0;  // set by the search at a region's scale

    // `search_bounds`: the bounds of every depth of the exact search (only the root's
    // otherwise, which is all the search at a region's scale needs).
    Model(const TeamDayProblem& p, bool search_bounds) : problem(p) {
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
        mean.resize(n);
        variance.resize(n);
        for (std::size_t s = 0; s < n; ++s) {
            auto& svc = p.services[s];
            WeekMask allowed = mask_of(svc.allowed);
            for (unsigned m = 0; m < week_masks; ++m)
                if (std::popcount(m) == svc.team_days && (m & ~unsigned{allowed}) == 0) {
                    choices[s].push_back(static_cast<WeekMask>(m));
                    std::array<Pmf, weekdays> by_day;
                    for (int d = 0; d < weekdays; ++d) by_day[static_cast<std::size_t>(d)] = service_day(svc, static_cast<WeekMask>(m), d);
                    day[s].push_back(std::move(by_day));
                    add_moments(s, static_cast<WeekMask>(m));
                }
        }
        rest.assign(n + 1, {});
        for (auto& r : rest[n]) r = Pmf{1.0};
        for (std::size_t depth = n; depth-- > 0;) {
            // Without the search's bounds, only the root's sum: every service's least presence.
            std::size_t from = search_bounds ? depth + 1 : n;
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
                rest[search_bounds ? depth : n][static_cast<std::size_t>(d)] =
                    convolve(least, rest[from][static_cast<std::size_t>(d)]);
            }
        }
        if (!search_bounds) std::swap(rest[0], rest[n]);
        rest_tail.resize(n + 1);
        for (std::size_t depth = 0; depth <= (search_bounds ? n : 0); ++depth)
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

    // The least variance any plan's day can have: Σ over services of their least variance
    // that day, the least over the days.
    double least_daily_variance() const {
        double least = std::numeric_limits<double>::infinity();
        for (int d = 0; d < weekdays; ++d) {
            double v = 0;
            for (auto& by_choice : variance) {
                double lowest = std::numeric_limits<double>::infinity();
                for (auto& c : by_choice) lowest = std::min(lowest, c[static_cast<std::size_t>(d)]);
                if (!by_choice.empty()) v += lowest;
            }
            least = std::min(least, v);
        }
        return least;
    }

    void add_moments(std::size_t s, WeekMask m) {
        std::array<double, weekdays> mu{}, var{};
        for (auto& g : problem.services[s].members) {
            auto presence = ResidentWeek::of_pattern(g.pattern, days_of(m))->daily_presence();
            for (int d = 0; d < weekdays; ++d) {
                double q = presence[static_cast<std::size_t>(d)];
                mu[static_cast<std::size_t>(d)] += g.residents * q;
                var[static_cast<std::size_t>(d)] += g.residents * q * (1 - q);
                if (g.residents > 0 && q > 0 && q < 1) r = std::max(r, q * q + (1 - q) * (1 - q));
            }
        }
        mean[s].push_back(mu);
        variance[s].push_back(var);
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
    plan.lower_bound = std::max(model.moment_bound, bound(model, [] {
        std::array<Pmf, weekdays> empty;
        for (auto& e : empty) e = Pmf{1.0};
        return empty;
    }(), 0).peak);
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

// The search at a region's scale, where convolving exact laws at every step would be too
// slow. It starts from the plan of the mean-load programme (mean_load_programme.hpp), whose
// proven bound on the busiest day's mean gives, with the least daily variance, the model's
// moment bound on the P95 (quantile_bound.hpp). Then single moves and exchanges while they
// lower the peak of the normal approximation μ + z·σ of each day (z the normal quantile of
// the level), which moves in constant time when one service changes its days. The caller
// judges the result exactly. Empty when the programme found no plan.
std::vector<WeekMask> search_at_scale(Model& model) {
    auto n = model.problem.services.size();
    auto programme = solve_mean_load({model.choices, model.mean, model.problem.pairs});
    if (!programme.feasible) return {};
    // A little below CBC's bound, so that its tolerances cannot lift ours.
    model.moment_bound = quantile_lower_bound(programme.lower_bound * (1 - 1e-6) - 1e-6,
                                              model.least_daily_variance() * (1 - 1e-9), model.problem.level, model.r);
    double z = boost::math::quantile(boost::math::normal(), std::min(model.problem.level, 1 - 1e-9));
    std::array<double, weekdays> mu{}, var{};
    auto score = [&](const std::array<double, weekdays>& m, const std::array<double, weekdays>& v) {
        std::pair<double, double> out{0, 0};  // (peak, Σ squares)
        for (int d = 0; d < weekdays; ++d) {
            double q = m[static_cast<std::size_t>(d)] + z * std::sqrt(v[static_cast<std::size_t>(d)]);
            out.first = std::max(out.first, q);
            out.second += q * q;
        }
        return out;
    };
    auto better = [](std::pair<double, double> a, std::pair<double, double> b) {
        return a.first < b.first - 1e-9 || (a.first < b.first + 1e-9 && a.second < b.second - 1e-6);
    };
    auto shift = [&](std::array<double, weekdays>& m, std::array<double, weekdays>& v, std::size_t s, std::size_t c,
                     double sign) {
        for (int d = 0; d < weekdays; ++d) {
            m[static_cast<std::size_t>(d)] += sign * model.mean[s][c][static_cast<std::size_t>(d)];
            v[static_cast<std::size_t>(d)] += sign * model.variance[s][c][static_cast<std::size_t>(d)];
        }
    };
    std::vector<WeekMask> plan(n);
    std::vector<std::size_t> index = programme.choice;  // the choice index of plan[s]
    for (std::size_t s = 0; s < n; ++s) {
        plan[s] = model.choices[s][index[s]];
        shift(mu, var, s, index[s], 1);
    }
    auto keeps_rules = [&](std::size_t s) {
        for (auto& r : model.problem.pairs)
            if (static_cast<std::size_t>(r.a) == s || static_cast<std::size_t>(r.b) == s)
                if (((plan[static_cast<std::size_t>(r.a)] & plan[static_cast<std::size_t>(r.b)]) != 0) != r.together) return false;
        return true;
    };
    auto choice_of = [&](std::size_t s, WeekMask m) -> std::optional<std::size_t> {
        auto& c = model.choices[s];
        auto it = std::find(c.begin(), c.end(), m);
        if (it == c.end()) return std::nullopt;
        return static_cast<std::size_t>(it - c.begin());
    };
    auto current = score(mu, var);
    // Tries giving service s choice c (and t choice e): kept when the rules hold and it improves.
    auto try_change = [&](std::size_t s, std::size_t c, std::optional<std::pair<std::size_t, std::size_t>> other) {
        auto m = mu, v = var;
        shift(m, v, s, index[s], -1);
        shift(m, v, s, c, 1);
        if (other) {
            shift(m, v, other->first, index[other->first], -1);
            shift(m, v, other->first, other->second, 1);
        }
        auto sc = score(m, v);
        if (!better(sc, current)) return false;
        auto old_s = plan[s];
        auto old_t = other ? plan[other->first] : WeekMask{0};
        plan[s] = model.choices[s][c];
        if (other) plan[other->first] = model.choices[other->first][other->second];
        if (!keeps_rules(s) || (other && !keeps_rules(other->first))) {
            plan[s] = old_s;
            if (other) plan[other->first] = old_t;
            return false;
        }
        index[s] = c;
        if (other) index[other->first] = other->second;
        mu = m, var = v, current = sc;
        return true;
    };
    for (int round = 0; round < 100; ++round) {
        bool moved = false;
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t c = 0; c < model.choices[s].size(); ++c)
                if (c != index[s]) moved = try_change(s, c, std::nullopt) || moved;
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t t = s + 1; t < n; ++t) {
                if (plan[s] == plan[t]) continue;
                auto cs = choice_of(s, plan[t]), ct = choice_of(t, plan[s]);
                if (cs && ct) moved = try_change(s, *cs, std::pair{t, *ct}) || moved;
            }
        if (!moved) break;
    }
    return plan;
}

// Problems at least this large (in residents) are searched at a region's scale.
constexpr long region_scale_residents = 3000;

long residents_of(const TeamDayProblem& p) {
    long n = 0;
    for (auto& s : p.services)
        for (auto& g : s.members) n += g.residents;
    return n;
}

}  // namespace

Result<TeamDayPlan> plan_team_days_exact(const TeamDayProblem& problem, long node_limit) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    Model model(problem, true);
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
    bool at_scale = at_region_scale(problem);
    Model model(problem, !at_scale);
    std::vector<WeekMask> found;
    long nodes = 0;
    if (at_scale) found = search_at_scale(model);
    if (found.empty()) {  // a building's size, or rules the greedy placement could not keep
        Search greedy(model, std::numeric_limits<long>::max(), true);
        greedy.run();
        if (!greedy.found()) return fail(errors::no_feasible_plan());
        found = at_scale ? greedy.best() : improve(model, greedy.best());
        nodes = greedy.nodes();
    }
    auto plan = plan_of(model, found);
    plan.nodes = nodes;
    plan.proven_optimal = plan.peak == plan.lower_bound;
    return plan;
}

bool at_region_scale(const TeamDayProblem& problem) { return residents_of(problem) >= region_scale_residents; }

Result<TeamDayPlan> evaluate_team_days(const TeamDayProblem& problem, const std::vector<Weekdays>& team_days) {
    if (auto ok = check(problem); !ok) return fail(ok.error());
    if (team_days.size() != problem.services.size())
        return fail(errors::invalid_field("team_days", "un choix de jours par service"));
    Model model(problem, false);
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
