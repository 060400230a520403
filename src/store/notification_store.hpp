// SPDX-License-Identifier: EUPL-1.2
// Notifications and the mail outbox inside a transaction (issue 10, item 7). Part of a
// Transaction (store/store.hpp): it belongs to the transaction's thread and shares its error
// rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/notification.hpp"

namespace escale {

class NotificationStore {
public:
    virtual ~NotificationStore() = default;

    virtual Result<NotificationId> insert(const Notification& n) = 0;
    // Resident r's notifications with id < before (all when nullopt), newest first, at most `limit`.
    virtual Result<std::vector<Notification>> page_of(ResidentId r, std::optional<NotificationId> before, int limit) = 0;
    virtual Result<int> unread_count(ResidentId r) = 0;
    // Marks notification `id` of resident r read at `at` (a read one stays as it was); false
    // when r has no notification `id`.
    virtual Result<bool> mark_read(ResidentId r, NotificationId id, Instant at) = 0;
    // Marks every unread notification of r read; returns how many.
    virtual Result<int> mark_all_read(ResidentId r, Instant at) = 0;

    // Personal data: every notification of r, oldest first; the mails sent or to send them.
    virtual Result<std::vector<Notification>> all_of(ResidentId r) = 0;
    virtual Result<std::vector<OutboxMail>> mails_of(ResidentId r) = 0;
    // Forgetting r: deletes their notifications and their mails; returns how many notifications.
    virtual Result<int> delete_of(ResidentId r) = 0;
    // Retention: deletes site's notifications created before `cutoff` and the site's mails
    // created before it; returns how many notifications.
    virtual Result<int> delete_before(SiteId site, Instant cutoff) = 0;

    // ---- the outbox ----
    virtual Result<OutboxMailId> insert_mail(const OutboxMail& m) = 0;
    // Whether a mail is due at `now` (a cheap read before claiming in a write transaction).
    virtual Result<bool> any_mail_due(Instant now) = 0;
    // Claims at most `limit` mails due at `now` (not sent, not given up, next attempt due,
    // no live claim) for `claimer` until `lease_until`, counting an attempt for each, oldest
    // first, and returns them. `claimer` must name this one claim (one name per pass). A mail is claimed by one claimer at a time whatever races:
    // the claim is a compare-and-set on its row (SQLite: the writer lock; PostgreSQL: the
    // row lock, a concurrent claimer re-reads the row and finds it claimed).
    virtual Result<std::vector<OutboxMail>> claim_mails(Instant now, Instant lease_until, const std::string& claimer,
                                                        int limit) = 0;
    // The claimer's mail `id` was sent at `at`; false when its claim was lost (lease over and
    // taken by another).
    virtual Result<bool> mark_mail_sent(OutboxMailId id, const std::string& claimer, Instant at) = 0;
    // The claimer's attempt failed: tried again from `next_attempt_at`, or given up at `at`
    // when `give_up`; the claim ends either way.
    virtual Result<bool> mark_mail_failed(OutboxMailId id, const std::string& claimer, Instant at,
                                          Instant next_attempt_at, bool give_up, const std::string& error) = 0;
};

}  // namespace escale
