// SPDX-License-Identifier: EUPL-1.2
// The outbound HTTP(S) calls of OpenID Connect, with libcurl: one easy handle per call,
// short timeouts, no redirects followed, answers capped at 1 MiB, TLS peers verified.
// A CurlOidcHttp is stateless: safe to share between threads.
#pragma once

#include "app/identity/oidc_http.hpp"

namespace escale::oidc_client {

class CurlOidcHttp final : public app::OidcHttp {
public:
    CurlOidcHttp();  // initialises libcurl once per process
    Result<app::HttpReply> get(const std::string& url, const std::string& bearer) override;
    Result<app::HttpReply> post_form(const std::string& url,
                                     const std::vector<std::pair<std::string, std::string>>& form,
                                     const std::optional<app::BasicCredentials>& basic) override;
};

}  // namespace escale::oidc_client
