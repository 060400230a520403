// SPDX-License-Identifier: EUPL-1.2
// Unit tests for parse_csv: line ends, BOM, RFC 4180 quoting, strict UTF-8, error lines,
// and a round-trip property over pseudo-random tables.
#include "core/csv.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace escale {
namespace {

using Fields = std::vector<std::string>;

std::vector<Fields> fields_of(const std::vector<CsvRow>& rows) {
    std::vector<Fields> out;
    for (const auto& r : rows) out.push_back(r.fields);
    return out;
}

std::vector<int> lines_of(const std::vector<CsvRow>& rows) {
    std::vector<int> out;
    for (const auto& r : rows) out.push_back(r.line);
    return out;
}

// Parses text that must be valid and returns its rows.
std::vector<CsvRow> ok(std::string_view text, char sep = ';') {
    auto r = parse_csv(text, sep);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().details.empty() ? r.error().message
                                                                        : r.error().details[0].message);
    return r ? *r : std::vector<CsvRow>{};
}

// Parses text that must be rejected; checks the shape of the error and returns its only detail.
ErrorDetail rejected(std::string_view text, char sep = ';') {
    auto r = parse_csv(text, sep);
    EXPECT_FALSE(r.has_value());
    if (r) return {};
    EXPECT_EQ(r.error().kind, ErrorKind::invalid_input);
    EXPECT_EQ(r.error().code, "invalid_csv");
    EXPECT_EQ(r.error().message, "Le fichier CSV n'est pas valide.");
    EXPECT_EQ(r.error().details.size(), 1u);
    if (r.error().details.empty()) return {};
    return r.error().details[0];
}

const std::string kUtf8Msg = "le texte n'est pas de l'UTF-8 valide.";

void expect_error(std::string_view text, int line, const std::string& what) {
    ErrorDetail d = rejected(text);
    EXPECT_EQ(d.line, line);
    EXPECT_EQ(d.field, "");
    EXPECT_EQ(d.message, "Ligne " + std::to_string(line) + " : " + what);
}

// ---- basics --------------------------------------------------------------------------

TEST(ParseCsv, EmptyInputGivesNoRows) {
    auto r = parse_csv("");
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->empty());
}

TEST(ParseCsv, OnlyBomOrBlankLinesGivesNoRows) {
    EXPECT_TRUE(ok("\xEF\xBB\xBF").empty());
    EXPECT_TRUE(ok("\n\r\n\n").empty());
    EXPECT_TRUE(ok("\xEF\xBB\xBF\r\n").empty());
}

TEST(ParseCsv, SimpleLfWithTrailingNewline) {
    auto rows = ok("nom;prénom\nDupont;Jean\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"nom", "prénom"}, {"Dupont", "Jean"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2}));
}

TEST(ParseCsv, LastLineWithoutNewline) {
    auto rows = ok("a;b\nc;d");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2}));
}

TEST(ParseCsv, SingleFieldNoNewline) {
    EXPECT_EQ(fields_of(ok("x")), (std::vector<Fields>{{"x"}}));
}

TEST(ParseCsv, Crlf) {
    auto rows = ok("a;b\r\nc;d\r\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2}));
}

TEST(ParseCsv, MixedLineEnds) {
    auto rows = ok("a;b\r\nc;d\ne;f\r\ng;h");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2, 3, 4}));
}

TEST(ParseCsv, BomIsDropped) {
    auto rows = ok("\xEF\xBB\xBFnom;site\r\nDupont;Ségur\r\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"nom", "site"}, {"Dupont", "Ségur"}}));
    EXPECT_EQ(rows[0].fields[0].size(), 3u);
}

TEST(ParseCsv, BomOnlyDroppedAtStart) {
    // A BOM elsewhere is a valid U+FEFF character and stays in the field.
    auto rows = ok("a\n\xEF\xBB\xBF" "b");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a"}, {"\xEF\xBB\xBF" "b"}}));
}

TEST(ParseCsv, NoBomFirstFieldIntact) {
    EXPECT_EQ(fields_of(ok("nom;site")), (std::vector<Fields>{{"nom", "site"}}));
}

TEST(ParseCsv, EmptyFields) {
    auto rows = ok(";a;;b;\n;\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"", "a", "", "b", ""}, {"", ""}}));
}

TEST(ParseCsv, QuotedEmptyField) {
    EXPECT_EQ(fields_of(ok("\"\";x;\"\"")), (std::vector<Fields>{{"", "x", ""}}));
}

TEST(ParseCsv, LineOfSeparatorsIsNotBlank) {
    auto rows = ok("a;b\n;\nc;d\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b"}, {"", ""}, {"c", "d"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2, 3}));
}

