// SPDX-License-Identifier: EUPL-1.2
// The rules of collective space bookings: local times with the site's real offset, the
// 15-minute grid, opening hours, open days, capacity and subject, and recurrences that keep
// the wall-clock time across the DST change and report the public holiday they fall on.
#include <gtest/gtest.h>

#include "core/space_rules.hpp"

using namespace escale;
using namespace date::literals;

namespace {

SiteCalendar paris() { return *SiteCalendar::make("Europe/Paris", "08:00", "13:00", "19:00", {2026_y / 3 / 13}); }

Instant utc(date::sys_days day, int h, int m) { return Instant{day} + std::chrono::hours{h} + std::chrono::minutes{m}; }

template <class T>
std::string code_of(const Result<T>& r) {
    return r ? "ok" : r.error().code;
}

Space room(int capacity) {
    Space s;
    s.capacity = capacity;
    return s;
}

}  // namespace

TEST(SpaceTimes, ReadsLocalTimesWithTheSiteOffsetOfThatInstant) {
    auto cal = paris();
    // Winter: UTC+1; summer: UTC+2.
    EXPECT_EQ(*read_site_time(cal, "2026-12-07T10:00:00+01:00", "start"), utc(2026_y / 12 / 7, 9, 0));
    EXPECT_EQ(*read_site_time(cal, "2026-06-08T10:00+02:00", "start"), utc(2026_y / 6 / 8, 8, 0));
    EXPECT_EQ(code_of(read_site_time(cal, "2026-12-07T10:00:00+02:00", "start")), "wrong_offset");
    EXPECT_EQ(code_of(read_site_time(cal, "2026-06-08T10:00:00+01:00", "start")), "wrong_offset");
    EXPECT_EQ(code_of(read_site_time(cal, "2026-12-07T09:00:00Z", "start")), "wrong_offset");
    auto wrong = read_site_time(cal, "2026-12-07T10:00:00+02:00", "start");
    EXPECT_NE(wrong.error().message.find("+01:00"), std::string::npos) << wrong.error().message;
    for (auto bad : {"", "2026-12-07", "2026-12-07T10:00:00", "2026-12-07 10:00:00+01:00", "2026-13-07T10:00:00+01:00",
                     "2026-12-07T24:00:00+01:00", "2026-12-07T10:00:00+1:00", "2026-12-07T10:00:00+01:00x"})
        EXPECT_EQ(code_of(read_site_time(cal, bad, "start")), "invalid_field") << bad;
}

TEST(SpaceTimes, WritesLocalTimesWithTheirOffset) {
    auto cal = paris();
    EXPECT_EQ(format_site_time(cal, utc(2026_y / 12 / 7, 9, 0)), "2026-12-07T10:00:00+01:00");
    EXPECT_EQ(format_site_time(cal, utc(2026_y / 6 / 8, 8, 15)), "2026-06-08T10:15:00+02:00");
    EXPECT_EQ(format_site_clock(cal, utc(2026_y / 6 / 8, 8, 15)), "10 h 15");
    // Across the October change: 01:30 UTC is 03:30+02:00... then 02:30+01:00 an hour later.
    EXPECT_EQ(format_site_time(cal, utc(2026_y / 10 / 25, 0, 30)), "2026-10-25T02:30:00+02:00");
    EXPECT_EQ(format_site_time(cal, utc(2026_y / 10 / 25, 1, 30)), "2026-10-25T02:30:00+01:00");
    // What is written reads back to the same instant.
    auto t = utc(2026_y / 10 / 25, 1, 30);
    EXPECT_EQ(*read_site_time(cal, format_site_time(cal, t), "start"), t);
}

TEST(SpaceRange, OnTheGridInsideOpeningHours) {
    auto cal = paris();
    auto day = 2026_y / 3 / 4;  // Wednesday, UTC+1
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 9, 0), utc(day, 10, 15))), "ok");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 9, 0), utc(day, 9, 0))), "invalid_range");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 10, 0), utc(day, 9, 0))), "invalid_range");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 9, 10), utc(day, 10, 0))), "off_grid");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 9, 0), utc(day, 10, 0) + std::chrono::seconds{30})), "off_grid");
    // Opening hours 08:00-19:00 local = 07:00-18:00 UTC.
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 7, 0), utc(day, 18, 0))), "ok");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 6, 45), utc(day, 8, 0))), "outside_opening_hours");
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 17, 0), utc(day, 18, 15))), "outside_opening_hours");
    // Over two days.
    EXPECT_EQ(code_of(check_space_range_shape(cal, utc(day, 17, 0), utc(2026_y / 3 / 5, 8, 0))), "outside_opening_hours");
    auto msg = check_space_range_shape(cal, utc(day, 6, 45), utc(day, 8, 0)).error().message;
    EXPECT_NE(msg.find("de 8 h 00 à 19 h 00"), std::string::npos) << msg;
}

