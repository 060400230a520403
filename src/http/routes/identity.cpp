// SPDX-License-Identifier: EUPL-1.2
// Routes of identity: local login and logout, the current session and /me, changing one's
// own password and resetting someone else's, and the personal API tokens a resident creates
// for integrations. (OpenID Connect login is in oidc.cpp.)
#include "http/routes/routes.hpp"

#include <optional>
#include <string>

#include "app/identity/account_password.hpp"
#include "app/identity/api_tokens.hpp"
#include "app/identity/auth.hpp"
#include "core/errors.hpp"
#include "core/instant_text.hpp"
#include "http/api.hpp"
#include "http/client_address.hpp"
#include "http/json_body.hpp"
#include "http/replies.hpp"
#include "http/request_params.hpp"
#include "http/routes/identity_bodies.hpp"
#include "http/session_cookie.hpp"

namespace escale::http {
namespace {

// A login's email and password, as far as the request alone can tell.
Result<LoginBody> login_request(const Request& request) {
    // A page of another site can post a form to here but not with this content type (not
    // without the browser asking first): no login forged into someone else's browser.
    if (!is_json_media_type(request.content_type)) return fail(errors::json_content_type_required());
    auto body = decode<LoginBody>(request.body, UnknownFields::ignore);
    if (!body) return fail(body.error());
    if (!body->email) return fail(errors::missing_field("email"));
    if (!body->password) return fail(errors::missing_field("password"));
    return body;
}

Response login(app::Context ctx, const ApiOptions& options, const Call& c) {
    auto body = login_request(c.request);
    if (!body) return error_response(body.error());
    const std::string& email = *body->email;
    const std::string& password = *body->password;
    if (email.size() > 254 || password.size() > 1024) return error_response(errors::bad_credentials());
    auto address = client_address(c.request.remote_address, c.request.forwarded_for, options.trusted_proxies);
    auto r = app::login(ctx, email, password, address, request_token(c.request));
    if (!r) return error_response(r.error());
    auto resp = json_response(200, json::object{{"token", r->token},
                                                {"csrf_token", app::csrf_token_for(r->token)},
                                                {"resident", encode(r->resident)},
                                                {"expires_at", format_instant(r->expires_at)}});
    set_session_cookie(resp, r->token, app::session_lifetime, options.secure_cookies);
    return resp;
}

Response logout(app::Context ctx, const ApiOptions& options, const Call& c) {
    auto token = request_token(c.request);
    // A session opened through OpenID Connect also ends at the provider: the client goes there next.
    auto end_session_url = oidc_logout_url(ctx, options.oidc, token);
    auto r = app::logout(ctx, token);
    if (!r) return error_response(r.error());
    Response resp = end_session_url ? json_response(200, json::object{{"end_session_url", *end_session_url}})
                                    : no_content();
    clear_session_cookie(resp, options.secure_cookies);
    return resp;
}

Response password_replaced(const Result<app::PasswordReplaced>& r) {
    if (!r) return error_response(r.error());
    return json_response(200, json::object{{"sessions_ended", r->sessions_ended}, {"api_tokens_kept", r->api_tokens_kept}});
}

Response change_own_password(app::Context ctx, const ApiOptions& options, const Call& c) {
    auto body = decode<OwnPasswordBody>(c.request.body);
    if (!body) return error_response(body.error());
    // As at login: a longer one is no password of ours, and not worth hashing.
    if (body->current_password->size() > 1024) return error_response(errors::wrong_current_password());
    auto address = client_address(c.request.remote_address, c.request.forwarded_for, options.trusted_proxies);
    return password_replaced(app::change_own_password(ctx, *c.actor, *body->current_password, *body->new_password,
                                                      request_token(c.request), address));
}

Response reset_password(app::Context ctx, const Call& c) {
    auto id = path_id(c);
    if (!id) return error_response(id.error());
    auto body = decode<PasswordResetBody>(c.request.body);
    if (!body) return error_response(body.error());
    return password_replaced(app::reset_password(ctx, *c.actor, *id, *body->new_password));
}

Response create_api_token(app::Context ctx, const Call& c) {
    auto body = decode<NewApiTokenBody>(c.request.body);
    if (!body) return error_response(body.error());
    app::NewApiToken req{.name = body->name.value_or(""), .read_only = body->read_only.value,
                         .expires_at = body->expires_at};
    auto made = app::create_api_token(ctx, *c.actor, std::move(req));
    if (!made) return error_response(made.error());
    auto out = to_json(made->token).as_object();
    out["token"] = made->secret;
    return json_response(201, out);
}

}  // namespace

void add_identity_routes(Router& r, const RouteContext& rc) {
    app::Context ctx = rc.app;
    const ApiOptions& options = rc.options;
    r.add({.method = "POST", .pattern = "/api/v1/auth/login", .requires_login = false,
           .handler = [ctx, options](const Call& c) { return login(ctx, options, c); }, .slow = true,
           .hashes_password = true, .early_check = [](const Request& request) -> std::optional<Error> {
               auto body = login_request(request);
               return body ? std::nullopt : std::optional<Error>(body.error());
           }});
    r.add({.method = "POST", .pattern = "/api/v1/auth/logout",
           .handler = [ctx, options](const Call& c) { return logout(ctx, options, c); }, .slow = true});
    r.add({.method = "GET", .pattern = "/api/v1/me", .handler = [](const Call& c) {
               return json_response(200, encode(c.actor->resident));
           }});
    r.add({.method = "GET", .pattern = "/api/v1/auth/session", .handler = [](const Call& c) {
               json::object out{{"resident", encode(c.actor->resident)}, {"roles", encode(c.actor->roles)}};
               if (!c.actor->api_token) out["csrf_token"] = app::csrf_token_for(request_token(c.request));
               else out["api_token"] = to_json(*c.actor->api_token);
               return json_response(200, out);
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/password",
           .handler = [ctx, options](const Call& c) { return change_own_password(ctx, options, c); }, .slow = true,
           .hashes_password = true});
    r.add({.method = "PUT", .pattern = "/api/v1/residents/{id}/password",
           .handler = [ctx](const Call& c) { return reset_password(ctx, c); }, .slow = true,
           .hashes_password = true});
    r.add({.method = "GET", .pattern = "/api/v1/me/api-tokens", .handler = [ctx](const Call& c) {
               return reply(app::list_api_tokens(ctx, *c.actor));
           }});
    r.add({.method = "POST", .pattern = "/api/v1/me/api-tokens",
           .handler = [ctx](const Call& c) { return create_api_token(ctx, c); }});
    r.add({.method = "DELETE", .pattern = "/api/v1/me/api-tokens/{id}",
           .handler = [ctx](const Call& c) {
               auto id = path_id(c);
               if (!id) return error_response(id.error());
               auto revoked = app::revoke_api_token(ctx, *c.actor, *id);
               if (!revoked) return error_response(revoked.error());
               return no_content();
           }});
}

}  // namespace escale::http
