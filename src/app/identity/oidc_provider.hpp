// SPDX-License-Identifier: EUPL-1.2
// One OpenID Connect provider (ProConnect, or any compliant one): its configuration, and
// its discovery document and signing keys, fetched lazily (the server starts even when the
// provider is down) and cached. An OidcProvider is safe to share between threads.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/identity/id_token.hpp"
#include "app/identity/oidc_http.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace escale::app {

struct OidcConfig {
    std::string issuer;         // e.g. https://proconnect.gouv.fr/api/v2
    std::string client_id;
    std::string client_secret;
    std::string redirect_url;   // this server's callback: https://…/api/v1/auth/oidc/callback
    std::string post_logout_redirect_url;  // optional: where the provider sends people after logout
    // Self-registration of unknown people: only into this site's service (when the site
    // allows it); without it, into the one site that allows it, if exactly one does.
    std::optional<SiteId> self_registration_site;
    std::string scopes = "openid given_name usual_name email uid siret";
    std::chrono::seconds leeway{60};
    // Logins in progress at once, all servers together: the login route is open to anyone,
    // so without a bound it would let anyone fill the table.
    int max_pending_logins = 10'000;
};

// https:// URLs, or http:// to a loopback address (tests); "invalid_field" otherwise.
bool acceptable_provider_url(std::string_view url);
// Checks a configuration before the server starts: issuer and redirect URLs, client id.
Result<void> validate(const OidcConfig& c);

// What discovery (/.well-known/openid-configuration) says.
struct OidcMetadata {
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
    std::string userinfo_endpoint;      // may be empty
    std::string end_session_endpoint;   // may be empty: then logout stays local
    std::vector<std::string> token_endpoint_auth_methods;
};

class OidcProvider {
public:
    // `http` must outlive the provider.
    OidcProvider(OidcConfig config, OidcHttp& http);

    const OidcConfig& config() const { return config_; }
    OidcHttp& http() const { return http_; }

    // The discovery document, fetched at the first call and kept; fails with
    // "oidc_provider_unavailable" (and is tried again at the next call) when the provider
    // is unreachable, says another issuer, or names endpoints that are not acceptable.
    Result<OidcMetadata> metadata();
    // The signing keys, fetched at the first call and kept for jwks_lifetime; `refresh`
    // fetches them again (after a token named an unknown key id), at most once every 10 s.
    Result<std::shared_ptr<const Jwks>> jwks(bool refresh = false);
    // How long fetched keys are used before they are fetched again.
    static constexpr std::chrono::hours jwks_lifetime{1};

private:
    OidcConfig config_;
    OidcHttp& http_;
    std::mutex mutex_;
    std::optional<OidcMetadata> metadata_;
    std::shared_ptr<const Jwks> jwks_;
    std::chrono::steady_clock::time_point jwks_fetched_at_{};
};

}  // namespace escale::app
