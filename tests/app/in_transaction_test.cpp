// SPDX-License-Identifier: EUPL-1.2
// in_transaction: commit on success, rollback on failure, and a transaction the database
// gave up ("transaction_conflict") is run again, at most three times. A fake store counts.
#include <gtest/gtest.h>

#include "app/transaction.hpp"
#include "fake_store.hpp"
#include "core/errors.hpp"

using namespace escale;

namespace {

struct Counters {
    int begun = 0, committed = 0, conflicts_left = 0;
};

class FakeTransaction final : public Transaction {
public:
    explicit FakeTransaction(Counters& c) : c_(c) {}
    Result<void> commit() override {
        if (c_.conflicts_left > 0) {
            --c_.conflicts_left;
            return fail(errors::transaction_conflict());
        }
        ++c_.committed;
        return {};
    }
    ReferentialStore& referential() override { return fake::unfaked<ReferentialStore>("referential"); }
    DeskBookingStore& bookings() override { return fake::unfaked<DeskBookingStore>("bookings"); }
    IdentityStore& identity() override { return fake::unfaked<IdentityStore>("identity"); }
    AuditStore& audit() override { return fake::unfaked<AuditStore>("audit"); }
    JobStore& jobs() override { return fake::unfaked<JobStore>("jobs"); }
    LockerAssignmentStore& lockers() override { return fake::unfaked<LockerAssignmentStore>("lockers"); }
    SpaceBookingStore& space_bookings() override { return fake::unfaked<SpaceBookingStore>("space_bookings"); }
    CalendarFeedStore& calendar_feeds() override { return fake::unfaked<CalendarFeedStore>("calendar_feeds"); }
    PresenceStore& presence() override { return fake::unfaked<PresenceStore>("presence"); }  // presence planning
    WaitlistStore& waitlist() override { return fake::unfaked<WaitlistStore>("waitlist"); }  // issue 10, item 5
    NotificationStore& notifications() override { return fake::unfaked<NotificationStore>("notifications"); }
    PlanningStore& planning() override { return fake::unfaked<PlanningStore>("planning"); }  // planning engine (issue 12)
    AnalyticsStore& analytics() override { return fake::unfaked<AnalyticsStore>("analytics"); }  // occupancy analytics
    // surveys and remontées (issue 13, items 5 and 6)
    SurveyStore& surveys() override { return fake::unfaked<SurveyStore>("surveys"); }
    RemonteeStore& remontees() override { return fake::unfaked<RemonteeStore>("remontees"); }

private:
    Counters& c_;
};

class FakeStore final : public Store {
public:
    Counters counters;
    Result<std::unique_ptr<Transaction>> begin(TxMode) override {
        ++counters.begun;
        return std::unique_ptr<Transaction>(std::make_unique<FakeTransaction>(counters));
    }
    Result<void> ping() override { return {}; }
};

}  // namespace

TEST(InTransaction, CommitsWritesOnSuccess) {
    FakeStore store;
    SystemClock clock;
    auto r = app::in_transaction({store, clock}, TxMode::write, [](Transaction&) -> Result<int> { return 7; });
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 7);
    EXPECT_EQ(store.counters.committed, 1);
}

TEST(InTransaction, DoesNotCommitWhenTheUseCaseFails) {
    FakeStore store;
    SystemClock clock;
    auto r = app::in_transaction({store, clock}, TxMode::write,
                                 [](Transaction&) -> Result<int> { return fail(errors::slot_taken()); });
    EXPECT_EQ(r.error().code, "slot_taken");
    EXPECT_EQ(store.counters.begun, 1);
    EXPECT_EQ(store.counters.committed, 0);
}

TEST(InTransaction, RunsAgainAfterATransactionConflict) {
    FakeStore store;
    store.counters.conflicts_left = 2;
    SystemClock clock;
    int runs = 0;
    auto r = app::in_transaction({store, clock}, TxMode::write, [&](Transaction&) -> Result<int> { return ++runs; });
    ASSERT_TRUE(r);
    EXPECT_EQ(runs, 3);
    EXPECT_EQ(store.counters.committed, 1);
}

TEST(InTransaction, GivesUpAfterThreeConflicts) {
    FakeStore store;
    store.counters.conflicts_left = 5;
    SystemClock clock;
    int runs = 0;
    auto r = app::in_transaction({store, clock}, TxMode::write, [&](Transaction&) -> Result<int> { return ++runs; });
    EXPECT_EQ(r.error().code, "transaction_conflict");
    EXPECT_EQ(runs, 3);
    EXPECT_EQ(store.counters.committed, 0);
}
