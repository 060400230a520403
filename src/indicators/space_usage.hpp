// SPDX-License-Identifier: EUPL-1.2
// Collective-space use per period and group (a half-day period counts as its day: a space
// booking is not cut at noon): hours booked over hours open (spaces × open days × opening
// hours), attendees over the seats of the spaces booked (how full a booked room is), and
// unused bookings (no-shows) over bookings. By service there are no hours open (spaces
// belong to no service). A ratio whose divisor is zero is absent. Pure.
#pragma once

#include <optional>
#include <vector>

#include "indicators/analytics_groups.hpp"

namespace escale::indicators {

struct SpaceUsageRow {
    PeriodKey period;
    GroupKey group;
    int spaces = 0;
    std::optional<double> hours_open;
    double hours_booked = 0;
    std::optional<double> hours_rate;  // hours booked ÷ hours open
    int bookings = 0;
    int attendees = 0;
    int seats = 0;                     // Σ capacity of the space of each booking
    std::optional<double> fill_rate;   // attendees ÷ seats
    int unused = 0;
    std::optional<double> unused_rate;  // unused ÷ bookings
};

std::vector<SpaceUsageRow> space_usage(const AnalyticsFacts& facts, const AnalyticsGroups& groups, Grouping by,
                                       Period period);

}  // namespace escale::indicators
