// SPDX-License-Identifier: EUPL-1.2
// Readiness (app/readiness.hpp).
#include "app/readiness.hpp"

namespace escale::app {

Result<void> check_ready(Context ctx) { return ctx.store.ping(); }

}  // namespace escale::app
