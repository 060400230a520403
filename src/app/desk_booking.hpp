// SPDX-License-Identifier: EUPL-1.2
// Use cases of half-day desk booking: book (a half or a whole day, all or nothing),
// cancel, list one's bookings, and see a floor's availability for a date.
#pragma once

#include <optional>
#include <vector>

#include "app/context.hpp"
#include "app/floor_plan_cache.hpp"
#include "core/desk.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/floor.hpp"

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
// beyond_horizon, slot_taken (409) or already_booked_that_slot.
Result<std::vector<DeskBooking>> book_desk(Context ctx, const Actor& actor, const BookDesk& request);

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
    bool closed = false;          // weekend, public holiday or closure day
    std::vector<DeskSlots> slots;  // one per plan->desks, in the same order
    // Why a free desk could not be booked for each half-day now (closed_day, past,
    // beyond_horizon), or none when it could: the same rules book_desk applies.
    std::optional<Error> am_refusal, pm_refusal;
};

// Who holds what on a floor for a date, without saying who: "taken" names nobody.
Result<FloorAvailability> floor_availability(Context ctx, const Actor& actor, FloorId floor, Date date);

}  // namespace escale::app
