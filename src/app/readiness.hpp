// SPDX-License-Identifier: EUPL-1.2
// Whether this server can serve requests now: the question a load balancer or an
// orchestrator asks through GET /readyz before sending traffic.
#pragma once

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

// Succeeds when the database answers a round trip; fails with the store's error otherwise
// (typically database_unavailable). Needs no actor: it tells nothing but readiness. Opens
// no transaction.
Result<void> check_ready(Context ctx);

}  // namespace escale::app
