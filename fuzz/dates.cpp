// SPDX-License-Identifier: EUPL-1.2
// Dates, instants and times as requests write them: "YYYY-MM-DD" (core/local_date), UTC
// instants "YYYY-MM-DDTHH:MM:SSZ" (core/instant_text), "HH:MM" opening hours, space booking
// times with their offset "YYYY-MM-DDTHH:MM[:SS]±HH:MM" read at a Paris site
// (core/space_rules), and the half-day, role and booking-state words. Asserts that whatever
// is accepted is written back as the very text read (the parsers are strict; an instant reads
// back as itself), and that a site time read, written and read again names the same instant.
#include <fmt/format.h>

#include "check.hpp"
#include "core/calendar.hpp"
#include "core/desk_booking.hpp"
#include "core/instant_text.hpp"
#include "core/local_date.hpp"
#include "core/resident.hpp"
#include "core/space_rules.hpp"

namespace {

using namespace escale;

const SiteCalendar& paris() {
    static const SiteCalendar cal = *SiteCalendar::make("Europe/Paris", "08:00", "12:00", "19:00");
    return cal;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto text = fuzz::text_of(data, size);
    if (auto d = parse_date(text)) FUZZ_CHECK(format_date(*d) == text, "a date did not format back to its text");
    // Instants also take narrow fields ("2026-3-4T9:0:0Z", tests/core/instant_text_test.cpp).
    if (auto t = parse_instant(text)) FUZZ_CHECK(parse_instant(format_instant(*t)) == t, "an instant did not read back");
    if (auto m = parse_time_of_day(text)) {
        FUZZ_CHECK(*m >= 0 && *m < 24 * 60, "a time of day outside the day");
        FUZZ_CHECK(fmt::format("{:02}:{:02}", *m / 60, *m % 60) == text, "a time of day did not format back");
    }
    if (auto h = parse_half(text)) FUZZ_CHECK(to_string(*h) == text, "a half-day word did not format back");
    if (auto r = parse_role(text)) FUZZ_CHECK(to_string(*r) == text, "a role did not format back");
    if (auto s = parse_booking_state(text)) FUZZ_CHECK(to_string(*s) == text, "a booking state did not format back");
    if (auto w = parse_written_local_time(text)) {
        FUZZ_CHECK(w->minutes_after_midnight >= 0 && w->minutes_after_midnight < 24 * 60, "a written time outside the day");
        FUZZ_CHECK(w->seconds >= 0 && w->seconds < 60, "written seconds out of range");
    }
    if (auto t = read_site_time(paris(), text, "start")) {
        auto written = format_site_time(paris(), *t);
        auto again = read_site_time(paris(), written, "start");
        FUZZ_CHECK(again && *again == *t, "a site time written back did not name the same instant");
    }
    return 0;
}
