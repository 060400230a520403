// SPDX-License-Identifier: EUPL-1.2
// The presence plan (planning de présence): where a resident is each half-day — on site,
// teleworking, absent or on mission. A resident keeps a weekly default pattern (per weekday
// and half-day) and declares exceptions per day; a live desk booking means "on site" for its
// half-day whatever was declared. The effective plan is computed on read from those three
// (`effective_presence`), never stored. Pure values and functions: safe to share.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include <boost/describe/enum.hpp>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/local_date.hpp"

namespace escale {

enum class PresenceStatus { sur_site, teletravail, absent, mission };
BOOST_DESCRIBE_ENUM(PresenceStatus, sur_site, teletravail, absent, mission)

// Where an effective status comes from: a desk booking, a declaration for the day, the
// weekly pattern, or nothing (no pattern for that weekday, or the site is closed).
enum class PresenceSource { reservation, declaration, modele, aucune };
BOOST_DESCRIBE_ENUM(PresenceSource, reservation, declaration, modele, aucune)

// One declared half-day. declared_by is who wrote it (none: the system, or forgotten).
struct PresenceDeclaration {
    ResidentId resident_id = 0;
    SiteId site_id = 0;
    Date date;
    Half half = Half::am;
    PresenceStatus status = PresenceStatus::sur_site;
    Instant declared_at{};
    std::optional<ResidentId> declared_by;
};

// One cell of the weekly pattern; weekday is ISO (1 = Monday ... 7 = Sunday).
struct PatternCell {
    int weekday = 1;
    Half half = Half::am;
    PresenceStatus status = PresenceStatus::sur_site;
};

// The effective presence of one half-day.
struct HalfPresence {
    std::optional<PresenceStatus> status;     // none: nothing known
    PresenceSource source = PresenceSource::aucune;
    std::optional<PresenceStatus> declared;   // the declaration, even when a booking wins over it
    std::optional<BookingId> booking_id;      // the live desk booking of the half-day, if any
    std::optional<DeskId> desk_id;
};

struct DayPresence {
    Date date;
    bool closed = false;  // weekend, public holiday or closure day at the site
    HalfPresence am, pm;
    const HalfPresence& at(Half h) const { return h == Half::am ? am : pm; }
    HalfPresence& at(Half h) { return h == Half::am ? am : pm; }
};

// ISO weekday of d: 1 = Monday ... 7 = Sunday.
int iso_weekday(Date d);
// The Monday of d's week.
Date monday_of(Date d);

// The effective presence of one resident for each day of [from, to]: a live booking of the
// half-day wins (on site, source "reservation"), then the day's declaration, then the
// pattern on days the site is open; otherwise nothing. `bookings` may hold any states (only
// live ones count); all inputs belong to the one resident.
std::vector<DayPresence> effective_presence(Date from, Date to, const SiteCalendar& calendar,
                                            std::span<const PatternCell> pattern,
                                            std::span<const PresenceDeclaration> declarations,
                                            std::span<const DeskBooking> bookings);

// The live bookings that a declaration of status `s` for (d, h) contradicts: every live
// booking of that half-day unless s is sur_site.
std::vector<DeskBooking> bookings_contradicted(Date d, Half h, PresenceStatus s, std::span<const DeskBooking> bookings);

// Checks a weekly pattern: weekdays 1..7, each (weekday, half) at most once. Fails with
// invalid_field naming `field`.
Result<void> check_pattern(std::span<const PatternCell> pattern);

// Checks a range [from, to] asked for: to >= from, at most max_days days (from and to
// included). Fails with invalid_field ("to").
Result<void> check_presence_range(Date from, Date to, int max_days);

// The longest range a presence read may ask for, in days, and how far ahead (and back) a
// declaration may be written.
inline constexpr int presence_max_range_days = 92;
inline constexpr int presence_max_days_ahead = 366;

const char* to_string(PresenceStatus s);
const char* to_string(PresenceSource s);

}  // namespace escale
