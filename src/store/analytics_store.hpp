// SPDX-License-Identifier: EUPL-1.2
// The occupancy analytics' reads (issue 13, item 1), from daily counters that the database
// keeps as bookings are written (migration v23), so that a year of a large site stays fast:
// desk usage per half-day, floor, quartier and service; collective-space use per day and
// space, and per day and service; the desk demand turned away (waitlist entries not served,
// with the counters kept once entries are purged, and refused bookings); and flash counts.
// Part of a Transaction (store/store.hpp): it belongs to the transaction's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/desk_usage_count.hpp"
#include "core/error.hpp"
#include "core/flash_count.hpp"
#include "core/space_usage.hpp"
#include "core/turned_away_count.hpp"

namespace escale {

// Which of a site's days the servers may keep folded in memory (app/analytics_cache): the
// counters of days before `before` change rarely, and each change to one of them adds one to
// `generation` (counted by the database as the counters are written: migration v24 on SQLite,
// v26 on PostgreSQL).
struct SettledDays {
    std::optional<Date> before;  // none: no server has settled any day of the site yet
    std::int64_t generation = 0;
};

class AnalyticsStore {
public:
    virtual ~AnalyticsStore() = default;

    // Desk bookings of site `site` with from <= date <= to, cancelled ones aside, counted per
    // (date, half, desk's floor and quartier, service booked for), in no set order, each given
    // to `each` as it is read (a year of a large site is tens of thousands: none is held).
    virtual Result<void> desk_usage(SiteId site, Date from, Date to,
                                    const std::function<void(const DeskUsageCount&)>& each) = 0;
    // Collective-space bookings of site `site` starting on a local day from..to, cancelled ones
    // aside, added up per day and space (in no set order, given to `each` as read), and per
    // day and service (by date, then service).
    virtual Result<void> space_usage(SiteId site, Date from, Date to,
                                     const std::function<void(const SpaceUsageDay&)>& each) = 0;
    virtual Result<std::vector<SpaceUsageDay>> space_service_usage(SiteId site, Date from, Date to) = 0;
    // Desk demand turned away on site `site` with from <= date <= to, per date and half-day.
    virtual Result<std::vector<TurnedAwayCount>> turned_away(SiteId site, Date from, Date to) = 0;
    // Counts `n` desk bookings refused on site `site` for (d, h) because the desk was taken.
    virtual Result<void> note_refusals(SiteId site, Date d, Half h, int n) = 0;

    virtual Result<FlashCountId> insert_flash_count(const FlashCount& c) = 0;
    // The flash counts of site `site` with from <= date <= to, by instant.
    virtual Result<std::vector<FlashCount>> flash_counts(SiteId site, Date from, Date to) = 0;

    virtual Result<SettledDays> settled_days(SiteId site) = 0;
    // In a write transaction: moves site `site`'s settled boundary to `before` unless it is
    // already later, once every transaction that has written counters has ended, so that a
    // change counted against the old boundary cannot commit after a cache read the new one.
    virtual Result<void> settle_days_before(SiteId site, Date before) = 0;
};

}  // namespace escale
