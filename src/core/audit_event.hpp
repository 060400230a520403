// SPDX-License-Identifier: EUPL-1.2
// One line of the audit log: who did what, when, on which site, and on whose behalf.
// Written in the same transaction as the change it records, so the log and the data never
// disagree. It names people by resident id only and holds no other personal data: the
// details say what changed (field names, counts), not the values. Its lines go after the
// site's retention period, with the bookings (app/personal_data.hpp apply_retention).
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

using AuditEventId = Id;

struct AuditEvent {
    AuditEventId id = 0;
    Instant at{};
    std::optional<SiteId> site_id;           // none for what belongs to no site (API tokens)
    std::optional<ResidentId> actor_id;      // none: the system (command line, periodic jobs)
    std::optional<ResidentId> on_behalf_of;  // the person concerned, when not the actor
    std::string action;                      // create, update, delete, import, book_for, cancel_for, export...
    std::string object;                      // the collection acted on: desks, residents, role_grants...
    std::optional<Id> object_id;
    std::string details;                     // e.g. the changed fields; never personal data
};

// What to read from the log: newest first, at most `limit`, older than `before_id` when set.
struct AuditQuery {
    std::optional<SiteId> site_id;
    std::optional<ResidentId> person;  // done by or for this person
    std::optional<Instant> from;   // at >= from
    std::optional<Instant> until;  // at < until
    std::optional<AuditEventId> before_id;
    int limit = 100;
};

}  // namespace escale
