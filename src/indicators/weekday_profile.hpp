// SPDX-License-Identifier: EUPL-1.2
// The weekday profile of desk demand over a range (where the Tuesday/Thursday peak shows):
// per weekday and group, the open half-days that fell on it, the desks booked on them, the
// mean booked per half-day, and booked and checked-in rates against the desks offered. Pure.
#pragma once

#include <optional>
#include <vector>

#include "indicators/analytics_groups.hpp"

namespace escale::indicators {

struct WeekdayRow {
    int weekday = 1;  // 1 = Monday … 7 = Sunday
    GroupKey group;
    int open_half_days = 0;
    int booked = 0, checked_in = 0;
    std::optional<double> mean_booked;  // booked ÷ open half-days
    std::optional<double> booked_rate, checked_in_rate;  // ÷ (desks × open half-days)
};

// Rows by weekday then group; weekdays with open half-days or bookings.
std::vector<WeekdayRow> weekday_profile(const AnalyticsFacts& facts, const AnalyticsGroups& groups);

}  // namespace escale::indicators
