// SPDX-License-Identifier: EUPL-1.2
// Unit tests of the site calendar (core/calendar.hpp) and of local dates (core/local_date.hpp).
// Expected dates and instants are written out by hand from published calendars, never
// recomputed with the code under test. The only I/O is the system time-zone database.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "core/calendar.hpp"
#include "core/local_date.hpp"

namespace escale {
namespace {

using namespace std::chrono_literals;

Date ymd(int y, unsigned m, unsigned d) { return Date{date::year{y}, date::month{m}, date::day{d}}; }

Instant utc(int y, unsigned m, unsigned d, int h, int min, int s = 0) {
    return Instant{date::sys_days{ymd(y, m, d)}} + std::chrono::hours{h} +
           std::chrono::minutes{min} + std::chrono::seconds{s};
}

std::string iso(Instant t) { return date::format("%FT%TZ", t); }

// The UTC offset in force at local wall time `minutes` of day d, deduced from the instant the
// calendar returns: wall time minus UTC time.
std::chrono::minutes offset_at(Date d, int minutes, Instant t) {
    const auto wall = date::local_days{d}.time_since_epoch() + std::chrono::minutes{minutes};
    return std::chrono::duration_cast<std::chrono::minutes>(wall - t.time_since_epoch());
}

SiteCalendar make_or_die(const std::string& zone, const std::string& opens,
                         const std::string& noon, const std::string& closes,
                         std::set<Date> closures = {}) {
    auto cal = SiteCalendar::make(zone, opens, noon, closes, std::move(closures));
    if (!cal) {
        ADD_FAILURE() << "SiteCalendar::make(" << zone << ") failed: " << cal.error().code;
        std::abort();
    }
    return *cal;
}

SiteCalendar paris() { return make_or_die("Europe/Paris", "08:00", "12:00", "18:00"); }

// ---------------------------------------------------------------------------------------
// Easter and public holidays

struct YearDates {
    int year;
    Date easter, easter_monday, ascension, whit_monday;
};

// From published French calendars (service-public.fr); Whit Monday = Ascension + 11 days.
const std::vector<YearDates> kYears = {
    {2024, ymd(2024, 3, 31), ymd(2024, 4, 1), ymd(2024, 5, 9), ymd(2024, 5, 20)},
    {2025, ymd(2025, 4, 20), ymd(2025, 4, 21), ymd(2025, 5, 29), ymd(2025, 6, 9)},
    {2026, ymd(2026, 4, 5), ymd(2026, 4, 6), ymd(2026, 5, 14), ymd(2026, 5, 25)},
    {2027, ymd(2027, 3, 28), ymd(2027, 3, 29), ymd(2027, 5, 6), ymd(2027, 5, 17)},
    {2028, ymd(2028, 4, 16), ymd(2028, 4, 17), ymd(2028, 5, 25), ymd(2028, 6, 5)},
    {2029, ymd(2029, 4, 1), ymd(2029, 4, 2), ymd(2029, 5, 10), ymd(2029, 5, 21)},
    {2030, ymd(2030, 4, 21), ymd(2030, 4, 22), ymd(2030, 5, 30), ymd(2030, 6, 10)},
};

TEST(EasterSunday, KnownYears2024To2030) {
    for (const auto& y : kYears) EXPECT_EQ(easter_sunday(y.year), y.easter) << y.year;
}

TEST(EasterSunday, FarYearsIncludingExtremes) {
    EXPECT_EQ(easter_sunday(1583), ymd(1583, 4, 10));  // first full Gregorian year
    EXPECT_EQ(easter_sunday(1818), ymd(1818, 3, 22));  // earliest possible date
    EXPECT_EQ(easter_sunday(1900), ymd(1900, 4, 15));
    EXPECT_EQ(easter_sunday(1943), ymd(1943, 4, 25));  // latest possible date
    EXPECT_EQ(easter_sunday(1961), ymd(1961, 4, 2));
    EXPECT_EQ(easter_sunday(2000), ymd(2000, 4, 23));
    EXPECT_EQ(easter_sunday(2008), ymd(2008, 3, 23));
    EXPECT_EQ(easter_sunday(2038), ymd(2038, 4, 25));
    EXPECT_EQ(easter_sunday(2100), ymd(2100, 3, 28));
    EXPECT_EQ(easter_sunday(2285), ymd(2285, 3, 22));
    EXPECT_EQ(easter_sunday(2400), ymd(2400, 4, 16));
    EXPECT_EQ(easter_sunday(4099), ymd(4099, 4, 19));
}

TEST(EasterSunday, AlwaysASundayBetween22MarchAnd25April) {
    for (int year = 1583; year <= 4099; ++year) {
        const Date e = easter_sunday(year);
        ASSERT_TRUE(e.ok()) << year;
        EXPECT_EQ(e.year(), date::year{year});
        EXPECT_EQ(date::weekday{date::sys_days{e}}, date::Sunday) << e;
        EXPECT_GE(e, ymd(year, 3, 22));
        EXPECT_LE(e, ymd(year, 4, 25));
    }
}

TEST(FrenchPublicHolidays, AllElevenForEveryYear2024To2030) {
    for (const auto& y : kYears) {
        SCOPED_TRACE(y.year);
        // Expected in date order; in 2027 Ascension (6 May) comes before 8 May.
        std::vector<PublicHoliday> expected = {
            {ymd(y.year, 1, 1), "Jour de l'an"},
            {y.easter_monday, "Lundi de Pâques"},
            {ymd(y.year, 5, 1), "Fête du Travail"},
            {ymd(y.year, 5, 8), "Victoire 1945"},
            {y.ascension, "Ascension"},
            {y.whit_monday, "Lundi de Pentecôte"},
            {ymd(y.year, 7, 14), "Fête nationale"},
            {ymd(y.year, 8, 15), "Assomption"},
            {ymd(y.year, 11, 1), "Toussaint"},
            {ymd(y.year, 11, 11), "Armistice 1918"},
            {ymd(y.year, 12, 25), "Noël"},
        };
        if (y.year == 2027) std::swap(expected[3], expected[4]);

        const auto got = french_public_holidays(y.year);
        ASSERT_EQ(got.size(), 11u);
        for (size_t i = 0; i < expected.size(); ++i) {
            EXPECT_EQ(got[i].date, expected[i].date) << "#" << i << " " << expected[i].name;
            EXPECT_EQ(got[i].name, expected[i].name) << "#" << i;
        }
        // The moveable feasts, checked against each other as well.
        EXPECT_EQ(date::sys_days{y.whit_monday} - date::sys_days{y.ascension}, date::days{11});
        EXPECT_EQ(date::sys_days{y.easter_monday} - date::sys_days{y.easter}, date::days{1});
        EXPECT_EQ(date::weekday{date::sys_days{y.ascension}}, date::Thursday);
        EXPECT_EQ(date::weekday{date::sys_days{y.whit_monday}}, date::Monday);
        for (const auto& h : expected) EXPECT_TRUE(is_french_public_holiday(h.date)) << h.date;
    }
}

TEST(FrenchPublicHolidays, SortedByDateEvenWhenAscensionIsEarly) {
    // 2285: Easter 22 March, Ascension 30 April, before 1 May.
    const auto h2285 = french_public_holidays(2285);
    ASSERT_EQ(h2285.size(), 11u);
    EXPECT_EQ(h2285[2].name, "Ascension");
    EXPECT_EQ(h2285[2].date, ymd(2285, 4, 30));
    EXPECT_EQ(h2285[3].name, "Fête du Travail");
    // 2008: Ascension fell on 1 May; both are listed, on the same date.
    const auto h2008 = french_public_holidays(2008);
    ASSERT_EQ(h2008.size(), 11u);
    EXPECT_EQ(h2008[2].date, ymd(2008, 5, 1));
    EXPECT_EQ(h2008[3].date, ymd(2008, 5, 1));
    EXPECT_EQ(h2008[3].name, "Ascension");
    for (int year = 1900; year <= 2300; ++year) {
        const auto hs = french_public_holidays(year);
        ASSERT_EQ(hs.size(), 11u) << year;
        for (size_t i = 1; i < hs.size(); ++i) EXPECT_LE(hs[i - 1].date, hs[i].date) << year;
    }
}

TEST(FrenchPublicHolidays, PredicateAgreesWithTheListOnEveryDay) {
    for (int year = 1950; year <= 2150; ++year) {
        std::set<Date> holidays;
        for (const auto& h : french_public_holidays(year)) holidays.insert(h.date);
        for (auto d = date::sys_days{ymd(year, 1, 1)}; d <= date::sys_days{ymd(year, 12, 31)};
             d += date::days{1}) {
            const Date day{d};
            ASSERT_EQ(is_french_public_holiday(day), holidays.count(day) == 1) << day;
        }
    }
}

TEST(FrenchPublicHolidays, OrdinaryDaysAreNotHolidays) {
    EXPECT_FALSE(is_french_public_holiday(ymd(2025, 4, 20)));  // Easter Sunday itself
    EXPECT_FALSE(is_french_public_holiday(ymd(2025, 6, 8)));   // Whit Sunday
    EXPECT_FALSE(is_french_public_holiday(ymd(2025, 12, 26)));  // not national (Alsace only)
    EXPECT_FALSE(is_french_public_holiday(ymd(2025, 5, 2)));
    EXPECT_FALSE(is_french_public_holiday(ymd(2024, 5, 30)));  // Ascension 2025's date, in 2024
}

TEST(Weekend, SaturdayAndSundayOnly) {
    EXPECT_TRUE(is_weekend(ymd(2025, 6, 7)));    // Saturday
    EXPECT_TRUE(is_weekend(ymd(2025, 6, 8)));    // Sunday
    EXPECT_FALSE(is_weekend(ymd(2025, 6, 9)));   // Monday
    EXPECT_FALSE(is_weekend(ymd(2025, 6, 13)));  // Friday
    EXPECT_TRUE(is_weekend(ymd(2024, 2, 24)));   // Saturday of a leap year
}

// ---------------------------------------------------------------------------------------
// Closed days

TEST(SiteCalendar, IsClosedOnWeekendsHolidaysAndExtraClosures) {
    const auto cal = make_or_die("Europe/Paris", "08:00", "12:00", "18:00", {ymd(2025, 12, 26)});
    EXPECT_TRUE(cal.is_closed(ymd(2025, 6, 7)));    // Saturday
    EXPECT_TRUE(cal.is_closed(ymd(2025, 6, 8)));    // Sunday
    EXPECT_TRUE(cal.is_closed(ymd(2025, 6, 9)));    // Whit Monday
    EXPECT_TRUE(cal.is_closed(ymd(2025, 7, 14)));   // Monday, Fête nationale
    EXPECT_TRUE(cal.is_closed(ymd(2025, 5, 29)));   // Thursday, Ascension
    EXPECT_TRUE(cal.is_closed(ymd(2025, 12, 25)));  // Thursday, Noël
    EXPECT_TRUE(cal.is_closed(ymd(2025, 12, 26)));  // Friday, extra closure
    EXPECT_FALSE(cal.is_closed(ymd(2025, 6, 10)));  // Tuesday
    EXPECT_FALSE(cal.is_closed(ymd(2025, 12, 24)));  // Wednesday
    EXPECT_FALSE(cal.is_closed(ymd(2026, 12, 28)));  // Monday, no closure that year

    // The extra closure belongs to that site only.
    EXPECT_FALSE(paris().is_closed(ymd(2025, 12, 26)));
}

// ---------------------------------------------------------------------------------------
// Daylight-saving time in Europe/Paris

struct DstYear {
    int year;
    Date spring;  // last Sunday of March: 02:00 CET -> 03:00 CEST, at 01:00 UTC
    Date fall;    // last Sunday of October: 03:00 CEST -> 02:00 CET, at 01:00 UTC
};

const std::vector<DstYear> kDst = {
    {2024, ymd(2024, 3, 31), ymd(2024, 10, 27)}, {2025, ymd(2025, 3, 30), ymd(2025, 10, 26)},
    {2026, ymd(2026, 3, 29), ymd(2026, 10, 25)}, {2027, ymd(2027, 3, 28), ymd(2027, 10, 31)},
    {2028, ymd(2028, 3, 26), ymd(2028, 10, 29)}, {2029, ymd(2029, 3, 25), ymd(2029, 10, 28)},
    {2030, ymd(2030, 3, 31), ymd(2030, 10, 27)},
};

Date plus_days(Date d, int n) { return Date{date::sys_days{d} + date::days{n}}; }

Instant at_utc_midnight(Date d) { return Instant{date::sys_days{d}}; }

TEST(SiteCalendarDst, TableIsTheLastSundays) {
    for (const auto& y : kDst) {
        EXPECT_EQ(date::weekday{date::sys_days{y.spring}}, date::Sunday) << y.spring;
        EXPECT_EQ(date::weekday{date::sys_days{y.fall}}, date::Sunday) << y.fall;
        EXPECT_EQ(plus_days(y.spring, 7).month(), date::April) << y.spring;
        EXPECT_EQ(plus_days(y.fall, 7).month(), date::November) << y.fall;
    }
}

TEST(SiteCalendarDst, SlotOffsetsAroundEachChange) {
    const auto cal = paris();
    for (const auto& y : kDst) {
        SCOPED_TRACE(y.year);
        for (Half h : {Half::am, Half::pm}) {
            const int start = h == Half::am ? 8 * 60 : 12 * 60;
            const int end = h == Half::am ? 12 * 60 : 18 * 60;
            // Winter before the spring change, summer from that Sunday on.
            EXPECT_EQ(offset_at(plus_days(y.spring, -1), start, cal.slot_start(plus_days(y.spring, -1), h)), 60min);
            EXPECT_EQ(offset_at(y.spring, start, cal.slot_start(y.spring, h)), 120min);
            EXPECT_EQ(offset_at(y.spring, end, cal.slot_end(y.spring, h)), 120min);
            EXPECT_EQ(offset_at(plus_days(y.spring, 1), start, cal.slot_start(plus_days(y.spring, 1), h)), 120min);
            // Summer before the autumn change, winter from that Sunday on.
            EXPECT_EQ(offset_at(plus_days(y.fall, -1), start, cal.slot_start(plus_days(y.fall, -1), h)), 120min);
            EXPECT_EQ(offset_at(y.fall, start, cal.slot_start(y.fall, h)), 60min);
            EXPECT_EQ(offset_at(y.fall, end, cal.slot_end(y.fall, h)), 60min);
            EXPECT_EQ(offset_at(plus_days(y.fall, 1), start, cal.slot_start(plus_days(y.fall, 1), h)), 60min);
        }
        // The same, as plain UTC instants.
        const Date s = y.spring, f = y.fall;
        EXPECT_EQ(cal.slot_start(plus_days(s, -1), Half::am), at_utc_midnight(plus_days(s, -1)) + 7h);
        EXPECT_EQ(cal.slot_start(s, Half::am), at_utc_midnight(s) + 6h);
        EXPECT_EQ(cal.slot_end(s, Half::am), at_utc_midnight(s) + 10h);
        EXPECT_EQ(cal.slot_start(s, Half::pm), at_utc_midnight(s) + 10h);
        EXPECT_EQ(cal.slot_end(s, Half::pm), at_utc_midnight(s) + 16h);
        EXPECT_EQ(cal.slot_start(plus_days(f, -1), Half::am), at_utc_midnight(plus_days(f, -1)) + 6h);
        EXPECT_EQ(cal.slot_start(f, Half::am), at_utc_midnight(f) + 7h);
        EXPECT_EQ(cal.slot_end(f, Half::pm), at_utc_midnight(f) + 17h);
    }
}

TEST(SiteCalendarDst, SlotLengthsOnChangeDays) {
    const auto day = paris();
    // A site open from 01:00, so the morning slot straddles the change.
    const auto early = make_or_die("Europe/Paris", "01:00", "12:00", "23:00");
    for (const auto& y : kDst) {
        SCOPED_TRACE(y.year);
        for (Date d : {y.spring, y.fall, plus_days(y.spring, -1), plus_days(y.fall, 1)}) {
            EXPECT_EQ(day.slot_end(d, Half::am) - day.slot_start(d, Half::am), 4h) << d;
            EXPECT_EQ(day.slot_end(d, Half::pm) - day.slot_start(d, Half::pm), 6h) << d;
            EXPECT_EQ(early.slot_end(d, Half::pm) - early.slot_start(d, Half::pm), 11h) << d;
        }
        EXPECT_EQ(early.slot_end(y.spring, Half::am) - early.slot_start(y.spring, Half::am), 10h);
        EXPECT_EQ(early.slot_end(y.fall, Half::am) - early.slot_start(y.fall, Half::am), 12h);
        EXPECT_EQ(early.slot_end(plus_days(y.fall, -1), Half::am) -
                      early.slot_start(plus_days(y.fall, -1), Half::am), 11h);
        // Slots of a day are contiguous.
        EXPECT_EQ(early.slot_end(y.spring, Half::am), early.slot_start(y.spring, Half::pm));
        EXPECT_EQ(early.slot_end(y.fall, Half::am), early.slot_start(y.fall, Half::pm));
    }
}

TEST(SiteCalendarDst, TodayAroundLocalMidnight) {
    const auto cal = paris();
    for (const auto& y : kDst) {
        SCOPED_TRACE(y.year);
        const Date s = y.spring, f = y.fall;
        // Spring day begins at 23:00 UTC the day before (CET) and ends at 22:00 UTC (CEST).
        const Instant s_begin = at_utc_midnight(s) - 1h, s_end = at_utc_midnight(s) + 22h;
        EXPECT_EQ(cal.today(s_begin - 1s), plus_days(s, -1));
        EXPECT_EQ(cal.today(s_begin), s);
        EXPECT_EQ(cal.today(at_utc_midnight(s) + 1h - 1s), s);  // 02:59:59 CET
        EXPECT_EQ(cal.today(at_utc_midnight(s) + 1h), s);       // 03:00:00 CEST
        EXPECT_EQ(cal.today(s_end - 1s), s);
        EXPECT_EQ(cal.today(s_end), plus_days(s, 1));
        // Fall day begins at 22:00 UTC the day before (CEST) and ends at 23:00 UTC (CET).
        const Instant f_begin = at_utc_midnight(f) - 2h, f_end = at_utc_midnight(f) + 23h;
        EXPECT_EQ(cal.today(f_begin - 1s), plus_days(f, -1));
        EXPECT_EQ(cal.today(f_begin), f);
        EXPECT_EQ(cal.today(f_end - 1s), f);
        EXPECT_EQ(cal.today(f_end), plus_days(f, 1));
        // In summer, 22:30 UTC is already tomorrow in Paris; in winter 22:30 UTC is not.
        EXPECT_EQ(cal.today(at_utc_midnight(s) + 22h + 30min), plus_days(s, 1));
        EXPECT_EQ(cal.today(at_utc_midnight(f) + 22h + 30min), f);
    }
}

TEST(SiteCalendarDst, NonexistentTimeMapsToTheEndOfTheGap) {
    const auto cal = paris();
    for (const auto& y : kDst) {
        SCOPED_TRACE(y.year);
        const Instant midnight = at_utc_midnight(y.spring);
        EXPECT_EQ(iso(cal.at_local(y.spring, 2 * 60 + 30)), iso(midnight + 1h));  // 02:30 -> 01:00Z
        EXPECT_EQ(iso(cal.at_local(y.spring, 2 * 60)), iso(midnight + 1h));       // 02:00 -> 01:00Z
        EXPECT_EQ(iso(cal.at_local(y.spring, 2 * 60 + 59)), iso(midnight + 1h));  // 02:59 -> 01:00Z
        EXPECT_EQ(iso(cal.at_local(y.spring, 3 * 60)), iso(midnight + 1h));       // 03:00 CEST
        EXPECT_EQ(iso(cal.at_local(y.spring, 60 + 59)), iso(midnight + 59min));   // 01:59 CET
        EXPECT_EQ(iso(cal.at_local(y.spring, 3 * 60 + 1)), iso(midnight + 61min));
    }
    EXPECT_EQ(iso(cal.at_local(ymd(2025, 3, 30), 150)), "2025-03-30T01:00:00Z");
}

TEST(SiteCalendarDst, AmbiguousTimeMapsToTheEarlierInstant) {
    const auto cal = paris();
    for (const auto& y : kDst) {
        SCOPED_TRACE(y.year);
        const Instant midnight = at_utc_midnight(y.fall);
        EXPECT_EQ(iso(cal.at_local(y.fall, 2 * 60 + 30)), iso(midnight + 30min));  // CEST
        EXPECT_EQ(iso(cal.at_local(y.fall, 2 * 60)), iso(midnight));               // CEST
        EXPECT_EQ(iso(cal.at_local(y.fall, 2 * 60 + 59)), iso(midnight + 59min));  // CEST
        EXPECT_EQ(iso(cal.at_local(y.fall, 3 * 60)), iso(midnight + 2h));          // CET
        EXPECT_EQ(iso(cal.at_local(y.fall, 60 + 59)), iso(midnight - 1min));       // CEST
    }
    EXPECT_EQ(iso(cal.at_local(ymd(2025, 10, 26), 150)), "2025-10-26T00:30:00Z");
}

// ---------------------------------------------------------------------------------------
// Other zones used by French State sites

TEST(SiteCalendarZones, CayenneHasNoDst) {
    const auto cal = make_or_die("America/Cayenne", "08:00", "12:00", "17:30");
    EXPECT_EQ(cal.zone()->name(), "America/Cayenne");
    for (Date d : {ymd(2025, 1, 15), ymd(2025, 3, 30), ymd(2025, 7, 15), ymd(2025, 10, 26)}) {
        EXPECT_EQ(cal.slot_start(d, Half::am), at_utc_midnight(d) + 11h) << d;  // UTC-3
        EXPECT_EQ(cal.slot_end(d, Half::pm), at_utc_midnight(d) + 20h + 30min) << d;
        EXPECT_EQ(cal.at_local(d, 150), at_utc_midnight(d) + 5h + 30min) << d;
    }
    EXPECT_EQ(cal.today(utc(2025, 6, 1, 2, 59, 59)), ymd(2025, 5, 31));
    EXPECT_EQ(cal.today(utc(2025, 6, 1, 3, 0)), ymd(2025, 6, 1));
    EXPECT_EQ(cal.today(utc(2025, 1, 1, 1, 0)), ymd(2024, 12, 31));  // New Year in Paris, not yet here
}

TEST(SiteCalendarZones, ReunionIsAheadOfParis) {
    const auto cal = make_or_die("Indian/Reunion", "07:30", "12:00", "16:00");
    for (Date d : {ymd(2025, 1, 15), ymd(2025, 7, 15)}) {
        EXPECT_EQ(cal.slot_start(d, Half::am), at_utc_midnight(d) + 3h + 30min) << d;  // UTC+4
        EXPECT_EQ(cal.slot_end(d, Half::am), at_utc_midnight(d) + 8h) << d;
    }
    EXPECT_EQ(cal.today(utc(2024, 12, 31, 19, 59, 59)), ymd(2024, 12, 31));
    EXPECT_EQ(cal.today(utc(2024, 12, 31, 20, 0)), ymd(2025, 1, 1));
}

TEST(SiteCalendarZones, MiquelonFollowsNorthAmericanDst) {
    // Saint-Pierre-et-Miquelon: UTC-3, UTC-2 from the second Sunday of March (9 March 2025).
    const auto cal = make_or_die("America/Miquelon", "08:00", "12:00", "17:00");
    EXPECT_EQ(iso(cal.slot_start(ymd(2025, 3, 8), Half::am)), "2025-03-08T11:00:00Z");
    EXPECT_EQ(iso(cal.slot_start(ymd(2025, 3, 9), Half::am)), "2025-03-09T10:00:00Z");
    EXPECT_EQ(iso(cal.at_local(ymd(2025, 3, 9), 150)), "2025-03-09T05:00:00Z");  // gap 02:00-03:00
    // Paris is still on winter time that day.
    EXPECT_EQ(iso(paris().slot_start(ymd(2025, 3, 9), Half::am)), "2025-03-09T07:00:00Z");
}

TEST(SiteCalendarZones, UtcItself) {
    const auto cal = make_or_die("UTC", "09:00", "12:00", "18:00");
    EXPECT_EQ(iso(cal.slot_start(ymd(2025, 3, 30), Half::am)), "2025-03-30T09:00:00Z");
    EXPECT_EQ(cal.today(utc(2025, 3, 30, 23, 59, 59)), ymd(2025, 3, 30));
}

// ---------------------------------------------------------------------------------------
// Construction errors

void expect_error(const Result<SiteCalendar>& r, const std::string& code) {
    ASSERT_FALSE(r.has_value()) << "expected " << code;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid_input);
    EXPECT_EQ(r.error().code, code);
    EXPECT_FALSE(r.error().message.empty());
}

TEST(SiteCalendarMake, UnknownZonesFail) {
    for (const std::string zone : {"Europe/Pariss", "", "Paris", "europe/paris", "Europe/Paris ",
                                   "Mars/Olympus_Mons", "../../../etc/passwd", "Europe/"}) {
        SCOPED_TRACE("zone: '" + zone + "'");
        expect_error(SiteCalendar::make(zone, "08:00", "12:00", "18:00"), "invalid_time_zone");
    }
}

TEST(SiteCalendarMake, ZoneMessageNamesTheZone) {
    const auto r = SiteCalendar::make("Europe/Pariss", "08:00", "12:00", "18:00");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("Europe/Pariss"), std::string::npos) << r.error().message;
}

