// SPDX-License-Identifier: EUPL-1.2
// The room of calendar feeds: each resident's secret subscription address (the token in its
// path), at most one per resident, and each collective space's, for its door screen. The token is kept as it is, not hashed, so that the
// resident can be shown it again: it opens nothing but what the database already holds.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace escale {

struct CalendarFeed {
    ResidentId resident_id = 0;
    std::string token;
    Instant created_at;
};

// A collective space's feed: its bookings, for the screen at its door.
struct SpaceCalendarFeed {
    SpaceId space_id = 0;
    std::string token;
    Instant created_at;
};

class CalendarFeedStore {
public:
    virtual ~CalendarFeedStore() = default;
    virtual Result<std::optional<CalendarFeed>> of_resident(ResidentId r) = 0;
    virtual Result<std::optional<CalendarFeed>> find(const std::string& token) = 0;
    // Fails with already_exists when the resident has one (a concurrent creation won).
    virtual Result<void> insert(const CalendarFeed& f) = 0;
    // Revokes: the address answers 404 from then on. Ok when there was none.
    virtual Result<void> remove(ResidentId r) = 0;

    // The same for collective spaces: at most one feed per space, gone with its space.
    virtual Result<std::optional<SpaceCalendarFeed>> of_space(SpaceId s) = 0;
    virtual Result<std::optional<SpaceCalendarFeed>> find_space_feed(const std::string& token) = 0;
    virtual Result<void> insert(const SpaceCalendarFeed& f) = 0;
    virtual Result<void> remove_space_feed(SpaceId s) = 0;
};

}  // namespace escale
