// SPDX-License-Identifier: EUPL-1.2
// The analytics as export tables: headings named after the grouping, rates in percent,
// periods as dates.
#include <gtest/gtest.h>

#include "indicators/analytics_table.hpp"

namespace escale::indicators {
namespace {

Date day(int d) { return Date{date::year{2026} / 3 / d}; }

TEST(AnalyticsTable, DesksRowsCarryDatesNumbersAndPercent) {
    SiteAnalytics a;
    a.by = Grouping::floor;
    DeskUsageRow r;
    r.period = {day(2), day(2), Half::pm};
    r.group = {1, "Niveau 1"};
    r.desks = 4;
    r.booked = 3;
    r.booked_rate = 0.375;
    a.desks.push_back(r);
    auto t = analytics_table(a, AnalyticsTable::desks);
    EXPECT_EQ(t.columns[3].heading, "Niveau");
    ASSERT_EQ(t.rows.size(), 1u);
    ASSERT_EQ(t.rows[0].size(), t.columns.size());
    EXPECT_EQ(std::get<Date>(t.rows[0][0]), day(2));
    EXPECT_EQ(std::get<std::string>(t.rows[0][2]), "Après-midi");
    EXPECT_EQ(std::get<std::int64_t>(t.rows[0][7]), 3);
    EXPECT_DOUBLE_EQ(std::get<double>(t.rows[0][10]), 37.5);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[0][11])) << "an absent rate is an empty cell";
}

TEST(AnalyticsTable, EveryTableHasRowsAsWideAsItsColumns) {
    SiteAnalytics a;
    a.weekdays.push_back({2, {std::nullopt, "Pilote"}, 4, 3, 2, 0.75, 0.5, std::nullopt});
    a.turned_away.push_back({{day(2), day(8), std::nullopt}, 2, 1, 3});
    SpaceUsageRow s;
    s.period = {day(2), day(2), std::nullopt};
    a.spaces.push_back(s);
    for (auto which : {AnalyticsTable::weekdays, AnalyticsTable::turned_away, AnalyticsTable::spaces}) {
        auto t = analytics_table(a, which);
        ASSERT_EQ(t.rows.size(), 1u);
        EXPECT_EQ(t.rows[0].size(), t.columns.size()) << t.title;
    }
    EXPECT_EQ(std::get<std::string>(analytics_table(a, AnalyticsTable::weekdays).rows[0][0]), "mardi");
    EXPECT_EQ(parse_analytics_table("spaces"), std::optional(AnalyticsTable::spaces));
    EXPECT_FALSE(parse_analytics_table("x"));
}

}  // namespace
}  // namespace escale::indicators
