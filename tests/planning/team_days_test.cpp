// SPDX-License-Identifier: EUPL-1.2
// The team-day planner (planning/team_days.hpp): the exact search against every plan of
// instances small enough to enumerate, the heuristic never below the bound, the rules
// (allowed days, pairs together or apart, impossible rules) and refused figures.
#include <gtest/gtest.h>

#include <functional>
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
