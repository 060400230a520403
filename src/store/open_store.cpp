// SPDX-License-Identifier: EUPL-1.2
#include "store/open_store.hpp"

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace escale {

Result<std::unique_ptr<Store>> open_store(const StoreOptions& o) {
    const std::string& url = o.url;
    if (url.rfind("sqlite:", 0) == 0) {
        sqlite::Options so;
        so.path = url.substr(7);
        so.synchronous_full = o.sqlite_synchronous_full;
        return sqlite::open_store(so);
    }
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        postgres::Options po;
        po.url = url;
        po.pool_size = o.postgres_pool_size;
        return postgres::open_store(po);
    }
    return fail(ErrorKind::invalid_input, "unsupported_database",
                "La base doit être désignée par « sqlite:CHEMIN » ou « postgresql://… ».");
}

}  // namespace escale
