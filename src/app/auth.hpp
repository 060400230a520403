// Local-account login, logout, and turning a session token back into an Actor.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

inline constexpr std::chrono::hours session_lifetime{12};

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

// Fails with "bad_credentials" for an unknown email, an inactive resident, a resident
// without a local password, or a wrong password, taking the same time in each case.
Result<LoginResult> login(Context ctx, std::string_view email, std::string_view password,
                          std::string_view previous_token = {});
// Ends the session of token; succeeds even if it had already ended.
Result<void> logout(Context ctx, std::string_view token);
// The resident behind a live session token; "unauthenticated" otherwise.
Result<Actor> authenticate(Context ctx, std::string_view token);

}  // namespace escale::app
