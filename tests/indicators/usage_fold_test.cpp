// SPDX-License-Identifier: EUPL-1.2
// The counters merged as they are read (indicators/desk_usage_fold, space_usage_fold) give the
// same analytics as the counters as stored, for every grouping and period, on random histories
// of a site with floors, quartiers (some of no service), services with and without quartiers,
// bookings of no known service, desks and spaces of unknown quartiers, and spaces of several
// capacities; and they do merge.
#include <random>

#include <gtest/gtest.h>

#include "indicators/desk_usage_fold.hpp"
#include "indicators/site_analytics.hpp"
#include "indicators/space_usage_fold.hpp"

namespace escale::indicators {
namespace {

Date day(int d) { return Date{date::sys_days{date::year{2026} / 3 / 2} + date::days{d}}; }

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) { return v[rng() % v.size()]; }

AnalyticsFacts random_history(unsigned seed) {
    std::mt19937 rng(seed);
    AnalyticsFacts f;
    f.site_name = "Cité";
    f.floors = {{1, "Niveau 1"}, {2, "Niveau 2"}, {3, "Niveau 3"}};
    f.zones = {{21, 1, "Q SGAR", 1}, {22, 2, "Q DRFIP", 2}, {23, 2, "Q DRFIP bis", 2}, {24, 3, "Q partagé", std::nullopt}};
    for (int i = 0; i < 40; ++i) f.desks.push_back({pick(rng, std::vector<FloorId>{1, 2, 3}), pick(rng, std::vector<std::optional<ZoneId>>{21, 22, 23, 24, std::nullopt})});
    f.services = {{1, "SGAR", 12}, {2, "DRFIP", 9}, {3, "Cabinet", 6}, {4, "Petit", 3}};
    f.spaces = {{10, 1, 21, "Salle de réunion", 8}, {11, 1, 21, "Salle de réunion", 8}, {12, 1, 21, "Salle de réunion", 12},
                {13, 2, std::nullopt, "Bulle", 2}, {14, 2, 22, "Bulle", 2}, {15, 3, 24, "Salle de réunion", 8}};
    for (int d = 0; d < 60; ++d)
        if (d % 7 < 5 && d != 10) f.open_days.push_back(day(d));
    f.space_hours_per_day = 11;
    std::vector<std::optional<ZoneId>> zones{21, 22, 23, 24, 99, std::nullopt};  // 99: unknown
    std::vector<std::optional<ServiceId>> services{1, 2, 3, 4, 7, std::nullopt};   // 7: unknown
    for (int d = 0; d < 62; ++d)
        for (Half h : {Half::am, Half::pm})
            for (int i = 0; i < 40; ++i) {
                int booked = 1 + static_cast<int>(rng() % 5), in = static_cast<int>(rng() % (booked + 1));
                f.desk_usage.push_back({day(d), h, pick(rng, std::vector<FloorId>{1, 2, 3, 8}), pick(rng, zones),
                                        pick(rng, services), booked, in, static_cast<int>(rng() % (booked - in + 1))});
            }
    for (int d = 0; d < 62; ++d)
        for (SpaceId s : {10, 11, 12, 13, 14, 15, 16}) {  // 16: unknown
            if (rng() % 3 == 0) continue;
            int n = 1 + static_cast<int>(rng() % 4);
            f.space_days.push_back({day(d), s, std::nullopt, n, 1800 * (1 + static_cast<int>(rng() % 9)) * n,
                                    n * (1 + static_cast<int>(rng() % 6)), 0, static_cast<int>(rng() % (n + 1))});
        }
    return f;
}

// Every figure of the analytics, in order, with the row's period and group.
std::vector<std::pair<std::string, double>> figures(const SiteAnalytics& a) {
    std::vector<std::pair<std::string, double>> out;
    auto add = [&](const std::string& at, std::initializer_list<std::optional<double>> values) {
        int i = 0;
        for (auto& v : values) out.push_back({at + " #" + std::to_string(i++), v.value_or(-1)});
    };
    auto at = [](const PeriodKey& p, const GroupKey& g) {
        return format_date(p.start) + (p.half ? (*p.half == Half::am ? " am " : " pm ") : " ") + g.name;
    };
    out.push_back({"withheld", a.withheld});
    for (auto& r : a.desks)
        add("desks " + at(r.period, r.group), {r.desks, r.open_half_days, r.offered, r.booked, r.checked_in, r.no_show,
                                               r.booked_rate, r.checked_in_rate, r.no_show_rate, r.peak, r.p95,
                                               r.overflow, r.overflow_rate});
    for (auto& r : a.weekdays)
        add("weekday " + std::to_string(r.weekday) + " " + r.group.name,
            {r.open_half_days, r.booked, r.checked_in, r.mean_booked, r.booked_rate, r.checked_in_rate});
    for (auto& r : a.spaces)
        add("spaces " + at(r.period, r.group), {r.spaces, r.hours_open, r.hours_booked, r.hours_rate, r.bookings,
                                                r.attendees, r.seats, r.fill_rate, r.unused, r.unused_rate});
    return out;
}

TEST(UsageFold, MergedCountersGiveTheSameAnalyticsForEveryGroupingAndPeriod) {
    for (unsigned seed : {1u, 2u, 3u}) {
        auto raw = random_history(seed);
        for (auto by : {Grouping::site, Grouping::floor, Grouping::quartier, Grouping::service, Grouping::space_type}) {
            AnalyticsFacts merged = raw;
            DeskUsageFold desks(by, raw.zones);
            for (auto& c : raw.desk_usage) desks.add(c);
            merged.desk_usage = desks.rows();
            merged.desk_services = desks.services();
            SpaceUsageFold spaces(by, raw.spaces);
            for (auto& d : raw.space_days) spaces.add(d);
            merged.space_days = spaces.rows();
            EXPECT_LT(merged.desk_usage.size(), raw.desk_usage.size() / 2) << to_string(by);
            if (by != Grouping::quartier) {
                EXPECT_LT(merged.space_days.size(), raw.space_days.size()) << to_string(by);
            }
            for (auto period : {Period::half_day, Period::day, Period::week, Period::month}) {
                auto want = figures(site_analytics(raw, day(0), day(61), by, period));
                auto got = figures(site_analytics(merged, day(0), day(61), by, period));
                ASSERT_EQ(got.size(), want.size()) << to_string(by) << " " << to_string(period);
                ASSERT_GT(want.size(), 100u);
                for (std::size_t i = 0; i < want.size(); ++i) {
                    ASSERT_EQ(got[i].first, want[i].first) << to_string(by) << " " << to_string(period);
                    ASSERT_NEAR(got[i].second, want[i].second, 1e-9 * (1 + std::abs(want[i].second)))
                        << want[i].first << ", " << to_string(by) << " " << to_string(period) << ", seed " << seed;
                }
            }
        }
    }
}

TEST(UsageFold, KeepsEveryServiceForTheMinimumGroupSize) {
    // a booking of no known service beside SGAR's: the pool exists even when folded away
    std::vector<ZoneFacts> zones{{21, 1, "Q SGAR", 1}};
    DeskUsageFold fold(Grouping::site, zones);
    fold.add({day(0), Half::am, 1, 21, 1, 2, 1, 0});
    fold.add({day(0), Half::am, 1, 21, std::nullopt, 1, 0, 0});
    fold.add({day(0), Half::am, 1, std::nullopt, 1, 1, 0, 0});  // SGAR outside its quartier
    auto rows = fold.rows();
    ASSERT_EQ(rows.size(), 2u);  // inside (3 booked) and outside the quartiers (1)
    EXPECT_EQ(rows[0].booked + rows[1].booked, 4);
    EXPECT_EQ(fold.services(), (std::set<std::optional<ServiceId>>{std::nullopt, 1}));
}

}  // namespace
}  // namespace escale::indicators
