// SPDX-License-Identifier: EUPL-1.2
// The room of calendar feeds: each resident's secret subscription address (the token in its
// path), at most one per resident. The token is kept as it is, not hashed, so that the
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

class CalendarFeedStore {
public:
    virtual ~CalendarFeedStore() = default;
    virtual Result<std::optional<CalendarFeed>> of_resident(ResidentId r) = 0;
    virtual Result<std::optional<CalendarFeed>> find(const std::string& token) = 0;
    // Fails with already_exists when the resident has one (a concurrent creation won).
    virtual Result<void> insert(const CalendarFeed& f) = 0;
    // Revokes: the address answers 404 from then on. Ok when there was none.
    virtual Result<void> remove(ResidentId r) = 0;
};

}  // namespace escale
