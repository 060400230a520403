// SPDX-License-Identifier: EUPL-1.2
// A site: a building or campus, with its time zone, surface and opening hours.
#pragma once

#include <optional>
#include <string>

#include <boost/describe/class.hpp>

#include "core/ids.hpp"

namespace escale {

struct Site {
    SiteId id = 0;
    std::string name;
    std::string time_zone = "Europe/Paris";  // IANA name
    double sub_m2 = 0;                       // surface utile brute, m²
    std::string opens_at = "08:00";          // local time, HH:MM
    std::string noon_at = "13:00";           // morning ends, afternoon starts
    std::string closes_at = "19:00";
    int booking_horizon_days = 28;           // how far ahead a desk can be booked
    // OpenID Connect: the service of this site into which a person unknown to Escale is
    // registered at their first login; none: unknown people are refused.
    std::optional<ServiceId> oidc_self_registration_service_id;
    // RGPD: bookings older than this many months are detached from the people who made
    // them (statistics keep them, by service).
    int retention_months = 13;
    // Check-in (issue 10, item 3): when on, a booking still `reserved` at its half-day's
    // release time (local HH:MM) becomes a no-show and its desk is free again.
    bool check_in_enabled = false;
    std::string release_am_at = "10:00";  // opens_at < release_am_at < noon_at
    std::string release_pm_at = "14:30";  // noon_at < release_pm_at < closes_at
    // The State's indicators (issue 13): the surface the site's reduction is measured from
    // (the circular of 8 February 2023 asks for 25 % less), m² SUB; none: not given.
    std::optional<double> baseline_sub_m2 = std::nullopt;
    // Fair-booking rules (issue 10, item 4; core/desk_rules.hpp): at most this many desk
    // half-days per resident and week (none: no quota); until this many hours before a slot
    // a quartier's desks are for its service's residents (none or 0: open to all); adapted
    // desks only for residents who need one.
    std::optional<int> weekly_half_day_quota = std::nullopt;
    std::optional<int> quartier_priority_hours = std::nullopt;
    bool adapted_desks_reserved = false;
};
BOOST_DESCRIBE_STRUCT(Site, (), (id, name, time_zone, sub_m2, opens_at, noon_at, closes_at,
                                 booking_horizon_days, oidc_self_registration_service_id, retention_months,
                                 check_in_enabled, release_am_at, release_pm_at, baseline_sub_m2,
                                 weekly_half_day_quota, quartier_priority_hours, adapted_desks_reserved))

}  // namespace escale
