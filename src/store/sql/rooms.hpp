// SPDX-License-Identifier: EUPL-1.2
// The SQL implementation of each room of a Transaction, over one Connection: one source
// file per capability in store/sql/. A new capability adds its room here, its interface in
// store/, and its statements in its own file. Store-internal.
#pragma once

#include <memory>

#include "store/store.hpp"
#include "store/sql/connection.hpp"

namespace escale::sql {

std::unique_ptr<ReferentialStore> referential_room(Connection& c);
std::unique_ptr<DeskBookingStore> desk_booking_room(Connection& c);
std::unique_ptr<IdentityStore> identity_room(Connection& c);
std::unique_ptr<AuditStore> audit_room(Connection& c);
std::unique_ptr<JobStore> job_room(Connection& c);
// lockers
std::unique_ptr<LockerAssignmentStore> locker_assignment_room(Connection& c);
// collective spaces
std::unique_ptr<SpaceBookingStore> space_booking_room(Connection& c);
// calendar feeds
std::unique_ptr<CalendarFeedStore> calendar_feed_room(Connection& c);
// presence planning
std::unique_ptr<PresenceStore> presence_room(Connection& c);
// waitlist (issue 10, item 5)
std::unique_ptr<WaitlistStore> waitlist_room(Connection& c);
// notifications
std::unique_ptr<NotificationStore> notification_room(Connection& c);
// planning engine (issue 12)
std::unique_ptr<PlanningStore> planning_room(Connection& c);
// occupancy analytics (issue 13, item 1)
std::unique_ptr<AnalyticsStore> analytics_room(Connection& c);
// surveys and remontées (issue 13, items 5 and 6)
std::unique_ptr<SurveyStore> survey_room(Connection& c);
std::unique_ptr<RemonteeStore> remontee_room(Connection& c);

// A Transaction whose rooms run their SQL over one Connection, each room made on first
// use. A driver derives from it and adds commit and rollback.
class SqlTransaction : public Transaction {
public:
    explicit SqlTransaction(Connection& c) : connection_(c) {}

    ReferentialStore& referential() final { return room(referential_, referential_room); }
    DeskBookingStore& bookings() final { return room(bookings_, desk_booking_room); }
    IdentityStore& identity() final { return room(identity_, identity_room); }
    AuditStore& audit() final { return room(audit_, audit_room); }
    JobStore& jobs() final { return room(jobs_, job_room); }
    // lockers
    LockerAssignmentStore& lockers() final { return room(lockers_, locker_assignment_room); }
    // collective spaces
    SpaceBookingStore& space_bookings() final { return room(space_bookings_, space_booking_room); }
    // calendar feeds
    CalendarFeedStore& calendar_feeds() final { return room(calendar_feeds_, calendar_feed_room); }
    // presence planning
    PresenceStore& presence() final { return room(presence_, presence_room); }
    // waitlist (issue 10, item 5)
    WaitlistStore& waitlist() final { return room(waitlist_, waitlist_room); }
    // notifications
    NotificationStore& notifications() final { return room(notifications_, notification_room); }
    // planning engine (issue 12)
    PlanningStore& planning() final { return room(planning_, planning_room); }
    // occupancy analytics (issue 13, item 1)
    AnalyticsStore& analytics() final { return room(analytics_, analytics_room); }
    // surveys and remontées (issue 13, items 5 and 6)
    SurveyStore& surveys() final { return room(surveys_, survey_room); }
    RemonteeStore& remontees() final { return room(remontees_, remontee_room); }

    // The connection under the rooms, for the drivers' own tests.
    Connection& connection() { return connection_; }

private:
    template <class R>
    R& room(std::unique_ptr<R>& slot, std::unique_ptr<R> (*make)(Connection&)) {
        if (!slot) slot = make(connection_);
        return *slot;
    }

    Connection& connection_;
    std::unique_ptr<ReferentialStore> referential_;
    std::unique_ptr<DeskBookingStore> bookings_;
    std::unique_ptr<IdentityStore> identity_;
    std::unique_ptr<AuditStore> audit_;
    std::unique_ptr<JobStore> jobs_;
    // lockers
    std::unique_ptr<LockerAssignmentStore> lockers_;
    // collective spaces
    std::unique_ptr<SpaceBookingStore> space_bookings_;
    // calendar feeds
    std::unique_ptr<CalendarFeedStore> calendar_feeds_;
    // presence planning
    std::unique_ptr<PresenceStore> presence_;
    // waitlist (issue 10, item 5)
    std::unique_ptr<WaitlistStore> waitlist_;
    // notifications
    std::unique_ptr<NotificationStore> notifications_;
    // planning engine (issue 12)
    std::unique_ptr<PlanningStore> planning_;
    // occupancy analytics (issue 13, item 1)
    std::unique_ptr<AnalyticsStore> analytics_;
    // surveys and remontées (issue 13, items 5 and 6)
    std::unique_ptr<SurveyStore> surveys_;
    std::unique_ptr<RemonteeStore> remontees_;
};

}  // namespace escale::sql
