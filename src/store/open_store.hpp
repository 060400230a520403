// SPDX-License-Identifier: EUPL-1.2
// Opens the Store a database URL names: "sqlite:PATH" (the embedded default) or
// "postgresql://..." / "postgres://..." (several servers on one database).
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace escale {

struct StoreOptions {
    std::string url = "sqlite:escale.db";
    bool sqlite_synchronous_full = true;  // see sqlite::Options
    int postgres_pool_size = 8;
};

// Fails with kind invalid_input for a URL of no known kind, unavailable when the database
// cannot be opened or migrated.
Result<std::unique_ptr<Store>> open_store(const StoreOptions& options);

}  // namespace escale
