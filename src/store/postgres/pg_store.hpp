// SPDX-License-Identifier: EUPL-1.2
// The PostgreSQL implementation of Store, for several `escale serve` processes sharing one
// database. A fixed pool of libpq connections, each with its own prepared statements;
// invariants enforced by PostgreSQL (unique partial indexes, foreign keys). Migrations run
// under an advisory lock, so servers starting together apply them once.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace escale::postgres {

struct Options {
    std::string url;     // postgresql://user@host:port/db (a libpq connection string)
    int pool_size = 8;   // connections opened lazily, at most this many
    int acquire_timeout_ms = 5000;
};

// Connects, then creates or upgrades the schema. Fails with kind unavailable when the
// database cannot be reached or migrated.
Result<std::unique_ptr<Store>> open_store(const Options& options);

}  // namespace escale::postgres
