// SPDX-License-Identifier: EUPL-1.2
// A resident: a person attached to a site and a service, with a role and an FTE share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "core/ids.hpp"

namespace escale {

// What a person may do where they hold the role; app/permissions says exactly what. A
// resident holds `role` on their own site (a référent on their own service), and may hold
// others on other sites through role grants (core/role_grant.hpp).
enum class Role { agent, referent, gestionnaire, lecteur, admin };
BOOST_DESCRIBE_ENUM(Role, agent, referent, gestionnaire, lecteur, admin)

struct Resident {
    ResidentId id = 0;
    SiteId site_id = 0;
    std::optional<ServiceId> service_id;
    std::string email;         // unique, stored lower-case
    std::string display_name;
    int fte_percent = 100;     // quotité de travail, 10..100
    Role role = Role::agent;
    bool active = true;
    // The State's indicators (issue 13): the resident's category on their site, whose weight
    // they count with; none: counts for 1.
    std::optional<Id> category_id = std::nullopt;
    // Fair-booking rules (issue 10, item 4): the person needs an adapted (PMR) desk; sites
    // that keep adapted desks keep them for such people. Personal data (health-related):
    // read like the rest of the resident.
    bool needs_adapted_desk = false;
};
BOOST_DESCRIBE_STRUCT(Resident, (), (id, site_id, service_id, email, display_name, fte_percent,
                                     role, active, category_id, needs_adapted_desk))

// A removed resident stays as an anonymous row, so that their number is never given to
// someone else (the audit log and anonymised bookings refer to it): inactive, no service,
// and this reserved address (the .invalid domain cannot exist, RFC 2606).
std::string removed_resident_email(ResidentId id);
bool is_removed(const Resident& r);
Resident removed_resident(const Resident& r);

std::optional<Role> parse_role(std::string_view text);
const char* to_string(Role r);

}  // namespace escale
