// SPDX-License-Identifier: EUPL-1.2
#include "app/personal_data.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include "app/audit.hpp"
#include "app/site_calendar.hpp"
#include "app/surveys.hpp"  // surveys (issue 13, item 5)
#include "app/transaction.hpp"
#include "core/entity_label.hpp"
#include "core/errors.hpp"
#include "core/validation.hpp"

namespace escale::app {

Result<PersonalData> export_personal_data(Context ctx, const Actor& actor) {
    if (actor.is_system) return fail(errors::forbidden());
    ResidentId me = actor.resident.id;
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<PersonalData> {
        PersonalData d;
        d.exported_at = ctx.clock.now();
        ESCALE_TRY(auto resident, tx.referential().find(Of<Resident>{}, me));
        if (!resident) return fail(errors::not_found(entity_label<Resident>()));
        d.resident = *resident;
        ESCALE_TRY(auto grants, tx.referential().role_grants_of(me));
        d.roles = roles_held(d.resident, grants);
        ESCALE_TRY(d.bookings, tx.bookings().all_of(me));
        ESCALE_TRY(d.locker_assignments, tx.lockers().all_of(me));
        ESCALE_TRY(d.sessions, tx.identity().sessions_of(me));
        for (auto& s : d.sessions) s.token_hash.clear();
        ESCALE_TRY(d.api_tokens, tx.identity().api_tokens_of(me));
        AuditQuery about_me;
        about_me.person = me;
        about_me.limit = 100'000;
        ESCALE_TRY(d.audit_events, tx.audit().events(about_me));
        ESCALE_TRY(d.space_bookings, tx.space_bookings().all_of(me));  // collective spaces
        // presence planning
        ESCALE_TRY(d.presence_declarations, tx.presence().all_declarations_of(me));
        ESCALE_TRY(d.presence_pattern, tx.presence().pattern_of(me));
        ESCALE_TRY(d.visible_to_colleagues, tx.presence().visible_to_colleagues(me));
        ESCALE_TRY(d.waitlist_entries, tx.waitlist().of(me, std::nullopt));  // waitlist (issue 10, item 5)
        ESCALE_TRY(d.notifications, tx.notifications().all_of(me));  // notifications
        ESCALE_TRY(d.mails, tx.notifications().mails_of(me));
        // surveys and remontées (issue 13, items 5 and 6)
        ESCALE_TRY(auto taken, tx.surveys().participations_of(me));
        for (SurveyId id : taken) {
            ESCALE_TRY(auto s, tx.surveys().find(id));
            if (s) d.surveys_taken.push_back(std::move(*s));
        }
        ESCALE_TRY(d.remontees, tx.remontees().signed_by(me));
        ESCALE_TRY(d.remontee_supports, tx.remontees().supported_by(me));
        ESCALE_TRY_VOID(record(tx, ctx, actor,
                               AuditEvent{0, {}, d.resident.site_id, {}, {}, "export", "personal_data", me,
                                          fmt::format("{} réservation(s), {} réservation(s) d'espace, {} événement(s)",
                                                      d.bookings.size(), d.space_bookings.size(),
                                                      d.audit_events.size())}));
        return d;
    });
}

