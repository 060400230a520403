// SPDX-License-Identifier: EUPL-1.2
// A site's desk occupancy (indicators/occupancy) as tables for exports, with French headings:
// one row per day, one row per service; a withheld figure is an empty cell. Pure.
#pragma once

#include "core/table.hpp"
#include "indicators/occupancy.hpp"

namespace escale::indicators {

Table occupancy_days_table(const Occupancy& o);
Table occupancy_services_table(const Occupancy& o);

}  // namespace escale::indicators
