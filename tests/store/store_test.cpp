// SPDX-License-Identifier: EUPL-1.2
// The Store contract, run against every database: SQLite files and PostgreSQL databases.
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "app/demo_loader.hpp"
#include "store/open_store.hpp"

#include <libpq-fe.h>

using namespace escale;
using namespace date::literals;

namespace {

// Each test runs on every database kind: "sqlite" (a file in a temporary directory) and
// "postgres" (a fresh database on the server named by $ESCALE_TEST_PG_URL, which
// scripts/test.sh starts; without it the PostgreSQL runs are skipped and say so).
class StoreTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        name_ = "escale_store_" + std::to_string(::getpid()) + "_" + std::to_string(++counter_);
        if (GetParam() == "postgres") {
            const char* admin = std::getenv("ESCALE_TEST_PG_URL");
            if (!admin || !*admin) GTEST_SKIP() << "ESCALE_TEST_PG_URL is not set: no PostgreSQL server to test against";
            admin_url_ = admin;
            ASSERT_TRUE(admin_sql("CREATE DATABASE " + name_));
            url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
        } else {
            dir_ = std::filesystem::temp_directory_path() / name_;  // unique per process and test
            std::filesystem::remove_all(dir_);
            std::filesystem::create_directories(dir_);
            url_ = "sqlite:" + (dir_ / "escale.db").string();
        }
        store_ = open();
    }
    void TearDown() override {
        store_.reset();
        if (!admin_url_.empty()) admin_sql("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    bool admin_sql(const std::string& sql) {
        PGconn* c = PQconnectdb(admin_url_.c_str());
        PGresult* r = PQexec(c, sql.c_str());
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) ADD_FAILURE() << PQerrorMessage(c);
        PQclear(r);
        PQfinish(c);
        return ok;
    }
    std::unique_ptr<Store> open() {
        StoreOptions o;
        o.url = url_;
        auto s = open_store(o);
        EXPECT_TRUE(s) << (s ? "" : s.error().message);
        return s ? std::move(*s) : nullptr;
    }
    std::unique_ptr<Transaction> tx(TxMode m = TxMode::write) { return std::move(*store_->begin(m)); }

    // A site with one floor, one desk and two residents; returns their ids.
    struct Fixture {
        SiteId site;
        FloorId floor;
        DeskId desk, desk2;
        ResidentId alice, bob;
    };
    Fixture seed() {
        auto t = tx();
        Fixture f{};
        Site s;
        s.name = "Site";
        f.site = *t->referential().insert(s);
        f.floor = *t->referential().insert(Floor{0, f.site, "RDC", 0, "<svg/>"});
        Desk d;
        d.site_id = f.site;
        d.floor_id = f.floor;
        d.label = "P-01";
        f.desk = *t->referential().insert(d);
        d.label = "P-02";
        f.desk2 = *t->referential().insert(d);
        Resident r;
        r.site_id = f.site;
        r.email = "alice@test.fr";
        r.display_name = "Alice";
        f.alice = *t->referential().insert(r);
        r.email = "bob@test.fr";
        r.display_name = "Bob";
        f.bob = *t->referential().insert(r);
        EXPECT_TRUE(t->commit());
        return f;
    }
    DeskBooking booking(const Fixture& f, DeskId desk, ResidentId who, Half h = Half::am) {
        return DeskBooking{0, f.site, desk, who, 2026_y / 3 / 4, h, BookingState::reserved, Instant{}, who, std::nullopt};
    }

    static inline int counter_ = 0;
    std::string name_, url_, admin_url_;
    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
};

}  // namespace

TEST_P(StoreTest, ReferentialRoundTripsEveryField) {
    auto f = seed();
    auto t = tx(TxMode::read);
    auto desk = *t->referential().find(Of<Desk>{}, f.desk);
    ASSERT_TRUE(desk);
    EXPECT_EQ(desk->label, "P-01");
    EXPECT_EQ(desk->floor_id, f.floor);
    EXPECT_FALSE(desk->zone_id);
    auto r = *t->referential().find_resident_by_email("alice@test.fr");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->role, Role::agent);
    EXPECT_EQ((*t->referential().list(Of<Desk>{}, f.site)).size(), 2u);
    EXPECT_EQ((*t->referential().list(Of<Desk>{}, f.site + 100)).size(), 0u);
    EXPECT_FALSE(*t->referential().find(Of<Desk>{}, 999));
}

TEST_P(StoreTest, UpdateAndRemoveReportMissingRows) {
    auto f = seed();
    auto t = tx();
    Desk ghost;
    ghost.id = 999;
    ghost.site_id = f.site;
    ghost.floor_id = f.floor;
    ghost.label = "X";
    EXPECT_EQ(t->referential().update(ghost).error().code, "not_found");
    EXPECT_EQ(t->referential().remove(Of<Desk>{}, 999).error().code, "not_found");
    auto desk = **t->referential().find(Of<Desk>{}, f.desk);
    desk.adapted = true;
    desk.zone_id = std::nullopt;
    EXPECT_TRUE(t->referential().update(desk));
    EXPECT_TRUE((**t->referential().find(Of<Desk>{}, f.desk)).adapted);
}

