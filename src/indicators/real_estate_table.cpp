// SPDX-License-Identifier: EUPL-1.2
#include "indicators/real_estate_table.hpp"

namespace escale::indicators {
namespace {

std::vector<TableColumn> columns() {
    return {{"Périmètre"},
            {"Nom"},
            {"Résidents", 0},
            {"Résidents pondérés"},
            {"Résidents (ETP)"},
            {"Postes de travail", 0},
            {"Surface SUB (m²)", 1},
            {"Taux de foisonnement"},
            {"m² SUB par résident", 1},
            {"m² SUB par poste", 1},
            {"Position (cible 16 m², plafond 18 m²)"},
            {"Surface de référence (m²)", 1},
            {"Réduction de surface (%)", 1},
            {"Avancement vers -25 % (%)", 1}};
}

TableCell cell(const std::optional<double>& v) { return v ? TableCell{*v} : TableCell{}; }

std::vector<TableCell> row(const char* scope, const std::string& name, const Figures& f,
                           const std::optional<Reduction>& reduction) {
    std::vector<TableCell> r;
    r.reserve(14);
    r.emplace_back(std::string(scope));
    r.emplace_back(name);
    r.emplace_back(std::int64_t{f.residents});
    r.emplace_back(f.residents_weighted);
    r.emplace_back(f.residents_fte);
    r.emplace_back(std::int64_t{f.desks});
    r.emplace_back(f.sub_m2);
    r.push_back(cell(f.taux_foisonnement));
    r.push_back(cell(f.sub_m2_per_resident));
    r.push_back(cell(f.sub_m2_per_desk));
    if (f.surface_status) r.emplace_back(std::string(french(*f.surface_status)));
    else r.emplace_back();
    if (reduction) {
        r.push_back(reduction->baseline_sub_m2);
        r.push_back(reduction->reduction_percent);
        r.push_back(reduction->progress_percent);
    } else {
        r.resize(r.size() + 3);
    }
    return r;
}

}  // namespace

const char* french(SurfaceStatus s) {
    switch (s) {
        case SurfaceStatus::within_target: return "dans la cible";
        case SurfaceStatus::within_ceiling: return "entre la cible et le plafond";
        case SurfaceStatus::above_ceiling: return "au-dessus du plafond";
    }
    return "";
}

Table real_estate_table(const SiteIndicators& site) {
    Table t{.title = "Indicateurs immobiliers", .columns = columns(), .rows = {}};
    t.rows.push_back(row("Site", site.name, site, site.reduction));
    for (auto& q : site.quartiers) t.rows.push_back(row("Quartier", q.name, q, std::nullopt));
    return t;
}

Table real_estate_table(const PortfolioIndicators& portfolio) {
    Table t{.title = "Parc immobilier", .columns = columns(), .rows = {}};
    for (auto& s : portfolio.sites) t.rows.push_back(row("Site", s.name, s, s.reduction));
    t.rows.push_back(row("Total", "Ensemble des sites", portfolio.total, portfolio.reduction));
    return t;
}

}  // namespace escale::indicators
