// The OpenID Connect routes (login redirect, provider callback) and the provider logout
// address the logout route hands back. Registered once at start; the handlers hold no
// state of their own (the OidcProvider they share is thread-safe).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "http/router.hpp"

namespace escale::app {
class OidcProvider;
}

namespace escale::http {

// GET /api/v1/auth/oidc/login and GET /api/v1/auth/oidc/callback. With a null provider
// (no --oidc-issuer) they answer 404 "oidc_disabled".
void add_oidc_routes(Router& router, app::Context ctx, app::OidcProvider* provider, bool secure_cookies);

// Where to send the browser to end its provider session too, for a session opened through
// OpenID Connect; nullopt otherwise (no provider, local session, or provider unreachable:
// the local logout goes on regardless). Call before ending the session.
std::optional<std::string> oidc_logout_url(app::Context ctx, app::OidcProvider* provider, std::string_view token);

}  // namespace escale::http
