// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/oidc_login.hpp"

#include "app/audit.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "app/identity/passwords.hpp"
#include "app/transaction.hpp"
#include "core/errors.hpp"
#include "core/oidc_errors.hpp"
#include "core/validation.hpp"

namespace escale::app {
namespace {

// PKCE S256: base64url(SHA-256(verifier)), unpadded (RFC 7636 §4.2).
std::string code_challenge(std::string_view verifier) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size());
    char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string with_query(const std::string& endpoint, const std::vector<std::pair<std::string, std::string>>& params) {
    return endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") + form_encode(params);
}

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The ID token, verified; an unknown key id makes us fetch the JWKS once more.
template <class Verify>
auto with_keys(OidcProvider& provider, Verify&& verify) -> decltype(verify(std::declval<const Jwks&>())) {
    auto keys = provider.jwks();
    if (!keys) return fail(keys.error());
    auto r = verify(**keys);
    if (r || r.error().code != "oidc_unknown_key") return r;
    auto fresh = provider.jwks(true);
    if (!fresh) return fail(fresh.error());
    return verify(**fresh);
}

Result<TokenAnswer> exchange_code(OidcProvider& provider, const OidcMetadata& m, const std::string& code,
                             const std::string& verifier) {
    auto& c = provider.config();
    std::vector<std::pair<std::string, std::string>> form = {
        {"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", c.redirect_url},
        {"code_verifier", verifier}};
    std::optional<BasicCredentials> basic;
    // client_secret_basic unless the provider says it only takes client_secret_post.
    bool post = !m.token_endpoint_auth_methods.empty() && !has(m.token_endpoint_auth_methods, "client_secret_basic") &&
                has(m.token_endpoint_auth_methods, "client_secret_post");
    if (post) {
        form.emplace_back("client_id", c.client_id);
        form.emplace_back("client_secret", c.client_secret);
    } else {
        basic = BasicCredentials{c.client_id, c.client_secret};
    }
    auto reply = provider.http().post_form(m.token_endpoint, form, basic);
    if (!reply) return fail(reply.error());
    return read_token_answer(reply->status, reply->body);
}

Result<IdentityClaims> read_userinfo(OidcProvider& provider, const OidcMetadata& m, const TokenAnswer& tokens) {
    auto reply = provider.http().get(m.userinfo_endpoint, tokens.access_token);
    if (!reply) return fail(reply.error());
    if (reply->status != 200)
        return fail(errors::oidc_bad_userinfo(fmt::format("statut {}", reply->status)));
    auto type = lower(reply->content_type);
    if (type.rfind("application/jwt", 0) == 0) {
        auto& c = provider.config();
        std::string body = reply->body;
        while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.pop_back();
        return with_keys(provider,
                         [&](const Jwks& keys) { return verify_userinfo_jwt(body, keys, c.issuer, c.client_id); });
    }
    return parse_userinfo_json(reply->body);
}

// The display name from ProConnect's claims; the email when they are empty.
std::string display_name_of(const IdentityClaims& id, const std::string& email) {
    std::string name = id.given_name;
    if (!id.usual_name.empty()) name += (name.empty() ? "" : " ") + id.usual_name;
    return name.empty() ? email : name;
}

// The site and service into which an unknown person may register, if any.
Result<std::optional<Site>> self_registration_site(Transaction& tx, const OidcConfig& c) {
    ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
    std::optional<Site> chosen;
    int candidates = 0;
    for (auto& s : sites) {
        if (!s.oidc_self_registration_service_id) continue;
        if (c.self_registration_site && s.id != *c.self_registration_site) continue;
        ++candidates;
        chosen = s;
    }
    if (candidates != 1) return std::optional<Site>{};
    return chosen;
}

struct Who {
    Resident resident;
    bool registered = false;
};

Result<Who> find_or_register(Context ctx, const OidcConfig& c, const IdentityClaims& id) {
    std::string email = normalize_email(id.email);
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<Who> {
        ESCALE_TRY(auto found, tx.referential().find_resident_by_email(email));
        if (found) {
            if (!found->active) return fail(errors::oidc_resident_inactive());
            return Who{*found, false};
        }
        ESCALE_TRY(auto site, self_registration_site(tx, c));
        if (!site) return fail(errors::oidc_unknown_email(email));
        Resident r;
        r.site_id = site->id;
        r.service_id = site->oidc_self_registration_service_id;
        r.email = email;
        r.display_name = display_name_of(id, email);
        r.role = Role::agent;
        ESCALE_TRY_VOID(validate(r));
        ESCALE_TRY(r.id, tx.referential().insert(r));
        ESCALE_TRY_VOID(record(tx, ctx, Actor::of(r, {}),
                               AuditEvent{0, {}, r.site_id, {}, {}, "self_register", "residents", r.id, "ProConnect"}));
        return Who{r, true};
    });
}

}  // namespace

bool is_same_site_path(std::string_view p) {
    if (p.empty() || p.size() > 1024 || p.front() != '/') return false;
    if (p.size() > 1 && (p[1] == '/' || p[1] == '\\')) return false;  // "//evil.example", "/\evil.example"
    for (unsigned char c : p)
        if (c < 0x20 || c == 0x7f || c == '\\') return false;
    return true;
}

