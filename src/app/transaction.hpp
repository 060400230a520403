// Runs one use case inside one store transaction: begin, run, commit on success.
#pragma once

#include "app/context.hpp"
#include "core/try.hpp"

namespace escale::app {

// f(Transaction&) -> Result<T>. On success the transaction commits; on failure it rolls
// back and the error is returned unchanged.
template <class F>
auto in_transaction(Context ctx, TxMode mode, F&& f) -> decltype(f(std::declval<Transaction&>())) {
    ESCALE_TRY(auto tx, ctx.store.begin(mode));
    auto result = f(*tx);
    if (!result) return result;
    if (mode == TxMode::write) ESCALE_TRY_VOID(tx->commit());
    return result;
}

}  // namespace escale::app
