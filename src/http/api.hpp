// SPDX-License-Identifier: EUPL-1.2
// The Escale HTTP API: its route table, built from the route groups of http/routes/, and
// the dispatcher that authenticates, calls the route's handler and turns errors into JSON
// bodies (the server, http/server.cpp, adds the security headers to every answer).
// An Api is built once, then shared by every server thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/clock.hpp"
#include "http/availability_encoder.hpp"
#include "http/router.hpp"

namespace escale::app {
class OidcProvider;
}

namespace escale::http {
class StaticFiles;
}

namespace escale::http {

struct ApiOptions {
    // When set, the server runs in test mode: PUT /api/v1/test/clock moves this clock.
    // Without it that route does not exist.
    ManualClock* test_clock = nullptr;
    // Mark cookies Secure (set when clients reach the server over HTTPS, e.g. through a
    // TLS-terminating reverse proxy).
    bool secure_cookies = false;
    // OpenID Connect login (--oidc-issuer …); null: its routes answer 404 oidc_disabled.
    app::OidcProvider* oidc = nullptr;
    // Addresses of the reverse proxies whose X-Forwarded-For is believed (http/client_address.hpp).
    std::vector<std::string> trusted_proxies = {};
    // The built web app (--web-root); null: / answers a page saying it is not built, and
    // any other path that no route matches is a 404.
    const StaticFiles* web = nullptr;
    // Check-in (issue 10, item 3): the address people reach the web app at (--public-url);
    // desks' QR codes point to <public_url>/p/<desk id>.
    std::string public_url = "http://127.0.0.1:8080";
    // Hardening (issue 14): GET /metrics answers only a loopback client that came through no
    // proxy, or (when set, --metrics-token) a client presenting `Authorization: Bearer <token>`.
    std::string metrics_token = {};
};

class Api {
public:
    Api(app::Context ctx, ApiOptions options);
    // Finds the route of a request; the server looks at its `slow` flag to pick a thread.
    Router::Match route(const Request& request) const { return router_.match(request.method, request.path); }
    // Answers a request routed by route(). Never throws: any failure becomes an error response.
    Response handle(const Request& request, const Router::Match& match) const;
    const Router& router() const { return router_; }

private:
    app::Context ctx_;
    Router router_;
    AvailabilityEncoder availability_encoder_;
    const StaticFiles* web_ = nullptr;
};

}  // namespace escale::http
