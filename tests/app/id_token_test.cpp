// SPDX-License-Identifier: EUPL-1.2
// ID-token verification without a network: tokens minted here with cpp-jwt, signed by RSA
// and EC keys generated here with OpenSSL, checked against a JWKS built from their public
// halves. Each refusal has its own stable code.
#include <limits>
#include <optional>

#include <gtest/gtest.h>
#include <jwt/jwt.hpp>  // in this one file only: it defines non-inline functions
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include "app/identity/id_token.hpp"
#include "app/identity/oidc_login.hpp"
#include "app/identity/oidc_provider.hpp"

using namespace escale;
using namespace escale::app;

namespace {

std::string b64url(std::string_view bytes) {
    if (sodium_init() < 0) std::abort();
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string private_pem(EVP_PKEY* key) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(n));
    BIO_free(bio);
    return pem;
}

std::string bn_bytes(EVP_PKEY* key, const char* name) {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    std::string out(static_cast<size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    BN_free(bn);
    return out;
}

// A key pair made for the test, with its JWK (public) and PEM (private).
struct TestKey {
    std::string kid, jwk, private_pem;
};

TestKey make_rsa(const std::string& kid) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048});
    TestKey k{kid, "", private_pem(key)};
    k.jwk = R"({"kty":"RSA","use":"sig","alg":"RS256","kid":")" + kid + R"(","n":")" +
            b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_N)) + R"(","e":")" + b64url(bn_bytes(key, OSSL_PKEY_PARAM_RSA_E)) +
            R"("})";
    EVP_PKEY_free(key);
    return k;
}

TestKey make_ec(const std::string& kid) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    TestKey k{kid, "", private_pem(key)};
    unsigned char point[65];
    size_t len = 0;
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &len);
    EXPECT_EQ(len, 65u);
    std::string p(reinterpret_cast<char*>(point), len);
    k.jwk = R"({"kty":"EC","crv":"P-256","kid":")" + kid + R"(","x":")" + b64url(p.substr(1, 32)) + R"(","y":")" +
            b64url(p.substr(33, 32)) + R"("})";
    EVP_PKEY_free(key);
    return k;
}

const TestKey& rsa_key() {
    static const TestKey k = make_rsa("rsa-1");
    return k;
}
const TestKey& ec_key() {
    static const TestKey k = make_ec("ec-1");
    return k;
}

constexpr const char* issuer = "https://proconnect.example/api/v2";
constexpr const char* client = "escale-client";
constexpr const char* nonce = "0123456789abcdef0123456789abcdef0123456789abcdef";
const Instant now{std::chrono::seconds{1'790'000'000}};

struct Claims {
    std::string iss = issuer;
    std::string aud = client;
    std::string nonce = ::nonce;
    std::string azp;
    long long iat = now.time_since_epoch().count() - 5;
    long long exp = now.time_since_epoch().count() + 300;
    std::optional<double> exp_number;  // exp as a JSON double instead
    std::optional<double> iat_number;  // iat as a JSON double instead
};

std::string mint(const TestKey& key, const std::string& alg, const Claims& c = {}, const std::string& kid = "") {
    jwt::jwt_object obj{jwt::params::algorithm(alg), jwt::params::secret(key.private_pem)};
    obj.header().add_header("kid", kid.empty() ? key.kid : kid);
    obj.add_claim("iss", c.iss)
        .add_claim("sub", "proconnect-subject-42")
        .add_claim("aud", std::vector<std::string>{c.aud})
        .add_claim("nonce", c.nonce)
        .add_claim("iat", c.iat)
        .add_claim("exp", c.exp)
        .add_claim("email", "Agent.Public@Interieur.Gouv.fr")
        .add_claim("given_name", "Camille")
        .add_claim("usual_name", "Dupont");
    if (!c.azp.empty()) obj.add_claim("azp", c.azp);
    if (c.exp_number) obj.payload().add_claim("exp", *c.exp_number, true);
    if (c.iat_number) obj.payload().add_claim("iat", *c.iat_number, true);
    return obj.signature();
}

class IdTokenTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto parsed = Jwks::parse(R"({"keys":[)" + rsa_key().jwk + "," + ec_key().jwk +
                                  R"(,{"kty":"oct","k":"c2VjcmV0"}]})");
        ASSERT_TRUE(parsed) << parsed.error().message;
        keys = *parsed;
    }
    IdTokenExpectations expect() const { return {issuer, client, nonce, now, std::chrono::seconds{60}}; }
    std::string code_of(const std::string& token) const {
        auto r = verify_id_token(token, keys, expect());
        return r ? "ok" : r.error().code;
    }
    Jwks keys;
};

}  // namespace

