// SPDX-License-Identifier: EUPL-1.2
#include "core/instant_text.hpp"

#include <sstream>

#include <date/date.h>

namespace escale {
namespace {

// Whether `text` at `at` has 1 to `most` digits followed by `then`; moves `at` past them both.
bool field(std::string_view text, std::size_t& at, std::size_t most, char then) {
    std::size_t n = 0;
    while (at < text.size() && n < most && text[at] >= '0' && text[at] <= '9') ++at, ++n;
    if (n == 0 || at >= text.size() || text[at] != then) return false;
    ++at;
    return true;
}

// The shape date::parse("%FT%TZ") is given: [+]Y-M-DTH:M:SZ, 1 to 4 digits for the year and 1
// or 2 for the others, nothing after. date::parse itself must not see a text whose seconds are
// missing: it then converts an unread (NaN) value to an integer, which is undefined
// behaviour (found by fuzz/dates.cpp on "2026-07-07T10:00+02:00").
bool has_instant_shape(std::string_view text) {
    std::size_t at = !text.empty() && text[0] == '+' ? 1 : 0;
    return field(text, at, 4, '-') && field(text, at, 2, '-') && field(text, at, 2, 'T') && field(text, at, 2, ':') &&
           field(text, at, 2, ':') && field(text, at, 2, 'Z') && at == text.size();
}

}  // namespace

std::optional<Instant> parse_instant(std::string_view text) {
    if (!has_instant_shape(text)) return std::nullopt;
    std::istringstream in{std::string(text)};
    Instant t;
    in >> date::parse("%FT%TZ", t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return t;
}

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

}  // namespace escale
