// SPDX-License-Identifier: EUPL-1.2
// A closure day (jour de fermeture) of a site, on top of weekends and public holidays.
#pragma once

#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Closure {
    Id id = 0;
    SiteId site_id = 0;
    std::string date;  // YYYY-MM-DD, local to the site
    std::string reason;
};
BOOST_DESCRIBE_STRUCT(Closure, (), (id, site_id, date, reason))

}  // namespace escale
