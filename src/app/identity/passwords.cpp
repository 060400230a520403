// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/passwords.hpp"

#include <atomic>
#include <mutex>

#include <sodium.h>

#include "core/errors.hpp"
#include "core/password_policy.hpp"

namespace escale::app {
namespace {
void init_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) std::abort();  // no secure randomness: nothing is safe
    });
}
std::string to_hex(const unsigned char* p, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}
std::atomic<bool> cheapest_hashing{false};
}  // namespace

void use_cheapest_password_hashing() { cheapest_hashing = true; }

std::optional<std::string> hash_password(std::string_view password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    const bool cheapest = cheapest_hashing;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                              cheapest ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              cheapest ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return std::nullopt;
    return std::string(out);
}

Result<std::string> hash_new_password(std::string_view password) {
    if (auto ok = check_new_password(password); !ok) return fail(ok.error());
    auto hash = hash_password(password);
    if (!hash) return fail(errors::internal("argon2id"));
    return *hash;
}

bool verify_password(const std::string& encoded, std::string_view password) {
    init_sodium();
    return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    init_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

bool same_secret(std::string_view a, std::string_view b) {
    init_sodium();
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string token_hash(std::string_view token) {
    init_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof digest);
}

}  // namespace escale::app
