// SPDX-License-Identifier: EUPL-1.2
// ESCALE_TRY: unwrap a Result or return its error from the enclosing function.
#pragma once

#include <tl/expected.hpp>

#define ESCALE_CAT_(a, b) a##b
#define ESCALE_CAT(a, b) ESCALE_CAT_(a, b)

// ESCALE_TRY(auto x, expr);  or  ESCALE_TRY_VOID(expr);
#define ESCALE_TRY(decl, expr) ESCALE_TRY_IMPL_(decl, expr, ESCALE_CAT(escale_try_, __COUNTER__))
#define ESCALE_TRY_IMPL_(decl, expr, tmp)                                    \
    auto tmp = (expr);                                                       \
    if (!tmp) return ::tl::unexpected(std::move(tmp.error()));               \
    decl = std::move(*tmp)

#define ESCALE_TRY_VOID(expr)                                                        \
    do {                                                                             \
        auto escale_try_v = (expr);                                                  \
        if (!escale_try_v) return ::tl::unexpected(std::move(escale_try_v.error())); \
    } while (0)
