// SPDX-License-Identifier: EUPL-1.2
#include "store/sql/connection.hpp"

#include "core/errors.hpp"
#include "core/metrics.hpp"

namespace escale::sql {

namespace {

// The kind of a failure, as GET /metrics counts it (issue 14).
metrics::DatabaseError counted_as(Failure::Kind k) {
    switch (k) {
        case Failure::unique:
        case Failure::exclusion: return metrics::DatabaseError::unique;
        case Failure::foreign_key: return metrics::DatabaseError::foreign_key;
        case Failure::contention: return metrics::DatabaseError::contention;
        case Failure::unavailable: return metrics::DatabaseError::unavailable;
        case Failure::other: break;
    }
    return metrics::DatabaseError::other;
}

}  // namespace

Error error_of(const Failure& f, const Meaning& m) {
    metrics::process().database_errors[static_cast<int>(counted_as(f.kind))].add();
    switch (f.kind) {
        case Failure::unique:
            return m.unique_error ? m.unique_error(f.constraint) : errors::already_exists(m.label);
        case Failure::foreign_key:
            return m.deleting ? errors::in_use(m.label) : errors::unknown_reference();
        case Failure::contention: return errors::transaction_conflict();
        case Failure::unavailable: return errors::database_unavailable();
        case Failure::other: break;
        case Failure::exclusion:
            if (m.exclusion_error) return m.exclusion_error(f.constraint);
            break;
    }
    return errors::internal(f.message);
}

}  // namespace escale::sql
