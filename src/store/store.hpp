// SPDX-License-Identifier: EUPL-1.2
// The persistence boundary. A Store hands out transactions; everything above it (app,
// http, cli) speaks only these types, so the SQLite and PostgreSQL implementations sit side
// by side without touching the rest. No SQL dialect leaks through this header.
//
// A Transaction opens onto one room per capability (referential, desk bookings, identity,
// audit, jobs), each an interface in its own header, so a use case's test fakes only the
// rooms it uses.
//
// A Store is safe for concurrent use from many threads. A Transaction, and every room it
// opens onto, belongs to the one thread that began it; destroying it without commit() rolls
// it back. Every call returns an Error (never throws): kind unavailable/internal for
// database failures, conflict/rule_violation for constraint violations, as documented per
// call. After a call has failed, the transaction is fit only to be rolled back (PostgreSQL
// aborts it).
#pragma once

#include <memory>

#include "core/error.hpp"
#include "store/audit_store.hpp"
#include "store/calendar_feed_store.hpp"
#include "store/desk_booking_store.hpp"
#include "store/identity_store.hpp"
#include "store/job_store.hpp"
#include "store/referential_store.hpp"
// lockers
#include "store/locker_assignment_store.hpp"
// collective spaces
#include "store/space_booking_store.hpp"
// presence planning
#include "store/presence_store.hpp"
// waitlist (issue 10, item 5)
#include "store/waitlist_store.hpp"
// occupancy analytics (issue 13, item 1)
#include "store/analytics_store.hpp"
// notifications
#include "store/notification_store.hpp"
// planning engine (issue 12)
#include "store/planning_store.hpp"
// surveys and remontées (issue 13, items 5 and 6)
#include "store/remontee_store.hpp"
#include "store/survey_store.hpp"

namespace escale {

enum class TxMode {
    read,   // a consistent snapshot; no writes
    write,  // serialised with other writers from the start (no upgrade deadlocks)
};

class Transaction {
public:
    virtual ~Transaction() = default;
    virtual Result<void> commit() = 0;

    virtual ReferentialStore& referential() = 0;
    virtual DeskBookingStore& bookings() = 0;
    virtual IdentityStore& identity() = 0;
    virtual AuditStore& audit() = 0;
    virtual JobStore& jobs() = 0;

    // lockers
    virtual LockerAssignmentStore& lockers() = 0;
    // collective spaces
    virtual SpaceBookingStore& space_bookings() = 0;
    // calendar feeds (issue 13, item 4)
    virtual CalendarFeedStore& calendar_feeds() = 0;
    // presence planning
    virtual PresenceStore& presence() = 0;
    // waitlist (issue 10, item 5)
    virtual WaitlistStore& waitlist() = 0;
    // notifications (issue 10, item 7)
    virtual NotificationStore& notifications() = 0;
    // planning engine (issue 12): measured presence, saved scenarios
    virtual PlanningStore& planning() = 0;
    // occupancy analytics (issue 13, item 1)
    virtual AnalyticsStore& analytics() = 0;
    // surveys and remontées (issue 13, items 5 and 6)
    virtual SurveyStore& surveys() = 0;
    virtual RemonteeStore& remontees() = 0;
};

class Store {
public:
    virtual ~Store() = default;
    virtual Result<std::unique_ptr<Transaction>> begin(TxMode mode) = 0;
    // Cheap round trip to the database, for readiness probes.
    virtual Result<void> ping() = 0;
};

}  // namespace escale
