// SPDX-License-Identifier: EUPL-1.2
// Flash counts set against the bookings of their half-day: for each manual count of people
// present (on the site or one floor), the desks booked and checked in there on that date
// and half-day. Withheld (absent) when the site has fewer than `minimum_group` people. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/desk_usage_count.hpp"
#include "core/flash_count.hpp"
#include "indicators/analytics_facts.hpp"

namespace escale::indicators {

struct FlashComparison {
    FlashCount count;
    std::string place;  // the floor's name, or the site's
    std::optional<int> booked, checked_in;
};

std::vector<FlashComparison> compare_flash_counts(const std::vector<FlashCount>& counts,
                                                  const std::vector<DeskUsageCount>& usage,
                                                  const std::vector<FloorFacts>& floors, const std::string& site_name,
                                                  bool withheld);

}  // namespace escale::indicators
