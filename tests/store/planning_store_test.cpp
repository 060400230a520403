// SPDX-License-Identifier: EUPL-1.2
// The planning room of the Store on every database (SQLite and PostgreSQL), issue 12: the
// days on site read from desk bookings (half-days folded into days, cancelled and missed
// bookings, other sites, anonymised rows and days outside the period left out), a simulated
// history read back through the measured-presence use case as the probabilities it was drawn
// with, and saved scenarios (insert, list newest first, find, delete, forgetting the author).
#include <random>

#include <gtest/gtest.h>

#include "app/presence_history.hpp"
#include "core/calendar.hpp"
#include "store/open_store.hpp"
#include "throwaway_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

class PlanningStoreTest : public ThrowawayStoreTest {
protected:
    PlanningStoreTest() : ThrowawayStoreTest("escale_planning_store_") {}

    void seed() override {
        auto t = tx();
        Site s;
        s.name = "Site";
        site_ = *t->referential().insert(s);
        s.name = "Autre site";
        other_site_ = *t->referential().insert(s);
        service_ = *t->referential().insert(Service{0, site_, "SGAR", "SGAR"});
        floor_ = *t->referential().insert(Floor{0, site_, "Niveau 1", 1, ""});
        other_floor_ = *t->referential().insert(Floor{0, other_site_, "Niveau 1", 1, ""});
        alice_ = person(*t, site_, "alice@test.fr");
        bob_ = person(*t, site_, "bob@test.fr");
        ASSERT_TRUE(t->commit());
    }
    ResidentId person(Transaction& t, SiteId site, const std::string& email) {
        Resident r;
        r.site_id = site;
        r.service_id = site == site_ ? std::optional(service_) : std::nullopt;
        r.email = email;
        r.display_name = email;
        return *t.referential().insert(r);
    }
    DeskId desk(Transaction& t, SiteId site, FloorId floor) {
        return *t.referential().insert(Desk{0, site, floor, std::nullopt, "P" + std::to_string(++desks_)});
    }
    static void book(Transaction& t, SiteId site, DeskId d, ResidentId r, Date day, Half h, BookingState s) {
        DeskBooking b{0, site, d, r, day, h, s, Instant{std::chrono::seconds{1'772'000'000}}, r, std::nullopt};
        auto made = t.bookings().insert(b);
        ASSERT_TRUE(made) << made.error().message;
    }

    SiteId site_ = 0, other_site_ = 0;
    ServiceId service_ = 0;
    FloorId floor_ = 0, other_floor_ = 0;
    ResidentId alice_ = 0, bob_ = 0;
    int desks_ = 0;
};

}  // namespace

TEST_P(PlanningStoreTest, OnSiteDaysFoldHalfDaysAndKeepOnlyThoseWhoCame) {
    const Date mon = 2026_y / 3 / 2, tue = 2026_y / 3 / 3, wed = 2026_y / 3 / 4, thu = 2026_y / 3 / 5, fri = 2026_y / 3 / 6;
    {
        auto t = tx();
        auto d1 = desk(*t, site_, floor_), d2 = desk(*t, site_, floor_), d3 = desk(*t, other_site_, other_floor_);
        auto carol = person(*t, other_site_, "carol@test.fr");
        book(*t, site_, d1, alice_, mon, Half::am, BookingState::checked_in);
        book(*t, site_, d1, alice_, mon, Half::pm, BookingState::released);  // same day: one row
        book(*t, site_, d1, alice_, tue, Half::pm, BookingState::reserved);
        book(*t, site_, d1, alice_, wed, Half::am, BookingState::cancelled);  // not there
        book(*t, site_, d1, alice_, thu, Half::am, BookingState::no_show);    // not there
        book(*t, site_, d1, alice_, 2026_y / 3 / 9, Half::am, BookingState::reserved);  // after the period
        book(*t, site_, d2, bob_, fri, Half::am, BookingState::reserved);
        book(*t, site_, d2, bob_, 2026_y / 3 / 1, Half::am, BookingState::reserved);  // before the period
        book(*t, other_site_, d3, carol, tue, Half::am, BookingState::checked_in);  // another site
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto days = t->planning().on_site_days(site_, mon, fri);
    ASSERT_TRUE(days) << days.error().message;
    ASSERT_EQ(days->size(), 3u);
    EXPECT_EQ((*days)[0].resident_id, alice_);
    EXPECT_EQ((*days)[0].date, mon);
    EXPECT_EQ((*days)[1].resident_id, alice_);
    EXPECT_EQ((*days)[1].date, tue);
    EXPECT_EQ((*days)[2].resident_id, bob_);
    EXPECT_EQ((*days)[2].date, fri);
}

TEST_P(PlanningStoreTest, AnonymisedBookingsAreLeftOut) {
    {
        auto t = tx();
        auto d1 = desk(*t, site_, floor_);
        book(*t, site_, d1, alice_, 2026_y / 3 / 2, Half::am, BookingState::checked_in);
        ASSERT_TRUE(t->bookings().anonymize_of(alice_));
        ASSERT_TRUE(t->commit());
    }
    EXPECT_TRUE(tx(TxMode::read)->planning().on_site_days(site_, 2026_y / 3 / 2, 2026_y / 3 / 6)->empty());
}

// A service of 6 drawn with known weekday probabilities over 30 weeks, read back through the
// use case (measured presence, shrunk toward the service) on this database.
TEST_P(PlanningStoreTest, ASimulatedHistoryIsReadBackAsItsProbabilities) {
    const planning::DailyPresence truth{0.9, 0.7, 0.4, 0.7, 0.2};
    const Date first = 2025_y / 9 / 1, last = 2026_y / 3 / 27;  // Monday to Friday, 30 weeks
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> draw(0.0, 1.0);
    Resident gestionnaire;
    {
        auto t = tx();
        std::vector<ResidentId> people{alice_, bob_};
        for (int i = 0; i < 4; ++i) people.push_back(person(*t, site_, "p" + std::to_string(i) + "@test.fr"));
        for (auto r : people) {
            auto d = desk(*t, site_, floor_);
            for (auto day = date::sys_days(first); day <= date::sys_days(last); day += date::days{1}) {
                if (is_weekend(Date(day)) || is_french_public_holiday(Date(day))) continue;
                auto w = static_cast<std::size_t>(date::weekday(day).iso_encoding() - 1);
                if (draw(random) < truth[w]) book(*t, site_, d, r, Date(day), Half::am, BookingState::checked_in);
            }
        }
        gestionnaire.site_id = site_;
        gestionnaire.email = "gestion@test.fr";
        gestionnaire.display_name = "Gestion";
        gestionnaire.role = Role::gestionnaire;
        gestionnaire.id = *t->referential().insert(gestionnaire);
        ASSERT_TRUE(t->commit());
    }
    SystemClock clock;
    app::Context ctx{*store_, clock};
    auto m = app::measured_site_presence(ctx, app::Actor::of(gestionnaire, {}), site_, first, last);
    ASSERT_TRUE(m) << m.error().message;
    ASSERT_EQ(m->services.size(), 1u);
    EXPECT_EQ(m->services[0].residents, 6);
    for (std::size_t d = 0; d < 5; ++d) EXPECT_NEAR(m->services[0].presence[d], truth[d], 0.08) << "weekday " << d;
}

TEST_P(PlanningStoreTest, ScenariosAreSavedListedFoundDeletedAndForgetTheirAuthor) {
    auto at = [](long s) { return Instant{std::chrono::seconds{s}}; };
    ScenarioId first = 0, second = 0;
    {
        auto t = tx();
        first = *t->planning().insert_scenario({0, site_, "Cité 2027", R"({"desks":750})", R"({"ok":true})", alice_, at(1000)});
        second = *t->planning().insert_scenario({0, site_, "Cité 2028", "{}", "{}", bob_, at(2000)});
        ASSERT_TRUE(t->planning().insert_scenario({0, other_site_, "Ailleurs", "{}", "{}", std::nullopt, at(1500)}));
        ASSERT_TRUE(t->commit());
    }
    {
        auto t = tx(TxMode::read);
        auto list = *t->planning().scenarios_of(site_);
        ASSERT_EQ(list.size(), 2u);
        EXPECT_EQ(list[0].id, second);  // newest first
        EXPECT_EQ(list[1].name, "Cité 2027");
        EXPECT_EQ(list[1].input, R"({"desks":750})");
        EXPECT_EQ(list[1].result, R"({"ok":true})");
        EXPECT_EQ(list[1].author_id, alice_);
        EXPECT_EQ(list[1].created_at, at(1000));
        auto found = *t->planning().find_scenario(first);
        ASSERT_TRUE(found);
        EXPECT_EQ(found->site_id, site_);
        EXPECT_FALSE(*t->planning().find_scenario(first + 1000));
    }
    {
        auto t = tx();
        ASSERT_TRUE(t->planning().forget_author(alice_));
        EXPECT_TRUE(*t->planning().delete_scenario(second));
        EXPECT_FALSE(*t->planning().delete_scenario(second));
        ASSERT_TRUE(t->commit());
    }
    auto t = tx(TxMode::read);
    auto list = *t->planning().scenarios_of(site_);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_FALSE(list[0].author_id);
}

TEST_P(PlanningStoreTest, AScenarioNeedsAnExistingSite) {
    auto t = tx();
    EXPECT_FALSE(t->planning().insert_scenario({0, 999'999, "x", "{}", "{}", std::nullopt, Instant{}}));
}

INSTANTIATE_TEST_SUITE_P(Databases, PlanningStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });
