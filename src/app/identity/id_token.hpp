// SPDX-License-Identifier: EUPL-1.2
// Verification of the JSON Web Tokens an OpenID Connect provider signs: its key set
// (JWKS, turned into PEM public keys with OpenSSL), the signature of a token (cpp-jwt,
// RS256 or ES256 only), and the checks an ID token must pass (iss, aud/azp, exp, iat,
// nonce) against an injected instant. Pure computation, no I/O: every function is safe to
// call from any thread, and a Jwks, once built, is immutable and safe to share.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace escale::app {

// One signing key of a provider, as a PEM "PUBLIC KEY".
struct SigningKey {
    std::string kid;  // may be empty
    std::string kty;  // "RSA" or "EC" (P-256 only)
    std::string pem;
};

class Jwks {
public:
    Jwks() = default;
    // Reads a JWKS document ({"keys": [...]}). RSA keys and EC P-256 keys meant for
    // signatures are kept; others are skipped. Fails with "oidc_provider_unavailable" when
    // the text is not a JWKS.
    static Result<Jwks> parse(std::string_view json);
    // The key for a token whose header names `kid` and whose algorithm needs `kty`; with an
    // empty kid, the only key of that type if there is exactly one. Null when none.
    const SigningKey* find(std::string_view kid, std::string_view kty) const;
    const std::vector<SigningKey>& keys() const { return keys_; }

private:
    std::vector<SigningKey> keys_;
};

// PEM public keys from a JWK's members (base64url, unpadded). Fail with "oidc_bad_token"
// on values that do not make a key.
Result<std::string> rsa_public_pem(std::string_view n, std::string_view e);
Result<std::string> ec_p256_public_pem(std::string_view x, std::string_view y);

// Who the provider says the person is: the claims Escale reads (ProConnect's names).
struct IdentityClaims {
    std::string sub;
    std::string email;
    std::string given_name;
    std::string usual_name;  // ProConnect's family name
    std::string uid;
    std::string siret;
    std::optional<bool> email_verified;  // when the provider says (ProConnect only federates verified addresses)
};

// Whether the claims carry an email Escale may match a resident by: present, well formed,
// and not declared unverified. Fails with "oidc_missing_email" or "oidc_email_not_verified".
Result<void> check_login_email(const IdentityClaims& c);

// Checks that `token` is a compact JWS signed with RS256 or ES256 by the key of `keys` its
// header names, and returns its payload (JSON text). Errors, in the order checked:
// "oidc_bad_token" (not three base64url parts, unreadable header), "oidc_bad_algorithm"
// (none, HS256, anything but RS256/ES256), "oidc_unknown_key" (no such kid: the caller may
// fetch the JWKS again once), "oidc_bad_signature".
Result<std::string> verify_jws(std::string_view token, const Jwks& keys);

// What an ID token must say.
struct IdTokenExpectations {
    std::string issuer;
    std::string client_id;
    std::string nonce;
    Instant now;
    std::chrono::seconds leeway{60};  // allowed clock skew, for exp and iat
};

// verify_jws, then the claims: "oidc_wrong_issuer", "oidc_wrong_audience" (aud lacks the
// client id, or azp names another client), "oidc_expired", "oidc_bad_iat" (missing, or
// later than now + leeway), "oidc_bad_nonce"; "oidc_bad_token" for a payload that is not
// a JSON object or has no sub.
Result<IdentityClaims> verify_id_token(std::string_view token, const Jwks& keys, const IdTokenExpectations& expect);

// A userinfo answer sent as a signed JWT (application/jwt): verify_jws, then iss and aud
// when present (they must match), and the claims.
Result<IdentityClaims> verify_userinfo_jwt(std::string_view token, const Jwks& keys, std::string_view issuer,
                                           std::string_view client_id);
// A userinfo answer sent as JSON; "oidc_bad_userinfo" when not an object with a sub.
Result<IdentityClaims> parse_userinfo_json(std::string_view json);

// The token endpoint's answer to an authorization code: its tokens (the access token may be
// empty). "oidc_provider_unavailable" for a body that is not a JSON object,
// "oidc_provider_error" (with the provider's error code) for a status other than 200, and
// "oidc_bad_token" for an answer without an ID token.
struct TokenAnswer {
    std::string id_token;
    std::string access_token;
};
Result<TokenAnswer> read_token_answer(int status, std::string_view body);

}  // namespace escale::app
