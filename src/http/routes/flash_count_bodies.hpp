// SPDX-License-Identifier: EUPL-1.2
// The request body of a flash count (POST /api/v1/sites/{id}/flash-counts), apart from its
// route so that fuzz/route_bodies.cpp decodes the very same shape. Plain data; safe from any
// thread.
#pragma once

#include <optional>

#include <boost/describe/class.hpp>

#include "http/json_body.hpp"

namespace escale::http {

// POST /api/v1/sites/{id}/flash-counts.
struct FlashCountBody {
    std::optional<PositiveId> floor_id;
    std::optional<Instant> at;
    Required<int> people;
};
BOOST_DESCRIBE_STRUCT(FlashCountBody, (), (floor_id, at, people))

}  // namespace escale::http
