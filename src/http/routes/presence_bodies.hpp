// SPDX-License-Identifier: EUPL-1.2
// The request bodies of presence planning (PUT .../presence, .../presence-pattern,
// .../presence-settings), apart from their routes so that fuzz/route_bodies.cpp decodes the very
// same shapes. Plain data; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "core/presence.hpp"
#include "http/json_body.hpp"

namespace escale::http {

// One entry of PUT .../presence: a day, or one half of it; a null status goes back to the pattern.
struct DeclaredDayBody {
    Required<Date> date;
    std::optional<Half> half;
    Required<std::optional<PresenceStatus>> status;
};
BOOST_DESCRIBE_STRUCT(DeclaredDayBody, (), (date, half, status))

struct DeclarationBody {
    Required<std::vector<DeclaredDayBody>> days;
    std::optional<bool> cancel_bookings;
};
BOOST_DESCRIBE_STRUCT(DeclarationBody, (), (days, cancel_bookings))

// One weekday of PUT /api/v1/me/presence-pattern; a missing half has no default.
struct PatternDayBody {
    Required<int> weekday;
    std::optional<PresenceStatus> am;
    std::optional<PresenceStatus> pm;
};
BOOST_DESCRIBE_STRUCT(PatternDayBody, (), (weekday, am, pm))

struct PatternBody {
    Required<std::vector<PatternDayBody>> days;
};
BOOST_DESCRIBE_STRUCT(PatternBody, (), (days))

struct SettingsBody {
    Required<bool> visible_to_colleagues;
};
BOOST_DESCRIBE_STRUCT(SettingsBody, (), (visible_to_colleagues))

}  // namespace escale::http
