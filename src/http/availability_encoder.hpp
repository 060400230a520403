// SPDX-License-Identifier: EUPL-1.2
// The JSON of a floor's availability, the hottest answer of the API (every resident opening
// the plan of a 150-desk floor). What depends only on the floor plan — the floor and each
// desk up to its two statuses — is encoded once per plan version and reused; a request adds
// only the date and the statuses. Safe to share between threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/desk_booking.hpp"

namespace escale::http {

class AvailabilityEncoder {
public:
    // {"floor": {id, site_id, name, level}, "date", "closed", "desks": [{id, zone_id, label,
    // x, y, screens, dock, standing, adapted, active, am, pm}]}, am/pm being "free",
    // "yours" or "taken".
    std::string encode(const app::FloorAvailability& a) const;

private:
    struct Encoded {
        std::shared_ptr<const app::FloorPlan> plan;  // what the pieces were made from
        std::string floor;                           // {"floor":{...}
        std::vector<std::string> desks;              // {"id":...,"active":true,"am":"
    };
    std::shared_ptr<const Encoded> encoded(const std::shared_ptr<const app::FloorPlan>& plan) const;

    mutable std::mutex mutex_;
    mutable std::unordered_map<FloorId, std::shared_ptr<const Encoded>> cache_;
};

}  // namespace escale::http
