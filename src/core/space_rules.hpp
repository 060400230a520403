// SPDX-License-Identifier: EUPL-1.2
// The rules a collective space booking must satisfy, and the wall-clock times it is written
// in: ISO 8601 local times with the site's real UTC offset at that instant ("2026-12-07T10:00:00+01:00"),
// ranges on a 15-minute grid inside the site's opening hours of one open day, attendees within
// the space's capacity, and the expansion of a daily or weekly recurrence, which keeps the
// local wall-clock time across DST changes. Pure: the caller brings the calendar and the instant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/enum.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/space.hpp"

namespace escale {

inline constexpr int space_grid_minutes = 15;
inline constexpr std::size_t space_subject_max_chars = 200;  // characters (UTF-8 code points)
inline constexpr int max_occurrences = 100;

// A local time as written: its wall-clock date and time and the UTC offset it claims.
struct WrittenLocalTime {
    Date date;
    int minutes_after_midnight = 0;
    int seconds = 0;
    int offset_minutes = 0;  // east of UTC: +60 for "+01:00"
};

// Reads "YYYY-MM-DDTHH:MM[:SS]±HH:MM" (or "Z" for +00:00); nullopt when the text is not that.
std::optional<WrittenLocalTime> parse_written_local_time(std::string_view text);

// The instant a local time written in a request names at the site: fails with
// invalid_field (not such a text, reported as `field`) or wrong_offset (the offset is not the
// site's at that instant, e.g. "+02:00" in December in Paris).
Result<Instant> read_site_time(const SiteCalendar& cal, std::string_view text, std::string_view field);

// "2026-12-07T10:00:00+01:00": the instant at the site, with the site's offset then.
std::string format_site_time(const SiteCalendar& cal, Instant t);
// "10 h 00": the wall-clock time at the site, as French messages write it.
std::string format_site_clock(const SiteCalendar& cal, Instant t);

// The shape of a range, whatever the day: end after start (invalid_range), both on the
// 15-minute grid of local time (off_grid), inside the opening hours of start's local day
// (outside_opening_hours).
Result<void> check_space_range_shape(const SiteCalendar& cal, Instant start, Instant end);

// Whether the range can be booked now: an open day (closed_day), not begun yet (past),
// no further than horizon_days after today (beyond_horizon). Shape first, then these.
Result<void> check_space_range_bookable(const SiteCalendar& cal, Instant start, Instant end, Instant now,
                                        int horizon_days);

// 1 <= attendees <= the space's capacity (invalid_field, too_many_attendees); a subject
// that is not blank and at most space_subject_max_chars characters (missing_field, subject_too_long).
Result<void> check_space_request(const Space& space, int attendees, std::string_view subject);

enum class Repeat { daily, weekly };
BOOST_DESCRIBE_ENUM(Repeat, daily, weekly)

// The dates of a recurrence starting on `first` and ending on `until` (inclusive): every
// weekday (Monday to Friday) for daily, the same weekday each week for weekly. Fails with
// invalid_field when until < first, too_many_occurrences beyond max_occurrences.
Result<std::vector<Date>> recurrence_dates(Date first, Repeat repeat, Date until);

}  // namespace escale
