// SPDX-License-Identifier: EUPL-1.2
// A collective space (espace collectif): meeting room, bubble, silence room, ...
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "core/ids.hpp"

namespace escale {

enum class SpaceType { meeting_room, bubble, silence_room, project_room, convivial_area };
BOOST_DESCRIBE_ENUM(SpaceType, meeting_room, bubble, silence_room, project_room, convivial_area)

struct Space {
    SpaceId id = 0;
    SiteId site_id = 0;
    FloorId floor_id = 0;
    std::optional<ZoneId> zone_id;
    std::string name;
    SpaceType type = SpaceType::meeting_room;
    int capacity = 1;
    double x = 0, y = 0;
};
BOOST_DESCRIBE_STRUCT(Space, (), (id, site_id, floor_id, zone_id, name, type, capacity, x, y))

}  // namespace escale
