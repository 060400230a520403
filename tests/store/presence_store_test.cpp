// SPDX-License-Identifier: EUPL-1.2
// The presence room of the Store on every database (SQLite and PostgreSQL): declarations
// (upsert, range reads, per service), weekly patterns, the visibility setting, retention and
// forgetting a person (issue 10, item 6).
#include <filesystem>

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "store/open_store.hpp"
#include "throwaway_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

class PresenceStoreTest : public ThrowawayStoreTest {
protected:
    PresenceStoreTest() : ThrowawayStoreTest("escale_presence_store_") {}

    void seed() override {
        auto t = tx();
        Site s;
        s.name = "Site";
        site_ = *t->referential().insert(s);
        service_ = *t->referential().insert(Service{0, site_, "SGAR", "SGAR"});
        other_service_ = *t->referential().insert(Service{0, site_, "DREETS", "DREETS"});
        alice_ = person(*t, "alice@test.fr", service_);
        bob_ = person(*t, "bob@test.fr", other_service_);
        ASSERT_TRUE(t->commit());
    }
    ResidentId person(Transaction& t, const char* email, ServiceId service) {
        Resident r;
        r.site_id = site_;
        r.service_id = service;
        r.email = email;
        r.display_name = email;
        return *t.referential().insert(r);
    }
    PresenceDeclaration declared(ResidentId who, Date d, Half h, PresenceStatus s) {
        return PresenceDeclaration{who, site_, d, h, s, Instant{std::chrono::seconds{1'772'000'000}}, who};
    }

    SiteId site_ = 0;
    ServiceId service_ = 0, other_service_ = 0;
    ResidentId alice_ = 0, bob_ = 0;
};

}  // namespace

TEST_P(PresenceStoreTest, DeclarationsAreUpsertedReadByRangeAndByService) {
    {
        auto t = tx();
        ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 2, Half::am, PresenceStatus::teletravail)));
        ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 2, Half::pm, PresenceStatus::sur_site)));
        ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 9, Half::am, PresenceStatus::mission)));
        ASSERT_TRUE(t->presence().put_declaration(declared(bob_, 2026_y / 3 / 2, Half::am, PresenceStatus::absent)));
        // The same half-day again replaces it.
        ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 2, Half::am, PresenceStatus::absent)));
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto week = *t->presence().declarations_of(alice_, 2026_y / 3 / 2, 2026_y / 3 / 8);
    ASSERT_EQ(week.size(), 2u);
    EXPECT_EQ(week[0].half, Half::am);
    EXPECT_EQ(week[0].status, PresenceStatus::absent);
    EXPECT_EQ(week[0].declared_by, alice_);
    EXPECT_EQ(week[1].status, PresenceStatus::sur_site);
    EXPECT_EQ(t->presence().all_declarations_of(alice_)->size(), 3u);
    auto service = *t->presence().declarations_of_service(service_, 2026_y / 3 / 1, 2026_y / 3 / 31);
    EXPECT_EQ(service.size(), 3u);
    for (auto& d : service) EXPECT_EQ(d.resident_id, alice_);
    EXPECT_EQ(t->presence().declarations_of_service(other_service_, 2026_y / 3 / 1, 2026_y / 3 / 31)->size(), 1u);
}

TEST_P(PresenceStoreTest, DeletingADeclarationSaysWhetherThereWasOne) {
    auto t = tx();
    ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 2, Half::am, PresenceStatus::teletravail)));
    EXPECT_TRUE(*t->presence().delete_declaration(alice_, 2026_y / 3 / 2, Half::am));
    EXPECT_FALSE(*t->presence().delete_declaration(alice_, 2026_y / 3 / 2, Half::am));
    EXPECT_TRUE(t->presence().all_declarations_of(alice_)->empty());
}

