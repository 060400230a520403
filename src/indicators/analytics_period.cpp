// SPDX-License-Identifier: EUPL-1.2
#include "indicators/analytics_period.hpp"

#include <array>
#include <utility>

namespace escale::indicators {
namespace {

constexpr std::array<std::pair<Period, std::string_view>, 4> periods{
    {{Period::half_day, "half_day"}, {Period::day, "day"}, {Period::week, "week"}, {Period::month, "month"}}};
constexpr std::array<std::pair<Grouping, std::string_view>, 5> groupings{{{Grouping::site, "site"},
                                                                          {Grouping::floor, "floor"},
                                                                          {Grouping::quartier, "quartier"},
                                                                          {Grouping::service, "service"},
                                                                          {Grouping::space_type, "space_type"}}};

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
    for (auto& [p, name] : periods)
        if (name == text) return p;
    return std::nullopt;
}

const char* to_string(Period p) {
    for (auto& [q, name] : periods)
        if (q == p) return name.data();
    return "";
}

std::optional<Grouping> parse_grouping(std::string_view text) {
    for (auto& [g, name] : groupings)
        if (name == text) return g;
    return std::nullopt;
}

const char* to_string(Grouping g) {
    for (auto& [h, name] : groupings)
        if (h == g) return name.data();
    return "";
}

int iso_weekday(Date d) { return static_cast<int>(date::weekday{date::sys_days{d}}.iso_encoding()); }

PeriodKey period_of(Date d, Half h, Period p) {
    switch (p) {
        case Period::half_day: return {d, d, h};
        case Period::day: return {d, d, std::nullopt};
        case Period::week: {
            auto monday = date::sys_days{d} - date::days{iso_weekday(d) - 1};
            return {Date{monday}, Date{monday + date::days{6}}, std::nullopt};
        }
        case Period::month: {
            auto first = d.year() / d.month() / 1;
            auto last = d.year() / d.month() / date::last;
            return {Date{first}, Date{last}, std::nullopt};
        }
    }
    return {d, d, std::nullopt};
}

}  // namespace escale::indicators
