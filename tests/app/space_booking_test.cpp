// SPDX-License-Identifier: EUPL-1.2
// The collective space use cases against the in-memory store of fake_store.hpp: booking a
// range and the conflict that names the held range, recurrences (skip or all or nothing)
// across the DST change and a public holiday, who may cancel whose booking (audited), what a
// space's day shows to whom, and the search of free spaces. No database, no socket.
#include <gtest/gtest.h>

#include "app/space_booking.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Thursday 15 October 2026, 09:00 in Paris (UTC+2 until Sunday 25 October).
const Instant thursday_9am = date::sys_days{2026_y / 10 / 15} + std::chrono::hours{7};

class SpaceBookingTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        s.booking_horizon_days = 60;
        site = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général pour les affaires régionales"});
        dreets = *ref.insert(Service{0, site, "DREETS", "Économie, emploi, travail et solidarités"});
        room = *ref.insert(Space{0, site, floor, std::nullopt, "Salle Vauban", SpaceType::meeting_room, 8});
        bubble = *ref.insert(Space{0, site, floor, std::nullopt, "Bulle 1", SpaceType::bubble, 1});
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, dreets, "bob", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    app::BookSpace request(std::string start, std::string end, int attendees = 4) {
        return app::BookSpace{room, std::move(start), std::move(end), attendees, "Comité de pilotage", std::nullopt,
                              std::nullopt};
    }
    int live() {
        int n = 0;
        for (auto& b : store.state.space_bookings) n += is_live(b.state);
        return n;
    }

    fake::Store store;
    ManualClock clock{thursday_9am};
    SiteId site = 0;
    FloorId floor = 0;
    ServiceId sgar = 0, dreets = 0;
    SpaceId room = 0, bubble = 0;
    Resident alice, bob, gestionnaire;
};

TEST_F(SpaceBookingTest, BooksARangeAndWritesItBackInLocalTime) {
    auto made = app::book_space(ctx(), actor(alice), request("2026-10-16T10:00:00+02:00", "2026-10-16T11:30:00+02:00"));
    ASSERT_TRUE(made) << made.error().message;
    ASSERT_EQ(made->booked.size(), 1u);
    auto& b = made->booked[0];
    EXPECT_EQ(b.start, "2026-10-16T10:00:00+02:00");
    EXPECT_EQ(b.end, "2026-10-16T11:30:00+02:00");
    EXPECT_EQ(b.booking.start, Instant{date::sys_days{2026_y / 10 / 16}} + std::chrono::hours{8});
    EXPECT_EQ(b.booking.resident_id, alice.id);
    EXPECT_EQ(b.booking.service_id, std::optional<ServiceId>(sgar));
    EXPECT_EQ(b.space_name, "Salle Vauban");
    EXPECT_TRUE(made->refused.empty());
    EXPECT_TRUE(store.state.audit.empty());  // booking for oneself is not audited
}

