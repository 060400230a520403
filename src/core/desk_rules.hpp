// SPDX-License-Identifier: EUPL-1.2
// A site's fair-booking rules for desks (issue 10, item 4), each refusal naming its rule:
// the weekly quota of half-days per resident, the priority of a quartier's own service until
// some hours before the slot, and adapted (PMR) desks kept for the residents who need one.
// Pure: the caller brings the site, the desk, its quartier, the holder and the instant; the
// use cases call them through one shared check (app/desk_claim.hpp).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/calendar.hpp"
#include "core/desk.hpp"
#include "core/error.hpp"
#include "core/resident.hpp"
#include "core/site.hpp"
#include "core/zone.hpp"

namespace escale {

// The limits of the site settings (validated on every write of a site).
inline constexpr int max_weekly_half_day_quota = 14;      // two half-days a day, seven days
inline constexpr int max_quartier_priority_hours = 24 * 28;

// The rules of one site, read from its settings.
struct DeskRules {
    std::optional<int> weekly_half_day_quota;    // none: no quota
    std::optional<int> quartier_priority_hours;  // none (or 0): every quartier open to all
    bool adapted_desks_reserved = false;         // adapted desks only for who needs one
};
DeskRules desk_rules_of(const Site& site);

// Fails with invalid_field when a setting is outside its limits.
Result<void> validate_desk_rules(const Site& site);

// The week (Monday to Sunday) a date falls in: the quota counts half-days within it.
std::pair<Date, Date> quota_week_of(Date d);

// The quartier a desk is in, and the name of the service that owns it (empty: none).
struct DeskQuartier {
    std::optional<Zone> zone;
    std::string service_name;
};

// Whether `holder` may take `desk` for (d, h) now, as far as the desk itself goes: adapted
// desks (adapted_desk_reserved), then the quartier's priority (quartier_reserved, naming
// the quartier, its service and the instant it opens to everyone).
Result<void> check_desk_access(const SiteCalendar& cal, const DeskRules& rules, const Desk& desk,
                               const DeskQuartier& quartier, const Resident& holder, Date d, Half h, Instant now);

// Whether `adding` more half-days fit in the holder's week that already has `held` live
// ones (weekly_quota_reached otherwise, naming the week and the quota). `own`: the holder
// is the one asking (the message says "vous").
Result<void> check_weekly_quota(const DeskRules& rules, Date week_of, int held, int adding, bool own);

}  // namespace escale
