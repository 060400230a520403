// SPDX-License-Identifier: EUPL-1.2
// OpenID Connect login (authorization-code flow with PKCE, ProConnect-compatible): start a
// login, finish it on the provider's callback (one session, matched by email), and build
// the provider's logout address. Each use case runs its database work in one transaction;
// the calls to the provider happen outside any transaction. Plain functions: safe to call
// from any thread with a shared OidcProvider.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/identity/auth.hpp"
#include "app/context.hpp"
#include "app/identity/oidc_provider.hpp"
#include "core/error.hpp"

namespace escale::app {

// How long a started login may wait for its callback.
inline constexpr std::chrono::minutes oidc_login_lifetime{10};

// Starts a login: stores a pending login (random state and nonce of 64 characters, PKCE
// verifier) and returns the provider's authorization URL to send the browser to, with the
// state, which the browser must bring back (in a cookie) to the callback.
// `return_to` is where to go once logged in: a path of this site ("/…", not "//…");
// "oidc_bad_return_path" otherwise; empty means "/". Fails with
// "oidc_provider_unavailable" when discovery fails.
struct OidcStart {
    std::string authorization_url;
    std::string state;
};
Result<OidcStart> begin_oidc_login(Context ctx, OidcProvider& provider, std::string_view return_to);

// What the provider's redirect to the callback carried.
struct OidcCallback {
    std::string code;
    std::string state;
    std::string error;              // set when the provider refused, e.g. "access_denied"
    std::string error_description;
    std::string browser_state;  // the state the browser kept when it started the login
};

struct OidcLoginDone {
    OpenedSession session;
    Resident resident;
    std::string return_to;
    bool registered = false;  // the resident was created by this login (self-registration)
};

// Finishes a login: refuses a callback whose state is not the one this browser started
// ("oidc_foreign_state": someone else's login, pushed to this browser), consumes the
// pending login of the state (once: "oidc_missing_state",
// "oidc_unknown_state" for an unknown, replayed or expired one), exchanges the code (with
// the PKCE verifier) for tokens, verifies the ID token (see verify_id_token's errors),
// reads userinfo (JSON or signed JWT), then finds the resident by email; an unknown email
// registers them when self-registration allows it, otherwise "oidc_unknown_email".
// Opens a session (ending `previous_token`'s) and records the ID token for logout.
// On any failure no session and no resident is created.
Result<OidcLoginDone> complete_oidc_login(Context ctx, OidcProvider& provider, const OidcCallback& callback,
                                          std::string_view previous_token = {});

// The provider's logout address for the session of `session_token` (end_session_endpoint
// with id_token_hint, post_logout_redirect_uri and client_id), or nullopt when that
// session was not opened through OpenID Connect or the provider has no such endpoint.
// Call it before ending the session.
Result<std::optional<std::string>> oidc_end_session_url(Context ctx, OidcProvider& provider,
                                                        std::string_view session_token);

// "/…" paths of this site only (not "//host", no backslash, no control characters).
bool is_same_site_path(std::string_view path);

}  // namespace escale::app
