// SPDX-License-Identifier: EUPL-1.2
#include "http/error_status.hpp"

namespace escale::http {

int status_of(ErrorKind k) {
    switch (k) {
        case ErrorKind::invalid_input: return 400;
        case ErrorKind::unauthenticated: return 401;
        case ErrorKind::forbidden: return 403;
        case ErrorKind::not_found: return 404;
        case ErrorKind::conflict: return 409;
        case ErrorKind::too_large: return 413;
        case ErrorKind::throttled: return 429;
        case ErrorKind::rule_violation: return 422;
        case ErrorKind::unavailable:
        case ErrorKind::contention: return 503;
        case ErrorKind::internal: return 500;
    }
    return 500;
}

}  // namespace escale::http
