// SPDX-License-Identifier: EUPL-1.2
// What every use case needs: the store, the clock, and who is acting.
// A Context is cheap to copy; the Store and Clock it points to are shared between threads.
#pragma once

#include <vector>

#include "app/permissions.hpp"
#include "core/api_token.hpp"
#include "core/clock.hpp"
#include "core/errors.hpp"
#include "core/resident.hpp"
#include "store/store.hpp"

namespace escale::app {

class FloorPlanCache;
// occupancy analytics (issue 13, item 1): app/analytics_cache.hpp
class AnalyticsCache;
// occupancy analytics (issue 13, item 1): app/refusal_tally.hpp
class RefusalTally;
// notifications (issue 10, item 7): app/notifications.hpp
struct NotificationSettings;

struct Context {
    Store& store;
    const Clock& clock;
    FloorPlanCache* floor_plans = nullptr;  // optional, shared by all requests
    // notifications: links' public address, whether mails go out; null: in-app only, relative links
    const NotificationSettings* notifications = nullptr;
    // refused bookings counted in memory, written by the periodic jobs; null: each written at once
    RefusalTally* refusals = nullptr;
    // the analytics' folded counters of settled days; null: every question reads them all
    AnalyticsCache* analytics = nullptr;
};

// The person on whose authority a use case runs, with every role they hold. The CLI acts
// as the system (an administrator with no resident id); HTTP requests act as the
// logged-in resident.
struct Actor {
    Resident resident;
    std::vector<RoleGrant> roles;  // see roles_held (app/permissions.hpp)
    bool is_system = false;
    std::optional<ApiToken> api_token;  // set when the request came with an API token

    static Actor system() {
        Actor a;
        a.resident.role = Role::admin;
        a.roles = roles_held(a.resident, {});
        a.is_system = true;
        return a;
    }
    static Actor of(Resident r, std::span<const RoleGrant> grants) {
        Actor a{std::move(r), {}, false, std::nullopt};
        a.roles = roles_held(a.resident, grants);
        return a;
    }
    bool may(Permission p, const Scope& s) const { return allowed(roles, p, s); }
    // Succeeds when the actor has permission p on scope s; "forbidden" otherwise.
    Result<void> require(Permission p, const Scope& s) const {
        if (!may(p, s)) return fail(errors::forbidden());
        return {};
    }
};

}  // namespace escale::app
