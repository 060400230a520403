// SPDX-License-Identifier: EUPL-1.2
// The request bodies of the locker routes, apart from their routes so that
// fuzz/route_bodies.cpp decodes the very same shapes. Plain data; safe from any thread.
#pragma once

#include <optional>

#include <boost/describe/class.hpp>

#include "http/json_body.hpp"

namespace escale::http {

// POST /api/v1/me/locker: a chosen locker, or none for the nearest free one.
struct TakeLockerBody {
    std::optional<PositiveId> locker_id;
};
BOOST_DESCRIBE_STRUCT(TakeLockerBody, (), (locker_id))

// POST /api/v1/locker-assignments.
struct AssignLockerBody {
    Required<PositiveId> locker_id;
    Required<PositiveId> resident_id;
};
BOOST_DESCRIBE_STRUCT(AssignLockerBody, (), (locker_id, resident_id))

}  // namespace escale::http
