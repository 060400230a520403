// SPDX-License-Identifier: EUPL-1.2
// The French words of notifications (issue 10, item 7): long dates ("mardi 3 mars 2026"),
// half-days, and the title and body of each kind of notification. Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/local_date.hpp"
#include "core/notification.hpp"

namespace escale {

// "mardi 3 mars 2026" ("1er" for the first day of a month).
std::string french_long_date(Date d);
// "le matin", "l'après-midi".
std::string_view french_half(Half h);

struct NotificationText {
    std::string title;
    std::string body;
};

// What a notification says. `who` is the name of the person who acted (empty for the system),
// `what` the desk's label or the space's name, `when` the slot as French words
// ("mardi 3 mars 2026, le matin"), `detail` a kind-specific addition (the release time).
NotificationText notification_text(NotificationKind kind, std::string_view who, std::string_view what,
                                   std::string_view when, std::string_view detail = {});

// The plain-text email that carries a notification: a greeting to `name`, the body, the
// absolute link to follow, and a signature saying it is automatic.
std::string notification_mail_body(std::string_view name, const NotificationText& text, std::string_view url);

// `public_url` without its trailing slashes, then `path` (which starts with '/').
std::string absolute_link(std::string_view public_url, std::string_view path);

}  // namespace escale