TEST(SiteCalendarMake, MalformedOpeningHoursFail) {
    const std::vector<std::vector<std::string>> bad = {
        {"25:00", "12:00", "18:00"}, {"8h", "12:00", "18:00"},   {"8:00", "12:00", "18:00"},
        {"08:00", "12:60", "18:00"}, {"08:00", "12:00", "24:00"}, {"08:00", "12:00", ""},
        {"08:00:00", "12:00", "18:00"}, {"08:00", "midi", "18:00"}, {" 08:00", "12:00", "18:00"},
    };
    for (const auto& h : bad) {
        SCOPED_TRACE(h[0] + " / " + h[1] + " / " + h[2]);
        expect_error(SiteCalendar::make("Europe/Paris", h[0], h[1], h[2]), "invalid_opening_hours");
    }
}

TEST(SiteCalendarMake, OpeningHoursOutOfOrderFail) {
    const std::vector<std::vector<std::string>> bad = {
        {"12:00", "12:00", "18:00"},  // opens == noon
        {"13:00", "12:00", "18:00"},  // opens > noon
        {"08:00", "18:00", "18:00"},  // noon == closes
        {"08:00", "19:00", "18:00"},  // noon > closes
        {"18:00", "12:00", "08:00"},  // reversed
        {"08:00", "08:00", "08:00"},
    };
    for (const auto& h : bad) {
        SCOPED_TRACE(h[0] + " / " + h[1] + " / " + h[2]);
        expect_error(SiteCalendar::make("Europe/Paris", h[0], h[1], h[2]), "invalid_opening_hours");
    }
}

