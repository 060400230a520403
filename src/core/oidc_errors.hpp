// SPDX-License-Identifier: EUPL-1.2
// The errors of OpenID Connect login, each with a stable code and a French message, kept
// beside core/errors.hpp so the identity work can grow without touching the shared
// catalogue. Plain functions, no state: safe from any thread.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace escale::errors {

// The server was started without --oidc-issuer (404).
Error oidc_disabled();
// Discovery, JWKS, token or userinfo endpoint unreachable or answering nonsense (503).
Error oidc_provider_unavailable(std::string_view what);
// The provider refused the login, e.g. error=access_denied on the callback (401).
Error oidc_provider_error(std::string_view provider_code);
// The callback came without a state (400).
Error oidc_missing_state();
Error oidc_foreign_state();
// The state is unknown: forged, already used (replayed) or expired (400).
Error oidc_unknown_state();
// A JWT that is not a well-formed JWS (401).
Error oidc_bad_token(std::string_view why);
// A JWT signed with an algorithm other than RS256 or ES256, e.g. "none" or HS256 (401).
Error oidc_bad_algorithm(std::string_view alg);
// A JWT whose key id is not in the provider's JWKS, even after fetching it again (401).
Error oidc_unknown_key();
// A JWT whose signature does not verify (401).
Error oidc_bad_signature();
// iss is not the configured issuer (401).
Error oidc_wrong_issuer();
// aud does not contain our client id, or azp names another client (401).
Error oidc_wrong_audience();
// exp is past (401).
Error oidc_expired();
// iat is missing or in the future (401).
Error oidc_bad_iat();
// nonce differs from the one sent with the authorization request (401).
Error oidc_bad_nonce();
// The userinfo answer is about another subject, or unreadable (401).
Error oidc_bad_userinfo(std::string_view why);
// The provider gave no email address (401).
Error oidc_missing_email();
Error oidc_too_many_logins();
Error oidc_email_not_verified();
// No resident has this email and self-registration is off (403).
Error oidc_unknown_email(std::string_view email);
// The resident exists but is deactivated (403).
Error oidc_resident_inactive();
// A return path that is not a same-site relative path (400).
Error oidc_bad_return_path();

}  // namespace escale::errors
