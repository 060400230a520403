// SPDX-License-Identifier: EUPL-1.2
#include "core/booking_rules.hpp"

#include "core/errors.hpp"

namespace escale {

Result<void> check_desk_slot_bookable(const SiteCalendar& cal, Date d, Half h, Instant now,
                                      int horizon_days) {
    if (cal.is_closed(d)) return fail(errors::closed_day());
    if (cal.slot_end(d, h) <= now) return fail(errors::past_slot());
    auto last = date::sys_days{cal.today(now)} + date::days{horizon_days};
    if (date::sys_days{d} > last) return fail(errors::beyond_horizon(horizon_days));
    return {};
}

}  // namespace escale
