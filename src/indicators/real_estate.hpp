// SPDX-License-Identifier: EUPL-1.2
// The State's real-estate indicators (circular of 8 February 2023) of a site, of its
// quartiers and of a portfolio of sites: residents (headcount, weighted by category, FTE),
// workstations, taux de foisonnement (desks ÷ residents), m² SUB per resident against the
// 16 m² target and the 18 m² ceiling, and the progress of the 25 % surface reduction from a
// baseline. Whole-site and whole-service totals are organisation facts, not personal data, so
// no minimum group applies here. Pure: no I/O, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "core/ids.hpp"

namespace escale::indicators {

inline constexpr double sub_m2_target = 16;      // m² SUB per resident, the circular's target
inline constexpr double sub_m2_ceiling = 18;     // and its ceiling
inline constexpr double reduction_target = 25;   // % less surface than the baseline

// Where a surface per resident stands against the circular's target and ceiling.
enum class SurfaceStatus { within_target, within_ceiling, above_ceiling };
BOOST_DESCRIBE_ENUM(SurfaceStatus, within_target, within_ceiling, above_ceiling)

// What the indicators are computed from.
struct ResidentFacts {
    std::optional<ServiceId> service_id;
    int fte_percent = 100;
    double weight = 1;  // from the resident's category
};

struct QuartierFacts {
    ZoneId id = 0;
    std::string name;
    std::optional<ServiceId> service_id;  // whose home it is
    double sub_m2 = 0;
    int desks = 0;  // active desks
};

struct SiteFacts {
    SiteId id = 0;
    std::string name;
    double sub_m2 = 0;
    std::optional<double> baseline_sub_m2;
    int desks = 0;                         // active desks of the site
    std::vector<ResidentFacts> residents;  // active residents
    std::vector<QuartierFacts> quartiers;
};

// The figures shared by a site, a quartier and a portfolio. Ratios are absent when their
// divisor is zero.
struct Figures {
    int residents = 0;              // headcount (a quartier: those of its service)
    double residents_weighted = 0;  // Σ category weight: who the ratios count
    double residents_fte = 0;       // Σ weight × quotité
    int desks = 0;
    double sub_m2 = 0;
    std::optional<double> taux_foisonnement;    // desks ÷ residents_weighted
    std::optional<double> sub_m2_per_resident;  // sub_m2 ÷ residents_weighted
    std::optional<double> sub_m2_per_desk;
    std::optional<SurfaceStatus> surface_status;
};
// The members of Figures, listed again in each struct that extends it: Boost.JSON encodes
// only described structs without bases, so the extensions describe them as their own.
#define ESCALE_FIGURES_MEMBERS residents, residents_weighted, residents_fte, desks, sub_m2, taux_foisonnement, \
                               sub_m2_per_resident, sub_m2_per_desk, surface_status
BOOST_DESCRIBE_STRUCT(Figures, (), (ESCALE_FIGURES_MEMBERS))

// A quartier's residents are its service's, shared between the service's quartiers in
// proportion to their desks (equally when none has a desk); `residents` is the service's
// whole headcount, the weighted and FTE counts are the quartier's share.
struct QuartierIndicators : Figures {
    ZoneId zone_id = 0;
    std::string name;
    std::optional<ServiceId> service_id;
};
BOOST_DESCRIBE_STRUCT(QuartierIndicators, (), (zone_id, name, service_id, ESCALE_FIGURES_MEMBERS))

// The surface reduction against a baseline: reduction_percent = (baseline − sub) ÷ baseline,
// progress_percent = reduction_percent ÷ 25 %, capped at neither end (a site that grew is negative).
struct Reduction {
    double baseline_sub_m2 = 0;
    double reduction_percent = 0;
    double target_percent = reduction_target;
    double progress_percent = 0;
};
BOOST_DESCRIBE_STRUCT(Reduction, (), (baseline_sub_m2, reduction_percent, target_percent, progress_percent))

struct SiteIndicators : Figures {
    SiteId site_id = 0;
    std::string name;
    double sub_m2_target = indicators::sub_m2_target;
    double sub_m2_ceiling = indicators::sub_m2_ceiling;
    std::optional<Reduction> reduction;  // none without a baseline
    std::vector<QuartierIndicators> quartiers;
};
BOOST_DESCRIBE_STRUCT(SiteIndicators, (), (site_id, name, ESCALE_FIGURES_MEMBERS, sub_m2_target, sub_m2_ceiling,
                                           reduction, quartiers))

// Several sites and their totals (the regional real-estate master plan's view); the total
// reduction is over the sites that have a baseline.
struct PortfolioIndicators {
    std::vector<SiteIndicators> sites;
    Figures total;
    std::optional<Reduction> reduction;
    int sites_with_baseline = 0;
};
BOOST_DESCRIBE_STRUCT(PortfolioIndicators, (), (sites, total, reduction, sites_with_baseline))

SurfaceStatus surface_status(double sub_m2_per_resident);
SiteIndicators site_indicators(const SiteFacts& site);
PortfolioIndicators portfolio_indicators(const std::vector<SiteFacts>& sites);

}  // namespace escale::indicators