TEST_F(SpaceBookingTest, AnOverlapIsRefusedNamingTheHeldRangeAndTouchingRangesAreFine) {
    ASSERT_TRUE(app::book_space(ctx(), actor(alice), request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00")));
    auto taken = app::book_space(ctx(), actor(bob), request("2026-10-16T10:30:00+02:00", "2026-10-16T12:00:00+02:00"));
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, "range_taken");
    EXPECT_EQ(taken.error().kind, ErrorKind::conflict);
    EXPECT_EQ(taken.error().message, "Cet espace collectif est déjà réservé de 10 h 00 à 11 h 00.");
    ASSERT_TRUE(taken.error().range);
    EXPECT_EQ(taken.error().range->start, "2026-10-16T10:00:00+02:00");
    EXPECT_EQ(taken.error().range->end, "2026-10-16T11:00:00+02:00");
    // [10:00, 11:00) and [11:00, 12:00) share no instant.
    EXPECT_TRUE(app::book_space(ctx(), actor(bob), request("2026-10-16T11:00:00+02:00", "2026-10-16T12:00:00+02:00")));
    EXPECT_EQ(live(), 2);
}

TEST_F(SpaceBookingTest, RefusesBadRequestsAndWritesNothing) {
    struct Case {
        app::BookSpace req;
        std::string code;
    };
    auto with_attendees = [&](int n) { return request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00", n); };
    auto long_subject = request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00");
    long_subject.subject = std::string(201, 'x');
    auto unknown = request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00");
    unknown.space_id = 999;
    std::vector<Case> cases{
        {request("2026-10-16T10:05:00+02:00", "2026-10-16T11:00:00+02:00"), "off_grid"},
        {request("2026-10-16T11:00:00+02:00", "2026-10-16T10:00:00+02:00"), "invalid_range"},
        {request("2026-10-16T10:00:00+01:00", "2026-10-16T11:00:00+01:00"), "wrong_offset"},
        {request("2026-10-17T10:00:00+02:00", "2026-10-17T11:00:00+02:00"), "closed_day"},   // Saturday
        {request("2026-10-15T08:00:00+02:00", "2026-10-15T10:00:00+02:00"), "past"},
        {request("2026-10-16T07:00:00+02:00", "2026-10-16T08:30:00+02:00"), "outside_opening_hours"},
        {request("2026-12-18T10:00:00+01:00", "2026-12-18T11:00:00+01:00"), "beyond_horizon"},
        {with_attendees(9), "too_many_attendees"},
        {with_attendees(0), "invalid_field"},
        {long_subject, "invalid_field"},
        {unknown, "not_found"},
    };
    for (auto& c : cases) {
        auto r = app::book_space(ctx(), actor(alice), c.req);
        ASSERT_FALSE(r) << c.code;
        EXPECT_EQ(r.error().code, c.code) << r.error().message;
    }
    EXPECT_TRUE(store.state.space_bookings.empty());
}

TEST_F(SpaceBookingTest, WeeklyAcrossTheDstChangeKeepsTenOClockAndReportsArmistice) {
    // Wednesdays 21 October .. 11 November 2026, 10:00-11:00 local; the 28th is taken.
    ASSERT_TRUE(app::book_space(ctx(), actor(bob), request("2026-10-28T10:30:00+01:00", "2026-10-28T11:00:00+01:00")));
    auto req = request("2026-10-21T10:00:00+02:00", "2026-10-21T11:00:00+02:00");
    req.recurrence = app::SpaceRecurrence{Repeat::weekly, 2026_y / 11 / 11, app::OnConflict::skip};
    auto made = app::book_space(ctx(), actor(alice), req);
    ASSERT_TRUE(made) << made.error().message;
    ASSERT_EQ(made->booked.size(), 2u);
    EXPECT_EQ(made->booked[0].start, "2026-10-21T10:00:00+02:00");
    EXPECT_EQ(made->booked[1].start, "2026-11-04T10:00:00+01:00");  // still 10:00 after the change
    ASSERT_EQ(made->refused.size(), 2u);
    EXPECT_EQ(made->refused[0].date, 2026_y / 10 / 28);
    EXPECT_EQ(made->refused[0].why.code, "range_taken");
    EXPECT_EQ(made->refused[1].date, 2026_y / 11 / 11);
    EXPECT_EQ(made->refused[1].why.code, "closed_day");
    EXPECT_EQ(live(), 3);
}

TEST_F(SpaceBookingTest, AllOrNothingBooksNoneWhenOneOccurrenceIsRefused) {
    auto req = request("2026-10-21T10:00:00+02:00", "2026-10-21T11:00:00+02:00");
    req.recurrence = app::SpaceRecurrence{Repeat::weekly, 2026_y / 11 / 11, app::OnConflict::all_or_nothing};
    auto made = app::book_space(ctx(), actor(alice), req);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().code, "occurrences_refused");
    ASSERT_EQ(made.error().details.size(), 1u);
    EXPECT_EQ(made.error().details[0].field, "2026-11-11");
    EXPECT_EQ(made.error().details[0].code, "closed_day");
    EXPECT_EQ(live(), 0);
    // Until the day before the holiday, all three are booked.
    req.recurrence->until = 2026_y / 11 / 10;
    made = app::book_space(ctx(), actor(alice), req);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->booked.size(), 3u);
}

