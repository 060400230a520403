// SPDX-License-Identifier: EUPL-1.2
// A provider's discovery document (/.well-known/openid-configuration), read by
// app/identity/oidc_provider as the server does at the first OpenID Connect login, through a
// fake OidcHttp that answers with the fuzzed bytes. Asserts that accepted metadata name only
// acceptable endpoints (https, or http to a loopback address).
#include "app/identity/oidc_http.hpp"
#include "app/identity/oidc_provider.hpp"
#include "check.hpp"

namespace {

using namespace escale;
using namespace escale::app;

// Answers every GET with the same document.
class OneDocument : public OidcHttp {
public:
    explicit OneDocument(std::string_view body) : body_(body) {}
    Result<HttpReply> get(const std::string&, const std::string&) override {
        return HttpReply{200, "application/json", std::string(body_)};
    }
    Result<HttpReply> post_form(const std::string&, const std::vector<std::pair<std::string, std::string>>&,
                                const std::optional<BasicCredentials>&) override {
        return HttpReply{404, "", ""};
    }

private:
    std::string_view body_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    OneDocument http(fuzz::text_of(data, size));
    OidcConfig config;
    config.issuer = "https://idp.example/api/v2";
    OidcProvider provider(config, http);
    auto m = provider.metadata();
    if (!m) return 0;
    for (auto* url : {&m->authorization_endpoint, &m->token_endpoint, &m->jwks_uri})
        FUZZ_CHECK(acceptable_provider_url(*url), "metadata accepted with an unacceptable endpoint");
    for (auto* url : {&m->userinfo_endpoint, &m->end_session_endpoint})
        FUZZ_CHECK(url->empty() || acceptable_provider_url(*url), "metadata accepted with an unacceptable endpoint");
    // The key set is fetched from jwks_uri: here the same document, which is no key set.
    (void)provider.jwks();
    return 0;
}
