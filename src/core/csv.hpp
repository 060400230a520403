// SPDX-License-Identifier: EUPL-1.2
// Reads and writes delimited text as French spreadsheets export it: ';'-separated UTF-8, with or
// without a byte-order mark, CRLF or LF line ends, RFC 4180 quoting. Pure, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace escale {

struct CsvRow {
    int line = 0;                     // 1-based line number where the record starts
    std::vector<std::string> fields;  // unquoted, not trimmed
};

// Splits text into records. A leading UTF-8 BOM is dropped; blank lines are skipped.
// Quoted fields may hold the separator, "" for a quote, and line breaks.
// Fails with code "invalid_csv" (kind invalid_input) and details naming the line for:
// invalid UTF-8, an unterminated quoted field, a quote inside an unquoted field or
// text after a closing quote.
Result<std::vector<CsvRow>> parse_csv(std::string_view text, char separator = ';');

// Writes records the way parse_csv reads them and French spreadsheets open them: a UTF-8
// BOM, ';' separators, CRLF line ends, quotes where a field needs them. A field that a
// spreadsheet would take for a formula (starting with = + - @, a tab or a carriage return)
// is prefixed with an apostrophe, so an exported value never runs as a formula; a negative
// number written the French way ("-12", "-0,5") is left as it is, a number.
std::string write_csv(const std::vector<std::vector<std::string>>& records, char separator = ';');

}  // namespace escale
