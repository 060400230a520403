// SPDX-License-Identifier: EUPL-1.2
// The audit log inside a transaction: a line is written in the transaction of the change
// it records, so a refused or failed change leaves none. Part of a Transaction
// (store/store.hpp): it belongs to the transaction's thread and shares its error rules.
#pragma once

#include <optional>
#include <vector>

#include "core/audit_event.hpp"
#include "core/error.hpp"

namespace escale {

class AuditStore {
public:
    virtual ~AuditStore() = default;
    virtual Result<void> insert(const AuditEvent& e) = 0;
    // The events matching q, newest first.
    virtual Result<std::vector<AuditEvent>> events(const AuditQuery& q) = 0;
    // Deletes the events of site `site` (none: of no site) that happened before `before`;
    // returns how many.
    virtual Result<int> delete_before(std::optional<SiteId> site, Instant before) = 0;
};

}  // namespace escale
