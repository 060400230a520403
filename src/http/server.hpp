// SPDX-License-Identifier: EUPL-1.2
// The HTTP/1.1 server: Boost.Beast on C++20 coroutines, a few threads sharing one
// io_context. Keep-alive, a body size limit, header and idle timeouts, and a graceful
// stop on SIGTERM/SIGINT: no new connections, requests in flight finish, idle
// connections close. Requests go to an Api, which is shared by all threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "http/access_log.hpp"
#include "http/api.hpp"

namespace escale::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;       // 0: any free port (the chosen one is reported)
    int threads = 0;                 // 0: one per core, plus one
    std::size_t body_limit = 2 * 1024 * 1024;
    std::chrono::seconds read_timeout{15};   // to receive a whole request
    std::chrono::seconds idle_timeout{60};   // keep-alive wait for the next request
    std::chrono::seconds shutdown_grace{10}; // then in-flight work is abandoned
    // Hardening (issue 14): connections open at once; 0: the limit of open files less a
    // reserve (connection_cap). Beyond it, a newcomer takes the place of the oldest connection
    // waiting for a request (idle kept-alive ones first), never of one serving or streaming.
    std::size_t max_connections = 0;
    // Password hashing pool: threads (0: one per core) and requests that may wait per thread;
    // beyond, 503 server_busy with Retry-After.
    std::size_t hashing_threads = 0;
    std::size_t hashing_queue_per_thread = 4;
    // Bytes of answers built per request and not yet taken by slow clients; an answer over
    // 64 KiB that would pass it is replaced by 503 server_busy.
    std::size_t unsent_budget = 256 * 1024 * 1024;
    // One line per request on standard error (http/access_log.hpp).
    AccessLogFormat access_log = AccessLogFormat::off;
};

// The connection cap in force: `asked`, or when 0 the process's limit of open files
// (RLIMIT_NOFILE) less a reserve for the database and the logs (an eighth, at least 64).
std::size_t connection_cap(std::size_t asked);

// Serves until SIGTERM or SIGINT. `on_listening` is called with the bound port once the
// socket listens. Fails (kind unavailable) when the address cannot be bound.
Result<void> serve(const ServerOptions& options, const Api& api,
                   const std::function<void(std::uint16_t)>& on_listening);

}  // namespace escale::http
