# SPDX-License-Identifier: EUPL-1.2
"""Collective space bookings over HTTP: booking ranges in the site's local time, the conflict
that names the held range, every bad input refused with nothing written, who sees and cancels
what, the search of free spaces, recurrences (skip and all or nothing) across the DST change
and a public holiday, and invariant 2 (no overlap stored) raced by many real clients, on one
server and, on PostgreSQL, on two."""
import datetime
import random
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from escale_server import Server, assert_error, database_kind

# The test clock stands at Monday 2 March 2026, 09:00 in Paris (UTC+1). The demo's history
# ("past") holds space bookings before that day only: counts start from TEST_DAYS.
TEST_DAYS = int(datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc).timestamp())
LIVE = "state IN ('reserved', 'checked_in')"
OVERLAPS = ("SELECT COUNT(*) FROM space_bookings a JOIN space_bookings b ON a.space_id = b.space_id "
            f"AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at "
            f"WHERE a.{LIVE} AND b.{LIVE}")


def rows(server, sql="SELECT COUNT(*) FROM space_bookings", params=()):
    with server.db() as db:
        return db.execute(sql, params).fetchone()[0]


def booking(space, start, end, attendees=2, subject="Point d'équipe", **more):
    return {"space_id": space, "start": start, "end": end, "attendees": attendees, "subject": subject, **more}


class SpaceBookingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login("admin@pilote.escale.test")
        status, residents, _ = cls.admin.get("/api/v1/residents")
        assert status == 200, residents
        agents = [r for r in residents if r["role"] == "agent"]
        # Two agents of different services: neither may act for the other.
        cls.alice_r = agents[0]
        cls.bob_r = next(r for r in agents if r["service_id"] != agents[0]["service_id"])
        status, site, _ = cls.admin.get("/api/v1/sites/1")
        cls.spaces = {s["name"]: s for s in site["spaces"]}
        cls.liberte = cls.spaces["Salle Liberté"]["id"]    # meeting room, 8
        cls.sisley = cls.spaces["Bulle Sisley"]["id"]      # bubble, 1
        cls.monet = cls.spaces["Bulle Monet"]["id"]        # bubble, 2
        cls.atelier = cls.spaces["Atelier Égalité"]["id"]  # project room, 8

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.alice = self.server.login(self.alice_r["email"])
        self.bob = self.server.login(self.bob_r["email"])
        self.gestionnaire = self.server.login("gestionnaire@pilote.escale.test")

    def test_book_then_see_the_day_and_my_bookings(self):
        status, made, _ = self.alice.post("/api/v1/space-bookings",
                                          booking(self.liberte, "2026-03-04T10:00:00+01:00", "2026-03-04T11:30+01:00", 4,
                                                  "Comité de pilotage"))
        self.assertEqual(status, 201, made)
        self.assertEqual(made["refused"], [])
        b = made["bookings"][0]
        self.assertEqual((b["start"], b["end"]), ("2026-03-04T10:00:00+01:00", "2026-03-04T11:30:00+01:00"))
        self.assertEqual((b["resident_id"], b["attendees"], b["space_name"]), (self.alice_r["id"], 4, "Salle Liberté"))
        # Stored as instants: 09:00 UTC.
        start_at = rows(self.server, "SELECT start_at FROM space_bookings WHERE id = ?", (b["id"],))
        self.assertEqual(start_at % 86400, 9 * 3600)

        path = f"/api/v1/spaces/{self.liberte}/bookings?date=2026-03-04"
        status, day, _ = self.bob.get(path)
        self.assertEqual(status, 200, day)
        self.assertEqual((day["opens"], day["closes"], day["closed"]),
                         ("2026-03-04T08:00:00+01:00", "2026-03-04T19:00:00+01:00", False))
        mine = [e for e in day["bookings"] if e["id"] == b["id"]][0]
        self.assertEqual(mine["start"], "2026-03-04T10:00:00+01:00")
        self.assertFalse(mine["mine"])
        self.assertNotIn("subject", mine)  # another agent sees the range only
        self.assertNotIn("resident_name", mine)
        status, day, _ = self.alice.get(path)
        mine = [e for e in day["bookings"] if e["id"] == b["id"]][0]
        self.assertTrue(mine["mine"])
        self.assertEqual(mine["subject"], "Comité de pilotage")
        status, day, _ = self.gestionnaire.get(path)
        seen = [e for e in day["bookings"] if e["id"] == b["id"]][0]
        self.assertEqual((seen["subject"], seen["resident_name"]), ("Comité de pilotage", self.alice_r["display_name"]))

        status, listed, _ = self.alice.get("/api/v1/me/space-bookings?from=2026-03-04&to=2026-03-04")
        self.assertEqual(status, 200, listed)
        self.assertIn(b["id"], [x["id"] for x in listed])
        status, listed, _ = self.bob.get("/api/v1/me/space-bookings?from=2026-03-04&to=2026-03-04")
        self.assertNotIn(b["id"], [x["id"] for x in listed])

    def test_an_overlap_is_refused_naming_the_held_range(self):
        status, made, _ = self.alice.post("/api/v1/space-bookings",
                                          booking(self.atelier, "2026-03-05T10:00:00+01:00", "2026-03-05T11:00:00+01:00"))
        self.assertEqual(status, 201, made)
        before = rows(self.server)
        answer = self.bob.post("/api/v1/space-bookings",
                               booking(self.atelier, "2026-03-05T10:45:00+01:00", "2026-03-05T12:00:00+01:00"))
        assert_error(self, answer, 409, "range_taken")
        error = answer[1]["error"]
        self.assertIn("de 10 h 00 à 11 h 00", error["message"])
        self.assertEqual(error["range"], {"start": "2026-03-05T10:00:00+01:00", "end": "2026-03-05T11:00:00+01:00"})
        self.assertEqual(rows(self.server), before)
        # Touching is not overlapping.
        status, made, _ = self.bob.post("/api/v1/space-bookings",
                                        booking(self.atelier, "2026-03-05T11:00:00+01:00", "2026-03-05T12:00:00+01:00"))
        self.assertEqual(status, 201, made)

    def test_every_bad_input_is_refused_and_nothing_is_written(self):
        ok = booking(self.monet, "2026-03-06T14:00:00+01:00", "2026-03-06T15:00:00+01:00")
        cases = [
            ({**ok, "start": "2026-03-06T14:10:00+01:00"}, 400, "off_grid"),
            ({**ok, "end": "2026-03-06T14:00:00+01:00"}, 400, "invalid_range"),
            ({**ok, "end": "2026-03-06T13:00:00+01:00"}, 400, "invalid_range"),
            ({**ok, "attendees": 3}, 422, "too_many_attendees"),
            ({**ok, "attendees": 0}, 400, "invalid_field"),
            ({**ok, "space_id": 99999}, 404, "not_found"),
            ({**ok, "subject": "x" * 201}, 400, "invalid_field"),
            ({**ok, "subject": "   "}, 400, "invalid_field"),
            ({**ok, "start": "2026-03-06T14:00:00+02:00", "end": "2026-03-06T15:00:00+02:00"}, 400, "wrong_offset"),
            ({**ok, "start": "2026-03-06T14:00:00", "end": "2026-03-06T15:00:00"}, 400, "invalid_field"),
            ({**ok, "start": 1772805600}, 400, "invalid_field"),
            ({**ok, "start": "2026-03-07T14:00:00+01:00", "end": "2026-03-07T15:00:00+01:00"}, 422, "closed_day"),
            ({**ok, "start": "2026-03-02T08:00:00+01:00", "end": "2026-03-02T09:00:00+01:00"}, 422, "past"),
            ({**ok, "start": "2026-03-06T18:30:00+01:00", "end": "2026-03-06T19:15:00+01:00"}, 422, "outside_opening_hours"),
            ({**ok, "start": "2026-03-06T07:00:00+01:00", "end": "2026-03-06T08:15:00+01:00"}, 422, "outside_opening_hours"),
            ({**ok, "start": "2026-04-10T14:00:00+02:00", "end": "2026-04-10T15:00:00+02:00"}, 422, "beyond_horizon"),
            ({**ok, "repeat": "weekly"}, 400, "missing_field"),
            ({**ok, "until": "2026-03-20"}, 400, "missing_field"),
            ({**ok, "repeat": "monthly", "until": "2026-03-20"}, 400, "invalid_field"),
            ({**ok, "repeat": "daily", "until": "2026-03-05"}, 400, "invalid_field"),
            ({**ok, "repeat": "daily", "until": "2026-12-31"}, 400, "too_many_occurrences"),
            ({**ok, "on_conflict": "parfois", "repeat": "daily", "until": "2026-03-09"}, 400, "invalid_field"),
            ({k: v for k, v in ok.items() if k != "subject"}, 400, "missing_field"),
            ({**ok, "colour": "bleu"}, 400, "unknown_field"),
        ]
        before = rows(self.server)
        for body, status, code in cases:
            with self.subTest(body=body):
                assert_error(self, self.alice.post("/api/v1/space-bookings", body), status, code)
        assert_error(self, self.alice.request("POST", "/api/v1/space-bookings", raw=b"{pas du json",
                                              headers={"Content-Type": "application/json"}), 400, "invalid_json")
        self.assertEqual(rows(self.server), before)
        # The same day, well formed, books.
        self.assertEqual(self.alice.post("/api/v1/space-bookings", ok)[0], 201)

    def test_bad_queries_of_the_reads(self):
        assert_error(self, self.alice.get(f"/api/v1/spaces/{self.monet}/bookings"), 400, "missing_field")
        assert_error(self, self.alice.get(f"/api/v1/spaces/{self.monet}/bookings?date=2026-02-30"), 400, "invalid_date")
        assert_error(self, self.alice.get("/api/v1/spaces/99999/bookings?date=2026-03-04"), 404, "not_found")
        assert_error(self, self.alice.get("/api/v1/me/space-bookings?from=2026-03-04&to=2026-03-01"), 400, "invalid_field")
        free = "/api/v1/sites/1/free-spaces"
        assert_error(self, self.alice.get(f"{free}?end=2026-03-04T11:00:00%2B01:00"), 400, "missing_field")
        assert_error(self, self.alice.get(f"{free}?start=2026-03-04T10:00:00%2B01:00&end=2026-03-04T11:00:00%2B01:00"
                                          "&people=0"), 400, "invalid_field")
        assert_error(self, self.alice.get(f"{free}?start=2026-03-04T10:00:00%2B01:00&end=2026-03-04T11:00:00%2B01:00"
                                          "&type=salon"), 400, "invalid_field")
        assert_error(self, self.alice.get(f"{free}?start=2026-03-07T10:00:00%2B01:00&end=2026-03-07T11:00:00%2B01:00"),
                     422, "closed_day")
        assert_error(self, self.alice.get("/api/v1/sites/999/free-spaces?start=2026-03-04T10:00:00%2B01:00"
                                          "&end=2026-03-04T11:00:00%2B01:00"), 404, "not_found")

    def test_who_cancels_whose_booking(self):
        status, made, _ = self.alice.post("/api/v1/space-bookings",
                                          booking(self.sisley, "2026-03-09T09:00:00+01:00", "2026-03-09T09:30:00+01:00", 1))
        self.assertEqual(status, 201, made)
        path = f"/api/v1/space-bookings/{made['bookings'][0]['id']}"
        assert_error(self, self.bob.delete(path), 404, "not_found")  # not revealed to another agent
        status, cancelled, _ = self.gestionnaire.delete(path)
        self.assertEqual(status, 200, cancelled)
        self.assertEqual(cancelled["state"], "cancelled")
        self.assertEqual(rows(self.server, "SELECT COUNT(*) FROM audit_events WHERE action = 'cancel_for' "
                                           "AND object = 'space_bookings' AND object_id = ? AND on_behalf_of = ?",
                              (made["bookings"][0]["id"], self.alice_r["id"])), 1)
        assert_error(self, self.alice.delete(path), 409, "booking_not_live")
        # One's own, cancelled by oneself, and not audited.
        status, made, _ = self.alice.post("/api/v1/space-bookings",
                                          booking(self.sisley, "2026-03-09T09:00:00+01:00", "2026-03-09T09:30:00+01:00", 1))
        self.assertEqual(status, 201, made)
        self.assertEqual(self.alice.delete(f"/api/v1/space-bookings/{made['bookings'][0]['id']}")[0], 200)
        self.assertEqual(rows(self.server, "SELECT COUNT(*) FROM audit_events WHERE object = 'space_bookings' "
                                           "AND object_id = ?", (made["bookings"][0]["id"],)), 0)
        # A gestionnaire books for someone: audited as book_for.
        status, made, _ = self.gestionnaire.post("/api/v1/space-bookings",
                                                 booking(self.sisley, "2026-03-09T10:00:00+01:00",
                                                         "2026-03-09T10:30:00+01:00", 1, resident_id=self.bob_r["id"]))
        self.assertEqual(status, 201, made)
        self.assertEqual(made["bookings"][0]["resident_id"], self.bob_r["id"])
        self.assertEqual(rows(self.server, "SELECT COUNT(*) FROM audit_events WHERE action = 'book_for' "
                                           "AND object = 'space_bookings' AND on_behalf_of = ?", (self.bob_r["id"],)), 1)
        # An agent may not book for another.
        assert_error(self, self.alice.post("/api/v1/space-bookings",
                                           booking(self.sisley, "2026-03-09T11:00:00+01:00", "2026-03-09T11:30:00+01:00",
                                                   1, resident_id=self.bob_r["id"])), 403, "forbidden")

    def test_free_spaces_fit_the_range_the_people_and_the_type(self):
        status, made, _ = self.alice.post("/api/v1/space-bookings",
                                          booking(self.monet, "2026-03-10T10:00:00+01:00", "2026-03-10T11:00:00+01:00"))
        self.assertEqual(status, 201, made)
        base = "/api/v1/sites/1/free-spaces?start=2026-03-10T10:30:00%2B01:00&end=2026-03-10T11:30:00%2B01:00"
        status, free, _ = self.bob.get(base + "&type=bubble")
        self.assertEqual(status, 200, free)
        self.assertEqual([s["name"] for s in free], ["Bulle Sisley"])  # Monet is taken
        status, free, _ = self.bob.get(base + "&people=10")
        self.assertEqual([s["name"] for s in free], ["Salle Marianne", "Espace convivial"])
        # A '+' left unencoded arrives as a space and is read back.
        status, free, _ = self.bob.get("/api/v1/sites/1/free-spaces?start=2026-03-10T11:00:00+01:00"
                                       "&end=2026-03-10T11:30:00+01:00&type=bubble")
        self.assertEqual(status, 200, free)
        self.assertEqual(sorted(s["name"] for s in free), ["Bulle Monet", "Bulle Sisley"])

    def test_personal_data_holds_space_bookings(self):
        status, made, _ = self.bob.post("/api/v1/space-bookings",
                                        booking(self.liberte, "2026-03-11T15:00:00+01:00", "2026-03-11T16:00:00+01:00",
                                                subject="Entretien annuel"))
        self.assertEqual(status, 201, made)
        status, data, _ = self.bob.get("/api/v1/me/personal-data")
        self.assertEqual(status, 200, data)
        mine = [b for b in data["space_bookings"] if b["id"] == made["bookings"][0]["id"]]
        self.assertEqual(len(mine), 1)
        self.assertEqual((mine[0]["start"], mine[0]["subject"]), ("2026-03-11T14:00:00Z", "Entretien annuel"))


