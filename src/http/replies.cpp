// SPDX-License-Identifier: EUPL-1.2
// From use-case results to responses (http/replies.hpp).
#include "http/replies.hpp"

#include <string>

#include <spdlog/spdlog.h>

#include "http/error_status.hpp"
#include "http/json_text.hpp"
#include "http/request_id.hpp"

namespace escale::http {

Response error_response(const Error& e) {
    if (e.kind == ErrorKind::internal)
        spdlog::error("erreur interne (requête {}) : {}", current_request_id(), e.cause.empty() ? e.message : e.cause);
    Response r{status_of(e.kind), "application/json; charset=utf-8", error_body(e), {}};
    if (e.retry_after.count() > 0) r.headers.emplace_back("Retry-After", std::to_string(e.retry_after.count()));
    return r;
}

Response json_response(int status, const json::value& v) {
    return Response{status, "application/json; charset=utf-8", json_text(v), {}};
}

Response no_content() { return Response{204, "", "", {}}; }

}  // namespace escale::http
