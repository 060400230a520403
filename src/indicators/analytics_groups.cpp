// SPDX-License-Identifier: EUPL-1.2
#include "indicators/analytics_groups.hpp"

#include <algorithm>

namespace escale::indicators {
namespace {

const char* const outside_quartiers = "Hors quartier";
const char* const pool_name = "Autres services";
const char* const desks_name = "Postes de travail";

}  // namespace

AnalyticsGroups::AnalyticsGroups(Grouping by, const AnalyticsFacts& facts, const ServicePool& pool)
    : by_(by), facts_(facts), pool_(pool) {
    for (auto& f : facts.floors) floor_names_[f.id] = f.name;
    for (auto& z : facts.zones) zones_[z.id] = &z;
    for (auto& s : facts.spaces) spaces_by_id_[s.id] = &s;
    for (auto& d : facts.desks) {
        if (by == Grouping::service) {
            auto z = d.zone_id ? zones_.find(*d.zone_id) : zones_.end();
            if (z == zones_.end() || !z->second->service_id) continue;  // nobody's quartier
            ++desks_[of_service(z->second->service_id)];
        } else {
            ++desks_[of_desk_booking(d.floor_id, d.zone_id, std::nullopt)];
        }
    }
    if (by != Grouping::service)
        for (auto& s : facts.spaces) ++spaces_[of_space_booking(s.id, std::nullopt)];
}

GroupKey AnalyticsGroups::of_place(FloorId floor, std::optional<ZoneId> zone) const {
    switch (by_) {
        case Grouping::floor: {
            auto f = floor_names_.find(floor);
            return {floor, f == floor_names_.end() ? std::string() : f->second};
        }
        case Grouping::quartier: {
            auto z = zone ? zones_.find(*zone) : zones_.end();
            if (z == zones_.end()) return {std::nullopt, outside_quartiers};
            return {z->first, z->second->name};
        }
        default: return {std::nullopt, facts_.site_name};
    }
}

GroupKey AnalyticsGroups::of_service(std::optional<ServiceId> service) const {
    auto shown = pool_.shown_as(service);
    if (!shown) return {std::nullopt, pool_name};
    auto s = std::find_if(pool_.alone.begin(), pool_.alone.end(), [&](auto& a) { return a.id == *shown; });
    return {shown, s->name};
}

GroupKey AnalyticsGroups::of_desk_booking(FloorId floor, std::optional<ZoneId> zone,
                                          std::optional<ServiceId> service) const {
    if (by_ == Grouping::service) return of_service(service);
    if (by_ == Grouping::space_type) return {std::nullopt, desks_name};
    return of_place(floor, zone);
}

GroupKey AnalyticsGroups::of_space_booking(SpaceId space, std::optional<ServiceId> service) const {
    if (by_ == Grouping::service) return of_service(service);
    auto s = spaces_by_id_.find(space);
    if (s == spaces_by_id_.end()) return {std::nullopt, facts_.site_name};
    if (by_ == Grouping::space_type) return {std::nullopt, s->second->type};
    return of_place(s->second->floor_id, s->second->zone_id);
}

}  // namespace escale::indicators
