// SPDX-License-Identifier: EUPL-1.2
// Moves everything an embedded SQLite database holds (sites, referential, accounts,
// sessions, bookings with their history, job runs) into an empty PostgreSQL database,
// keeping every id, then proves the copy: row counts and a checksum per table, computed
// on both sides over the rows in primary-key order, in one canonical text form.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace escale {

struct TableCopy {
    std::string table;
    long long rows = 0;
    std::string checksum;  // hex SHA-256 of the canonical rows, equal on both sides
};

// `to_url` must name a PostgreSQL database without Escale data (it is migrated first).
// All or nothing: the copy runs in one PostgreSQL transaction, committed only when every
// table's count and checksum match. Fails with kind rule_violation ("target_not_empty",
// "verification_failed") or unavailable.
Result<std::vector<TableCopy>> migrate_sqlite_to_postgres(const std::string& sqlite_path, const std::string& to_url);

}  // namespace escale