TEST_P(StoreTest, ConstraintsBecomeErrors) {
    auto f = seed();
    // After a failed call a transaction is only fit for rollback: one transaction per try.
    Resident dup;
    dup.site_id = f.site;
    dup.email = "alice@test.fr";
    dup.display_name = "Autre Alice";
    EXPECT_EQ(tx()->referential().insert(dup).error().code, "already_exists");
    Desk orphan;
    orphan.site_id = f.site;
    orphan.floor_id = 4242;
    orphan.label = "Z";
    EXPECT_EQ(tx()->referential().insert(orphan).error().code, "unknown_reference");
    EXPECT_EQ(tx()->referential().remove(Of<Floor>{}, f.floor).error().code, "in_use");
    auto t = tx(TxMode::read);
    EXPECT_TRUE(*t->referential().find(Of<Floor>{}, f.floor));
}

TEST_P(StoreTest, OneLiveBookingPerDeskSlotAndPerResidentSlot) {
    auto f = seed();
    auto commit = [&](const DeskBooking& b) -> Result<BookingId> {
        auto t = tx();
        auto id = t->bookings().insert(b);
        if (id) {
            EXPECT_TRUE(t->commit());
        }
        return id;
    };
    auto first = commit(booking(f, f.desk, f.alice));
    ASSERT_TRUE(first);
    EXPECT_EQ(commit(booking(f, f.desk, f.bob)).error().code, "slot_taken");
    EXPECT_EQ(commit(booking(f, f.desk2, f.alice)).error().code, "already_booked_that_slot");
    EXPECT_TRUE(commit(booking(f, f.desk, f.bob, Half::pm)));
    // Once cancelled, the slot is free again.
    {
        auto t = tx();
        EXPECT_TRUE(t->bookings().set_state(*first, BookingState::cancelled, Instant{}));
        EXPECT_TRUE(t->bookings().insert(booking(f, f.desk, f.bob)));
        EXPECT_TRUE(t->commit());
    }
    auto r = tx(TxMode::read);
    auto live = *r->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2);
    EXPECT_EQ(live.size(), 2u);
    for (auto& h : live) EXPECT_EQ(h.resident_id, f.bob);
    for (auto& h : live) EXPECT_EQ(h.desk_id, f.desk);
    EXPECT_NE(live[0].half, live[1].half);
    EXPECT_EQ((*r->bookings().live_of(f.alice, 2026_y / 3 / 1, 2026_y / 3 / 31)).size(), 0u);
    EXPECT_EQ((*r->bookings().live_of(f.bob, 2026_y / 3 / 1, 2026_y / 3 / 31)).size(), 2u);
}

TEST_P(StoreTest, InsertAllWritesManyRowsAsTheyAreAndKeepsTheInvariants) {
    auto f = seed();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    std::vector<BookingRecord> rows;
    for (int day = 1; day <= 600; ++day) {  // more rows than one statement carries
        auto b = booking(f, day % 2 ? f.desk : f.desk2, day % 2 ? f.alice : f.bob);
        b.date = Date{date::sys_days{2025_y / 1 / 1} + date::days{day / 2}};
        rows.push_back({b, at(day)});
    }
    auto cancelled = booking(f, f.desk, f.bob, Half::pm);
    cancelled.state = BookingState::cancelled;
    rows.push_back({cancelled, at(7)});
    {
        auto t = tx();
        ASSERT_TRUE(t->bookings().insert_all(rows));
        ASSERT_TRUE(t->commit());
    }
    {
        auto r = tx(TxMode::read);
        EXPECT_EQ((*r->bookings().all_of(f.alice)).size(), 300u);
        auto bob = *r->bookings().all_of(f.bob);
        ASSERT_EQ(bob.size(), 301u);
        EXPECT_EQ(bob.back().state, BookingState::cancelled);
    }
    // A second live booking of a slot is refused, whichever statement carries it.
    auto t = tx();
    auto again = t->bookings().insert_all(std::span<const BookingRecord>(rows).first(1));
    ASSERT_FALSE(again);
    EXPECT_TRUE(again.error().code == "slot_taken" || again.error().code == "already_booked_that_slot")
        << again.error().code;
}

TEST_P(StoreTest, UncommittedTransactionRollsBack) {
    auto f = seed();
    {
        auto t = tx();
        ASSERT_TRUE(t->bookings().insert(booking(f, f.desk, f.alice)));
    }
    auto r = tx(TxMode::read);
    EXPECT_TRUE((*r->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2)).empty());
}

