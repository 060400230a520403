// SPDX-License-Identifier: EUPL-1.2
// A table (core/table.hpp) as CSV for French spreadsheets: core/csv's writer (UTF-8 BOM, ';',
// formula-safe) with decimal commas and dates as JJ/MM/AAAA. Pure.
#pragma once

#include <string>

#include "core/table.hpp"

namespace escale {

// "12,50" for 12.5 with 2 decimals; "-0" never appears.
std::string french_decimal(double v, int decimals);

std::string table_csv(const Table& t);

}  // namespace escale
