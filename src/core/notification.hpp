// SPDX-License-Identifier: EUPL-1.2
// Notifications (issue 10, item 7): what Escale tells a resident about a change they did not
// make themselves (a desk booked or cancelled for them, a booking released as no-show, a space
// booking cancelled by someone else, a desk given from the waitlist), in the app and, when an
// SMTP relay is configured, by email through the outbox (OutboxMail).
#pragma once

#include <optional>
#include <string>

#include <boost/describe/enum.hpp>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace escale {

using NotificationId = Id;
using OutboxMailId = Id;

enum class NotificationKind {
    waitlist_promoted,        // a desk freed for a slot was given to them from the waitlist
    booked_for_you,           // someone booked a desk on their behalf
    cancelled_for_you,        // someone cancelled their desk booking
    no_show_released,         // their booking was released: no arrival signalled in time
    space_cancelled_for_you,  // someone cancelled their collective space booking
};
BOOST_DESCRIBE_ENUM(NotificationKind, waitlist_promoted, booked_for_you, cancelled_for_you, no_show_released,
                    space_cancelled_for_you)

struct Notification {
    NotificationId id = 0;
    ResidentId resident_id = 0;  // who is told (personal data)
    SiteId site_id = 0;
    NotificationKind kind = NotificationKind::booked_for_you;
    std::string title;  // French, one line
    std::string body;   // French, a sentence or two
    std::string link;   // a path of the web app ("/semaine?date=2026-03-03"), opened in one click
    Instant created_at;
    std::optional<Instant> read_at;
};

// One email waiting to be sent, or sent: written in the transaction of the change it tells
// about, sent later by the outbox job (app/mail_outbox.hpp), at most once across servers
// while its claim (claimed_by, lease_until) holds.
struct OutboxMail {
    OutboxMailId id = 0;
    std::optional<NotificationId> notification_id;
    SiteId site_id = 0;
    std::string recipient;  // an email address (personal data)
    std::string subject;    // French, UTF-8 (encoded when sent)
    std::string body;       // French plain text with the absolute link
    Instant created_at;
    Instant next_attempt_at;
    int attempts = 0;
    std::optional<Instant> sent_at;
    std::optional<Instant> failed_at;  // given up after too many attempts
    std::string last_error;
};

}  // namespace escale
