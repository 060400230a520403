// SPDX-License-Identifier: EUPL-1.2
// The desk-booking use cases (book_desk, cancel_desk_booking) against the in-memory store of
// fake_store.hpp: the booking rules (inactive desk, closed day, past, horizon, a taken
// slot), all-or-nothing days, and who may book or cancel for whom, with their audit lines.
// No database, no socket.
#include <gtest/gtest.h>

#include "app/desk_booking.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Monday 2 March 2026, 08:00 in Paris.
const Instant monday_8am = date::sys_days{2026_y / 3 / 2} + std::chrono::hours{7};
const Date tuesday = 2026_y / 3 / 3;

class DeskBookingTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        site = *ref.insert(s);
        Site other_site;
        other_site.name = "Autre site";
        elsewhere = *ref.insert(other_site);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général pour les affaires régionales"});
        dreets = *ref.insert(Service{0, site, "DREETS", "Économie, emploi, travail et solidarités"});
        desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P1"});
        desk2 = *ref.insert(Desk{0, site, floor, std::nullopt, "P2"});
        Desk off{0, site, floor, std::nullopt, "P3"};
        off.active = false;
        inactive_desk = *ref.insert(off);
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, dreets, "bob", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        stranger = fake::add_resident(ref, elsewhere, std::nullopt, "ailleurs", Role::agent);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    app::BookDesk request(DeskId d, Date day, app::Period p = app::Period::day) { return {d, day, p, std::nullopt}; }
    int live_bookings() {
        int n = 0;
        for (auto& b : store.state.bookings) n += is_live(b.state);
        return n;
    }

    fake::Store store;
    ManualClock clock{monday_8am};
    SiteId site = 0, elsewhere = 0;
    FloorId floor = 0;
    ServiceId sgar = 0, dreets = 0;
    DeskId desk = 0, desk2 = 0, inactive_desk = 0;
    Resident alice, bob, gestionnaire, stranger;
};

TEST_F(DeskBookingTest, ADayIsBothHalvesHeldByTheBooker) {
    auto made = app::book_desk(ctx(), actor(alice), request(desk, tuesday));
    ASSERT_TRUE(made) << made.error().message;
    ASSERT_EQ(made->size(), 2u);
    EXPECT_EQ((*made)[0].half, Half::am);
    EXPECT_EQ((*made)[1].half, Half::pm);
    for (auto& b : *made) {
        EXPECT_EQ(b.resident_id, alice.id);
        EXPECT_EQ(b.created_by, alice.id);
        EXPECT_EQ(b.service_id, std::optional<ServiceId>(sgar));
        EXPECT_EQ(b.state, BookingState::reserved);
    }
    EXPECT_EQ(live_bookings(), 2);
    EXPECT_TRUE(store.state.audit.empty());  // booking for oneself is not audited
}

TEST_F(DeskBookingTest, RefusesWhatTheRulesForbid) {
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(inactive_desk, tuesday)).error().code, "desk_inactive");
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(999, tuesday)).error().code, "not_found");
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(desk, 2026_y / 3 / 7)).error().code, "closed_day");
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(desk, 2026_y / 2 / 27)).error().code, "past");
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(desk, 2026_y / 4 / 15)).error().code, "beyond_horizon");
    EXPECT_EQ(live_bookings(), 0);
}

TEST_F(DeskBookingTest, ADayIsAllOrNothing) {
    ASSERT_TRUE(app::book_desk(ctx(), actor(bob), request(desk, tuesday, app::Period::pm)));
    // The morning is free but the afternoon is not: nothing is booked.
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), request(desk, tuesday)).error().code, "slot_taken");
    EXPECT_EQ(live_bookings(), 1);
    // Bob cannot hold a second desk on the half-day he already holds one.
    EXPECT_EQ(app::book_desk(ctx(), actor(bob), request(desk2, tuesday, app::Period::pm)).error().code,
              "already_booked_that_slot");
    EXPECT_EQ(live_bookings(), 1);
}

TEST_F(DeskBookingTest, AnAgentMayNotBookForSomeoneElse) {
    auto req = request(desk, tuesday);
    req.for_resident = bob.id;
    EXPECT_EQ(app::book_desk(ctx(), actor(alice), req).error().code, "forbidden");
    EXPECT_EQ(live_bookings(), 0);
}

TEST_F(DeskBookingTest, AGestionnaireBooksForAResidentOfTheSiteAndItIsAudited) {
    auto req = request(desk, tuesday);
    req.for_resident = bob.id;
    auto made = app::book_desk(ctx(), actor(gestionnaire), req);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->front().resident_id, bob.id);
    EXPECT_EQ(made->front().created_by, gestionnaire.id);
    EXPECT_EQ(made->front().service_id, std::optional<ServiceId>(dreets));  // the holder's service
    ASSERT_EQ(store.state.audit.size(), 1u);
    EXPECT_EQ(store.state.audit[0].action, "book_for");
    EXPECT_EQ(store.state.audit[0].actor_id, std::optional<ResidentId>(gestionnaire.id));
    EXPECT_EQ(store.state.audit[0].on_behalf_of, std::optional<ResidentId>(bob.id));

    // Someone of another site is unknown here.
    req.for_resident = stranger.id;
    req.desk_id = desk2;
    EXPECT_EQ(app::book_desk(ctx(), actor(gestionnaire), req).error().code, "not_found");
    EXPECT_EQ(store.state.audit.size(), 1u);
}

