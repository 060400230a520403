// SPDX-License-Identifier: EUPL-1.2
#include "indicators/analytics_table.hpp"

#include <string>

namespace escale::indicators {
namespace {

TableCell percent(const std::optional<double>& v) { return v ? TableCell{100 * *v} : TableCell{}; }
TableCell number(const std::optional<double>& v) { return v ? TableCell{*v} : TableCell{}; }
TableCell whole(int v) { return std::int64_t{v}; }

std::string group_heading(Grouping by) {
    switch (by) {
        case Grouping::site: return "Site";
        case Grouping::floor: return "Niveau";
        case Grouping::quartier: return "Quartier";
        case Grouping::service: return "Service";
        case Grouping::space_type: return "Type d'espace";
    }
    return "Regroupement";
}

TableCell half_cell(const std::optional<Half>& h) {
    if (!h) return {};
    return std::string(*h == Half::am ? "Matin" : "Après-midi");
}

const char* weekday_name(int w) {
    static const char* const names[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
    return w >= 1 && w <= 7 ? names[w - 1] : "";
}

void period_cells(std::vector<TableCell>& row, const PeriodKey& p) {
    row.emplace_back(p.start);
    row.emplace_back(p.end);
    row.push_back(half_cell(p.half));
}

}  // namespace

std::optional<AnalyticsTable> parse_analytics_table(std::string_view text) {
    if (text == "desks") return AnalyticsTable::desks;
    if (text == "weekdays") return AnalyticsTable::weekdays;
    if (text == "turned_away") return AnalyticsTable::turned_away;
    if (text == "spaces") return AnalyticsTable::spaces;
    return std::nullopt;
}

Table analytics_table(const SiteAnalytics& a, AnalyticsTable which) {
    std::string group = group_heading(a.by);
    switch (which) {
        case AnalyticsTable::desks: {
            Table t{.title = "Postes",
                    .columns = {{"Début"}, {"Fin"}, {"Demi-journée"}, {group}, {"Postes", 0}, {"Demi-journées ouvertes", 0},
                                {"Postes offerts", 0}, {"Réservés", 0}, {"Présences confirmées", 0}, {"Absences", 0},
                                {"Taux de réservation (%)", 1}, {"Taux de présence (%)", 1}, {"Taux d'absence (%)", 1},
                                {"Pic", 0}, {"P95", 0}, {"Hors quartier", 0}, {"Part hors quartier (%)", 1}},
                    .rows = {}};
            for (auto& r : a.desks) {
                std::vector<TableCell> row;
                period_cells(row, r.period);
                row.emplace_back(r.group.name);
                for (int v : {r.desks, r.open_half_days, r.offered, r.booked, r.checked_in, r.no_show}) row.push_back(whole(v));
                row.push_back(percent(r.booked_rate));
                row.push_back(percent(r.checked_in_rate));
                row.push_back(percent(r.no_show_rate));
                row.push_back(whole(r.peak));
                row.push_back(whole(r.p95));
                row.push_back(whole(r.overflow));
                row.push_back(percent(r.overflow_rate));
                t.rows.push_back(std::move(row));
            }
            return t;
        }
        case AnalyticsTable::weekdays: {
            Table t{.title = "Jours de la semaine",
                    .columns = {{"Jour"}, {group}, {"Demi-journées ouvertes", 0}, {"Réservés", 0},
                                {"Présences confirmées", 0}, {"Réservés par demi-journée", 1},
                                {"Taux de réservation (%)", 1}, {"Taux de présence (%)", 1}},
                    .rows = {}};
            for (auto& r : a.weekdays) {
                std::vector<TableCell> row;
                row.emplace_back(std::string(weekday_name(r.weekday)));
                row.emplace_back(r.group.name);
                for (int v : {r.open_half_days, r.booked, r.checked_in}) row.push_back(whole(v));
                row.push_back(number(r.mean_booked));
                row.push_back(percent(r.booked_rate));
                row.push_back(percent(r.checked_in_rate));
                t.rows.push_back(std::move(row));
            }
            return t;
        }
        case AnalyticsTable::turned_away: {
            Table t{.title = "Demande non servie",
                    .columns = {{"Début"}, {"Fin"}, {"Demi-journée"}, {"Liste d'attente non servie", 0},
                                {"Réservations refusées", 0}, {"Total", 0}},
                    .rows = {}};
            for (auto& r : a.turned_away) {
                std::vector<TableCell> row;
                period_cells(row, r.period);
                for (int v : {r.waitlist_unserved, r.refused, r.total}) row.push_back(whole(v));
                t.rows.push_back(std::move(row));
            }
            return t;
        }
        case AnalyticsTable::spaces: {
            Table t{.title = "Espaces collectifs",
                    .columns = {{"Début"}, {"Fin"}, {group}, {"Espaces", 0}, {"Heures d'ouverture", 1},
                                {"Heures réservées", 1}, {"Taux d'usage (%)", 1}, {"Réservations", 0}, {"Participants", 0},
                                {"Places", 0}, {"Taux de remplissage (%)", 1}, {"Réservations inutilisées", 0},
                                {"Part inutilisée (%)", 1}},
                    .rows = {}};
            for (auto& r : a.spaces) {
                std::vector<TableCell> row;
                row.emplace_back(r.period.start);
                row.emplace_back(r.period.end);
                row.emplace_back(r.group.name);
                row.push_back(whole(r.spaces));
                row.push_back(number(r.hours_open));
                row.push_back(TableCell{r.hours_booked});
                row.push_back(percent(r.hours_rate));
                for (int v : {r.bookings, r.attendees, r.seats}) row.push_back(whole(v));
                row.push_back(percent(r.fill_rate));
                row.push_back(whole(r.unused));
                row.push_back(percent(r.unused_rate));
                t.rows.push_back(std::move(row));
            }
            return t;
        }
    }
    return {};
}

}  // namespace escale::indicators
