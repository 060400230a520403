// SPDX-License-Identifier: EUPL-1.2
// The referential inside a transaction: sites, floors, quartiers, services, residents,
// desks, spaces, lockers, closures and role grants, each with the same generic calls, and
// the few lookups the use cases need beyond them. Part of a Transaction (store/store.hpp):
// it belongs to the transaction's thread and shares its error rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/closure.hpp"
#include "core/desk.hpp"
#include "core/error.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/resident.hpp"
#include "core/resident_category.hpp"
#include "core/role_grant.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale {

// Tag selecting an overload by entity type: tx.referential().list(Of<Desk>{}, site).
template <class T>
struct Of {};

// The referential entities, each with the same generic create/read/update/delete calls.
#define ESCALE_REFERENTIAL_ENTITIES(X) \
    X(Site) X(Floor) X(Zone) X(Service) X(Resident) X(Desk) X(Space) X(Locker) X(Closure) \
    X(RoleGrant) X(ResidentCategory)

class ReferentialStore {
public:
    virtual ~ReferentialStore() = default;

    // list() filters by site when one is given, by id. insert() ignores the id it is given
    // and returns the new one; it fails with "already_exists" (conflict) on a duplicate
    // natural key and "unknown_reference" on a missing parent. update() and remove() fail
    // with "not_found"; remove() with "in_use" when still referenced.
#define ESCALE_DECLARE_CRUD(T)                                                    \
    virtual Result<std::vector<T>> list(Of<T>, std::optional<SiteId> site) = 0; \
    virtual Result<std::optional<T>> find(Of<T>, Id id) = 0;                    \
    virtual Result<Id> insert(const T& value) = 0;                              \
    virtual Result<void> update(const T& value) = 0;                            \
    virtual Result<void> remove(Of<T>, Id id) = 0;
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_DECLARE_CRUD)
#undef ESCALE_DECLARE_CRUD

    // A number that changes whenever anything in the referential is created, updated or
    // deleted, by any process: what was derived from an older number may be stale.
    virtual Result<std::int64_t> version() = 0;

    // The desks of a floor, by id.
    virtual Result<std::vector<Desk>> desks_on_floor(FloorId floor) = 0;
    virtual Result<std::optional<Resident>> find_resident_by_email(const std::string& email) = 0;
    // The roles granted to resident r on any site, by id.
    virtual Result<std::vector<RoleGrant>> role_grants_of(ResidentId r) = 0;
};

}  // namespace escale
