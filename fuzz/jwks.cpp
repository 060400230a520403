// SPDX-License-Identifier: EUPL-1.2
// A provider's key set as its jwks_uri serves it (app/identity/id_token: Jwks::parse), RSA
// and EC P-256 members turned into PEM keys by OpenSSL. Asserts that each key kept has a PEM
// public key of the type it says, and that find() gives back a key named by its kid, of the
// type asked for.
#include "app/identity/id_token.hpp"
#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace escale::app;
    auto jwks = Jwks::parse(escale::fuzz::text_of(data, size));
    if (!jwks) return 0;
    for (auto& k : jwks->keys()) {
        FUZZ_CHECK(k.kty == "RSA" || k.kty == "EC", "a key of another type was kept");
        FUZZ_CHECK(k.pem.starts_with("-----BEGIN PUBLIC KEY-----"), "a key was kept without its PEM");
        // With an empty kid, find() gives the only key of the type, or none when there are more.
        auto* found = jwks->find(k.kid, k.kty);
        FUZZ_CHECK(found || k.kid.empty(), "find() lost a key named by its kid");
        FUZZ_CHECK(!found || found->kty == k.kty, "find() gave a key of another type");
    }
    return 0;
}
