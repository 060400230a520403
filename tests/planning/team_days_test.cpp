// SPDX-License-Identifier: EUPL-1.2
// The team-day planner (planning/team_days.hpp): the exact search against every plan of
// instances small enough to enumerate, the heuristic never below the bound, the rules
// (allowed days, pairs together or apart, impossible rules) and refused figures.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <set>

#include "planning/team_days.hpp"

namespace escale::planning {
namespace {

ServiceTeam service(std::string name, int residents, TeleworkPattern pattern = {.floating_telework_days = 2},
                    int team_days = 1) {
    return {.name = std::move(name), .members = {{pattern, residents}}, .team_days = team_days};
}

Weekdays days_of(unsigned m) {
    Weekdays d{};
    for (int i = 0; i < weekdays; ++i) d[static_cast<std::size_t>(i)] = (m >> i) & 1u;
    return d;
}

// The best (peak, evenness) over every plan, by enumeration.
std::pair<int, long> best_by_enumeration(const TeamDayProblem& p) {
    std::vector<std::vector<Weekdays>> choices;
    for (auto& s : p.services) {
        choices.emplace_back();
        for (unsigned m = 0; m < 32; ++m) {
            auto d = days_of(m);
            int count = 0;
            bool ok = true;
            for (int i = 0; i < weekdays; ++i) {
                count += d[static_cast<std::size_t>(i)];
                ok = ok && (!d[static_cast<std::size_t>(i)] || s.allowed[static_cast<std::size_t>(i)]);
            }
            if (ok && count == s.team_days) choices.back().push_back(d);
        }
    }
    std::pair<int, long> best{1 << 30, 0};
    std::vector<Weekdays> plan(p.services.size());
    std::function<void(std::size_t)> walk = [&](std::size_t s) {
        if (s == plan.size()) {
            for (auto& r : p.pairs) {
                bool share = false;
                for (int i = 0; i < weekdays; ++i)
                    share = share || (plan[static_cast<std::size_t>(r.a)][static_cast<std::size_t>(i)] &&
                                      plan[static_cast<std::size_t>(r.b)][static_cast<std::size_t>(i)]);
                if (share != r.together) return;
            }
            auto e = evaluate_team_days(p, plan);
            EXPECT_TRUE(e);
            best = std::min(best, std::pair<int, long>{e->peak, e->evenness});
            return;
        }
        for (auto& c : choices[s]) {
            plan[s] = c;
            walk(s + 1);
        }
    };
    walk(0);
    return best;
}

TeamDayProblem small_site() {
    TeamDayProblem p;
    p.services = {service("A", 12), service("B", 9), service("C", 7, {.fixed_telework = {false, false, false, false, true}}),
                  service("D", 5, {.floating_telework_days = 1}, 2)};
    return p;
}

TEST(TeamDays, ExactSearchFindsTheBestPlanOfAnEnumerableSite) {
    auto p = small_site();
    auto exact = plan_team_days_exact(p);
    ASSERT_TRUE(exact) << exact.error().message;
    EXPECT_TRUE(exact->proven_optimal);
    auto best = best_by_enumeration(p);
    EXPECT_EQ(exact->peak, best.first);
    EXPECT_EQ(exact->evenness, best.second);
    EXPECT_EQ(exact->lower_bound, exact->peak);
    // Its figures are those of its own plan.
    auto again = evaluate_team_days(p, exact->team_days);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->quantile, exact->quantile);
}

TEST(TeamDays, HeuristicNeverBeatsTheBoundNorTheOptimum) {
    for (double level : {0.5, 0.95, 0.99}) {
        auto p = small_site();
        p.level = level;
        auto h = plan_team_days_heuristic(p);
        auto exact = plan_team_days_exact(p);
        ASSERT_TRUE(h && exact);
        EXPECT_GE(h->peak, h->lower_bound);
        EXPECT_GE(std::pair(h->peak, h->evenness), std::pair(exact->peak, exact->evenness));
        EXPECT_EQ(exact->peak, best_by_enumeration(p).first) << "level " << level;
    }
}

// Services of 20 to 80 people, various patterns and allowed days: large enough for the bound
// from the moments (quantile_bound.hpp) to speak, small enough to enumerate.
TeamDayProblem random_site(std::mt19937_64& rng, int services) {
    TeamDayProblem p;
    for (int s = 0; s < services; ++s) {
        TeleworkPattern pattern{.floating_telework_days = static_cast<int>(rng() % 3)};
        if (rng() % 3 == 0) pattern.fixed_telework[rng() % weekdays] = true;
        auto svc = service("S" + std::to_string(s), 20 + static_cast<int>(rng() % 61), pattern);
        if (rng() % 2 == 0) svc.allowed[rng() % weekdays] = false;
        p.services.push_back(svc);
    }
    return p;
}

TEST(TeamDays, TheBoundIsNeverAboveTheOptimum) {
    std::mt19937_64 rng(11);
    for (int trial = 0; trial < 6; ++trial) {
        auto p = random_site(rng, 3);
        p.level = trial % 3 == 0 ? 0.99 : 0.95;
        auto h = plan_team_days_heuristic(p);
        ASSERT_TRUE(h) << h.error().message;
        auto best = best_by_enumeration(p).first;
        EXPECT_LE(h->lower_bound, best) << "trial " << trial;
        EXPECT_GE(h->peak, best);
    }
}

// Two large services (3,100 residents, searched at a region's scale) have few enough plans to
// enumerate: the bound from the mean-load programme and the moments stays below the optimum.
TEST(TeamDays, AtARegionsScaleTheBoundIsNeverAboveTheOptimum) {
    TeamDayProblem p;
    p.services = {service("A", 1700, {.floating_telework_days = 2}),
                  service("B", 1400, {.fixed_telework = {false, false, false, false, true}, .floating_telework_days = 1})};
    p.services[1].allowed = {false, true, true, true, false};
    auto plan = plan_team_days_heuristic(p);
    ASSERT_TRUE(plan) << plan.error().message;
    auto best = best_by_enumeration(p).first;
    EXPECT_LE(plan->lower_bound, best);
    EXPECT_GE(plan->peak, best);
    EXPECT_GT(plan->lower_bound, best * 0.97);  // and it is not a trivial one
}

// A region: a hundred services, about 5,000 residents, searched at scale.
TEST(TeamDays, AtARegionsScaleThePlanKeepsTheRulesAndIsCloseToItsBound) {
    std::mt19937_64 rng(5);
    auto p = random_site(rng, 100);
    p.pairs = {{.a = 0, .b = 1, .together = true}, {.a = 2, .b = 3, .together = false},
               {.a = 1, .b = 4, .together = true}};
    auto plan = plan_team_days_heuristic(p);
    ASSERT_TRUE(plan) << plan.error().message;
    ASSERT_EQ(plan->team_days.size(), p.services.size());
    for (std::size_t s = 0; s < p.services.size(); ++s) {
        int count = 0;
        for (std::size_t d = 0; d < weekdays; ++d) {
            count += plan->team_days[s][d];
            EXPECT_TRUE(!plan->team_days[s][d] || p.services[s].allowed[d]) << "service " << s;
        }
        EXPECT_EQ(count, p.services[s].team_days);
    }
    auto share = [&](int a, int b) {
        for (std::size_t d = 0; d < weekdays; ++d)
            if (plan->team_days[static_cast<std::size_t>(a)][d] && plan->team_days[static_cast<std::size_t>(b)][d]) return true;
        return false;
    };
    EXPECT_TRUE(share(0, 1));
    EXPECT_FALSE(share(2, 3));
    EXPECT_TRUE(share(1, 4));
    // The figures are the exact ones of that plan, and within 1 % of what no plan can beat.
    auto again = evaluate_team_days(p, plan->team_days);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->peak, plan->peak);
    EXPECT_GE(plan->peak, plan->lower_bound);
    EXPECT_LE(plan->peak, plan->lower_bound * 1.01) << plan->peak << " against " << plan->lower_bound;
    // Everyone's team day on Tuesday (where allowed) is far worse.
    std::vector<Weekdays> tuesday;
    for (auto& s : p.services) tuesday.push_back(s.allowed[1] ? days_of(2) : days_of(s.allowed[2] ? 4 : 1));
    auto crowded = evaluate_team_days(p, tuesday);
    ASSERT_TRUE(crowded);
    EXPECT_GT(crowded->peak, plan->peak * 1.1);
}

