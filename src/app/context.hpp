// What every use case needs: the store, the clock, and who is acting.
// A Context is cheap to copy; the Store and Clock it points to are shared between threads.
#pragma once

#include "core/clock.hpp"
#include "core/resident.hpp"
#include "store/store.hpp"

namespace escale::app {

class FloorPlanCache;

struct Context {
    Store& store;
    const Clock& clock;
    FloorPlanCache* floor_plans = nullptr;  // optional, shared by all requests
};

// The person on whose authority a use case runs. The CLI acts as the system (an admin
// with no resident id); HTTP requests act as the logged-in resident.
struct Actor {
    Resident resident;
    bool is_system = false;

    static Actor system() {
        Actor a;
        a.resident.role = Role::admin;
        a.is_system = true;
        return a;
    }
    bool has_role(Role at_least) const { return resident.role >= at_least; }
};

}  // namespace escale::app
