// SPDX-License-Identifier: EUPL-1.2
// A category of residents of a site (agents, prestataires, stagiaires...) and the weight with
// which each of its members counts in the State's real-estate indicators (a trainee present
// part of the year may count for 0.5). A resident without a category counts for 1.
#pragma once

#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct ResidentCategory {
    Id id = 0;
    SiteId site_id = 0;
    std::string name;   // unique on its site
    double weight = 1;  // 0..1
};
BOOST_DESCRIBE_STRUCT(ResidentCategory, (), (id, site_id, name, weight))

}  // namespace escale
