# SPDX-License-Identifier: EUPL-1.2
"""Calendar feeds (issue 13, item 4): a resident's secret subscription address, read by a
real iCalendar parser (npm ical.js, through tests/web/ical-to-json.mjs): every booking
present, times right on both sides of the DST change (29 March 2026), a cancellation marked
STATUS:CANCELLED with a higher SEQUENCE, stable UIDs; the address works without a session,
is the same at each request, and answers 404 once revoked."""
import json
import os
import shutil
import subprocess
import unittest

from escale_server import Server, assert_error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PARSER = os.path.join(ROOT, "tests", "web", "ical-to-json.mjs")
ICAL_JS = os.path.join(ROOT, "tests", "web", "node_modules", "ical.js")
PASSWORD = "agenda-2026-secret"


def parse(document: bytes):
    out = subprocess.run(["node", PARSER], input=document, capture_output=True, check=True, timeout=60)
    return json.loads(out.stdout)


@unittest.skipUnless(shutil.which("node") and os.path.isdir(ICAL_JS),
                     "node and tests/web's ical.js are installed by scripts/install-deps.sh --tests")
class CalendarFeedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.set_clock("2026-03-20T08:00:00Z")  # Friday 20 March, 09:00 in Paris
        cls.admin = cls.server.login("admin@pilote.escale.test")
        service = cls.admin.get("/api/v1/services?site_id=1")[1][0]["id"]
        status, made, _ = cls.admin.post("/api/v1/residents", {"site_id": 1, "service_id": service,
                                                              "email": "agenda@pilote.escale.test",
                                                              "display_name": "Agathe Agenda", "password": PASSWORD})
        assert status == 201, made
        cls.me = cls.server.login("agenda@pilote.escale.test", PASSWORD)
        cls.desks = [d for d in cls.admin.get("/api/v1/desks?site_id=1")[1] if d["active"]]
        site = cls.admin.get("/api/v1/sites/1")[1]
        cls.space = next(s for s in site["spaces"] if s["capacity"] >= 4)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def book(self, desk, date, period="am"):
        status, made, _ = self.me.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": period})
        self.assertEqual(status, 201, made)
        return made["bookings"][0]

    def feed_path(self):
        status, body, _ = self.me.get("/api/v1/me/calendar")
        self.assertEqual(status, 200, body)
        self.assertTrue(body["url"].startswith("http"), body)
        return body["url"][body["url"].index("/api/v1/calendar-feeds/"):]

    def test_feed_has_every_booking_at_the_right_time(self):
        before = self.book(self.desks[0], "2026-03-27")          # Friday, UTC+1
        after = self.book(self.desks[1], "2026-03-31", "pm")     # Tuesday, UTC+2
        gone = self.book(self.desks[2], "2026-04-02")
        self.assertEqual(self.me.delete(f"/api/v1/desk-bookings/{gone['id']}")[0], 200)
        status, space, _ = self.me.post("/api/v1/space-bookings", {
            "space_id": self.space["id"], "start": "2026-03-30T10:00:00+02:00", "end": "2026-03-30T11:30:00+02:00",
            "attendees": 3, "subject": "Revue, bilan; suite"})
        self.assertEqual(status, 201, space)
        path = self.feed_path()
        self.assertEqual(self.feed_path(), path)  # the same address at each request
        status, body, headers = self.server.client().get(path)  # no session: the token is the key
        self.assertEqual(status, 200)
        self.assertTrue(headers.getheader("Content-Type").startswith("text/calendar"))
        self.assertIn(b"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris", body)
        doc = parse(body)
        events = {e["uid"]: e for e in doc["events"]}
        friday = events[f"escale-desk-booking-{before['id']}"]
        self.assertEqual((friday["start"], friday["end"]), ("2026-03-27T07:00:00Z", "2026-03-27T12:00:00Z"))
        self.assertEqual(friday["tzid"], "Europe/Paris")
        self.assertEqual(friday["status"], "CONFIRMED")
        self.assertIn("matin", friday["summary"])
        tuesday = events[f"escale-desk-booking-{after['id']}"]
        self.assertEqual((tuesday["start"], tuesday["end"]), ("2026-03-31T11:00:00Z", "2026-03-31T17:00:00Z"))
        cancelled = events[f"escale-desk-booking-{gone['id']}"]
        self.assertEqual((cancelled["status"], cancelled["sequence"]), ("CANCELLED", 1))
        meeting = events[f"escale-space-booking-{space['bookings'][0]['id']}"]
        self.assertEqual((meeting["start"], meeting["end"]), ("2026-03-30T08:00:00Z", "2026-03-30T09:30:00Z"))
        self.assertIn("Revue, bilan; suite", meeting["summary"])  # escaped on the way, intact after parsing
        self.assertIn(self.space["name"], meeting["summary"])

    def test_revoked_address_answers_404(self):
        old = self.feed_path()
        self.assertEqual(self.server.client().get(old)[0], 200)
        self.assertEqual(self.me.delete("/api/v1/me/calendar")[0], 204)
        assert_error(self, self.server.client().get(old), 404, "not_found")
        new = self.feed_path()
        self.assertNotEqual(new, old)
        self.assertEqual(self.server.client().get(new)[0], 200)

    def test_unknown_addresses_answer_404(self):
        anonymous = self.server.client()
        assert_error(self, anonymous.get("/api/v1/calendar-feeds/" + "0" * 64), 404, "not_found")
        assert_error(self, anonymous.get("/api/v1/calendar-feeds/court"), 404, "not_found")
        assert_error(self, anonymous.get("/api/v1/me/calendar"), 401, "unauthenticated")


if __name__ == "__main__":
    unittest.main()
