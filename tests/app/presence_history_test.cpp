// SPDX-License-Identifier: EUPL-1.2
// Measured presence from a site's history (app/presence_history.hpp) against the in-memory
// store: a year of bookings drawn with known weekday probabilities per service is read back
// as those probabilities (cancelled and missed bookings, closed days and the weekend left
// out), small services are folded into the site's figure, and only plan_sites may ask.
#include <gtest/gtest.h>

#include <random>

#include "app/presence_history.hpp"
#include "core/calendar.hpp"
#include "fake_store.hpp"

using namespace escale;
using namespace date::literals;

namespace {

const Date first_day = 2025_y / 1 / 6;  // a Monday
const Date last_day = 2025_y / 12 / 26;  // a Friday, 51 weeks later

class PresenceHistoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto tx = *store.begin(TxMode::write);
        auto& ref = tx->referential();
        Site s;
        s.name = "Préfecture";
        site = *ref.insert(s);
        floor = *ref.insert(Floor{0, site, "Niveau 1", 1, ""});
        auto a = *ref.insert(Service{0, site, "A", "Affaires régionales"});
        auto b = *ref.insert(Service{0, site, "B", "Bureau du cabinet"});
        auto c = *ref.insert(Service{0, site, "C", "Communication"});
        services = {{a, 10, {0.9, 0.8, 0.5, 0.8, 0.3}}, {b, 6, {0.2, 0.6, 0.6, 0.6, 0.1}}, {c, 2, {1, 1, 1, 1, 1}}};
        std::mt19937_64 random(42);
        std::uniform_real_distribution<double> draw(0.0, 1.0);
        int n = 0;
        for (auto& [service, count, truth] : services)
            for (int i = 0; i < count; ++i) {
                auto r = fake::add_resident(ref, site, service, "r" + std::to_string(n++), Role::agent);
                auto desk = *ref.insert(Desk{0, site, floor, std::nullopt, "P" + std::to_string(n)});
                for (auto d = date::sys_days(first_day); d <= date::sys_days(last_day); d += date::days{1}) {
                    Date day(d);
                    if (is_weekend(day) || is_french_public_holiday(day)) continue;
                    int w = static_cast<int>(date::weekday(d).iso_encoding()) - 1;
                    bool came = draw(random) < truth[static_cast<std::size_t>(w)];
                    // Came: a morning, an afternoon or both, in any state that says so. Did
                    // not: sometimes a cancelled or missed booking, which must not count.
                    auto u = draw(random);
                    DeskBooking bk;
                    bk.site_id = site;
                    bk.desk_id = desk;
                    bk.resident_id = r.id;
                    bk.date = day;
                    bk.half = u < 0.5 ? Half::am : Half::pm;
                    if (came) {
                        bk.state = u < 0.3 ? BookingState::checked_in : u < 0.6 ? BookingState::reserved
                                                                                : BookingState::released;
                        ASSERT_TRUE(tx->bookings().insert(bk));
                        if (u < 0.2) {
                            bk.half = Half::pm;
                            ASSERT_TRUE(tx->bookings().insert(bk));
                        }
                    } else if (u < 0.3) {
                        bk.state = u < 0.15 ? BookingState::cancelled : BookingState::no_show;
                        ASSERT_TRUE(tx->bookings().insert(bk));
                    }
                }
            }
        gestionnaire = fake::add_resident(ref, site, std::nullopt, "gestion", Role::gestionnaire);
        agent = fake::add_resident(ref, site, a, "agent", Role::agent);
        ASSERT_TRUE(tx->commit());
    }

    app::Context ctx() { return app::Context{store, clock}; }

    struct Truth {
        ServiceId id;
        int residents;
        planning::DailyPresence presence;
    };
    fake::Store store;
    ManualClock clock{date::sys_days{2026_y / 1 / 5} + std::chrono::hours{9}};
    SiteId site = 0;
    FloorId floor = 0;
    std::vector<Truth> services;
    Resident gestionnaire, agent;
};

