// SPDX-License-Identifier: EUPL-1.2
#include "http/scenario_body.hpp"

#include <cmath>
#include <map>

#include "core/errors.hpp"

namespace escale::http {
namespace {

planning::Weekdays weekdays_of(const std::vector<Weekday>& days) {
    planning::Weekdays out{};
    for (auto d : days) out[static_cast<std::size_t>(d)] = true;
    return out;
}

bool is_share(double x) { return x >= 0.0 && x <= 1.0; }  // NaN fails

}  // namespace

Result<planning::ResidentWeek> size_question_week(const SizeBody& b) {
    if (*b.residents < 0 || *b.residents > max_planned_residents)
        return fail(errors::invalid_field("residents", "un nombre de résidents entre 0 et 100 000"));
    if (*b.desks < 0) return fail(errors::invalid_field("desks", "un nombre de postes positif ou nul"));
    if (!(b.epsilon > 0.0 && b.epsilon < 1.0))
        return fail(errors::invalid_field("epsilon", "un risque strictement entre 0 et 1"));
    if (b.sub_m2 && !(*b.sub_m2 >= 0.0 && std::isfinite(*b.sub_m2)))
        return fail(errors::invalid_field("sub_m2", "une surface positive ou nulle"));
    if (b.simulate_weeks < 0 || b.simulate_weeks > 1'000'000)
        return fail(errors::invalid_field("simulate_weeks", "un nombre de semaines entre 0 et 1 000 000"));
    if (b.presence) {
        if (!is_share(*b.presence)) return fail(errors::invalid_field("presence", "une probabilité entre 0 et 1"));
        if (!b.telework_days.empty() || b.floating_days != 0 || !b.team_days.empty())
            return fail(errors::invalid_field("presence", "une présence seule, sans rythme de télétravail"));
        auto p = *b.presence;
        return planning::ResidentWeek::of_daily_presence({p, p, p, p, p});
    }
    return planning::ResidentWeek::of_pattern({.fixed_telework = weekdays_of(b.telework_days),
                                               .floating_telework_days = b.floating_days,
                                               .absence_rate = b.absence_rate,
                                               .fte = b.fte},
                                              weekdays_of(b.team_days));
}

Result<planning::Scenario> scenario_of(const ScenarioBody& b) {
    if (*b.site_id <= 0) return fail(errors::invalid_field("site_id", "l'identifiant d'un site"));
    if (b.services->size() > max_planned_services)
        return fail(errors::invalid_field("services", "une liste d'au plus 1 000 services"));
    if (b.quartiers.size() > max_planned_services)
        return fail(errors::invalid_field("quartiers", "une liste d'au plus 1 000 quartiers"));
    planning::Scenario s;
    s.desks = *b.desks;
    s.sub_m2 = b.sub_m2;
    s.epsilon = b.epsilon;
    s.level = b.level;
    for (auto& q : b.quartiers) s.quartiers.push_back({*q.name, *q.desks});
    std::map<std::string, int> index;
    long residents = 0;
    for (std::size_t i = 0; i < b.services->size(); ++i) {
        auto& in = (*b.services)[i];
        auto field = "services[" + std::to_string(i) + "]";
        planning::ScenarioService svc;
        svc.name = *in.name;
        svc.residents = *in.residents;
        if (svc.residents > max_planned_residents)
            return fail(errors::invalid_field(field + ".residents", "un nombre de résidents entre 0 et 100 000"));
        residents += std::max(svc.residents, 0);
        svc.team_days = in.team_days;
        if (in.allowed_days) svc.allowed = weekdays_of(*in.allowed_days);
        svc.quartier = in.quartier;
        bool pattern = in.telework_days || in.floating_days || in.absence_rate || in.fte;
        if (in.presence) {
            if (pattern)
                return fail(errors::invalid_field(field, "soit une présence mesurée, soit un rythme de télétravail"));
            if (in.presence->size() != planning::weekdays)
                return fail(errors::invalid_field(field + ".presence", "cinq probabilités entre 0 et 1"));
            planning::DailyPresence p{};
            std::copy(in.presence->begin(), in.presence->end(), p.begin());
            svc.measured = p;
        } else {
            svc.pattern = planning::TeleworkPattern{
                .fixed_telework = weekdays_of(in.telework_days.value_or(std::vector<Weekday>{})),
                .floating_telework_days = in.floating_days.value_or(0),
                .absence_rate = in.absence_rate.value_or(planning::default_absence_rate),
                .fte = in.fte.value_or(1.0)};
        }
        index.emplace(svc.name, static_cast<int>(i));
        s.services.push_back(std::move(svc));
    }
    if (residents > max_planned_residents)
        return fail(errors::invalid_field("services", "des services de 100 000 résidents au plus en tout"));
    for (std::size_t i = 0; i < b.pairs.size(); ++i) {
        auto& pair = b.pairs[i];
        auto a = index.find(*pair.a), c = index.find(*pair.b);
        auto field = "pairs[" + std::to_string(i) + "]";
        if (a == index.end()) return fail(errors::invalid_field(field + ".a", "le nom d'un service de la liste"));
        if (c == index.end()) return fail(errors::invalid_field(field + ".b", "le nom d'un service de la liste"));
        s.pairs.push_back({.a = a->second, .b = c->second, .together = pair.together});
    }
    return s;
}

}  // namespace escale::http
