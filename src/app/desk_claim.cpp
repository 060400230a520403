// SPDX-License-Identifier: EUPL-1.2
#include "app/desk_claim.hpp"

#include "app/site_calendar.hpp"
#include "core/try.hpp"
#include "core/booking_rules.hpp"
#include "core/errors.hpp"
#include "core/service.hpp"
#include "core/zone.hpp"

namespace escale::app {

Result<DeskClaims> DeskClaims::begin(Transaction& tx, SiteId site_id, Resident holder, bool own) {
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, site_id));
    if (!site) return fail(errors::internal("desk without site"));
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    return DeskClaims(std::move(*site), std::move(cal), std::move(holder), own);
}

Result<DeskQuartier> DeskClaims::quartier_of(Transaction& tx, const Desk& desk) {
    if (!desk.zone_id) return DeskQuartier{};
    if (auto it = quartiers_.find(*desk.zone_id); it != quartiers_.end()) return it->second;
    DeskQuartier q;
    ESCALE_TRY(q.zone, tx.referential().find(Of<Zone>{}, *desk.zone_id));
    if (q.zone && q.zone->service_id) {
        ESCALE_TRY(auto service, tx.referential().find(Of<Service>{}, *q.zone->service_id));
        if (service) q.service_name = service->code.empty() ? service->name : service->code;
    }
    quartiers_.emplace(*desk.zone_id, q);
    return q;
}

Result<std::optional<Error>> DeskClaims::access_refusal(Transaction& tx, const Desk& desk, Date d, Half h, Instant now) {
    using Refusal = std::optional<Error>;
    if (auto slot = check_desk_slot_bookable(calendar_, d, h, now, site_.booking_horizon_days); !slot)
        return Refusal{slot.error()};
    if (!desk.active) return Refusal{errors::desk_inactive()};
    if (!rules_.adapted_desks_reserved && !rules_.quartier_priority_hours) return Refusal{};
    ESCALE_TRY(auto quartier, quartier_of(tx, desk));
    if (auto access = check_desk_access(calendar_, rules_, desk, quartier, holder_, d, h, now); !access)
        return Refusal{access.error()};
    return Refusal{};
}

Result<std::optional<Error>> DeskClaims::take_quota(Transaction& tx, Date d, int halves) {
    using Refusal = std::optional<Error>;
    if (!rules_.weekly_half_day_quota) return Refusal{};
    if (!held_) {
        ESCALE_TRY_VOID(tx.bookings().hold_resident(holder_.id));
        held_ = true;
    }
    const auto [monday, sunday] = quota_week_of(d);
    auto it = week_counts_.find(date::sys_days{monday});
    if (it == week_counts_.end()) {
        ESCALE_TRY(auto live, tx.bookings().live_of(holder_.id, monday, sunday));
        it = week_counts_.emplace(date::sys_days{monday}, static_cast<int>(live.size())).first;
    }
    if (auto quota = check_weekly_quota(rules_, d, it->second, halves, own_); !quota) return Refusal{quota.error()};
    it->second += halves;
    return Refusal{};
}

Result<void> DeskClaims::check(Transaction& tx, const Desk& desk, Date d, std::span<const Half> halves, Instant now) {
    for (Half h : halves) {
        ESCALE_TRY(auto why, access_refusal(tx, desk, d, h, now));
        if (why) return fail(std::move(*why));
    }
    ESCALE_TRY(auto over, take_quota(tx, d, static_cast<int>(halves.size())));
    if (over) return fail(std::move(*over));
    return {};
}

void DeskClaims::give_back_quota(Date d, int halves) {
    if (auto it = week_counts_.find(date::sys_days{quota_week_of(d).first}); it != week_counts_.end()) it->second -= halves;
}

Result<std::optional<Error>> DeskClaims::refusal(Transaction& tx, const Desk& desk, Date d, Half h, Instant now) {
    using Refusal = std::optional<Error>;
    ESCALE_TRY(auto access, access_refusal(tx, desk, d, h, now));
    if (access) return access;
    ESCALE_TRY(auto holders, tx.bookings().slot_holders(d, desk.id, desk.id));
    for (auto& held : holders)
        if (held.half == h) return Refusal{errors::slot_taken()};
    ESCALE_TRY(auto mine, tx.bookings().live_of(holder_.id, d, d));
    for (auto& b : mine)
        if (b.half == h) return Refusal{errors::already_booked_that_slot()};
    return take_quota(tx, d, 1);
}

}  // namespace escale::app
