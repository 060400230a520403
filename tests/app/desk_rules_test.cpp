// SPDX-License-Identifier: EUPL-1.2
// The fair-booking rules through every path that creates a desk booking (issue 10, item 4):
// booking for oneself and on someone's behalf, a recurrence's occurrences (skip and
// all_or_nothing) and a walk-in, all through the one shared check (app/desk_claim.hpp),
// against the in-memory store of fake_store.hpp.
#include <gtest/gtest.h>

#include "app/check_in.hpp"
#include "app/desk_booking.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

// Monday 2 March 2026 in Paris (UTC+1).
Instant paris(date::sys_days d, int h, int m = 0) { return d + std::chrono::hours{h - 1} + std::chrono::minutes{m}; }

class DeskRulesTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        s.check_in_enabled = true;
        s.weekly_half_day_quota = 4;
        s.quartier_priority_hours = 24;
        s.adapted_desks_reserved = true;
        site = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "Secrétariat général"});
        dreets = *ref.insert(Service{0, site, "DREETS", "Direction régionale"});
        zone = *ref.insert(Zone{0, site, floor, sgar, "Quartier SGAR", 0});
        open_desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P1"});
        open_desk2 = *ref.insert(Desk{0, site, floor, std::nullopt, "P2"});
        sgar_desk = *ref.insert(Desk{0, site, floor, zone, "S1"});
        Desk a{0, site, floor, std::nullopt, "PMR"};
        a.adapted = true;
        adapted_desk = *ref.insert(a);
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, dreets, "bob", Role::agent);
        Resident c{0, site, dreets, "carol@pilote.test", "carol", 100, Role::agent, true};
        c.needs_adapted_desk = true;
        c.id = *ref.insert(c);
        carol = c;
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    std::string code(const Result<std::vector<DeskBooking>>& r) { return r ? "ok" : r.error().code; }
    Result<std::vector<DeskBooking>> book(const Resident& r, DeskId d, Date date, app::Period p,
                                          std::optional<ResidentId> for_resident = std::nullopt) {
        return app::book_desk(ctx(), actor(r), {d, date, p, for_resident});
    }
    int live() {
        int n = 0;
        for (auto& b : store.state.bookings) n += is_live(b.state);
        return n;
    }

    fake::Store store;
    ManualClock clock{paris(2026_y / 3 / 2, 7)};  // Monday 07:00
    SiteId site = 0;
    FloorId floor = 0;
    ServiceId sgar = 0, dreets = 0;
    ZoneId zone = 0;
    DeskId open_desk = 0, open_desk2 = 0, sgar_desk = 0, adapted_desk = 0;
    Resident alice, bob, carol, gestionnaire;
};

TEST_F(DeskRulesTest, WeeklyQuotaCountsEveryHalfDayOfTheWeek) {
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 3, app::Period::day)), "ok");
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 4, app::Period::am)), "ok");
    // 3 held, a day would make 5: refused whole, nothing written.
    auto over = book(bob, open_desk, 2026_y / 3 / 5, app::Period::day);
    EXPECT_EQ(code(over), "weekly_quota_reached");
    EXPECT_EQ(live(), 3);
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 5, app::Period::am)), "ok");  // the 4th
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 6, app::Period::pm)), "weekly_quota_reached");
    // The next week starts again; a cancelled half-day no longer counts.
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 9, app::Period::am)), "ok");
    auto first = store.state.bookings.front().id;
    ASSERT_TRUE(app::cancel_desk_booking(ctx(), actor(bob), first));
    EXPECT_EQ(code(book(bob, open_desk, 2026_y / 3 / 6, app::Period::pm)), "ok");
    // On someone's behalf the quota holds too, and says so of that person.
    auto for_bob = book(gestionnaire, open_desk2, 2026_y / 3 / 2, app::Period::pm, bob.id);
    ASSERT_EQ(code(for_bob), "weekly_quota_reached");
    EXPECT_NE(for_bob.error().message.find("cette personne"), std::string::npos);
}

