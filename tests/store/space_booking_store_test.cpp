// SPDX-License-Identifier: EUPL-1.2
// The space bookings room of the Store on every database (SQLite and PostgreSQL): round
// trips, overlap reads, anonymisation, and invariant 2 — on PostgreSQL the database itself
// refuses an overlapping live booking even when the application's check is bypassed.
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/open_store.hpp"
#include "throwaway_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

class SpaceStoreTest : public ThrowawayStoreTest {
protected:
    SpaceStoreTest() : ThrowawayStoreTest("escale_space_store_") {}

    void seed() override {
        auto t = tx();
        Site s;
        s.name = "Site";
        site_ = *t->referential().insert(s);
        auto floor = *t->referential().insert(Floor{0, site_, "RDC", 0, "<svg/>"});
        room_ = *t->referential().insert(Space{0, site_, floor, std::nullopt, "Salle", SpaceType::meeting_room, 8});
        other_ = *t->referential().insert(Space{0, site_, floor, std::nullopt, "Bulle", SpaceType::bubble, 1});
        Resident r;
        r.site_id = site_;
        r.email = "alice@test.fr";
        r.display_name = "Alice";
        alice_ = *t->referential().insert(r);
        ASSERT_TRUE(t->commit());
    }
    // 4 March 2026, from h:m UTC for `minutes`.
    SpaceBooking booking(SpaceId space, int h, int m, int minutes) {
        Instant start = Instant{date::sys_days{2026_y / 3 / 4}} + std::chrono::hours{h} + std::chrono::minutes{m};
        return SpaceBooking{0, site_, space, alice_, start, start + std::chrono::minutes{minutes}, 3, "Réunion",
                            BookingState::reserved, Instant{std::chrono::seconds{1'772'000'000}}, alice_, std::nullopt};
    }

    SiteId site_ = 0;
    SpaceId room_ = 0, other_ = 0;
    ResidentId alice_ = 0;
};

}  // namespace

TEST_P(SpaceStoreTest, RoundTripsAndReadsOverlaps) {
    SpaceBookingId id;
    {
        auto t = tx();
        id = *t->space_bookings().insert(booking(room_, 9, 0, 60));
        ASSERT_TRUE(t->space_bookings().insert(booking(room_, 10, 0, 30)));   // touches: [10:00, 10:30)
        ASSERT_TRUE(t->space_bookings().insert(booking(other_, 9, 30, 60)));  // another space
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto b = *t->space_bookings().find(id);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->start, booking(room_, 9, 0, 60).start);
    EXPECT_EQ(b->end, booking(room_, 9, 0, 60).end);
    EXPECT_EQ(b->attendees, 3);
    EXPECT_EQ(b->subject, "Réunion");
    EXPECT_EQ(b->resident_id, alice_);
    EXPECT_EQ(b->state, BookingState::reserved);
    auto q = booking(room_, 9, 45, 30);  // [9:45, 10:15) meets both bookings of the room
    EXPECT_EQ(t->space_bookings().live_overlapping(room_, q.start, q.end)->size(), 2u);
    auto edge = booking(room_, 10, 30, 15);  // starts where the second ends
    EXPECT_TRUE(t->space_bookings().live_overlapping(room_, edge.start, edge.end)->empty());
    auto busy = *t->space_bookings().busy_spaces(site_, q.start, q.end);
    EXPECT_EQ(busy, (std::vector<SpaceId>{room_, other_}));
    EXPECT_EQ(t->space_bookings().live_of(alice_, q.start, q.end)->size(), 3u);
}

TEST_P(SpaceStoreTest, AnOverlapIsRefusedByTheDatabaseOnPostgresAndACancelledRangeIsFree) {
    {
        auto t = tx();
        ASSERT_TRUE(t->space_bookings().insert(booking(room_, 9, 0, 60)));
        ASSERT_TRUE(t->commit());
    }
    if (GetParam() == "postgres") {
        // The application's check is bypassed: the exclusion constraint still refuses.
        auto t = tx();
        auto clash = t->space_bookings().insert(booking(room_, 9, 30, 60));
        ASSERT_FALSE(clash);
        EXPECT_EQ(clash.error().code, "range_taken");
        EXPECT_EQ(clash.error().kind, ErrorKind::contention);  // run again, the check names the winner
    }
    {
        auto t = tx();
        auto held = *t->space_bookings().live_overlapping(room_, booking(room_, 9, 30, 60).start,
                                                           booking(room_, 9, 30, 60).end);
        ASSERT_EQ(held.size(), 1u);
        ASSERT_TRUE(t->space_bookings().set_state(held[0].id, BookingState::cancelled, Instant{}));
        ASSERT_TRUE(t->space_bookings().insert(booking(room_, 9, 30, 60)));  // the range is free again
        ASSERT_TRUE(t->commit());
    }
    EXPECT_EQ(tx()->space_bookings().set_state(9999, BookingState::cancelled, Instant{}).error().code, "not_found");
}

TEST_P(SpaceStoreTest, ThreadsInsertingOverlapsWithoutCheckingLeaveOneOnPostgres) {
    if (GetParam() != "postgres") GTEST_SKIP() << "SQLite serialises writers: the check in the transaction holds";
    constexpr int n = 16;
    std::vector<std::thread> threads;
    std::atomic<int> won{0}, refused{0};
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&, i] {
            auto t = tx();
            auto r = t->space_bookings().insert(booking(room_, 9, 15 * (i % 4), 60));
            if (r && t->commit()) ++won;
            else if (!r && r.error().code == "range_taken") ++refused;
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(refused.load(), n - 1);
}

TEST_P(SpaceStoreTest, AnonymisingForgetsWhoAndWhyAndKeepsTheRange) {
    SpaceBookingId id;
    {
        auto t = tx();
        id = *t->space_bookings().insert(booking(room_, 9, 0, 60));
        ASSERT_TRUE(t->commit());
    }
    {
        auto t = tx();
        EXPECT_EQ(t->space_bookings().all_of(alice_)->size(), 1u);
        EXPECT_EQ(*t->space_bookings().anonymize_before(site_, booking(room_, 9, 0, 60).start), 0);  // not ended then
        EXPECT_EQ(*t->space_bookings().anonymize_before(site_, booking(room_, 10, 0, 60).start), 1);
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto b = *t->space_bookings().find(id);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->resident_id, 0);
    EXPECT_EQ(b->created_by, 0);
    EXPECT_EQ(b->subject, "");
    EXPECT_EQ(b->start, booking(room_, 9, 0, 60).start);
    EXPECT_TRUE(t->space_bookings().all_of(alice_)->empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, SpaceStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });
