// SPDX-License-Identifier: EUPL-1.2
// Notifications' and the mail outbox's SQL (issue 10, item 7). A mail is claimed by a
// compare-and-set on its row (claimed_by, lease_until), so that each is sent by one server
// at a time: on SQLite inside the serialised write transaction, on PostgreSQL under the row
// lock the UPDATE takes (a concurrent claimer waits, re-reads the row, finds it claimed and
// skips it).
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/try.hpp"
#include "store/sql/columns.hpp"
#include "store/sql/query.hpp"
#include "store/sql/rooms.hpp"

namespace escale::sql {
namespace {

constexpr const char* notification_columns = "id, resident_id, site_id, kind, title, body, link, created_at, read_at";
constexpr const char* mail_columns =
    "m.id, m.notification_id, m.site_id, m.recipient, m.subject, m.body, m.created_at, m.next_attempt_at, m.attempts, "
    "m.sent_at, m.failed_at, m.last_error";

Notification read_notification(const Row& r) {
    Notification n;
    read_columns(r, 0, n.id, n.resident_id, n.site_id, n.kind, n.title, n.body, n.link, n.created_at, n.read_at);
    return n;
}

OutboxMail read_mail(const Row& r) {
    OutboxMail m;
    std::optional<std::string> error;
    read_columns(r, 0, m.id, m.notification_id, m.site_id, m.recipient, m.subject, m.body, m.created_at,
                 m.next_attempt_at, m.attempts, m.sent_at, m.failed_at, error);
    m.last_error = error.value_or("");
    return m;
}

const Meaning notification_meaning{.label = feminine("notification")};

class SqlNotifications final : public NotificationStore {
public:
    explicit SqlNotifications(Connection& c) : c_(c) {}

    Result<NotificationId> insert(const Notification& n) override {
        return c_.insert("INSERT INTO notifications (resident_id, site_id, kind, title, body, link, created_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                         params(n.resident_id, n.site_id, n.kind, n.title, n.body, n.link, n.created_at),
                         notification_meaning);
    }

    Result<std::vector<Notification>> page_of(ResidentId r, std::optional<NotificationId> before, int limit) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM notifications WHERE resident_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
            notification_columns);
        return rows(c_, sql, params(r, before.value_or(std::numeric_limits<Id>::max()), limit), read_notification);
    }

    Result<int> unread_count(ResidentId r) override {
        ESCALE_TRY(auto n, first_row(c_, "SELECT COUNT(*) FROM notifications WHERE resident_id = $1 AND read_at IS NULL",
                                     params(r), [](const Row& row) { return static_cast<int>(row.integer(0)); }));
        return n.value_or(0);
    }

    Result<bool> mark_read(ResidentId r, NotificationId id, Instant at) override {
        ESCALE_TRY(auto found, first_row(c_, "SELECT id FROM notifications WHERE id = $1 AND resident_id = $2",
                                         params(id, r), [](const Row& row) { return row.integer(0); }));
        if (!found) return false;
        ESCALE_TRY_VOID(execute(c_, "UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL",
                                params(at, id)));
        return true;
    }

    Result<int> mark_all_read(ResidentId r, Instant at) override {
        return execute(c_, "UPDATE notifications SET read_at = $1 WHERE resident_id = $2 AND read_at IS NULL",
                       params(at, r));
    }

    Result<std::vector<Notification>> all_of(ResidentId r) override {
        static const std::string sql =
            fmt::format("SELECT {} FROM notifications WHERE resident_id = $1 ORDER BY id", notification_columns);
        return rows(c_, sql, params(r), read_notification);
    }

    Result<std::vector<OutboxMail>> mails_of(ResidentId r) override {
        static const std::string sql = fmt::format(
            "SELECT {} FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id WHERE n.resident_id = $1 "
            "ORDER BY m.id",
            mail_columns);
        return rows(c_, sql, params(r), read_mail);
    }

    Result<int> delete_of(ResidentId r) override {
        ESCALE_TRY_VOID(execute(c_,
                                "DELETE FROM mail_outbox WHERE notification_id IN "
                                "(SELECT id FROM notifications WHERE resident_id = $1)",
                                params(r)));
        return execute(c_, "DELETE FROM notifications WHERE resident_id = $1", params(r));
    }

    Result<int> delete_before(SiteId site, Instant cutoff) override {
        ESCALE_TRY_VOID(execute(c_, "DELETE FROM mail_outbox WHERE site_id = $1 AND created_at < $2",
                                params(site, cutoff)));
        return execute(c_, "DELETE FROM notifications WHERE site_id = $1 AND created_at < $2", params(site, cutoff));
    }

    Result<OutboxMailId> insert_mail(const OutboxMail& m) override {
        return c_.insert("INSERT INTO mail_outbox (notification_id, site_id, recipient, subject, body, created_at, "
                         "next_attempt_at, attempts, lease_until) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0)",
                         params(m.notification_id, m.site_id, m.recipient, m.subject, m.body, m.created_at,
                                m.next_attempt_at),
                         Meaning{.label = masculine("courriel")});
    }

    Result<bool> any_mail_due(Instant now) override {
        ESCALE_TRY(auto row, first_row(c_,
                                       "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL "
                                       "AND next_attempt_at <= $1 AND lease_until <= $1 LIMIT 1",
                                       params(now), [](const Row& r) { return r.integer(0); }));
        return row.has_value();
    }

    Result<std::vector<OutboxMail>> claim_mails(Instant now, Instant lease_until, const std::string& claimer,
                                                int limit) override {
        // The conditions on the row are repeated outside the subquery: PostgreSQL re-checks
        // them on the row as another claimer left it.
        ESCALE_TRY_VOID(execute(
            c_,
            "UPDATE mail_outbox SET claimed_by = $1, lease_until = $2, attempts = attempts + 1 "
            "WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL "
            "AND next_attempt_at <= $3 AND lease_until <= $3 ORDER BY id LIMIT $4) "
            "AND sent_at IS NULL AND failed_at IS NULL AND lease_until <= $3",
            params(claimer, lease_until, now, limit)));
        static const std::string sql = fmt::format(
            "SELECT {} FROM mail_outbox m WHERE m.claimed_by = $1 AND m.lease_until = $2 AND m.sent_at IS NULL "
            "AND m.failed_at IS NULL ORDER BY m.id",
            mail_columns);
        return rows(c_, sql, params(claimer, lease_until), read_mail);
    }

    Result<bool> mark_mail_sent(OutboxMailId id, const std::string& claimer, Instant at) override {
        ESCALE_TRY(int n, execute(c_,
                                  "UPDATE mail_outbox SET sent_at = $1, lease_until = 0, last_error = NULL "
                                  "WHERE id = $2 AND claimed_by = $3 AND sent_at IS NULL",
                                  params(at, id, claimer)));
        return n == 1;
    }

    Result<bool> mark_mail_failed(OutboxMailId id, const std::string& claimer, Instant at, Instant next_attempt_at,
                                  bool give_up, const std::string& error) override {
        ESCALE_TRY(int n, execute(c_,
                                  "UPDATE mail_outbox SET next_attempt_at = $1, failed_at = $2, lease_until = 0, "
                                  "last_error = $3 WHERE id = $4 AND claimed_by = $5 AND sent_at IS NULL",
                                  params(next_attempt_at, give_up ? std::optional<Instant>(at) : std::nullopt, error,
                                         id, claimer)));
        return n == 1;
    }

private:
    Connection& c_;
};

}  // namespace

std::unique_ptr<NotificationStore> notification_room(Connection& c) { return std::make_unique<SqlNotifications>(c); }

}  // namespace escale::sql
