// SPDX-License-Identifier: EUPL-1.2
// A locker assignment: one resident holding one locker for a period [assigned_at,
// released_at). While it is not released it is live; a resident holds at most one live
// assignment and a locker has at most one (invariant 3, held by the database's unique
// indexes). Released ones are the history, kept for the retention period.
#pragma once

#include <optional>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

using LockerAssignmentId = Id;

struct LockerAssignment {
    LockerAssignmentId id = 0;
    SiteId site_id = 0;
    LockerId locker_id = 0;
    std::optional<ResidentId> resident_id;  // none once the holder was forgotten (RGPD)
    Instant assigned_at{};
    std::optional<ResidentId> assigned_by;  // none: the system, or forgotten
    std::optional<Instant> released_at;     // none: live
    std::optional<ResidentId> released_by;  // none: the system, forgotten, or still live

    bool live() const { return !released_at.has_value(); }
};

}  // namespace escale
