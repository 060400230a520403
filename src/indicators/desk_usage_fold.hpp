// SPDX-License-Identifier: EUPL-1.2
// Desk counters added together as they are read, where no figure of a grouping tells them
// apart: a year of a large site is tens of thousands of counter rows (per half-day, floor,
// quartier and service) where a grouping needs a few per half-day. Rows merge when they share
// the date, the half-day, what the grouping cuts by (the floor, the quartier or the service;
// nothing for the whole site and for space types) and whether the booking sat outside its
// service's quartiers; a merged row keeps the first row's floor, quartier and service, which
// give it the same group and the same overflow as each row it holds. The service of every row
// is kept aside (services()): the minimum group size needs them all. Pure.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/desk_usage_count.hpp"
#include "indicators/analytics_facts.hpp"
#include "indicators/analytics_period.hpp"
#include "indicators/id_pair_hash.hpp"

namespace escale::indicators {

class DeskUsageFold {
public:
    DeskUsageFold(Grouping by, const std::vector<ZoneFacts>& zones) : by_(by), zones_(zones) {}
    DeskUsageFold(const DeskUsageFold&) = delete;
    DeskUsageFold& operator=(const DeskUsageFold&) = delete;

    void add(const DeskUsageCount& c);

    // The merged rows, by date and half-day.
    std::vector<DeskUsageCount> rows() const;
    // The services the rows were booked for (none: no known service).
    const std::set<std::optional<ServiceId>>& services() const { return services_; }

private:
    using Slot = std::pair<date::sys_days, Half>;
    using Cut = std::pair<std::optional<Id>, bool>;  // what the grouping cuts by; outside the quartiers
    using Rows = std::vector<std::pair<Cut, DeskUsageCount>>;  // a half-day's, sorted by cut: a few dozen

    Grouping by_;
    const std::vector<ZoneFacts>& zones_;
    std::unordered_map<std::pair<Id, Id>, bool, IdPairHash> outside_;  // (service, zone; 0: none) seen so far
    std::set<std::optional<ServiceId>> services_;
    std::map<Slot, Rows> slots_;
    Rows* last_rows_ = nullptr;  // of last_slot_: rows mostly come by half-day (the counters' key)
    Slot last_slot_;
};

}  // namespace escale::indicators
