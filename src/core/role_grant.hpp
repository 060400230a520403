// SPDX-License-Identifier: EUPL-1.2
// A role held by a person on a site other than (or beyond) their own: e.g. agent on one
// site and gestionnaire of another, lecteur of a site for the regional real-estate team.
// A référent's role is held on one service of the site. Administrators are not granted
// per site: an administrator is a resident whose own role is admin.
#pragma once

#include <optional>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"
#include "core/resident.hpp"

namespace escale {

struct RoleGrant {
    RoleGrantId id = 0;
    SiteId site_id = 0;
    ResidentId resident_id = 0;
    std::optional<ServiceId> service_id;  // set for a référent, and only for one
    Role role = Role::agent;
};
BOOST_DESCRIBE_STRUCT(RoleGrant, (), (id, site_id, resident_id, service_id, role))

}  // namespace escale
