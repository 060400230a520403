// SPDX-License-Identifier: EUPL-1.2
// Notifications (issue 10, item 7): the writers that the use cases call inside the transaction
// of the change (each writes the in-app notification and, when mail is on, its outbox row in
// that same transaction, so sending never blocks nor fails the change), and the resident's
// own use cases: their notifications newest first, mark one or all read.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.hpp"
#include "core/desk_booking.hpp"
#include "core/error.hpp"
#include "core/notification.hpp"
#include "core/notification_text.hpp"
#include "core/space_booking.hpp"

namespace escale::app {

// Shared by every request (Context::notifications).
struct NotificationSettings {
    std::string public_url = "http://127.0.0.1:8080";  // links in mails are absolute
    bool send_mail = false;                             // an SMTP relay is configured (--smtp-url)
};

// Writes notification `text` of `kind` for resident `to` (link: a path of the web app), and its
// mail in the outbox when mail is on and `to` is active with a plain address.
Result<NotificationId> notify(Transaction& tx, Context ctx, const Resident& to, NotificationKind kind, SiteId site,
                              const NotificationText& text, const std::string& link);

// `made` (one or both halves of one day, one desk) was booked by `actor` for its holder.
Result<void> notify_booked_for_you(Transaction& tx, Context ctx, const Actor& actor, std::span<const DeskBooking> made);
// `actor` cancelled booking `b` of someone else.
Result<void> notify_cancelled_for_you(Transaction& tx, Context ctx, const Actor& actor, const DeskBooking& b);
// The release job made `b` no_show at local time `release_time` ("10:00").
Result<void> notify_no_show_released(Transaction& tx, Context ctx, const DeskBooking& b, std::string_view release_time);
// `actor` cancelled space booking `b` of someone else.
Result<void> notify_space_cancelled_for_you(Transaction& tx, Context ctx, const Actor& actor, const SpaceBooking& b);
// Waitlist (issue 10, item 5): booking `b` was just made for its holder from the waitlist, in
// the transaction that freed the desk. The waitlist calls this.
Result<void> notify_waitlist_promoted(Transaction& tx, Context ctx, const DeskBooking& b);

inline constexpr int notifications_page_max = 100;

struct NotificationPage {
    std::vector<Notification> items;  // newest first
    int unread = 0;                   // of all the actor's notifications
    std::optional<NotificationId> next_before;  // pass as `before` for the next page; none: last page
};

// The actor's notifications older than `before` (the newest when nullopt), at most `limit`
// (1..100, invalid_field otherwise), with their unread count.
Result<NotificationPage> my_notifications(Context ctx, const Actor& actor, std::optional<NotificationId> before,
                                          int limit);
// Marks the actor's notification `id` read (not_found when it is not theirs).
Result<void> mark_notification_read(Context ctx, const Actor& actor, NotificationId id);
// Marks all the actor's notifications read; returns how many were unread.
Result<int> mark_all_notifications_read(Context ctx, const Actor& actor);

}  // namespace escale::app
