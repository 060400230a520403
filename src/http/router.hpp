// SPDX-License-Identifier: EUPL-1.2
// Maps (method, path) to a handler. Patterns are literal segments and "{name}" segments
// that capture one path segment. The route table is also what the OpenAPI document is
// checked against. Built once at start, then only read: safe to share between threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "http/message.hpp"

namespace escale::http {

using PathParams = std::vector<std::string>;  // captured segments, in pattern order

// What a handler gets: the request, the captured path segments, and who is calling
// (null on routes that do not require login).
struct Call {
    const Request& request;
    const PathParams& params;
    const app::Actor* actor;
};

// Written with designated initialisers, e.g. {.method = "GET", .pattern = "/api/v1/me",
// .handler = ...}: C++20 wants them in this order, so keep it.
struct Route {
    std::string method;
    std::string pattern;  // e.g. "/api/v1/desks/{id}"
    bool requires_login = true;
    std::function<Response(const Call&)> handler;
    // May hold its thread for long (password hashing, waiting for the database writer or
    // a disk flush): the server runs it off its I/O threads. Every write route is.
    bool slow = false;
    // Hardening (issue 14): checks or hashes a password (argon2id, 64 MiB each): the server
    // runs it on its own small pool, and refuses it (503) beyond that pool's queue.
    bool hashes_password = false;
    // What can be refused from the request alone (its content type, its body), checked on the
    // I/O thread before the route waits for a place on its pool: a malformed request is then
    // answered 400 at once, never queued behind the hashes nor turned away with a 503
    // when the pool is full. Made before authentication: for routes without login only.
    std::function<std::optional<Error>(const Request&)> early_check = nullptr;
};

class Router {
public:
    void add(Route route);

    struct Match {
        const Route* route = nullptr;   // null when nothing matched
        PathParams params;
        std::vector<std::string> allowed_methods;  // when the path matched other methods only
    };
    Match match(std::string_view method, std::string_view path) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> segments_;  // per route
};

}  // namespace escale::http
