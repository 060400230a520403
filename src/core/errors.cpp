// SPDX-License-Identifier: EUPL-1.2
#include "core/errors.hpp"

#include <fmt/format.h>

namespace escale::errors {
namespace {
Error make(ErrorKind k, const char* code, std::string msg) { return Error{k, code, std::move(msg), {}}; }
// An error about one field of the request: the field named in its details too, so that a
// form puts the message beside it.
Error about(std::string_view field, Error e) {
    e.details.push_back(ErrorDetail{0, std::string(field), e.message});
    return e;
}
}  // namespace

Error invalid_json(std::string_view why) {
    return make(ErrorKind::invalid_input, "invalid_json",
                fmt::format("Le corps de la requête n'est pas du JSON valide ({}).", why));
}
Error invalid_field(std::string_view field, std::string_view expected) {
    return about(field, make(ErrorKind::invalid_input, "invalid_field",
                             fmt::format("Le champ « {} » doit être {}.", field, expected)));
}
Error missing_field(std::string_view field) {
    return about(field,
                 make(ErrorKind::invalid_input, "missing_field", fmt::format("Le champ « {} » est obligatoire.", field)));
}
Error invalid_date(std::string_view field) {
    return about(field, make(ErrorKind::invalid_input, "invalid_date",
                             fmt::format("Le champ « {} » doit être une date existante, au format AAAA-MM-JJ.", field)));
}
Error invalid_period() {
    return about("period", make(ErrorKind::invalid_input, "invalid_period",
                                "La période doit être « am » (matin), « pm » (après-midi) ou « day » (journée)."));
}
Error body_too_large(std::size_t limit) {
    return make(ErrorKind::too_large, "body_too_large",
                fmt::format("La requête dépasse la taille maximale autorisée ({} octets).", limit));
}
Error invalid_csv(std::string_view why) {
    return make(ErrorKind::invalid_input, "invalid_csv",
                fmt::format("Le fichier CSV n'est pas valide : {}.", why));
}

Error unknown_field(std::string_view field) {
    return about(field, make(ErrorKind::invalid_input, "unknown_field",
                             fmt::format("Le champ « {} » n'est pas attendu ici.", field)));
}
Error unauthenticated() {
    return make(ErrorKind::unauthenticated, "unauthenticated",
                "Vous devez vous connecter pour accéder à cette ressource.");
}
Error bad_credentials() {
    return make(ErrorKind::unauthenticated, "bad_credentials",
                "Adresse électronique ou mot de passe incorrect.");
}
Error too_many_attempts(std::chrono::seconds retry_after) {
    auto e = make(ErrorKind::throttled, "too_many_attempts",
                  fmt::format("Trop de tentatives de connexion : réessayez dans {} seconde{}.", retry_after.count(),
                              retry_after.count() > 1 ? "s" : ""));
    e.retry_after = retry_after;
    return e;
}
Error csrf_token_invalid() {
    return make(ErrorKind::forbidden, "csrf_token_invalid",
                "Requête refusée : l'en-tête X-CSRF-Token manque ou ne correspond pas à votre session.");
}
Error read_only_token() {
    return make(ErrorKind::forbidden, "read_only_token",
                "Ce jeton d'API ne permet que la lecture.");
}
Error session_expired() {
    return make(ErrorKind::unauthenticated, "session_expired",
                "Votre session a expiré : veuillez vous reconnecter.");
}
Error self_removal() {
    return make(ErrorKind::rule_violation, "self_removal",
                "Vous ne pouvez pas supprimer votre propre fiche : demandez-le à un gestionnaire ou un administrateur.");
}
Error forbidden() {
    return make(ErrorKind::forbidden, "forbidden",
                "Vos droits ne permettent pas cette action.");
}
Error site_needed_for_audit() {
    return make(ErrorKind::forbidden, "forbidden",
                "Précisez le site dont vous lisez le journal (paramètre site_id) : sans site, seul un "
                "administrateur lit le journal de tous les sites.");
}

Error wrong_current_password() {
    return make(ErrorKind::invalid_input, "wrong_current_password", "Le mot de passe actuel est incorrect.");
}
Error same_password() {
    return make(ErrorKind::invalid_input, "same_password", "Le nouveau mot de passe doit être différent de l'actuel.");
}
Error no_local_password(bool own) {
    return make(ErrorKind::rule_violation, "no_local_password",
                own ? "Votre compte n'a pas de mot de passe Escale : vous vous connectez par ProConnect, "
                      "où votre mot de passe se change."
                    : "Cette personne n'a pas de mot de passe Escale : elle se connecte par ProConnect, "
                      "où son mot de passe se change.");
}
Error own_password_reset() {
    return make(ErrorKind::rule_violation, "own_password_reset",
                "Votre propre mot de passe ne se réinitialise pas : changez-le en donnant l'actuel "
                "(POST /api/v1/me/password).");
}

Error not_found(Noun what) {
    return make(ErrorKind::not_found, "not_found", fmt::format("{} introuvable.", capitalized(what.text)));
}
Error already_exists(Noun what) {
    return make(ErrorKind::conflict, "already_exists",
                fmt::format("{} existe déjà.", capitalized(with_demonstrative(what))));
}
Error unknown_reference(Noun what, bool on_this_site) {
    return make(ErrorKind::rule_violation, "unknown_reference",
                fmt::format("{} {} n'existe pas{}.", capitalized(with_definite_article(what)),
                            agreed(what, "indiqué", "indiquée"), on_this_site ? " sur ce site" : ""));
}
Error unknown_reference() {
    return make(ErrorKind::rule_violation, "unknown_reference", "Un élément lié n'existe pas ou plus.");
}
Error zone_not_on_floor() {
    return make(ErrorKind::rule_violation, "unknown_reference", "Le quartier indiqué n'est pas sur ce niveau.");
}
Error in_use(Noun what) {
    return make(ErrorKind::conflict, "in_use",
                fmt::format("{} est encore {} par d'autres éléments et ne peut pas être {}.",
                            capitalized(with_demonstrative(what)), agreed(what, "utilisé", "utilisée"),
                            agreed(what, "supprimé", "supprimée")));
}

Error slot_taken() {
    return make(ErrorKind::conflict, "slot_taken",
                "Ce poste est déjà réservé sur ce créneau.");
}
Error already_booked_that_slot() {
    return make(ErrorKind::rule_violation, "already_booked_that_slot",
                "Vous avez déjà réservé un poste sur ce créneau.");
}
Error closed_day() {
    return make(ErrorKind::rule_violation, "closed_day",
                "Le site est fermé ce jour-là (week-end, jour férié ou fermeture).");
}
Error past_slot() {
    return make(ErrorKind::rule_violation, "past", "Ce créneau est déjà passé.");
}
Error beyond_horizon(int days) {
    return make(ErrorKind::rule_violation, "beyond_horizon",
                fmt::format("Il n'est pas possible de réserver plus de {} jour{} à l'avance.", days, days > 1 ? "s" : ""));
}
Error desk_inactive() {
    return make(ErrorKind::rule_violation, "desk_inactive",
                "Ce poste n'est pas ouvert à la réservation.");
}
Error booking_not_live() {
    return make(ErrorKind::conflict, "booking_not_live",
                "Cette réservation est déjà annulée ou terminée.");
}

Error database_unavailable() {
    return make(ErrorKind::unavailable, "database_unavailable",
                "La base de données est momentanément indisponible.");
}
Error transaction_conflict() {
    return make(ErrorKind::contention, "transaction_conflict",
                "Trop de demandes simultanées sur les mêmes données ; veuillez réessayer.");
}
Error internal(std::string_view cause) {
    auto e = make(ErrorKind::internal, "internal", "Une erreur interne est survenue ; elle a été journalisée.");
    e.cause = std::string(cause);
    return e;
}

Error no_feasible_plan() {
    return make(ErrorKind::rule_violation, "no_feasible_plan",
                "Aucun planning ne respecte ces règles : les jours autorisés et les services à réunir ou à "
                "séparer se contredisent.");
}

// lockers
Error locker_taken() {
    return make(ErrorKind::conflict, "locker_taken", "Ce casier est déjà attribué à quelqu'un.");
}
Error already_holds_locker(bool own) {
    return make(ErrorKind::conflict, "already_holds_locker",
                own ? "Vous avez déjà un casier : libérez-le avant d'en prendre un autre."
                    : "Cette personne a déjà un casier : libérez-le avant de lui en attribuer un autre.");
}
Error no_free_locker() {
    return make(ErrorKind::conflict, "no_free_locker", "Aucun casier n'est libre sur ce site.");
}
Error no_locker(bool own) {
    return make(ErrorKind::not_found, "no_locker", own ? "Vous n'avez pas de casier." : "Cette personne n'a pas de casier.");
}
Error locker_of_another_site() {
    return make(ErrorKind::rule_violation, "locker_of_another_site",
                "Ce casier est sur un autre site que celui de la personne.");
}

// web app (issue 11)
Error web_root_invalid(std::string_view folder, std::string_view why) {
    return make(ErrorKind::invalid_input, "web_root_invalid",
                fmt::format("Le dossier de l'application web « {} » ne peut pas être servi : {}.", folder, why));
}

// ---- check-in and no-show release (issue 10, item 3) ----
namespace {
// A booking state as a French past participle or adjective ("annulée"...).
std::string_view state_in_french(std::string_view state) {
    if (state == "reserved") return "réservée, sans arrivée signalée";
    if (state == "checked_in") return "confirmée (arrivée déjà signalée)";
    if (state == "no_show") return "libérée faute d'arrivée signalée";
    if (state == "cancelled") return "annulée";
    if (state == "released") return "libérée par son titulaire";
    return state;
}
std::string_view transition_in_french(std::string_view to) {
    if (to == "checked_in") return "d'y signaler votre arrivée";
    if (to == "no_show") return "de la déclarer non honorée";
    if (to == "cancelled") return "de l'annuler";
    if (to == "released") return "de la libérer";
    return to;
}
}  // namespace

Error check_in_disabled() {
    return make(ErrorKind::rule_violation, "check_in_disabled",
                "Le signalement d'arrivée n'est pas activé sur ce site : votre réservation reste valable sans pointage.");
}
Error check_in_not_now() {
    return make(ErrorKind::rule_violation, "check_in_not_now",
                "Vous ne pouvez signaler votre arrivée que pendant le créneau réservé (le matin ou l'après-midi même, "
                "aux heures d'ouverture du site).");
}
Error booking_released(std::string_view hh_mm) {
    return make(ErrorKind::rule_violation, "booking_released",
                fmt::format("Trop tard pour signaler votre arrivée : faute de confirmation avant {}, la réservation de "
                            "ce créneau a été libérée. Si le poste est encore libre, vous pouvez le réserver à nouveau.",
                            hh_mm));
}
Error invalid_transition(std::string_view from, std::string_view to) {
    return make(ErrorKind::conflict, "invalid_transition",
                fmt::format("Cette réservation est {} : impossible {}.", state_in_french(from),
                            transition_in_french(to)));
}

// ---- collective space bookings ----

Error range_taken(std::string_view from_clock, std::string_view to_clock, std::string start, std::string end) {
    auto e = make(ErrorKind::conflict, "range_taken",
                  fmt::format("Cet espace collectif est déjà réservé de {} à {}.", from_clock, to_clock));
    e.range = ErrorRange{std::move(start), std::move(end)};
    return e;
}
Error range_just_taken() {
    return make(ErrorKind::contention, "range_taken",
                "Cet espace collectif vient d'être réservé sur une partie de ce créneau ; veuillez réessayer.");
}
Error invalid_range() {
    return make(ErrorKind::invalid_input, "invalid_range", "La fin du créneau (« end ») doit suivre son début (« start »).");
}
Error off_grid(int grid_minutes) {
    return make(ErrorKind::invalid_input, "off_grid",
                fmt::format("Le début et la fin du créneau doivent tomber sur un quart d'heure (par pas de {} minutes).",
                            grid_minutes));
}
Error outside_opening_hours(std::string_view opens_clock, std::string_view closes_clock) {
    return make(ErrorKind::rule_violation, "outside_opening_hours",
                fmt::format("Le créneau doit tenir dans les horaires d'ouverture du site, de {} à {}.", opens_clock,
                            closes_clock));
}
Error wrong_offset(std::string_view field, std::string_view expected_offset) {
    return about(field, make(ErrorKind::invalid_input, "wrong_offset",
                             fmt::format("Le décalage horaire de « {} » n'est pas celui du site à cette date ({}).",
                                         field, expected_offset)));
}
Error too_many_attendees(int capacity) {
    return make(ErrorKind::rule_violation, "too_many_attendees",
                fmt::format("Cet espace collectif accueille au plus {} personne{}.", capacity, capacity > 1 ? "s" : ""));
}
Error too_many_occurrences(int max) {
    return make(ErrorKind::invalid_input, "too_many_occurrences",
                fmt::format("Une récurrence compte au plus {} occurrences : rapprochez la date de fin.", max));
}
Error occurrences_refused(int refused, int total) {
    return make(ErrorKind::conflict, "occurrences_refused",
                fmt::format("{} occurrence{} sur {} ne peu{} pas être réservée{} : aucune n'a été réservée.", refused,
                            refused > 1 ? "s" : "", total, refused > 1 ? "vent" : "t", refused > 1 ? "s" : ""));
}

// presence planning (issue 10, item 6)
Error presence_contradicts_booking(bool own, int bookings) {
    return make(ErrorKind::conflict, "presence_contradicts_booking",
                fmt::format("{} {} sur {} : annulez-{} d'abord, ou confirmez la déclaration en demandant "
                            "l'annulation de {} (« cancel_bookings »).",
                            own ? "Vous avez" : "Cette personne a",
                            bookings > 1 ? "des réservations de poste" : "une réservation de poste",
                            bookings > 1 ? "ces demi-journées" : "cette demi-journée", bookings > 1 ? "les" : "la",
                            bookings > 1 ? "ces réservations" : "cette réservation"));
}
Error presence_day_past() {
    return make(ErrorKind::rule_violation, "presence_day_past",
                "La présence d'un jour passé ne se déclare plus.");
}
Error presence_day_too_far(int days) {
    return make(ErrorKind::rule_violation, "presence_day_too_far",
                fmt::format("La présence se déclare au plus {} jours à l'avance.", days));
}

// fair-booking rules and waitlist (issue 10, items 4 and 5)
namespace {
// "lundi 7 décembre 2026"
std::string french_monday(Date monday) {
    static const char* const months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                         "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    return fmt::format("lundi {} {} {}", static_cast<unsigned>(monday.day()),
                       months[(static_cast<unsigned>(monday.month()) + 11) % 12], static_cast<int>(monday.year()));
}
}  // namespace
Error adapted_desk_reserved() {
    return make(ErrorKind::rule_violation, "adapted_desk_reserved",
                "Règle des postes adaptés : ce poste adapté (PMR) est réservé aux personnes qui en ont besoin.");
}
Error quartier_reserved(std::string_view zone_name, std::string_view service_name, int hours) {
    return make(ErrorKind::rule_violation, "quartier_reserved",
                fmt::format("Règle de priorité des quartiers : le quartier « {} » est réservé {} jusqu'à {} h avant "
                            "le créneau ; il sera ouvert à tous ensuite.",
                            zone_name,
                            service_name.empty() ? std::string("aux agents de son service")
                                                 : fmt::format("aux agents du service {}", service_name),
                            hours));
}
Error weekly_quota_reached(int quota, int held, Date monday, bool own) {
    return make(ErrorKind::rule_violation, "weekly_quota_reached",
                fmt::format("Règle du quota hebdomadaire : au plus {} demi-journée{} par semaine sur ce site ; {} "
                            "déjà {} demi-journée{} la semaine du {}.",
                            quota, quota > 1 ? "s" : "", own ? "vous avez" : "cette personne a", held,
                            held > 1 ? "s" : "", french_monday(monday)));
}
Error desks_still_free(int free) {
    return make(ErrorKind::conflict, "desks_still_free",
                fmt::format("{} poste{} libre{} à réserver sur ce créneau : réservez-le directement, la liste d'attente "
                            "sert quand tout est pris.",
                            free == 1 ? "Il reste un" : fmt::format("Il reste {}", free), free > 1 ? "s" : "",
                            free > 1 ? "s" : ""));
}
Error already_waiting() {
    return make(ErrorKind::conflict, "already_waiting",
                "Vous êtes déjà inscrit sur la liste d'attente de ce créneau.");
}
Error waitlist_scope() {
    return make(ErrorKind::invalid_input, "waitlist_scope",
                "Indiquez exactement un des champs « site_id », « floor_id » ou « zone_id ».");
}

