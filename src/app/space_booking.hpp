// SPDX-License-Identifier: EUPL-1.2
// Use cases of collective space booking: book a range (once, or daily/weekly until a date,
// each occurrence reported), cancel, a space's day, my space bookings, and the spaces free
// for a range and a number of people. Times travel as the site's local times with their
// offset ("2026-12-07T10:00:00+01:00", core/space_rules.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/enum.hpp>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/space.hpp"
#include "core/space_booking.hpp"
#include "core/space_rules.hpp"

namespace escale::app {

// What a recurrence does with occurrences that cannot be booked (closed day, taken, ...).
enum class OnConflict {
    skip,            // book the others, report these
    all_or_nothing,  // book none, report these
};
BOOST_DESCRIBE_ENUM(OnConflict, skip, all_or_nothing)

struct SpaceRecurrence {
    Repeat repeat = Repeat::weekly;
    Date until;  // the last day an occurrence may fall on (inclusive)
    OnConflict on_conflict = OnConflict::skip;
};

struct BookSpace {
    SpaceId space_id = 0;
    std::string start, end;  // local times with offset, as written by the caller
    int attendees = 1;
    std::string subject;
    std::optional<SpaceRecurrence> recurrence;
    std::optional<ResidentId> for_resident;  // on someone's behalf (référent, gestionnaire, admin)
};

// A booking with its range as the site's local times, and its space's name.
struct SpaceBookingView {
    SpaceBooking booking;
    std::string start, end;  // "2026-12-07T10:00:00+01:00"
    std::string space_name;
};

// One occurrence of a recurrence that was not booked, and why (closed_day, range_taken, ...).
struct RefusedOccurrence {
    Date date;
    Error why;
};

struct SpaceBookingOutcome {
    std::vector<SpaceBookingView> booked;
    std::vector<RefusedOccurrence> refused;  // by date; empty without a recurrence
};

// Books the range, or each occurrence of the recurrence, in one transaction. Without a
// recurrence, fails with the range's own refusal: not_found (space), forbidden,
// invalid_field / wrong_offset (times), invalid_range, off_grid, outside_opening_hours,
// closed_day, past, beyond_horizon, too_many_attendees, range_taken (409, naming the held
// range). With one, refused occurrences are reported; all_or_nothing then books none and
// fails with occurrences_refused (each in details), as does skip when none is left.
Result<SpaceBookingOutcome> book_space(Context ctx, const Actor& actor, const BookSpace& request);

// Cancels a live booking that has not ended: one's own, or anyone's for whom may book for
// others (a gestionnaire on their site; recorded in the audit log).
Result<SpaceBookingView> cancel_space_booking(Context ctx, const Actor& actor, SpaceBookingId id);

// One booking of a space's day. Everyone on the site sees the ranges; who holds a booking
// and its subject are shown only to its holder and to who may book for the holder.
struct SpaceDayEntry {
    SpaceBookingId id = 0;
    std::string start, end;
    bool mine = false;
    bool detailed = false;  // the fields below are filled
    std::optional<ResidentId> resident_id;
    std::string resident_name;
    std::string subject;
    int attendees = 0;
};

struct SpaceDay {
    Space space;
    Date date;
    bool closed = false;
    std::string opens, closes;  // the day's opening hours, as local times with offset
    std::vector<SpaceDayEntry> bookings;  // live ones, by start
};

Result<SpaceDay> space_day(Context ctx, const Actor& actor, SpaceId space, Date date);

// The actor's live space bookings on from..to (dates at their site, inclusive, at most 366
// days apart); from defaults to today, to to 90 days after from.
Result<std::vector<SpaceBookingView>> my_space_bookings(Context ctx, const Actor& actor, std::optional<Date> from,
                                                        std::optional<Date> to);

// The spaces of a site free on [start, end) with room for `people`, of one type when given,
// by capacity then name. The range must be bookable (the same refusals as book_space).
Result<std::vector<Space>> free_spaces(Context ctx, const Actor& actor, SiteId site, std::string_view start,
                                       std::string_view end, int people, std::optional<SpaceType> type);

}  // namespace escale::app
