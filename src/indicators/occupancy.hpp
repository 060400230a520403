// SPDX-License-Identifier: EUPL-1.2
// Desk occupancy of a site over a period, as indicators that may leave the server: per day
// (half-days booked against desks offered) and per service, where no figure describes fewer
// than `minimum_group` people, not even by difference (the invariant "statistics are
// aggregated with a minimum group size (no figure about fewer than 5 people) before they
// leave the server", docs/architecture.md): services too small are pooled as "autres
// services", and while the pool is too small the smallest shown services join it (otherwise
// the day totals minus the shown services would give it away). When even the whole site is
// too small, the day figures are withheld too. Computed from the store's snapshot rows
// (core/half_day_count.hpp). Pure: no I/O, no shared state, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/half_day_count.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale::indicators {

inline constexpr int minimum_group = 5;

struct ServiceSize {
    ServiceId id = 0;
    std::string name;
    int people = 0;  // active residents
};

struct DayOccupancy {
    Date date;
    std::optional<int> am;  // none: withheld (the site has fewer than minimum_group people)
    std::optional<int> pm;
    std::optional<double> rate;  // (am + pm) / (2 × desks)
};

struct ServiceOccupancy {
    std::optional<ServiceId> service_id;  // none: the pool of small services (and people without one)
    std::string name;
    int people = 0;
    std::optional<int> half_days;  // none: withheld, fewer than minimum_group people
};

struct Occupancy {
    Date from, to;
    int desks = 0;
    std::vector<DayOccupancy> days;  // every date from..to
    std::vector<ServiceOccupancy> services;
};

// `counts` may come in any order; a count for a service missing from `services` goes to the pool.
Occupancy occupancy(Date from, Date to, int desks, const std::vector<HalfDayCount>& counts,
                    const std::vector<ServiceSize>& services);

}  // namespace escale::indicators
