// SPDX-License-Identifier: EUPL-1.2
// Routes for running the service rather than using it: the web app's page (its files are
// served by http/static_files when no route matches), liveness
// (/healthz), readiness (/readyz, through app/readiness), the OpenAPI document, and in test
// mode only, the clock tests move (PUT /api/v1/test/clock).
#include "http/routes/routes.hpp"

#include <optional>
#include <string>
#include <string_view>

#include <boost/describe/class.hpp>

#include "app/readiness.hpp"
#include "core/clock.hpp"
#include "core/instant_text.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"
#include "http/replies.hpp"
#include "http/server_figures.hpp"
#include "http/static_files.hpp"

namespace escale::http {

namespace embedded {
extern const std::string_view openapi_json;
}  // namespace embedded

namespace {

// PUT /api/v1/test/clock. Other members are ignored, as they always have been.
struct TestClockBody {
    std::optional<Instant> now;  // checked present after the type, so a wrong type is reported first
};
BOOST_DESCRIBE_STRUCT(TestClockBody, (), (now))

Response set_test_clock(ManualClock& clock, const Call& c) {
    auto body = decode<TestClockBody>(c.request.body, UnknownFields::ignore);
    if (!body) return error_response(body.error());
    if (!body->now) return error_response(errors::missing_field("now"));
    clock.set(*body->now);
    return json_response(200, json::object{{"now", format_instant(*body->now)}});
}

// What / shows when the server runs without the built web app.
constexpr std::string_view app_not_built =
    "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Escale</title></head>\n"
    "<body><main><h1>Escale</h1>\n<p>L'application web n'est pas construite sur ce serveur : lancez "
    "<code>bash scripts/build.sh</code>, ou donnez son dossier à <code>escale serve --web-root</code>. "
    "L'API répond sous <a href=\"/api/v1/openapi.json\">/api/v1</a>.</p></main></body></html>\n";

// Hardening (issue 14): who may read GET /metrics. With a token, whoever presents it (compared
// in constant time); without, a client on this machine that did not come through a proxy (a
// reverse proxy on the same host would otherwise publish the figures).
bool may_scrape(const std::string& token, const Request& r) {
    if (!token.empty()) {
        const std::string expected = "Bearer " + token;
        if (r.authorization.size() != expected.size()) return false;
        unsigned char diff = 0;
        for (std::size_t i = 0; i < expected.size(); ++i)
            diff |= static_cast<unsigned char>(r.authorization[i] ^ expected[i]);
        return diff == 0;
    }
    const std::string_view a = r.remote_address;
    const bool loopback = a.starts_with("127.") || a == "::1" || a.starts_with("::ffff:127.");
    return loopback && r.forwarded_for.empty();
}

}  // namespace

void add_operations_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    const StaticFiles* web = rc.options.web;
    r.add({.method = "GET", .pattern = "/", .requires_login = false, .handler = [web](const Call& c) {
               if (web) return web->index(c.request);
               return Response{200, "text/html; charset=utf-8", std::string(app_not_built), {}};
           }});
    r.add({.method = "GET", .pattern = "/healthz", .requires_login = false, .handler = [](const Call&) {
               return json_response(200, json::object{{"status", "ok"}});
           }});
    r.add({.method = "GET", .pattern = "/readyz", .requires_login = false, .handler = [ctx](const Call&) {
               auto ok = app::check_ready(ctx);
               if (!ok) return error_response(ok.error());
               return json_response(200, json::object{{"status", "ready"}});
           }});
    r.add({.method = "GET", .pattern = "/api/v1/openapi.json", .requires_login = false, .handler = [](const Call&) {
               Response r{200, "application/json; charset=utf-8", {}, {}};
               r.body_view = embedded::openapi_json;  // static: no copy per request
               return r;
           }});
    // Hardening (issue 14): the operations figures, in the Prometheus text format.
    r.add({.method = "GET", .pattern = "/metrics", .requires_login = false, .handler = [token = rc.options.metrics_token](const Call& c) {
               if (!may_scrape(token, c.request)) return error_response(errors::forbidden());
               return Response{200, "text/plain; version=0.0.4; charset=utf-8", server_figures().prometheus_text(), {}};
           }});
    if (ManualClock* clock = rc.options.test_clock)
        r.add({.method = "PUT", .pattern = "/api/v1/test/clock", .requires_login = false,
               .handler = [clock](const Call& c) { return set_test_clock(*clock, c); }});
}

}  // namespace escale::http
