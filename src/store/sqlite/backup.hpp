// SPDX-License-Identifier: EUPL-1.2
// Online copies of an embedded SQLite database: a backup taken while servers write is a
// consistent snapshot (SQLite's online backup API, copying in one step under a read
// transaction, which in WAL mode blocks no writer); a restore checks the copy before it
// replaces the database.
#pragma once

#include <string>

#include "core/error.hpp"

namespace escale::sqlite {

// Copies the database at `db_path` to `to_path` (overwritten). Fails with kind unavailable.
Result<void> backup(const std::string& db_path, const std::string& to_path);

// Replaces the database at `db_path` with the backup at `from_path`, after checking that it
// is an intact Escale database (integrity and foreign keys). Stop the servers first.
Result<void> restore(const std::string& from_path, const std::string& db_path);

}  // namespace escale::sqlite