// notifications (issue 10, item 7)
Error mail_relay_unavailable(std::string_view detail) {
    return make(ErrorKind::unavailable, "mail_relay_unavailable",
                fmt::format("Le relais de messagerie est injoignable ({}) : le courriel partira plus tard.", detail));
}
Error mail_refused(std::string_view detail) {
    return make(ErrorKind::rule_violation, "mail_refused",
                fmt::format("Le relais de messagerie a refusé le courriel ({}).", detail));
}

// live updates (issue 11)
Error too_many_streams() {
    return make(ErrorKind::unavailable, "too_many_streams",
                "Trop de plans sont ouverts sur ce serveur : les mises à jour en direct reprendront dans un instant.");
}

// hardening (issue 14)
Error server_busy(std::chrono::seconds retry_after) {
    auto e = make(ErrorKind::unavailable, "server_busy",
                  "Le serveur traite déjà beaucoup de connexions : réessayez dans un instant.");
    e.retry_after = retry_after;
    return e;
}

// planning engine (issue 12)
Error planning_busy() {
    auto e = make(ErrorKind::unavailable, "planning_busy",
                  "Le serveur calcule déjà autant de scénarios qu'il le peut : relancez le calcul dans un instant.");
    e.retry_after = std::chrono::seconds{5};
    return e;
}
Error planning_job_unfinished() {
    return make(ErrorKind::conflict, "planning_job_unfinished",
                "Ce calcul n'est pas terminé (ou a échoué) : enregistrez le scénario une fois son résultat obtenu.");
}
Error planning_job_not_a_scenario() {
    return make(ErrorKind::rule_violation, "planning_job_not_a_scenario",
                "Seul le calcul d'un scénario peut être enregistré comme scénario.");
}

