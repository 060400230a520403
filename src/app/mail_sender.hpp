// SPDX-License-Identifier: EUPL-1.2
// How the app hands a rendered email to an SMTP relay (issue 10, item 7). Implemented with
// libcurl in src/mail_client (the app knows the relay through this interface only), and by
// fakes in the tests.
#pragma once

#include <string>

#include "core/error.hpp"

namespace escale::app {

class MailSender {
public:
    virtual ~MailSender() = default;
    // Sends `message` (RFC 5322, CRLF lines) from `from` to `to`. Fails with kind unavailable
    // when the relay cannot be reached (try the others later), anything else when this mail
    // was refused.
    virtual Result<void> send(const std::string& from, const std::string& to, const std::string& message) = 0;
};

}  // namespace escale::app
