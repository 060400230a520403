// SPDX-License-Identifier: EUPL-1.2
// The one HTTP status of each kind of error (docs/architecture.md: errors map to one status each).
#pragma once

#include "core/error.hpp"

namespace escale::http {

int status_of(ErrorKind k);

}  // namespace escale::http
