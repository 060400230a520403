// SPDX-License-Identifier: EUPL-1.2
#include "cli/plan_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <iostream>
#include <optional>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "cli/french_cli.hpp"
#include "http/json_text.hpp"
#include "http/planning_body.hpp"
#include "http/planning_json.hpp"
#include "http/scenario_body.hpp"
#include "planning/quartier_allocation.hpp"
#include "planning/sizing.hpp"
#include "planning/team_days.hpp"
#include "planning/week_simulation.hpp"

namespace escale::cli {
namespace {

constexpr std::string_view day_names[planning::weekdays] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi"};
constexpr std::string_view weekday_keys[planning::weekdays] = {"monday", "tuesday", "wednesday", "thursday", "friday"};

planning::Weekdays weekdays_of(const std::vector<std::string>& names) {
    planning::Weekdays days{};
    for (auto& n : names)
        for (int d = 0; d < planning::weekdays; ++d)
            if (n == day_names[d]) days[static_cast<std::size_t>(d)] = true;
    return days;
}

// A number in French: decimal comma, `decimals` digits.
std::string french(double x, int decimals) {
    auto s = fmt::format("{:.{}f}", x, decimals);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}
// An integer in French: thin groups of three digits (100 000).
std::string grouped(long n) {
    auto digits = std::to_string(n);
    for (auto i = static_cast<long>(digits.size()) - 3; i > (n < 0 ? 1 : 0); i -= 3)
        digits.insert(static_cast<std::size_t>(i), " ");
    return digits;
}
std::string percent(double p) { return french(100 * p, 1) + " %"; }
std::string interval(const planning::Estimate& e, int decimals, bool as_percent) {
    auto f = [&](double x) { return as_percent ? percent(x) : french(x, decimals); };
    return f(e.value) + " [" + f(e.low) + " ; " + f(e.high) + "]";
}

boost::json::object estimate_json(const planning::Estimate& e) {
    return {{"value", e.value}, {"low", e.low}, {"high", e.high}};
}

int argument_error(std::string_view option, std::string_view expected) {
    std::cerr << "erreur : " << option << " attend " << expected << ".\n";
    return 2;
}

// A figure the engine itself refused (the checks above catch what a person can get wrong).
int refused(const Error& e) {
    std::cerr << "erreur : " << e.message << "\n";
    return 2;
}

bool is_share(double x) { return x >= 0.0 && x <= 1.0; }  // NaN fails

// A progress line on standard error, redrawn in place, when it is a terminal.
class ProgressLine {
public:
    explicit ProgressLine(std::string label = "Simulation") : label_(std::move(label)), shown_(::isatty(STDERR_FILENO) == 1) {}
    void operator()(double done) const {
        if (!shown_) return;
        int width = 30, filled = static_cast<int>(done * width);
        std::cerr << "\r" << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << static_cast<int>(done * 100)
                  << " %" << (done >= 1.0 ? "\n" : "") << std::flush;
    }

private:
    std::string label_;
    bool shown_;
};

}  // namespace

PlanCommand::PlanCommand(CLI::App& root) {
    plan_ = root.add_subcommand("plan", "Planification : dimensionner les postes, choisir les jours d'équipe, répartir les quartiers");
    plan_->require_subcommand(1);
    size_ = plan_->add_subcommand("size", "Postes nécessaires pour un risque de manque choisi, jour par jour");
    size_->add_option("--residents", residents_, "Nombre de résidents")->required();
    size_->add_option("--desks", desks_, "Nombre de postes disponibles")->required();
    size_->add_option("--epsilon", epsilon_, "Risque de manque accepté par jour, entre 0 et 1")->capture_default_str();
    presence_option_ = size_->add_option("--presence", presence_,
                                         "Probabilité de présence de chacun, chaque jour (au lieu d'un rythme de télétravail)");
    std::vector<std::string> days(std::begin(day_names), std::end(day_names));
    pattern_options_ = {
        size_->add_option("--telework-days", telework_days_, "Jours de télétravail fixes (ex. lundi,vendredi)")
            ->delimiter(',')
            ->check(one_of(days)),
        size_->add_option("--floating-days", floating_days_, "Jours de télétravail flottants par semaine")
            ->check(between(0, 5))
            ->capture_default_str(),
        size_->add_option("--absence", absence_, "Part des jours prévus perdus (congés, maladie, formation)")
            ->capture_default_str(),
        size_->add_option("--fte", fte_, "Quotité de travail (1 = temps plein)")->capture_default_str(),
        size_->add_option("--team-days", team_days_, "Jours d'équipe, où chacun vient (ex. mardi)")
            ->delimiter(',')
            ->check(one_of(days)),
    };
    sub_m2_option_ = size_->add_option("--sub-m2", sub_m2_, "Surface utile brute (m² SUB), pour la surface par résident");
    size_->add_option("--simulate-weeks", simulate_weeks_,
                      "Semaines à simuler pour les chiffres de la semaine entière (0 : aucune)")
        ->capture_default_str();
    size_->add_option("--seed", seed_, "Graine de la simulation (mêmes chiffres à chaque fois)")->capture_default_str();
    size_->add_flag("--json", json_, "Résultat en JSON");

    days_ = plan_->add_subcommand("days", "Jours d'équipe des services qui abaissent le pic de la semaine");
    days_->add_option("--input", input_, "Fichier JSON décrivant les services (voir docs/planning.md)")->required();
    days_->add_flag("--heuristic", heuristic_, "Recherche rapide (sans preuve d'optimalité), pour de très nombreux services");
    days_->add_option("--node-limit", node_limit_, "Nœuds explorés au plus par la recherche exacte")->capture_default_str();
    days_->add_flag("--json", json_, "Résultat en JSON");

    zones_ = plan_->add_subcommand("zones", "Quartier de chaque service, pour que son P95 y tienne ou dans les quartiers voisins");
    zones_->add_option("--input", input_, "Fichier JSON décrivant les quartiers et les services (voir docs/planning.md)")
        ->required();
    zones_->add_flag("--json", json_, "Résultat en JSON");

    scenario_ = plan_->add_subcommand("scenario", "Un bâtiment futur : postes par quartier, jours d'équipe, risque par jour, surface");
    scenario_->add_option("--input", input_, "Fichier JSON décrivant le scénario (voir docs/planning.md)")->required();
    scenario_->add_flag("--json", json_, "Résultat en JSON");
}

int PlanCommand::run() const {
    if (size_->parsed()) return run_size();
    if (scenario_->parsed()) return run_scenario();
    return days_->parsed() ? run_days() : run_zones();
}

namespace {

// The text of the file named by --input, or nothing (the message written) when unreadable.
std::optional<std::string> read_input(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        std::cerr << "erreur : impossible de lire « " << path << " ».\n";
        return std::nullopt;
    }
    return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

}  // namespace

int PlanCommand::run_zones() const {
    auto text = read_input(input_);
    if (!text) return 1;
    auto body = http::decode<http::ZonesBody>(*text);
    if (!body) return refused(body.error());
    auto problem = http::quartier_problem(*body);
    if (!problem) return refused(problem.error());
    auto a = planning::allocate_quartiers(*problem);
    if (!a) return refused(a.error());
    auto& quartiers = problem->quartiers;
    if (json_) {
        std::cout << http::json_text(http::quartier_allocation_json(*problem, *a)) << "\n";
        return 0;
    }
    int level = static_cast<int>(problem->level * 100 + 0.5);
    std::cout << "Quartiers : " << problem->services.size() << " services dans " << quartiers.size()
              << " quartiers, demande jugée sur le P" << level << " de chaque jour.\n\n";
    for (std::size_t s = 0; s < a->services.size(); ++s) {
        auto& o = a->services[s];
        auto& q = quartiers[static_cast<std::size_t>(o.quartier)];
        std::cout << fmt::format("  {} → {}{} : P{} {} pour {} postes{}\n", problem->services[s].name, q.name,
                                 q.floor.empty() ? "" : " (" + q.floor + ")", level, o.worst_demand, q.desks,
                                 o.fits_alone ? "" : ", déborde sur les quartiers voisins");
    }
    std::cout << "\n";
    for (std::size_t q = 0; q < quartiers.size(); ++q) {
        auto& o = a->quartiers[q];
        int received = *std::max_element(o.received.begin(), o.received.end());
        int sent = *std::max_element(o.sent.begin(), o.sent.end());
        std::cout << fmt::format("  {:<20} {:>4} postes, P{} au pire jour {:>4}, marge {:>4}", quartiers[q].name,
                                 quartiers[q].desks, level, o.worst_demand, o.slack);
        auto people = [](int n) { return fmt::format("{} personne{}", n, n > 1 ? "s" : ""); };
        if (received) std::cout << ", accueille jusqu'à " << people(received) << " des quartiers voisins";
        if (sent) std::cout << ", envoie jusqu'à " << people(sent) << " chez ses voisins";
        std::cout << "\n";
    }
    std::cout << "\n";
    if (a->worst_unseated == 0)
        std::cout << "Chacun trouve un poste dans son quartier ou un quartier voisin";
    else
        std::cout << fmt::format("Au pire jour, {} personnes ne trouvent pas de poste dans leur quartier ni chez les voisins",
                                 a->worst_unseated);
    if (a->worst_cross_floor > 0)
        std::cout << fmt::format(" ; jusqu'à {} changent d'étage", a->worst_cross_floor);
    std::cout << ".\n"
              << (a->proven_best ? "Toutes les répartitions possibles ont été comparées : aucune ne fait mieux.\n"
                                 : "Répartition trouvée par recherche locale (trop de répartitions pour toutes les comparer).\n");
    return 0;
}

int PlanCommand::run_scenario() const {
    auto text = read_input(input_);
    if (!text) return 1;
    // The API's question, whose site (for permissions and saving) means nothing here.
    boost::system::error_code ec;
    auto parsed = boost::json::parse(*text, ec);
    if (!ec && parsed.is_object() && !parsed.as_object().contains("site_id")) {
        parsed.as_object()["site_id"] = 1;  // any valid id: the command line checks no permission
        *text = http::json_text(parsed);
    }
    auto body = http::decode<http::ScenarioBody>(*text);
    if (!body) return refused(body.error());
    auto scenario = http::scenario_of(*body);
    if (!scenario) return refused(scenario.error());
    ProgressLine progress("Scénario");
    auto r = planning::run_scenario(*scenario, progress);
    if (!r) return refused(r.error());
    if (json_) {
        std::cout << http::json_text(http::scenario_json(*scenario, *r)) << "\n";
        return 0;
    }
    std::cout << fmt::format("Scénario : {} résidents, {} postes, risque de manque accepté {} par jour.\n\n", r->residents,
                             scenario->desks, percent(scenario->epsilon));
    if (r->team_days_planned) {
        std::cout << "Jours d'équipe :\n";
        for (std::size_t s = 0; s < r->team_days.size(); ++s) {
            std::string chosen;
            for (int d = 0; d < planning::weekdays; ++d)
                if (r->team_days[s][static_cast<std::size_t>(d)]) chosen += (chosen.empty() ? "" : ", ") + std::string(day_names[d]);
            if (!chosen.empty()) std::cout << "  " << scenario->services[s].name << " : " << chosen << "\n";
        }
        std::cout << fmt::format("  pic de la semaine : P95 {}{}\n\n", r->team_days_peak,
                                 r->team_days_optimal ? " (optimum prouvé)"
                                                      : fmt::format(" (aucun planning sous {})", r->team_days_lower_bound));
    }
    auto pool = [&](const planning::PoolSizing& p, std::string_view name) {
        std::cout << fmt::format("  {:<28} {:>5} postes, il en faut {:>5} ; marge {:>5} ; risque de manque au pire jour {}\n",
                                 name, p.sizing.desks, p.sizing.desks_needed, p.slack, percent(p.sizing.shortage_probability));
    };
    pool(r->building, "Bâtiment");
    for (auto& q : r->quartiers) pool(q, "Quartier " + q.name);
    if (r->shared) pool(*r->shared, "Postes partagés");
    std::cout << fmt::format("\nPostes nécessaires si chacun reste dans son quartier : {} ; si tous les postes sont partagés : {}.\n",
                             r->desks_needed_separate, r->desks_needed_pooled);
    if (r->surface)
        std::cout << fmt::format("Surface : {} m² SUB par résident (cible de l'État : 16 m², plafond 18 m²).\n",
                                 french(r->surface->sub_m2_per_resident, 1));
    return 0;
}

int PlanCommand::run_days() const {
    auto text = read_input(input_);
    if (!text) return 1;
    auto body = http::decode<http::TeamDaysBody>(*text);
    if (!body) return refused(body.error());
    auto problem = http::team_day_problem(*body);
    if (!problem) return refused(problem.error());
    if (node_limit_ < 1) return argument_error("--node-limit", "un nombre de nœuds positif");
    auto plan = heuristic_ ? planning::plan_team_days_heuristic(*problem)
                           : planning::plan_team_days_exact(*problem, node_limit_);
    if (!plan) return refused(plan.error());

    auto team_on = [&](int d) {
        std::vector<std::string> names;
        for (std::size_t s = 0; s < plan->team_days.size(); ++s)
            if (plan->team_days[s][static_cast<std::size_t>(d)]) names.push_back(problem->services[s].name);
        return names;
    };
    int level = static_cast<int>(problem->level * 100 + 0.5);
    if (json_) {
        boost::json::array services, days;
        for (std::size_t s = 0; s < plan->team_days.size(); ++s) {
            boost::json::array chosen;
            for (int d = 0; d < planning::weekdays; ++d)
                if (plan->team_days[s][static_cast<std::size_t>(d)]) chosen.push_back(boost::json::string(weekday_keys[d]));
            services.push_back(boost::json::object{{"name", problem->services[s].name}, {"team_days", std::move(chosen)}});
        }
        for (int d = 0; d < planning::weekdays; ++d) {
            boost::json::array names;
            for (auto& n : team_on(d)) names.push_back(boost::json::string(n));
            days.push_back(boost::json::object{{"weekday", weekday_keys[d]},
                                               {"team_services", std::move(names)},
                                               {"mean_demand", plan->mean[static_cast<std::size_t>(d)]},
                                               {"quantile", plan->quantile[static_cast<std::size_t>(d)]}});
        }
        boost::json::object out{{"level", problem->level},
                                {"peak", plan->peak},
                                {"evenness", plan->evenness},
                                {"lower_bound", plan->lower_bound},
                                {"proven_optimal", plan->proven_optimal},
                                {"nodes", plan->nodes},
                                {"services", std::move(services)},
                                {"days", std::move(days)}};
        if (body->desks) out["desks"] = *body->desks;
        std::cout << http::json_text(out) << "\n";
        return 0;
    }

    std::cout << "Jours d'équipe : " << problem->services.size() << " services, pic jugé sur le P" << level
              << " de la demande quotidienne.\n\n";
    for (std::size_t s = 0; s < plan->team_days.size(); ++s) {
        std::string chosen;
        for (int d = 0; d < planning::weekdays; ++d)
            if (plan->team_days[s][static_cast<std::size_t>(d)]) chosen += (chosen.empty() ? "" : ", ") + std::string(day_names[d]);
        std::cout << "  " << problem->services[s].name << " : " << (chosen.empty() ? "aucun" : chosen) << "\n";
    }
    std::cout << "\n";
    for (int d = 0; d < planning::weekdays; ++d) {
        auto names = team_on(d);
        std::string who;
        for (auto& n : names) who += (who.empty() ? "" : ", ") + n;
        auto q = plan->quantile[static_cast<std::size_t>(d)];
        std::cout << fmt::format("{:<9} {} présents en moyenne, P{} {}", day_names[d],
                                 french(plan->mean[static_cast<std::size_t>(d)], 1), level, q);
        if (body->desks)
            std::cout << fmt::format(" pour {} postes{}", *body->desks, q > *body->desks ? " (dépassement)" : "");
        std::cout << (who.empty() ? "" : " ; jour d'équipe : " + who) << "\n";
    }
    std::cout << fmt::format("\nPic de la semaine : {} ; ", plan->peak);
    if (plan->proven_optimal)
        std::cout << "aucun autre planning ne fait mieux (optimum prouvé, " << grouped(plan->nodes) << " nœuds explorés).\n";
    else
        std::cout << fmt::format("aucun planning ne descend sous {} (écart au plus de {}).\n", plan->lower_bound,
                                 plan->peak - plan->lower_bound);
    return 0;
}

int PlanCommand::run_size() const {
    if (residents_ < 0) return argument_error("--residents", "un nombre de résidents positif ou nul");
    if (desks_ < 0) return argument_error("--desks", "un nombre de postes positif ou nul");
    if (!(epsilon_ > 0.0 && epsilon_ < 1.0)) return argument_error("--epsilon", "un risque strictement entre 0 et 1");
    if (sub_m2_option_->count() && !(sub_m2_ >= 0.0)) return argument_error("--sub-m2", "une surface positive ou nulle");
    if (simulate_weeks_ < 0 || simulate_weeks_ > 10'000'000)
        return argument_error("--simulate-weeks", "un nombre de semaines entre 0 et 10 000 000");

    Result<planning::ResidentWeek> week = tl::unexpected(Error{});
    if (presence_option_->count()) {
        for (auto* o : pattern_options_)
            if (o->count())
            {
                std::cerr << "erreur : --presence ne se combine pas avec " << o->get_name()
                          << " : c'est l'un ou l'autre, une présence ou un rythme de télétravail.\n";
                return 2;
            }
        if (!is_share(presence_)) return argument_error("--presence", "une probabilité entre 0 et 1");
        week = planning::ResidentWeek::of_daily_presence({presence_, presence_, presence_, presence_, presence_});
    } else {
        if (!is_share(absence_)) return argument_error("--absence", "une proportion entre 0 et 1");
        if (!is_share(fte_)) return argument_error("--fte", "une proportion entre 0 et 1");
        week = planning::ResidentWeek::of_pattern({.fixed_telework = weekdays_of(telework_days_),
                                                   .floating_telework_days = floating_days_,
                                                   .absence_rate = absence_,
                                                   .fte = fte_},
                                                  weekdays_of(team_days_));
    }
    if (!week) return refused(week.error());
    std::vector<planning::ResidentWeek> residents(static_cast<std::size_t>(residents_), *week);

    auto sized = planning::size_desks(residents, desks_, epsilon_,
                                      sub_m2_option_->count() ? std::optional(sub_m2_) : std::nullopt);
    if (!sized) return refused(sized.error());
    std::optional<planning::WeekSimulation> simulated;
    if (simulate_weeks_ > 0) {
        ProgressLine progress;
        auto s = planning::simulate_weeks(residents, desks_,
                                          {.weeks = simulate_weeks_, .seed = seed_, .progress = progress});
        if (!s) return refused(s.error());
        simulated = *s;
    }

    if (json_) {
        boost::json::array days;
        for (int d = 0; d < planning::weekdays; ++d) {
            auto& day = sized->days[static_cast<std::size_t>(d)];
            days.push_back(boost::json::object{{"weekday", day_names[d]},
                                               {"mean_demand", day.mean_demand},
                                               {"p95", day.p95},
                                               {"p99", day.p99},
                                               {"p_shortage", day.shortage_probability},
                                               {"expected_without_desk", day.expected_without_desk},
                                               {"desks_needed", day.desks_needed}});
        }
        boost::json::object out{{"residents", sized->residents},
                                {"desks", sized->desks},
                                {"epsilon", sized->epsilon},
                                {"p_shortage", sized->shortage_probability},
                                {"desks_needed", sized->desks_needed},
                                {"desks_per_resident", sized->desks_per_resident},
                                {"days", std::move(days)}};
        if (sized->sub_m2_per_resident) out["sub_m2_per_resident"] = *sized->sub_m2_per_resident;
        if (simulated) {
            boost::json::array sim_days;
            for (int d = 0; d < planning::weekdays; ++d)
                sim_days.push_back(boost::json::object{
                    {"weekday", day_names[d]},
                    {"mean_demand", estimate_json(simulated->mean_demand[static_cast<std::size_t>(d)])},
                    {"p_shortage", estimate_json(simulated->shortage_probability[static_cast<std::size_t>(d)])}});
            out["simulation"] = boost::json::object{
                {"weeks", simulated->weeks},
                {"seed", seed_},
                {"busiest_day_mean", estimate_json(simulated->busiest_day_mean)},
                {"busiest_day_p95", simulated->busiest_day_p95},
                {"p_week_shortage", estimate_json(simulated->week_shortage_probability)},
                {"without_desk_per_week", estimate_json(simulated->without_desk_per_week)},
                {"days", std::move(sim_days)}};
        }
        std::cout << http::json_text(out) << "\n";
        return 0;
    }

    auto& s = *sized;
    std::cout << fmt::format("Dimensionnement : {} résidents, {} postes, risque de manque accepté {} par jour\n\n",
                             s.residents, s.desks, percent(s.epsilon));
    std::cout << fmt::format("{:<10} {:>10} {:>5} {:>5} {:>17} {:>12} {:>9}\n", "jour", "présents", "P95", "P99",
                             "risque de manque", "sans poste", "postes");
    std::cout << fmt::format("{:<10} {:>10} {:>5} {:>5} {:>17} {:>12} {:>9}\n", "", "(moyenne)", "", "",
                             fmt::format("({} postes)", s.desks), "(moyenne)", "nécessaires");
    for (int d = 0; d < planning::weekdays; ++d) {
        auto& day = s.days[static_cast<std::size_t>(d)];
        std::cout << fmt::format("{:<10} {:>10} {:>5} {:>5} {:>17} {:>12} {:>9}\n", day_names[d],
                                 french(day.mean_demand, 1), day.p95, day.p99, percent(day.shortage_probability),
                                 french(day.expected_without_desk, 2), day.desks_needed);
    }
    std::cout << fmt::format("\nJour le plus chargé : risque de manque de {} avec {} postes ; il en faut {} pour "
                             "que le risque reste au plus de {} chaque jour.\n",
                             percent(s.shortage_probability), s.desks, s.desks_needed, percent(s.epsilon));
    std::cout << fmt::format("Taux de foisonnement : {} poste par résident.\n", french(s.desks_per_resident, 2));
    if (s.sub_m2_per_resident)
        std::cout << fmt::format("Surface : {} m² SUB par résident (cible de l'État : 16 m², plafond 18 m²).\n",
                                 french(*s.sub_m2_per_resident, 1));
    if (simulated) {
        auto& m = *simulated;
        std::cout << fmt::format("\nSur {} semaines simulées (graine {}), intervalles de confiance à 95 % :\n", grouped(m.weeks),
                                 seed_);
        std::cout << fmt::format("  jour le plus chargé de la semaine : {} présents en moyenne, P95 {}\n",
                                 interval(m.busiest_day_mean, 1, false), m.busiest_day_p95);
        std::cout << fmt::format("  au moins un jour de manque dans la semaine : {}\n",
                                 interval(m.week_shortage_probability, 1, true));
        std::cout << fmt::format("  personnes sans poste par semaine : {}\n", interval(m.without_desk_per_week, 2, false));
    }
    return 0;
}

}  // namespace escale::cli
