// SPDX-License-Identifier: EUPL-1.2
#include "app/notifications.hpp"

#include <fmt/format.h>

#include "app/mail_message.hpp"
#include "app/site_calendar.hpp"
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/space_rules.hpp"

namespace escale::app {
namespace {

std::string who_acted(const Actor& actor) {
    return actor.is_system ? std::string("L'administration d'Escale") : actor.resident.display_name;
}

std::string desk_link(Date d) { return fmt::format("/semaine?date={}", format_date(d)); }

Result<std::string> desk_label(Transaction& tx, DeskId id) {
    ESCALE_TRY(auto desk, tx.referential().find(Of<Desk>{}, id));
    return desk ? desk->label : std::string("?");
}

// Writes a notification about desk booking(s) `made` of one day for their holder.
Result<void> notify_desk(Transaction& tx, Context ctx, NotificationKind kind, const Actor* actor,
                         std::span<const DeskBooking> made, std::string_view detail = {}) {
    if (made.empty() || made.front().resident_id == 0) return {};
    const DeskBooking& b = made.front();
    ESCALE_TRY(auto holder, tx.referential().find(Of<Resident>{}, b.resident_id));
    if (!holder) return {};
    ESCALE_TRY(auto label, desk_label(tx, b.desk_id));
    std::string when = fmt::format("{}, {}", french_long_date(b.date),
                                   made.size() > 1 ? std::string_view("la journée") : french_half(b.half));
    auto text = notification_text(kind, actor ? who_acted(*actor) : std::string(), label, when, detail);
    ESCALE_TRY_VOID(notify(tx, ctx, *holder, kind, b.site_id, text, desk_link(b.date)));
    return {};
}

}  // namespace

Result<NotificationId> notify(Transaction& tx, Context ctx, const Resident& to, NotificationKind kind, SiteId site,
                              const NotificationText& text, const std::string& link) {
    const Instant now = ctx.clock.now();
    Notification n{0, to.id, site, kind, text.title, text.body, link, now, std::nullopt};
    ESCALE_TRY(n.id, tx.notifications().insert(n));
    const auto* settings = ctx.notifications;
    if (settings && settings->send_mail && to.active && plain_mail_address(to.email)) {
        OutboxMail m;
        m.notification_id = n.id;
        m.site_id = site;
        m.recipient = to.email;
        m.subject = "Escale : " + text.title;
        m.body = notification_mail_body(to.display_name, text, absolute_link(settings->public_url, link));
        m.created_at = now;
        m.next_attempt_at = now;
        ESCALE_TRY_VOID(tx.notifications().insert_mail(m));
    }
    return n.id;
}

Result<void> notify_booked_for_you(Transaction& tx, Context ctx, const Actor& actor, std::span<const DeskBooking> made) {
    return notify_desk(tx, ctx, NotificationKind::booked_for_you, &actor, made);
}

Result<void> notify_cancelled_for_you(Transaction& tx, Context ctx, const Actor& actor, const DeskBooking& b) {
    return notify_desk(tx, ctx, NotificationKind::cancelled_for_you, &actor, std::span<const DeskBooking>(&b, 1));
}

Result<void> notify_no_show_released(Transaction& tx, Context ctx, const DeskBooking& b, std::string_view release_time) {
    return notify_desk(tx, ctx, NotificationKind::no_show_released, nullptr, std::span<const DeskBooking>(&b, 1),
                       release_time);
}

Result<void> notify_waitlist_promoted(Transaction& tx, Context ctx, const DeskBooking& b) {
    return notify_desk(tx, ctx, NotificationKind::waitlist_promoted, nullptr, std::span<const DeskBooking>(&b, 1));
}

Result<void> notify_space_cancelled_for_you(Transaction& tx, Context ctx, const Actor& actor, const SpaceBooking& b) {
    if (b.resident_id == 0) return {};
    ESCALE_TRY(auto holder, tx.referential().find(Of<Resident>{}, b.resident_id));
    if (!holder) return {};
    ESCALE_TRY(auto space, tx.referential().find(Of<Space>{}, b.space_id));
    ESCALE_TRY(auto site, tx.referential().find(Of<Site>{}, b.site_id));
    if (!site) return {};
    ESCALE_TRY(auto cal, load_site_calendar(tx, *site));
    Date day = cal.today(b.start);
    std::string when = fmt::format("{}, de {} à {}", french_long_date(day), format_site_clock(cal, b.start),
                                   format_site_clock(cal, b.end));
    auto text = notification_text(NotificationKind::space_cancelled_for_you, who_acted(actor),
                                  space ? space->name : std::string("?"), when);
    ESCALE_TRY_VOID(notify(tx, ctx, *holder, NotificationKind::space_cancelled_for_you, b.site_id, text, desk_link(day)));
    return {};
}

Result<NotificationPage> my_notifications(Context ctx, const Actor& actor, std::optional<NotificationId> before,
                                          int limit) {
    if (limit < 1 || limit > notifications_page_max)
        return fail(errors::invalid_field("limit", fmt::format("un nombre entier de 1 à {}", notifications_page_max)));
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::read, [&](Transaction& tx) -> Result<NotificationPage> {
        NotificationPage page;
        // One more than asked tells whether another page follows.
        ESCALE_TRY(page.items, tx.notifications().page_of(actor.resident.id, before, limit + 1));
        if (static_cast<int>(page.items.size()) > limit) {
            page.items.resize(static_cast<std::size_t>(limit));
            page.next_before = page.items.back().id;
        }
        ESCALE_TRY(page.unread, tx.notifications().unread_count(actor.resident.id));
        return page;
    });
}

Result<void> mark_notification_read(Context ctx, const Actor& actor, NotificationId id) {
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<void> {
        ESCALE_TRY(bool found, tx.notifications().mark_read(actor.resident.id, id, ctx.clock.now()));
        if (!found) return fail(errors::not_found(feminine("notification")));
        return {};
    });
}

Result<int> mark_all_notifications_read(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<int> {
        return tx.notifications().mark_all_read(actor.resident.id, ctx.clock.now());
    });
}

}  // namespace escale::app
