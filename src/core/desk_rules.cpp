// SPDX-License-Identifier: EUPL-1.2
#include "core/desk_rules.hpp"

#include "core/errors.hpp"

namespace escale {

DeskRules desk_rules_of(const Site& site) {
    DeskRules r{site.weekly_half_day_quota, site.quartier_priority_hours, site.adapted_desks_reserved};
    if (r.quartier_priority_hours && *r.quartier_priority_hours <= 0) r.quartier_priority_hours.reset();
    return r;
}

Result<void> validate_desk_rules(const Site& site) {
    if (site.weekly_half_day_quota &&
        (*site.weekly_half_day_quota < 1 || *site.weekly_half_day_quota > max_weekly_half_day_quota))
        return fail(errors::invalid_field("weekly_half_day_quota", "un nombre de demi-journées entre 1 et 14, ou null"));
    if (site.quartier_priority_hours &&
        (*site.quartier_priority_hours < 0 || *site.quartier_priority_hours > max_quartier_priority_hours))
        return fail(errors::invalid_field("quartier_priority_hours", "un nombre d'heures entre 0 et 672, ou null"));
    return {};
}

std::pair<Date, Date> quota_week_of(Date d) {
    const date::sys_days day{d};
    const date::weekday wd{day};
    const auto monday = day - (wd - date::Monday);
    return {Date{monday}, Date{monday + date::days{6}}};
}

Result<void> check_desk_access(const SiteCalendar& cal, const DeskRules& rules, const Desk& desk,
                               const DeskQuartier& quartier, const Resident& holder, Date d, Half h, Instant now) {
    if (rules.adapted_desks_reserved && desk.adapted && !holder.needs_adapted_desk)
        return fail(errors::adapted_desk_reserved());
    if (rules.quartier_priority_hours && quartier.zone && quartier.zone->service_id &&
        holder.service_id != quartier.zone->service_id) {
        const Instant opens_to_all = cal.slot_start(d, h) - std::chrono::hours{*rules.quartier_priority_hours};
        if (now < opens_to_all)
            return fail(errors::quartier_reserved(quartier.zone->name, quartier.service_name,
                                                  *rules.quartier_priority_hours));
    }
    return {};
}

Result<void> check_weekly_quota(const DeskRules& rules, Date week_of, int held, int adding, bool own) {
    if (!rules.weekly_half_day_quota || held + adding <= *rules.weekly_half_day_quota) return {};
    return fail(errors::weekly_quota_reached(*rules.weekly_half_day_quota, held, quota_week_of(week_of).first, own));
}

}  // namespace escale
