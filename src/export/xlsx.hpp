// SPDX-License-Identifier: EUPL-1.2
// Tables (core/table.hpp) as an XLSX workbook, one sheet per table, through libxlsxwriter:
// numbers as numbers with their column's decimals, dates as real dates (JJ/MM/AAAA), the
// heading row bold and frozen. Safe from any thread (each call writes its own scratch file).
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/table.hpp"

namespace escale::export_ {

// The workbook's bytes; fails (internal) only when the scratch file cannot be written.
Result<std::string> xlsx_workbook(const std::vector<Table>& sheets);

}  // namespace escale::export_
