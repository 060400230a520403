// SPDX-License-Identifier: EUPL-1.2
// The OpenID Connect routes (login redirect, provider callback) and the provider logout
// address the logout route hands back. A browser comes here by navigation, not by script:
// answers are redirects, and failures are short French HTML pages (with the stable error
// code) rather than JSON bodies. The handlers hold no state of their own (the OidcProvider
// they share is thread-safe).
#include "http/routes/routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/identity/oidc_login.hpp"
#include "core/markup.hpp"
#include "core/oidc_errors.hpp"
#include "http/api.hpp"
#include "http/error_status.hpp"
#include "http/replies.hpp"
#include "http/session_cookie.hpp"

namespace escale::http {
namespace {

// A page saying why the login failed and how to go on.
Response error_page(const Error& e) {
    if (e.kind == ErrorKind::internal) spdlog::error("oidc: internal error: {}", e.message);
    else spdlog::info("oidc: login refused: {}", e.code);
    std::string body = fmt::format(
        "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>Connexion impossible — Escale</title></head>\n"
        "<body><main data-error-code=\"{0}\">\n<h1>Connexion impossible</h1>\n<p>{1}</p>\n"
        "<p>Code de l'erreur, à indiquer au support : <code>{0}</code></p>\n"
        "<p><a href=\"/\">Revenir à l'accueil d'Escale</a></p>\n</main></body></html>\n",
        escape_markup(e.code), escape_markup(e.message));
    Response r{status_of(e.kind), "text/html; charset=utf-8", std::move(body), {}};
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response redirect(const std::string& location) {
    Response r{302, "", "", {}};
    r.headers.emplace_back("Location", location);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

constexpr std::string_view oidc_state_cookie = "escale_oidc_state";

std::string param(const Request& r, std::string_view name) {
    auto v = r.query_param(name);
    return v ? std::string(*v) : std::string();
}

}  // namespace

void add_oidc_routes(Router& router, const RouteContext& rc) {
    app::Context ctx = rc.app;
    app::OidcProvider* provider = rc.options.oidc;
    bool secure_cookies = rc.options.secure_cookies;
    // Both may wait on the provider over the network: off the I/O threads.
    router.add({.method = "GET", .pattern = "/api/v1/auth/oidc/login", .requires_login = false,
                .handler = [ctx, provider, secure_cookies](const Call& c) {
                    if (!provider) return error_page(errors::oidc_disabled());
                    auto start = app::begin_oidc_login(ctx, *provider, param(c.request, "return_to"));
                    if (!start) return error_page(start.error());
                    auto r = redirect(start->authorization_url);
                    // The callback only accepts the state of a login this browser started.
                    r.headers.emplace_back(
                        "Set-Cookie", fmt::format("{}={}; Path=/api/v1/auth/oidc/callback; Max-Age={}; HttpOnly; SameSite=Lax{}",
                                                  oidc_state_cookie, start->state,
                                                  std::chrono::seconds(app::oidc_login_lifetime).count(),
                                                  secure_cookies ? "; Secure" : ""));
                    return r;
                },
                .slow = true});
    router.add({.method = "GET", .pattern = "/api/v1/auth/oidc/callback", .requires_login = false,
                .handler = [ctx, provider, secure_cookies](const Call& c) {
                    if (!provider) return error_page(errors::oidc_disabled());
                    app::OidcCallback cb{param(c.request, "code"), param(c.request, "state"),
                                         param(c.request, "error"), param(c.request, "error_description"),
                                         cookie_value(c.request, oidc_state_cookie)};
                    auto done = app::complete_oidc_login(ctx, *provider, cb, cookie_token(c.request));
                    if (!done) return error_page(done.error());
                    auto r = redirect(done->return_to);
                    set_session_cookie(r, done->session.token, app::session_lifetime, secure_cookies);
                    r.headers.emplace_back("Set-Cookie", fmt::format("{}=; Path=/api/v1/auth/oidc/callback; Max-Age=0; HttpOnly; "
                                                                     "SameSite=Lax{}", oidc_state_cookie,
                                                                     secure_cookies ? "; Secure" : ""));
                    return r;
                },
                .slow = true});
    // web app (issue 11): which login methods this server offers, for the login page to show
    // the ProConnect button only when it works.
    bool oidc_on = provider != nullptr;
    router.add({.method = "GET", .pattern = "/api/v1/auth/methods", .requires_login = false,
                .handler = [oidc_on](const Call&) {
                    json::value oidc = nullptr;
                    if (oidc_on) oidc = json::object{{"label", "ProConnect"}, {"login_url", "/api/v1/auth/oidc/login"}};
                    return json_response(200, json::object{{"local", true}, {"oidc", oidc}});
                }});
}

std::optional<std::string> oidc_logout_url(app::Context ctx, app::OidcProvider* provider, std::string_view token) {
    if (!provider) return std::nullopt;
    auto url = app::oidc_end_session_url(ctx, *provider, token);
    if (!url) {
        spdlog::warn("oidc: no provider logout address: {}", url.error().message);
        return std::nullopt;
    }
    return *url;
}

}  // namespace escale::http
