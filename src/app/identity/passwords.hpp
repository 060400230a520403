// SPDX-License-Identifier: EUPL-1.2
// Local-account passwords, hashed with argon2id (libsodium). Safe to call from any thread.
// Parameters: libsodium's "interactive" limits (2 passes, 64 MiB), about 0.1 s per hash on
// the reference machine; the encoded hash carries them, so they can be raised later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace escale::app {

// Tests only (`escale serve --test-cheap-passwords`): the hashes made from now on take
// libsodium's minimum (1 pass, 8 KiB) instead, so that a test suite logging in thousands of
// times does not spend its time hashing. Verification reads the parameters from each hash.
void use_cheapest_password_hashing();

// nullopt only if the system is out of memory.
std::optional<std::string> hash_password(std::string_view password);
// A new password: checked against the policy (core/password_policy), then hashed. Slow: call
// it outside any transaction. Fails with the policy's error, or "internal" out of memory.
Result<std::string> hash_new_password(std::string_view password);
bool verify_password(const std::string& encoded_hash, std::string_view password);

// A random token of 32 bytes, hex-encoded (64 characters), and the hash stored for it.
std::string random_token();
std::string token_hash(std::string_view token);
// Whether two secrets (tokens, nonces, states) are equal, in a time that does not depend on
// where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace escale::app
