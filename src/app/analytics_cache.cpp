// SPDX-License-Identifier: EUPL-1.2
#include "app/analytics_cache.hpp"

#include <algorithm>

namespace escale::app {

std::shared_ptr<const FoldedUsage> AnalyticsCache::find(const FoldedUsageKey& key) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == key; });
    if (it == entries_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it);
    return it->second;
}

void AnalyticsCache::keep(FoldedUsageKey key, std::shared_ptr<const FoldedUsage> usage) {
    std::lock_guard lock(mutex_);
    // an entry of the same question at an older boundary or generation will not be asked again
    std::erase_if(entries_, [&](const auto& e) {
        return e.first.site == key.site && e.first.by == key.by && e.first.from == key.from && e.first.to == key.to;
    });
    entries_.emplace_front(std::move(key), std::move(usage));
    if (entries_.size() > capacity_) entries_.pop_back();
}

bool AnalyticsCache::settling_due(SiteId site, Date before) {
    std::lock_guard lock(mutex_);
    auto it = settled_.find(site);
    return it == settled_.end() || it->second < before;
}

void AnalyticsCache::settled(SiteId site, Date before) {
    std::lock_guard lock(mutex_);
    auto [it, added] = settled_.emplace(site, before);
    if (!added && it->second < before) it->second = before;
}

}  // namespace escale::app