TEST(ParseCsv, BlankLinesSkippedAndLinesStillCounted) {
    auto rows = ok("\na;b\n\n\r\nc;d\n\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{2, 5}));
}

TEST(ParseCsv, SpacesAreKeptNotTrimmed) {
    auto rows = ok(" a ; b \n   \n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{" a ", " b "}, {"   "}}));
}

TEST(ParseCsv, TrailingSeparatorAtEndOfInput) {
    EXPECT_EQ(fields_of(ok("a;b;")), (std::vector<Fields>{{"a", "b", ""}}));
}

// ---- quoting -------------------------------------------------------------------------

TEST(ParseCsv, QuotedSeparator) {
    EXPECT_EQ(fields_of(ok("\"a;b\";c\n")), (std::vector<Fields>{{"a;b", "c"}}));
}

TEST(ParseCsv, EscapedQuotes) {
    EXPECT_EQ(fields_of(ok("\"il a dit \"\"bonjour\"\"\";\"\"\"\"\n")),
              (std::vector<Fields>{{"il a dit \"bonjour\"", "\""}}));
}

TEST(ParseCsv, MultiLineQuotedFieldLf) {
    auto rows = ok("id;adresse\n1;\"20 avenue de Ségur\n75007 Paris\";x\n2;y\n");
    EXPECT_EQ(fields_of(rows),
              (std::vector<Fields>{{"id", "adresse"}, {"1", "20 avenue de Ségur\n75007 Paris", "x"}, {"2", "y"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 2, 4}));
}

TEST(ParseCsv, MultiLineQuotedFieldKeepsCrlf) {
    auto rows = ok("\"a\r\nb\r\n\r\nc\";d\r\ne;f\r\n");
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a\r\nb\r\n\r\nc", "d"}, {"e", "f"}}));
    EXPECT_EQ(lines_of(rows), (std::vector<int>{1, 5}));
}

TEST(ParseCsv, QuotedFieldEndingRecordWithoutNewline) {
    EXPECT_EQ(fields_of(ok("a;\"b\"")), (std::vector<Fields>{{"a", "b"}}));
}

TEST(ParseCsv, CommaSeparatorWhenAsked) {
    auto rows = ok("a,\"b,c\",d;e\n", ',');
    EXPECT_EQ(fields_of(rows), (std::vector<Fields>{{"a", "b,c", "d;e"}}));
}

TEST(ParseCsv, CommaIsPlainTextWithDefaultSeparator) {
    EXPECT_EQ(fields_of(ok("a,b;c")), (std::vector<Fields>{{"a,b", "c"}}));
}

TEST(ParseCsv, AccentedFrenchText) {
    auto rows = ok("Île-de-France;à côté;garçon;œuvre;« Escale »;Noël\n");
    EXPECT_EQ(fields_of(rows),
              (std::vector<Fields>{{"Île-de-France", "à côté", "garçon", "œuvre", "« Escale »", "Noël"}}));
}

TEST(ParseCsv, FourByteUtf8Accepted) {
    EXPECT_EQ(fields_of(ok("\xF0\x9F\x98\x80;\xF4\x8F\xBF\xBF")),  // U+1F600, U+10FFFF
              (std::vector<Fields>{{"\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF"}}));
}

TEST(ParseCsv, BoundaryCodePointsAccepted) {
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000
    ok("\xC2\x80;\xDF\xBF;\xE0\xA0\x80;\xED\x9F\xBF;\xEE\x80\x80;\xEF\xBF\xBF;\xF0\x90\x80\x80");
}

// ---- syntax errors -------------------------------------------------------------------

TEST(ParseCsv, UnterminatedQuoteReportsOpeningLine) {
    expect_error("a;b\nc;d\ne;f\ng;h\ni;\"jamais fermé\nsuite\n", 5, "guillemet ouvrant sans guillemet fermant.");
}

TEST(ParseCsv, UnterminatedQuoteAtVeryEnd) {
    expect_error("a;\"", 1, "guillemet ouvrant sans guillemet fermant.");
}

TEST(ParseCsv, StrayQuoteInUnquotedField) {
    expect_error("a;b\nc;d\"e\n", 2, "guillemet inattendu dans un champ non entre guillemets.");
}

TEST(ParseCsv, StrayQuoteAtEndOfUnquotedField) {
    expect_error("ab\"", 1, "guillemet inattendu dans un champ non entre guillemets.");
}

TEST(ParseCsv, TextAfterClosingQuote) {
    expect_error("a\nb\nc\n\"x\"y;z\n", 4, "caractère inattendu après un guillemet fermant.");
}

TEST(ParseCsv, TextAfterClosingQuoteOfMultiLineFieldReportsCurrentLine) {
    expect_error("\"a\nb\" c\n", 2, "caractère inattendu après un guillemet fermant.");
}

TEST(ParseCsv, SpaceAfterClosingQuoteIsRejected) {
    expect_error("\"a\" ;b\n", 1, "caractère inattendu après un guillemet fermant.");
}

TEST(ParseCsv, LoneCrAfterClosingQuoteIsRejected) {
    expect_error("\"a\"\rb\n", 1, "caractère inattendu après un guillemet fermant.");
}

TEST(ParseCsv, NulByteRejected) {
    expect_error(std::string_view("a;b\nc\0d\n", 8), 2, "le fichier contient un caractère nul.");
}

TEST(ParseCsv, NulByteInsideQuotesRejected) {
    expect_error(std::string_view("\"a\0\"", 4), 1, "le fichier contient un caractère nul.");
}

// ---- invalid UTF-8 -------------------------------------------------------------------

TEST(ParseCsv, InvalidContinuation) { expect_error("ok\nnon;\xC3\x28\n", 2, kUtf8Msg); }
TEST(ParseCsv, Overlong3Bytes) { expect_error("a\nb\n\xE0\x80\xAF\n", 3, kUtf8Msg); }
TEST(ParseCsv, Overlong2Bytes) { expect_error("\xC0\xAF", 1, kUtf8Msg); }
TEST(ParseCsv, Overlong2BytesC1) { expect_error("x\n\xC1\xBF", 2, kUtf8Msg); }
TEST(ParseCsv, Overlong4Bytes) { expect_error("\xF0\x8F\xBF\xBF", 1, kUtf8Msg); }
TEST(ParseCsv, Surrogate) { expect_error("a;b\nc;d\ne;\xED\xA0\x80\n", 3, kUtf8Msg); }
TEST(ParseCsv, LowSurrogate) { expect_error("\xED\xBF\xBF", 1, kUtf8Msg); }
TEST(ParseCsv, AboveMaxCodePoint) { expect_error("a\n\n\n\xF4\x90\x80\x80", 4, kUtf8Msg); }
TEST(ParseCsv, LeadByteF5AndAbove) { expect_error("\xF5\x80\x80\x80", 1, kUtf8Msg); }
TEST(ParseCsv, ByteFF) { expect_error("a\n\xFF", 2, kUtf8Msg); }
TEST(ParseCsv, TruncatedAtEndOfInput) { expect_error("a;b\nc;\xC3", 2, kUtf8Msg); }
TEST(ParseCsv, Truncated4ByteAtEndOfInput) { expect_error("a\nb\n\xF0\x9F\x98", 3, kUtf8Msg); }
TEST(ParseCsv, TruncatedBeforeNewline) { expect_error("a\n\xE2\x82\nb\n", 2, kUtf8Msg); }
TEST(ParseCsv, LoneContinuationByte) { expect_error("a\nb\nc\nd\n\x80", 5, kUtf8Msg); }
TEST(ParseCsv, InvalidUtf8InsideMultiLineQuotedField) {
    expect_error("\"a\nb\nc\xA9\"\n", 3, kUtf8Msg);  // Latin-1 'é' style byte on line 3
}
TEST(ParseCsv, Latin1ExportRejected) { expect_error("nom\nd\xE9j\xE0\n", 2, kUtf8Msg); }
TEST(ParseCsv, TruncatedBomIsInvalid) { expect_error("\xEF\xBB" "a", 1, kUtf8Msg); }

// ---- round trip ----------------------------------------------------------------------

struct Lcg {
    std::uint64_t s;
    std::uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33);
    }
    std::uint32_t below(std::uint32_t n) { return next() % n; }
};

std::string quote_field(const std::string& f, char sep, bool force) {
    bool needs = force || f.empty() || f.find_first_of(std::string{sep, '"', '\n', '\r'}) != std::string::npos;
    if (!needs) return f;
    std::string out = "\"";
    for (char c : f) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

TEST(ParseCsv, RoundTripPseudoRandomTables) {
    const std::vector<std::string> pieces = {"a", "Z", "0", " ", ";", ",", "\"", "\n", "\r\n", "é", "œ", "«", "»", "ç", "x y"};
    Lcg rng{42};
    for (int iter = 0; iter < 400; ++iter) {
        const char sep = iter % 4 == 3 ? ',' : ';';
        const bool crlf = rng.below(2) == 0;
        const int nrows = 1 + static_cast<int>(rng.below(6));
        std::vector<Fields> table;
        std::string text = rng.below(3) == 0 ? "\xEF\xBB\xBF" : "";
        std::vector<int> expected_lines;
        int line = 1;
        for (int r = 0; r < nrows; ++r) {
            const int ncols = 1 + static_cast<int>(rng.below(5));
            Fields row;
            for (int c = 0; c < ncols; ++c) {
                std::string f;
                const int len = static_cast<int>(rng.below(6));
                for (int k = 0; k < len; ++k) f += pieces[rng.below(static_cast<std::uint32_t>(pieces.size()))];
                row.push_back(f);
            }
            // An all-empty single-field row would print as a blank line unless quoted; quoting
            // empties always keeps it.
            expected_lines.push_back(line);
            for (int c = 0; c < ncols; ++c) {
                if (c) text += sep;
                text += quote_field(row[c], sep, rng.below(4) == 0);
                for (char ch : row[c])
                    if (ch == '\n') ++line;
            }
            table.push_back(row);
            const bool last = r + 1 == nrows;
            if (!last || rng.below(2) == 0) {
                text += crlf ? "\r\n" : "\n";
                ++line;
            }
            if (!last && rng.below(5) == 0) {  // sprinkle a blank line
                text += "\n";
                ++line;
            }
        }
        auto parsed = parse_csv(text, sep);
        ASSERT_TRUE(parsed.has_value()) << "iteration " << iter << ": " << parsed.error().details[0].message;
        ASSERT_EQ(fields_of(*parsed), table) << "iteration " << iter;
        ASSERT_EQ(lines_of(*parsed), expected_lines) << "iteration " << iter;
    }
}

}  // namespace
}  // namespace escale

