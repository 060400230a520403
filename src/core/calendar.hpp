// SPDX-License-Identifier: EUPL-1.2
// The calendar of a site: which days are open, where half-day slots start and end in UTC.
// French public holidays (fixed and Easter-based) are computed here, never typed by hand.
// Local wall-clock times are converted through the IANA time-zone database, so DST days
// are right. A SiteCalendar is immutable and safe to share between threads.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <date/tz.h>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/local_date.hpp"

namespace escale {

struct PublicHoliday {
    Date date;
    std::string name;  // French name, e.g. "Lundi de Pâques"
};

// Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm).
Date easter_sunday(int year);

// The eleven national public holidays of metropolitan France for a year, in date order:
// 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov,
// 11 Nov, 25 Dec.
std::vector<PublicHoliday> french_public_holidays(int year);
bool is_french_public_holiday(Date d);
bool is_weekend(Date d);

// Minutes after local midnight, parsed from "HH:MM" (00:00..23:59); nullopt when malformed.
std::optional<int> parse_time_of_day(std::string_view text);

class SiteCalendar {
public:
    // zone_name is an IANA name; opens/noon/closes are "HH:MM" local times with
    // opens < noon < closes. Fails with code "invalid_time_zone" or "invalid_opening_hours".
    static Result<SiteCalendar> make(const std::string& zone_name, const std::string& opens,
                                     const std::string& noon, const std::string& closes,
                                     std::set<Date> extra_closures = {});

    // Weekend, public holiday, or an extra closure day of the site.
    bool is_closed(Date d) const;
    // The local date at the site at instant t.
    Date today(Instant t) const;
    // UTC instants where a half-day starts and ends: am = [opens, noon), pm = [noon, closes).
    Instant slot_start(Date d, Half h) const;
    Instant slot_end(Date d, Half h) const;
    // The half-day in progress at `now`, or the next to come: the first whose end is after
    // `now` (on a closed day too), which is the first a booking may still be made for.
    std::pair<Date, Half> next_half_day(Instant now) const;
    // The first of the half-days from next_half_day(now) on whose day is open: the one a
    // resident most likely wants to book (what the plan opens on). A site closed for the whole
    // year to come gives next_half_day(now).
    std::pair<Date, Half> next_open_half_day(Instant now) const;
    // The UTC instant of local wall time minutes_after_midnight on date d. A time that
    // does not exist (spring-forward gap) maps to the first instant after the gap; an
    // ambiguous one (fall-back) to the earlier instant.
    Instant at_local(Date d, int minutes_after_midnight) const;

    const date::time_zone* zone() const { return zone_; }

private:
    const date::time_zone* zone_ = nullptr;
    int opens_ = 0, noon_ = 0, closes_ = 0;  // minutes after midnight
    std::set<Date> closures_;
};

}  // namespace escale
