// SPDX-License-Identifier: EUPL-1.2
#include "http/server_figures.hpp"

#include <array>

#include <fmt/format.h>

namespace escale::http {
namespace {

// The statuses counted one by one; any other counts as "other".
constexpr std::array<int, 20> statuses{200, 201, 204, 206, 301, 302, 304, 400, 401, 403,
                                       404, 405, 409, 413, 415, 422, 429, 500, 501, 503};
constexpr std::size_t status_slots = statuses.size() + 1;

std::size_t slot_of(int status) {
    for (std::size_t i = 0; i < statuses.size(); ++i)
        if (statuses[i] == status) return i;
    return statuses.size();
}

// A label value, escaped as the exposition format wants (backslash, quote, newline).
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double v) { return fmt::format("{}", v); }

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void histogram(std::string& out, const char* name, const std::string& labels, const metrics::Histogram::Snapshot& s) {
    const std::string sep = labels.empty() ? "" : ",";
    for (std::size_t i = 0; i < s.upper_bounds.size(); ++i)
        out += fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, number(s.upper_bounds[i]), s.cumulative[i]);
    out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, s.cumulative.back());
    const std::string braces = labels.empty() ? "" : "{" + labels + "}";
    out += fmt::format("{}_sum{} {}\n", name, braces, number(s.sum));
    out += fmt::format("{}_count{} {}\n", name, braces, s.cumulative.back());
}

}  // namespace

struct ServerFigures::PerRoute {
    std::array<metrics::Counter, status_slots> by_status;
    metrics::Histogram latency{metrics::latency_bounds};
};

ServerFigures::ServerFigures() = default;
ServerFigures::~ServerFigures() = default;

void ServerFigures::set_routes(const std::vector<Route>& routes) {
    routes_ = &routes;
    per_route_ = std::make_unique<PerRoute[]>(routes.size() + 1);
}

void ServerFigures::request_done(const Route* route, int status, std::chrono::microseconds took) noexcept {
    if (!routes_) return;
    std::size_t i = routes_->size();
    if (route && !routes_->empty() && route >= routes_->data() && route < routes_->data() + routes_->size())
        i = static_cast<std::size_t>(route - routes_->data());
    per_route_[i].by_status[slot_of(status)].add();
    per_route_[i].latency.observe(static_cast<double>(took.count()) / 1e6);
}

std::string ServerFigures::prometheus_text() const {
    std::string out;
    out.reserve(64 * 1024);
    const std::size_t n = routes_ ? routes_->size() : 0;
    auto route_label = [&](std::size_t i) {
        if (i == n) return std::string("route=\"(aucune)\",method=\"GET\"");
        const Route& r = (*routes_)[i];
        return fmt::format("route=\"{}\",method=\"{}\"", label(r.pattern), label(r.method));
    };
    family(out, "escale_http_requests_total", "counter", "Requêtes HTTP répondues, par route (modèle d'adresse) et statut.");
    for (std::size_t i = 0; routes_ && i <= n; ++i)
        for (std::size_t s = 0; s < status_slots; ++s) {
            auto v = per_route_[i].by_status[s].value();
            if (v == 0) continue;
            std::string code = s < statuses.size() ? std::to_string(statuses[s]) : "other";
            out += fmt::format("escale_http_requests_total{{{},status=\"{}\"}} {}\n", route_label(i), code, v);
        }
    family(out, "escale_http_request_duration_seconds", "histogram",
           "Durée des requêtes HTTP, de la fin de l'en-tête reçu à la réponse envoyée, par route.");
    for (std::size_t i = 0; routes_ && i <= n; ++i) {
        auto s = per_route_[i].latency.snapshot();
        if (s.cumulative.back() == 0) continue;
        histogram(out, "escale_http_request_duration_seconds", route_label(i), s);
    }
    family(out, "escale_http_open_connections", "gauge", "Connexions HTTP ouvertes.");
    out += fmt::format("escale_http_open_connections {}\n", open_connections.value());
    family(out, "escale_http_waiting_connections", "gauge",
           "Connexions acceptées, pas encore servies (une rafale de connexions les fait attendre).");
    out += fmt::format("escale_http_waiting_connections {}\n", waiting_connections.value());
    family(out, "escale_pool_waiting_requests", "gauge",
           "Requêtes confiées à un groupe de fils (écritures, hachage des mots de passe) et pas encore finies.");
    out += fmt::format("escale_pool_waiting_requests{{pool=\"writes\"}} {}\n", slow_pool_waiting.value());
    out += fmt::format("escale_pool_waiting_requests{{pool=\"password_hashing\"}} {}\n", hashing_pool_waiting.value());

    auto& p = metrics::process();
    family(out, "escale_bookings_made_total", "counter", "Réservations créées (une par demi-journée de poste, une par créneau d'espace).");
    out += fmt::format("escale_bookings_made_total{{kind=\"desk\"}} {}\n", p.desk_bookings_made.value());
    out += fmt::format("escale_bookings_made_total{{kind=\"space\"}} {}\n", p.space_bookings_made.value());
    family(out, "escale_database_errors_total", "counter", "Échecs rapportés par la base de données, par nature.");
    for (int k = 0; k < metrics::database_error_kinds; ++k)
        out += fmt::format("escale_database_errors_total{{kind=\"{}\"}} {}\n",
                           metrics::to_string(static_cast<metrics::DatabaseError>(k)), p.database_errors[k].value());
    family(out, "escale_database_round_trips_total", "counter",
           "Allers-retours attendus avec la base PostgreSQL (un lot de commandes en pipeline compte pour un).");
    out += fmt::format("escale_database_round_trips_total {}\n", p.database_round_trips.value());
    family(out, "escale_group_commit_size", "histogram",
           "Validations SQLite rendues durables par une même synchronisation du journal (group commit).");
    histogram(out, "escale_group_commit_size", "", p.group_commit_size.snapshot());
    family(out, "escale_periodic_job_runs_total", "counter", "Passages des tâches périodiques faits par ce processus, par issue.");
    out += fmt::format("escale_periodic_job_runs_total{{outcome=\"done\"}} {}\n", p.job_runs_done.value());
    out += fmt::format("escale_periodic_job_runs_total{{outcome=\"failed\"}} {}\n", p.job_runs_failed.value());
    return out;
}

ServerFigures& server_figures() {
    static ServerFigures figures;
    return figures;
}

}  // namespace escale::http