TEST(SpaceRange, OpenDayNotBegunWithinHorizon) {
    auto cal = paris();
    auto now = utc(2026_y / 3 / 2, 8, 0);  // Monday 2 March 2026, 09:00 Paris
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 4, 9, 0), utc(2026_y / 3 / 4, 10, 0), now, 28)), "ok");
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 7, 9, 0), utc(2026_y / 3 / 7, 10, 0), now, 28)),
              "closed_day");  // Saturday
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 13, 9, 0), utc(2026_y / 3 / 13, 10, 0), now, 28)),
              "closed_day");  // closure
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 2, 7, 45), utc(2026_y / 3 / 2, 9, 0), now, 28)),
              "past");  // began a quarter of an hour ago
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 2, 8, 0), utc(2026_y / 3 / 2, 9, 0), now, 28)), "ok");
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 31, 8, 0), utc(2026_y / 3 / 31, 9, 0), now, 28)),
              "beyond_horizon");
    // The shape comes first.
    EXPECT_EQ(code_of(check_space_range_bookable(cal, utc(2026_y / 3 / 7, 9, 5), utc(2026_y / 3 / 7, 10, 0), now, 28)),
              "off_grid");
}

TEST(SpaceRequest, AttendeesWithinCapacityAndABoundedSubject) {
    EXPECT_EQ(code_of(check_space_request(room(6), 6, "Point d'équipe")), "ok");
    EXPECT_EQ(code_of(check_space_request(room(6), 7, "Point d'équipe")), "too_many_attendees");
    EXPECT_EQ(code_of(check_space_request(room(6), 0, "Point d'équipe")), "invalid_field");
    EXPECT_EQ(code_of(check_space_request(room(6), 2, "  ")), "invalid_field");
    EXPECT_EQ(code_of(check_space_request(room(6), 2, std::string(200, 'a'))), "ok");
    EXPECT_EQ(code_of(check_space_request(room(6), 2, std::string(201, 'a'))), "invalid_field");
    // Characters, not bytes: 200 « é » are 400 bytes and allowed.
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "é";
    EXPECT_EQ(code_of(check_space_request(room(6), 2, accents)), "ok");
    EXPECT_EQ(check_space_request(room(1), 2, "x").error().message, "Cet espace collectif accueille au plus 1 personne.");
}

TEST(SpaceRecurrence, WeeklyAcrossTheOctoberChangeKeepsTheWallClockAndMeetsArmistice) {
    auto cal = paris();
    // Wednesdays from 21 October 2026 to 11 November 2026; DST ends on Sunday 25 October.
    auto dates = recurrence_dates(2026_y / 10 / 21, Repeat::weekly, 2026_y / 11 / 11);
    ASSERT_TRUE(dates);
    ASSERT_EQ(dates->size(), 4u);
    EXPECT_EQ((*dates)[1], 2026_y / 10 / 28);
    EXPECT_EQ((*dates)[3], 2026_y / 11 / 11);
    // 10:00 local each time: 08:00 UTC before the change, 09:00 UTC after.
    EXPECT_EQ(cal.at_local((*dates)[0], 600), utc(2026_y / 10 / 21, 8, 0));
    EXPECT_EQ(cal.at_local((*dates)[1], 600), utc(2026_y / 10 / 28, 9, 0));
    EXPECT_EQ(format_site_time(cal, cal.at_local((*dates)[1], 600)), "2026-10-28T10:00:00+01:00");
    // 11 November (Armistice) is a public holiday: that occurrence is refused as a closed day.
    auto now = utc(2026_y / 10 / 20, 8, 0);
    EXPECT_EQ(code_of(check_space_range_bookable(cal, cal.at_local((*dates)[3], 600), cal.at_local((*dates)[3], 660), now, 60)),
              "closed_day");
    EXPECT_EQ(code_of(check_space_range_bookable(cal, cal.at_local((*dates)[2], 600), cal.at_local((*dates)[2], 660), now, 60)),
              "ok");
}

TEST(SpaceRecurrence, DailyMeansWeekdaysAndIsBounded) {
    auto dates = recurrence_dates(2026_y / 3 / 5, Repeat::daily, 2026_y / 3 / 10);  // Thursday .. Tuesday
    ASSERT_TRUE(dates);
    std::vector<Date> expected{2026_y / 3 / 5, 2026_y / 3 / 6, 2026_y / 3 / 9, 2026_y / 3 / 10};
    EXPECT_EQ(*dates, expected);
    // A first day on a weekend stays, to be reported.
    EXPECT_EQ(recurrence_dates(2026_y / 3 / 7, Repeat::daily, 2026_y / 3 / 9)->size(), 2u);
    EXPECT_EQ(code_of(recurrence_dates(2026_y / 3 / 5, Repeat::daily, 2026_y / 3 / 4)), "invalid_field");
    // 100 weekly occurrences fit, 101 do not.
    auto last = Date{date::sys_days{2026_y / 3 / 5} + date::days{7 * 99}};
    EXPECT_EQ(recurrence_dates(2026_y / 3 / 5, Repeat::weekly, last)->size(), 100u);
    EXPECT_EQ(code_of(recurrence_dates(2026_y / 3 / 5, Repeat::weekly, Date{date::sys_days{last} + date::days{7}})),
              "too_many_occurrences");
}
