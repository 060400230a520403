// SPDX-License-Identifier: EUPL-1.2
// Use cases on the referential: sites, floors, zones, services, residents, desks, spaces,
// lockers, closure days and role grants. Who may read and write what is the permissions
// matrix's (app/permissions.hpp): lists come back filtered to what the actor may see.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

// T is one of ESCALE_REFERENTIAL_ENTITIES (store/store.hpp).
template <class T>
Result<std::vector<T>> list_entities(Context ctx, const Actor& actor, std::optional<SiteId> site);
template <class T>
Result<T> get_entity(Context ctx, const Actor& actor, Id id);
// Validates, checks that references exist on the same site, inserts; returns the stored value.
template <class T>
Result<T> create_entity(Context ctx, const Actor& actor, T value);
template <class T>
Result<T> update_entity(Context ctx, const Actor& actor, T value);
template <class T>
Result<void> delete_entity(Context ctx, const Actor& actor, Id id);

// A resident and, when a password is given, their local account, in one transaction.
Result<Resident> create_resident(Context ctx, const Actor& actor, Resident value,
                                 const std::optional<std::string>& password);

// A person and their local account as the command line's "user add" names them: the site by
// its id (none: the first site) and the service by its code. Same rules as create_resident.
struct NewUser {
    std::string email;
    std::string display_name;
    Role role = Role::agent;
    std::optional<SiteId> site;
    std::string service_code;  // empty: no service
    std::string password;
};
Result<Resident> add_user(Context ctx, const Actor& actor, const NewUser& user);

// A site with what a person needs to find their way in it (floor plans left out).
struct SiteDetail {
    Site site;
    std::vector<Floor> floors;
    std::vector<Zone> zones;
    std::vector<Service> services;
    std::vector<Space> spaces;
};
Result<SiteDetail> get_site_detail(Context ctx, const Actor& actor, SiteId id);

// Hardening (issue 14, finding 8): the plans stored before uploads were cleaned, reduced to
// their drawing as an upload now is (core/plan_svg.hpp); a plan the cleaner refuses is taken
// off its floor. Run by each server as it starts; a clean plan is left as it is, so this
// writes (and audits, as the system) only the first time. Returns how many plans changed.
Result<int> clean_stored_plans(Context ctx);

}  // namespace escale::app
