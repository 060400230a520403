# SPDX-License-Identifier: EUPL-1.2
"""Live updates (issue 11): GET /api/v1/floors/{id}/events, a floor's desk booking changes as
Server-Sent Events. A booking or a cancellation made by someone else, through this server or
another one on the same PostgreSQL database, reaches an open stream within 2 seconds; a
reconnecting stream (Last-Event-ID) resumes or is told to read the floor again. The servers
run on the real clock: the database notes changes with its own."""
import datetime
import re
import time
import unittest

from escale_server import Server, assert_error, database_kind, open_events

AGENT = "claire.dubreuil@pilote.escale.test"


def read_until(sock, pattern, timeout=2.0, data=b""):
    """The bytes arriving on `sock` (after `data`, already read) until `pattern` (a regex on the
    text) matches; fails after `timeout`."""
    sock.settimeout(0.1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = re.search(pattern, data.decode("utf-8", "replace"))
        if m:
            return m
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        if not chunk:
            break
        data += chunk
    raise AssertionError(f"{pattern!r} not received within {timeout} s: {data[-400:]!r}")


def bookable_slot(client):
    """(floor id, date, desk) of a free desk on a bookable morning in the coming two weeks."""
    site = client.get("/api/v1/sites/1")[1]
    day = datetime.date.today()
    for _ in range(14):
        day += datetime.timedelta(days=1)
        for floor in site["floors"]:
            status, avail, _ = client.get(f"/api/v1/floors/{floor['id']}/availability?date={day}")
            assert status == 200, avail
            if avail["refusals"].get("am"):
                break
            free = [d for d in avail["desks"] if d["active"] and d["am"] == "free"]
            if free:
                return floor["id"], str(day), free[-1]
    raise AssertionError("no bookable morning in two weeks")


class LiveOneServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(test_clock=None)
        cls.watcher = cls.server.login(AGENT)
        cls.admin = cls.server.login("admin@pilote.escale.test")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def someone_else(self):
        residents = self.admin.get("/api/v1/residents?site_id=1")[1]
        email = next(r["email"] for r in residents if r["role"] == "agent" and r["email"] != AGENT and r["active"])
        return self.server.login(email)

    def test_a_booking_and_its_cancellation_reach_an_open_stream_within_two_seconds(self):
        floor, date, desk = bookable_slot(self.watcher)
        status, _, headers, sock = open_events(self.watcher, f"/api/v1/floors/{floor}/events")
        try:
            self.assertEqual(status, 200)
            self.assertTrue(headers["content-type"].startswith("text/event-stream"), headers)
            self.assertNotIn("content-length", headers)
            other = self.someone_else()
            started = time.monotonic()
            made = other.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
            self.assertEqual(made[0], 201, made)
            m = read_until(sock, r"id: (\d+)\nevent: desks\ndata: (\{[^\n]*" + date + r"[^\n]*\})\n\n")
            self.assertLess(time.monotonic() - started, 2.0)
            self.assertIn(f'"floor_id":{floor}', m.group(2))
            self.assertIn(f'"{date}"', m.group(2))
            # The watcher reads the floor again and sees the desk taken.
            avail = self.watcher.get(f"/api/v1/floors/{floor}/availability?date={date}")[1]
            self.assertEqual(next(d for d in avail["desks"] if d["id"] == desk["id"])["am"], "taken")
            first_id = int(m.group(1))
            booking = made[1]["bookings"][0]["id"]
            self.assertEqual(other.delete(f"/api/v1/desk-bookings/{booking}")[0], 200)
            m = read_until(sock, r"id: (\d+)\nevent: desks\n")
            self.assertGreater(int(m.group(1)), first_id)
        finally:
            sock.close()

    def test_a_site_stream_tells_the_changes_of_every_floor_of_the_site(self):
        # Ma semaine's stream (GET /api/v1/sites/{id}/events): a booking on any floor of the site.
        floor, date, desk = bookable_slot(self.watcher)
        status, body, _, sock = open_events(self.watcher, "/api/v1/sites/1/events")
        other = self.someone_else()
        made = None
        try:
            self.assertEqual(status, 200)
            self.assertIn(b'data: {"site_id":1}', body)
            started = time.monotonic()
            made = other.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
            self.assertEqual(made[0], 201, made)
            m = read_until(sock, r"id: (\d+)\nevent: desks\ndata: (\{[^\n]*" + date + r"[^\n]*\})\n\n", data=body)
            self.assertLess(time.monotonic() - started, 2.0)
            self.assertIn('"site_id":1', m.group(2))
            self.assertNotIn("floor_id", m.group(2))
        finally:
            sock.close()
            if made and made[0] == 201:  # the slot free again for the other tests
                other.delete(f"/api/v1/desk-bookings/{made[1]['bookings'][0]['id']}")
        # A site one may not read, and one that does not exist: refused as for its other routes.
        other_site = self.admin.post("/api/v1/sites", {"name": f"Autre {time.time_ns()}", "time_zone": "Europe/Paris"})
        self.assertEqual(other_site[0], 201, other_site)
        assert_error(self, open_events(self.watcher, f"/api/v1/sites/{other_site[1]['id']}/events")[:3], 403, "forbidden")
        assert_error(self, open_events(self.admin, "/api/v1/sites/999999/events")[:3], 404, "not_found")

    def test_a_reconnecting_stream_resumes_or_is_told_to_read_again(self):
        floor, date, desk = bookable_slot(self.watcher)
        other = self.someone_else()
        status, _, _, sock = open_events(self.watcher, f"/api/v1/floors/{floor}/events")
        made = other.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
        self.assertEqual(made[0], 201, made)
        last = read_until(sock, r"id: (\d+)\nevent: desks\n").group(1)
        sock.close()
        # Changed while the stream was closed: sent at once after a reconnection from the last id.
        self.assertEqual(other.delete(f"/api/v1/desk-bookings/{made[1]['bookings'][0]['id']}")[0], 200)
        time.sleep(1)
        status, body, _, sock = open_events(self.watcher, f"/api/v1/floors/{floor}/events",
                                            headers={"Last-Event-ID": last})
        try:
            m = read_until(sock, r"id: (\d+)\nevent: desks\n", data=body)
            self.assertGreater(int(m.group(1)), int(last))
            self.assertNotIn(b"event: resync", body)
        finally:
            sock.close()
        # An id this server does not know (too old, or another server's): read everything again.
        status, body, _, sock = open_events(self.watcher, f"/api/v1/floors/{floor}/events",
                                            headers={"Last-Event-ID": "999999999"}, until=b"event: resync")
        sock.close()
        self.assertEqual(status, 200)

    def test_a_new_stream_starts_with_the_changes_of_the_last_seconds(self):
        floor, date, desk = bookable_slot(self.watcher)
        other = self.someone_else()
        made = other.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
        self.assertEqual(made[0], 201, made)
        time.sleep(1)  # booked after the page's read, before its stream opened
        status, body, _, sock = open_events(self.watcher, f"/api/v1/floors/{floor}/events")
        try:
            read_until(sock, r"event: desks\ndata: [^\n]*" + date, data=body)
        finally:
            sock.close()
            other.delete(f"/api/v1/desk-bookings/{made[1]['bookings'][0]['id']}")

    def test_refusals_are_answers_not_streams(self):
        assert_error(self, open_events(self.watcher, "/api/v1/floors/999999/events")[:3], 404, "not_found")
        assert_error(self, open_events(self.watcher, "/api/v1/floors/abc/events")[:3], 400, "invalid_field")
        assert_error(self, open_events(self.server.client(), "/api/v1/floors/1/events")[:3], 401, "unauthenticated")

    def test_many_streams_stay_cheap_and_a_server_stop_ends_them(self):
        floor, date, desk = bookable_slot(self.watcher)
        socks = [open_events(self.watcher, f"/api/v1/floors/{floor}/events")[3] for _ in range(50)]
        try:
            made = self.someone_else().post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
            self.assertEqual(made[0], 201, made)
            started = time.monotonic()
            for s in socks:
                read_until(s, r"event: desks\ndata: [^\n]*" + date, timeout=3.0)
            self.assertLess(time.monotonic() - started, 3.0)
            # Other requests are still served at once.
            t = time.monotonic()
            self.assertEqual(self.watcher.get("/healthz")[0], 200)
            self.assertLess(time.monotonic() - t, 0.5)
        finally:
            for s in socks:
                s.close()


class LiveTwoServersTest(unittest.TestCase):
    """A booking through server B reaches a stream opened on server A (PostgreSQL only)."""

    @classmethod
    def setUpClass(cls):
        if database_kind() != "postgres":
            raise unittest.SkipTest("several servers share a PostgreSQL database; this run is on SQLite")
        cls.a = Server(test_clock=None)
        cls.b = Server(test_clock=None, share_with=cls.a)

    @classmethod
    def tearDownClass(cls):
        cls.b.stop()
        cls.a.stop()

    def test_a_booking_on_one_server_reaches_a_stream_on_the_other(self):
        watcher = self.a.login(AGENT)
        floor, date, desk = bookable_slot(watcher)
        status, _, _, sock = open_events(watcher, f"/api/v1/floors/{floor}/events")
        try:
            other = self.b.login("gestionnaire@pilote.escale.test")
            started = time.monotonic()
            made = other.post("/api/v1/desk-bookings", {"desk_id": desk["id"], "date": date, "period": "am"})
            self.assertEqual(made[0], 201, made)
            m = read_until(sock, r"event: desks\ndata: (\{[^\n]*" + date + r"[^\n]*\})\n")
            self.assertLess(time.monotonic() - started, 2.0)
            self.assertIn(f'"{date}"', m.group(1))
        finally:
            sock.close()


if __name__ == "__main__":
    unittest.main()
