// SPDX-License-Identifier: EUPL-1.2
#include "core/table_csv.hpp"

#include <cmath>

#include <date/date.h>
#include <fmt/format.h>

#include "core/csv.hpp"

namespace escale {

std::string french_decimal(double v, int decimals) {
    std::string text = fmt::format("{:.{}f}", v, decimals);
    if (text.starts_with('-') && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    if (auto dot = text.find('.'); dot != std::string::npos) text[dot] = ',';
    return text;
}

std::string table_csv(const Table& t) {
    std::vector<std::vector<std::string>> records;
    records.reserve(t.rows.size() + 1);
    auto& head = records.emplace_back();
    for (auto& c : t.columns) head.push_back(c.heading);
    for (auto& row : t.rows) {
        auto& out = records.emplace_back();
        for (std::size_t i = 0; i < row.size(); ++i) {
            int decimals = i < t.columns.size() ? t.columns[i].decimals : 2;
            out.push_back(std::visit(
                [&](const auto& v) -> std::string {
                    using V = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<V, std::monostate>) return "";
                    else if constexpr (std::is_same_v<V, std::string>) return v;
                    else if constexpr (std::is_same_v<V, std::int64_t>) return std::to_string(v);
                    else if constexpr (std::is_same_v<V, double>) return std::isfinite(v) ? french_decimal(v, decimals) : "";
                    else if constexpr (std::is_same_v<V, Date>)
                        return fmt::format("{:02}/{:02}/{:04}", unsigned(v.day()), unsigned(v.month()), int(v.year()));
                    else return date::format("%d/%m/%Y %T", v);
                },
                row[i]));
        }
    }
    return write_csv(records);
}

}  // namespace escale
