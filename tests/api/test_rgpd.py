# SPDX-License-Identifier: EUPL-1.2
"""Personal data (RGPD) over HTTP: a resident downloads everything held about them; removing
a resident forgets them while their bookings keep counting; the retention policy anonymises
bookings older than the site's period (13 months by default), and the statistics read the
same before and after; no indicator describes fewer than 5 people."""
import json
import time
import unittest

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
PASSWORD = "bienvenue-2026"
WEEK = "from=2026-03-02&to=2026-03-06"


class RgpdTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra=["--retention-interval", "1"])
        cls.admin = cls.server.login(ADMIN)
        site = cls.admin.get("/api/v1/sites/1")[1]
        cls.services = [s["id"] for s in site["services"]]
        cls.desks = [d["id"] for d in cls.admin.get("/api/v1/desks?site_id=1")[1]]
        cls.counter = 0

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        # Tests move the clock months ahead: the session purge may have taken the old sessions.
        self.admin = self.server.login(ADMIN)

    def person(self, service=None, admin=None):
        RgpdTest.counter += 1
        email = f"rgpd-{self.counter}@pilote.escale.test"
        status, made, _ = (admin or self.admin).post("/api/v1/residents", {
            "site_id": 1, "service_id": service or self.services[0], "email": email,
            "display_name": f"Personne RGPD {self.counter}", "password": PASSWORD})
        self.assertEqual(status, 201, made)
        return made, self.server.login(email, PASSWORD)

    def book(self, client, desk, day, period="day", **extra):
        status, made, _ = client.post("/api/v1/desk-bookings", {"desk_id": desk, "date": day, "period": period, **extra})
        self.assertEqual(status, 201, made)
        return made["bookings"]

    @staticmethod
    def figures(o):
        """What bookings make of the indicators (service sizes follow the residents themselves)."""
        return o["days"], [(line["service_id"], line["half_days"]) for line in o["services"]]

    def occupancy(self, query=WEEK):
        status, body, _ = self.admin.get(f"/api/v1/sites/1/occupancy?{query}")
        self.assertEqual(status, 200, body)
        return body

    def test_a_resident_downloads_everything_held_about_them(self):
        me, client = self.person()
        gestionnaire = self.server.login(GESTIONNAIRE)
        mine = self.book(client, self.desks[0], "2026-03-09")
        for_me = self.book(gestionnaire, self.desks[1], "2026-03-10", "am", resident_id=me["id"])
        status, token, _ = client.post("/api/v1/me/api-tokens", {"name": "mon script"})
        self.assertEqual(status, 201, token)
        status, data, resp = client.get("/api/v1/me/personal-data")
        self.assertEqual(status, 200, data)
        self.assertIn("attachment", resp.getheader("Content-Disposition"))
        self.assertEqual(data["resident"]["email"], me["email"])
        self.assertEqual([r["role"] for r in data["roles"]], ["agent"])
        self.assertEqual(sorted(b["id"] for b in data["desk_bookings"]), sorted(b["id"] for b in mine + for_me))
        self.assertEqual(len(data["sessions"]), 1)
        self.assertEqual([t["name"] for t in data["api_tokens"]], ["mon script"])
        actions = {(e["action"], e["object"]) for e in data["audit_events"]}
        self.assertIn(("book_for", "desk_bookings"), actions)
        self.assertIn(("create", "api_tokens"), actions)
        self.assertIn(("create", "residents"), actions)
        text = json.dumps(data)
        for secret in ["token_hash", "password", token["token"], client.token]:
            self.assertNotIn(secret, text)
        # Nobody else's data is in it, and the download is itself logged.
        self.assertTrue(all(b["resident_id"] == me["id"] for b in data["desk_bookings"]))
        last = self.admin.get("/api/v1/audit-events?site_id=1&limit=1")[1][0]
        self.assertEqual((last["action"], last["object"], last["actor_id"]), ("export", "personal_data", me["id"]))
        assert_error(self, self.server.client().get("/api/v1/me/personal-data"), 401, "unauthenticated")

    def test_removing_a_resident_forgets_them_and_keeps_the_figures(self):
        me, client = self.person()
        past = self.book(client, self.desks[2], "2026-03-03")
        future = self.book(client, self.desks[2], "2026-03-20", "am")
        self.server.set_clock("2026-03-12T08:00:00Z")
        try:
            admin = self.server.login(ADMIN)
            before = admin.get(f"/api/v1/sites/1/occupancy?{WEEK}")[1]
            self.assertEqual(admin.delete(f"/api/v1/residents/{me['id']}")[0], 204)
            after = admin.get(f"/api/v1/sites/1/occupancy?{WEEK}")[1]
            self.assertEqual(self.figures(after), self.figures(before), "figures unchanged")
            # Their future booking was cancelled: the slot is free for someone else.
            other, other_client = self.person(admin=admin)
            self.book(other_client, self.desks[2], "2026-03-20", "am")
            with self.server.db() as db:
                ids = [b["id"] for b in past + future]
                marks = ",".join("?" * len(ids))
                rows = db.execute(f"SELECT resident_id, created_by, service_id, state FROM desk_bookings "
                                  f"WHERE id IN ({marks}) ORDER BY id", ids).fetchall()
                self.assertEqual([(r[0], r[1]) for r in rows], [(None, None)] * 3)
                self.assertEqual({r[2] for r in rows}, {self.services[0]}, "the service stays for statistics")
                self.assertEqual([r[3] for r in rows], ["reserved", "reserved", "cancelled"])
                for table in ["credentials", "sessions", "api_tokens", "role_grants"]:
                    self.assertEqual(db.execute(f"SELECT count(*) FROM {table} WHERE resident_id = ?",
                                                (me["id"],)).fetchone()[0], 0, table)
                # The row stays, anonymous, so that its number is never given to someone else.
                row = db.execute("SELECT email, display_name, service_id, active FROM residents WHERE id = ?",
                                 (me["id"],)).fetchone()
                self.assertEqual(tuple(row), (f"supprime-{me['id']}@escale.invalid", "Résident supprimé", None,
                                              row[3]))
                self.assertIn(row[3], (0, False, "f"))  # SQLite, or psql's text for false
                self.assertGreater(other["id"], me["id"])
            assert_error(self, admin.get(f"/api/v1/residents/{me['id']}"), 404, "not_found")
            assert_error(self, admin.patch(f"/api/v1/residents/{me['id']}", {"active": True}), 404, "not_found")
            assert_error(self, admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": me["id"], "role": "lecteur"}),
                         422, "unknown_reference")
            assert_error(self, admin.delete(f"/api/v1/residents/{me['id']}"), 404, "not_found")
            self.assertNotIn(me["id"], [r["id"] for r in admin.get("/api/v1/residents")[1]])
            assert_error(self, client.get("/api/v1/me"), 401, "unauthenticated")
            status, body, _ = self.server.client().post("/api/v1/auth/login", {"email": me["email"], "password": PASSWORD})
            self.assertEqual(status, 401, body)
            e = next(e for e in admin.get("/api/v1/audit-events?site_id=1&limit=20")[1] if e["action"] == "delete")
            self.assertEqual((e["object"], e["object_id"], e["on_behalf_of"]), ("residents", me["id"], me["id"]))
            self.assertIn("anonymisé", e["details"])
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_retention_anonymises_old_bookings_and_statistics_stay_equal(self):
        me, client = self.person()
        old = self.book(client, self.desks[4], "2026-03-04")
        before = self.occupancy()
        self.assertGreaterEqual(sum(d["am"] + d["pm"] for d in before["days"]), 2)
        assert_error(self, self.admin.patch("/api/v1/sites/1", {"retention_months": 0}), 400, "invalid_field")
        assert_error(self, self.admin.patch("/api/v1/sites/1", {"retention_months": 121}), 400, "invalid_field")
        self.assertEqual(self.admin.get("/api/v1/sites/1")[1]["site"]["retention_months"], 13)
        # The period also bounds the audit log of the site's managers: only an administrator sets it.
        gestionnaire = self.server.login(GESTIONNAIRE)
        assert_error(self, gestionnaire.patch("/api/v1/sites/1", {"retention_months": 1}), 403, "forbidden")
        # 13 months and a day later (the job runs every second on this server).
        self.server.set_clock("2027-04-05T08:00:00Z")
        try:
            admin = self.server.login(ADMIN)
            deadline = time.time() + 30
            while time.time() < deadline:
                events = admin.get("/api/v1/audit-events?site_id=1&limit=20")[1]
                retention = [e for e in events if e["action"] == "retention"]
                if retention:
                    break
                time.sleep(0.2)
            self.assertTrue(retention, "the retention job ran")
            self.assertIsNone(retention[0]["actor_id"], "done by the system")
            self.assertIn("2026-03-05", retention[0]["details"])
            # The log's lines go with the same period: none of site 1 older than the cutoff is left.
            old_lines = admin.get("/api/v1/audit-events?site_id=1&until=2026-03-04T23:00:00Z")[1]
            self.assertEqual(old_lines, [])
            self.assertRegex(retention[0]["details"], r"[1-9]\d* ligne\(s\) du journal")
            with self.server.db() as db:
                left = db.execute("SELECT count(*) FROM desk_bookings WHERE date < '2026-03-05' AND "
                                  "(resident_id IS NOT NULL OR created_by IS NOT NULL)").fetchone()[0]
                self.assertEqual(left, 0)
                kept = db.execute("SELECT resident_id, created_at % 86400, state_changed_at % 86400 FROM desk_bookings "
                                  "WHERE id = ?", (old[0]["id"],)).fetchone()
                self.assertEqual(tuple(kept), (None, 0, 0), "no owner, and instants cut to the day")
            self.assertEqual(admin.get(f"/api/v1/sites/1/occupancy?{WEEK}")[1], before, "statistics equal after the purge")
            self.assertGreater(sum(d["am"] + d["pm"] for d in before["days"]), 0)
            data = self.server.login(me["email"], PASSWORD).get("/api/v1/me/personal-data")[1]
            self.assertNotIn(old[0]["id"], [b["id"] for b in data["desk_bookings"]])
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_a_service_emptied_of_its_people_can_go_though_its_bookings_stay(self):
        status, service, _ = self.admin.post("/api/v1/services", {"site_id": 1, "code": "EPHEM", "name": "Éphémère"})
        self.assertEqual(status, 201, service)
        me, client = self.person(service["id"])
        booking = self.book(client, self.desks[6], "2026-03-06", "am")[0]
        self.assertEqual(self.admin.delete(f"/api/v1/residents/{me['id']}")[0], 204)
        self.assertEqual(self.admin.delete(f"/api/v1/services/{service['id']}")[0], 204)
        with self.server.db() as db:
            row = db.execute("SELECT state, service_id FROM desk_bookings WHERE id = ?", (booking["id"],)).fetchone()
            # Kept (cancelled, as it was still to come), now of no service.
            self.assertEqual(tuple(row), ("cancelled", None))

    def test_no_indicator_describes_fewer_than_five_people(self):
        # A service of two people: its bookings count in the day totals, never on their own.
        status, small, _ = self.admin.post("/api/v1/services", {"site_id": 1, "code": "MINI", "name": "Petit service"})
        self.assertEqual(status, 201, small)
        clients = [self.person(small["id"])[1] for _ in range(2)]
        for i, c in enumerate(clients):
            self.book(c, self.desks[10 + i], "2026-03-05", "pm")
        o = self.occupancy()
        self.assertEqual(o["minimum_group"], 5)
        for line in o["services"]:
            self.assertNotEqual(line["service_id"], small["id"])
            if line["half_days"] is not None:
                self.assertGreaterEqual(line["people"], 5, line)
        pool = [line for line in o["services"] if line["service_id"] is None]
        self.assertEqual(len(pool), 1)
        thursday = next(d for d in o["days"] if d["date"] == "2026-03-05")
        self.assertGreaterEqual(thursday["pm"], 2)
        self.assertAlmostEqual(thursday["rate"], (thursday["am"] + thursday["pm"]) / (2 * o["desks"]))
        lecteur = self.person()[0]
        self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": lecteur["id"], "role": "lecteur"})
        reader = self.server.login(lecteur["email"], PASSWORD)
        self.assertEqual(reader.get(f"/api/v1/sites/1/occupancy?{WEEK}")[0], 200)
        assert_error(self, reader.get("/api/v1/sites/1/occupancy?from=2026-03-06&to=2026-03-02"), 400, "invalid_field")
        assert_error(self, reader.get("/api/v1/sites/1/occupancy?from=2026-01-01&to=2027-06-01"), 400, "invalid_field")
        assert_error(self, reader.get("/api/v1/sites/1/occupancy?from=2026-03-02"), 400, "missing_field")
        # Who may not read the figures hears "forbidden" first, whatever parameter is missing.
        assert_error(self, clients[0].get("/api/v1/sites/1/occupancy"), 403, "forbidden")


if __name__ == "__main__":
    unittest.main()
