// in_transaction: commit on success, rollback on failure, and a transaction the database
// gave up ("transaction_conflict") is run again, at most three times. A fake store counts.
#include <gtest/gtest.h>

#include "app/transaction.hpp"
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
#define ESCALE_FAKE_CRUD(T)                                                                      \
    Result<std::vector<T>> list(Of<T>, std::optional<SiteId>) override { return unused<std::vector<T>>(); } \
    Result<std::optional<T>> find(Of<T>, Id) override { return unused<std::optional<T>>(); }      \
    Result<Id> insert(const T&) override { return unused<Id>(); }                                 \
    Result<void> update(const T&) override { return unused<void>(); }                             \
    Result<void> remove(Of<T>, Id) override { return unused<void>(); }
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_FAKE_CRUD)
#undef ESCALE_FAKE_CRUD
    Result<std::int64_t> referential_version() override { return unused<std::int64_t>(); }
    Result<std::vector<Desk>> desks_on_floor(FloorId) override { return unused<std::vector<Desk>>(); }
    Result<std::optional<Resident>> find_resident_by_email(const std::string&) override { return unused<std::optional<Resident>>(); }
    Result<std::vector<RoleGrant>> role_grants_of(ResidentId) override { return unused<std::vector<RoleGrant>>(); }
    Result<std::optional<std::string>> password_hash(ResidentId) override { return unused<std::optional<std::string>>(); }
    Result<void> set_password_hash(ResidentId, const std::string&) override { return unused<void>(); }
    Result<void> insert_session(const Session&) override { return unused<void>(); }
    Result<std::optional<HeldBy<Session>>> find_session(const std::string&) override { return unused<std::optional<HeldBy<Session>>>(); }
    Result<void> touch_session(const std::string&, Instant) override { return unused<void>(); }
    Result<void> delete_session(const std::string&) override { return unused<void>(); }
    Result<int> delete_expired_sessions(Instant, Instant) override { return unused<int>(); }
    Result<void> delete_sessions_of(ResidentId) override { return unused<void>(); }
    Result<std::optional<LoginThrottle>> find_login_throttle(const std::string&) override { return unused<std::optional<LoginThrottle>>(); }
    Result<void> save_login_throttle(const LoginThrottle&) override { return unused<void>(); }
    Result<void> delete_login_throttle(const std::string&) override { return unused<void>(); }
    Result<int> delete_stale_login_throttles(Instant) override { return unused<int>(); }
    Result<void> insert_audit_event(const AuditEvent&) override { return unused<void>(); }
    Result<int> delete_audit_events_before(std::optional<SiteId>, Instant) override { return unused<int>(); }
    Result<std::vector<DeskBooking>> desk_bookings_of(ResidentId) override { return unused<std::vector<DeskBooking>>(); }
    Result<std::vector<HalfDayCount>> live_booking_counts(SiteId, Date, Date) override { return unused<std::vector<HalfDayCount>>(); }
    Result<int> anonymize_desk_bookings_before(SiteId, Date) override { return unused<int>(); }
    Result<int> anonymize_desk_bookings_of(ResidentId) override { return unused<int>(); }
    Result<std::vector<Session>> sessions_of(ResidentId) override { return unused<std::vector<Session>>(); }
    Result<void> delete_access_of(ResidentId) override { return unused<void>(); }
    Result<std::vector<AuditEvent>> audit_events(const AuditQuery&) override { return unused<std::vector<AuditEvent>>(); }
    Result<ApiTokenId> insert_api_token(const ApiToken&) override { return unused<ApiTokenId>(); }
    Result<std::optional<HeldBy<ApiToken>>> find_api_token(const std::string&) override { return unused<std::optional<HeldBy<ApiToken>>>(); }
    Result<std::vector<ApiToken>> api_tokens_of(ResidentId) override { return unused<std::vector<ApiToken>>(); }
    Result<void> delete_api_token(ResidentId, ApiTokenId) override { return unused<void>(); }
    Result<std::optional<Instant>> claim_job(const std::string&, Instant, std::chrono::seconds, const std::string&) override {
        return unused<std::optional<Instant>>();
    }
    Result<BookingId> insert_desk_booking(const DeskBooking&) override { return unused<BookingId>(); }
    Result<std::optional<DeskBooking>> find_desk_booking(BookingId) override { return unused<std::optional<DeskBooking>>(); }
    Result<void> set_desk_booking_state(BookingId, BookingState, Instant) override { return unused<void>(); }
    Result<std::vector<DeskBooking>> live_desk_bookings_of(ResidentId, Date, Date) override { return unused<std::vector<DeskBooking>>(); }
    Result<std::vector<SlotHolder>> slot_holders(Date, DeskId, DeskId) override { return unused<std::vector<SlotHolder>>(); }
    Result<void> insert_oidc_pending_login(const OidcPendingLogin&) override { return unused<void>(); }
    Result<std::optional<OidcPendingLogin>> take_oidc_pending_login(const std::string&, Instant) override { return unused<std::optional<OidcPendingLogin>>(); }
    Result<int> delete_expired_oidc_pending_logins(Instant) override { return unused<int>(); }
    Result<int> count_oidc_pending_logins() override { return unused<int>(); }
    Result<void> insert_oidc_session(const std::string&, const std::string&) override { return unused<void>(); }
    Result<std::optional<std::string>> oidc_session_id_token(const std::string&) override { return unused<std::optional<std::string>>(); }

private:
    template <class T>
    static Result<T> unused() {
        return fail(errors::internal("not used by this test"));
    }
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
