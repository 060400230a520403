// SPDX-License-Identifier: EUPL-1.2
// The request body of joining the waitlist (POST /api/v1/waitlist), apart from its route so
// that fuzz/route_bodies.cpp decodes the very same shape. Plain data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "http/json_body.hpp"

namespace escale::http {

// POST /api/v1/waitlist.
struct JoinWaitlistBody {
    std::optional<PositiveId> site_id;
    std::optional<PositiveId> floor_id;
    std::optional<PositiveId> zone_id;
    Required<Date> date;
    Required<Half> half;
};
BOOST_DESCRIBE_STRUCT(JoinWaitlistBody, (), (site_id, floor_id, zone_id, date, half))

}  // namespace escale::http
