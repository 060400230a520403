# SPDX-License-Identifier: EUPL-1.2
"""Calendar feeds (issue 13, item 4): a resident's secret subscription address, read by a
real iCalendar parser (npm ical.js, through tests/web/ical-to-json.mjs): every booking
present, times right on both sides of the DST change (29 March 2026), a cancellation marked
STATUS:CANCELLED with a higher SEQUENCE, stable UIDs; the address works without a session,
is the same at each request, and answers 404 once revoked. A collective space's feed for its
door screen (made and revoked by the site's gestionnaire): every booking of the space, only
« Réservé », across the DST change, cancellations marked, 404 once revoked. One booking as an
.ics download, for its holder or whoever may book for them, 404 for anyone else."""
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

    def space_booking(self, space, start, end, subject="Réunion confidentielle"):
        status, made, _ = self.me.post("/api/v1/space-bookings", {
            "space_id": space["id"], "start": start, "end": end, "attendees": 2, "subject": subject})
        self.assertEqual(status, 201, made)
        return made["bookings"][0]

    def test_space_feed_for_its_door_screen(self):
        gestionnaire = self.server.login("gestionnaire@pilote.escale.test")
        site = self.admin.get("/api/v1/sites/1")[1]
        room = next(s for s in site["spaces"] if s["id"] != self.space["id"])
        before = self.space_booking(room, "2026-03-27T14:00:00+01:00", "2026-03-27T15:00:00+01:00")  # UTC+1
        after = self.space_booking(room, "2026-03-31T09:15:00+02:00", "2026-03-31T10:00:00+02:00")   # UTC+2
        gone = self.space_booking(room, "2026-04-01T11:00:00+02:00", "2026-04-01T12:00:00+02:00")
        self.assertEqual(self.me.delete(f"/api/v1/space-bookings/{gone['id']}")[0], 200)
        other_room = self.space_booking(self.space, "2026-03-31T14:00:00+02:00", "2026-03-31T15:00:00+02:00")
        # only the site's gestionnaires (and administrators) make or revoke it
        assert_error(self, self.me.get(f"/api/v1/spaces/{room['id']}/calendar"), 403, "forbidden")
        assert_error(self, gestionnaire.get("/api/v1/spaces/999999/calendar"), 404, "not_found")
        status, body, _ = gestionnaire.get(f"/api/v1/spaces/{room['id']}/calendar")
        self.assertEqual(status, 200, body)
        path = body["url"][body["url"].index("/api/v1/space-calendar-feeds/"):]
        self.assertEqual(gestionnaire.get(f"/api/v1/spaces/{room['id']}/calendar")[1]["url"], body["url"])
        status, doc, _ = self.server.client().get(path)  # no session: the token is the key
        self.assertEqual(status, 200)
        self.assertIn(b"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris", doc)
        self.assertNotIn("confidentielle".encode(), doc)  # a door screen shows no subject
        events = {e["uid"]: e for e in parse(doc)["events"]}
        # ours, among the demo's history of the room; every one only « Réservé »
        self.assertLessEqual({f"escale-space-booking-{b['id']}" for b in (before, after, gone)}, set(events))
        self.assertEqual({e["summary"] for e in events.values()}, {"Réservé"})
        friday = events[f"escale-space-booking-{before['id']}"]
        self.assertEqual((friday["start"], friday["end"], friday["summary"]),
                         ("2026-03-27T13:00:00Z", "2026-03-27T14:00:00Z", "Réservé"))
        self.assertEqual(friday["tzid"], "Europe/Paris")
        tuesday = events[f"escale-space-booking-{after['id']}"]
        self.assertEqual((tuesday["start"], tuesday["end"]), ("2026-03-31T07:15:00Z", "2026-03-31T08:00:00Z"))
        cancelled = events[f"escale-space-booking-{gone['id']}"]
        self.assertEqual((cancelled["status"], cancelled["sequence"]), ("CANCELLED", 1))
        self.assertNotIn(f"escale-space-booking-{other_room['id']}", events)
        # revoked: 404, and the next request makes another address
        assert_error(self, self.me.delete(f"/api/v1/spaces/{room['id']}/calendar"), 403, "forbidden")
        self.assertEqual(gestionnaire.delete(f"/api/v1/spaces/{room['id']}/calendar")[0], 204)
        assert_error(self, self.server.client().get(path), 404, "not_found")
        new = gestionnaire.get(f"/api/v1/spaces/{room['id']}/calendar")[1]["url"]
        self.assertNotEqual(new, body["url"])

    def test_a_booking_as_an_ics_download(self):
        desk = self.book(self.desks[3], "2026-03-30", "pm")  # Monday after the DST change
        path = f"/api/v1/desk-bookings/{desk['id']}/calendar.ics"
        status, body, headers = self.me.get(path)
        self.assertEqual(status, 200)
        self.assertTrue(headers.getheader("Content-Type").startswith("text/calendar"))
        self.assertIn("attachment", headers.getheader("Content-Disposition"))
        [event] = parse(body)["events"]
        self.assertEqual((event["uid"], event["status"], event["sequence"]),
                         (f"escale-desk-booking-{desk['id']}", "CONFIRMED", 0))
        self.assertEqual((event["start"], event["end"]), ("2026-03-30T11:00:00Z", "2026-03-30T17:00:00Z"))
        # whoever may book for the holder reads it; anyone else is told it does not exist
        self.assertEqual(self.admin.get(path)[0], 200)
        service = self.admin.get("/api/v1/services?site_id=1")[1][1]["id"]
        status, made, _ = self.admin.post("/api/v1/residents", {"site_id": 1, "service_id": service,
                                                               "email": "autre.agenda@pilote.escale.test",
                                                               "display_name": "Octave Autre", "password": PASSWORD})
        self.assertEqual(status, 201, made)
        other = self.server.login("autre.agenda@pilote.escale.test", PASSWORD)
        assert_error(self, other.get(path), 404, "not_found")
        assert_error(self, self.server.client().get(path), 401, "unauthenticated")
        assert_error(self, self.me.get("/api/v1/desk-bookings/99999999/calendar.ics"), 404, "not_found")
        self.assertEqual(self.me.delete(f"/api/v1/desk-bookings/{desk['id']}")[0], 200)
        [event] = parse(self.me.get(path)[1])["events"]
        self.assertEqual((event["status"], event["sequence"]), ("CANCELLED", 1))

        space = self.space_booking(self.space, "2026-03-27T16:00:00+01:00", "2026-03-27T17:30:00+01:00", "Point hebdo")
        status, body, _ = self.me.get(f"/api/v1/space-bookings/{space['id']}/calendar.ics")
        self.assertEqual(status, 200)
        [event] = parse(body)["events"]
        self.assertEqual((event["start"], event["end"]), ("2026-03-27T15:00:00Z", "2026-03-27T16:30:00Z"))
        self.assertIn("Point hebdo", event["summary"])  # its holder sees the subject
        assert_error(self, other.get(f"/api/v1/space-bookings/{space['id']}/calendar.ics"), 404, "not_found")

    def test_unknown_addresses_answer_404(self):
        anonymous = self.server.client()
        assert_error(self, anonymous.get("/api/v1/calendar-feeds/" + "0" * 64), 404, "not_found")
        assert_error(self, anonymous.get("/api/v1/calendar-feeds/court"), 404, "not_found")
        assert_error(self, anonymous.get("/api/v1/space-calendar-feeds/" + "0" * 64), 404, "not_found")
        assert_error(self, anonymous.get("/api/v1/me/calendar"), 401, "unauthenticated")


if __name__ == "__main__":
    unittest.main()
