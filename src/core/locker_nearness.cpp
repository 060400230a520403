// SPDX-License-Identifier: EUPL-1.2
#include "core/locker_nearness.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

namespace escale {

const char* to_string(Nearness n) {
    switch (n) {
        case Nearness::quartier: return "quartier";
        case Nearness::floor: return "floor";
        case Nearness::site: return "site";
    }
    return "site";
}

ServiceHome service_home(std::optional<ServiceId> service, std::span<const Floor> floors,
                         std::span<const Zone> zones, std::span<const Desk> desks) {
    ServiceHome home;
    if (!service) return home;
    for (const Zone& z : zones)
        if (z.service_id == service) home.zones.push_back(z.id);
    for (const Floor& f : floors) {
        bool has_quartier = std::any_of(zones.begin(), zones.end(),
                                        [&](const Zone& z) { return z.service_id == service && z.floor_id == f.id; });
        if (!has_quartier) continue;
        double sx = 0, sy = 0;
        int n = 0;
        for (const Desk& d : desks) {
            if (d.floor_id != f.id || !d.zone_id) continue;
            if (std::find(home.zones.begin(), home.zones.end(), *d.zone_id) == home.zones.end()) continue;
            sx += d.x;
            sy += d.y;
            ++n;
        }
        ServiceHome::FloorHome fh{f.id, f.level, std::nullopt};
        if (n > 0) fh.centre = std::pair{sx / n, sy / n};
        home.floors.push_back(fh);
    }
    return home;
}

std::vector<LockerChoice> order_by_nearness(std::vector<Locker> lockers, const ServiceHome& home,
                                            std::span<const Floor> floors) {
    std::map<FloorId, int> level;
    for (const Floor& f : floors) level[f.id] = f.level;

    // The sort key of a locker: (nearness, distance within it, label, id).
    struct Keyed {
        LockerChoice choice;
        double distance = 0;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(lockers.size());
    for (Locker& l : lockers) {
        Keyed k{{std::move(l), Nearness::site}, 0};
        const Locker& lk = k.choice.locker;
        auto on_home = std::find_if(home.floors.begin(), home.floors.end(),
                                    [&](const ServiceHome::FloorHome& f) { return f.floor_id == lk.floor_id; });
        auto lvl = level.find(lk.floor_id);
        if (lk.zone_id && std::find(home.zones.begin(), home.zones.end(), *lk.zone_id) != home.zones.end())
            k.choice.nearness = Nearness::quartier;
        else if (on_home != home.floors.end())
            k.choice.nearness = Nearness::floor;
        if (k.choice.nearness != Nearness::site) {
            if (on_home != home.floors.end() && on_home->centre)
                k.distance = std::hypot(lk.x - on_home->centre->first, lk.y - on_home->centre->second);
        } else if (lvl == level.end()) {
            k.distance = INT_MAX;
        } else if (home.floors.empty()) {
            k.distance = lvl->second;  // no home: by level, lowest first
        } else {
            int best = INT_MAX;
            for (auto& f : home.floors) best = std::min(best, std::abs(lvl->second - f.level));
            k.distance = best;
        }
        keyed.push_back(std::move(k));
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.choice.nearness, a.distance, a.choice.locker.label, a.choice.locker.id) <
               std::tie(b.choice.nearness, b.distance, b.choice.locker.label, b.choice.locker.id);
    });
    std::vector<LockerChoice> out;
    out.reserve(keyed.size());
    for (auto& k : keyed) out.push_back(std::move(k.choice));
    return out;
}

}  // namespace escale
