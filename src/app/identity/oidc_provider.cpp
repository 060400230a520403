// SPDX-License-Identifier: EUPL-1.2
#include "app/identity/oidc_provider.hpp"

#include "app/json_member.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/errors.hpp"
#include "core/oidc_errors.hpp"

namespace escale::app {
namespace {

namespace json = boost::json;

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The host of an absolute http(s) URL, brackets kept for IPv6; empty when unreadable.
std::string_view host_of(std::string_view url) {
    auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return {};
    auto rest = url.substr(scheme_end + 3);
    if (rest.find('@') < rest.find_first_of("/?#")) return {};  // no credentials in URLs
    if (starts_with(rest, "[")) {
        auto close = rest.find(']');
        return close == std::string_view::npos ? std::string_view{} : rest.substr(0, close + 1);
    }
    return rest.substr(0, rest.find_first_of(":/?#"));
}

// "localhost", "[::1]" or a dotted 127.x.y.z address (not a name that merely starts with "127.").
bool is_loopback(std::string_view host) {
    if (host == "localhost" || host == "[::1]") return true;
    if (!starts_with(host, "127.")) return false;
    int dots = 0;
    for (char c : host) {
        if (c == '.') ++dots;
        else if (c < '0' || c > '9') return false;
    }
    return dots == 3;
}

}  // namespace

std::string percent_encode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string out;
    for (auto& [k, v] : pairs) out += (out.empty() ? "" : "&") + percent_encode(k) + "=" + percent_encode(v);
    return out;
}

bool acceptable_provider_url(std::string_view url) {
    auto host = host_of(url);
    if (host.empty()) return false;
    if (starts_with(url, "https://")) return true;
    return starts_with(url, "http://") && is_loopback(host);
}

Result<void> validate(const OidcConfig& c) {
    if (!acceptable_provider_url(c.issuer))
        return fail(errors::invalid_field("--oidc-issuer", "une adresse https:// (http:// admis sur la boucle locale seulement)"));
    if (c.client_id.empty()) return fail(errors::missing_field("--oidc-client-id"));
    if (c.client_secret.empty())
        return fail(errors::invalid_field("--oidc-client-secret-file", "un fichier contenant le secret du client"));
    if (!acceptable_provider_url(c.redirect_url))
        return fail(errors::invalid_field("--oidc-redirect-url", "une adresse https:// (http:// admis sur la boucle locale seulement)"));
    if (!c.post_logout_redirect_url.empty() && !acceptable_provider_url(c.post_logout_redirect_url))
        return fail(errors::invalid_field("--oidc-post-logout-url", "une adresse https:// (http:// admis sur la boucle locale seulement)"));
    return {};
}

OidcProvider::OidcProvider(OidcConfig config, OidcHttp& http) : config_(std::move(config)), http_(http) {}

Result<OidcMetadata> OidcProvider::metadata() {
    {
        std::lock_guard lock(mutex_);
        if (metadata_) return *metadata_;
    }
    std::string base = config_.issuer;
    while (!base.empty() && base.back() == '/') base.pop_back();
    auto reply = http_.get(base + "/.well-known/openid-configuration", "");
    if (!reply) return fail(reply.error());
    if (reply->status != 200)
        return fail(errors::oidc_provider_unavailable(fmt::format("découverte : statut {}", reply->status)));
    boost::system::error_code ec;
    auto doc = json::parse(reply->body, ec);
    if (ec || !doc.is_object()) return fail(errors::oidc_provider_unavailable("découverte : JSON illisible"));
    auto& o = doc.as_object();
    if (string_member(o, "issuer") != config_.issuer) {
        spdlog::warn("oidc: discovery says issuer {:?}, configured {:?}", string_member(o, "issuer"), config_.issuer);
        return fail(errors::oidc_provider_unavailable("découverte : émetteur différent de celui configuré"));
    }
    OidcMetadata m;
    m.authorization_endpoint = string_member(o, "authorization_endpoint");
    m.token_endpoint = string_member(o, "token_endpoint");
    m.jwks_uri = string_member(o, "jwks_uri");
    m.userinfo_endpoint = string_member(o, "userinfo_endpoint");
    m.end_session_endpoint = string_member(o, "end_session_endpoint");
    if (auto it = o.find("token_endpoint_auth_methods_supported"); it != o.end() && it->value().is_array())
        for (auto& v : it->value().get_array())
            if (v.is_string()) m.token_endpoint_auth_methods.emplace_back(v.get_string());
    for (auto* url : {&m.authorization_endpoint, &m.token_endpoint, &m.jwks_uri})
        if (!acceptable_provider_url(*url))
            return fail(errors::oidc_provider_unavailable("découverte : point d'accès absent ou non sécurisé"));
    for (auto* url : {&m.userinfo_endpoint, &m.end_session_endpoint})
        if (!url->empty() && !acceptable_provider_url(*url))
            return fail(errors::oidc_provider_unavailable("découverte : point d'accès non sécurisé"));
    std::lock_guard lock(mutex_);
    metadata_ = m;
    return m;
}

Result<std::shared_ptr<const Jwks>> OidcProvider::jwks(bool refresh) {
    {
        std::lock_guard lock(mutex_);
        auto age = std::chrono::steady_clock::now() - jwks_fetched_at_;
        bool recent = age < std::chrono::seconds(10);
        bool fresh = age < jwks_lifetime;  // a key the provider withdrew is not trusted for long
        if (jwks_ && fresh && (!refresh || recent)) return jwks_;
    }
    auto m = metadata();
    if (!m) return fail(m.error());
    auto reply = http_.get(m->jwks_uri, "");
    if (!reply) return fail(reply.error());
    if (reply->status != 200)
        return fail(errors::oidc_provider_unavailable(fmt::format("clés JWKS : statut {}", reply->status)));
    auto parsed = Jwks::parse(reply->body);
    if (!parsed) return fail(parsed.error());
    auto keys = std::make_shared<const Jwks>(std::move(*parsed));
    std::lock_guard lock(mutex_);
    jwks_ = keys;
    jwks_fetched_at_ = std::chrono::steady_clock::now();
    return keys;
}

}  // namespace escale::app
