// SPDX-License-Identifier: EUPL-1.2
// iCalendar documents: local times in Europe/Paris on both sides of the DST change with the
// zone's VTIMEZONE, UTC elsewhere, escaped text, lines folded at 75 octets without cutting a
// UTF-8 character, CRLF line ends, cancelled events.
#include "core/icalendar.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

namespace escale {
namespace {

Instant utc(int y, unsigned m, unsigned d, int h, int min = 0) {
    return Instant{date::sys_days{date::year{y} / m / d}} + std::chrono::hours{h} + std::chrono::minutes{min};
}

CalendarDocument sample(std::string zone) {
    CalendarDocument doc{.name = "Escale — essai", .time_zone = std::move(zone), .stamp = utc(2026, 3, 20, 9), .events = {}};
    // Friday 27 March 2026, 08:00–13:00 in Paris (UTC+1); Tuesday 31 March, after the change (UTC+2).
    doc.events.push_back({.uid = "escale-desk-booking-1", .sequence = 0, .start = utc(2026, 3, 27, 7), .end = utc(2026, 3, 27, 12),
                          .summary = "Poste A-1 (matin)", .location = "Préfecture, 3e étage", .description = "", .cancelled = false});
    doc.events.push_back({.uid = "escale-desk-booking-2", .sequence = 1, .start = utc(2026, 3, 31, 6), .end = utc(2026, 3, 31, 11),
                          .summary = "Poste A-2 (matin)", .location = "", .description = "", .cancelled = true});
    return doc;
}

TEST(ICalendar, ParisTimesAreLocalOnBothSidesOfTheChange) {
    auto text = write_icalendar(sample("Europe/Paris"));
    EXPECT_NE(text.find("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTSTART;TZID=Europe/Paris:20260327T080000\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTEND;TZID=Europe/Paris:20260327T130000\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTSTART;TZID=Europe/Paris:20260331T080000\r\n"), std::string::npos);
    EXPECT_NE(text.find("DTSTAMP:20260320T090000Z\r\n"), std::string::npos);
    EXPECT_NE(text.find("UID:escale-desk-booking-2\r\nDTSTAMP:20260320T090000Z\r\nSEQUENCE:1\r\n"), std::string::npos);
    EXPECT_NE(text.find("STATUS:CANCELLED"), std::string::npos);
    EXPECT_NE(text.find("LOCATION:Préfecture\\, 3e étage\r\n"), std::string::npos);
    EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
}

TEST(ICalendar, OtherZonesAreWrittenInUtc) {
    auto text = write_icalendar(sample("America/Cayenne"));
    EXPECT_EQ(text.find("VTIMEZONE"), std::string::npos);
    EXPECT_NE(text.find("DTSTART:20260327T070000Z\r\n"), std::string::npos);
}

TEST(ICalendar, TextIsEscaped) {
    EXPECT_EQ(icalendar_text("a;b,c\\d\ne\r\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
}

TEST(ICalendar, LongLinesAreFoldedAt75OctetsWithoutCuttingACharacter) {
    auto doc = sample("Europe/Paris");
    std::string summary;
    for (int i = 0; i < 40; ++i) summary += "é";  // 2 octets each
    doc.events[0].summary = summary;
    auto text = write_icalendar(doc);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find("\r\n", start);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end - start, 75u) << text.substr(start, end - start);
        start = end + 2;
    }
    // Unfolding gives the line back.
    std::string unfolded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        unfolded += text[i];
    }
    EXPECT_NE(unfolded.find("SUMMARY:" + summary + "\r\n"), std::string::npos);
}

}  // namespace
}  // namespace escale