// PostgreSQL runs transactions in pipeline mode (BEGIN sent with the first statement, a
// ROLLBACK not waited for): the connection a failed or abandoned transaction goes back to the
// pool with must serve the next ones, each seeing what was committed before it began.
TEST_P(StoreTest, AConnectionServesTheNextTransactionsAfterAFailureOrAnAbandonedOne) {
    auto f = seed();
    {
        auto t = tx();
        ASSERT_TRUE(t->bookings().insert(booking(f, f.desk, f.alice)));
        ASSERT_TRUE(t->commit());
    }
    for (int i = 0; i < 3; ++i) {
        auto t = tx();
        EXPECT_EQ(t->bookings().insert(booking(f, f.desk, f.bob)).error().code, "slot_taken");
        auto after = t->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2);
        if (GetParam() == "postgres") {
            EXPECT_FALSE(after);  // aborted: fit only for rollback
        }
    }
    {
        auto r = tx(TxMode::read);  // read, then dropped: its ROLLBACK is not waited for
        EXPECT_EQ(r->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2)->size(), 1u);
    }
    {
        auto empty = tx();  // nothing run: nothing to commit
        EXPECT_TRUE(empty->commit());
    }
    EXPECT_TRUE(store_->ping());  // a command outside any transaction after an unread ROLLBACK
    {
        auto t = tx();
        ASSERT_TRUE(t->bookings().insert(booking(f, f.desk2, f.bob)));
        ASSERT_TRUE(t->commit());
    }
    auto r = tx(TxMode::read);
    auto live = *r->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2);
    ASSERT_EQ(live.size(), 2u);
    EXPECT_NE(live[0].desk_id, live[1].desk_id);
}

TEST_P(StoreTest, ThreadsRacingForOneSlotLeaveOneBooking) {
    auto f = seed();
    std::vector<ResidentId> people;
    {
        auto t = tx();
        for (int i = 0; i < 16; ++i) {
            Resident r;
            r.site_id = f.site;
            r.email = "racer" + std::to_string(i) + "@test.fr";
            r.display_name = "Racer";
            people.push_back(*t->referential().insert(r));
        }
        ASSERT_TRUE(t->commit());
    }
    std::atomic<int> won{0}, lost{0}, other{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (auto who : people)
        threads.emplace_back([&, who] {
            while (!go) std::this_thread::yield();
            auto t = store_->begin(TxMode::write);
            if (!t) return void(++other);
            auto b = (*t)->bookings().insert(booking(f, f.desk, who));
            if (b && (*t)->commit()) ++won;
            else if (!b && b.error().code == "slot_taken") ++lost;
            else ++other;
        });
    go = true;
    for (auto& t : threads) t.join();
    EXPECT_EQ(won, 1);
    EXPECT_EQ(lost, 15);
    EXPECT_EQ(other, 0);
}

TEST_P(StoreTest, ReopeningKeepsDataAndSchemaVersion) {
    auto f = seed();
    store_.reset();
    store_ = open();
    auto t = tx(TxMode::read);
    EXPECT_TRUE(*t->referential().find(Of<Desk>{}, f.desk));
}

TEST_P(StoreTest, SessionsAndPasswords) {
    auto f = seed();
    auto t = tx();
    EXPECT_FALSE(*t->identity().password_hash(f.alice));
    EXPECT_TRUE(t->identity().set_password_hash(f.alice, "h1"));
    EXPECT_TRUE(t->identity().set_password_hash(f.alice, "h2"));
    EXPECT_EQ(**t->identity().password_hash(f.alice), "h2");
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    EXPECT_TRUE(t->identity().insert_session(Session{"abc", f.alice, at(10), at(20), at(10)}));
    EXPECT_TRUE(t->identity().insert_session(Session{"old", f.alice, at(1), at(5), at(1)}));
    EXPECT_TRUE(t->identity().insert_session(Session{"idle", f.alice, at(1), at(50), at(2)}));
    auto found = *t->identity().find_session("abc");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->resident.id, f.alice);
    EXPECT_EQ(found->resident.email, "alice@test.fr");
    EXPECT_EQ(found->credential.resident_id, f.alice);
    EXPECT_EQ(found->credential.created_at, at(10));
    EXPECT_EQ(found->credential.expires_at, at(20));
    EXPECT_EQ(found->credential.last_seen_at, at(10));
    EXPECT_TRUE(t->identity().touch_session("abc", at(15)));
    EXPECT_EQ((*t->identity().find_session("abc"))->credential.last_seen_at, at(15));
    EXPECT_FALSE(*t->identity().find_session("abd"));
    // Ended (expires_at <= now) or idle (last seen <= idle_since): "abc" stays.
    EXPECT_EQ(*t->identity().delete_expired_sessions(at(6), at(3)), 2);
    EXPECT_TRUE(*t->identity().find_session("abc"));
    EXPECT_FALSE(*t->identity().find_session("idle"));
    EXPECT_TRUE(t->identity().delete_session("abc"));
    EXPECT_FALSE(*t->identity().find_session("abc"));
    EXPECT_TRUE(t->identity().insert_session(Session{"x", f.alice, at(10), at(20), at(10)}));
    EXPECT_TRUE(t->identity().insert_session(Session{"y", f.alice, at(10), at(20), at(10)}));
    EXPECT_TRUE(t->identity().delete_sessions_of(f.alice));
    EXPECT_FALSE(*t->identity().find_session("x"));
    EXPECT_FALSE(*t->identity().find_session("y"));
    EXPECT_TRUE(t->commit());
}

