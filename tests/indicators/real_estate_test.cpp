// SPDX-License-Identifier: EUPL-1.2
// The State's real-estate indicators on small sites whose figures are worked out by hand.
#include "indicators/real_estate.hpp"

#include <gtest/gtest.h>

namespace escale::indicators {
namespace {

SiteFacts pilot() {
    SiteFacts s;
    s.id = 1;
    s.name = "Pilote";
    s.sub_m2 = 522;
    s.desks = 29;
    s.residents.assign(36, ResidentFacts{.service_id = 1, .fte_percent = 100, .weight = 1});
    return s;
}

// 8 people: service 1 has three full-time agents, a trainee counted for 0.5 and an agent at
// 50 %; service 2 two agents at 80 %; one contractor without a service. 6 desks, 135 m²,
// a baseline of 180 m². Quartiers: two of service 1 (4 desks, 60 m²; 1 desk, 20 m²), one of
// service 2 (1 desk, 30 m²), a shared one without desks (25 m²).
SiteFacts mixed() {
    SiteFacts s;
    s.id = 2;
    s.name = "Mixte";
    s.sub_m2 = 135;
    s.baseline_sub_m2 = 180;
    s.desks = 6;
    for (int i = 0; i < 3; ++i) s.residents.push_back({.service_id = 1, .fte_percent = 100, .weight = 1});
    s.residents.push_back({.service_id = 1, .fte_percent = 100, .weight = 0.5});
    s.residents.push_back({.service_id = 1, .fte_percent = 50, .weight = 1});
    s.residents.push_back({.service_id = 2, .fte_percent = 80, .weight = 1});
    s.residents.push_back({.service_id = 2, .fte_percent = 80, .weight = 1});
    s.residents.push_back({.service_id = std::nullopt, .fte_percent = 100, .weight = 1});
    s.quartiers = {{.id = 10, .name = "A1", .service_id = 1, .sub_m2 = 60, .desks = 4},
                   {.id = 11, .name = "A2", .service_id = 1, .sub_m2 = 20, .desks = 1},
                   {.id = 12, .name = "B", .service_id = 2, .sub_m2 = 30, .desks = 1},
                   {.id = 13, .name = "Convivialité", .service_id = std::nullopt, .sub_m2 = 25, .desks = 0}};
    return s;
}

TEST(RealEstateIndicators, PilotTauxDeFoisonnementIs29Over36) {
    auto i = site_indicators(pilot());
    EXPECT_EQ(i.residents, 36);
    EXPECT_DOUBLE_EQ(i.residents_weighted, 36);
    EXPECT_DOUBLE_EQ(i.residents_fte, 36);
    EXPECT_EQ(i.desks, 29);
    ASSERT_TRUE(i.taux_foisonnement);
    EXPECT_NEAR(*i.taux_foisonnement, 0.81, 0.005);
    EXPECT_DOUBLE_EQ(*i.sub_m2_per_resident, 14.5);
    EXPECT_DOUBLE_EQ(*i.sub_m2_per_desk, 18);
    EXPECT_EQ(i.surface_status, SurfaceStatus::within_target);
    EXPECT_FALSE(i.reduction);
}

TEST(RealEstateIndicators, WeightsAndQuotitesCountAsWorkedOutByHand) {
    auto i = site_indicators(mixed());
    EXPECT_EQ(i.residents, 8);
    EXPECT_DOUBLE_EQ(i.residents_weighted, 7.5);          // 3 + 0.5 + 1 + 2 + 1
    EXPECT_NEAR(i.residents_fte, 6.6, 1e-12);             // 3 + 0.5 + 0.5 + 1.6 + 1
    EXPECT_DOUBLE_EQ(*i.taux_foisonnement, 0.8);          // 6 / 7.5
    EXPECT_DOUBLE_EQ(*i.sub_m2_per_resident, 18);         // 135 / 7.5: at the ceiling
    EXPECT_EQ(i.surface_status, SurfaceStatus::within_ceiling);
    EXPECT_DOUBLE_EQ(*i.sub_m2_per_desk, 22.5);
    ASSERT_TRUE(i.reduction);
    EXPECT_DOUBLE_EQ(i.reduction->baseline_sub_m2, 180);
    EXPECT_DOUBLE_EQ(i.reduction->reduction_percent, 25);  // (180 - 135) / 180
    EXPECT_DOUBLE_EQ(i.reduction->progress_percent, 100);
}

TEST(RealEstateIndicators, AServiceIsSharedBetweenItsQuartiersByDesks) {
    auto i = site_indicators(mixed());
    ASSERT_EQ(i.quartiers.size(), 4u);
    auto& a1 = i.quartiers[0];
    EXPECT_EQ(a1.zone_id, 10);
    EXPECT_EQ(a1.residents, 5);                           // the service's headcount
    EXPECT_NEAR(a1.residents_weighted, 3.6, 1e-12);       // 4.5 × 4/5
    EXPECT_NEAR(a1.residents_fte, 3.2, 1e-12);            // 4.0 × 4/5
    EXPECT_NEAR(*a1.taux_foisonnement, 4 / 3.6, 1e-12);
    EXPECT_NEAR(*a1.sub_m2_per_resident, 60 / 3.6, 1e-12);
    EXPECT_EQ(a1.surface_status, SurfaceStatus::within_ceiling);
    auto& a2 = i.quartiers[1];
    EXPECT_NEAR(a2.residents_weighted, 0.9, 1e-12);
    EXPECT_EQ(a2.surface_status, SurfaceStatus::above_ceiling);  // 20 / 0.9 ≈ 22.2
    auto& b = i.quartiers[2];
    EXPECT_DOUBLE_EQ(b.residents_weighted, 2);
    EXPECT_NEAR(b.residents_fte, 1.6, 1e-12);
    EXPECT_DOUBLE_EQ(*b.taux_foisonnement, 0.5);
    EXPECT_DOUBLE_EQ(*b.sub_m2_per_resident, 15);
    EXPECT_EQ(b.surface_status, SurfaceStatus::within_target);
    auto& shared = i.quartiers[3];
    EXPECT_EQ(shared.residents, 0);
    EXPECT_FALSE(shared.taux_foisonnement);
    EXPECT_FALSE(shared.sub_m2_per_resident);
    EXPECT_FALSE(shared.sub_m2_per_desk);
    EXPECT_FALSE(shared.surface_status);
}

TEST(RealEstateIndicators, QuartiersWithoutDesksShareTheirServiceEqually) {
    SiteFacts s;
    s.residents.assign(6, ResidentFacts{.service_id = 3, .fte_percent = 100, .weight = 1});
    s.quartiers = {{.id = 1, .name = "C1", .service_id = 3, .sub_m2 = 40, .desks = 0},
                   {.id = 2, .name = "C2", .service_id = 3, .sub_m2 = 50, .desks = 0}};
    auto i = site_indicators(s);
    EXPECT_DOUBLE_EQ(i.quartiers[0].residents_weighted, 3);
    EXPECT_DOUBLE_EQ(i.quartiers[1].residents_weighted, 3);
}

TEST(RealEstateIndicators, SurfaceStatusAtTheBoundaries) {
    EXPECT_EQ(surface_status(16), SurfaceStatus::within_target);
    EXPECT_EQ(surface_status(16.01), SurfaceStatus::within_ceiling);
    EXPECT_EQ(surface_status(18), SurfaceStatus::within_ceiling);
    EXPECT_EQ(surface_status(18.5), SurfaceStatus::above_ceiling);
}

TEST(RealEstateIndicators, AGrownSiteHasANegativeReduction) {
    auto s = pilot();
    s.baseline_sub_m2 = 435;  // 522 is 20 % more
    auto i = site_indicators(s);
    EXPECT_DOUBLE_EQ(i.reduction->reduction_percent, -20);
    EXPECT_DOUBLE_EQ(i.reduction->progress_percent, -80);
}

TEST(RealEstateIndicators, EmptySiteHasNoRatios) {
    auto i = site_indicators(SiteFacts{});
    EXPECT_EQ(i.residents, 0);
    EXPECT_FALSE(i.taux_foisonnement);
    EXPECT_FALSE(i.sub_m2_per_resident);
    EXPECT_FALSE(i.sub_m2_per_desk);
}

TEST(RealEstateIndicators, PortfolioTotalsAndReductionOverSitesWithABaseline) {
    auto p = portfolio_indicators({pilot(), mixed()});
    ASSERT_EQ(p.sites.size(), 2u);
    EXPECT_EQ(p.total.residents, 44);
    EXPECT_DOUBLE_EQ(p.total.residents_weighted, 43.5);
    EXPECT_NEAR(p.total.residents_fte, 42.6, 1e-12);
    EXPECT_EQ(p.total.desks, 35);
    EXPECT_DOUBLE_EQ(p.total.sub_m2, 657);
    EXPECT_DOUBLE_EQ(*p.total.taux_foisonnement, 35 / 43.5);
    EXPECT_DOUBLE_EQ(*p.total.sub_m2_per_resident, 657 / 43.5);
    EXPECT_EQ(p.sites_with_baseline, 1);
    ASSERT_TRUE(p.reduction);
    EXPECT_DOUBLE_EQ(p.reduction->reduction_percent, 25);  // the mixed site only
    EXPECT_FALSE(portfolio_indicators({pilot()}).reduction);
}

}  // namespace
}  // namespace escale::indicators
