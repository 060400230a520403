// SPDX-License-Identifier: EUPL-1.2
// Presence measured from a site's history (issue 12): for each active resident of the site,
// the open days of each weekday in a period and those they were on site (a desk booking
// reserved, checked in or released, for a half-day or more; store/planning_store.hpp), fed
// to planning::measured_presence, which shrinks a short history toward the service's rate.
// What leaves: each service's mean weekday presence, only for services of at least 5
// residents (the others count in the site's figure only), and the site's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/local_date.hpp"
#include "planning/measured_presence.hpp"

namespace escale::app {

struct MeasuredServicePresence {
    std::optional<ServiceId> service_id;  // none: residents without a service
    std::string name;
    int residents = 0;
    planning::DailyPresence presence{};  // mean over its residents, Monday first
};

struct MeasuredSitePresence {
    SiteId site_id = 0;
    Date from, to;
    double prior_weight = planning::default_prior_weight;
    std::array<int, planning::weekdays> open_days{};  // open days of each weekday in the period
    int residents = 0;
    planning::DailyPresence site{};  // mean over every resident
    std::vector<MeasuredServicePresence> services;  // of at least 5 residents, by name
    int residents_in_small_services = 0;    // counted in `site` only
};

// At most this many days in one period.
inline constexpr int max_history_days = 731;
// The default period: the 12 weeks before today at the site.
inline constexpr int default_history_days = 84;

// Needs plan_sites on the site. `from` and `to` default to the 84 days before today at the
// site; fails with invalid_field ("from", "to", "prior_weight") when the period is reversed
// or longer than 731 days, or the weight negative.
Result<MeasuredSitePresence> measured_site_presence(Context ctx, const Actor& actor, SiteId site,
                                                    std::optional<Date> from = std::nullopt,
                                                    std::optional<Date> to = std::nullopt,
                                                    double prior_weight = planning::default_prior_weight);

}  // namespace escale::app
