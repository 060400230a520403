// SPDX-License-Identifier: EUPL-1.2
// The SMTP relay through libcurl (issue 10, item 7): implements app::MailSender for the outbox
// job. smtp://host:port, STARTTLS whenever the relay offers it (CURLUSESSL_TRY); smtps:// for
// TLS from the start. One instance per thread (it keeps its connection between mails).
#pragma once

#include <memory>
#include <string>

#include "app/mail_sender.hpp"

namespace escale::mail_client {

class CurlSmtpSender final : public app::MailSender {
public:
    explicit CurlSmtpSender(std::string url);
    ~CurlSmtpSender() override;
    Result<void> send(const std::string& from, const std::string& to, const std::string& message) override;

private:
    struct Handle;
    std::string url_;
    std::unique_ptr<Handle> handle_;
};

// Whether `url` names an SMTP relay this sender accepts: smtp:// or smtps:// with a host.
bool valid_smtp_url(const std::string& url);

}  // namespace escale::mail_client
