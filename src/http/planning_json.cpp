// SPDX-License-Identifier: EUPL-1.2
#include "http/planning_json.hpp"

#include "core/instant_text.hpp"

namespace escale::http {
namespace {

constexpr const char* weekday_keys[planning::weekdays] = {"monday", "tuesday", "wednesday", "thursday", "friday"};
constexpr const char* day_names[planning::weekdays] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi"};

json::array weekdays_json(const planning::Weekdays& days) {
    json::array out;
    for (int d = 0; d < planning::weekdays; ++d)
        if (days[static_cast<std::size_t>(d)]) out.emplace_back(weekday_keys[d]);
    return out;
}

json::array presence_json(const planning::DailyPresence& p) {
    json::array out;
    for (auto x : p) out.emplace_back(x);
    return out;
}

json::object estimate_json(const planning::Estimate& e) { return {{"value", e.value}, {"low", e.low}, {"high", e.high}}; }

json::array days_json(const planning::Sizing& s) {
    json::array days;
    for (int d = 0; d < planning::weekdays; ++d) {
        auto& day = s.days[static_cast<std::size_t>(d)];
        days.push_back(json::object{{"weekday", weekday_keys[d]},
                                    {"mean_demand", day.mean_demand},
                                    {"p95", day.p95},
                                    {"p99", day.p99},
                                    {"p_shortage", day.shortage_probability},
                                    {"expected_without_desk", day.expected_without_desk},
                                    {"desks_needed", day.desks_needed}});
    }
    return days;
}

json::object pool_json(const planning::Scenario& sc, const planning::PoolSizing& p) {
    json::array services;
    int residents = 0;
    for (int i : p.services) {
        services.emplace_back(sc.services[static_cast<std::size_t>(i)].name);
        residents += sc.services[static_cast<std::size_t>(i)].residents;
    }
    return {{"name", p.name},
            {"services", std::move(services)},
            {"residents", residents},
            {"desks", p.sizing.desks},
            {"desks_needed", p.sizing.desks_needed},
            {"slack", p.slack},
            {"p_shortage", p.sizing.shortage_probability},
            {"days", days_json(p.sizing)}};
}

// A number read from a stored answer at `path` (object keys), or nothing.
const json::value* at_path(const json::value& v, std::initializer_list<std::string_view> path) {
    const json::value* cur = &v;
    for (auto key : path) {
        if (!cur->is_object()) return nullptr;
        cur = cur->get_object().if_contains(key);
        if (!cur) return nullptr;
    }
    return cur;
}

TableCell number_cell(const json::value* v) {
    if (!v) return std::monostate{};
    if (v->is_int64()) return v->get_int64();
    if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
    if (v->is_double()) return v->get_double();
    if (v->is_string()) return std::string(v->get_string());
    return std::monostate{};
}

// The figures compared, in rows: (label, decimals, reader of one scenario's answer).
struct Figure {
    std::string label;
    int decimals;
    std::function<TableCell(const json::value&)> read;
};

std::vector<Figure> figures() {
    auto path = [](std::initializer_list<std::string_view> p) {
        std::vector<std::string> keys(p.begin(), p.end());
        return [keys](const json::value& v) {
            const json::value* cur = &v;
            for (auto& k : keys) {
                if (!cur || !cur->is_object()) return TableCell{};
                cur = cur->get_object().if_contains(k);
            }
            return number_cell(cur);
        };
    };
    std::vector<Figure> f{
        {"Résidents", 0, path({"residents"})},
        {"Postes du bâtiment", 0, path({"desks"})},
        {"Postes nécessaires, tous partagés", 0, path({"desks_needed_pooled"})},
        {"Postes nécessaires, chaque service dans son quartier", 0, path({"desks_needed_separate"})},
        {"Marge (postes)", 0, path({"building", "slack"})},
        {"Risque de manque, jour le plus chargé", 4, path({"building", "p_shortage"})},
        {"m² SUB par résident", 1, path({"surface", "sub_m2_per_resident"})},
        {"Pic des jours d'équipe (P95)", 0, path({"team_days", "peak"})},
    };
    for (int d = 0; d < planning::weekdays; ++d) {
        auto day = [d](std::string key) {
            return [d, key](const json::value& v) {
                auto* days = at_path(v, {"building", "days"});
                if (!days || !days->is_array() || days->get_array().size() <= static_cast<std::size_t>(d)) return TableCell{};
                auto& o = days->get_array()[static_cast<std::size_t>(d)];
                return o.is_object() ? number_cell(o.get_object().if_contains(key)) : TableCell{};
            };
        };
        f.push_back({std::string("Présents en moyenne, ") + day_names[d], 1, day("mean_demand")});
        f.push_back({std::string("P95, ") + day_names[d], 0, day("p95")});
        f.push_back({std::string("Risque de manque, ") + day_names[d], 4, day("p_shortage")});
    }
    return f;
}

json::value parsed(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value{} : v;
}

}  // namespace

json::object sizing_json(const planning::Sizing& s, const std::optional<planning::WeekSimulation>& simulated,
                         std::int64_t seed) {
    json::object out{{"residents", s.residents},
                     {"desks", s.desks},
                     {"epsilon", s.epsilon},
                     {"p_shortage", s.shortage_probability},
                     {"desks_needed", s.desks_needed},
                     {"desks_per_resident", s.desks_per_resident},
                     {"days", days_json(s)}};
    if (s.sub_m2_per_resident) out["sub_m2_per_resident"] = *s.sub_m2_per_resident;
    if (simulated) {
        json::array days;
        for (int d = 0; d < planning::weekdays; ++d)
            days.push_back(json::object{
                {"weekday", weekday_keys[d]},
                {"mean_demand", estimate_json(simulated->mean_demand[static_cast<std::size_t>(d)])},
                {"p_shortage", estimate_json(simulated->shortage_probability[static_cast<std::size_t>(d)])}});
        out["simulation"] = json::object{{"weeks", simulated->weeks},
                                         {"seed", seed},
                                         {"busiest_day_mean", estimate_json(simulated->busiest_day_mean)},
                                         {"busiest_day_p95", simulated->busiest_day_p95},
                                         {"p_week_shortage", estimate_json(simulated->week_shortage_probability)},
                                         {"without_desk_per_week", estimate_json(simulated->without_desk_per_week)},
                                         {"days", std::move(days)}};
    }
    return out;
}

json::object quartier_allocation_json(const planning::QuartierProblem& problem, const planning::QuartierAllocation& a) {
    auto per_day = [](const std::array<int, planning::weekdays>& x) {
        json::array out;
        for (int v : x) out.push_back(v);
        return out;
    };
    json::array services, quartiers;
    for (std::size_t s = 0; s < a.services.size(); ++s) {
        auto& o = a.services[s];
        services.push_back(json::object{{"name", problem.services[s].name},
                                        {"quartier", problem.quartiers[static_cast<std::size_t>(o.quartier)].name},
                                        {"worst_demand", o.worst_demand},
                                        {"fits_alone", o.fits_alone}});
    }
    for (std::size_t q = 0; q < problem.quartiers.size(); ++q) {
        auto& o = a.quartiers[q];
        quartiers.push_back(json::object{{"name", problem.quartiers[q].name},
                                         {"floor", problem.quartiers[q].floor},
                                         {"desks", problem.quartiers[q].desks},
                                         {"demand", per_day(o.demand)},
                                         {"worst_demand", o.worst_demand},
                                         {"slack", o.slack},
                                         {"received", per_day(o.received)},
                                         {"sent", per_day(o.sent)}});
    }
    return {{"level", problem.level},
            {"unseated", per_day(a.unseated)},
            {"cross_floor", per_day(a.cross_floor)},
            {"worst_unseated", a.worst_unseated},
            {"worst_cross_floor", a.worst_cross_floor},
            {"least_slack", a.least_slack},
            {"proven_best", a.proven_best},
            {"services", std::move(services)},
            {"quartiers", std::move(quartiers)}};
}

json::object team_days_json(const planning::TeamDayProblem& problem, const planning::TeamDayPlan& plan,
                            std::optional<int> desks) {
    json::array services, days;
    for (std::size_t s = 0; s < plan.team_days.size(); ++s)
        services.push_back(json::object{{"name", problem.services[s].name}, {"team_days", weekdays_json(plan.team_days[s])}});
    for (int d = 0; d < planning::weekdays; ++d) {
        json::array names;
        for (std::size_t s = 0; s < plan.team_days.size(); ++s)
            if (plan.team_days[s][static_cast<std::size_t>(d)]) names.emplace_back(problem.services[s].name);
        days.push_back(json::object{{"weekday", weekday_keys[d]},
                                    {"team_services", std::move(names)},
                                    {"mean_demand", plan.mean[static_cast<std::size_t>(d)]},
                                    {"quantile", plan.quantile[static_cast<std::size_t>(d)]}});
    }
    json::object out{{"level", problem.level},       {"peak", plan.peak},
                     {"evenness", plan.evenness},    {"lower_bound", plan.lower_bound},
                     {"proven_optimal", plan.proven_optimal}, {"nodes", plan.nodes},
                     {"services", std::move(services)}, {"days", std::move(days)}};
    if (desks) out["desks"] = *desks;
    return out;
}

json::object scenario_json(const planning::Scenario& sc, const planning::ScenarioResult& r) {
    json::array services;
    for (std::size_t i = 0; i < sc.services.size(); ++i) {
        auto& s = sc.services[i];
        services.push_back(json::object{{"name", s.name},
                                        {"residents", s.residents},
                                        {"source", s.measured ? "measured" : "pattern"},
                                        {"quartier", s.quartier ? json::value(*s.quartier) : json::value(nullptr)},
                                        {"team_days", weekdays_json(r.team_days[i])}});
    }
    json::array quartiers;
    for (auto& q : r.quartiers) quartiers.push_back(pool_json(sc, q));
    json::array days;
    for (int d = 0; d < planning::weekdays; ++d) {
        json::array team;
        for (std::size_t i = 0; i < sc.services.size(); ++i)
            if (r.team_days[i][static_cast<std::size_t>(d)]) team.emplace_back(sc.services[i].name);
        auto& day = r.building.sizing.days[static_cast<std::size_t>(d)];
        days.push_back(json::object{{"weekday", weekday_keys[d]},
                                    {"mean_demand", day.mean_demand},
                                    {"p95", day.p95},
                                    {"p_shortage", day.shortage_probability},
                                    {"expected_without_desk", day.expected_without_desk},
                                    {"team_services", std::move(team)}});
    }
    json::object out{{"residents", r.residents},
                     {"desks", sc.desks},
                     {"epsilon", sc.epsilon},
                     {"level", sc.level},
                     {"desks_needed_pooled", r.desks_needed_pooled},
                     {"desks_needed_separate", r.desks_needed_separate},
                     {"team_days", json::object{{"planned", r.team_days_planned},
                                                {"proven_optimal", r.team_days_optimal},
                                                {"peak", r.team_days_peak},
                                                {"lower_bound", r.team_days_lower_bound}}},
                     {"services", std::move(services)},
                     {"building", pool_json(sc, r.building)},
                     {"quartiers", std::move(quartiers)},
                     {"shared", r.shared ? json::value(pool_json(sc, *r.shared)) : json::value(nullptr)},
                     {"days", std::move(days)}};
    if (r.surface && sc.sub_m2)
        out["surface"] = json::object{{"sub_m2", *sc.sub_m2},
                                      {"sub_m2_per_resident", r.surface->sub_m2_per_resident},
                                      {"target", planning::sub_m2_target},
                                      {"ceiling", planning::sub_m2_ceiling},
                                      {"verdict", planning::to_string(r.surface->verdict)}};
    return out;
}

json::object measured_presence_json(const app::MeasuredSitePresence& m) {
    json::array services;
    for (auto& s : m.services)
        services.push_back(json::object{{"service_id", s.service_id ? json::value(*s.service_id) : json::value(nullptr)},
                                        {"name", s.name},
                                        {"residents", s.residents},
                                        {"presence", presence_json(s.presence)}});
    json::array open;
    for (auto n : m.open_days) open.emplace_back(n);
    return {{"site_id", m.site_id},
            {"from", format_date(m.from)},
            {"to", format_date(m.to)},
            {"prior_weight", m.prior_weight},
            {"open_days", std::move(open)},
            {"residents", m.residents},
            {"presence", presence_json(m.site)},
            {"services", std::move(services)},
            {"residents_in_small_services", m.residents_in_small_services}};
}

json::object saved_scenario_json(const SavedScenario& s, bool full) {
    json::object out{{"id", s.id},
                     {"site_id", s.site_id},
                     {"name", s.name},
                     {"author_id", s.author_id ? json::value(*s.author_id) : json::value(nullptr)},
                     {"created_at", format_instant(s.created_at)}};
    if (full) {
        out["input"] = parsed(s.input);
        out["result"] = parsed(s.result);
    }
    return out;
}

json::object comparison_json(const ScenarioComparison& c) {
    json::array scenarios, rows;
    std::vector<json::value> results;
    for (auto& s : c.scenarios) {
        scenarios.push_back(saved_scenario_json(s, false));
        results.push_back(parsed(s.result));
    }
    for (auto& f : figures()) {
        json::array values;
        for (auto& r : results) {
            auto cell = f.read(r);
            if (auto* i = std::get_if<std::int64_t>(&cell)) values.emplace_back(*i);
            else if (auto* d = std::get_if<double>(&cell)) values.emplace_back(*d);
            else if (auto* t = std::get_if<std::string>(&cell)) values.emplace_back(*t);
            else values.emplace_back(nullptr);
        }
        rows.push_back(json::object{{"figure", f.label}, {"decimals", f.decimals}, {"values", std::move(values)}});
    }
    return {{"scenarios", std::move(scenarios)}, {"rows", std::move(rows)}};
}

Table comparison_table(const ScenarioComparison& c) {
    Table t;
    t.title = "Scénarios comparés";
    t.columns.push_back({"Indicateur", 0});
    std::vector<json::value> results;
    for (auto& s : c.scenarios) {
        t.columns.push_back({s.name, 4});
        results.push_back(parsed(s.result));
    }
    for (auto& f : figures()) {
        std::vector<TableCell> row{f.label};
        for (auto& r : results) row.push_back(f.read(r));
        t.rows.push_back(std::move(row));
    }
    for (std::size_t i = 1; i < t.columns.size(); ++i) t.columns[i].decimals = 4;
    return t;
}

}  // namespace escale::http
