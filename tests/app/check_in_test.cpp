// SPDX-License-Identifier: EUPL-1.2
// The check-in use cases (app/check_in.hpp) against the in-memory store of fake_store.hpp:
// check-in at a desk and walk-in, checking in for someone (audited), "libérer le reste de ma
// journée", and the release job (only unconfirmed bookings of sites with check-in on, past
// their release time; one audit line). No database, no socket.
#include <gtest/gtest.h>

#include "app/check_in.hpp"
#include "app/desk_booking.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Monday 2 March 2026 in Paris (UTC+1).
Instant paris(int h, int m = 0) { return date::sys_days{2026_y / 3 / 2} + std::chrono::hours{h - 1} + std::chrono::minutes{m}; }
const Date monday = 2026_y / 3 / 2;

class CheckInTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        s.check_in_enabled = true;
        site = *ref.insert(s);
        Site o;
        o.name = "Sans pointage";
        other_site = *ref.insert(o);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        FloorId other_floor = *ref.insert(Floor{0, other_site, "Niveau 1", 1, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général pour les affaires régionales"});
        desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P1"});
        desk2 = *ref.insert(Desk{0, site, floor, std::nullopt, "P2"});
        desk3 = *ref.insert(Desk{0, site, floor, std::nullopt, "P3"});
        other_desk = *ref.insert(Desk{0, other_site, other_floor, std::nullopt, "A1"});
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, sgar, "bob", Role::agent);
        carol = fake::add_resident(ref, site, sgar, "carol", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        dan = fake::add_resident(ref, other_site, std::nullopt, "dan", Role::agent);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    BookingId book(const Resident& r, DeskId d, app::Period p) {
        auto made = app::book_desk(ctx(), actor(r), {d, monday, p, std::nullopt});
        EXPECT_TRUE(made) << made.error().message;
        return made->front().id;
    }
    BookingState state(BookingId id) { return store.state.bookings[static_cast<size_t>(id - 1)].state; }

    fake::Store store;
    ManualClock clock{paris(7)};  // Monday 07:00, before opening: everything is booked then
    SiteId site = 0, other_site = 0;
    FloorId floor = 0;
    ServiceId sgar = 0;
    DeskId desk = 0, desk2 = 0, desk3 = 0, other_desk = 0;
    Resident alice, bob, carol, gestionnaire, dan;
};

TEST_F(CheckInTest, CheckInAtTheDeskDuringTheHalfDay) {
    BookingId am = book(alice, desk, app::Period::am);
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(alice), desk).error().code, "check_in_not_now");  // 07:00
    clock.set(paris(9, 30));
    auto done = app::check_in_at_desk(ctx(), actor(alice), desk);
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_FALSE(done->walk_in);
    EXPECT_EQ(done->booking.id, am);
    EXPECT_EQ(state(am), BookingState::checked_in);
    // A second scan: already checked in.
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(alice), desk).error().code, "invalid_transition");
    EXPECT_TRUE(store.state.audit.empty());  // one's own check-in is not audited
    // The availability shows it.
    auto a = app::floor_availability(ctx(), actor(bob), floor, monday);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->slots[0].am_checked_in);
    EXPECT_EQ(a->slots[0].am, app::SlotStatus::taken);
    EXPECT_FALSE(a->slots[0].pm_checked_in);
}

TEST_F(CheckInTest, WalkInBooksTheFreeDeskAndChecksIn) {
    book(bob, desk2, app::Period::am);
    clock.set(paris(11));
    auto done = app::check_in_at_desk(ctx(), actor(alice), desk);
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_TRUE(done->walk_in);
    EXPECT_EQ(done->booking.state, BookingState::checked_in);
    EXPECT_EQ(done->booking.half, Half::am);
    EXPECT_EQ(done->booking.date, monday);
    // Taken by someone else: refused; and Alice holds a desk this morning already.
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(carol), desk2).error().code, "slot_taken");
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(alice), desk3).error().code, "already_booked_that_slot");
    // Another site, check-in off there; a site the agent does not belong to.
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(dan), other_desk).error().code, "check_in_disabled");
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(dan), desk3).error().code, "forbidden");
    // Saturday: closed.
    clock.set(date::sys_days{2026_y / 3 / 7} + std::chrono::hours{9});
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(carol), desk3).error().code, "closed_day");
}

