// SPDX-License-Identifier: EUPL-1.2
// The booking history of a demo site: several weeks of past desk bookings before the demo's
// "today", and optionally the first bookings of the coming days, so that the occupancy and the
// floor plans show something true-looking from the first minute. Pure and seeded: the same
// site, dates and seed give the same bookings on every platform.
//
// The shape of it: Tuesday and Thursday busiest, Monday and Friday quieter, each service
// with its own habits (a team day, a taste for being on site); half-days and whole days, part-
// time residents coming less often, about one booking in twenty cancelled. Never on a closed
// day (weekends, French public holidays: core/calendar). Live bookings keep the invariants:
// one per desk slot and one per resident slot. The site accounts (administrator,
// gestionnaire) book nothing.
#pragma once

#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/desk_booking.hpp"
#include "core/local_date.hpp"
#include "demo/demo_site.hpp"

namespace escale::demo {

// One generated booking. Ids (site, desk, resident, service) are the DemoSite's local ids, as
// everywhere in a DemoSite; `booking.id` is 0. A cancelled booking carries its state and
// the instant it was cancelled (after it was made, before its slot began).
struct DemoBooking {
    DeskBooking booking;
    std::optional<Instant> cancelled_at;
};

struct HistoryOptions {
    int past_weeks = 8;     // history covers the open days of [today - 7 × past_weeks, today)
    int coming_days = 0;    // open days from today on that also get (fewer, earlier-made) bookings
    unsigned seed = 2026;
};

// The bookings of `site`, by date, then half-day order of creation. Bookings made before
// `today` (created_at) only: a booking of the coming days was made on an earlier day.
std::vector<DemoBooking> booking_history(const DemoSite& site, Date today, const HistoryOptions& options = {});

}  // namespace escale::demo
