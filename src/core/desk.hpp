// SPDX-License-Identifier: EUPL-1.2
// A desk (poste de travail): a bookable individual workstation placed on a floor plan.
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Desk {
    DeskId id = 0;
    SiteId site_id = 0;
    FloorId floor_id = 0;
    std::optional<ZoneId> zone_id;
    std::string label;
    double x = 0, y = 0;     // position on the floor plan
    int screens = 1;
    bool dock = false;       // docking station
    bool standing = false;   // sit-stand desk
    bool adapted = false;    // adapted / PMR
    bool active = true;      // bookable
};
BOOST_DESCRIBE_STRUCT(Desk, (), (id, site_id, floor_id, zone_id, label, x, y, screens, dock,
                                 standing, adapted, active))

}  // namespace escale
