// SPDX-License-Identifier: EUPL-1.2
// The occupancy analytics' counters of settled days (store/analytics_store: SettledDays), read
// and folded once by this server and kept: a year's dashboard then reads only the days since
// the boundary (about a week) instead of a year of counters, which was most of its 50–70 ms on
// the cité. An entry is used only for the same site, grouping and days, at the same boundary
// and generation (so no change to a settled day since), with the same quartiers and spaces
// (the folds read their services, places and capacities). The least recently used entry goes
// beyond `capacity`. Shared by every request's thread; entries are immutable once kept.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "core/desk_usage_count.hpp"
#include "core/space_usage.hpp"
#include "indicators/analytics_facts.hpp"
#include "indicators/analytics_period.hpp"

namespace escale::app {

// A range's counters as the analytics' folds leave them (indicators/desk_usage_fold,
// indicators/space_usage_fold).
struct FoldedUsage {
    std::vector<DeskUsageCount> desks;
    std::set<std::optional<ServiceId>> desk_services;
    std::vector<SpaceUsageDay> spaces;  // none by service: spaces count per service there
};

struct FoldedUsageKey {
    SiteId site = 0;
    indicators::Grouping by = indicators::Grouping::site;
    Date from, to;
    Date settled_before;
    std::int64_t generation = 0;
    std::vector<indicators::ZoneFacts> zones;
    std::vector<indicators::SpaceFacts> spaces;

    bool operator==(const FoldedUsageKey&) const = default;
};

class AnalyticsCache {
public:
    explicit AnalyticsCache(std::size_t capacity = 16) : capacity_(capacity) {}
    AnalyticsCache(const AnalyticsCache&) = delete;
    AnalyticsCache& operator=(const AnalyticsCache&) = delete;

    std::shared_ptr<const FoldedUsage> find(const FoldedUsageKey& key);
    void keep(FoldedUsageKey key, std::shared_ptr<const FoldedUsage> usage);

    // Whether this server has not yet moved site `site`'s boundary to `before` or later, and
    // the note that it has.
    bool settling_due(SiteId site, Date before);
    void settled(SiteId site, Date before);

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::list<std::pair<FoldedUsageKey, std::shared_ptr<const FoldedUsage>>> entries_;  // most recent first
    std::map<SiteId, Date> settled_;
};

}  // namespace escale::app