TEST(TeamDays, EqualServicesSpreadOverTheWeek) {
    TeamDayProblem p;
    for (char c : std::string("ABCDE")) p.services.push_back(service(std::string(1, c), 10));
    auto plan = plan_team_days_exact(p);
    ASSERT_TRUE(plan);
    std::set<std::array<bool, weekdays>> distinct(plan->team_days.begin(), plan->team_days.end());
    EXPECT_EQ(distinct.size(), 5u) << "one service a day";
    // Everyone on the same day is worse.
    auto together = evaluate_team_days(p, std::vector<Weekdays>(5, days_of(2)));
    ASSERT_TRUE(together);
    EXPECT_GT(together->peak, plan->peak);
}

TEST(TeamDays, RulesAreKept) {
    auto p = small_site();
    p.services[0].allowed = {false, true, false, true, false};  // A: Tuesday or Thursday
    p.pairs = {{.a = 0, .b = 1, .together = true}, {.a = 2, .b = 0, .together = false}};
    auto plan = plan_team_days_exact(p);
    ASSERT_TRUE(plan) << plan.error().message;
    auto& a = plan->team_days[0];
    auto& b = plan->team_days[1];
    auto& c = plan->team_days[2];
    EXPECT_TRUE(a[1] || a[3]);
    EXPECT_FALSE(a[0] || a[2] || a[4]);
    bool ab = false, ac = false;
    for (std::size_t d = 0; d < weekdays; ++d) {
        ab = ab || (a[d] && b[d]);
        ac = ac || (a[d] && c[d]);
    }
    EXPECT_TRUE(ab);
    EXPECT_FALSE(ac);
    EXPECT_EQ(plan->peak, best_by_enumeration(p).first);
    auto h = plan_team_days_heuristic(p);
    ASSERT_TRUE(h);
    EXPECT_GE(h->peak, plan->peak);
}

