// SPDX-License-Identifier: EUPL-1.2
// An email as it goes on the wire (RFC 5322 + MIME), for the outbox (issue 10, item 7):
// UTF-8 plain text in base64, the Subject as RFC 2047 encoded words, Date, Message-ID,
// Auto-Submitted. Pure (no I/O).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace escale::app {

struct MailMessage {
    std::string from;        // an address: escale@ministere.gouv.fr
    std::string to;          // an address
    std::string subject;     // UTF-8
    std::string text;        // UTF-8 plain text, lines ending in \n
    Instant date;            // the Date header
    std::string message_id;  // without angle brackets: "escale.42.1764558000@ministere.gouv.fr"
};

// Whether `address` may go in a header and an SMTP envelope as it is: local@domain, printable
// ASCII, no space, no angle bracket, no line break.
bool plain_mail_address(std::string_view address);

// The whole message, lines ending in CRLF. Fails with invalid_field when an address is not
// plain (a header injection is thus impossible).
Result<std::string> render_mail(const MailMessage& m);

// "=?UTF-8?B?...?=" words of at most 64 characters, folded (CRLF + space) between words; a
// pure-ASCII subject without specials is left as it is.
std::string encode_header_words(std::string_view utf8);

// "Tue, 01 Dec 2026 03:00:00 +0000".
std::string rfc5322_date(Instant t);

// The domain part of an address ("localhost" when it has none).
std::string_view mail_domain(std::string_view address);

}  // namespace escale::app