namespace escale {
namespace {

TEST(CsvWrite, RoundTripsThroughTheReaderWithBomAndCrlf) {
    std::vector<std::vector<std::string>> records{
        {"quand", "qui", "détails"},
        {"2026-03-02T08:00:00Z", "Élodie ; service « SGAR »", "ligne 1\nligne 2"},
        {"", "guillemet \" dedans", "fin"}};
    auto text = write_csv(records);
    EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(text.find("\r\n"), std::string::npos);
    auto back = parse_csv(text);
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->size(), records.size());
    for (size_t i = 0; i < records.size(); ++i) EXPECT_EQ((*back)[i].fields, records[i]) << i;
}

TEST(CsvWrite, NeutralisesWhatASpreadsheetWouldRunAsAFormula) {
    auto text = write_csv({{"=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "ok", "2-3", "-A1", "-", "-1,", "-,5"}});
    auto back = parse_csv(text);
    ASSERT_TRUE(back);
    EXPECT_EQ((*back)[0].fields, (std::vector<std::string>{"'=HYPERLINK(\"http://x\")", "'+1", "'-2+3", "'@SUM(A1)", "ok",
                                                           "2-3", "'-A1", "'-", "'-1,", "'-,5"}));
}

TEST(CsvWrite, LeavesNegativeNumbersAsNumbers) {
    auto back = parse_csv(write_csv({{"-2", "-20,5", "-0,75"}}));
    ASSERT_TRUE(back);
    EXPECT_EQ((*back)[0].fields, (std::vector<std::string>{"-2", "-20,5", "-0,75"}));
}

}  // namespace
}  // namespace escale