TEST_F(DeskBookingTest, OneCancelsOnesOwnBookingUntilItsSlotEnds) {
    auto made = *app::book_desk(ctx(), actor(alice), request(desk, tuesday, app::Period::am));
    auto cancelled = app::cancel_desk_booking(ctx(), actor(alice), made[0].id);
    ASSERT_TRUE(cancelled) << cancelled.error().message;
    EXPECT_EQ(cancelled->state, BookingState::cancelled);
    EXPECT_EQ(live_bookings(), 0);
    EXPECT_EQ(app::cancel_desk_booking(ctx(), actor(alice), made[0].id).error().code, "booking_not_live");

    auto again = *app::book_desk(ctx(), actor(alice), request(desk, tuesday, app::Period::am));
    clock.set(date::sys_days{tuesday} + std::chrono::hours{12});  // 13:00 in Paris: the morning is over
    EXPECT_EQ(app::cancel_desk_booking(ctx(), actor(alice), again[0].id).error().code, "past");
    EXPECT_EQ(live_bookings(), 1);
}

TEST_F(DeskBookingTest, OthersBookingsAreHiddenFromAgentsAndCancelledByGestionnairesWithAnAuditLine) {
    auto made = *app::book_desk(ctx(), actor(bob), request(desk, tuesday, app::Period::am));
    EXPECT_EQ(app::cancel_desk_booking(ctx(), actor(alice), made[0].id).error().code, "not_found");
    EXPECT_EQ(live_bookings(), 1);

    auto cancelled = app::cancel_desk_booking(ctx(), actor(gestionnaire), made[0].id);
    ASSERT_TRUE(cancelled) << cancelled.error().message;
    EXPECT_EQ(live_bookings(), 0);
    ASSERT_EQ(store.state.audit.size(), 1u);
    EXPECT_EQ(store.state.audit[0].action, "cancel_for");
    EXPECT_EQ(store.state.audit[0].on_behalf_of, std::optional<ResidentId>(bob.id));
}

TEST_F(DeskBookingTest, AFailedUseCaseLeavesNothingBehind) {
    int commits = store.commits;
    EXPECT_FALSE(app::book_desk(ctx(), actor(alice), request(desk, 2026_y / 3 / 7)));
    EXPECT_EQ(store.commits, commits);
    EXPECT_EQ(live_bookings(), 0);
}

}  // namespace

namespace {

TEST_F(DeskBookingTest, AvailabilitySaysWhyAFreeDeskCannotBeBooked) {
    auto open = app::floor_availability(ctx(), actor(alice), floor, tuesday);
    ASSERT_TRUE(open) << open.error().message;
    EXPECT_FALSE(open->am_refusal);
    EXPECT_FALSE(open->pm_refusal);
    for (auto [day, code] : {std::pair{2026_y / 3 / 7, "closed_day"}, {2026_y / 2 / 27, "past"}, {2026_y / 4 / 15, "beyond_horizon"}}) {
        auto a = app::floor_availability(ctx(), actor(alice), floor, day);
        ASSERT_TRUE(a);
        ASSERT_TRUE(a->am_refusal && a->pm_refusal) << code;
        EXPECT_EQ(a->am_refusal->code, code);
        EXPECT_EQ(a->am_refusal->message, app::book_desk(ctx(), actor(alice), request(desk, day)).error().message);
    }
    // This morning until noon, then only the afternoon.
    clock.set(date::sys_days{tuesday} + std::chrono::hours{11});  // 12:00 in Paris
    auto today = *app::floor_availability(ctx(), actor(alice), floor, tuesday);
    EXPECT_FALSE(today.am_refusal);
    clock.set(date::sys_days{tuesday} + std::chrono::hours{13});  // 14:00 in Paris
    today = *app::floor_availability(ctx(), actor(alice), floor, tuesday);
    ASSERT_TRUE(today.am_refusal);
    EXPECT_EQ(today.am_refusal->code, "past");
    EXPECT_FALSE(today.pm_refusal);
}

TEST_F(DeskBookingTest, AvailabilityWithoutADateIsTheNextOpenDays) {
    auto a = app::floor_availability(ctx(), actor(alice), floor, std::nullopt);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->date, 2026_y / 3 / 2);  // Monday 08:00: today
    clock.set(date::sys_days{2026_y / 3 / 6} + std::chrono::hours{19});  // Friday 20:00 in Paris
    a = app::floor_availability(ctx(), actor(alice), floor, std::nullopt);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->date, 2026_y / 3 / 9);  // the weekend skipped: Monday
    EXPECT_FALSE(a->am_refusal);
}

TEST_F(DeskBookingTest, AvailabilitySaysTheSitesDateNow) {
    // Whatever day is asked, today is the site's date by the server's clock, not UTC's.
    auto a = app::floor_availability(ctx(), actor(alice), floor, 2026_y / 3 / 20);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->today, 2026_y / 3 / 2);
    clock.set(date::sys_days{2026_y / 3 / 2} + std::chrono::hours{23} + std::chrono::minutes{30});  // 00:30 in Paris
    a = app::floor_availability(ctx(), actor(alice), floor, 2026_y / 3 / 20);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->today, 2026_y / 3 / 3);
}

}  // namespace