TEST_P(PresenceStoreTest, APatternIsReplacedWhole) {
    {
        auto t = tx();
        std::vector<PatternCell> week{{1, Half::am, PresenceStatus::sur_site}, {1, Half::pm, PresenceStatus::sur_site},
                                      {3, Half::am, PresenceStatus::teletravail}};
        ASSERT_TRUE(t->presence().replace_pattern(alice_, week));
        ASSERT_TRUE(t->presence().replace_pattern(bob_, week));
        std::vector<PatternCell> shorter{{5, Half::pm, PresenceStatus::mission}};
        ASSERT_TRUE(t->presence().replace_pattern(alice_, shorter));
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto mine = *t->presence().pattern_of(alice_);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].weekday, 5);
    EXPECT_EQ(mine[0].half, Half::pm);
    EXPECT_EQ(mine[0].status, PresenceStatus::mission);
    EXPECT_EQ(t->presence().pattern_of(bob_)->size(), 3u);
    auto of_service = *t->presence().patterns_of_service(other_service_);
    ASSERT_EQ(of_service.size(), 3u);
    EXPECT_EQ(of_service[0].first, bob_);
}

TEST_P(PresenceStoreTest, VisibilityDefaultsToHiddenAndListsOnlyWhoOptedIn) {
    auto t = tx();
    EXPECT_FALSE(*t->presence().visible_to_colleagues(alice_));
    ASSERT_TRUE(t->presence().set_visible_to_colleagues(alice_, true));
    ASSERT_TRUE(t->presence().set_visible_to_colleagues(bob_, true));
    ASSERT_TRUE(t->presence().set_visible_to_colleagues(bob_, false));
    EXPECT_TRUE(*t->presence().visible_to_colleagues(alice_));
    EXPECT_FALSE(*t->presence().visible_to_colleagues(bob_));
    EXPECT_EQ(*t->presence().visible_on_site(site_), std::vector<ResidentId>{alice_});
}

TEST_P(PresenceStoreTest, RetentionDeletesOldDeclarationsAndForgettingDeletesEverything) {
    auto t = tx();
    ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2025_y / 1 / 6, Half::am, PresenceStatus::teletravail)));
    ASSERT_TRUE(t->presence().put_declaration(declared(alice_, 2026_y / 3 / 2, Half::am, PresenceStatus::teletravail)));
    auto for_bob = declared(bob_, 2026_y / 3 / 2, Half::am, PresenceStatus::absent);
    for_bob.declared_by = alice_;  // alice declared it for bob
    ASSERT_TRUE(t->presence().put_declaration(for_bob));
    EXPECT_EQ(*t->presence().delete_declarations_before(site_, 2026_y / 1 / 1), 1);
    EXPECT_EQ(t->presence().all_declarations_of(alice_)->size(), 1u);

    std::vector<PatternCell> week{{1, Half::am, PresenceStatus::sur_site}};
    ASSERT_TRUE(t->presence().replace_pattern(alice_, week));
    ASSERT_TRUE(t->presence().set_visible_to_colleagues(alice_, true));
    ASSERT_TRUE(t->presence().forget(alice_));
    EXPECT_TRUE(t->presence().all_declarations_of(alice_)->empty());
    EXPECT_TRUE(t->presence().pattern_of(alice_)->empty());
    EXPECT_FALSE(*t->presence().visible_to_colleagues(alice_));
    auto bobs = *t->presence().all_declarations_of(bob_);
    ASSERT_EQ(bobs.size(), 1u);
    EXPECT_EQ(bobs[0].declared_by, std::nullopt);  // bob's own stays, its author forgotten
}

TEST_P(PresenceStoreTest, TheDatabaseRefusesAnUnknownResident) {
    auto t = tx();
    auto r = t->presence().put_declaration(declared(999'999, 2026_y / 3 / 2, Half::am, PresenceStatus::absent));
    EXPECT_FALSE(r);
}

INSTANTIATE_TEST_SUITE_P(Databases, PresenceStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });
