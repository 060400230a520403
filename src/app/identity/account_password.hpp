// SPDX-License-Identifier: EUPL-1.2
// Everyday actions on a local account's password: a person changes their own (giving the
// current one), a gestionnaire or an administrator resets someone else's. Either way the
// new password must pass the policy (core/password_policy.hpp) and sessions end: every
// other session of the person on a change, every session on a reset. API tokens are
// separate credentials and stay (docs/operations.md says why). Each is one use case with
// its audit line, which never holds a password. Plain functions: safe from any thread.
#pragma once

#include <string_view>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

// What a change or a reset ended and kept, for the person to see at once.
struct PasswordReplaced {
    int sessions_ended = 0;   // the person's sessions ended (on a change: the others)
    int api_tokens_kept = 0;  // the person's API tokens, which stay valid
};

// The person changes their own local password, from the session of `session_token` (which
// stays open). Fails with "forbidden" for a request made with an API token (or by the
// system), "same_password" when the new one is the current one, "weak_password" (the
// policy), "no_local_password" for a person who logs in through ProConnect only,
// "wrong_current_password" when `current` is wrong, and "too_many_attempts" while the
// account or the client's address is locked: the check of `current` counts as a login
// attempt (app/identity/auth.hpp check_password), and a success clears the account's count.
Result<PasswordReplaced> change_own_password(Context ctx, const Actor& actor, std::string_view current,
                                             std::string_view new_password, std::string_view session_token,
                                             std::string_view client_address);

// Someone who may manage resident `id` and manages roles on their site (a gestionnaire of
// that site, an administrator; not a référent: the password is what a login is matched with,
// like the email) gives them a new local password; every session of theirs ends. Fails with
// "not_found", "forbidden", "own_password_reset" (one's own is changed with the current one),
// "no_local_password" (a ProConnect-only person gets no local password this way) and
// "weak_password".
Result<PasswordReplaced> reset_password(Context ctx, const Actor& actor, ResidentId id, std::string_view new_password);

}  // namespace escale::app
