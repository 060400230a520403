// SPDX-License-Identifier: EUPL-1.2
// Which free lockers to offer a resident first: those nearest to their service's quartiers.
// Pure; see order_by_nearness for the order, which docs/architecture.md also states.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/desk.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/zone.hpp"

namespace escale {

// How near a locker is to the resident's service: in one of its quartiers, on a floor where
// it has a quartier, or elsewhere on the site.
enum class Nearness { quartier, floor, site };
const char* to_string(Nearness n);

struct LockerChoice {
    Locker locker;
    Nearness nearness = Nearness::site;
};

// The service's home as the site describes it: its quartiers, their floors, and for each such
// floor the centre of the service's desks there (when it has desks with a position).
struct ServiceHome {
    std::vector<ZoneId> zones;
    struct FloorHome {
        FloorId floor_id = 0;
        int level = 0;
        std::optional<std::pair<double, double>> centre;
    };
    std::vector<FloorHome> floors;
};

// The home of `service` on a site of these floors, quartiers and desks (none: empty home).
ServiceHome service_home(std::optional<ServiceId> service, std::span<const Floor> floors,
                         std::span<const Zone> zones, std::span<const Desk> desks);

// `lockers` ordered nearest first: by nearness (quartier, then floor, then site); within
// the same nearness, on a home floor by distance to the centre of the service's desks there,
// elsewhere by how many levels away from the nearest home floor; then by label and id.
// Without a home (no service, or a service without quartier) every locker is "site", by
// floor level, label and id. `floors` gives each locker's level (unknown floors rank last).
std::vector<LockerChoice> order_by_nearness(std::vector<Locker> lockers, const ServiceHome& home,
                                            std::span<const Floor> floors);

}  // namespace escale
