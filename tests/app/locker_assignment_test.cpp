// SPDX-License-Identifier: EUPL-1.2
// The locker use cases (app/locker_assignment.hpp) against the in-memory store: taking the
// nearest free locker, one per resident, who may assign and release for someone else and
// the audit lines, a deactivated resident's locker freed, a held locker not deleted.
#include <gtest/gtest.h>

#include "app/locker_assignment.hpp"
#include "app/referential.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

const Instant monday_8am = date::sys_days{2026_y / 3 / 2} + std::chrono::hours{7};

class LockerAssignmentTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        site = *ref.insert(s);
        s.name = "Autre site";
        elsewhere = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        FloorId floor_b = *ref.insert(Floor{0, elsewhere, "RDC", 0, ""});
        sgar = *ref.insert(Service{0, site, "SGAR", "SGAR"});
        dreets = *ref.insert(Service{0, site, "DREETS", "DREETS"});
        zone_sgar = *ref.insert(Zone{0, site, floor, sgar, "Quartier SGAR", 0});
        near_sgar = *ref.insert(Locker{0, site, floor, "C-02", zone_sgar, 0, 0});
        plain = *ref.insert(Locker{0, site, floor, "C-01", std::nullopt, 0, 0});
        other_site_locker = *ref.insert(Locker{0, elsewhere, floor_b, "B-01", std::nullopt, 0, 0});
        alice = fake::add_resident(ref, site, sgar, "alice", Role::agent);
        bob = fake::add_resident(ref, site, dreets, "bob", Role::agent);
        gestionnaire = fake::add_resident(ref, site, sgar, "gestion", Role::gestionnaire);
        referent = fake::add_resident(ref, site, sgar, "referente", Role::referent);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return {store, clock}; }
    static app::Actor actor(const Resident& r) { return app::Actor::of(r, {}); }
    int live() {
        int n = 0;
        for (auto& a : store.state.locker_assignments) n += a.live();
        return n;
    }
    std::vector<std::string> audit_actions() {
        std::vector<std::string> out;
        for (auto& e : store.state.audit)
            if (e.object == "locker_assignments") out.push_back(e.action);
        return out;
    }

    fake::Store store;
    ManualClock clock{monday_8am};
    SiteId site = 0, elsewhere = 0;
    FloorId floor = 0;
    ServiceId sgar = 0, dreets = 0;
    ZoneId zone_sgar = 0;
    LockerId near_sgar = 0, plain = 0, other_site_locker = 0;
    Resident alice, bob, gestionnaire, referent;
};

TEST_F(LockerAssignmentTest, TheNearestFreeLockerIsTakenAndOnlyOne) {
    auto free = app::free_lockers_for_me(ctx(), actor(alice));
    ASSERT_TRUE(free);
    ASSERT_EQ(free->size(), 2u);
    EXPECT_EQ((*free)[0].choice.locker.id, near_sgar);  // in the SGAR quartier, though "C-02" > "C-01"
    EXPECT_EQ((*free)[0].zone_name, "Quartier SGAR");
    auto taken = app::take_locker(ctx(), actor(alice), std::nullopt);
    ASSERT_TRUE(taken) << taken.error().message;
    EXPECT_EQ(taken->locker.id, near_sgar);
    EXPECT_EQ(taken->assignment.assigned_at, monday_8am);
    EXPECT_EQ(app::take_locker(ctx(), actor(alice), plain).error().code, "already_holds_locker");
    EXPECT_EQ(app::take_locker(ctx(), actor(bob), near_sgar).error().code, "locker_taken");
    EXPECT_EQ(app::take_locker(ctx(), actor(bob), other_site_locker).error().code, "locker_of_another_site");
    EXPECT_EQ(app::take_locker(ctx(), actor(bob), 999).error().code, "not_found");
    // Bob's nearest is the only one left; then nothing is.
    EXPECT_EQ(app::take_locker(ctx(), actor(bob), std::nullopt)->locker.id, plain);
    EXPECT_EQ(app::take_locker(ctx(), actor(gestionnaire), std::nullopt).error().code, "no_free_locker");
    EXPECT_EQ(live(), 2);
    EXPECT_TRUE(audit_actions().empty());  // one's own locker is not audited
    EXPECT_TRUE(app::release_my_locker(ctx(), actor(alice)));
    EXPECT_EQ(app::release_my_locker(ctx(), actor(alice)).error().code, "no_locker");
    EXPECT_EQ(app::my_locker(ctx(), actor(alice)).error().code, "no_locker");
    EXPECT_EQ(app::my_locker(ctx(), actor(bob))->locker.label, "C-01");
}

