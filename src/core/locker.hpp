// SPDX-License-Identifier: EUPL-1.2
// A locker (casier). Assignment to residents for a period comes with the lockers feature.
#pragma once

#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Locker {
    LockerId id = 0;
    SiteId site_id = 0;
    FloorId floor_id = 0;
    std::string label;
};
BOOST_DESCRIBE_STRUCT(Locker, (), (id, site_id, floor_id, label))

}  // namespace escale
