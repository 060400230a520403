// SPDX-License-Identifier: EUPL-1.2
#include "cli/plan_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include "cli/french_cli.hpp"
#include "http/json_text.hpp"
#include "planning/sizing.hpp"
#include "planning/week_simulation.hpp"

namespace escale::cli {
namespace {

constexpr std::string_view day_names[planning::weekdays] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi"};

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
    ProgressLine() : shown_(::isatty(STDERR_FILENO) == 1) {}
    void operator()(double done) const {
        if (!shown_) return;
        int width = 30, filled = static_cast<int>(done * width);
        std::cerr << "\rSimulation [" << std::string(static_cast<std::size_t>(filled), '#')
                  << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << static_cast<int>(done * 100)
                  << " %" << (done >= 1.0 ? "\n" : "") << std::flush;
    }

private:
    bool shown_;
};

}  // namespace

PlanCommand::PlanCommand(CLI::App& root) {
    plan_ = root.add_subcommand("plan", "Planification : dimensionner les postes (et bientôt jours d'équipe, quartiers, scénarios)");
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
}

int PlanCommand::run() const {
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
