// SPDX-License-Identifier: EUPL-1.2
// A service: a State service or operator sharing a site (SGAR, DREETS, ...).
#pragma once

#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Service {
    ServiceId id = 0;
    SiteId site_id = 0;
    std::string code;  // short, unique on the site, e.g. "SGAR-MODERNISATION"
    std::string name;
};
BOOST_DESCRIBE_STRUCT(Service, (), (id, site_id, code, name))

}  // namespace escale