TEST_P(StoreTest, OtherSessionsEndAndTheKeptOneStays) {
    auto f = seed();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    {
        auto t = tx();
        for (const char* h : {"a1", "a2", "a3"}) EXPECT_TRUE(t->identity().insert_session(Session{h, f.alice, at(1), at(50), at(1)}));
        EXPECT_TRUE(t->identity().insert_session(Session{"b1", f.bob, at(1), at(50), at(1)}));
        EXPECT_TRUE(t->identity().insert_oidc_session("a3", "id-token-a3"));
        EXPECT_EQ(*t->identity().delete_other_sessions_of(f.alice, "a2"), 2);
        EXPECT_TRUE(t->commit());
    }
    {
        auto t = tx(TxMode::read);
        EXPECT_FALSE(*t->identity().find_session("a1"));
        EXPECT_TRUE(*t->identity().find_session("a2"));
        EXPECT_FALSE(*t->identity().find_session("a3"));
        EXPECT_FALSE(*t->identity().oidc_session_id_token("a3"));  // goes with its session
        EXPECT_TRUE(*t->identity().find_session("b1"));             // someone else's stays
        EXPECT_EQ((*t->identity().sessions_of(f.alice)).size(), 1u);
    }
    // Another person's token kept: every session of alice ends; then nothing is left to end.
    auto w = tx();
    EXPECT_EQ(*w->identity().delete_other_sessions_of(f.alice, "b1"), 1);
    EXPECT_EQ(*w->identity().delete_other_sessions_of(f.alice, "a2"), 0);
    EXPECT_TRUE(*w->identity().find_session("b1"));
}

TEST_P(StoreTest, LoginThrottlesAreUpsertedAndPurged) {
    seed();
    auto t = tx();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    EXPECT_FALSE(*t->identity().find_login_throttle("compte:a"));
    EXPECT_TRUE(t->identity().save_login_throttle(LoginThrottle{"compte:a", 1, at(0), at(100)}));
    EXPECT_TRUE(t->identity().save_login_throttle(LoginThrottle{"compte:a", 6, at(160), at(150)}));
    EXPECT_TRUE(t->identity().save_login_throttle(LoginThrottle{"adresse:b", 1, at(0), at(10)}));
    auto a = *t->identity().find_login_throttle("compte:a");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->failures, 6);
    EXPECT_EQ(a->locked_until, at(160));
    EXPECT_EQ(a->last_failure, at(150));
    EXPECT_EQ(*t->identity().delete_stale_login_throttles(at(155)), 1);  // "compte:a" is still locked
    EXPECT_FALSE(*t->identity().find_login_throttle("adresse:b"));
    EXPECT_TRUE(t->identity().delete_login_throttle("compte:a"));
    EXPECT_FALSE(*t->identity().find_login_throttle("compte:a"));
}

// Hardening (issue 14): an account's records at every address go with it, not another's.
TEST_P(StoreTest, LoginThrottlesOfAnAccountAreDeletedAtEveryAddress) {
    seed();
    auto t = tx();
    for (auto key : {"compte:a@x.fr", "compte:a@x.fr 192.0.2.1", "compte:a@x.fr 2001:db8::/64", "compte:a@x.frr 192.0.2.1",
                     "compte:b@x.fr 192.0.2.1", "adresse:192.0.2.1"})
        EXPECT_TRUE(t->identity().save_login_throttle(LoginThrottle{key, 1, Instant{}, Instant{}}));
    EXPECT_TRUE(t->identity().delete_login_throttles_of_account("compte:a@x.fr"));
    EXPECT_FALSE(*t->identity().find_login_throttle("compte:a@x.fr"));
    EXPECT_FALSE(*t->identity().find_login_throttle("compte:a@x.fr 192.0.2.1"));
    EXPECT_FALSE(*t->identity().find_login_throttle("compte:a@x.fr 2001:db8::/64"));
    EXPECT_TRUE(*t->identity().find_login_throttle("compte:a@x.frr 192.0.2.1"));
    EXPECT_TRUE(*t->identity().find_login_throttle("compte:b@x.fr 192.0.2.1"));
    EXPECT_TRUE(*t->identity().find_login_throttle("adresse:192.0.2.1"));
}

