// SPDX-License-Identifier: EUPL-1.2
// The outbound HTTP calls of OpenID Connect (discovery, JWKS, token and userinfo
// endpoints), behind a small interface so that the login use cases run without a network
// in tests. The libcurl implementation lives in src/oidc_client/. Implementations must be
// safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace escale::app {

struct HttpReply {
    int status = 0;
    std::string content_type;  // as sent, e.g. "application/jwt; charset=utf-8"
    std::string body;
};

// Client credentials sent as "Authorization: Basic" (each part form-encoded first, as
// RFC 6749 §2.3.1 asks).
struct BasicCredentials {
    std::string user;
    std::string password;
};

class OidcHttp {
public:
    virtual ~OidcHttp() = default;
    // GET url, with "Authorization: Bearer <bearer>" when bearer is not empty. Fails with
    // "oidc_provider_unavailable" when no answer came (connection, timeout, too large);
    // any HTTP status is an answer.
    virtual Result<HttpReply> get(const std::string& url, const std::string& bearer) = 0;
    // POST url with an application/x-www-form-urlencoded body; same failures as get().
    virtual Result<HttpReply> post_form(const std::string& url,
                                        const std::vector<std::pair<std::string, std::string>>& form,
                                        const std::optional<BasicCredentials>& basic) = 0;
};

// "a=1&b=x%20y": the pairs percent-encoded (RFC 3986 unreserved characters kept).
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs);
std::string percent_encode(std::string_view text);

}  // namespace escale::app