TEST(SiteCalendarMake, ExtremeButValidHours) {
    const auto cal = make_or_die("Europe/Paris", "00:00", "00:01", "23:59");
    EXPECT_EQ(iso(cal.slot_start(ymd(2025, 1, 6), Half::am)), "2025-01-05T23:00:00Z");
    EXPECT_EQ(iso(cal.slot_start(ymd(2025, 1, 6), Half::pm)), "2025-01-05T23:01:00Z");
    EXPECT_EQ(iso(cal.slot_end(ymd(2025, 1, 6), Half::pm)), "2025-01-06T22:59:00Z");
    EXPECT_EQ(cal.zone()->name(), "Europe/Paris");
}

// ---------------------------------------------------------------------------------------
// parse_time_of_day

TEST(ParseTimeOfDay, ValidTimes) {
    EXPECT_EQ(parse_time_of_day("00:00"), 0);
    EXPECT_EQ(parse_time_of_day("00:01"), 1);
    EXPECT_EQ(parse_time_of_day("08:00"), 480);
    EXPECT_EQ(parse_time_of_day("12:30"), 750);
    EXPECT_EQ(parse_time_of_day("23:59"), 1439);
    EXPECT_EQ(parse_time_of_day(std::string_view("09:15 and more", 5)), 555);
}

