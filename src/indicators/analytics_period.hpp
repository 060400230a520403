// SPDX-License-Identifier: EUPL-1.2
// How the occupancy analytics cut time and the building: the period a figure covers
// (half-day, day, week from Monday, calendar month) and what its rows are grouped by (the
// whole site, floor, quartier, service, space type). Pure.
#pragma once

#include <compare>
#include <optional>
#include <string_view>

#include "core/local_date.hpp"

namespace escale::indicators {

enum class Period { half_day, day, week, month };
enum class Grouping { site, floor, quartier, service, space_type };

std::optional<Period> parse_period(std::string_view text);
const char* to_string(Period p);
std::optional<Grouping> parse_grouping(std::string_view text);
const char* to_string(Grouping g);

// The period holding a half-day: its first and last dates, and the half for half-day periods.
struct PeriodKey {
    Date start;
    Date end;
    std::optional<Half> half;
    auto operator<=>(const PeriodKey& o) const {
        if (auto c = date_order(start, o.start); c != 0) return c;
        return half <=> o.half;
    }
    bool operator==(const PeriodKey& o) const { return start == o.start && half == o.half; }
};

PeriodKey period_of(Date d, Half h, Period p);

// 1 = Monday … 7 = Sunday.
int iso_weekday(Date d);

}  // namespace escale::indicators
