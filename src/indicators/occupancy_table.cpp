// SPDX-License-Identifier: EUPL-1.2
#include "indicators/occupancy_table.hpp"

namespace escale::indicators {
namespace {

template <class T>
TableCell cell(const std::optional<T>& v) {
    if (!v) return {};
    if constexpr (std::is_same_v<T, int>) return std::int64_t{*v};
    else return *v;
}

}  // namespace

Table occupancy_days_table(const Occupancy& o) {
    Table t{.title = "Occupation par jour",
            .columns = {{"Date"}, {"Postes offerts", 0}, {"Matin", 0}, {"Après-midi", 0}, {"Taux d'occupation (%)", 1}},
            .rows = {}};
    for (auto& d : o.days) {
        std::vector<TableCell> row;
        row.emplace_back(d.date);
        row.emplace_back(std::int64_t{o.desks});
        row.push_back(cell(d.am));
        row.push_back(cell(d.pm));
        row.push_back(d.rate ? TableCell{100 * *d.rate} : TableCell{});
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table occupancy_services_table(const Occupancy& o) {
    Table t{.title = "Occupation par service",
            .columns = {{"Service"}, {"Résidents", 0}, {"Demi-journées réservées", 0}},
            .rows = {}};
    for (auto& s : o.services) {
        std::vector<TableCell> row;
        row.emplace_back(s.name);
        row.emplace_back(std::int64_t{s.people});
        row.push_back(cell(s.half_days));
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace escale::indicators
