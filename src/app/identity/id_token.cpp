// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/id_token.hpp"

#include "app/json_member.hpp"
#include "app/identity/passwords.hpp"

#include "core/validation.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

#include <boost/json.hpp>
#include <fmt/format.h>
#include <jwt/algorithm.hpp>  // PEMSign only: jwt/jwt.hpp defines non-inline functions
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/oidc_errors.hpp"

namespace escale::app {
namespace {

namespace json = boost::json;

// Strict base64url without padding (RFC 7515); nullopt on anything else.
std::optional<std::string> base64url_decode(std::string_view in) {
    // libsodium's decoder takes some bytes beyond ASCII as letters (and cpp-jwt, which decodes
    // the signature again, then reads outside its table: found by fuzz/id_token.cpp): only
    // the base64url alphabet passes.
    auto base64url = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    };
    if (!std::all_of(in.begin(), in.end(), base64url)) return std::nullopt;
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) std::abort();
    });
    std::string out(in.size() * 3 / 4 + 3, '\0');
    size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), nullptr,
                          &len, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != in.data() + in.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

std::optional<json::object> parse_object(std::string_view text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object()) return std::nullopt;
    return std::move(v.as_object());
}

// A NumericDate claim (RFC 7519, section 2): seconds since the epoch, maybe with a fraction
// (dropped). None when absent, not a number, or beyond ±2^53 s, the integers JSON carries
// exactly (RFC 7493): a date that far would overflow when the leeway is added, and a double
// beyond 2^63 has no integer at all (found by fuzz/id_token.cpp). Boost.JSON keeps a number
// as uint64 only past 2^63: never a date.
std::optional<std::int64_t> numeric_date_member(const json::object& o, std::string_view key) {
    constexpr std::int64_t limit = std::int64_t{1} << 53;
    auto it = o.find(key);
    if (it == o.end()) return std::nullopt;
    const auto& v = it->value();
    if (v.is_int64() && v.get_int64() >= -limit && v.get_int64() <= limit) return v.get_int64();
    if (v.is_double() && v.get_double() >= -static_cast<double>(limit) && v.get_double() <= static_cast<double>(limit))
        return static_cast<std::int64_t>(v.get_double());
    return std::nullopt;
}

// aud is a string or an array of strings.
bool audience_contains(const json::object& o, std::string_view client_id) {
    auto it = o.find("aud");
    if (it == o.end()) return false;
    if (it->value().is_string()) return it->value().get_string() == client_id;
    if (it->value().is_array())
        for (auto& a : it->value().get_array())
            if (a.is_string() && a.get_string() == client_id) return true;
    return false;
}
bool has_member(const json::object& o, std::string_view key) { return o.find(key) != o.end(); }

IdentityClaims identity_of(const json::object& o) {
    IdentityClaims c;
    c.sub = string_member(o, "sub");
    c.email = string_member(o, "email");
    c.given_name = string_member(o, "given_name");
    c.usual_name = string_member(o, "usual_name");
    c.uid = string_member(o, "uid");
    c.siret = string_member(o, "siret");
    if (auto it = o.find("email_verified"); it != o.end() && it->value().is_bool()) c.email_verified = it->value().get_bool();
    return c;
}

struct PkeyDeleter {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct CtxDeleter {
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BldDeleter {
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnDeleter {
    void operator()(BIGNUM* p) const { BN_free(p); }
};
struct BioDeleter {
    void operator()(BIO* p) const { BIO_free(p); }
};

// A public key built by OpenSSL from parameters, written as PEM.
Result<std::string> pem_from_params(const char* type, OSSL_PARAM_BLD* bld) {
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params{OSSL_PARAM_BLD_to_param(bld)};
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx{EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr)};
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return fail(errors::oidc_bad_token("clé publique"));
    EVP_PKEY* raw = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || !raw)
        return fail(errors::oidc_bad_token("clé publique"));
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key{raw};
    std::unique_ptr<BIO, BioDeleter> bio{BIO_new(BIO_s_mem())};
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) return fail(errors::oidc_bad_token("clé publique"));
    char* data = nullptr;
    long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(n));
}