TEST_F(CheckInTest, ReleaseJobFreesOnlyUnconfirmedBookingsPastTheirReleaseTime) {
    BookingId unconfirmed = book(alice, desk, app::Period::am);
    BookingId confirmed = book(bob, desk2, app::Period::am);
    BookingId afternoon = book(carol, desk3, app::Period::pm);
    BookingId elsewhere = book(dan, other_desk, app::Period::am);
    clock.set(paris(9));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(bob), desk2));
    clock.set(paris(9, 59));
    EXPECT_EQ(*app::release_no_shows(ctx()), 0);
    EXPECT_EQ(state(unconfirmed), BookingState::reserved);
    clock.set(paris(10));
    EXPECT_EQ(*app::release_no_shows(ctx()), 1);
    EXPECT_EQ(state(unconfirmed), BookingState::no_show);
    EXPECT_EQ(state(confirmed), BookingState::checked_in);
    EXPECT_EQ(state(afternoon), BookingState::reserved);
    EXPECT_EQ(state(elsewhere), BookingState::reserved);  // check-in off on that site
    ASSERT_EQ(store.state.audit.size(), 1u);
    EXPECT_EQ(store.state.audit[0].action, "release_no_shows");
    EXPECT_EQ(store.state.audit[0].actor_id, std::nullopt);
    EXPECT_NE(store.state.audit[0].details.find("1 réservation"), std::string::npos) << store.state.audit[0].details;
    // Run again: nothing more, no new line.
    EXPECT_EQ(*app::release_no_shows(ctx()), 0);
    EXPECT_EQ(store.state.audit.size(), 1u);
    // Too late for Alice, with the reason; the desk is free again and can be booked.
    auto late = app::check_in_at_desk(ctx(), actor(alice), desk);
    EXPECT_EQ(late.error().code, "booking_released");
    BookingId again = book(carol, desk, app::Period::am);
    EXPECT_EQ(state(again), BookingState::reserved);
    // Booked after 10:00: not released at the next run, and it can be checked in.
    clock.set(paris(10, 30));
    EXPECT_EQ(*app::release_no_shows(ctx()), 0);
    EXPECT_EQ(state(again), BookingState::reserved);
    EXPECT_TRUE(app::check_in_booking(ctx(), actor(carol), again));
    // The afternoon at 14:30.
    clock.set(paris(14, 30));
    EXPECT_EQ(*app::release_no_shows(ctx()), 1);
    EXPECT_EQ(state(afternoon), BookingState::no_show);
}

TEST_F(CheckInTest, CheckingInForSomeoneIsAuditedAndNeedsTheRight) {
    BookingId am = book(alice, desk, app::Period::am);
    clock.set(paris(8, 30));
    EXPECT_EQ(app::check_in_booking(ctx(), actor(bob), am).error().code, "not_found");
    auto done = app::check_in_booking(ctx(), actor(gestionnaire), am);
    ASSERT_TRUE(done) << done.error().message;
    ASSERT_EQ(store.state.audit.size(), 1u);
    EXPECT_EQ(store.state.audit[0].action, "check_in_for");
    EXPECT_EQ(store.state.audit[0].on_behalf_of, std::optional<ResidentId>(alice.id));
}

TEST_F(CheckInTest, ReleaseTheRestOfMyDay) {
    BookingId am = book(alice, desk, app::Period::am);
    BookingId pm = book(alice, desk2, app::Period::pm);
    clock.set(paris(8, 30));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(alice), desk));
    clock.set(paris(11));
    auto freed = app::release_rest_of_day(ctx(), actor(alice));
    ASSERT_TRUE(freed) << freed.error().message;
    ASSERT_EQ(freed->size(), 2u);
    EXPECT_EQ(state(am), BookingState::released);
    EXPECT_EQ(state(pm), BookingState::cancelled);
    // Nothing left: an empty answer, not an error.
    EXPECT_TRUE(app::release_rest_of_day(ctx(), actor(alice))->empty());
    // Both desks are free for others at once.
    EXPECT_TRUE(app::check_in_at_desk(ctx(), actor(bob), desk));
    EXPECT_EQ(book(carol, desk2, app::Period::pm) > 0, true);
    // A released booking cannot be checked in again.
    EXPECT_EQ(app::check_in_booking(ctx(), actor(alice), am).error().code, "invalid_transition");
    // Cancelling a checked-in booking is allowed; a released one is not live any more.
    EXPECT_EQ(app::cancel_desk_booking(ctx(), actor(alice), am).error().code, "booking_not_live");
}

TEST_F(CheckInTest, AfternoonLeavesTheMorningAlone) {
    BookingId am = book(alice, desk, app::Period::am);
    BookingId pm = book(alice, desk, app::Period::pm);
    clock.set(paris(8));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(alice), desk));
    clock.set(paris(13, 15));
    ASSERT_TRUE(app::check_in_at_desk(ctx(), actor(alice), desk));
    clock.set(paris(16));
    auto freed = app::release_rest_of_day(ctx(), actor(alice));
    ASSERT_EQ(freed->size(), 1u);
    EXPECT_EQ(state(am), BookingState::checked_in);
    EXPECT_EQ(state(pm), BookingState::released);
}

}  // namespace
