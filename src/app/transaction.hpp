// SPDX-License-Identifier: EUPL-1.2
// Runs one use case inside one store transaction: begin, run, commit on success.
#pragma once

#include "app/context.hpp"
#include "core/try.hpp"

namespace escale::app {

// f(Transaction&) -> Result<T>. On success the transaction commits; on failure it rolls
// back and the error is returned unchanged. A transaction the database gave up to keep
// concurrent ones consistent (ErrorKind::contention: serialisation failure, deadlock) is
// run again, up to three times in all; f must therefore have no effect outside `tx`.
template <class F>
auto in_transaction(Context ctx, TxMode mode, F&& f) -> decltype(f(std::declval<Transaction&>())) {
    for (int attempt = 1;; ++attempt) {
        auto result = [&]() -> decltype(f(std::declval<Transaction&>())) {
            ESCALE_TRY(auto tx, ctx.store.begin(mode));
            auto r = f(*tx);
            if (!r) return r;
            if (mode == TxMode::write) ESCALE_TRY_VOID(tx->commit());
            return r;
        }();
        if (result || result.error().kind != ErrorKind::contention || attempt == 3) return result;
    }
}

}  // namespace escale::app