TEST_F(IdTokenTest, JwksKeepsRsaAndEcSigningKeysOnly) {
    ASSERT_EQ(keys.keys().size(), 2u);
    EXPECT_TRUE(keys.find("rsa-1", "RSA"));
    EXPECT_TRUE(keys.find("ec-1", "EC"));
    EXPECT_FALSE(keys.find("rsa-1", "EC"));
    EXPECT_TRUE(keys.find("", "RSA")) << "no kid: the only key of the type";
    EXPECT_FALSE(Jwks::parse("not json"));
    EXPECT_FALSE(Jwks::parse(R"({"nokeys":1})"));
}

TEST_F(IdTokenTest, AcceptsRs256AndEs256) {
    auto r = verify_id_token(mint(rsa_key(), "RS256"), keys, expect());
    ASSERT_TRUE(r) << r.error().code;
    EXPECT_EQ(r->sub, "proconnect-subject-42");
    EXPECT_EQ(r->email, "Agent.Public@Interieur.Gouv.fr");
    EXPECT_EQ(r->given_name, "Camille");
    EXPECT_EQ(r->usual_name, "Dupont");
    EXPECT_EQ(code_of(mint(ec_key(), "ES256")), "ok");
    Claims azp;
    azp.azp = client;
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", azp)), "ok");
}

TEST_F(IdTokenTest, RefusesTamperedPayloadOrSignature) {
    auto token = mint(rsa_key(), "RS256");
    auto d1 = token.find('.'), d2 = token.rfind('.');
    // Swap in a payload that says something else (another subject), keep the signature.
    std::string payload = R"({"iss":")" + std::string(issuer) + R"(","sub":"admin","aud":")" + client +
                          R"(","nonce":")" + nonce + R"(","iat":)" + std::to_string(now.time_since_epoch().count()) +
                          R"(,"exp":)" + std::to_string(now.time_since_epoch().count() + 300) + "}";
    auto tampered = token.substr(0, d1 + 1) + b64url(payload) + token.substr(d2);
    EXPECT_EQ(code_of(tampered), "oidc_bad_signature");
    auto flipped = token;
    flipped[d2 + 10] = flipped[d2 + 10] == 'A' ? 'B' : 'A';
    EXPECT_EQ(code_of(flipped), "oidc_bad_signature");
    auto ec = mint(ec_key(), "ES256");
    auto ec_flipped = ec;
    ec_flipped[ec.rfind('.') + 5] = ec_flipped[ec.rfind('.') + 5] == 'A' ? 'B' : 'A';
    EXPECT_EQ(code_of(ec_flipped), "oidc_bad_signature");
    EXPECT_EQ(code_of("not-a-jwt"), "oidc_bad_token");
    EXPECT_EQ(code_of("a.b.c.d"), "oidc_bad_token");
}

// Found by fuzz/id_token.cpp: libsodium's decoder took some bytes beyond ASCII as letters, and
// cpp-jwt, decoding the signature again, read outside its table (an assertion in a debug build).
// Any byte outside the base64url alphabet, in any part, is a bad token.
TEST_F(IdTokenTest, RefusesBytesOutsideTheBase64urlAlphabet) {
    auto token = mint(rsa_key(), "RS256");
    for (std::size_t at : {std::size_t{3}, token.find('.') + 3, token.rfind('.') + 3}) {
        for (char c : {'\x89', '\xb1', '\x9d', '\xbd', '+', '/', '='}) {
            auto bad = token;
            bad[at] = c;
            EXPECT_EQ(code_of(bad), "oidc_bad_token") << at << " " << int(static_cast<unsigned char>(c));
        }
    }
}

TEST_F(IdTokenTest, RefusesNoneAndHmacAlgorithms) {
    std::string payload = R"({"iss":")" + std::string(issuer) + R"(","sub":"x","aud":")" + client + R"(","nonce":")" +
                          nonce + R"(","iat":1,"exp":9999999999})";
    auto none = b64url(R"({"alg":"none","typ":"JWT"})") + "." + b64url(payload) + ".";
    EXPECT_EQ(code_of(none), "oidc_bad_algorithm");
    jwt::jwt_object hs{jwt::params::algorithm("HS256"), jwt::params::secret("escale-client-secret")};
    hs.add_claim("iss", issuer).add_claim("aud", client).add_claim("nonce", nonce).add_claim("sub", "x");
    EXPECT_EQ(code_of(hs.signature()), "oidc_bad_algorithm");
    // A token claiming RS256 but signed with the EC key's kid does not find an RSA key.
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", {}, "ec-1")), "oidc_unknown_key");
}

TEST_F(IdTokenTest, RefusesWrongIssuerAudienceAndAzp) {
    Claims c;
    c.iss = "https://evil.example";
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_wrong_issuer");
    c = {};
    c.aud = "another-client";
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_wrong_audience");
    c = {};
    c.azp = "another-client";
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_wrong_audience");
}

TEST_F(IdTokenTest, RefusesExpiredTokensWithSmallLeeway) {
    Claims c;
    c.exp = now.time_since_epoch().count() - 30;  // within the 60 s leeway
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "ok");
    c.exp = now.time_since_epoch().count() - 61;
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_expired");
    c = {};
    c.iat = now.time_since_epoch().count() + 3600;
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_bad_iat");
}

// Found by fuzz/id_token.cpp: an exp of 1.79e80 was converted to a 64-bit integer (undefined
// behaviour, reported by UndefinedBehaviorSanitizer), and one near 2^63 overflowed when the
// leeway was added. Dates beyond ±2^53 s are refused; a fraction of a second is not.
TEST_F(IdTokenTest, RefusesDatesNoIntegerCanHold) {
    Claims c;
    c.exp_number = static_cast<double>(now.time_since_epoch().count()) + 300.5;
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "ok");
    for (double far : {1.79e80, 9.3e18, 1e16}) {
        c = {};
        c.exp_number = far;
        EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_expired") << far;
        c = {};
        c.iat_number = -far;
        EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_bad_iat") << far;
    }
    c = {};
    c.exp = std::numeric_limits<long long>::max();
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_expired");
}

TEST_F(IdTokenTest, RefusesWrongNonce) {
    Claims c;
    c.nonce = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_bad_nonce");
    c.nonce = "";
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", c)), "oidc_bad_nonce");
}

TEST_F(IdTokenTest, RefusesUnknownKeyId) {
    EXPECT_EQ(code_of(mint(rsa_key(), "RS256", {}, "rotated-away")), "oidc_unknown_key");
    auto other = make_rsa("rsa-1");  // same kid, another key: the signature fails
    EXPECT_EQ(code_of(mint(other, "RS256")), "oidc_bad_signature");
}

TEST_F(IdTokenTest, SignedUserinfoIsCheckedLikeAToken) {
    auto r = verify_userinfo_jwt(mint(ec_key(), "ES256"), keys, issuer, client);
    ASSERT_TRUE(r) << r.error().code;
    EXPECT_EQ(r->usual_name, "Dupont");
    EXPECT_EQ(verify_userinfo_jwt(mint(ec_key(), "ES256"), keys, "https://other", client).error().code,
              "oidc_wrong_issuer");
    EXPECT_EQ(parse_userinfo_json(R"({"sub":"s","email":"a@b.fr","siret":"13002526500013"})")->siret,
              "13002526500013");
    EXPECT_EQ(parse_userinfo_json(R"({"email":"a@b.fr"})").error().code, "oidc_bad_userinfo");
    // An address the provider declares unverified is not matched to a resident.
    auto unverified = parse_userinfo_json(R"({"sub":"s","email":"a@b.fr","email_verified":false})");
    ASSERT_TRUE(unverified);
    EXPECT_EQ(unverified->email_verified, std::optional<bool>(false));
    EXPECT_EQ(check_login_email(*unverified).error().code, "oidc_email_not_verified");
    auto verified = parse_userinfo_json(R"({"sub":"s","email":"a@b.fr","email_verified":true})");
    EXPECT_TRUE(check_login_email(*verified));
    auto silent = parse_userinfo_json(R"({"sub":"s","email":"a@b.fr"})");
    EXPECT_TRUE(check_login_email(*silent)) << "ProConnect does not always say";
    auto bad = parse_userinfo_json(R"({"sub":"s","email":"pas-une-adresse"})");
    EXPECT_EQ(check_login_email(*bad).error().code, "oidc_missing_email");
}

TEST(OidcLogin, ReturnPathsAreSameSiteOnly) {
    EXPECT_TRUE(is_same_site_path("/"));
    EXPECT_TRUE(is_same_site_path("/reservations?date=2026-03-04"));
    EXPECT_FALSE(is_same_site_path(""));
    EXPECT_FALSE(is_same_site_path("https://evil.example/"));
    EXPECT_FALSE(is_same_site_path("//evil.example/"));
    EXPECT_FALSE(is_same_site_path("/\\evil.example/"));
    EXPECT_FALSE(is_same_site_path("/a\r\nSet-Cookie: x=y"));
}

TEST(OidcLogin, ProviderUrlsMustBeHttpsExceptOnLoopback) {
    EXPECT_TRUE(acceptable_provider_url("https://proconnect.gouv.fr/api/v2"));
    EXPECT_TRUE(acceptable_provider_url("http://127.0.0.1:4000/"));
    EXPECT_TRUE(acceptable_provider_url("http://localhost:4000"));
    EXPECT_TRUE(acceptable_provider_url("http://[::1]:4000/"));
    EXPECT_FALSE(acceptable_provider_url("http://proconnect.gouv.fr/api/v2"));
    EXPECT_FALSE(acceptable_provider_url("http://127.0.0.1@evil.example/"));
    EXPECT_FALSE(acceptable_provider_url("ftp://127.0.0.1/"));
    EXPECT_EQ(percent_encode("a b/é"), "a%20b%2F%C3%A9");
}
