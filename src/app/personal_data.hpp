// SPDX-License-Identifier: EUPL-1.2
// RGPD use cases: what Escale holds about a person, handed to them; forgetting a person
// while keeping the statistics right; and the retention policy that detaches old bookings
// from the people who made them. docs/donnees-personnelles.md is the inventory a DPO needs.
#pragma once

#include <vector>

#include "app/context.hpp"
#include "core/audit_event.hpp"
#include "core/locker_assignment.hpp"
#include "core/notification.hpp"
#include "core/error.hpp"
#include "core/presence.hpp"  // presence planning
#include "core/remontee.hpp"  // remontées (issue 13, item 6)
#include "core/survey.hpp"    // surveys (issue 13, item 5)

namespace escale::app {

// Everything stored about one resident, as a resident may download it.
struct PersonalData {
    Instant exported_at;
    Resident resident;
    std::vector<RoleGrant> roles;          // every role held, own and granted
    std::vector<DeskBooking> bookings;     // every state, every date still attached to them
    std::vector<Session> sessions;         // without the token hashes
    std::vector<ApiToken> api_tokens;      // without the token hashes
    std::vector<AuditEvent> audit_events;  // done by them or for them
    // lockers
    std::vector<LockerAssignment> locker_assignments;  // live and released, oldest first
    // collective spaces
    std::vector<SpaceBooking> space_bookings;  // held or made by them, every state
    // presence planning
    std::vector<PresenceDeclaration> presence_declarations;  // their declared half-days
    std::vector<PatternCell> presence_pattern;               // their weekly pattern
    bool visible_to_colleagues = false;
    // waitlist (issue 10, item 5)
    std::vector<WaitlistEntry> waitlist_entries;  // every state, by date
    // notifications (issue 10, item 7)
    std::vector<Notification> notifications;  // oldest first
    std::vector<OutboxMail> mails;            // the emails that carried them, sent or waiting
    // surveys and remontées (issue 13, items 5 and 6)
    std::vector<Survey> surveys_taken;          // the surveys they answered; never their answers (not linked to them)
    std::vector<Remontee> remontees;            // signed by them (anonymous ones keep no author)
    std::vector<RemonteeId> remontee_supports;  // the remontées they support
};
// The actor's own data; the download is itself recorded in the audit log.
Result<PersonalData> export_personal_data(Context ctx, const Actor& actor);

// Within a write transaction, before resident r's row is replaced by an anonymous one:
// cancels their live bookings after `today`, detaches their history (anonymised bookings keep counting in
// statistics; locker assignments forget them), and deletes what lets them log in or act. Their
// locker must have been freed first (app/locker_assignment.hpp free_locker_of). Returns how many bookings were
// anonymised.
Result<int> forget_resident(Transaction& tx, const Resident& r, Date today, Instant now);

// The periodic job: on every site, anonymises the bookings older than the site's
// retention period (default 13 months) and deletes the audit log's lines as old (lines of
// no site: after the default period), recording what it did. Returns the number of bookings
// anonymised.
Result<int> apply_retention(Context ctx);

// The first day kept by a retention of `months` months on `today`: the same day `months`
// months earlier (or that month's last day when it has no such day).
Date retention_cutoff(Date today, int months);

}  // namespace escale::app
