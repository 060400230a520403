// SPDX-License-Identifier: EUPL-1.2
// Unit tests of the demo booking history (demo/history.hpp): the same seed gives the same
// bookings; nothing on a closed day or outside the asked window; the invariants of live
// bookings hold; the weekday peak, half-days, whole days and cancellations are there; the
// coming days are thinner and made before today.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "core/calendar.hpp"
#include "demo/history.hpp"

namespace escale::demo {
namespace {

using date::sys_days;
using std::chrono::days;

constexpr Date monday_2_march{date::year{2026}, date::month{3}, date::day{2}};

bool same(const DemoBooking& a, const DemoBooking& b) {
    const auto& x = a.booking;
    const auto& y = b.booking;
    return std::tie(x.site_id, x.desk_id, x.resident_id, x.date, x.half, x.state, x.created_at, x.created_by,
                    x.service_id) == std::tie(y.site_id, y.desk_id, y.resident_id, y.date, y.half, y.state,
                                               y.created_at, y.created_by, y.service_id) &&
           a.cancelled_at == b.cancelled_at;
}

// Live bookings per date, for each ISO weekday: the mean over the weekday's dates.
std::map<unsigned, double> mean_live_by_weekday(const std::vector<DemoBooking>& h) {
    std::map<Date, int> per_day;
    for (const auto& b : h)
        if (is_live(b.booking.state)) ++per_day[b.booking.date];
    std::map<unsigned, std::pair<int, int>> sum;  // weekday → (bookings, days)
    for (auto [d, n] : per_day) {
        auto& s = sum[date::weekday{sys_days{d}}.iso_encoding()];
        s.first += n, ++s.second;
    }
    std::map<unsigned, double> mean;
    for (auto [wd, s] : sum) mean[wd] = static_cast<double>(s.first) / s.second;
    return mean;
}

void expect_invariants(const DemoSite& site, const std::vector<DemoBooking>& h) {
    std::set<std::tuple<DeskId, Date, Half>> desk_slots;
    std::set<std::tuple<ResidentId, Date, Half>> resident_slots;
    std::set<DeskId> desks;
    for (const auto& d : site.desks) desks.insert(d.id);
    for (const auto& b : h) {
        EXPECT_EQ(b.booking.id, 0);
        EXPECT_TRUE(desks.count(b.booking.desk_id));
        if (!is_live(b.booking.state)) continue;
        EXPECT_TRUE(desk_slots.insert({b.booking.desk_id, b.booking.date, b.booking.half}).second)
            << "desk " << b.booking.desk_id << " twice on " << format_date(b.booking.date);
        EXPECT_TRUE(resident_slots.insert({b.booking.resident_id, b.booking.date, b.booking.half}).second)
            << "resident " << b.booking.resident_id << " twice on " << format_date(b.booking.date);
    }
}

TEST(History, TheSameSeedGivesTheSameBookingsAndAnotherSeedOthers) {
    const auto site = pilot_site();
    const auto a = booking_history(site, monday_2_march);
    const auto b = booking_history(site, monday_2_march);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same(a[i], b[i])) << i;
    const auto c = booking_history(site, monday_2_march, {.past_weeks = 8, .coming_days = 0, .seed = 7});
    bool differs = a.size() != c.size();
    for (size_t i = 0; !differs && i < a.size(); ++i) differs = !same(a[i], c[i]);
    EXPECT_TRUE(differs);
}

TEST(History, EightWeeksOfThePastOnOpenDaysOnly) {
    const auto site = pilot_site();
    // Today 18 May 2026: the window holds Easter Monday, 1 and 8 May, and Ascension Thursday.
    const Date today{date::year{2026}, date::month{5}, date::day{18}};
    const auto h = booking_history(site, today);
    ASSERT_FALSE(h.empty());
    std::set<Date> dates;
    for (const auto& b : h) {
        const Date d = b.booking.date;
        dates.insert(d);
        EXPECT_FALSE(is_weekend(d)) << format_date(d);
        EXPECT_FALSE(is_french_public_holiday(d)) << format_date(d);
        EXPECT_LT(sys_days{d}, sys_days{today});
        EXPECT_GE(sys_days{d}, sys_days{today} - days{56});
        EXPECT_LT(b.booking.created_at, sys_days{today});
        EXPECT_LE(b.booking.created_at, sys_days{d} + std::chrono::hours{7}) << "made before the slot";
    }
    // 40 weekdays, four of them holidays: every open day has bookings.
    EXPECT_EQ(dates.size(), 36u);
    expect_invariants(site, h);
}

TEST(History, TheInvariantsHoldOnTheCiteToo) {
    const auto site = cite_site();
    const auto h = booking_history(site, monday_2_march, {.past_weeks = 8, .coming_days = 5, .seed = 2026});
    expect_invariants(site, h);
    // Tens of thousands of rows, and never more live bookings of a half-day than desks.
    EXPECT_GT(h.size(), 20'000u);
    std::map<std::pair<Date, Half>, int> live;
    for (const auto& b : h)
        if (is_live(b.booking.state)) ++live[{b.booking.date, b.booking.half}];
    for (auto [slot, n] : live) EXPECT_LE(n, static_cast<int>(site.desks.size()));
}

TEST(History, TuesdayAndThursdayArePeaksMondayAndFridayLower) {
    for (const auto& site : {pilot_site(), cite_site()}) {
        auto mean = mean_live_by_weekday(booking_history(site, monday_2_march));
        ASSERT_EQ(mean.size(), 5u);
        EXPECT_GT(mean[2], mean[5]) << site.site.name;
        EXPECT_GT(mean[4], mean[5]) << site.site.name;
        EXPECT_GT(mean[2], mean[1]) << site.site.name;
        EXPECT_GT(mean[4], mean[1]) << site.site.name;
        EXPECT_GT(mean[1], mean[5]) << site.site.name;
    }
}

TEST(History, HalfDaysWholeDaysCancellationsAndEveryService) {
    const auto site = pilot_site();
    const auto h = booking_history(site, monday_2_march);
    std::map<std::pair<ResidentId, Date>, std::set<Half>> halves;
    int cancelled = 0;
    std::set<ServiceId> services;
    std::set<ResidentId> site_accounts;
    for (const auto& r : site.residents)
        if (r.role == Role::admin || r.role == Role::gestionnaire) site_accounts.insert(r.id);
    for (const auto& b : h) {
        EXPECT_FALSE(site_accounts.count(b.booking.resident_id)) << "the site accounts book nothing";
        EXPECT_EQ(b.booking.created_by, b.booking.resident_id);
        const auto& who = site.residents.at(static_cast<size_t>(b.booking.resident_id - 1));
        EXPECT_EQ(b.booking.service_id, who.service_id);
        services.insert(*b.booking.service_id);
        if (b.booking.state == BookingState::cancelled) {
            ++cancelled;
            ASSERT_TRUE(b.cancelled_at);
            EXPECT_GT(*b.cancelled_at, b.booking.created_at);
            EXPECT_LT(*b.cancelled_at, sys_days{monday_2_march});
        } else {
            EXPECT_EQ(b.booking.state, BookingState::reserved);
            EXPECT_FALSE(b.cancelled_at);
            halves[{b.booking.resident_id, b.booking.date}].insert(b.booking.half);
        }
    }
    int whole = 0, mornings = 0, afternoons = 0;
    for (const auto& [key, set] : halves)
        set.size() == 2 ? ++whole : set.count(Half::am) ? ++mornings : ++afternoons;
    EXPECT_GT(whole, mornings + afternoons) << "mostly whole days";
    EXPECT_GT(mornings, 0);
    EXPECT_GT(afternoons, 0);
    EXPECT_GT(cancelled, 0);
    EXPECT_LT(cancelled, static_cast<int>(h.size()) / 8);
    EXPECT_EQ(services.size(), site.services.size());
}

TEST(History, TheComingDaysAreThinnerAndBookedBeforeToday) {
    const auto site = pilot_site();
    const auto h = booking_history(site, monday_2_march, {.past_weeks = 2, .coming_days = 5, .seed = 2026});
    std::map<Date, int> coming;
    int past = 0;
    for (const auto& b : h) {
        EXPECT_LT(b.booking.created_at, sys_days{monday_2_march});
        if (sys_days{b.booking.date} >= sys_days{monday_2_march}) {
            if (is_live(b.booking.state)) ++coming[b.booking.date];
        } else if (is_live(b.booking.state)) {
            ++past;
        }
    }
    // Monday 2 to Friday 6 March: five open days, today included.
    ASSERT_EQ(coming.size(), 5u);
    EXPECT_EQ(coming.begin()->first, monday_2_march);
    EXPECT_EQ(coming.rbegin()->first, (Date{sys_days{monday_2_march} + days{4}}));
    int total = 0;
    for (auto [d, n] : coming) total += n;
    EXPECT_LT(total, past / 2) << "ten past days against five thinner coming ones";
    EXPECT_GT(coming[Date{sys_days{monday_2_march} + days{1}}], coming[Date{sys_days{monday_2_march} + days{4}}]);
    expect_invariants(site, h);
}

TEST(History, WithoutComingDaysNothingFromTodayOn) {
    const auto h = booking_history(pilot_site(), monday_2_march, {.past_weeks = 1, .coming_days = 0, .seed = 1});
    ASSERT_FALSE(h.empty());
    for (const auto& b : h) EXPECT_LT(sys_days{b.booking.date}, sys_days{monday_2_march});
}

}  // namespace
}  // namespace escale::demo
