// SPDX-License-Identifier: EUPL-1.2
// Use cases of API tokens: a person creates, lists and revokes their own tokens for
// integrations (core/api_token.hpp). Only a session may manage tokens: a token cannot
// mint another one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

struct NewApiToken {
    std::string name;
    bool read_only = true;
    std::optional<Instant> expires_at;
};

struct CreatedApiToken {
    ApiToken token;
    std::string secret;  // shown once; only its hash is stored
};

// Fails with invalid_field for an empty or over-long name or an expiry in the past.
Result<CreatedApiToken> create_api_token(Context ctx, const Actor& actor, NewApiToken request);
Result<std::vector<ApiToken>> list_api_tokens(Context ctx, const Actor& actor);
// Fails with not_found when the actor has no such token.
Result<void> revoke_api_token(Context ctx, const Actor& actor, ApiTokenId id);

}  // namespace escale::app
