// SPDX-License-Identifier: EUPL-1.2
// A zone (quartier): an area of a floor, usually a service's home area.
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Zone {
    ZoneId id = 0;
    SiteId site_id = 0;
    FloorId floor_id = 0;
    std::optional<ServiceId> service_id;  // the service whose home this is, if any
    std::string name;
    double sub_m2 = 0;
};
BOOST_DESCRIBE_STRUCT(Zone, (), (id, site_id, floor_id, service_id, name, sub_m2))

}  // namespace escale
