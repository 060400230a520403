// SPDX-License-Identifier: EUPL-1.2
// What the HTTP server counts for GET /metrics (issue 14): requests by route template and
// status, their latency per route, open connections, work waiting on the pools; and the text
// of the whole scrape in the Prometheus exposition format (0.0.4), with the figures of the
// layers below (core/metrics.hpp). One per process: server_figures(). Counting is a relaxed
// atomic add on an entry made when the routes are set (before the server accepts): no lock
// on the request path. Safe to share between threads once set_routes has returned.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/metrics.hpp"
#include "http/router.hpp"

namespace escale::http {

class ServerFigures {
public:
    // The route table whose requests are counted (the Api's, fixed for the process's life).
    // Called once, before any request is counted.
    void set_routes(const std::vector<Route>& routes);

    // A request answered: `route` null when no route matched (static files, 404).
    void request_done(const Route* route, int status, std::chrono::microseconds took) noexcept;

    metrics::Gauge open_connections;
    metrics::Gauge waiting_connections;   // accepted, not started yet (http/arrivals.hpp)
    metrics::Gauge slow_pool_waiting;     // requests handed to the write pool, not finished yet
    metrics::Gauge hashing_pool_waiting;  // requests handed to the password-hashing pool

    // The scrape: every family with its # HELP and # TYPE lines.
    std::string prometheus_text() const;

    ServerFigures();
    ~ServerFigures();

private:
    struct PerRoute;
    const std::vector<Route>* routes_ = nullptr;
    std::unique_ptr<PerRoute[]> per_route_;  // routes_->size() + 1 (the last: no route)
};

ServerFigures& server_figures();

}  // namespace escale::http