TEST(ParseTimeOfDay, MalformedTimes) {
    for (const char* s : {"", "24:00", "23:60", "99:99", "8:00", "08:0", "0800", "08h00", "08-00",
                          " 08:00", "08:00 ", "08:00:00", "+8:00", "-1:00", "ab:cd", "8h",
                          "0x:10", "12:3a", "::::"}) {
        EXPECT_EQ(parse_time_of_day(s), std::nullopt) << "'" << s << "'";
    }
}

// ---------------------------------------------------------------------------------------
// local_date.hpp: parse_date, format_date, parse_half

TEST(ParseDate, ValidDates) {
    EXPECT_EQ(parse_date("2024-02-29"), ymd(2024, 2, 29));
    EXPECT_EQ(parse_date("2000-02-29"), ymd(2000, 2, 29));  // divisible by 400
    EXPECT_EQ(parse_date("2025-12-31"), ymd(2025, 12, 31));
    EXPECT_EQ(parse_date("2025-01-01"), ymd(2025, 1, 1));
    EXPECT_EQ(parse_date("1900-01-01"), ymd(1900, 1, 1));
    EXPECT_EQ(parse_date("2999-12-31"), ymd(2999, 12, 31));
}

TEST(ParseDate, YearsOutsideUseAreRefused) {
    EXPECT_EQ(parse_date("0999-01-01"), std::nullopt);
    EXPECT_EQ(parse_date("0000-01-01"), std::nullopt);
    EXPECT_EQ(parse_date("1899-12-31"), std::nullopt);
    EXPECT_EQ(parse_date("3000-01-01"), std::nullopt);
}

