// SPDX-License-Identifier: EUPL-1.2
#include "oidc_client/curl_oidc_http.hpp"

#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/oidc_errors.hpp"

namespace escale::oidc_client {
namespace {

constexpr size_t max_body = 1 << 20;

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
    auto* body = static_cast<std::string*>(user);
    if (body->size() + size * n > max_body) return 0;  // abort: too large
    body->append(data, size * n);
    return size * n;
}

std::string base64(std::string_view in) {
    std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<app::HttpReply> perform(const std::string& url, curl_slist* headers, const std::string* post_body) {
    std::unique_ptr<CURL, EasyDeleter> curl{curl_easy_init()};
    if (!curl) return fail(errors::oidc_provider_unavailable("libcurl"));
    app::HttpReply reply;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "escale");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply.body);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (post_body) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body->c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        spdlog::warn("oidc: {} {}: {}", post_body ? "POST" : "GET", url, curl_easy_strerror(rc));
        return fail(errors::oidc_provider_unavailable(rc == CURLE_WRITE_ERROR ? "réponse trop grande" : "injoignable"));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    reply.status = static_cast<int>(status);
    char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    if (type) reply.content_type = type;
    return reply;
}

}  // namespace

CurlOidcHttp::CurlOidcHttp() {
    static std::once_flag once;
    std::call_once(once, [] {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        if (sodium_init() < 0) std::abort();
    });
}

Result<app::HttpReply> CurlOidcHttp::get(const std::string& url, const std::string& bearer) {
    curl_slist* list = curl_slist_append(nullptr, "Accept: application/json, application/jwt");
    if (!bearer.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + bearer).c_str());
    std::unique_ptr<curl_slist, ListDeleter> headers{list};
    return perform(url, headers.get(), nullptr);
}

Result<app::HttpReply> CurlOidcHttp::post_form(const std::string& url,
                                               const std::vector<std::pair<std::string, std::string>>& form,
                                               const std::optional<app::BasicCredentials>& basic) {
    curl_slist* list = curl_slist_append(nullptr, "Accept: application/json");
    list = curl_slist_append(list, "Content-Type: application/x-www-form-urlencoded");
    if (basic) {
        auto credentials = app::percent_encode(basic->user) + ":" + app::percent_encode(basic->password);
        list = curl_slist_append(list, ("Authorization: Basic " + base64(credentials)).c_str());
    }
    std::unique_ptr<curl_slist, ListDeleter> headers{list};
    auto body = app::form_encode(form);
    return perform(url, headers.get(), &body);
}

}  // namespace escale::oidc_client