// hardening (issue 14, finding 9): HTTP conformance
Error missing_host() {
    return make(ErrorKind::invalid_input, "missing_host", "Une requête HTTP/1.1 doit porter un et un seul en-tête Host.");
}
Error duplicate_key(std::string_view key) {
    if (key.size() > 64) {  // cut on a character boundary
        std::size_t n = 64;
        while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
        key = key.substr(0, n);
    }
    return make(ErrorKind::invalid_input, "duplicate_key",
                fmt::format("Le corps JSON nomme deux fois le champ « {} » dans un même objet.", key));
}
Error json_content_type_required() {
    return invalid_field("Content-Type", "application/json");
}
Error invalid_cursor() {
    return invalid_field("cursor", "un curseur donné par la page précédente (en-tête Link)");
}

// surveys and remontées (issue 13, items 5 and 6)
namespace {
// "3 mars 2026"
std::string french_day(Date d) {
    static const char* const months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                         "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    return fmt::format("{} {} {}", static_cast<unsigned>(d.day()), months[(static_cast<unsigned>(d.month()) + 11) % 12],
                       static_cast<int>(d.year()));
}
}  // namespace
Error answer_missing(int position) {
    return make(ErrorKind::invalid_input, "answer_missing",
                fmt::format("La question {} demande une réponse.", position));
}
Error no_answer() {
    return make(ErrorKind::invalid_input, "no_answer", "Répondez à au moins une question avant d'envoyer.");
}
Error survey_not_open(Date opens, Date closes) {
    return make(ErrorKind::rule_violation, "survey_not_open",
                fmt::format("Cette enquête n'est pas ouverte : elle reçoit les réponses du {} au {}.",
                            french_day(opens), french_day(closes)));
}
Error already_answered() {
    return make(ErrorKind::conflict, "already_answered",
                "Vous avez déjà répondu à cette enquête : on n'y répond qu'une fois.");
}
Error survey_not_for_you() {
    return make(ErrorKind::forbidden, "survey_not_for_you", "Cette enquête s'adresse à d'autres services que le vôtre.");
}
Error surveys_not_comparable() {
    return make(ErrorKind::rule_violation, "surveys_not_comparable",
                "Ces deux enquêtes ne posent pas les mêmes questions : elles ne peuvent pas être comparées.");
}
Error unknown_survey_template(std::string_view key) {
    return make(ErrorKind::invalid_input, "unknown_survey_template",
                fmt::format("Aucun questionnaire prêt à l'emploi ne s'appelle « {} ».", key));
}
Error already_supported() {
    return make(ErrorKind::conflict, "already_supported", "Vous soutenez déjà cette remontée.");
}

}  // namespace escale::errors
