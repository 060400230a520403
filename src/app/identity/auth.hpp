// SPDX-License-Identifier: EUPL-1.2
// Who is calling: local-account login (throttled), sessions (rotated at login, ended after
// an idle time and at an absolute end, stored in the database so every server shares them),
// logout, and turning a session or API token back into an Actor.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

inline constexpr std::chrono::hours session_lifetime{12};      // absolute end, from login
inline constexpr std::chrono::hours session_idle_timeout{2};   // ends after this long unused
inline constexpr std::chrono::seconds session_touch_interval{60};  // how stale "last seen" may be

// A session just opened: its token (shown once to the client; only its hash is stored).
struct OpenedSession {
    std::string token;
    Instant expires_at;
};
// Opens a new session for resident r, however they proved who they are (local password,
// OpenID Connect). When the client presented a session token, that session ends: a login
// always gets a fresh token (rotation).
Result<OpenedSession> open_session(Context ctx, ResidentId r, std::string_view previous_token = {});

struct LoginResult {
    std::string token;  // shown once to the client; only its hash is stored
    Resident resident;
    Instant expires_at;
};

// What a use case does once a password it checked is right, within the transaction that
// clears the account's failure count. It may run more than once (in_transaction's retries):
// it must have no effect outside the transaction.
using AfterPasswordCheck = std::function<Result<void>(Transaction&, const Resident&)>;

// Checks `password` against the local password of the account of `email`, counted by login
// throttling exactly as a login is (core/login_throttle.hpp), so that no route may be used
// to guess a password faster than the login. Fails with "bad_credentials" for an unknown
// email, an inactive resident, a resident without a local password, or a wrong password,
// taking the same time in each case; with "too_many_attempts" (and no check) while the
// account or the client's address is locked. On success, clears the account's count and
// runs on_success in the same transaction (its failure is returned as it is); returns the
// resident.
Result<Resident> check_password(Context ctx, std::string_view email, std::string_view password,
                                std::string_view client_address, const AfterPasswordCheck& on_success);

// Fails with "bad_credentials" for an unknown email, an inactive resident, a resident
// without a local password, or a wrong password, taking the same time in each case; with
// "too_many_attempts" (and no password check) while the account or the client's address
// is locked by too many failures (core/login_throttle.hpp).
Result<LoginResult> login(Context ctx, std::string_view email, std::string_view password,
                          std::string_view client_address, std::string_view previous_token = {});
// Ends the session of token; succeeds even if it had already ended.
Result<void> logout(Context ctx, std::string_view token);
// The resident behind a live session token or a valid API token; "unauthenticated" or
// "session_expired" otherwise.
Result<Actor> authenticate(Context ctx, std::string_view token);

// The anti-CSRF token of a session: derived from the session token, so the server needs
// no storage for it and a page on another origin cannot compute it.
std::string csrf_token_for(std::string_view session_token);
// Whether `presented` is the anti-CSRF token of that session.
bool csrf_token_matches(std::string_view session_token, std::string_view presented);

}  // namespace escale::app