class RecurrenceTest(unittest.TestCase):
    """Daily from Thursday 26 March 2026 to Tuesday 7 April: over the night of 29 March
    (UTC+1 → UTC+2) and Easter Monday, 6 April."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.set_clock("2026-03-20T08:00:00Z")  # Friday 20 March, 09:00 in Paris
        admin = cls.server.login("admin@pilote.escale.test")
        residents = admin.get("/api/v1/residents")[1]
        agents = [r for r in residents if r["role"] == "agent"]
        cls.alice = cls.server.login(agents[0]["email"])
        cls.bob = cls.server.login(agents[1]["email"])
        spaces = {s["name"]: s["id"] for s in admin.get("/api/v1/sites/1")[1]["spaces"]}
        cls.marianne, cls.silence = spaces["Salle Marianne"], spaces["Salle de silence"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def series(self, space, on_conflict):
        return booking(space, "2026-03-26T10:00:00+01:00", "2026-03-26T11:00:00+01:00", 3, "Point quotidien",
                       repeat="daily", until="2026-04-07", on_conflict=on_conflict)

    def test_skip_books_the_others_and_reports_each_refusal(self):
        status, held, _ = self.bob.post("/api/v1/space-bookings",
                                        booking(self.marianne, "2026-03-31T10:30:00+02:00", "2026-03-31T12:00:00+02:00"))
        self.assertEqual(status, 201, held)
        status, made, _ = self.alice.post("/api/v1/space-bookings", self.series(self.marianne, "skip"))
        self.assertEqual(status, 201, made)
        starts = [b["start"] for b in made["bookings"]]
        self.assertEqual(starts, ["2026-03-26T10:00:00+01:00", "2026-03-27T10:00:00+01:00",
                                  "2026-03-30T10:00:00+02:00",  # after the change, still 10:00
                                  "2026-04-01T10:00:00+02:00", "2026-04-02T10:00:00+02:00",
                                  "2026-04-03T10:00:00+02:00", "2026-04-07T10:00:00+02:00"])
        refused = made["refused"]
        self.assertEqual([(r["date"], r["code"]) for r in refused],
                         [("2026-03-31", "range_taken"), ("2026-04-06", "closed_day")])
        self.assertEqual(refused[0]["range"], {"start": "2026-03-31T10:30:00+02:00", "end": "2026-03-31T12:00:00+02:00"})
        self.assertTrue(all(r["message"] for r in refused))
        self.assertEqual(rows(self.server, f"SELECT COUNT(*) FROM space_bookings WHERE space_id = ? AND {LIVE} "
                                           "AND start_at >= ?", (self.marianne, TEST_DAYS)), 8)
        # The stored instants moved by an hour in UTC across the change.
        with self.server.db() as db:
            got = [r[0] % 86400 for r in db.execute("SELECT start_at FROM space_bookings WHERE space_id = ? "
                                                    "AND resident_id <> ? AND start_at >= ? ORDER BY start_at",
                                                    (self.marianne, held["bookings"][0]["resident_id"],
                                                     TEST_DAYS)).fetchall()]
        self.assertEqual(got, [9 * 3600] * 2 + [8 * 3600] * 5)

    def test_all_or_nothing_books_none_and_reports_each_refusal(self):
        before = rows(self.server)
        answer = self.alice.post("/api/v1/space-bookings", self.series(self.silence, "all_or_nothing"))
        assert_error(self, answer, 409, "occurrences_refused")
        details = answer[1]["error"]["details"]
        self.assertEqual([(d["field"], d["code"]) for d in details], [("2026-04-06", "closed_day")])
        self.assertEqual(rows(self.server), before)
        # Without the holiday, all are booked.
        body = {**self.series(self.silence, "all_or_nothing"), "until": "2026-04-03"}
        status, made, _ = self.alice.post("/api/v1/space-bookings", body)
        self.assertEqual(status, 201, made)
        self.assertEqual(len(made["bookings"]), 7)


class RetentionTest(unittest.TestCase):
    """The retention job forgets who held a space booking and why, once the site's period is over."""

    def test_old_space_bookings_lose_holder_and_subject(self):
        with Server(extra=["--retention-interval", "1"]) as server:
            admin = server.login("admin@pilote.escale.test")
            agent = next(r for r in admin.get("/api/v1/residents")[1] if r["role"] == "agent")
            client = server.login(agent["email"])
            space = admin.get("/api/v1/sites/1")[1]["spaces"][0]["id"]
            status, made, _ = client.post("/api/v1/space-bookings",
                                          booking(space, "2026-03-04T10:00:00+01:00", "2026-03-04T11:00:00+01:00",
                                                  subject="Réunion confidentielle"))
            self.assertEqual(status, 201, made)
            server.set_clock("2027-04-05T08:00:00Z")  # 13 months and a month later
            admin = server.login("admin@pilote.escale.test")
            deadline, done = time.time() + 30, []
            while time.time() < deadline and not done:
                events = admin.get("/api/v1/audit-events?site_id=1&limit=20")[1]
                done = [e for e in events if e["action"] == "retention" and e["object"] == "space_bookings"]
                time.sleep(0.2)
            self.assertTrue(done, "the retention job ran on space bookings")
            self.assertRegex(done[0]["details"], r"[1-9]\d* réservation\(s\) d'espace")
            with server.db() as db:
                kept = db.execute("SELECT resident_id, created_by, subject, attendees, created_at % 86400 "
                                  "FROM space_bookings WHERE id = ?", (made["bookings"][0]["id"],)).fetchone()
            self.assertEqual(tuple(kept), (None, None, "", 2, 0))


