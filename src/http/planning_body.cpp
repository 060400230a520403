// SPDX-License-Identifier: EUPL-1.2
#include "http/planning_body.hpp"

#include <map>
#include <set>

#include "core/errors.hpp"

namespace escale::http {
namespace {

planning::Weekdays weekdays_of(const std::vector<Weekday>& days) {
    planning::Weekdays out{};
    for (auto d : days) out[static_cast<std::size_t>(d)] = true;
    return out;
}

// One group of members; `field` names it in errors. Adds its residents to `residents`.
Result<planning::MemberGroup> member_group(const MemberGroupBody& m, const std::string& field, long& residents) {
    if (*m.residents < 0 || *m.residents > max_planned_residents)
        return fail(errors::invalid_field(field + ".residents", "un nombre de résidents entre 0 et 100 000"));
    residents += *m.residents;
    planning::TeleworkPattern pattern{.fixed_telework = weekdays_of(m.telework_days),
                                      .floating_telework_days = m.floating_days,
                                      .absence_rate = m.absence_rate,
                                      .fte = m.fte};
    if (auto w = planning::ResidentWeek::of_pattern(pattern); !w) {
        auto e = w.error();
        e.message = "Dans « " + field + " » : " + e.message;
        return fail(std::move(e));
    }
    return planning::MemberGroup{pattern, *m.residents};
}

Result<std::vector<planning::MemberGroup>> member_groups(const std::vector<MemberGroupBody>& members,
                                                         const std::string& field, long& residents) {
    std::vector<planning::MemberGroup> out;
    for (std::size_t g = 0; g < members.size(); ++g) {
        auto group = member_group(members[g], field + ".members[" + std::to_string(g) + "]", residents);
        if (!group) return fail(group.error());
        out.push_back(*group);
    }
    return out;
}

}  // namespace

Result<planning::TeamDayProblem> team_day_problem(const TeamDaysBody& body) {
    if (body.services->size() > max_planned_services)
        return fail(errors::invalid_field("services", "une liste d'au plus 1 000 services"));
    if (body.desks && *body.desks < 0) return fail(errors::invalid_field("desks", "un nombre de postes positif ou nul"));
    planning::TeamDayProblem p;
    p.level = body.level;
    std::map<std::string, int> index;
    long residents = 0;
    for (std::size_t i = 0; i < body.services->size(); ++i) {
        auto& s = (*body.services)[i];
        auto field = "services[" + std::to_string(i) + "]";
        if (s.name->empty()) return fail(errors::invalid_field(field + ".name", "un nom non vide"));
        if (!index.emplace(*s.name, static_cast<int>(i)).second)
            return fail(errors::invalid_field(field + ".name", "un nom que nul autre service ne porte"));
        planning::ServiceTeam team{.name = *s.name, .members = {}, .team_days = s.team_days};
        if (s.allowed_days) team.allowed = weekdays_of(*s.allowed_days);
        auto members = member_groups(*s.members, field, residents);
        if (!members) return fail(members.error());
        team.members = std::move(*members);
        p.services.push_back(std::move(team));
    }
    if (residents > max_planned_residents)
        return fail(errors::invalid_field("services", "des services de 100 000 résidents au plus en tout"));
    for (std::size_t i = 0; i < body.pairs.size(); ++i) {
        auto& pair = body.pairs[i];
        auto a = index.find(*pair.a), b = index.find(*pair.b);
        auto field = "pairs[" + std::to_string(i) + "]";
        if (a == index.end()) return fail(errors::invalid_field(field + ".a", "le nom d'un service de la liste"));
        if (b == index.end()) return fail(errors::invalid_field(field + ".b", "le nom d'un service de la liste"));
        if (a->second == b->second) return fail(errors::invalid_field(field, "deux services différents"));
        p.pairs.push_back({.a = a->second, .b = b->second, .together = pair.together});
    }
    return p;
}

Result<planning::QuartierProblem> quartier_problem(const ZonesBody& body) {
    if (body.services->size() > max_planned_services)
        return fail(errors::invalid_field("services", "une liste d'au plus 1 000 services"));
    if (body.quartiers->size() > max_planned_quartiers)
        return fail(errors::invalid_field("quartiers", "une liste d'au plus 500 quartiers"));
    planning::QuartierProblem p;
    p.level = body.level;
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < body.quartiers->size(); ++i) {
        auto& q = (*body.quartiers)[i];
        auto field = "quartiers[" + std::to_string(i) + "]";
        if (q.name->empty()) return fail(errors::invalid_field(field + ".name", "un nom non vide"));
        if (!index.emplace(*q.name, static_cast<int>(i)).second)
            return fail(errors::invalid_field(field + ".name", "un nom que nul autre quartier ne porte"));
        p.quartiers.push_back({.name = *q.name, .floor = q.floor, .desks = *q.desks, .touches = {}});
    }
    for (std::size_t i = 0; i < body.quartiers->size(); ++i)
        for (auto& name : (*body.quartiers)[i].touches) {
            auto found = index.find(name);
            if (found == index.end() || found->second == static_cast<int>(i))
                return fail(errors::invalid_field("quartiers[" + std::to_string(i) + "].touches",
                                                  "les noms d'autres quartiers de la liste"));
            p.quartiers[i].touches.push_back(found->second);
        }
    std::set<std::string> names;
    long residents = 0;
    for (std::size_t i = 0; i < body.services->size(); ++i) {
        auto& s = (*body.services)[i];
        auto field = "services[" + std::to_string(i) + "]";
        if (s.name->empty() || !names.insert(*s.name).second)
            return fail(errors::invalid_field(field + ".name", "un nom non vide que nul autre service ne porte"));
        auto members = member_groups(*s.members, field, residents);
        if (!members) return fail(members.error());
        p.services.push_back({.name = *s.name, .members = std::move(*members), .team_days = weekdays_of(s.team_days)});
    }
    if (residents > max_planned_residents)
        return fail(errors::invalid_field("services", "des services de 100 000 résidents au plus en tout"));
    return p;
}

}  // namespace escale::http
