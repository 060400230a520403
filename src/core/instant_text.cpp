// SPDX-License-Identifier: EUPL-1.2
#include "core/instant_text.hpp"

#include <sstream>

#include <date/date.h>

namespace escale {

std::optional<Instant> parse_instant(std::string_view text) {
    std::istringstream in{std::string(text)};
    Instant t;
    in >> date::parse("%FT%TZ", t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
    return t;
}

std::string format_instant(Instant t) { return date::format("%FT%TZ", t); }

}  // namespace escale