TEST_P(StoreTest, ApiTokensBelongToTheirOwner) {
    auto f = seed();
    auto t = tx();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    auto id = *t->identity().insert_api_token(ApiToken{0, f.alice, "écran du hall", "h1", true, at(10), std::nullopt});
    auto id2 = *t->identity().insert_api_token(ApiToken{0, f.alice, "export", "h2", false, at(11), at(99)});
    auto found = *t->identity().find_api_token("h2");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->credential.id, id2);
    EXPECT_EQ(found->credential.name, "export");
    EXPECT_FALSE(found->credential.read_only);
    EXPECT_EQ(found->credential.created_at, at(11));
    EXPECT_EQ(found->credential.expires_at, std::optional<Instant>(at(99)));
    EXPECT_EQ(found->resident.id, f.alice);
    auto mine = *t->identity().api_tokens_of(f.alice);
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0].id, id);
    EXPECT_EQ(mine[0].expires_at, std::nullopt);
    EXPECT_TRUE(mine[0].read_only);
    EXPECT_TRUE(t->commit());
    t = tx();
    auto other = t->identity().delete_api_token(f.alice + 1000, id);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, "not_found");
    t = nullptr;  // the failed call leaves the transaction fit only for rollback
    t = tx();
    EXPECT_TRUE(t->identity().delete_api_token(f.alice, id));
    EXPECT_FALSE(*t->identity().find_api_token("h1"));
    auto dup = t->identity().insert_api_token(ApiToken{0, f.alice, "copie", "h2", true, at(12), std::nullopt});
    EXPECT_FALSE(dup);
}

TEST_P(StoreTest, PilotDemoLoadsOnceIntoAnEmptyDatabase) {
    SystemClock clock;
    app::Context ctx{*store_, clock};
    auto first = app::load_demo_if_empty(ctx, demo::pilot_site());
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_TRUE(first->loaded);
    EXPECT_EQ(first->residents, 36);
    auto again = app::load_demo_if_empty(ctx, demo::pilot_site());
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->loaded);
    auto t = tx(TxMode::read);
    EXPECT_EQ((*t->referential().list(Of<Resident>{}, first->site_id)).size(), 36u);
    EXPECT_EQ((*t->referential().list(Of<Desk>{}, first->site_id)).size(), 29u);
    EXPECT_EQ((*t->referential().list(Of<Space>{}, first->site_id)).size(), 7u);
    EXPECT_EQ((*t->referential().list(Of<Locker>{}, first->site_id)).size(), 36u);
}

// ---- OpenID Connect login ----

TEST_P(StoreTest, OidcPendingLoginIsTakenOnceAndNotAfterExpiry) {
    auto at = [](long long s) { return Instant{std::chrono::seconds{s}}; };
    {
        auto t = tx();
        EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h1", "nonce1", "verifier1", "/desks", at(100), at(700)}));
        EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h2", "nonce2", "verifier2", "/", at(100), at(200)}));
        auto dup = t->identity().insert_oidc_pending_login({"h1", "x", "y", "/", at(100), at(700)});
        ASSERT_FALSE(dup);
        EXPECT_EQ(dup.error().code, "already_exists");
    }  // rolled back: PostgreSQL aborted the transaction at the duplicate
    {
        auto t = tx();
        EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h1", "nonce1", "verifier1", "/desks", at(100), at(700)}));
        EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h2", "nonce2", "verifier2", "/", at(100), at(200)}));
        EXPECT_EQ(*t->identity().count_oidc_pending_logins(), 2);
        EXPECT_TRUE(t->commit());
    }
    auto t = tx();
    auto got = *t->identity().take_oidc_pending_login("h1", at(300));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->nonce, "nonce1");
    EXPECT_EQ(got->code_verifier, "verifier1");
    EXPECT_EQ(got->return_to, "/desks");
    EXPECT_EQ(got->created_at, at(100));
    EXPECT_EQ(got->expires_at, at(700));
    EXPECT_FALSE(*t->identity().take_oidc_pending_login("h1", at(300))) << "a state serves once";
    EXPECT_FALSE(*t->identity().take_oidc_pending_login("h2", at(200))) << "expired";
    EXPECT_FALSE(*t->identity().take_oidc_pending_login("h2", at(100))) << "the expired one was consumed anyway";
    EXPECT_FALSE(*t->identity().take_oidc_pending_login("nope", at(100)));
    EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h3", "n", "v", "/", at(100), at(200)}));
    EXPECT_TRUE(t->identity().insert_oidc_pending_login({"h4", "n", "v", "/", at(100), at(900)}));
    EXPECT_EQ(*t->identity().delete_expired_oidc_pending_logins(at(200)), 1);
    EXPECT_TRUE(*t->identity().take_oidc_pending_login("h4", at(200)));
}

TEST_P(StoreTest, OidcPendingLoginRacingTakersGetItOnce) {
    auto at = [](long long s) { return Instant{std::chrono::seconds{s}}; };
    {
        auto t = tx();
        EXPECT_TRUE(t->identity().insert_oidc_pending_login({"race", "n", "v", "/", at(100), at(700)}));
        EXPECT_TRUE(t->commit());
    }
    std::atomic<int> got{0}, errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            auto t = store_->begin(TxMode::write);
            if (!t) return void(++errors);
            auto p = (*t)->identity().take_oidc_pending_login("race", at(300));
            if (!p || !(*t)->commit()) return void(++errors);
            if (*p) ++got;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(got, 1);
    EXPECT_EQ(errors, 0);
}

