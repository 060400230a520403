// SPDX-License-Identifier: EUPL-1.2
// The embedded SQLite implementation of Store: one database file in WAL mode, a small pool
// of connections (one per concurrent transaction), and a process-wide writer lock so that
// writers queue in memory instead of sleeping in SQLite's busy handler. Other processes
// on the same file (the CLI while a server runs) are still serialised by SQLite itself.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace escale::sqlite {

struct Options {
    std::string path = "escale.db";
    // true: a commit returns once the WAL is on disk, so an acknowledged write survives
    // power loss; flushes are grouped across concurrent commits (see wal_sync.hpp).
    // false: commits are not flushed; an acknowledged write survives a crash of the
    // process but the last ones may be lost on power loss.
    bool synchronous_full = true;
    int busy_timeout_ms = 5000;
};

// Opens (creating if needed) and migrates the database. Fails with kind unavailable when
// the file cannot be opened or migrated.
Result<std::unique_ptr<Store>> open_store(const Options& options);

}  // namespace escale::sqlite
