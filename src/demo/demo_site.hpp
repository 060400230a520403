// SPDX-License-Identifier: EUPL-1.2
// Demo sites: the prefecture's pilot and the 850-resident multi-agency building ("cite"),
// generated deterministically (seeded) so tests and benchmarks see the same data each run.
// Pure data, no I/O. Every id in a DemoSite is a local index (1-based, per entity type)
// and every reference (site_id, floor_id, zone_id, service_id) points at those local ids;
// the loader in app/ replaces them by database ids.
#pragma once

#include <string>
#include <vector>

#include "core/desk.hpp"
#include "core/floor.hpp"
#include "core/locker.hpp"
#include "core/resident.hpp"
#include "core/service.hpp"
#include "core/site.hpp"
#include "core/space.hpp"
#include "core/zone.hpp"

namespace escale::demo {

struct DemoSite {
    Site site;                        // id 1
    std::vector<Floor> floors;
    std::vector<Service> services;
    std::vector<Zone> zones;
    std::vector<Desk> desks;
    std::vector<Space> spaces;
    std::vector<Locker> lockers;
    std::vector<Resident> residents;  // emails unique, lower-case
    // lockers: who holds which locker at the start, by local ids.
    struct LockerHolder {
        LockerId locker_id = 0;
        ResidentId resident_id = 0;
    };
    std::vector<LockerHolder> locker_holders;
};

// The shared password of every demo account; printed by `escale serve` at start.
inline constexpr const char* demo_password = "escale-demo";

// The pilot: one floor, five services (three SGAR services, the pôle d'appui juridique,
// the direction régionale aux droits des femmes et à l'égalité), 36 residents, 29 desks in
// one quartier per service, 7 collective spaces, 36 lockers in banks by quartier, held by
// every service member but the last of each service.
DemoSite pilot_site();

// The multi-agency building: 10 services and operators, 850 residents, 750 desks over
// five floors of 150 desks, collective spaces in proportion, 850 lockers. Same seed, same
// site.
DemoSite cite_site(unsigned seed = 2026);

// A plain SVG plan of one floor: zones as labelled rectangles, desks and spaces drawn at
// their (x, y). Coordinates are the plan's own units (the viewBox).
std::string plan_svg(const DemoSite& s, FloorId floor);

}  // namespace escale::demo
