// SPDX-License-Identifier: EUPL-1.2
// The residents' CSV file as spreadsheets export it (POST /api/v1/sites/{id}/residents/import):
// core/csv's reader, which app/resident_import runs first on the uploaded text. Asserts that
// whatever is read is written back by write_csv (the exports' writer) into a text that reads
// back to the same records: the same fields, but for the apostrophe put before a field a
// spreadsheet would run as a formula and the records without text, which are blank lines.
#include "check.hpp"
#include "core/csv.hpp"

namespace {

// What write_csv makes of a field, as parse_csv reads it back.
std::string as_written(const std::string& field) {
    bool formula = !field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos;
    bool negative_number = field.size() >= 2 && field[0] == '-' &&
                           field.find_first_not_of("0123456789,", 1) == std::string::npos &&
                           field.find(',') == field.rfind(',') && field[1] != ',' && field.back() != ',';
    return formula && !negative_number ? "'" + field : field;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace escale;
    auto rows = parse_csv(fuzz::text_of(data, size));
    if (!rows) return 0;
    std::vector<std::vector<std::string>> records;
    std::vector<std::vector<std::string>> expected;
    int previous_line = 0;
    for (auto& row : *rows) {
        FUZZ_CHECK(!row.fields.empty(), "a record without fields");
        FUZZ_CHECK(row.line > previous_line, "record lines not increasing");
        previous_line = row.line;
        records.push_back(row.fields);
        if (row.fields.size() == 1 && row.fields[0].empty()) continue;  // written as a blank line
        auto& e = expected.emplace_back();
        for (auto& f : row.fields) e.push_back(as_written(f));
    }
    auto again = parse_csv(write_csv(records));
    FUZZ_CHECK(again.has_value(), "write_csv wrote what parse_csv refuses");
    FUZZ_CHECK(again->size() == expected.size(), "write_csv changed the number of records");
    for (std::size_t i = 0; i < expected.size(); ++i)
        FUZZ_CHECK((*again)[i].fields == expected[i], "write_csv changed a record");
    return 0;
}
