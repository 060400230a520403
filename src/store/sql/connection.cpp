// SPDX-License-Identifier: EUPL-1.2
#include "store/sql/connection.hpp"

#include "core/errors.hpp"

namespace escale::sql {

Error error_of(const Failure& f, const Meaning& m) {
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
