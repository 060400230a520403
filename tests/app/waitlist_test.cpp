// SPDX-License-Identifier: EUPL-1.2
// The waitlist (issue 10, item 5) against the in-memory store: joining only when nothing the
// resident may take is free, first come first served, a cancellation or a no-show release
// handing the desk to the first waiter the rules allow in the same transaction (audited),
// leaving. No database, no socket.
#include <gtest/gtest.h>

#include "app/check_in.hpp"
#include "app/desk_booking.hpp"
#include "app/waitlist.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

Instant paris(date::sys_days d, int h, int m = 0) { return d + std::chrono::hours{h - 1} + std::chrono::minutes{m}; }
const Date tuesday = 2026_y / 3 / 3;

class WaitlistTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        s.check_in_enabled = true;
        s.weekly_half_day_quota = 4;
        site = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        floor2 = *ref.insert(Floor{0, site, "Niveau 2", 2, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général"});
        desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P1"});
        desk2 = *ref.insert(Desk{0, site, floor, std::nullopt, "P2"});
        upstairs = *ref.insert(Desk{0, site, floor2, std::nullopt, "H1"});
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, sgar, "bob", Role::agent);
        carol = fake::add_resident(ref, site, sgar, "carol", Role::agent);
        dan = fake::add_resident(ref, site, sgar, "dan", Role::agent);
        erin = fake::add_resident(ref, site, sgar, "erin", Role::agent);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    BookingId book(const Resident& r, DeskId d, Date date, app::Period p) {
        auto made = app::book_desk(ctx(), actor(r), {d, date, p, std::nullopt});
        EXPECT_TRUE(made) << made.error().message;
        return made ? made->front().id : 0;
    }
    Result<WaitlistEntry> join_floor(const Resident& r, FloorId f, Date d = tuesday, Half h = Half::am) {
        return app::join_waitlist(ctx(), actor(r), {std::nullopt, f, std::nullopt, d, h});
    }
    std::optional<ResidentId> holder(DeskId d, Date date, Half h) {
        for (auto& b : store.state.bookings)
            if (is_live(b.state) && b.desk_id == d && b.date == date && b.half == h) return b.resident_id;
        return std::nullopt;
    }

    fake::Store store;
    ManualClock clock{paris(2026_y / 3 / 2, 7)};  // Monday 07:00
    SiteId site = 0;
    FloorId floor = 0, floor2 = 0;
    ServiceId sgar = 0;
    DeskId desk = 0, desk2 = 0, upstairs = 0;
    Resident alice, bob, carol, dan, erin;
};

TEST_F(WaitlistTest, JoinOnlyWhenNothingIsFreeInTheScope) {
    auto refused = join_floor(carol, floor);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "desks_still_free");
    book(alice, desk, tuesday, app::Period::am);
    book(bob, desk2, tuesday, app::Period::am);
    auto joined = join_floor(carol, floor);
    ASSERT_TRUE(joined) << joined.error().message;
    EXPECT_EQ(joined->state, WaitlistState::waiting);
    EXPECT_EQ(join_floor(carol, floor).error().code, "already_waiting");
    // The whole site still has a free desk upstairs.
    EXPECT_EQ(app::join_waitlist(ctx(), actor(dan), {site, std::nullopt, std::nullopt, tuesday, Half::am}).error().code,
              "desks_still_free");
    // Who holds a desk then cannot wait for another; a past slot or a bad scope neither.
    EXPECT_EQ(join_floor(alice, floor).error().code, "already_booked_that_slot");
    EXPECT_EQ(join_floor(dan, floor, 2026_y / 2 / 27).error().code, "past");
    EXPECT_EQ(app::join_waitlist(ctx(), actor(dan), {site, floor, std::nullopt, tuesday, Half::am}).error().code,
              "waitlist_scope");
    EXPECT_EQ(app::join_waitlist(ctx(), actor(dan), {std::nullopt, std::nullopt, 999, tuesday, Half::am}).error().code,
              "not_found");
}

