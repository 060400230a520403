// SPDX-License-Identifier: EUPL-1.2
#include "http/planning_body.hpp"

#include <map>

#include "core/errors.hpp"

namespace escale::http {
namespace {

planning::Weekdays weekdays_of(const std::vector<Weekday>& days) {
    planning::Weekdays out{};
    for (auto d : days) out[static_cast<std::size_t>(d)] = true;
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
        for (std::size_t g = 0; g < s.members->size(); ++g) {
            auto& m = (*s.members)[g];
            auto member = field + ".members[" + std::to_string(g) + "]";
            if (*m.residents < 0 || *m.residents > max_planned_residents)
                return fail(errors::invalid_field(member + ".residents", "un nombre de résidents entre 0 et 100 000"));
            residents += *m.residents;
            planning::TeleworkPattern pattern{.fixed_telework = weekdays_of(m.telework_days),
                                              .floating_telework_days = m.floating_days,
                                              .absence_rate = m.absence_rate,
                                              .fte = m.fte};
            if (auto w = planning::ResidentWeek::of_pattern(pattern); !w) {
                auto e = w.error();
                e.message = "Dans « " + member + " » : " + e.message;
                return fail(std::move(e));
            }
            team.members.push_back({pattern, *m.residents});
        }
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

}  // namespace escale::http
