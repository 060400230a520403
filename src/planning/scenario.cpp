// SPDX-License-Identifier: EUPL-1.2
#include "planning/scenario.hpp"

#include <map>
#include <set>

#include "core/errors.hpp"

namespace escale::planning {
namespace {

bool is_share(double x) { return x >= 0.0 && x <= 1.0; }  // NaN fails

std::string at(std::size_t i) { return "services[" + std::to_string(i) + "]"; }

}  // namespace

Result<void> validate_scenario(const Scenario& s) {
    if (s.desks < 0) return fail(errors::invalid_field("desks", "un nombre de postes positif ou nul"));
    if (!(s.epsilon > 0.0 && s.epsilon < 1.0))
        return fail(errors::invalid_field("epsilon", "un risque strictement entre 0 et 1"));
    if (!(s.level > 0.0 && s.level <= 1.0)) return fail(errors::invalid_field("level", "un niveau dans ]0, 1]"));
    if (s.sub_m2 && !(*s.sub_m2 >= 0.0 && *s.sub_m2 < 1e9))
        return fail(errors::invalid_field("sub_m2", "une surface positive ou nulle"));
    std::set<std::string> quartiers;
    long quartier_desks = 0;
    for (std::size_t q = 0; q < s.quartiers.size(); ++q) {
        auto field = "quartiers[" + std::to_string(q) + "]";
        if (s.quartiers[q].name.empty() || !quartiers.insert(s.quartiers[q].name).second)
            return fail(errors::invalid_field(field + ".name", "un nom non vide que nul autre quartier ne porte"));
        if (s.quartiers[q].desks < 0)
            return fail(errors::invalid_field(field + ".desks", "un nombre de postes positif ou nul"));
        quartier_desks += s.quartiers[q].desks;
    }
    if (quartier_desks > s.desks)
        return fail(errors::invalid_field("desks", "au moins autant de postes que les quartiers en comptent ensemble"));
    std::set<std::string> names;
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        auto& svc = s.services[i];
        if (svc.name.empty() || !names.insert(svc.name).second)
            return fail(errors::invalid_field(at(i) + ".name", "un nom non vide que nul autre service ne porte"));
        if (svc.residents < 0)
            return fail(errors::invalid_field(at(i) + ".residents", "un nombre de résidents positif ou nul"));
        if (svc.pattern.has_value() == svc.measured.has_value())
            return fail(errors::invalid_field(at(i), "soit un rythme de télétravail, soit une présence mesurée"));
        if (svc.measured)
            for (auto p : *svc.measured)
                if (!is_share(p))
                    return fail(errors::invalid_field(at(i) + ".presence", "cinq probabilités entre 0 et 1"));
        if (svc.measured && svc.team_days != 0)
            return fail(errors::invalid_field(at(i) + ".team_days",
                                              "0 : une présence mesurée contient déjà les habitudes du service"));
        if (svc.pattern)
            if (auto w = ResidentWeek::of_pattern(*svc.pattern); !w) return fail(w.error());
        if (svc.quartier && !quartiers.contains(*svc.quartier))
            return fail(errors::invalid_field(at(i) + ".quartier", "le nom d'un quartier du scénario"));
    }
    for (std::size_t p = 0; p < s.pairs.size(); ++p) {
        auto& pair = s.pairs[p];
        auto n = static_cast<int>(s.services.size());
        if (pair.a < 0 || pair.a >= n || pair.b < 0 || pair.b >= n || pair.a == pair.b)
            return fail(errors::invalid_field("pairs[" + std::to_string(p) + "]", "deux services différents du scénario"));
        if (s.services[static_cast<std::size_t>(pair.a)].measured || s.services[static_cast<std::size_t>(pair.b)].measured)
            return fail(errors::invalid_field("pairs[" + std::to_string(p) + "]",
                                              "deux services décrits par un rythme de télétravail"));
    }
    return {};
}

