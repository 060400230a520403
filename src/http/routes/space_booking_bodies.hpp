// SPDX-License-Identifier: EUPL-1.2
// The request body of space booking (POST /api/v1/space-bookings), apart from its route so
// that fuzz/route_bodies.cpp decodes the very same shape. Plain data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "app/space_booking.hpp"
#include "http/json_body.hpp"

namespace escale::http {

// POST /api/v1/space-bookings.
struct BookSpaceBody {
    Required<PositiveId> space_id;
    Required<std::string> start;
    Required<std::string> end;
    Required<int> attendees;
    Required<std::string> subject;
    std::optional<Repeat> repeat;  // with until: a recurrence
    std::optional<Date> until;
    std::optional<app::OnConflict> on_conflict;  // skip by default
    std::optional<PositiveId> resident_id;       // on this resident's behalf
};
BOOST_DESCRIBE_STRUCT(BookSpaceBody, (),
                      (space_id, start, end, attendees, subject, repeat, until, on_conflict, resident_id))

}  // namespace escale::http
