// SPDX-License-Identifier: EUPL-1.2
// CSV reading in two linear passes: strict UTF-8 validation (with line numbers), then an
// RFC 4180 state machine over bytes. Bytes >= 0x80 never act as syntax, so the second
// pass can work byte by byte once the first has accepted the text.
#include "core/csv.hpp"

#include <cstddef>
#include <string>
#include <utility>

namespace escale {
namespace {

tl::unexpected<Error> csv_error(int line, std::string what) {
    return tl::unexpected(Error{ErrorKind::invalid_input, "invalid_csv", "Le fichier CSV n'est pas valide.",
                                {ErrorDetail{line, "", "Ligne " + std::to_string(line) + " : " + std::move(what)}}});
}

// Returns the 1-based line of the first invalid byte (bad UTF-8 or NUL), 0 when all is fine;
// sets nul when the offending byte is a NUL.
int find_invalid_byte(std::string_view s, bool& nul) {
    int line = 1;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b == '\n') ++line;
        if (b == 0) {
            nul = true;
            return line;
        }
        if (b < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            if (b == 0xE0) lo = 0xA0;  // overlong
            if (b == 0xED) hi = 0x9F;  // surrogates U+D800..DFFF
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            if (b == 0xF0) lo = 0x90;  // overlong
            if (b == 0xF4) hi = 0x8F;  // beyond U+10FFFF
        } else {
            return line;  // stray continuation, C0/C1 overlong lead, or F5..FF
        }
        for (std::size_t k = 1; k < len; ++k) {
            if (i + k >= n) return line;  // truncated at end of input
            const auto c = static_cast<unsigned char>(s[i + k]);
            const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
            if (c < min || c > max) return line;  // a newline here stays on this line
        }
        i += len;
    }
    return 0;
}

}  // namespace

Result<std::vector<CsvRow>> parse_csv(std::string_view text, char separator) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);

    bool nul = false;
    if (int bad = find_invalid_byte(text, nul); bad != 0)
        return csv_error(bad, nul ? "le fichier contient un caractère nul." : "le texte n'est pas de l'UTF-8 valide.");

    std::vector<CsvRow> rows;
    const std::size_t n = text.size();
    std::size_t i = 0;
    int line = 1;

    // Length of the line break at position p (LF or CRLF), 0 if none.
    auto line_break = [&](std::size_t p) -> std::size_t {
        if (p < n && text[p] == '\n') return 1;
        if (p + 1 < n && text[p] == '\r' && text[p + 1] == '\n') return 2;
        return 0;
    };

    while (i < n) {
        if (std::size_t br = line_break(i)) {  // blank line
            i += br;
            ++line;
            continue;
        }
        CsvRow row{line, {}};
        for (;;) {  // one field per iteration; the record ends at a line break or end of input
            std::string field;
            if (i < n && text[i] == '"') {
                const int opened = line;
                ++i;
                for (;;) {
                    if (i >= n) return csv_error(opened, "guillemet ouvrant sans guillemet fermant.");
                    const char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (c == '\n') ++line;
                    field += c;
                    ++i;
                }
                if (i < n && text[i] != separator && line_break(i) == 0)
                    return csv_error(line, "caractère inattendu après un guillemet fermant.");
            } else {
                while (i < n && text[i] != separator && line_break(i) == 0) {
                    if (text[i] == '"') return csv_error(line, "guillemet inattendu dans un champ non entre guillemets.");
                    field += text[i];
                    ++i;
                }
            }
            row.fields.push_back(std::move(field));
            if (i < n && text[i] == separator) {
                ++i;
                continue;
            }
            if (std::size_t br = line_break(i)) {
                i += br;
                ++line;
            }
            break;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {
// "-12" or "-0,5": a spreadsheet reads it as a number, never as a formula.
bool is_negative_number(std::string_view f) {
    if (f.size() < 2 || f[0] != '-') return false;
    f.remove_prefix(1);
    auto digits = [](std::string_view s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
    };
    auto comma = f.find(',');
    if (comma == std::string_view::npos) return digits(f);
    return digits(f.substr(0, comma)) && digits(f.substr(comma + 1));
}
}  // namespace

std::string write_csv(const std::vector<std::vector<std::string>>& records, char separator) {
    std::string out = "\xEF\xBB\xBF";
    for (auto& record : records) {
        for (size_t i = 0; i < record.size(); ++i) {
            if (i) out += separator;
            std::string field = record[i];
            if (!field.empty() && std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos &&
                !is_negative_number(field))
                field.insert(field.begin(), '\'');
            bool quote = field.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string::npos;
            if (!quote) {
                out += field;
                continue;
            }
            out += '"';
            for (char c : field) {
                if (c == '"') out += '"';
                out += c;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace escale
