// SPDX-License-Identifier: EUPL-1.2
// Database files readable by their owner only (issue 14, finding 6): SQLite creates a new
// database with the process's umask (often 0644), and its WAL and shared-memory files with
// the database's own mode. Creating the database file first, mode 0600, makes all three
// private; backups likewise. Safe to call from any thread.
#pragma once

#include <string>

namespace escale::sqlite {

// Creates `path` empty with mode 0600 if it does not exist (an existing file is left as it
// is); returns `path`, so it can stand in a constructor's initialiser. Names SQLite treats
// specially (":memory:", "file:" URIs, the empty name) are left to SQLite.
const std::string& create_private(const std::string& path);

}  // namespace escale::sqlite
