// SPDX-License-Identifier: EUPL-1.2
// A locker (casier): a place on a floor, optionally in a quartier and at a point of the floor
// plan. Who holds it, and when, is a LockerAssignment (core/locker_assignment.hpp).
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Locker {
    LockerId id = 0;
    SiteId site_id = 0;
    FloorId floor_id = 0;
    std::string label;
    std::optional<ZoneId> zone_id{};  // the quartier it stands in, if any (on its floor)
    double x = 0, y = 0;            // position on the floor plan (0, 0 when not drawn)
};
BOOST_DESCRIBE_STRUCT(Locker, (), (id, site_id, floor_id, label, zone_id, x, y))

}  // namespace escale
