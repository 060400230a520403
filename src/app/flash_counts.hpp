// SPDX-License-Identifier: EUPL-1.2
// Use cases of flash counts (issue 13, item 1): a gestionnaire records how many people are
// present on a site or one of its floors (a phone form), and sees each count against the
// bookings and check-ins of its half-day (indicators/flash_comparison). A count holds no
// personal data; who recorded it goes to the audit log.
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/flash_count.hpp"
#include "indicators/flash_comparison.hpp"

namespace escale::app {

struct FlashCountInput {
    std::optional<FloorId> floor_id;  // none: the whole site
    std::optional<Instant> at;        // none: now
    std::optional<int> people;
};

// Needs record_flash_counts on the site. `at` may not be in the future; its local date and
// half-day at the site (before or after noon) are the ones it is compared with.
Result<indicators::FlashComparison> record_flash_count(Context ctx, const Actor& actor, SiteId site,
                                                       const FlashCountInput& in);

// The counts of from..to (default: today at the site), each against its half-day's
// bookings. Needs read_statistics on the site; at most 366 days.
Result<std::vector<indicators::FlashComparison>> site_flash_counts(Context ctx, const Actor& actor, SiteId site,
                                                                   std::optional<Date> from, std::optional<Date> to);

}  // namespace escale::app