TEST(ParseDate, InvalidDates) {
    for (const char* s :
         {"2025-02-30", "2023-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10",
          "2025-01-00", "2025-1-01", "2025-01-1", "25-01-01", "abcd-ef-gh", "2025/01/01",
          "2025-01-01T00:00", " 2025-01-01", "2025-01-01 ", "", "+025-01-01", "2025-+1-01",
          "20250101", "2025-01-32"}) {
        EXPECT_EQ(parse_date(s), std::nullopt) << "'" << s << "'";
    }
}

TEST(FormatDate, PadsAndRoundTrips) {
    EXPECT_EQ(format_date(ymd(2025, 3, 5)), "2025-03-05");
    EXPECT_EQ(format_date(ymd(2024, 12, 31)), "2024-12-31");
    EXPECT_EQ(format_date(ymd(999, 1, 1)), "0999-01-01");
    for (auto d = date::sys_days{ymd(2024, 1, 1)}; d <= date::sys_days{ymd(2030, 12, 31)};
         d += date::days{1}) {
        const Date day{d};
        ASSERT_EQ(parse_date(format_date(day)), day) << day;
    }
}

TEST(ParseHalf, OnlyLowerCaseAmAndPm) {
    EXPECT_EQ(parse_half("am"), Half::am);
    EXPECT_EQ(parse_half("pm"), Half::pm);
    for (const char* s : {"", "AM", "Pm", "a", "am ", " pm", "matin", "apres-midi", "ampm"})
        EXPECT_EQ(parse_half(s), std::nullopt) << "'" << s << "'";
    EXPECT_STREQ(to_string(Half::am), "am");
    EXPECT_STREQ(to_string(Half::pm), "pm");
}

