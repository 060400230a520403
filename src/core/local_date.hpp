// SPDX-License-Identifier: EUPL-1.2
// A calendar date with no time zone (a "wall" date in a site's zone), and the half-day
// slot used by desk bookings.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace escale {

using Date = date::year_month_day;

// Parses "YYYY-MM-DD" strictly (four-digit year 1900..2999, two-digit month and day, a
// real date).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);

// The order of two dates, compared field by field (no count of days since an epoch): for the
// keys of maps that a year of rows looks up.
inline std::strong_ordering date_order(Date a, Date b) {
    auto key = [](Date d) {
        return static_cast<int>(d.year()) * 512 + static_cast<int>(static_cast<unsigned>(d.month())) * 32 +
               static_cast<int>(static_cast<unsigned>(d.day()));
    };
    return key(a) <=> key(b);
}

enum class Half { am, pm };  // morning, afternoon

std::optional<Half> parse_half(std::string_view text);
const char* to_string(Half h);

}  // namespace escale
