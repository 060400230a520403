// SPDX-License-Identifier: EUPL-1.2
#include "core/local_date.hpp"

#include <fmt/format.h>

namespace escale {

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    Date date{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
    if (!date.ok() || y < 1900 || y > 2999) return std::nullopt;
    return date;
}

std::string format_date(Date d) {
    return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

std::optional<Half> parse_half(std::string_view text) {
    if (text == "am") return Half::am;
    if (text == "pm") return Half::pm;
    return std::nullopt;
}

const char* to_string(Half h) { return h == Half::am ? "am" : "pm"; }

}  // namespace escale