// ---------------------------------------------------------------------------------------
// The half-day in progress or next (Ma semaine offers no booking before it)

TEST(SiteCalendar, NextHalfDayIsTheFirstWhoseEndIsToCome) {
    const auto cal = paris();  // 08:00, 12:00, 18:00 in Paris: UTC+1 in winter
    const Date monday = ymd(2026, 3, 2), tuesday = ymd(2026, 3, 3);
    using Next = std::pair<Date, Half>;
    const Instant midnight = at_utc_midnight(monday);
    EXPECT_EQ(cal.next_half_day(midnight - 2h), (Next{monday, Half::am}));  // 23:00 the evening before
    EXPECT_EQ(cal.next_half_day(midnight + 6h), (Next{monday, Half::am}));  // 07:00, before opening
    EXPECT_EQ(cal.next_half_day(midnight + 10h), (Next{monday, Half::am}));  // 11:00
    EXPECT_EQ(cal.next_half_day(midnight + 10h + 59min), (Next{monday, Half::am}));
    EXPECT_EQ(cal.next_half_day(midnight + 11h), (Next{monday, Half::pm}));  // noon: the morning is over
    EXPECT_EQ(cal.next_half_day(midnight + 16h + 59min), (Next{monday, Half::pm}));
    EXPECT_EQ(cal.next_half_day(midnight + 17h), (Next{tuesday, Half::am}));  // 18:00: the day is over
    EXPECT_EQ(cal.next_half_day(midnight + 22h + 59min), (Next{tuesday, Half::am}));  // 23:59
    // A Saturday evening gives Sunday's morning: closed days are half-days too.
    EXPECT_EQ(cal.next_half_day(at_utc_midnight(ymd(2026, 3, 7)) + 20h), (Next{ymd(2026, 3, 8), Half::am}));
}

