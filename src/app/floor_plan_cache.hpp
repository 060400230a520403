// SPDX-License-Identifier: EUPL-1.2
// What showing a floor's availability and booking one of its desks need from the
// referential — the floor, its site's calendar and booking horizon, its desks — kept
// between requests. Each entry carries the
// referential version it was read at (Transaction::referential_version); a reader that
// sees another version reloads it, so a change made by any process is seen at once.
// Safe to share between threads; entries are immutable once published.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/calendar.hpp"
#include "core/desk.hpp"
#include "core/floor.hpp"
#include "core/site.hpp"

namespace escale::app {

struct FloorPlan {
    std::int64_t version = 0;
    Floor floor;  // plan_svg left out
    Site site;
    SiteCalendar calendar;
    std::vector<Desk> desks;  // by id
};

class FloorPlanCache {
public:
    // The entry for floor if it was read at `version`, else null.
    std::shared_ptr<const FloorPlan> find(FloorId floor, std::int64_t version) const {
        std::lock_guard lock(mutex_);
        auto it = plans_.find(floor);
        if (it == plans_.end() || it->second->version != version) return nullptr;
        return it->second;
    }
    void publish(std::shared_ptr<const FloorPlan> plan) {
        std::lock_guard lock(mutex_);
        auto& slot = plans_[plan->floor.id];
        if (!slot || slot->version <= plan->version) slot = std::move(plan);
    }

private:
    mutable std::mutex mutex_;
    std::unordered_map<FloorId, std::shared_ptr<const FloorPlan>> plans_;
};

}  // namespace escale::app