TEST_F(LockerAssignmentTest, OnlyWhoAssignsLockersAssignsAndReleasesForOthers) {
    EXPECT_EQ(app::assign_locker(ctx(), actor(bob), alice.id, plain).error().code, "forbidden");
    EXPECT_EQ(app::assign_locker(ctx(), actor(referent), alice.id, plain).error().code, "forbidden");
    EXPECT_EQ(live(), 0);
    auto a = app::assign_locker(ctx(), actor(gestionnaire), alice.id, plain);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->resident_name, "alice");
    EXPECT_EQ(a->assignment.assigned_by, gestionnaire.id);
    EXPECT_EQ(app::assign_locker(ctx(), actor(gestionnaire), alice.id, near_sgar).error().code, "already_holds_locker");
    EXPECT_EQ(app::assign_locker(ctx(), actor(gestionnaire), bob.id, plain).error().code, "locker_taken");
    EXPECT_EQ(app::assign_locker(ctx(), actor(gestionnaire), bob.id, other_site_locker).error().code,
              "locker_of_another_site");
    // Someone else's assignment is not revealed to whom may not release it.
    EXPECT_EQ(app::release_locker_assignment(ctx(), actor(bob), a->assignment.id).error().code, "not_found");
    auto held = app::site_locker_assignments(ctx(), actor(gestionnaire), site);
    ASSERT_TRUE(held);
    ASSERT_EQ(held->size(), 1u);
    EXPECT_EQ(app::site_locker_assignments(ctx(), actor(referent), site).error().code, "forbidden");
    EXPECT_TRUE(app::release_locker_assignment(ctx(), actor(gestionnaire), a->assignment.id));
    EXPECT_EQ(app::release_locker_assignment(ctx(), actor(gestionnaire), a->assignment.id).error().code, "no_locker");
    EXPECT_EQ(audit_actions(), (std::vector<std::string>{"assign_for", "release_for"}));
    EXPECT_EQ(store.state.audit.back().on_behalf_of, alice.id);
}

TEST_F(LockerAssignmentTest, ADeactivatedResidentsLockerIsFreed) {
    ASSERT_TRUE(app::take_locker(ctx(), actor(alice), plain));
    Resident departed = alice;
    departed.active = false;
    ASSERT_TRUE(app::update_entity(ctx(), actor(gestionnaire), departed));
    EXPECT_EQ(live(), 0);
    EXPECT_EQ(audit_actions(), (std::vector<std::string>{"release_for"}));
    // And an inactive resident gets none.
    EXPECT_EQ(app::assign_locker(ctx(), actor(gestionnaire), alice.id, plain).error().code, "not_found");
}

TEST_F(LockerAssignmentTest, AHeldLockerIsNotDeleted) {
    ASSERT_TRUE(app::take_locker(ctx(), actor(alice), plain));
    EXPECT_EQ(app::delete_entity<Locker>(ctx(), actor(gestionnaire), plain).error().code, "in_use");
    ASSERT_TRUE(app::release_my_locker(ctx(), actor(alice)));
    EXPECT_TRUE(app::delete_entity<Locker>(ctx(), actor(gestionnaire), plain));
    EXPECT_TRUE(store.state.locker_assignments.empty());  // its history went with it
}

}  // namespace
