// SPDX-License-Identifier: EUPL-1.2
#include "core/long_text.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace escale {

int utf8_length(std::string_view text) {
    int n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string trimmed(std::string_view text) {
    constexpr std::string_view blanks = " \t\r\n";
    auto first = text.find_first_not_of(blanks);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(blanks);
    return std::string(text.substr(first, last - first + 1));
}

Result<void> check_long_text(std::string_view field, std::string_view value, int max_chars, bool required) {
    if (required && trimmed(value).empty()) return fail(errors::missing_field(field));
    for (unsigned char c : value)
        if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
            return fail(errors::invalid_field(field, "un texte sans caractère de contrôle"));
    if (utf8_length(value) > max_chars)
        return fail(errors::invalid_field(field, fmt::format("un texte de {} caractères au plus", max_chars)));
    return {};
}

}  // namespace escale
