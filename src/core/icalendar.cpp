// SPDX-License-Identifier: EUPL-1.2
#include "core/icalendar.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace escale {
namespace {

constexpr std::string_view paris = "Europe/Paris";

// The rules of Europe/Paris since 1996 (the EU's): summer time from the last Sunday of March
// at 02:00 to the last Sunday of October at 03:00.
constexpr std::string_view paris_timezone =
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "TZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n";

// Appends one content line, folded so that no line is longer than 75 octets (a fold never
// splits a UTF-8 character).
void line(std::string& out, std::string_view content) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < content.size();) {
        std::size_t len = 1;
        auto c = static_cast<unsigned char>(content[i]);
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        len = std::min(len, content.size() - i);
        if (width + len > 75) {
            out += "\r\n ";
            width = 1;
        }
        out.append(content.substr(i, len));
        width += len;
        i += len;
    }
    out += "\r\n";
}

std::string utc(Instant t) { return date::format("%Y%m%dT%H%M%SZ", t); }

std::string local(const date::time_zone* zone, Instant t) {
    return date::format("%Y%m%dT%H%M%S", date::make_zoned(zone, t).get_local_time());
}

}  // namespace

std::string icalendar_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\r') {
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            out += ' ';  // other control characters are not allowed in TEXT
        } else {
            out += c;
        }
    }
    return out;
}

std::string write_icalendar(const CalendarDocument& doc) {
    const date::time_zone* zone = nullptr;
    if (doc.time_zone == paris) zone = date::locate_zone(paris);
    auto when = [&](std::string_view name, Instant t) {
        return zone ? fmt::format("{};TZID={}:{}", name, paris, local(zone, t)) : fmt::format("{}:{}", name, utc(t));
    };
    std::string out;
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Escale//Escale flex office//FR");
    line(out, "CALSCALE:GREGORIAN");
    line(out, "METHOD:PUBLISH");
    line(out, "X-WR-CALNAME:" + icalendar_text(doc.name));
    if (zone) {
        line(out, "X-WR-TIMEZONE:Europe/Paris");
        out += paris_timezone;
    }
    for (auto& e : doc.events) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + e.uid);
        line(out, "DTSTAMP:" + utc(doc.stamp));
        line(out, fmt::format("SEQUENCE:{}", e.sequence));
        line(out, when("DTSTART", e.start));
        line(out, when("DTEND", e.end));
        line(out, "SUMMARY:" + icalendar_text(e.summary));
        if (!e.location.empty()) line(out, "LOCATION:" + icalendar_text(e.location));
        if (!e.description.empty()) line(out, "DESCRIPTION:" + icalendar_text(e.description));
        line(out, e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }
    line(out, "END:VCALENDAR");
    return out;
}

}  // namespace escale