TEST_F(DeskRulesTest, QuartierPriorityForItsServiceThenEveryone) {
    clock.set(paris(2026_y / 3 / 2, 9));  // Monday 09:00
    // Wednesday morning, 47 h ahead: only SGAR.
    EXPECT_EQ(code(book(bob, sgar_desk, 2026_y / 3 / 4, app::Period::am)), "quartier_reserved");
    EXPECT_EQ(code(book(alice, sgar_desk, 2026_y / 3 / 4, app::Period::am)), "ok");
    // Tuesday afternoon starts in 28 h: still kept; Tuesday morning in 23 h: open to all.
    EXPECT_EQ(code(book(bob, sgar_desk, 2026_y / 3 / 3, app::Period::pm)), "quartier_reserved");
    EXPECT_EQ(code(book(bob, sgar_desk, 2026_y / 3 / 3, app::Period::am)), "ok");
    // A gestionnaire booking for bob meets the same rule.
    EXPECT_EQ(code(book(gestionnaire, sgar_desk, 2026_y / 3 / 5, app::Period::am, bob.id)), "quartier_reserved");
}

TEST_F(DeskRulesTest, AdaptedDeskOnlyForWhoNeedsOne) {
    EXPECT_EQ(code(book(bob, adapted_desk, 2026_y / 3 / 3, app::Period::am)), "adapted_desk_reserved");
    EXPECT_EQ(code(book(carol, adapted_desk, 2026_y / 3 / 3, app::Period::am)), "ok");
}

TEST_F(DeskRulesTest, RecurrenceReportsEachRefusedOccurrenceAndBooksTheRest) {
    // Every Tuesday morning until 7 April for bob on an open desk: Tuesday 3 March is taken by
    // alice; the 28-day horizon ends on 30 March, so 31 March and 7 April are refused.
    ASSERT_EQ(code(book(alice, open_desk, 2026_y / 3 / 3, app::Period::am)), "ok");
    auto out = app::book_desk_series(ctx(), actor(bob), {open_desk, 2026_y / 3 / 3, app::Period::am, std::nullopt},
                                     {Repeat::weekly, 2026_y / 4 / 7, app::OnConflict::skip});
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->booked.size(), 3u);  // 10, 17, 24 March
    EXPECT_EQ(out->booked.front().date, 2026_y / 3 / 10);
    ASSERT_EQ(out->refused.size(), 3u);
    EXPECT_EQ(out->refused[0].date, 2026_y / 3 / 3);
    EXPECT_EQ(out->refused[0].why.code, "slot_taken");
    EXPECT_EQ(out->refused[1].why.code, "beyond_horizon");
    EXPECT_EQ(out->refused[2].why.code, "beyond_horizon");
}

TEST_F(DeskRulesTest, RecurrenceQuotaCountsItsOwnOccurrences) {
    // Daily full days from Monday 9 March: 2 days fill the quota of 4; Wednesday to Friday refused.
    auto out = app::book_desk_series(ctx(), actor(bob), {open_desk, 2026_y / 3 / 9, app::Period::day, std::nullopt},
                                     {Repeat::daily, 2026_y / 3 / 13, app::OnConflict::skip});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->booked.size(), 4u);
    ASSERT_EQ(out->refused.size(), 3u);
    for (auto& r : out->refused) EXPECT_EQ(r.why.code, "weekly_quota_reached");
}

TEST_F(DeskRulesTest, RecurrenceAllOrNothingBooksNone) {
    ASSERT_EQ(code(book(alice, open_desk, 2026_y / 3 / 10, app::Period::am)), "ok");
    const int before = live();
    auto out = app::book_desk_series(ctx(), actor(bob), {open_desk, 2026_y / 3 / 3, app::Period::am, std::nullopt},
                                     {Repeat::weekly, 2026_y / 3 / 17, app::OnConflict::all_or_nothing});
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, "occurrences_refused");
    ASSERT_EQ(out.error().details.size(), 1u);
    EXPECT_EQ(out.error().details[0].code, "slot_taken");
    EXPECT_EQ(live(), before);
}

TEST_F(DeskRulesTest, WalkInGoesThroughTheSameRules) {
    // Bob has his 4 half-days this week; at 09:30 on Monday he scans a free desk.
    for (auto d : {2026_y / 3 / 3, 2026_y / 3 / 4}) ASSERT_EQ(code(book(bob, open_desk, d, app::Period::day)), "ok");
    clock.set(paris(2026_y / 3 / 2, 9, 30));
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(bob), open_desk2).error().code, "weekly_quota_reached");
    EXPECT_EQ(app::check_in_at_desk(ctx(), actor(alice), adapted_desk).error().code, "adapted_desk_reserved");
    // The current half-day has begun: the quartier is open to all.
    auto walk_in = app::check_in_at_desk(ctx(), actor(carol), sgar_desk);
    ASSERT_TRUE(walk_in) << walk_in.error().message;
    EXPECT_TRUE(walk_in->walk_in);
}

}  // namespace