// The JWS signature check, by cpp-jwt; it wants the signature still base64url-encoded.
bool signature_ok(std::string_view alg, const std::string& pem, std::string_view signed_part,
                  std::string_view signature_b64) {
    try {
        jwt::verify_result_t r;
        if (alg == "RS256") r = jwt::PEMSign<jwt::algo::RS256>::verify(pem, signed_part, signature_b64);
        else if (alg == "ES256") r = jwt::PEMSign<jwt::algo::ES256>::verify(pem, signed_part, signature_b64);
        else return false;
        return r.first && !r.second;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

Result<std::string> rsa_public_pem(std::string_view n64, std::string_view e64) {
    auto n = base64url_decode(n64), e = base64url_decode(e64);
    if (!n || !e || n->size() < 256 || e->empty()) return fail(errors::oidc_bad_token("clé RSA de moins de 2048 bits"));
    std::unique_ptr<BIGNUM, BnDeleter> bn_n{BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                                                      static_cast<int>(n->size()), nullptr)};
    std::unique_ptr<BIGNUM, BnDeleter> bn_e{BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                                                      static_cast<int>(e->size()), nullptr)};
    std::unique_ptr<OSSL_PARAM_BLD, BldDeleter> bld{OSSL_PARAM_BLD_new()};
    if (!bn_n || !bn_e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
        return fail(errors::oidc_bad_token("clé RSA"));
    return pem_from_params("RSA", bld.get());
}

Result<std::string> ec_p256_public_pem(std::string_view x64, std::string_view y64) {
    auto x = base64url_decode(x64), y = base64url_decode(y64);
    if (!x || !y || x->size() != 32 || y->size() != 32) return fail(errors::oidc_bad_token("clé EC P-256"));
    std::string point = "\x04" + *x + *y;  // uncompressed point
    std::unique_ptr<OSSL_PARAM_BLD, BldDeleter> bld{OSSL_PARAM_BLD_new()};
    if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
        return fail(errors::oidc_bad_token("clé EC P-256"));
    return pem_from_params("EC", bld.get());
}

Result<Jwks> Jwks::parse(std::string_view text) {
    auto doc = parse_object(text);
    if (!doc) return fail(errors::oidc_provider_unavailable("jeu de clés JWKS illisible"));
    auto keys = doc->find("keys");
    if (keys == doc->end() || !keys->value().is_array())
        return fail(errors::oidc_provider_unavailable("jeu de clés JWKS sans « keys »"));
    Jwks out;
    for (auto& k : keys->value().get_array()) {
        if (!k.is_object()) continue;
        auto& o = k.get_object();
        auto use = string_member(o, "use");
        if (!use.empty() && use != "sig") continue;
        SigningKey key{string_member(o, "kid"), string_member(o, "kty"), {}};
        Result<std::string> pem = fail(errors::oidc_bad_token("type de clé"));
        if (key.kty == "RSA") pem = rsa_public_pem(string_member(o, "n"), string_member(o, "e"));
        else if (key.kty == "EC" && string_member(o, "crv") == "P-256")
            pem = ec_p256_public_pem(string_member(o, "x"), string_member(o, "y"));
        if (!pem) continue;  // a key we cannot use is no reason to refuse the others
        key.pem = std::move(*pem);
        out.keys_.push_back(std::move(key));
    }
    return out;
}

const SigningKey* Jwks::find(std::string_view kid, std::string_view kty) const {
    const SigningKey* only = nullptr;
    int of_type = 0;
    for (auto& k : keys_) {
        if (k.kty != kty) continue;
        if (!kid.empty() && k.kid == kid) return &k;
        ++of_type;
        only = &k;
    }
    return kid.empty() && of_type == 1 ? only : nullptr;
}

Result<std::string> verify_jws(std::string_view token, const Jwks& keys) {
    auto dot1 = token.find('.');
    auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
        return fail(errors::oidc_bad_token("trois parties attendues"));
    auto header_b64 = token.substr(0, dot1), payload_b64 = token.substr(dot1 + 1, dot2 - dot1 - 1),
         signature_b64 = token.substr(dot2 + 1);
    auto header_text = base64url_decode(header_b64);
    auto payload = base64url_decode(payload_b64);
    if (!header_text || !payload || !base64url_decode(signature_b64))
        return fail(errors::oidc_bad_token("encodage base64url"));
    auto header = parse_object(*header_text);
    if (!header) return fail(errors::oidc_bad_token("en-tête illisible"));
    auto alg = string_member(*header, "alg");
    if (alg != "RS256" && alg != "ES256") return fail(errors::oidc_bad_algorithm(alg.empty() ? "aucun" : alg));
    if (signature_b64.empty()) return fail(errors::oidc_bad_signature());
    const SigningKey* key = keys.find(string_member(*header, "kid"), alg == "RS256" ? "RSA" : "EC");
    if (!key) return fail(errors::oidc_unknown_key());
    if (!signature_ok(alg, key->pem, token.substr(0, dot2), signature_b64)) return fail(errors::oidc_bad_signature());
    return std::move(*payload);
}

Result<IdentityClaims> verify_id_token(std::string_view token, const Jwks& keys, const IdTokenExpectations& expect) {
    auto payload_text = verify_jws(token, keys);
    if (!payload_text) return fail(payload_text.error());
    auto claims = parse_object(*payload_text);
    if (!claims) return fail(errors::oidc_bad_token("contenu illisible"));
    if (string_member(*claims, "iss") != expect.issuer) return fail(errors::oidc_wrong_issuer());
    if (!audience_contains(*claims, expect.client_id)) return fail(errors::oidc_wrong_audience());
    if (has_member(*claims, "azp") && string_member(*claims, "azp") != expect.client_id)
        return fail(errors::oidc_wrong_audience());
    auto now = expect.now.time_since_epoch().count();
    auto leeway = expect.leeway.count();
    auto exp = numeric_date_member(*claims, "exp");
    if (!exp || *exp + leeway <= now) return fail(errors::oidc_expired());
    auto iat = numeric_date_member(*claims, "iat");
    if (!iat || *iat > now + leeway) return fail(errors::oidc_bad_iat());
    auto nonce = string_member(*claims, "nonce");
    if (expect.nonce.empty() || !same_secret(nonce, expect.nonce)) return fail(errors::oidc_bad_nonce());
    auto identity = identity_of(*claims);
    if (identity.sub.empty()) return fail(errors::oidc_bad_token("sujet « sub » absent"));
    return identity;
}

Result<IdentityClaims> verify_userinfo_jwt(std::string_view token, const Jwks& keys, std::string_view issuer,
                                           std::string_view client_id) {
    auto payload_text = verify_jws(token, keys);
    if (!payload_text) return fail(payload_text.error());
    auto claims = parse_object(*payload_text);
    if (!claims) return fail(errors::oidc_bad_userinfo("contenu illisible"));
    if (has_member(*claims, "iss") && string_member(*claims, "iss") != issuer) return fail(errors::oidc_wrong_issuer());
    if (has_member(*claims, "aud") && !audience_contains(*claims, client_id)) return fail(errors::oidc_wrong_audience());
    auto identity = identity_of(*claims);
    if (identity.sub.empty()) return fail(errors::oidc_bad_userinfo("sujet « sub » absent"));
    return identity;
}

Result<IdentityClaims> parse_userinfo_json(std::string_view text) {
    auto claims = parse_object(text);
    if (!claims) return fail(errors::oidc_bad_userinfo("JSON illisible"));
    auto identity = identity_of(*claims);
    if (identity.sub.empty()) return fail(errors::oidc_bad_userinfo("sujet « sub » absent"));
    return identity;
}

Result<TokenAnswer> read_token_answer(int status, std::string_view body) {
    auto answer = parse_object(body);
    if (!answer) return fail(errors::oidc_provider_unavailable(fmt::format("jeton : réponse illisible (statut {})", status)));
    auto str = [&](std::string_view k) {
        auto it = answer->find(k);
        return it != answer->end() && it->value().is_string() ? std::string(it->value().get_string()) : std::string();
    };
    if (status != 200) {
        spdlog::warn("oidc: token endpoint answered {}: {} {}", status, str("error"), str("error_description"));
        return fail(errors::oidc_provider_error(str("error").empty() ? "erreur" : str("error")));
    }
    TokenAnswer t{str("id_token"), str("access_token")};
    if (t.id_token.empty()) return fail(errors::oidc_bad_token("aucun jeton d'identité dans la réponse"));
    return t;
}

Result<void> check_login_email(const IdentityClaims& c) {
    if (c.email.empty() || !looks_like_email(normalize_email(c.email))) return fail(errors::oidc_missing_email());
    if (c.email_verified == false) return fail(errors::oidc_email_not_verified());
    return {};
}

}  // namespace escale::app
