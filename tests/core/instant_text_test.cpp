// SPDX-License-Identifier: EUPL-1.2
// Unit tests of instants as text (core/instant_text.hpp): the form the API and the command
// line accept, what they refuse, and that writing then reading gives the same instant.
// Expected instants are built from calendar fields, not with the code under test.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include <date/date.h>

#include "core/instant_text.hpp"

namespace escale {
namespace {

Instant utc(int y, unsigned m, unsigned d, int h, int min, int s) {
    return Instant{date::sys_days{date::year{y} / date::month{m} / date::day{d}}} + std::chrono::hours{h} +
           std::chrono::minutes{min} + std::chrono::seconds{s};
}

TEST(InstantText, ReadsUtcInstantsToTheSecond) {
    EXPECT_EQ(parse_instant("2026-03-04T09:00:00Z"), utc(2026, 3, 4, 9, 0, 0));
    EXPECT_EQ(parse_instant("1970-01-01T00:00:00Z"), Instant{});
    EXPECT_EQ(parse_instant("2024-02-29T23:59:59Z"), utc(2024, 2, 29, 23, 59, 59));
    // The night of the spring DST change in Paris: UTC has no gap.
    EXPECT_EQ(parse_instant("2026-03-29T01:30:00Z"), utc(2026, 3, 29, 1, 30, 0));
    EXPECT_EQ(parse_instant("9999-12-31T23:59:59Z"), utc(9999, 12, 31, 23, 59, 59));
}

TEST(InstantText, WritesWhatItReads) {
    EXPECT_EQ(format_instant(utc(2026, 3, 4, 9, 5, 7)), "2026-03-04T09:05:07Z");
    EXPECT_EQ(format_instant(Instant{}), "1970-01-01T00:00:00Z");
    for (auto t : {utc(2026, 3, 4, 9, 5, 7), utc(2000, 1, 1, 0, 0, 0), utc(2099, 12, 31, 23, 59, 59)})
        EXPECT_EQ(parse_instant(format_instant(t)), t) << format_instant(t);
}

// Only UTC, written with a final Z: an offset, even +00:00, or no zone at all is refused
// rather than guessed.
TEST(InstantText, RefusesOffsetsAndLocalTimes) {
    for (const char* text : {"2026-03-04T09:00:00+02:00", "2026-03-04T09:00:00+00:00", "2026-03-04T09:00:00-05:00",
                             "2026-03-04T09:00:00+0200", "2026-03-04T09:00:00", "2026-03-04T09:00:00z",
                             "2026-03-04T09:00:00 UTC", "2026-03-04T09:00:00ZZ"})
        EXPECT_FALSE(parse_instant(text)) << text;
}

TEST(InstantText, RefusesOtherFormsAndGarbage) {
    for (const char* text : {"", "demain", "now", "2026-03-04", "09:00:00Z", "2026-03-04 09:00:00Z",
                             "2026-03-04t09:00:00Z", "2026-03-04T09:00Z", "2026-03-04T09:00:00.5Z",
                             "2026-03-04T09:00:00.000Z", " 2026-03-04T09:00:00Z", "2026-03-04T09:00:00Z ",
                             "2026-03-04T09:00:00Z\n", "04/03/2026T09:00:00Z", "1772614800", "2026-03-04T09:00:00Zjunk"})
        EXPECT_FALSE(parse_instant(text)) << text;
}

TEST(InstantText, RefusesImpossibleDatesAndTimes) {
    for (const char* text : {"2026-02-29T09:00:00Z", "2025-02-30T09:00:00Z", "2026-13-01T09:00:00Z",
                             "2026-00-10T09:00:00Z", "2026-03-32T09:00:00Z", "2026-03-04T24:00:00Z",
                             "2026-03-04T09:60:00Z", "2026-03-04T09:00:61Z", "20260-03-04T09:00:00Z"})
        EXPECT_FALSE(parse_instant(text)) << text;
}

// Found by fuzz/dates.cpp: without seconds, date::parse converted an unread (NaN) value to an
// integer, undefined behaviour that the sanitizers report; such texts are refused before.
TEST(InstantText, RefusesTextsWithoutSecondsBeforeParsing) {
    for (const char* text : {"2026-07-07T10:00+02:00", "2026-07-07T10:00Z", "2026-07-07T10:Z", "2026-07-07T10:00:Z",
                             "2026-07-07T10::00Z", "-2026-07-07T10:00:00Z", "2026-07-07T100:00:00Z"})
        EXPECT_FALSE(parse_instant(text)) << text;
}

// Howard Hinnant's %F and %T read up to so many digits, not exactly so many: these forms
// have always been accepted by the API and --test-clock. Pinned here so that a change to
// them is a decision, not an accident.
TEST(InstantText, ReadsNarrowFieldsAsItAlwaysHas) {
    EXPECT_EQ(parse_instant("2026-3-4T9:0:0Z"), utc(2026, 3, 4, 9, 0, 0));
    EXPECT_EQ(parse_instant("+2026-03-04T09:00:00Z"), utc(2026, 3, 4, 9, 0, 0));
}

}  // namespace
}  // namespace escale
