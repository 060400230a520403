// SPDX-License-Identifier: EUPL-1.2
#include "app/mail_outbox.hpp"

#include <atomic>

#include <fmt/format.h>

#include "app/mail_message.hpp"
#include "app/transaction.hpp"

namespace escale::app {

std::chrono::seconds mail_retry_delay(const MailOutboxSettings& s, int attempts) {
    auto delay = std::max<std::chrono::seconds>(std::chrono::seconds{1}, s.retry_after);
    for (int i = 1; i < attempts && delay < s.max_retry_delay; ++i) delay *= 2;
    return std::min(delay, std::max(s.max_retry_delay, s.retry_after));
}

Result<MailPass> send_due_mails(Context ctx, MailSender& sender, const MailOutboxSettings& s, const std::string& instance) {
    static std::atomic<std::uint64_t> passes{0};
    // Each pass claims under a name of its own, so that a late pass never touches another's claims.
    const std::string claimer = fmt::format("{}#{}", instance, ++passes);
    const Instant now = ctx.clock.now();
    const Instant lease_until = now + s.lease;
    MailPass pass;
    // Most passes find nothing: a read says so without taking the writer.
    ESCALE_TRY(bool due, in_transaction(ctx, TxMode::read, [&](Transaction& tx) { return tx.notifications().any_mail_due(now); }));
    if (!due) return pass;
    ESCALE_TRY(auto mails, in_transaction(ctx, TxMode::write, [&](Transaction& tx) {
                   return tx.notifications().claim_mails(now, lease_until, claimer, s.batch);
               }));
    std::optional<Error> relay_down;
    for (const auto& m : mails) {
        Result<void> sent;
        if (relay_down) {
            sent = fail(*relay_down);  // not tried: the relay just failed to answer
        } else {
            MailMessage message{s.from, m.recipient, m.subject, m.body, ctx.clock.now(),
                                fmt::format("escale.{}.{}@{}", m.id, m.created_at.time_since_epoch().count(),
                                            mail_domain(s.from))};
            auto text = render_mail(message);
            sent = text ? sender.send(s.from, m.recipient, *text) : Result<void>(fail(text.error()));
            if (!sent && sent.error().kind == ErrorKind::unavailable) relay_down = sent.error();
        }
        const Instant at = ctx.clock.now();
        if (sent) {
            ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
                ESCALE_TRY_VOID(tx.notifications().mark_mail_sent(m.id, claimer, at));
                return {};
            }));
            ++pass.sent;
        } else {
            // m.attempts already counts this one (claim_mails added it).
            const bool give_up = m.attempts >= s.max_attempts && !relay_down;
            const Instant next = at + mail_retry_delay(s, m.attempts);
            ESCALE_TRY_VOID(in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
                ESCALE_TRY_VOID(tx.notifications().mark_mail_failed(m.id, claimer, at, next, give_up, sent.error().message));
                return {};
            }));
            ++pass.failed;
        }
    }
    return pass;
}

}  // namespace escale::app
