// Reads delimited text as French spreadsheets export it: ';'-separated UTF-8, with or
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

}  // namespace escale