TEST_P(StoreTest, OidcSessionGoesWithItsSession) {
    auto f = seed();
    auto t = tx();
    Session s{"tok", f.alice, Instant{std::chrono::seconds{10}}, Instant{std::chrono::seconds{20}},
              Instant{std::chrono::seconds{10}}};
    EXPECT_TRUE(t->identity().insert_session(s));
    EXPECT_FALSE(*t->identity().oidc_session_id_token("tok")) << "a local session has no ID token";
    EXPECT_TRUE(t->identity().insert_oidc_session("tok", "eyJ.id.token"));
    EXPECT_EQ(**t->identity().oidc_session_id_token("tok"), "eyJ.id.token");
    EXPECT_FALSE(t->identity().insert_oidc_session("no-such-session", "x")) << "only for an existing session";
}

TEST_P(StoreTest, OidcSessionDeletedWithSessionAndExpiry) {
    auto f = seed();
    auto t = tx();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    EXPECT_TRUE(t->identity().insert_session({"a", f.alice, at(10), at(20), at(10)}));
    EXPECT_TRUE(t->identity().insert_session({"b", f.bob, at(10), at(20), at(10)}));
    EXPECT_TRUE(t->identity().insert_oidc_session("a", "token-a"));
    EXPECT_TRUE(t->identity().insert_oidc_session("b", "token-b"));
    EXPECT_TRUE(t->identity().delete_session("a"));
    EXPECT_FALSE(*t->identity().oidc_session_id_token("a"));
    EXPECT_EQ(*t->identity().delete_expired_sessions(at(20), at(0)), 1);
    EXPECT_FALSE(*t->identity().oidc_session_id_token("b"));
}

TEST_P(StoreTest, SiteSelfRegistrationServiceRoundTripsAndIsChecked) {
    auto f = seed();
    auto t = tx();
    auto service = *t->referential().insert(Service{0, f.site, "SGAR", "SGAR"});
    auto site = **t->referential().find(Of<Site>{}, f.site);
    EXPECT_FALSE(site.oidc_self_registration_service_id);
    site.oidc_self_registration_service_id = service;
    EXPECT_TRUE(t->referential().update(site));
    EXPECT_EQ((**t->referential().find(Of<Site>{}, f.site)).oidc_self_registration_service_id, service);
    EXPECT_TRUE(t->commit());
    auto t2 = tx();
    auto removed = t2->referential().remove(Of<Service>{}, service);
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().code, "in_use");
}

