// SPDX-License-Identifier: EUPL-1.2
// A site's occupancy analytics (indicators/site_analytics) as tables for the CSV and XLSX
// exports, with French headings: desks per period and group, the weekday profile, the demand
// turned away, the collective spaces. Rates in percent. Withheld analytics give tables with
// headings and no rows. Pure.
#pragma once

#include <optional>
#include <string_view>

#include "core/table.hpp"
#include "indicators/site_analytics.hpp"

namespace escale::indicators {

enum class AnalyticsTable { desks, weekdays, turned_away, spaces };
std::optional<AnalyticsTable> parse_analytics_table(std::string_view text);

Table analytics_table(const SiteAnalytics& a, AnalyticsTable which);

}  // namespace escale::indicators
