// SPDX-License-Identifier: EUPL-1.2
// Reads an iCalendar document on standard input with ical.js (a real RFC 5545 parser) and
// prints its events as JSON: uid, sequence, status, summary, location, and start and end
// as UTC instants (ical.js applies the document's VTIMEZONE). Used by tests/api/test_calendar_feeds.py.
import ICAL from "ical.js";

let text = "";
for await (const chunk of process.stdin) text += chunk;
const calendar = new ICAL.Component(ICAL.parse(text));
const utc = (t) => t.toJSDate().toISOString().replace(".000Z", "Z");
const events = calendar.getAllSubcomponents("vevent").map((c) => {
  const e = new ICAL.Event(c);
  return {
    uid: e.uid,
    sequence: e.sequence,
    status: c.getFirstPropertyValue("status"),
    summary: e.summary,
    location: e.location,
    start: utc(e.startDate),
    end: utc(e.endDate),
    tzid: e.startDate.zone ? e.startDate.zone.tzid : null,
  };
});
console.log(JSON.stringify({ name: calendar.getFirstPropertyValue("x-wr-calname"), events }));
