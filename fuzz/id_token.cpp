// SPDX-License-Identifier: EUPL-1.2
// What an OpenID Connect provider sends back about a person (app/identity/id_token): ID
// tokens and userinfo JWTs (compact JWS, RS256/ES256, checked against a JWKS), and userinfo
// as JSON. The first byte picks the form. A token as given is verified as it comes (its
// header and parts read, its signature refused); to reach the checks behind the signature,
// another form takes the fuzzed bytes as a header and a payload (split at the first newline)
// and signs them here with an RSA key generated at start, whose JWKS the verifier holds.
// Asserts that accepted claims have a subject, and that an accepted ID token says the
// expected issuer and nonce. The token endpoint's answer to a code (read_token_answer) too.
#include <cstring>

#include <boost/json.hpp>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <sodium.h>

#include "app/identity/id_token.hpp"
#include "check.hpp"

namespace {

using namespace escale;
using namespace escale::app;

constexpr const char* issuer = "https://idp.example/api/v2";
constexpr const char* client = "escale-client";
constexpr const char* nonce = "n-0S6_WzA2Mj";
const Instant now{std::chrono::seconds{1'790'000'000}};

std::string b64url(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string bn_bytes(EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

// The signing key of the fuzzed tokens, and the JWKS that names it.
struct Provider {
    EVP_PKEY* key = nullptr;
    Jwks jwks;
    Provider() {
        if (sodium_init() < 0) std::abort();
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048});
        auto parsed = Jwks::parse(R"({"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":")" +
                                  b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_N)) + R"(","e":")" +
                                  b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_E)) + R"("}]})");
        FUZZ_CHECK(parsed && parsed->keys().size() == 1, "the fuzz provider's own JWKS was refused");
        jwks = std::move(*parsed);
    }
    // header.payload.signature, RS256.
    std::string sign(std::string_view header, std::string_view payload) const {
        std::string input = b64url(header) + "." + b64url(payload);
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        std::size_t len = 0;
        EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
        std::string sig(len, '\0');
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                       reinterpret_cast<const unsigned char*>(input.data()), input.size());
        EVP_MD_CTX_free(ctx);
        sig.resize(len);
        return input + "." + b64url(sig);
    }
};

const Provider& provider() {
    static const Provider p;
    return p;
}

void check_claims(const Result<IdentityClaims>& claims) {
    if (!claims) return;
    FUZZ_CHECK(!claims->sub.empty(), "claims accepted without a subject");
    (void)check_login_email(*claims);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    if (size == 0) return 0;
    auto text = fuzz::text_of(data + 1, size - 1);
    const auto& p = provider();
    IdTokenExpectations expect{issuer, client, nonce, now};
    switch (data[0] % 6) {
        case 0:  // an ID token as sent
            check_claims(verify_id_token(text, p.jwks, expect));
            break;
        case 1: {  // an ID token signed by the provider: header and payload fuzzed
            auto cut = text.find('\n');
            if (cut == std::string_view::npos) return 0;
            auto claims = verify_id_token(p.sign(text.substr(0, cut), text.substr(cut + 1)), p.jwks, expect);
            check_claims(claims);
            if (claims) {
                auto payload = boost::json::parse(text.substr(cut + 1)).as_object();
                FUZZ_CHECK(payload.at("iss") == issuer && payload.at("nonce") == nonce,
                           "an ID token of another issuer or nonce was accepted");
            }
            break;
        }
        case 2:  // a userinfo JWT as sent
            check_claims(verify_userinfo_jwt(text, p.jwks, issuer, client));
            break;
        case 3: {  // a userinfo JWT signed by the provider
            auto cut = text.find('\n');
            if (cut == std::string_view::npos) return 0;
            check_claims(verify_userinfo_jwt(p.sign(text.substr(0, cut), text.substr(cut + 1)), p.jwks, issuer, client));
            break;
        }
        case 4:  // userinfo as JSON
            check_claims(parse_userinfo_json(text));
            break;
        default: {  // the token endpoint's answer, with a status from the second byte
            int status = size > 1 && data[1] % 2 ? 400 : 200;
            auto answer = read_token_answer(status, text);
            if (answer) FUZZ_CHECK(status == 200 && !answer->id_token.empty(), "a token answer accepted without an ID token");
            break;
        }
    }
    return 0;
}