def race(clients, bodies):
    """Every client POSTs its body at the same instant; returns (status, body) of each."""
    start = threading.Barrier(len(clients))
    results = [None] * len(clients)

    def run(i):
        start.wait()
        results[i] = clients[i].post("/api/v1/space-bookings", bodies[i])[:2]

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def overlapping_bodies(space, n, date, seed):
    """n ranges of one space, each one to two hours on the grid between 09:00 and 13:00: most overlap."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        start = 9 * 60 + 15 * rnd.randrange(0, 8)
        end = start + 15 * rnd.randrange(4, 9)
        fmt = lambda m: f"{date}T{m // 60:02d}:{m % 60:02d}:00+01:00"
        out.append(booking(space, fmt(start), fmt(end), 1, "Course"))
    return out


class SpaceRaceTest(unittest.TestCase):
    """120 residents of the cité book overlapping ranges of one space at once."""

    def check(self, server, space, results, won_before=0):
        statuses = [r[0] for r in results]
        self.assertTrue(set(statuses) <= {201, 409}, statuses)
        self.assertGreaterEqual(statuses.count(201), 1)
        self.assertTrue(all(r[1]["error"]["code"] == "range_taken" and "déjà réservé de" in r[1]["error"]["message"]
                            for r in results if r[0] == 409), [r for r in results if r[0] == 409][:3])
        self.assertEqual(rows(server, OVERLAPS), 0)
        self.assertEqual(rows(server, f"SELECT COUNT(*) FROM space_bookings WHERE space_id = ? AND {LIVE} "
                                      "AND start_at >= ?", (space, TEST_DAYS)),
                         won_before + statuses.count(201))
        return won_before + statuses.count(201)

    def test_no_overlap_is_ever_stored(self):
        with Server(demo="cite") as server:
            admin = server.login("admin@cite.escale.test")
            residents = admin.get("/api/v1/residents")[1]
            emails = [r["email"] for r in residents if r["role"] == "agent"][:120]
            self.assertEqual(len(emails), 120)
            with ThreadPoolExecutor(8) as pool:
                clients = list(pool.map(server.login, emails))
            for c in clients:  # open every connection before the start signal
                self.assertEqual(c.get("/api/v1/me")[0], 200)
            space = admin.get("/api/v1/sites/1")[1]["spaces"][0]["id"]
            won = 0
            for round_, date in enumerate(["2026-03-04", "2026-03-05"]):
                results = race(clients, overlapping_bodies(space, len(clients), date, round_))
                won = self.check(server, space, results, won)


class TwoServersSpaceRaceTest(unittest.TestCase):
    """The same race spread over two servers on one PostgreSQL database."""

    def test_no_overlap_across_servers(self):
        if database_kind() != "postgres":
            raise unittest.SkipTest("several servers share a PostgreSQL database; this run is on SQLite")
        a = Server(demo="cite")
        try:
            b = Server(demo="cite", share_with=a)
            try:
                admin = a.login("admin@cite.escale.test")
                residents = admin.get("/api/v1/residents")[1]
                emails = [r["email"] for r in residents if r["role"] == "agent"][:120]
                servers = [a, b]
                with ThreadPoolExecutor(8) as pool:
                    clients = list(pool.map(lambda ie: servers[ie[0] % 2].login(ie[1]), enumerate(emails)))
                space = admin.get("/api/v1/sites/1")[1]["spaces"][1]["id"]
                # Every client on the very same range: exactly one winner.
                same = [booking(space, "2026-03-04T10:00:00+01:00", "2026-03-04T11:00:00+01:00", 1, "Course")] * len(clients)
                results = race(clients, same)
                self.assertEqual([r[0] for r in results].count(201), 1)
                won = SpaceRaceTest.check(self, a, space, results)
                results = race(clients, overlapping_bodies(space, len(clients), "2026-03-05", 7))
                SpaceRaceTest.check(self, a, space, results, won)
            finally:
                b.stop()
        finally:
            a.stop()


if __name__ == "__main__":
    unittest.main()