INSTANTIATE_TEST_SUITE_P(Databases, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

namespace {

// The states named in the WHERE clause of an index definition, in order.
std::vector<std::string> states_in_where(const std::string& definition) {
    std::vector<std::string> out;
    auto where = definition.find("WHERE");
    for (auto q = definition.find('\'', where); where != std::string::npos && q != std::string::npos;) {
        auto end = definition.find('\'', q + 1);
        out.push_back(definition.substr(q + 1, end - q - 1));
        q = definition.find('\'', end + 1);
    }
    return out;
}

}  // namespace

// "Live" is named once, in core (live_states); the statements derive from it, and the
// database's partial indexes on live bookings, written in frozen migrations, must say the same.
TEST_P(StoreTest, LiveBookingIndexesNameExactlyTheLiveStates) {
    std::vector<std::string> live;
    for (auto s : live_states) live.push_back(to_string(s));
    std::map<std::string, std::string> definitions;  // index name → definition
    if (GetParam() == "postgres") {
        PGconn* c = PQconnectdb(url_.c_str());
        PGresult* r = PQexec(c, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'desk_bookings'");
        ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQerrorMessage(c);
        for (int i = 0; i < PQntuples(r); ++i) definitions[PQgetvalue(r, i, 0)] = PQgetvalue(r, i, 1);
        PQclear(r);
        PQfinish(c);
    } else {
        SQLite::Database db(url_.substr(7));
        SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'desk_bookings' "
                                "AND sql IS NOT NULL");
        while (q.executeStep()) definitions[q.getColumn(0).getString()] = q.getColumn(1).getString();
    }
    for (const char* name : {"desk_bookings_live_slot", "desk_bookings_live_resident", "desk_bookings_live_holder"}) {
        ASSERT_TRUE(definitions.count(name)) << name;
        EXPECT_EQ(states_in_where(definitions[name]), live) << name << ": " << definitions[name];
    }
}

// ---- lockers ---------------------------------------------------------------------------

namespace {

// The store on its own, with no use case in front: what the database itself refuses.
class LockerStoreTest : public StoreTest {
protected:
    struct Lockers {
        Fixture f;
        LockerId one, two;
    };
    Lockers seed_lockers() {
        Lockers l{seed(), 0, 0};
        auto t = tx();
        Locker locker;
        locker.site_id = l.f.site;
        locker.floor_id = l.f.floor;
        locker.label = "C-01";
        locker.x = 12.5;
        l.one = *t->referential().insert(locker);
        locker.label = "C-02";
        l.two = *t->referential().insert(locker);
        EXPECT_TRUE(t->commit());
        return l;
    }
    LockerAssignment assignment(const Lockers& l, LockerId locker, ResidentId who) {
        return LockerAssignment{0, l.f.site, locker, who, Instant{std::chrono::seconds{1000}}, who, std::nullopt, std::nullopt};
    }
    // Inserts in a transaction of its own, committed when it succeeds.
    Result<LockerAssignmentId> commit(const LockerAssignment& a) {
        auto t = tx();
        auto id = t->lockers().insert(a);
        if (id) {
            EXPECT_TRUE(t->commit());
        }
        return id;
    }
};

}  // namespace

TEST_P(LockerStoreTest, LockersRoundTripTheirQuartierAndPosition) {
    auto l = seed_lockers();
    auto t = tx();
    auto locker = **t->referential().find(Of<Locker>{}, l.one);
    EXPECT_EQ(locker.x, 12.5);
    EXPECT_FALSE(locker.zone_id);
    Zone z;
    z.site_id = l.f.site;
    z.floor_id = l.f.floor;
    z.name = "Quartier";
    locker.zone_id = *t->referential().insert(z);
    EXPECT_TRUE(t->referential().update(locker));
    EXPECT_EQ((**t->referential().find(Of<Locker>{}, l.one)).zone_id, locker.zone_id);
}

TEST_P(LockerStoreTest, TheDatabaseRefusesASecondHolderAndASecondLocker) {
    auto l = seed_lockers();
    auto first = commit(assignment(l, l.one, l.f.alice));
    ASSERT_TRUE(first) << first.error().message;
    // No check in front: the unique indexes alone refuse.
    EXPECT_EQ(commit(assignment(l, l.one, l.f.bob)).error().code, "locker_taken");
    EXPECT_EQ(commit(assignment(l, l.two, l.f.alice)).error().code, "already_holds_locker");
    {
        auto r = tx(TxMode::read);
        EXPECT_EQ((*r->lockers().live_on_site(l.f.site)).size(), 1u);
        auto free = *r->lockers().free_lockers(l.f.site);
        ASSERT_EQ(free.size(), 1u);
        EXPECT_EQ(free[0].id, l.two);
        EXPECT_EQ((*r->lockers().live_of_locker(l.one))->resident_id, l.f.alice);
    }
    // Released, the locker and the resident are free again; the history keeps the period.
    {
        auto t = tx();
        EXPECT_TRUE(t->lockers().release(*first, Instant{std::chrono::seconds{2000}}, l.f.bob));
        EXPECT_EQ(t->lockers().release(*first, Instant{std::chrono::seconds{3000}}, l.f.bob).error().code, "not_found");
        EXPECT_TRUE(t->commit());
    }
    EXPECT_TRUE(commit(assignment(l, l.one, l.f.bob)));
    EXPECT_TRUE(commit(assignment(l, l.two, l.f.alice)));
    auto r = tx(TxMode::read);
    auto history = *r->lockers().all_of(l.f.alice);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].released_at, Instant{std::chrono::seconds{2000}});
    EXPECT_EQ(history[0].released_by, l.f.bob);
    EXPECT_TRUE(history[1].live());
    EXPECT_EQ((*r->lockers().free_lockers(l.f.site)).size(), 0u);
}

