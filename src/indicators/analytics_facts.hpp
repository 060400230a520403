// SPDX-License-Identifier: EUPL-1.2
// What a site's occupancy analytics are computed from: the building as it stands (floors,
// quartiers, active desks, collective spaces, services and their sizes), the open days of
// the range and the hours a space is open each day, and the store's snapshot rows (desk
// usage, demand turned away, space use per day and space and per day and service). The app
// layer gathers them; the indicators compute from nothing else. Plain values.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/desk_usage_count.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"
#include "core/space_usage.hpp"
#include "core/turned_away_count.hpp"
#include "indicators/occupancy.hpp"

namespace escale::indicators {

struct FloorFacts {
    FloorId id = 0;
    std::string name;
};

struct ZoneFacts {
    ZoneId id = 0;
    FloorId floor_id = 0;
    std::string name;
    std::optional<ServiceId> service_id;  // whose quartier it is

    bool operator==(const ZoneFacts&) const = default;
};

struct DeskFacts {  // an active desk
    FloorId floor_id = 0;
    std::optional<ZoneId> zone_id;
};

struct SpaceFacts {
    SpaceId id = 0;
    FloorId floor_id = 0;
    std::optional<ZoneId> zone_id;
    std::string type;  // French label of its type
    int capacity = 1;

    bool operator==(const SpaceFacts&) const = default;
};

struct AnalyticsFacts {
    std::string site_name;
    std::vector<FloorFacts> floors;
    std::vector<ZoneFacts> zones;
    std::vector<DeskFacts> desks;
    std::vector<SpaceFacts> spaces;
    std::vector<ServiceSize> services;  // with their active residents
    std::vector<Date> open_days;        // the range's open days, in order
    double space_hours_per_day = 0;     // opening hours of an open day
    std::vector<DeskUsageCount> desk_usage;  // as stored, or merged (DeskUsageFold)
    std::set<std::optional<ServiceId>> desk_services;  // when merged: the services of the rows as stored
    std::vector<TurnedAwayCount> turned_away;
    std::vector<SpaceUsageDay> space_days;          // per day and space (or alike spaces: SpaceUsageFold)
    std::vector<SpaceUsageDay> space_service_days;  // per day and service
};

}  // namespace escale::indicators