TEST_F(SpaceBookingTest, OwnBookingCancelledByItsHolderOthersByAGestionnaireAudited) {
    auto made = app::book_space(ctx(), actor(bob), request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00"));
    ASSERT_TRUE(made);
    auto id = made->booked[0].booking.id;
    // Another agent is told it does not exist.
    auto refused = app::cancel_space_booking(ctx(), actor(alice), id);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "not_found");
    auto cancelled = app::cancel_space_booking(ctx(), actor(gestionnaire), id);
    ASSERT_TRUE(cancelled) << cancelled.error().message;
    EXPECT_EQ(cancelled->booking.state, BookingState::cancelled);
    ASSERT_EQ(store.state.audit.size(), 1u);
    EXPECT_EQ(store.state.audit[0].action, "cancel_for");
    EXPECT_EQ(store.state.audit[0].object, "space_bookings");
    EXPECT_EQ(store.state.audit[0].on_behalf_of, std::optional<ResidentId>(bob.id));
    EXPECT_EQ(app::cancel_space_booking(ctx(), actor(bob), id).error().code, "booking_not_live");
    EXPECT_EQ(live(), 0);
}

TEST_F(SpaceBookingTest, TheDayShowsRangesToAllAndWhoAndWhyOnlyToWhomItConcerns) {
    ASSERT_TRUE(app::book_space(ctx(), actor(bob), request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00")));
    auto seen_by_alice = app::space_day(ctx(), actor(alice), room, 2026_y / 10 / 16);
    ASSERT_TRUE(seen_by_alice);
    ASSERT_EQ(seen_by_alice->bookings.size(), 1u);
    EXPECT_EQ(seen_by_alice->bookings[0].start, "2026-10-16T10:00:00+02:00");
    EXPECT_FALSE(seen_by_alice->bookings[0].mine);
    EXPECT_FALSE(seen_by_alice->bookings[0].detailed);
    EXPECT_EQ(seen_by_alice->opens, "2026-10-16T08:00:00+02:00");
    auto seen_by_bob = app::space_day(ctx(), actor(bob), room, 2026_y / 10 / 16);
    EXPECT_TRUE(seen_by_bob->bookings[0].mine);
    EXPECT_EQ(seen_by_bob->bookings[0].subject, "Comité de pilotage");
    auto seen_by_gestionnaire = app::space_day(ctx(), actor(gestionnaire), room, 2026_y / 10 / 16);
    EXPECT_TRUE(seen_by_gestionnaire->bookings[0].detailed);
    EXPECT_EQ(seen_by_gestionnaire->bookings[0].resident_name, "bob");
}

TEST_F(SpaceBookingTest, FreeSpacesFitThePeopleAndTheRange) {
    ASSERT_TRUE(app::book_space(ctx(), actor(bob), request("2026-10-16T10:00:00+02:00", "2026-10-16T11:00:00+02:00")));
    auto free = app::free_spaces(ctx(), actor(alice), site, "2026-10-16T10:30:00+02:00", "2026-10-16T11:30:00+02:00", 1,
                                 std::nullopt);
    ASSERT_TRUE(free);
    ASSERT_EQ(free->size(), 1u);
    EXPECT_EQ((*free)[0].id, bubble);
    free = app::free_spaces(ctx(), actor(alice), site, "2026-10-16T11:00:00+02:00", "2026-10-16T12:00:00+02:00", 2,
                            std::nullopt);
    ASSERT_EQ(free->size(), 1u);
    EXPECT_EQ((*free)[0].id, room);
    free = app::free_spaces(ctx(), actor(alice), site, "2026-10-16T11:00:00+02:00", "2026-10-16T12:00:00+02:00", 1,
                            SpaceType::bubble);
    ASSERT_EQ(free->size(), 1u);
    EXPECT_EQ((*free)[0].id, bubble);
    EXPECT_EQ(app::free_spaces(ctx(), actor(alice), site, "2026-10-17T11:00:00+02:00", "2026-10-17T12:00:00+02:00", 1,
                               std::nullopt)
                  .error()
                  .code,
              "closed_day");
}

}  // namespace
