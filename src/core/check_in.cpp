// SPDX-License-Identifier: EUPL-1.2
#include "core/check_in.hpp"

#include "core/errors.hpp"
#include "core/try.hpp"

namespace escale {

bool transition_allowed(BookingState from, BookingState to) {
    using S = BookingState;
    switch (from) {
        case S::reserved: return to == S::checked_in || to == S::no_show || to == S::cancelled;
        case S::checked_in: return to == S::released || to == S::cancelled;
        case S::no_show:
        case S::cancelled:
        case S::released: return false;
    }
    return false;
}

Result<void> check_transition(BookingState from, BookingState to) {
    if (!transition_allowed(from, to)) return fail(errors::invalid_transition(to_string(from), to_string(to)));
    return {};
}

Result<CheckInPolicy> check_in_policy(const Site& site) {
    auto am = parse_time_of_day(site.release_am_at);
    if (!am) return fail(errors::invalid_field("release_am_at", "une heure locale au format HH:MM"));
    auto pm = parse_time_of_day(site.release_pm_at);
    if (!pm) return fail(errors::invalid_field("release_pm_at", "une heure locale au format HH:MM"));
    CheckInPolicy p{site.check_in_enabled, *am, *pm, site.release_am_at, site.release_pm_at};
    if (!p.enabled) return p;
    auto opens = parse_time_of_day(site.opens_at), noon = parse_time_of_day(site.noon_at),
         closes = parse_time_of_day(site.closes_at);
    if (!opens || !noon || !closes) return fail(errors::invalid_field("opens_at", "une heure locale au format HH:MM"));
    if (!(*opens < *am && *am < *noon))
        return fail(errors::invalid_field("release_am_at", "une heure comprise entre l'ouverture et la fin du matin"));
    if (!(*noon < *pm && *pm < *closes))
        return fail(errors::invalid_field("release_pm_at", "une heure comprise entre le début de l'après-midi et la fermeture"));
    return p;
}

std::optional<Half> current_half(const SiteCalendar& cal, Instant now) {
    Date today = cal.today(now);
    if (cal.is_closed(today)) return std::nullopt;
    for (Half h : {Half::am, Half::pm})
        if (cal.slot_start(today, h) <= now && now < cal.slot_end(today, h)) return h;
    return std::nullopt;
}

Instant release_instant(const SiteCalendar& cal, const CheckInPolicy& p, Date d, Half h) {
    return cal.at_local(d, h == Half::am ? p.release_am : p.release_pm);
}

bool is_releasable(const SiteCalendar& cal, const CheckInPolicy& p, const DeskBooking& b, Instant now) {
    if (!p.enabled || b.state != BookingState::reserved) return false;
    Instant at = release_instant(cal, p, b.date, b.half);
    return now >= at && b.created_at < at;
}

Result<void> check_can_check_in(const SiteCalendar& cal, const CheckInPolicy& p, const DeskBooking& b, Instant now) {
    if (!p.enabled) return fail(errors::check_in_disabled());
    if (b.state == BookingState::no_show) return fail(errors::booking_released(p.release_text(b.half)));
    ESCALE_TRY_VOID(check_transition(b.state, BookingState::checked_in));
    if (now < cal.slot_start(b.date, b.half) || now >= cal.slot_end(b.date, b.half))
        return fail(errors::check_in_not_now());
    if (is_releasable(cal, p, b, now)) return fail(errors::booking_released(p.release_text(b.half)));
    return {};
}

std::optional<BookingState> rest_of_day_state(const DeskBooking& b, std::optional<Half> current, bool day_over) {
    if (day_over || !is_live(b.state)) return std::nullopt;
    if (current == Half::pm && b.half == Half::am) return std::nullopt;  // the morning is over
    if (b.state == BookingState::checked_in) return BookingState::released;
    return BookingState::cancelled;
}

}  // namespace escale
