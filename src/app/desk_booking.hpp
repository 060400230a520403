// SPDX-License-Identifier: EUPL-1.2
// Use cases of half-day desk booking: book (a half or a whole day, all or nothing),
// cancel, list one's bookings, and see a floor's availability for a date.
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "app/floor_plan_cache.hpp"
#include "app/space_booking.hpp"  // OnConflict, RefusedOccurrence: recurrences report alike
#include "core/desk.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/floor.hpp"
#include "core/space_rules.hpp"  // Repeat, recurrence_dates

namespace escale::app {

enum class Period { am, pm, day };

struct BookDesk {
    DeskId desk_id = 0;
    Date date;
    Period period = Period::day;
    std::optional<ResidentId> for_resident;  // on someone's behalf (gestionnaire, admin)
};

// Creates one booking per half-day of the period, in one transaction: either every half
// is booked or none is. Fails with not_found (desk), desk_inactive, closed_day, past,
// beyond_horizon, slot_taken (409) or already_booked_that_slot, and the site's rules
// (app/desk_claim.hpp): adapted_desk_reserved, quartier_reserved, weekly_quota_reached.
Result<std::vector<DeskBooking>> book_desk(Context ctx, const Actor& actor, const BookDesk& request);

// ---- recurring desk bookings (issue 10, item 4) ----
// "Every Tuesday morning until DATE": the same desk and period on each date of a daily
// (weekdays) or weekly recurrence from request.date to `until` (core recurrence_dates, as
// for collective spaces), each occurrence under the same rules; beyond the horizon an
// occurrence is refused (beyond_horizon) like any other.
struct DeskRecurrence {
    Repeat repeat = Repeat::weekly;
    Date until;
    OnConflict on_conflict = OnConflict::skip;
};

struct DeskBookingOutcome {
    std::vector<DeskBooking> booked;         // by date then half
    std::vector<RefusedOccurrence> refused;  // by date
};

// Books each occurrence (every half-day of the period, or none of that date) in one
// transaction; refused occurrences are reported with their reason. all_or_nothing then
// books none and fails with occurrences_refused (each in details), as does skip when none
// is left. Fails first as book_desk does for the desk and the permission, with
// invalid_field / too_many_occurrences for the recurrence itself.
Result<DeskBookingOutcome> book_desk_series(Context ctx, const Actor& actor, const BookDesk& request,
                                            const DeskRecurrence& recurrence);

// Cancels a live booking of the actor's (or anyone's, for a gestionnaire or admin) whose
// slot has not ended yet ("past" otherwise).
Result<DeskBooking> cancel_desk_booking(Context ctx, const Actor& actor, BookingId id);

// A booking with where its desk is, as its holder reads it in a list.
struct PlacedBooking {
    DeskBooking booking;
    std::string desk_label;
    FloorId floor_id = 0;
    std::string floor_name;
    std::optional<ZoneId> zone_id;  // the desk's quartier, if it has one
    std::string zone_name;          // empty without a quartier
};

// The actor's live bookings with from <= date <= to (at most 366 days apart), each with its
// desk's label, floor and quartier. `from` defaults to today at the actor's site, `to` to 90
// days after `from`.
Result<std::vector<PlacedBooking>> my_desk_bookings(Context ctx, const Actor& actor, std::optional<Date> from,
                                                    std::optional<Date> to);

enum class SlotStatus { free, yours, taken };

struct DeskSlots {
    SlotStatus am = SlotStatus::free;
    SlotStatus pm = SlotStatus::free;
    // Check-in (issue 10, item 3): the holder of the half-day has signalled their arrival.
    bool am_checked_in = false;
    bool pm_checked_in = false;
};

struct FloorAvailability {
    std::shared_ptr<const FloorPlan> plan;  // the floor and its desks
    Date date;
    Date today;                   // the site's date now, by the server's clock
    bool closed = false;          // weekend, public holiday or closure day
    std::vector<DeskSlots> slots;  // one per plan->desks, in the same order
    // Why a free desk could not be booked for each half-day now (closed_day, past,
    // beyond_horizon), or none when it could: the same rules book_desk applies.
    std::optional<Error> am_refusal, pm_refusal;
};

// Who holds what on a floor for a date, without saying who: "taken" names nobody. Without a
// date, the day of the site's next open half-day (SiteCalendar::next_open_half_day).
Result<FloorAvailability> floor_availability(Context ctx, const Actor& actor, FloorId floor,
                                             std::optional<Date> date);

}  // namespace escale::app
