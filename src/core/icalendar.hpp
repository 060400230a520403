// SPDX-License-Identifier: EUPL-1.2
// Calendars in the iCalendar format (RFC 5545), as calendar applications subscribe to them:
// one VEVENT per booking with a stable UID and a SEQUENCE, cancelled ones kept as
// STATUS:CANCELLED so that subscribers remove them; times in the Europe/Paris zone (with its
// VTIMEZONE) for sites there, in UTC for any other zone. Lines folded at 75 octets, text
// escaped, CRLF line ends. Pure.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"

namespace escale {

struct CalendarEvent {
    std::string uid;    // stable for the life of the booking
    int sequence = 0;   // grows when the event changes (0 live, 1 once cancelled)
    Instant start, end;
    std::string summary;
    std::string location;
    std::string description;
    bool cancelled = false;
};

struct CalendarDocument {
    std::string name;       // X-WR-CALNAME, what the application shows
    std::string time_zone;  // the site's IANA zone
    Instant stamp;          // DTSTAMP of every event: when the document was written
    std::vector<CalendarEvent> events;
};

std::string write_icalendar(const CalendarDocument& doc);

// RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped.
std::string icalendar_text(std::string_view s);

}  // namespace escale
