// SPDX-License-Identifier: EUPL-1.2
// An OpenID Connect login in progress: what the authorization request sent and what the
// callback must find again. Stored in the database (servers behind a load balancer share
// it) under a hash of its state, and consumed once. A plain value.
#pragma once

#include <string>

#include "core/clock.hpp"

namespace escale {

struct OidcPendingLogin {
    std::string state_hash;     // SHA-256 of the state sent to the provider, hex
    std::string nonce;          // sent in the request, expected back in the ID token
    std::string code_verifier;  // PKCE: its S256 challenge went with the request
    std::string return_to;      // same-site path to go to once logged in
    Instant created_at;
    Instant expires_at;
};

}  // namespace escale
