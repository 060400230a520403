// SPDX-License-Identifier: EUPL-1.2
// A flash count (comptage flash): the number of people a gestionnaire saw present on a site,
// or one floor of it, at one instant, to be set against the bookings and check-ins of that
// half-day. Holds no personal data: who counted is in the audit log only.
#pragma once

#include <optional>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

using FlashCountId = Id;

inline constexpr int flash_count_max_people = 100000;

struct FlashCount {
    FlashCountId id = 0;
    SiteId site_id = 0;
    std::optional<FloorId> floor_id;  // none: the whole site
    Instant counted_at{};
    Date date;                        // counted_at's local date and half-day at the site
    Half half = Half::am;
    int people = 0;
};

}  // namespace escale
