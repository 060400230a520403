// SPDX-License-Identifier: EUPL-1.2
#include "mail_client/curl_smtp_sender.hpp"

#include <cstring>

#include <curl/curl.h>
#include <fmt/format.h>

#include "core/errors.hpp"

namespace escale::mail_client {
namespace {

struct Upload {
    const std::string* text;
    std::size_t offset = 0;
};

size_t on_read(char* buffer, size_t size, size_t n, void* user) {
    auto* up = static_cast<Upload*>(user);
    std::size_t room = size * n, left = up->text->size() - up->offset;
    std::size_t take = std::min(room, left);
    std::memcpy(buffer, up->text->data() + up->offset, take);
    up->offset += take;
    return take;
}

}  // namespace

struct CurlSmtpSender::Handle {
    CURL* curl = curl_easy_init();
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
    }
};

bool valid_smtp_url(const std::string& url) {
    for (std::string_view scheme : {"smtp://", "smtps://"})
        if (url.rfind(scheme, 0) == 0 && url.size() > scheme.size()) return true;
    return false;
}

CurlSmtpSender::CurlSmtpSender(std::string url) : url_(std::move(url)), handle_(std::make_unique<Handle>()) {}
CurlSmtpSender::~CurlSmtpSender() = default;

Result<void> CurlSmtpSender::send(const std::string& from, const std::string& to, const std::string& message) {
    CURL* c = handle_->curl;
    if (!c) return fail(errors::mail_relay_unavailable("libcurl"));
    curl_easy_reset(c);  // keeps the open connection for the next mail
    Upload up{&message};
    curl_slist* rcpt = curl_slist_append(nullptr, fmt::format("<{}>", to).c_str());
    const std::string mail_from = fmt::format("<{}>", from);
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 20000L);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &up);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    if (rc == CURLE_OK) return {};
    std::string detail = error[0] ? std::string(error) : std::string(curl_easy_strerror(rc));
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    // A refusal of this mail (5xx to MAIL FROM, RCPT TO or DATA) is the mail's; anything else
    // (no connection, timeout, 4xx) is the relay's, and every mail waits for it.
    if ((rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_UPLOAD_FAILED ||
         rc == CURLE_LOGIN_DENIED || rc == CURLE_WEIRD_SERVER_REPLY) && code >= 500)
        return fail(errors::mail_refused(fmt::format("{} {}", code, detail)));
    return fail(errors::mail_relay_unavailable(detail));
}

}  // namespace escale::mail_client
