// SPDX-License-Identifier: EUPL-1.2
// An API token: a long-lived credential a person creates for an integration (a script, a
// display screen, a reporting tool). It acts with its owner's permissions, for reading only
// when read_only, until it expires or its owner revokes it. Only a hash of it is stored.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

using ApiTokenId = Id;

struct ApiToken {
    ApiTokenId id = 0;
    ResidentId resident_id = 0;
    std::string name;  // what the owner calls it, e.g. "écran du hall"
    std::string token_hash;
    bool read_only = true;
    Instant created_at{};
    std::optional<Instant> expires_at;
};

// Every API token starts with this, so a server tells it from a session token at a glance
// and a secret scanner recognises a leaked one.
inline constexpr std::string_view api_token_prefix = "esk_";

}  // namespace escale
