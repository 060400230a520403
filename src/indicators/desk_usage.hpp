// SPDX-License-Identifier: EUPL-1.2
// Desk occupancy per period and group: desks offered (active desks × open half-days), desks
// booked, checked in and no-shows, with booked rate = booked ÷ offered, checked-in rate =
// checked in ÷ offered, no-show rate = no-shows ÷ booked; the peak and 95th percentile of the
// half-day demand over the period's open half-days; and the quartier overflow: bookings made
// for a service that has quartiers on the site, on a desk outside all of them. A rate whose
// divisor is zero is absent. Pure.
#pragma once

#include <optional>
#include <vector>

#include "indicators/analytics_groups.hpp"

namespace escale::indicators {

struct DeskUsageRow {
    PeriodKey period;
    GroupKey group;
    int desks = 0;           // active desks of the group
    int open_half_days = 0;  // of the period
    int offered = 0;         // desks × open half-days
    int booked = 0, checked_in = 0, no_show = 0;
    std::optional<double> booked_rate, checked_in_rate, no_show_rate;
    int peak = 0, p95 = 0;
    int overflow = 0;
    std::optional<double> overflow_rate;  // overflow ÷ booked
};

// Rows by period then group; every (period, group) with desks or bookings.
std::vector<DeskUsageRow> desk_usage(const AnalyticsFacts& facts, const AnalyticsGroups& groups, Period period);

// Whether a booking for `service` on a desk of `zone` sits outside the service's quartiers
// (false for an unknown service or one without quartiers).
bool outside_own_quartier(const std::vector<ZoneFacts>& zones, std::optional<ServiceId> service,
                          std::optional<ZoneId> zone);

}  // namespace escale::indicators
