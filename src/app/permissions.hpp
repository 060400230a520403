// SPDX-License-Identifier: EUPL-1.2
// The permissions matrix: which role may do what, and how far its reach goes (one service,
// one site, every site). The one place where access rules live; every use case asks
// `require` (or `allowed`, to filter a list) before reading or writing. docs/permissions.md
// shows the same matrix as a table. Pure functions over immutable data: safe to share.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/resident.hpp"
#include "core/role_grant.hpp"

namespace escale::app {

enum class Permission {
    read_site,           // see a site's building: floors, plans, quartiers, desks, spaces, availability
    book_own,            // book and cancel one's own desk; take and release one's own locker
    book_for_others,     // book and cancel for someone else
    read_residents,      // see residents (personal data)
    manage_residents,    // create, update, deactivate, import residents
    manage_zone,         // update a quartier (its name, surface)
    manage_referential,  // floors, quartiers, desks, spaces, lockers, closures, services, site settings
    manage_roles,        // grant and revoke roles, change a resident's role
    read_statistics,     // aggregated indicators
    read_audit,          // read and export the audit log
    manage_sites,        // create and delete sites, make administrators
    // lockers
    assign_lockers,      // assign lockers to residents, release anyone's, see who holds which
    // presence planning
    read_service_presence,  // see who of a service is on site each day (its members also may)
    // planning engine (issue 12)
    plan_sites,          // measured presence, sizing, team days, scenarios (run, save, compare, export)
    // occupancy analytics (issue 13, item 1)
    record_flash_counts,  // record a count of the people present on a site or floor
    // surveys and remontées (issue 13, items 5 and 6)
    take_part,          // answer the surveys of one's service, post and support remontées
    manage_surveys,     // write surveys for services, read their results, compare them
    manage_remontees,   // answer remontées and change their status, remove them
};
inline constexpr int permission_count = 18;

// How far a role's permission reaches from where the role is held.
enum class Reach {
    none,
    service,     // the service the role is held on (référent)
    site,        // the whole site the role is held on
    everywhere,  // every site (administrator)
};

// Where an action takes effect: a site, and the service concerned when there is one
// (the resident's service, the quartier's service).
struct Scope {
    SiteId site_id = 0;
    std::optional<ServiceId> service_id;
};

// The matrix cell of (role, permission).
Reach reach(Role role, Permission p);

// Every role a resident holds: agent on their own site, their own role there (on their
// service for a référent; everywhere for an administrator), and their explicit grants.
std::vector<RoleGrant> roles_held(const Resident& r, std::span<const RoleGrant> grants);

// Whether one of `roles` gives permission p on scope s.
bool allowed(std::span<const RoleGrant> roles, Permission p, const Scope& s);
// Whether one of `roles` gives permission p on at least part of site `site` (a référent's
// service, say), or of some site when none is given: enough to ask for a list, which is
// then filtered item by item with `allowed`.
bool allowed_within(std::span<const RoleGrant> roles, Permission p, std::optional<SiteId> site);

// Whether one of `roles` gives permission p on every site (an administrator).
bool allowed_everywhere(std::span<const RoleGrant> roles, Permission p);

// Whether `roles` may turn resident `before` (who holds `before_grants`) into `after`
// (nullptr: creation, deletion). Managing residents is needed on both. A resident holding
// a role other than agent (before or after) is managed only by who manages roles on the
// site, an administrator only by who manages sites, and a resident holding grants only by
// who manages roles on each granted site. Changing an email (what a login is matched by)
// needs managing roles too. So a référent manages the plain agents of their service.
bool may_manage_resident(std::span<const RoleGrant> roles, const Resident* before,
                         std::span<const RoleGrant> before_grants, const Resident* after);

// Stable names, for documents and tests.
const char* to_string(Permission p);

}  // namespace escale::app