TEST(TeamDays, ContradictoryRulesHaveNoPlan) {
    auto p = small_site();
    p.pairs = {{.a = 0, .b = 1, .together = true}, {.a = 1, .b = 0, .together = false}};
    auto plan = plan_team_days_exact(p);
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, "no_feasible_plan");
    EXPECT_EQ(plan_team_days_heuristic(p).error().code, "no_feasible_plan");
}

TEST(TeamDays, RefusesFiguresOutOfRange) {
    auto p = small_site();
    p.services[0].team_days = 6;
    EXPECT_EQ(plan_team_days_exact(p).error().code, "invalid_field");
    p = small_site();
    p.services[0].allowed = {true, false, false, false, false};
    p.services[0].team_days = 2;
    EXPECT_FALSE(plan_team_days_exact(p));
    p = small_site();
    p.pairs = {{.a = 0, .b = 9}};
    EXPECT_FALSE(plan_team_days_exact(p));
    p = small_site();
    p.level = 0;
    EXPECT_FALSE(plan_team_days_heuristic(p));
    p = small_site();
    p.services[1].members[0].pattern.absence_rate = 2;
    EXPECT_FALSE(plan_team_days_exact(p));
    EXPECT_FALSE(evaluate_team_days(small_site(), {}));
}

}  // namespace
}  // namespace escale::planning
