// SPDX-License-Identifier: EUPL-1.2
// A floor (niveau) of a site, with its SVG plan; desks and spaces sit on it at (x, y).
#pragma once

#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Floor {
    FloorId id = 0;
    SiteId site_id = 0;
    std::string name;
    int level = 0;          // 0 = ground floor
    std::string plan_svg;   // the plan drawn in the plan's own coordinates
};
BOOST_DESCRIBE_STRUCT(Floor, (), (id, site_id, name, level, plan_svg))

}  // namespace escale
