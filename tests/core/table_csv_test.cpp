// SPDX-License-Identifier: EUPL-1.2
// Tables as CSV for French spreadsheets: decimal commas with each column's decimals, dates as
// JJ/MM/AAAA, empty cells, no "-0", and text read back intact by the project's own reader.
#include "core/table_csv.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "core/csv.hpp"

namespace escale {
namespace {

TEST(TableCsv, FrenchDecimals) {
    EXPECT_EQ(french_decimal(12.5, 2), "12,50");
    EXPECT_EQ(french_decimal(0.805555, 2), "0,81");
    EXPECT_EQ(french_decimal(3, 0), "3");
    EXPECT_EQ(french_decimal(-0.001, 1), "0,0");  // never "-0,0"
    EXPECT_EQ(french_decimal(-2.25, 1), "-2,2");  // round half to even, as printf does
}

TEST(TableCsv, CellsAreWrittenByKind) {
    Table t{.title = "Essai",
            .columns = {{"Nom"}, {"Effectif", 0}, {"Taux"}, {"Jour"}, {"Vide"}},
            .rows = {}};
    std::vector<TableCell> row;
    row.emplace_back(std::string("Quartier « Nord »; est"));
    row.emplace_back(std::int64_t{36});
    row.emplace_back(29.0 / 36);
    row.emplace_back(Date{date::year{2026}, date::month{3}, date::day{3}});
    row.emplace_back();
    t.rows.push_back(row);
    std::vector<TableCell> nan_row;
    nan_row.emplace_back(std::string("=SOMME(A1)"));
    nan_row.emplace_back(std::int64_t{-4});
    nan_row.emplace_back(std::nan(""));
    nan_row.resize(5);
    t.rows.push_back(nan_row);
    std::string text = table_csv(t);
    EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF"));
    auto parsed = parse_csv(text);
    ASSERT_TRUE(parsed);
    ASSERT_EQ(parsed->size(), 3u);
    EXPECT_EQ((*parsed)[0].fields, (std::vector<std::string>{"Nom", "Effectif", "Taux", "Jour", "Vide"}));
    EXPECT_EQ((*parsed)[1].fields,
              (std::vector<std::string>{"Quartier « Nord »; est", "36", "0,81", "03/03/2026", ""}));
    // A formula-like text is defused; a number that is not finite is left empty.
    EXPECT_EQ((*parsed)[2].fields, (std::vector<std::string>{"'=SOMME(A1)", "-4", "", "", ""}));
}

}  // namespace
}  // namespace escale
