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
};

// Serves until SIGTERM or SIGINT. `on_listening` is called with the bound port once the
// socket listens. Fails (kind unavailable) when the address cannot be bound.
Result<void> serve(const ServerOptions& options, const Api& api,
                   const std::function<void(std::uint16_t)>& on_listening);

}  // namespace escale::http