Result<int> forget_resident(Transaction& tx, const Resident& r, Date today, Instant now) {
    // From tomorrow on: today's figures stay as they were.
    Date tomorrow{date::sys_days{today} + date::days{1}}, far{date::sys_days{today} + date::days{3660}};
    ESCALE_TRY(auto live, tx.bookings().live_of(r.id, tomorrow, far));
    for (auto& b : live) ESCALE_TRY_VOID(tx.bookings().set_state(b.id, BookingState::cancelled, now));
    ESCALE_TRY(int anonymised, tx.bookings().anonymize_of(r.id));
    // lockers: their live one was freed by the caller (free_locker_of); the history forgets them.
    ESCALE_TRY(auto still_held, tx.lockers().live_of_resident(r.id));
    if (still_held) return fail(errors::internal("forgetting a resident who still holds a locker"));
    ESCALE_TRY_VOID(tx.lockers().anonymize_of(r.id));
    // collective spaces: the ranges not yet begun are freed; the others forget who held them.
    ESCALE_TRY(auto spaces, tx.space_bookings().live_of(r.id, now, Instant::max()));
    for (auto& b : spaces)
        if (b.start > now) ESCALE_TRY_VOID(tx.space_bookings().set_state(b.id, BookingState::cancelled, now));
    ESCALE_TRY(int space_anonymised, tx.space_bookings().anonymize_of(r.id));
    anonymised += space_anonymised;
    // presence planning: their declarations, pattern and setting go (nothing is kept of them).
    ESCALE_TRY_VOID(tx.presence().forget(r.id));
    // planning engine (issue 12): the scenarios they saved stay, without their name.
    ESCALE_TRY_VOID(tx.planning().forget_author(r.id));
    // waitlist (issue 10, item 5): the entries go.
    ESCALE_TRY_VOID(tx.waitlist().delete_of(r.id));
    ESCALE_TRY_VOID(tx.notifications().delete_of(r.id));  // notifications: nothing kept
    // surveys and remontées (issue 13, items 5 and 6): participations go (answers were never
    // theirs to find); signed remontées stay, anonymous, and supports go.
    ESCALE_TRY_VOID(tx.surveys().forget_participations_of(r.id));
    ESCALE_TRY_VOID(tx.remontees().forget(r.id));
    ESCALE_TRY_VOID(tx.identity().delete_access_of(r.id));
    ESCALE_TRY_VOID(tx.calendar_feeds().remove(r.id));  // calendar feeds (issue 13, item 4)
    ESCALE_TRY_VOID(tx.identity().delete_login_throttles_of_account("compte:" + normalize_email(r.email)));
    return anonymised;
}

Date retention_cutoff(Date today, int months) {
    date::year_month_day d{today};
    auto ym = date::year_month{d.year(), d.month()} - date::months{months};
    auto candidate = ym / d.day();
    if (!candidate.ok()) candidate = ym / date::last;
    return Date{date::sys_days{candidate}};
}

