// SPDX-License-Identifier: EUPL-1.2
// The minimum group size applied to figures per service (invariant 6): services of at least
// `minimum_group` active residents are shown alone; smaller ones, and bookings of no known
// service, are pooled as « Autres services »; while that pool exists and is too small, the
// smallest shown services join it (otherwise the totals minus the shown services would give
// it away); when even the whole site is too small, every figure is withheld. Pure.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "indicators/occupancy.hpp"

namespace escale::indicators {

struct ServicePool {
    std::vector<ServiceSize> alone;  // by id
    int pool_people = 0;
    bool pool_exists = false;
    bool withheld = false;  // the site itself is smaller than minimum_group

    // The service a figure about `service` is shown under: itself when alone, none for the pool.
    std::optional<ServiceId> shown_as(std::optional<ServiceId> service) const;
};

// `used`: the services figures are about (none: people of no known service).
ServicePool pool_services(const std::vector<ServiceSize>& services, const std::set<std::optional<ServiceId>>& used);

}  // namespace escale::indicators