TEST_P(LockerStoreTest, ConcurrentWritersLeaveOneHolder) {
    auto l = seed_lockers();
    // Eight threads, each in its own transaction, insert an assignment of the same locker;
    // residents differ. Exactly one commits.
    std::vector<ResidentId> people;
    {
        auto t = tx();
        for (int i = 0; i < 8; ++i) {
            Resident r;
            r.site_id = l.f.site;
            r.email = "casier" + std::to_string(i) + "@test.fr";
            r.display_name = "Casier";
            people.push_back(*t->referential().insert(r));
        }
        EXPECT_TRUE(t->commit());
    }
    std::atomic<int> won{0}, taken{0};
    std::vector<std::thread> threads;
    for (auto who : people) {
        threads.emplace_back([&, who] {
            auto t = store_->begin(TxMode::write);
            if (!t) return;
            auto id = (*t)->lockers().insert(assignment(l, l.one, who));
            if (id && (*t)->commit()) ++won;
            else if (!id && id.error().code == "locker_taken") ++taken;
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(taken.load(), 7);
}

TEST_P(LockerStoreTest, AHeldLockerCannotBeDeletedAndForgettingKeepsTheRows) {
    auto l = seed_lockers();
    auto id = *commit(assignment(l, l.one, l.f.alice));
    EXPECT_EQ(tx()->referential().remove(Of<Locker>{}, l.one).error().code, "in_use");
    {
        auto t = tx();
        EXPECT_TRUE(t->lockers().release(id, Instant{std::chrono::seconds{5000}}, std::nullopt));
        EXPECT_EQ(*t->lockers().anonymize_of(l.f.alice), 1);
        EXPECT_EQ((*t->lockers().all_of(l.f.alice)).size(), 0u);
        auto kept = **t->lockers().find(id);
        EXPECT_FALSE(kept.resident_id);
        EXPECT_FALSE(kept.assigned_by);
        EXPECT_EQ(*t->lockers().delete_history_of_locker(l.one), 1);
        EXPECT_TRUE(t->referential().remove(Of<Locker>{}, l.one));
        EXPECT_TRUE(t->commit());
    }
    // Retention: released before the cutoff forgets its people; a live one is untouched.
    auto second = *commit(assignment(l, l.two, l.f.bob));
    auto t = tx();
    EXPECT_EQ(*t->lockers().anonymize_released_before(l.f.site, Instant{std::chrono::seconds{999999}}), 0);
    EXPECT_TRUE(t->lockers().release(second, Instant{std::chrono::seconds{6000}}, l.f.bob));
    EXPECT_EQ(*t->lockers().anonymize_released_before(l.f.site, Instant{std::chrono::seconds{6000}}), 0);
    EXPECT_EQ(*t->lockers().anonymize_released_before(l.f.site, Instant{std::chrono::seconds{6001}}), 1);
    EXPECT_FALSE((**t->lockers().find(second)).resident_id);
}

INSTANTIATE_TEST_SUITE_P(Databases, LockerStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---- check-in and no-show release (issue 10, item 3) ----

// The release marks only reserved bookings of its site, date and half, made before the
// release instant; a state changes only from the state the caller read; a no-show frees its
// slot for a new live booking; the site's check-in settings round-trip.
TEST_P(StoreTest, NoShowReleaseAndCompareAndSetStateChanges) {
    auto f = seed();
    auto at = [](int s) { return Instant{std::chrono::seconds{s}}; };
    BookingId unconfirmed, confirmed, afternoon, late;
    {
        auto t = tx();
        auto b = booking(f, f.desk, f.alice);
        b.created_at = at(100);
        unconfirmed = *t->bookings().insert(b);
        b = booking(f, f.desk2, f.bob);
        b.created_at = at(100);
        confirmed = *t->bookings().insert(b);
        b = booking(f, f.desk2, f.alice, Half::pm);
        b.created_at = at(100);
        afternoon = *t->bookings().insert(b);
        EXPECT_TRUE(t->commit());
    }
    {
        auto t = tx();
        EXPECT_TRUE(*t->bookings().change_state(confirmed, BookingState::reserved, BookingState::checked_in, at(150)));
        // Not from a state it is not in.
        EXPECT_FALSE(*t->bookings().change_state(confirmed, BookingState::reserved, BookingState::cancelled, at(150)));
        // The released bookings come back, now no_show (the waitlist gives their desks on).
        auto released = *t->bookings().mark_no_shows(f.site, 2026_y / 3 / 4, Half::am, at(200), at(300));
        ASSERT_EQ(released.size(), 1u);
        EXPECT_EQ(released[0].state, BookingState::no_show);
        EXPECT_EQ(released[0].desk_id, f.desk);
        EXPECT_EQ(t->bookings().mark_no_shows(f.site, 2026_y / 3 / 4, Half::am, at(200), at(301))->size(), 0u);
        EXPECT_EQ(t->bookings().mark_no_shows(f.site + 1000, 2026_y / 3 / 4, Half::pm, at(200), at(300))->size(), 0u);
        // The freed slot takes a new booking, made after the release instant: not released.
        auto b = booking(f, f.desk, f.alice);
        b.created_at = at(250);
        late = *t->bookings().insert(b);
        EXPECT_EQ(t->bookings().mark_no_shows(f.site, 2026_y / 3 / 4, Half::am, at(200), at(310))->size(), 0u);
        EXPECT_TRUE(t->commit());
    }
    auto r = tx(TxMode::read);
    EXPECT_EQ((*r->bookings().find(unconfirmed))->state, BookingState::no_show);
    EXPECT_EQ((*r->bookings().find(confirmed))->state, BookingState::checked_in);
    EXPECT_EQ((*r->bookings().find(afternoon))->state, BookingState::reserved);
    EXPECT_EQ((*r->bookings().find(late))->state, BookingState::reserved);
    auto day = *r->bookings().on_date_of(f.alice, 2026_y / 3 / 4);
    ASSERT_EQ(day.size(), 3u);  // the no-show, the late one (am), the afternoon
    EXPECT_EQ(day[0].half, Half::am);
    EXPECT_EQ(day[2].half, Half::pm);
    auto holders = *r->bookings().slot_holders(2026_y / 3 / 4, f.desk, f.desk2);
    for (auto& h : holders)
        EXPECT_EQ(h.state, h.desk_id == f.desk2 && h.half == Half::am ? BookingState::checked_in : BookingState::reserved);

    // The site's check-in settings.
    auto w = tx();
    auto site = **w->referential().find(Of<Site>{}, f.site);
    EXPECT_FALSE(site.check_in_enabled);
    EXPECT_EQ(site.release_am_at, "10:00");
    site.check_in_enabled = true;
    site.release_pm_at = "15:00";
    EXPECT_TRUE(w->referential().update(site));
    EXPECT_TRUE(w->commit());
    auto again = **tx(TxMode::read)->referential().find(Of<Site>{}, f.site);
    EXPECT_TRUE(again.check_in_enabled);
    EXPECT_EQ(again.release_pm_at, "15:00");
}
