// SPDX-License-Identifier: EUPL-1.2
// The request body of desk booking (POST /api/v1/desk-bookings), apart from its route so that
// fuzz/route_bodies.cpp decodes the very same shape. Plain data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "app/desk_booking.hpp"
#include "app/space_booking.hpp"
#include "core/errors.hpp"
#include "http/json_body.hpp"

namespace escale::http {

// "am", "pm" or "day"; anything else (null included) is invalid_period.
template <>
struct FieldReader<app::Period> {
    static Result<void> read(const json::value& j, std::string_view, app::Period& out) {
        std::string_view p = j.is_string() ? std::string_view(j.get_string()) : "";
        if (p == "am") out = app::Period::am;
        else if (p == "pm") out = app::Period::pm;
        else if (p == "day") out = app::Period::day;
        else return fail(errors::invalid_period());
        return {};
    }
};

// POST /api/v1/desk-bookings.
struct BookDeskBody {
    Required<PositiveId> desk_id;
    Required<Date> date;
    app::Period period = app::Period::day;
    std::optional<PositiveId> resident_id;  // on this resident's behalf
    // recurring desk bookings (issue 10, item 4): with until, a recurrence from `date`
    std::optional<Repeat> repeat;
    std::optional<Date> until;
    std::optional<app::OnConflict> on_conflict;  // skip by default
};
BOOST_DESCRIBE_STRUCT(BookDeskBody, (), (desk_id, date, period, resident_id, repeat, until, on_conflict))

}  // namespace escale::http