TEST_F(PresenceHistoryTest, RecoversTheWeekdayPresenceOfEachService) {
    auto m = app::measured_site_presence(ctx(), app::Actor::of(gestionnaire, {}), site, first_day, last_day);
    ASSERT_TRUE(m) << m.error().message;
    // 51 weeks; Easter Monday, Whit Monday, 1 and 8 May (Thursdays), Ascension, 14 July (a
    // Monday), 15 August, 11 November (a Tuesday), 25 December (a Thursday) closed.
    EXPECT_EQ(m->open_days, (std::array<int, 5>{48, 50, 51, 47, 50}));
    ASSERT_EQ(m->services.size(), 2u);  // C has 2 residents: not shown
    EXPECT_EQ(m->residents_in_small_services, 2 + 1);  // C and the gestionnaire without a service
    for (std::size_t s = 0; s < 2; ++s) {
        auto& got = m->services[s];
        auto& truth = services[s];
        EXPECT_EQ(got.service_id, truth.id);
        // The agent added after the history (never came) counts in A, with A's rate shrunk to 0.
        int extra = s == 0 ? 1 : 0;
        EXPECT_EQ(got.residents, truth.residents + extra);
        for (std::size_t d = 0; d < 5; ++d) {
            double expected = truth.presence[d] * truth.residents / (truth.residents + extra);
            EXPECT_NEAR(got.presence[d], expected, 0.05) << got.name << " weekday " << d;
        }
    }
    EXPECT_EQ(m->services[0].name, "Affaires régionales");
}

TEST_F(PresenceHistoryTest, AShortHistoryLeansOnTheService) {
    // Two weeks: each resident is seen twice per weekday, so the weight of 8 days of the
    // service's rate dominates and the service's mean is close to its pooled rate.
    auto m = app::measured_site_presence(ctx(), app::Actor::of(gestionnaire, {}), site, 2025_y / 3 / 3, 2025_y / 3 / 14);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->open_days, (std::array<int, 5>{2, 2, 2, 2, 2}));
    auto none = app::measured_site_presence(ctx(), app::Actor::of(gestionnaire, {}), site, 2025_y / 3 / 3,
                                            2025_y / 3 / 14, 0.0);
    ASSERT_TRUE(none);
    // The mean over a service of shrunk figures equals the pooled rate either way.
    for (std::size_t d = 0; d < 5; ++d) EXPECT_NEAR(m->services[1].presence[d], none->services[1].presence[d], 1e-9);
}

TEST_F(PresenceHistoryTest, DefaultsToTheTwelveWeeksBeforeToday) {
    auto m = app::measured_site_presence(ctx(), app::Actor::of(gestionnaire, {}), site);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->to, 2026_y / 1 / 4);
    EXPECT_EQ(m->from, 2025_y / 10 / 13);
}

TEST_F(PresenceHistoryTest, OnlyWhoPlansTheSiteMayAsk) {
    auto m = app::measured_site_presence(ctx(), app::Actor::of(agent, {}), site, first_day, last_day);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, "forbidden");
}

TEST_F(PresenceHistoryTest, RefusesAReversedOrLongPeriodAndANegativeWeight) {
    auto g = app::Actor::of(gestionnaire, {});
    auto reversed = app::measured_site_presence(ctx(), g, site, last_day, first_day);
    ASSERT_FALSE(reversed);
    EXPECT_EQ(reversed.error().code, "invalid_field");
    EXPECT_FALSE(app::measured_site_presence(ctx(), g, site, 2023_y / 1 / 1, last_day));
    auto weight = app::measured_site_presence(ctx(), g, site, first_day, last_day, -1.0);
    ASSERT_FALSE(weight);
    EXPECT_EQ(weight.error().code, "invalid_field");
    auto unknown = app::measured_site_presence(ctx(), g, site + 100, first_day, last_day);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "not_found");
}

}  // namespace
