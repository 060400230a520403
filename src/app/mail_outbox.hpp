// SPDX-License-Identifier: EUPL-1.2
// Draining the mail outbox (issue 10, item 7): each pass claims the due mails (a lease on
// their rows, so that every server may drain and each mail is still sent by one at a time),
// sends them outside any transaction, then records each as sent or to be retried later
// (backoff doubling from `retry_after`, up to an hour; given up after `max_attempts`). A
// server that dies mid-send leaves its claims to expire: those mails are sent again then
// (at least once; the Message-ID stays the same, so a mail client shows one).
#pragma once

#include <chrono>
#include <string>

#include "app/context.hpp"
#include "app/mail_sender.hpp"
#include "core/error.hpp"

namespace escale::app {

struct MailOutboxSettings {
    std::string from = "escale@localhost";          // the sender address (--smtp-from)
    std::chrono::seconds retry_after{30};           // first retry delay; doubles each attempt
    std::chrono::seconds max_retry_delay{3600};
    int max_attempts = 20;
    std::chrono::seconds lease{300};                // longer than one pass can take
    int batch = 20;                                 // mails claimed per pass
};

struct MailPass {
    int sent = 0;
    int failed = 0;  // to be retried, or given up
};

// One pass over the outbox by `instance`, on the context's clock.
Result<MailPass> send_due_mails(Context ctx, MailSender& sender, const MailOutboxSettings& settings,
                                const std::string& instance);

// The delay before attempt `attempts + 1` after `attempts` failed ones.
std::chrono::seconds mail_retry_delay(const MailOutboxSettings& settings, int attempts);

}  // namespace escale::app
