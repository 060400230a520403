// SPDX-License-Identifier: EUPL-1.2
// The occupancy analytics' reads (issue 13, item 1), aggregated in SQL so that a year of a
// large site stays fast: desk usage per half-day, floor, quartier and service; the bookings of
// collective spaces; the desk demand turned away (waitlist entries not served, with the
// counters kept once entries are purged, and refused bookings); and flash counts. Part of a
// Transaction (store/store.hpp): it belongs to the transaction's thread.
#pragma once

#include <vector>

#include "core/desk_usage_count.hpp"
#include "core/error.hpp"
#include "core/flash_count.hpp"
#include "core/space_usage.hpp"
#include "core/turned_away_count.hpp"

namespace escale {

class AnalyticsStore {
public:
    virtual ~AnalyticsStore() = default;

    // Desk bookings of site `site` with from <= date <= to, cancelled ones aside, counted per
    // (date, half, desk's floor and quartier, service booked for), by date and half.
    virtual Result<std::vector<DeskUsageCount>> desk_usage(SiteId site, Date from, Date to) = 0;
    // Collective-space bookings of site `site` overlapping [from, to), cancelled ones aside.
    virtual Result<std::vector<SpaceUsage>> space_usage(SiteId site, Instant from, Instant to) = 0;
    // Desk demand turned away on site `site` with from <= date <= to, per date and half-day.
    virtual Result<std::vector<TurnedAwayCount>> turned_away(SiteId site, Date from, Date to) = 0;
    // Counts one desk booking refused on site `site` for (d, h) because the desk was taken.
    virtual Result<void> note_refusal(SiteId site, Date d, Half h) = 0;

    virtual Result<FlashCountId> insert_flash_count(const FlashCount& c) = 0;
    // The flash counts of site `site` with from <= date <= to, by instant.
    virtual Result<std::vector<FlashCount>> flash_counts(SiteId site, Date from, Date to) = 0;
};

}  // namespace escale