TEST_F(WaitlistTest, CancellationHandsTheDeskToTheFirstWaiterInTheSameTransaction) {
    BookingId a = book(alice, desk, tuesday, app::Period::am);
    book(bob, desk2, tuesday, app::Period::am);
    ASSERT_TRUE(join_floor(carol, floor));
    ASSERT_TRUE(join_floor(dan, floor));
    const int commits = store.commits;
    ASSERT_TRUE(app::cancel_desk_booking(ctx(), actor(alice), a));
    EXPECT_EQ(store.commits, commits + 1);  // one transaction freed and gave
    EXPECT_EQ(holder(desk, tuesday, Half::am), carol.id);
    EXPECT_EQ(store.state.waitlist[0].state, WaitlistState::promoted);
    ASSERT_TRUE(store.state.waitlist[0].booking_id);
    EXPECT_EQ(store.state.waitlist[1].state, WaitlistState::waiting);
    ASSERT_FALSE(store.state.audit.empty());
    EXPECT_EQ(store.state.audit.back().action, "waitlist_promote");
    EXPECT_EQ(store.state.audit.back().on_behalf_of, carol.id);
    // Carol's list shows it promoted.
    auto mine = app::my_waitlist(ctx(), actor(carol));
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ(mine->front().booking_id, store.state.waitlist[0].booking_id);
}

TEST_F(WaitlistTest, PromotionSkipsWaitersTheRulesRefuseAndOutOfScope) {
    BookingId a = book(alice, desk, tuesday, app::Period::am);
    book(bob, desk2, tuesday, app::Period::am);
    book(erin, upstairs, tuesday, app::Period::am);
    // Dan waits for the other floor; carol for this one, then fills her quota of 4 half-days.
    ASSERT_TRUE(join_floor(dan, floor2));
    ASSERT_TRUE(join_floor(carol, floor));
    for (auto d : {2026_y / 3 / 4, 2026_y / 3 / 5}) book(carol, desk, d, app::Period::day);
    ASSERT_TRUE(app::cancel_desk_booking(ctx(), actor(alice), a));
    // Dan waits elsewhere, carol is over her quota: nobody gets it, both still wait.
    EXPECT_EQ(holder(desk, tuesday, Half::am), std::nullopt);
    for (auto& e : store.state.waitlist)
        if (e.date == tuesday && e.half == Half::am) {
            EXPECT_EQ(e.state, WaitlistState::waiting);
        }
}

TEST_F(WaitlistTest, NoShowReleaseHandsTheDeskToTheFirstWaiter) {
    const Date monday = 2026_y / 3 / 2;
    book(alice, desk, monday, app::Period::am);
    book(bob, desk2, monday, app::Period::am);
    book(erin, upstairs, monday, app::Period::am);
    ASSERT_TRUE(app::join_waitlist(ctx(), actor(carol), {site, std::nullopt, std::nullopt, monday, Half::am}));
    clock.set(paris(monday, 9, 30));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(bob), desk2));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(erin), upstairs));
    clock.set(paris(monday, 10, 1));
    auto released = app::release_no_shows(ctx());
    ASSERT_TRUE(released) << released.error().message;
    EXPECT_EQ(*released, 1);
    EXPECT_EQ(holder(desk, monday, Half::am), carol.id);
    // The promoted booking was made after the release time: a second run keeps it.
    clock.set(paris(monday, 10, 6));
    EXPECT_EQ(*app::release_no_shows(ctx()), 0);
    EXPECT_EQ(holder(desk, monday, Half::am), carol.id);
}

TEST_F(WaitlistTest, LeaveOnlyOwnWaitingEntries) {
    book(alice, desk, tuesday, app::Period::am);
    book(bob, desk2, tuesday, app::Period::am);
    auto e = join_floor(carol, floor);
    ASSERT_TRUE(e);
    EXPECT_EQ(app::leave_waitlist(ctx(), actor(dan), e->id).error().code, "not_found");
    auto left = app::leave_waitlist(ctx(), actor(carol), e->id);
    ASSERT_TRUE(left);
    EXPECT_EQ(left->state, WaitlistState::left);
    EXPECT_EQ(app::leave_waitlist(ctx(), actor(carol), e->id).error().code, "invalid_transition");
    // Once left, she may join again.
    EXPECT_TRUE(join_floor(carol, floor));
}

}  // namespace