Result<int> apply_retention(Context ctx) {
    auto system = Actor::system();
    return in_transaction(ctx, TxMode::write, [&](Transaction& tx) -> Result<int> {
        int total = 0;
        ESCALE_TRY(auto sites, tx.referential().list(Of<Site>{}, std::nullopt));
        for (auto& site : sites) {
            ESCALE_TRY(auto cal, load_site_calendar(tx, site));
            Date cutoff = retention_cutoff(cal.today(ctx.clock.now()), site.retention_months);
            ESCALE_TRY(int n, tx.bookings().anonymize_before(site.id, cutoff));
            // The log follows the same period: its lines name people next to bookings.
            ESCALE_TRY(int lines, tx.audit().delete_before(site.id, cal.at_local(cutoff, 0)));
            // lockers: assignments released before the cutoff forget their people too.
            ESCALE_TRY(int lockers, tx.lockers().anonymize_released_before(site.id, cal.at_local(cutoff, 0)));
            if (lockers > 0) {
                ESCALE_TRY_VOID(record(tx, ctx, system,
                                       AuditEvent{0, {}, site.id, {}, {}, "retention", "locker_assignments", {},
                                                  fmt::format("{} attribution(s) de casier anonymisée(s), rendues avant "
                                                              "le {} ({} mois)",
                                                              lockers, format_date(cutoff), site.retention_months)}));
            }
            // waitlist (issue 10, item 5): entries for dates past the period are deleted.
            ESCALE_TRY_VOID(tx.waitlist().delete_before(site.id, cutoff));
            // collective spaces: the same period, counted from the end of each range.
            ESCALE_TRY(int spaces, tx.space_bookings().anonymize_before(site.id, cal.at_local(cutoff, 0)));
            if (spaces > 0) {
                ESCALE_TRY_VOID(record(tx, ctx, system,
                                       AuditEvent{0, {}, site.id, {}, {}, "retention", "space_bookings", {},
                                                  fmt::format("{} réservation(s) d'espace anonymisée(s), antérieures "
                                                              "au {} ({} mois)",
                                                              spaces, format_date(cutoff), site.retention_months)}));
            }
            total += spaces;
            // presence planning: declarations older than the cutoff are deleted.
            ESCALE_TRY(int presence, tx.presence().delete_declarations_before(site.id, cutoff));
            if (presence > 0) {
                ESCALE_TRY_VOID(record(tx, ctx, system,
                                       AuditEvent{0, {}, site.id, {}, {}, "retention", "presence_declarations", {},
                                                  fmt::format("{} déclaration(s) de présence effacée(s), antérieures "
                                                              "au {} ({} mois)",
                                                              presence, format_date(cutoff), site.retention_months)}));
}

            // notifications: the same period; their mails too.
            ESCALE_TRY(int notes, tx.notifications().delete_before(site.id, cal.at_local(cutoff, 0)));
            if (notes > 0) {
                ESCALE_TRY_VOID(record(tx, ctx, system,
                                       AuditEvent{0, {}, site.id, {}, {}, "retention", "notifications", {},
                                                  fmt::format("{} notification(s) effacée(s), antérieures au {} ({} mois)",
                                                              notes, format_date(cutoff), site.retention_months)}));
            }
            // surveys and remontées (issue 13, items 5 and 6): closed surveys' ballot boxes
            // are emptied into their answers; who took part in surveys closed before the
            // cutoff is forgotten, and remontées posted before it lose their author.
            ESCALE_TRY_VOID(empty_closed_ballot_boxes(tx, site.id, cal.today(ctx.clock.now())));
            ESCALE_TRY(int taken, tx.surveys().forget_participations_before(site.id, cutoff));
            ESCALE_TRY(int voiced, tx.remontees().forget_authors_before(site.id, cal.at_local(cutoff, 0)));
            ESCALE_TRY(int supports, tx.remontees().forget_supports_before(site.id, cal.at_local(cutoff, 0)));
            if (taken + voiced + supports > 0) {
                ESCALE_TRY_VOID(record(tx, ctx, system,
                                       AuditEvent{0, {}, site.id, {}, {}, "retention", "surveys", {},
                                                  fmt::format("{} participation(s) à des enquêtes closes, {} "
                                                              "auteur(s) de remontées et {} soutien(s) oublié(s), "
                                                              "antérieurs au {} ({} mois)",
                                                              taken, voiced, supports, format_date(cutoff),
                                                              site.retention_months)}));
            }
            if (n == 0 && lines == 0) continue;
            total += n;
            ESCALE_TRY_VOID(record(tx, ctx, system,
                                   AuditEvent{0, {}, site.id, {}, {}, "retention", "desk_bookings", {},
                                              fmt::format("{} réservation(s) anonymisée(s) et {} ligne(s) du journal "
                                                          "effacée(s), antérieures au {} ({} mois)",
                                                          n, lines, format_date(cutoff), site.retention_months)}));
        }
        // Lines of no site (API tokens) keep the default period.
        auto utc_today = Date{std::chrono::floor<date::days>(ctx.clock.now())};
        auto cutoff = retention_cutoff(utc_today, Site{}.retention_months);
        ESCALE_TRY(int lines, tx.audit().delete_before(std::nullopt, Instant{date::sys_days{cutoff}}));
        if (lines > 0) {
            ESCALE_TRY_VOID(record(tx, ctx, system,
                                   AuditEvent{0, {}, {}, {}, {}, "retention", "audit_events", {},
                                              fmt::format("{} ligne(s) sans site antérieures au {} effacée(s)", lines,
                                                          format_date(cutoff))}));
        }
        return total;
    });
}

}  // namespace escale::app
