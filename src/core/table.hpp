// SPDX-License-Identifier: EUPL-1.2
// A table of figures as people export it to a spreadsheet: titled columns and rows of typed
// cells (text, whole numbers, decimals, dates, UTC instants), so that each file format writes
// numbers as numbers and dates as dates (core/table_csv for French CSV, export/xlsx for XLSX).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/local_date.hpp"

namespace escale {

struct TableColumn {
    std::string heading;
    int decimals = 2;  // how many decimals a decimal cell of this column shows
};

// Empty, text, whole number, decimal, date, instant (written in UTC).
using TableCell = std::variant<std::monostate, std::string, std::int64_t, double, Date, Instant>;

struct Table {
    std::string title;  // the sheet's name: at most 31 characters, none of []:*?/\ .
    std::vector<TableColumn> columns;
    std::vector<std::vector<TableCell>> rows;  // each as long as columns
};

}  // namespace escale
