// SPDX-License-Identifier: EUPL-1.2
// The groups a site's analytics rows are cut into, and which group a desk, a space or a
// booking belongs to: the whole site, a floor, a quartier (« Hors quartier » for what lies in
// none), a service (through the minimum group size's pool, indicators/service_pool), a space
// type (desks then form one group, « Postes de travail »). Pure.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "indicators/analytics_facts.hpp"
#include "indicators/analytics_period.hpp"
#include "indicators/service_pool.hpp"

namespace escale::indicators {

struct GroupKey {
    std::optional<Id> id;  // the floor, quartier or service; none for the site, a pool, a type
    std::string name;
    auto operator<=>(const GroupKey&) const = default;
};

class AnalyticsGroups {
public:
    AnalyticsGroups(Grouping by, const AnalyticsFacts& facts, const ServicePool& pool);

    // The group of desk bookings made for `service` on a desk of (floor, zone).
    GroupKey of_desk_booking(FloorId floor, std::optional<ZoneId> zone, std::optional<ServiceId> service) const;
    // The group of a booking of `space` made for `service`.
    GroupKey of_space_booking(SpaceId space, std::optional<ServiceId> service) const;
    // Active desks per group (by service: the desks of its quartiers).
    const std::map<GroupKey, int>& desks() const { return desks_; }
    // Spaces per group (by service: none, spaces belong to no service).
    const std::map<GroupKey, int>& spaces() const { return spaces_; }

private:
    GroupKey of_place(FloorId floor, std::optional<ZoneId> zone) const;
    GroupKey of_service(std::optional<ServiceId> service) const;

    Grouping by_;
    const AnalyticsFacts& facts_;
    const ServicePool& pool_;
    std::map<FloorId, std::string> floor_names_;
    std::map<ZoneId, const ZoneFacts*> zones_;
    std::map<SpaceId, const SpaceFacts*> spaces_by_id_;
    std::map<GroupKey, int> desks_, spaces_;
};

}  // namespace escale::indicators