namespace {

// The team days of every service: planned among the services with a pattern when one of them
// asks for team days, none otherwise.
Result<void> plan_days(const Scenario& s, ScenarioResult& out) {
    out.team_days.assign(s.services.size(), Weekdays{});
    TeamDayProblem problem{.services = {}, .pairs = {}, .level = s.level};
    std::vector<int> index(s.services.size(), -1);  // scenario service → problem service
    bool asked = false;
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        auto& svc = s.services[i];
        if (!svc.pattern) continue;
        asked = asked || svc.team_days > 0;
        index[i] = static_cast<int>(problem.services.size());
        problem.services.push_back({.name = svc.name,
                                    .members = {{*svc.pattern, svc.residents}},
                                    .team_days = svc.team_days,
                                    .allowed = svc.allowed});
    }
    if (!asked) return {};
    for (auto& pair : s.pairs)
        problem.pairs.push_back({.a = index[static_cast<std::size_t>(pair.a)],
                                 .b = index[static_cast<std::size_t>(pair.b)],
                                 .together = pair.together});
    auto plan = plan_team_days_exact(problem, s.node_limit);
    if (!plan) return fail(plan.error());
    for (std::size_t i = 0; i < s.services.size(); ++i)
        if (index[i] >= 0) out.team_days[i] = plan->team_days[static_cast<std::size_t>(index[i])];
    out.team_days_planned = true;
    out.team_days_optimal = plan->proven_optimal;
    out.team_days_peak = plan->peak;
    out.team_days_lower_bound = plan->lower_bound;
    return {};
}

Result<PoolSizing> size_pool(const Scenario& s, const std::vector<ResidentWeek>& weeks, std::string name,
                             std::vector<int> services, int desks) {
    std::vector<ResidentWeek> residents;
    for (int i : services)
        residents.insert(residents.end(), static_cast<std::size_t>(s.services[static_cast<std::size_t>(i)].residents),
                         weeks[static_cast<std::size_t>(i)]);
    auto sized = size_desks(residents, desks, s.epsilon);
    if (!sized) return fail(sized.error());
    PoolSizing pool{.name = std::move(name), .services = std::move(services), .sizing = *sized, .slack = 0};
    pool.slack = desks - sized->desks_needed;
    return pool;
}

}  // namespace

Result<ScenarioResult> run_scenario(const Scenario& s, const std::function<void(double)>& progress) {
    auto tell = [&](double done) {
        if (progress) progress(done);
    };
    if (auto ok = validate_scenario(s); !ok) return fail(ok.error());
    ScenarioResult out;
    tell(0.05);
    if (auto planned = plan_days(s, out); !planned) return fail(planned.error());
    tell(0.6);

    std::vector<ResidentWeek> weeks;
    std::vector<int> all, shared;
    std::map<std::string, std::vector<int>> by_quartier;
    for (std::size_t i = 0; i < s.services.size(); ++i) {
        auto& svc = s.services[i];
        auto week = svc.pattern ? ResidentWeek::of_pattern(*svc.pattern, out.team_days[i])
                                : ResidentWeek::of_daily_presence(*svc.measured);
        if (!week) return fail(week.error());
        weeks.push_back(*week);
        out.residents += svc.residents;
        all.push_back(static_cast<int>(i));
        (svc.quartier ? by_quartier[*svc.quartier] : shared).push_back(static_cast<int>(i));
    }
    auto building = size_pool(s, weeks, "", all, s.desks);
    if (!building) return fail(building.error());
    out.building = std::move(*building);
    out.desks_needed_pooled = out.building.sizing.desks_needed;
    tell(0.7);

    int quartier_desks = 0;
    for (auto& q : s.quartiers) {
        auto pool = size_pool(s, weeks, q.name, by_quartier[q.name], q.desks);
        if (!pool) return fail(pool.error());
        quartier_desks += q.desks;
        out.desks_needed_separate += pool->sizing.desks_needed;
        out.quartiers.push_back(std::move(*pool));
    }
    if (!shared.empty() || s.quartiers.empty()) {
        auto pool = size_pool(s, weeks, "", shared, s.desks - quartier_desks);
        if (!pool) return fail(pool.error());
        out.desks_needed_separate += pool->sizing.desks_needed;
        out.shared = std::move(*pool);
    }
    if (s.sub_m2) out.surface = check_surface(*s.sub_m2, out.residents);
    tell(1.0);
    return out;
}

}  // namespace escale::planning