Result<OidcStart> begin_oidc_login(Context ctx, OidcProvider& provider, std::string_view return_to) {
    std::string target = return_to.empty() ? "/" : std::string(return_to);
    if (!is_same_site_path(target)) return fail(errors::oidc_bad_return_path());
    ESCALE_TRY(auto m, provider.metadata());
    auto& c = provider.config();
    std::string state = random_token(), nonce = random_token(), verifier = random_token();
    auto now = ctx.clock.now();
    OidcPendingLogin pending{token_hash(state), nonce, verifier, target, now, now + oidc_login_lifetime};
    ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY_VOID(tx.identity().delete_expired_oidc_pending_logins(now));
        ESCALE_TRY(int pending_now, tx.identity().count_oidc_pending_logins());
        if (pending_now >= c.max_pending_logins) return fail(errors::oidc_too_many_logins());
        return tx.identity().insert_oidc_pending_login(pending);
    }));
    return OidcStart{with_query(m.authorization_endpoint, {{"response_type", "code"},
                                                 {"client_id", c.client_id},
                                                 {"redirect_uri", c.redirect_url},
                                                 {"scope", c.scopes},
                                                 {"state", state},
                                                 {"nonce", nonce},
                                                 {"code_challenge", code_challenge(verifier)},
                                                 {"code_challenge_method", "S256"}}),
                     state};
}

Result<OidcLoginDone> complete_oidc_login(Context ctx, OidcProvider& provider, const OidcCallback& cb,
                                          std::string_view previous_token) {
    if (cb.state.empty()) return fail(errors::oidc_missing_state());
    if (cb.state.size() > 256) return fail(errors::oidc_unknown_state());
    if (!same_secret(cb.browser_state, cb.state)) return fail(errors::oidc_foreign_state());
    // The state is consumed first, whatever follows: it never serves twice.
    ESCALE_TRY(auto pending, in_transaction(ctx, TxMode::write, [&](Transaction& tx) {
                   return tx.identity().take_oidc_pending_login(token_hash(cb.state), ctx.clock.now());
               }));
    if (!pending) return fail(errors::oidc_unknown_state());
    if (!cb.error.empty()) return fail(errors::oidc_provider_error(cb.error));
    if (cb.code.empty()) return fail(errors::missing_field("code"));

    auto& c = provider.config();
    ESCALE_TRY(auto m, provider.metadata());
    ESCALE_TRY(auto tokens, exchange_code(provider, m, cb.code, pending->code_verifier));
    IdTokenExpectations expect{c.issuer, c.client_id, pending->nonce, ctx.clock.now(), c.leeway};
    ESCALE_TRY(auto id, with_keys(provider, [&](const Jwks& keys) { return verify_id_token(tokens.id_token, keys, expect); }));
    if (!m.userinfo_endpoint.empty() && !tokens.access_token.empty()) {
        ESCALE_TRY(auto info, read_userinfo(provider, m, tokens));
        if (info.sub != id.sub) return fail(errors::oidc_bad_userinfo("sujet différent de celui du jeton d'identité"));
        // Userinfo is authoritative for the profile; the ID token fills what it lacks.
        const std::pair<std::string*, std::string*> fields[] = {{&info.email, &id.email},
                                                                {&info.given_name, &id.given_name},
                                                                {&info.usual_name, &id.usual_name},
                                                                {&info.uid, &id.uid},
                                                                {&info.siret, &id.siret}};
        for (auto [from, to] : fields)
            if (!from->empty()) *to = *from;
        if (info.email_verified) id.email_verified = info.email_verified;
    }
    ESCALE_TRY_VOID(check_login_email(id));

    ESCALE_TRY(auto who, find_or_register(ctx, c, id));
    ESCALE_TRY(auto session, open_session(ctx, who.resident.id, previous_token));
    auto recorded = in_transaction(ctx, TxMode::write, [&](Transaction& tx) {
        return tx.identity().insert_oidc_session(token_hash(session.token), tokens.id_token);
    });
    if (!recorded) {
        (void)logout(ctx, session.token);
        return fail(recorded.error());
    }
    spdlog::info("oidc: resident {} logged in{}", who.resident.id, who.registered ? " (self-registered)" : "");
    return OidcLoginDone{std::move(session), std::move(who.resident), std::move(pending->return_to), who.registered};
}

Result<std::optional<std::string>> oidc_end_session_url(Context ctx, OidcProvider& provider,
                                                        std::string_view session_token) {
    if (session_token.empty() || session_token.size() > 128) return std::optional<std::string>{};
    ESCALE_TRY(auto id_token, in_transaction(ctx, TxMode::read, [&](Transaction& tx) {
                   return tx.identity().oidc_session_id_token(token_hash(session_token));
               }));
    if (!id_token) return std::optional<std::string>{};
    ESCALE_TRY(auto m, provider.metadata());
    if (m.end_session_endpoint.empty()) return std::optional<std::string>{};
    auto& c = provider.config();
    std::vector<std::pair<std::string, std::string>> params = {{"id_token_hint", *id_token}, {"client_id", c.client_id}};
    if (!c.post_logout_redirect_url.empty()) {
        params.emplace_back("post_logout_redirect_uri", c.post_logout_redirect_url);
        params.emplace_back("state", random_token());
    }
    return std::optional<std::string>{with_query(m.end_session_endpoint, params)};
}

}  // namespace escale::app
