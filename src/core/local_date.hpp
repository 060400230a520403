// SPDX-License-Identifier: EUPL-1.2
// A calendar date with no time zone (a "wall" date in a site's zone), and the half-day
// slot used by desk bookings.
#pragma once

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

enum class Half { am, pm };  // morning, afternoon

std::optional<Half> parse_half(std::string_view text);
const char* to_string(Half h);

}  // namespace escale
