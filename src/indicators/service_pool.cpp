// SPDX-License-Identifier: EUPL-1.2
#include "indicators/service_pool.hpp"

#include <algorithm>
#include <tuple>

namespace escale::indicators {

std::optional<ServiceId> ServicePool::shown_as(std::optional<ServiceId> service) const {
    if (service && std::any_of(alone.begin(), alone.end(), [&](const ServiceSize& s) { return s.id == *service; }))
        return service;
    return std::nullopt;
}

ServicePool pool_services(const std::vector<ServiceSize>& services, const std::set<std::optional<ServiceId>>& used) {
    ServicePool out;
    for (auto& s : services) {
        if (s.people >= minimum_group) out.alone.push_back(s);
        else out.pool_people += s.people;
    }
    std::sort(out.alone.begin(), out.alone.end(),
              [](auto& a, auto& b) { return std::tie(a.people, a.id) < std::tie(b.people, b.id); });
    out.pool_exists = out.pool_people > 0 ||
                      std::any_of(used.begin(), used.end(), [&](auto& id) { return !out.shown_as(id); });
    while (out.pool_exists && out.pool_people < minimum_group && !out.alone.empty()) {
        out.pool_people += out.alone.front().people;
        out.alone.erase(out.alone.begin());
    }
    out.withheld = out.pool_exists && out.pool_people < minimum_group;
    std::sort(out.alone.begin(), out.alone.end(), [](auto& a, auto& b) { return a.id < b.id; });
    return out;
}

}  // namespace escale::indicators
