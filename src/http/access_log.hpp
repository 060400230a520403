// SPDX-License-Identifier: EUPL-1.2
// The access log (issue 14, finding 7): one line per answered request, on standard error,
// as text or as JSON lines. It names the route's pattern ("/api/v1/desks/{id}"), never the
// path, the query, a header or a body: no personal data, no token. Safe from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace escale::http {

enum class AccessLogFormat { off, text, json };

struct AccessEntry {
    std::string_view request_id;
    std::string_view method;
    std::string_view route;  // the matched route's pattern; "-" when none matched
    int status = 0;
    std::chrono::microseconds duration{0};
    std::size_t bytes = 0;  // of the body sent
};

// Writes one line (nothing when format is off).
void log_access(AccessLogFormat format, const AccessEntry& e);

}  // namespace escale::http
