// SPDX-License-Identifier: EUPL-1.2
#include "core/notification_text.hpp"

#include <array>

#include <date/date.h>
#include <fmt/format.h>

namespace escale {

std::string french_long_date(Date d) {
    static constexpr std::array<const char*, 7> weekdays{"dimanche", "lundi", "mardi", "mercredi",
                                                         "jeudi", "vendredi", "samedi"};
    static constexpr std::array<const char*, 12> months{"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                        "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    date::year_month_day ymd{d};
    date::weekday wd{date::sys_days{d}};
    unsigned day = static_cast<unsigned>(ymd.day());
    return fmt::format("{} {}{} {} {}", weekdays[wd.c_encoding()], day, day == 1 ? "er" : "",
                       months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()));
}

std::string_view french_half(Half h) { return h == Half::am ? "le matin" : "l'après-midi"; }

NotificationText notification_text(NotificationKind kind, std::string_view who, std::string_view what,
                                   std::string_view when, std::string_view detail) {
    std::string by = who.empty() ? std::string("Quelqu'un") : std::string(who);
    switch (kind) {
        case NotificationKind::waitlist_promoted:
            return {"Un poste vous est attribué",
                    fmt::format("Un poste s'est libéré : le poste {} vous est réservé le {}, depuis la liste d'attente.",
                                what, when)};
        case NotificationKind::booked_for_you:
            return {"Un poste a été réservé pour vous",
                    fmt::format("{} a réservé pour vous le poste {} le {}.", by, what, when)};
        case NotificationKind::cancelled_for_you:
            return {"Votre réservation a été annulée",
                    fmt::format("{} a annulé votre réservation du poste {} le {}.", by, what, when)};
        case NotificationKind::no_show_released:
            return {"Votre réservation a été libérée",
                    fmt::format("Votre réservation du poste {} le {} a été libérée : aucune arrivée n'a été signalée "
                                "avant {}. Le poste est de nouveau libre.",
                                what, when, detail)};
        case NotificationKind::space_cancelled_for_you:
            return {"Votre réservation d'espace a été annulée",
                    fmt::format("{} a annulé votre réservation de l'espace « {} » le {}.", by, what, when)};
    }
    return {"Escale", ""};
}

std::string notification_mail_body(std::string_view name, const NotificationText& text, std::string_view url) {
    return fmt::format("Bonjour {},\n\n{}\n\nPour voir vos réservations : {}\n\n-- \n"
                       "Escale, réservation des postes de travail partagés.\n"
                       "Ce message est envoyé automatiquement ; merci de ne pas y répondre.\n",
                       name, text.body, url);
}

std::string absolute_link(std::string_view public_url, std::string_view path) {
    while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
    return fmt::format("{}{}", public_url, path);
}

}  // namespace escale
