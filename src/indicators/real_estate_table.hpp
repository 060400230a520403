// SPDX-License-Identifier: EUPL-1.2
// The State's real-estate indicators as tables for exports (core/table.hpp), with French
// headings: a site and its quartiers, or a portfolio of sites and its total. Pure.
#pragma once

#include "core/table.hpp"
#include "indicators/real_estate.hpp"

namespace escale::indicators {

// « dans la cible », « entre la cible et le plafond », « au-dessus du plafond ».
const char* french(SurfaceStatus s);

Table real_estate_table(const SiteIndicators& site);
Table real_estate_table(const PortfolioIndicators& portfolio);

}  // namespace escale::indicators
