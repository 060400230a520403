// SPDX-License-Identifier: EUPL-1.2
// A Store in memory for use-case tests: the referential, desk bookings, the audit log and
// the part of identity that local accounts use (passwords, sessions, login throttles, API
// tokens) and locker assignments as plain values, with real transactions (a transaction works on a copy, commit
// publishes it, destruction without commit drops it) and the database's invariants on live
// bookings (one per desk slot, one per resident and slot) and on live locker assignments. Jobs and OpenID Connect logins
// are not faked: a use case that reaches them fails the test. Surveys and remontées are
// faked with the database's rules (one participation, one support per resident). Not thread-safe; for
// single-threaded tests only. The rooms themselves are in fake_store.cpp, compiled once.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "store/store.hpp"

namespace escale::fake {

// Everything the fake store holds.
struct State {
#define ESCALE_FAKE_TABLE(T) std::map<Id, T>,
    std::tuple<ESCALE_REFERENTIAL_ENTITIES(ESCALE_FAKE_TABLE) int> tables;
#undef ESCALE_FAKE_TABLE
    std::int64_t referential_version = 0;
    std::vector<DeskBooking> bookings;  // by id, from 1
    std::vector<AuditEvent> audit;
    std::map<ResidentId, std::string> password_hashes;
    std::vector<Session> sessions;  // oldest first
    std::map<std::string, LoginThrottle> login_throttles;
    std::vector<ApiToken> api_tokens;
    // lockers
    std::vector<LockerAssignment> locker_assignments;  // by id, from 1
    Id next_id = 1;
    // collective spaces
    std::vector<SpaceBooking> space_bookings;  // by id, from 1
    // calendar feeds
    std::map<ResidentId, CalendarFeed> calendar_feeds;
    std::map<SpaceId, SpaceCalendarFeed> space_calendar_feeds;
    // waitlist (issue 10, item 5)
    std::vector<WaitlistEntry> waitlist;  // by id, from 1
    // notifications
    std::vector<Notification> notifications;  // by id, from 1
    std::vector<OutboxMail> mails;            // by id, from 1
    std::map<OutboxMailId, std::pair<std::string, Instant>> mail_claims;  // claimer, lease end
    // planning engine (issue 12)
    std::vector<SavedScenario> scenarios;  // by id, from 1; deleted ones have id 0
    // occupancy analytics (issue 13, item 1): refused desk bookings noted
    int refusals = 0;
    // surveys (issue 13, item 5): the tables as the database holds them
    std::vector<Survey> surveys;  // by id, from 1; deleted ones have id 0
    std::set<std::pair<SurveyId, ResidentId>> participations;
    std::map<SurveyId, std::vector<BoxedAnswer>> ballot_boxes;
    std::map<SurveyId, std::vector<AnswerRow>> kept_answers;
    Id next_ballot = 1;
    // remontées (issue 13, item 6)
    std::vector<Remontee> remontees;  // by id, from 1; deleted ones have id 0
    std::set<std::pair<RemonteeId, ResidentId>> supports;
    std::map<RemonteeId, int> forgotten_supports;

    template <class T>
    std::map<Id, T>& table() {
        return std::get<std::map<Id, T>>(tables);
    }
};

// The room of a fake transaction that a test did not fake: reaching it fails the test.
template <class R>
R& unfaked(const char* room) {
    ADD_FAILURE() << "the use case reached the store's " << room << " room, which this fake does not have";
    std::abort();
}

// An active resident named `name` (email name@pilote.test), stored in `ref`.
inline Resident add_resident(ReferentialStore& ref, SiteId site, std::optional<ServiceId> service, const std::string& name,
                             Role role) {
    Resident r{0, site, service, name + "@pilote.test", name, 100, role, true};
    r.id = *ref.insert(r);
    return r;
}

class Store final : public escale::Store {
public:
    State state;
    int commits = 0;
    Result<std::unique_ptr<escale::Transaction>> begin(TxMode) override;
    Result<void> ping() override { return {}; }
};

}  // namespace escale::fake