TEST(SiteCalendar, NextOpenHalfDaySkipsClosedDays) {
    // Friday 3 April 2026, then Easter Monday (6 April) and a closure on Tuesday 7 April.
    auto cal = *SiteCalendar::make("Europe/Paris", "08:00", "12:00", "18:00", {ymd(2026, 4, 7)});
    using Next = std::pair<Date, Half>;
    const Instant friday = at_utc_midnight(ymd(2026, 4, 3));  // Paris is UTC+2 in April
    EXPECT_EQ(cal.next_open_half_day(friday + 8h), (Next{ymd(2026, 4, 3), Half::am}));   // 10:00
    EXPECT_EQ(cal.next_open_half_day(friday + 11h), (Next{ymd(2026, 4, 3), Half::pm}));  // 13:00
    // Friday evening: the weekend, Easter Monday and the closure are skipped.
    EXPECT_EQ(cal.next_open_half_day(friday + 17h), (Next{ymd(2026, 4, 8), Half::am}));
    EXPECT_EQ(cal.next_half_day(friday + 17h), (Next{ymd(2026, 4, 4), Half::am}));
    // A site closed every day of the year to come: the next half-day, closed as it is.
    std::set<Date> all;
    for (auto d = date::sys_days{ymd(2026, 4, 1)}; d <= date::sys_days{ymd(2027, 5, 1)}; d += date::days{1}) all.insert(Date{d});
    auto shut = *SiteCalendar::make("Europe/Paris", "08:00", "12:00", "18:00", all);
    EXPECT_EQ(shut.next_open_half_day(friday + 17h), (Next{ymd(2026, 4, 4), Half::am}));
}

}  // namespace
}  // namespace escale
