# SPDX-License-Identifier: EUPL-1.2
"""Lockers (issue 10, item 2): self-service nearest first, assignment by a gestionnaire, who
holds which (JSON and CSV), a removed or deactivated resident's locker freed, bad input, and
races for the last locker (one holder, every loser a 409) checked in the database itself
(invariant 3's locker part)."""
import csv
import datetime
import io
import itertools
import re
import time
import unittest

from escale_server import Server, assert_error, database_kind, race

try:
    import openpyxl
except ImportError:  # installed by scripts/install-deps.sh --tests
    openpyxl = None

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"
PASSWORD = "casiers-2026-secret"
LIVE = "released_at IS NULL"


def count(server, where="1 = 1", params=()):
    with server.db() as db:
        return db.execute(f"SELECT COUNT(*) FROM locker_assignments WHERE {where}", params).fetchone()[0]


def violations(server):
    """Lockers held twice and residents holding two lockers, counted in the database."""
    with server.db() as db:
        lockers = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM locker_assignments WHERE {LIVE} "
                             "GROUP BY locker_id HAVING COUNT(*) > 1) AS t").fetchone()[0]
        residents = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM locker_assignments WHERE {LIVE} "
                               "GROUP BY resident_id HAVING COUNT(*) > 1) AS t").fetchone()[0]
    return lockers, residents


class LockerSite:
    """A site of its own, made through the API: floors at levels 1 (the home of service A),
    2 and 4; quartier QA of service A on level 1 around two desks at (90, 100) and (110, 100);
    five lockers whose labels sort against their nearness; `people` agents of service A and
    two of service B (no quartier), each with a password."""

    def __init__(self, server, people=2):
        self.server = server
        admin = self.admin = server.login(ADMIN)
        n = next(LockerSite.counter)
        self.site = self.make("sites", {"name": f"Site des casiers {n}"})
        self.floors = {lvl: self.make("floors", {"site_id": self.site, "name": f"Niveau {lvl}", "level": lvl})
                       for lvl in (1, 2, 4)}
        self.service_a = self.make("services", {"site_id": self.site, "code": "A", "name": "Service A"})
        self.service_b = self.make("services", {"site_id": self.site, "code": "B", "name": "Service B"})
        self.zone = self.make("zones", {"site_id": self.site, "floor_id": self.floors[1], "service_id": self.service_a,
                                        "name": "Quartier A"})
        for i, x in enumerate((90, 110)):
            self.make("desks", {"site_id": self.site, "floor_id": self.floors[1], "zone_id": self.zone,
                                "label": f"P-{i}", "x": x, "y": 100})
        spec = [("Z-quartier-pres", 1, self.zone, 110, 100), ("Y-quartier-loin", 1, self.zone, 900, 900),
                ("X-niveau", 1, None, 500, 500), ("W-niveau-2", 2, None, 0, 0), ("B-niveau-4", 4, None, 0, 0)]
        self.lockers = {}
        for label, lvl, zone, x, y in spec:
            self.lockers[label] = self.make("lockers", {"site_id": self.site, "floor_id": self.floors[lvl],
                                                        "zone_id": zone, "label": label, "x": x, "y": y})
        self.agents_a = [self.person(self.service_a, f"a{n}-{i}") for i in range(people)]
        self.agents_b = [self.person(self.service_b, f"b{n}-{i}") for i in range(2)]

    counter = itertools.count(1)

    def make(self, collection, body):
        status, made, _ = self.admin.post(f"/api/v1/{collection}", body)
        assert status == 201, (collection, body, made)
        return made["id"]

    def person(self, service, tag):
        email = f"casier-{tag}@pilote.escale.test"
        rid = self.make("residents", {"site_id": self.site, "service_id": service, "email": email,
                                      "display_name": f"Casier {tag}", "password": PASSWORD})
        return {"id": rid, "email": email}

    def login(self, person, server=None):
        return (server or self.server).login(person["email"], PASSWORD)


class SelfServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.site = LockerSite(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_free_lockers_come_nearest_to_the_service_first(self):
        s = self.site
        status, free, _ = s.login(s.agents_a[0]).get("/api/v1/me/free-lockers")
        self.assertEqual(status, 200, free)
        self.assertEqual([(f["label"], f["nearness"]) for f in free],
                         [("Z-quartier-pres", "quartier"), ("Y-quartier-loin", "quartier"), ("X-niveau", "floor"),
                          ("W-niveau-2", "site"), ("B-niveau-4", "site")])
        self.assertEqual(free[0]["zone_name"], "Quartier A")
        self.assertIsNone(free[2]["zone_name"])
        # A service without a quartier: every locker is "site", lowest level first, then label.
        status, free, _ = s.login(s.agents_b[0]).get("/api/v1/me/free-lockers")
        self.assertEqual([(f["label"], f["nearness"]) for f in free],
                         [("X-niveau", "site"), ("Y-quartier-loin", "site"), ("Z-quartier-pres", "site"),
                          ("W-niveau-2", "site"), ("B-niveau-4", "site")])

    def test_take_the_nearest_see_it_release_it(self):
        s = self.site
        me = s.login(s.agents_a[1])
        assert_error(self, me.get("/api/v1/me/locker"), 404, "no_locker")
        status, taken, _ = me.request("POST", "/api/v1/me/locker")  # no body: the nearest
        self.assertEqual(status, 201, taken)
        self.assertEqual(taken["locker"]["label"], "Z-quartier-pres")
        self.assertEqual(taken["resident_id"], s.agents_a[1]["id"])
        self.assertEqual(taken["assigned_at"], "2026-03-02T08:00:00Z")
        self.assertIsNone(taken["released_at"])
        status, mine, _ = me.get("/api/v1/me/locker")
        self.assertEqual((status, mine["id"], mine["zone_name"]), (200, taken["id"], "Quartier A"))
        # Gone from the free ones, for everyone.
        free = s.login(s.agents_b[1]).get("/api/v1/me/free-lockers")[1]
        self.assertNotIn("Z-quartier-pres", [f["label"] for f in free])
        # One locker per resident.
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": s.lockers["X-niveau"]}), 409,
                     "already_holds_locker")
        # The personal data download carries it.
        data = me.get("/api/v1/me/personal-data")[1]
        self.assertEqual([a["locker_id"] for a in data["locker_assignments"]], [s.lockers["Z-quartier-pres"]])
        self.assertEqual(me.delete("/api/v1/me/locker")[0], 204)
        assert_error(self, me.delete("/api/v1/me/locker"), 404, "no_locker")
        assert_error(self, me.get("/api/v1/me/locker"), 404, "no_locker")
        # A chosen one now; history keeps both periods.
        status, chosen, _ = me.post("/api/v1/me/locker", {"locker_id": s.lockers["B-niveau-4"]})
        self.assertEqual((status, chosen["locker"]["label"]), (201, "B-niveau-4"), chosen)
        history = me.get("/api/v1/me/personal-data")[1]["locker_assignments"]
        self.assertEqual(len(history), 2)
        self.assertIsNotNone(history[0]["released_at"])
        self.assertIsNone(history[1]["released_at"])
        self.assertEqual(me.delete("/api/v1/me/locker")[0], 204)

    def test_bad_input_is_refused_and_writes_nothing(self):
        s = self.site
        me = s.login(s.agents_b[1])
        before = count(self.server)
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": 999999}), 404, "not_found")
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": "C-01"}), 400, "invalid_field")
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": 0}), 400, "invalid_field")
        assert_error(self, me.post("/api/v1/me/locker", {"casier": 1}), 400, "unknown_field")
        assert_error(self, me.request("POST", "/api/v1/me/locker", raw=b"{", headers={"Content-Type": "application/json"}),
                     400, "invalid_json")
        # A pilot locker is on another site.
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": 1}), 422, "locker_of_another_site")
        # Held by someone else.
        other = s.login(s.agents_a[0])
        self.assertEqual(other.post("/api/v1/me/locker", {"locker_id": s.lockers["W-niveau-2"]})[0], 201)
        after_take = count(self.server)
        assert_error(self, me.post("/api/v1/me/locker", {"locker_id": s.lockers["W-niveau-2"]}), 409, "locker_taken")
        self.assertEqual(count(self.server), after_take)
        self.assertEqual(after_take, before + 1)
        self.assertEqual(other.delete("/api/v1/me/locker")[0], 204)


class GestionnaireTest(unittest.TestCase):
    """On the pilot: its gestionnaire assigns, releases and lists; others may not."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        residents = cls.admin.get("/api/v1/residents?site_id=1")[1]
        cls.agents = [r for r in residents if r["role"] == "agent"]
        cls.counter = itertools.count(1)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def fresh_resident(self, name=None):
        n = next(self.counter)
        status, r, _ = self.admin.post("/api/v1/residents", {
            "site_id": 1, "service_id": 1, "email": f"casier-pilote-{n}@pilote.escale.test",
            "display_name": name or f"Résidente {n}", "password": PASSWORD})
        self.assertEqual(status, 201, r)
        return r

    def fresh_locker(self):
        status, l, _ = self.admin.post("/api/v1/lockers", {"site_id": 1, "floor_id": 1, "label": f"T-{next(self.counter)}"})
        self.assertEqual(status, 201, l)
        return l["id"]

    def audit_actions(self, object_id):
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=1000")[1]
        return [e["action"] for e in events if e["object"] == "locker_assignments" and e["object_id"] == object_id]

    def test_assign_list_release(self):
        holder, locker = self.fresh_resident(), self.fresh_locker()
        status, a, _ = self.gestionnaire.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": holder["id"]})
        self.assertEqual(status, 201, a)
        self.assertEqual((a["resident"]["id"], a["locker"]["id"]), (holder["id"], locker))
        self.assertEqual(self.audit_actions(a["id"]), ["assign_for"])
        mine = self.server.login(holder["email"], PASSWORD).get("/api/v1/me/locker")[1]
        self.assertEqual(mine["id"], a["id"])
        # No implicit move: a second locker for the same person is refused, and so is a second holder.
        assert_error(self, self.gestionnaire.post("/api/v1/locker-assignments",
                                                  {"locker_id": self.fresh_locker(), "resident_id": holder["id"]}),
                     409, "already_holds_locker")
        assert_error(self, self.gestionnaire.post("/api/v1/locker-assignments",
                                                  {"locker_id": locker, "resident_id": self.fresh_resident()["id"]}),
                     409, "locker_taken")
        status, held, _ = self.gestionnaire.get("/api/v1/sites/1/locker-assignments")
        self.assertEqual(status, 200)
        row = next(h for h in held if h["id"] == a["id"])
        self.assertEqual(row["resident"]["email"], holder["email"])
        # An agent neither sees nor releases someone else's.
        agent = self.server.login(self.agents[0]["email"])
        assert_error(self, agent.get("/api/v1/sites/1/locker-assignments"), 403, "forbidden")
        assert_error(self, agent.delete(f"/api/v1/locker-assignments/{a['id']}"), 404, "not_found")
        self.assertEqual(self.gestionnaire.delete(f"/api/v1/locker-assignments/{a['id']}")[0], 204)
        self.assertEqual(self.audit_actions(a["id"]), ["release_for", "assign_for"])
        assert_error(self, self.gestionnaire.delete(f"/api/v1/locker-assignments/{a['id']}"), 404, "no_locker")
        self.assertNotIn(a["id"], [h["id"] for h in self.gestionnaire.get("/api/v1/sites/1/locker-assignments")[1]])

    def test_an_agent_or_a_referent_cannot_assign_to_someone_else(self):
        locker, target = self.fresh_locker(), self.fresh_resident()
        before = count(self.server)
        for email in (self.agents[0]["email"], REFERENT):
            client = self.server.login(email)
            assert_error(self, client.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": target["id"]}),
                         403, "forbidden")
        self.assertEqual(count(self.server), before)

    def test_bad_assignments_are_refused_and_write_nothing(self):
        locker, target = self.fresh_locker(), self.fresh_resident()
        site_b = self.admin.post("/api/v1/sites", {"name": "Autre site des casiers"})[1]["id"]
        floor_b = self.admin.post("/api/v1/floors", {"site_id": site_b, "name": "RDC"})[1]["id"]
        locker_b = self.admin.post("/api/v1/lockers", {"site_id": site_b, "floor_id": floor_b, "label": "B-1"})[1]["id"]
        before = count(self.server)
        g = self.gestionnaire
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": 999999, "resident_id": target["id"]}),
                     404, "not_found")
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": 999999}), 404, "not_found")
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": locker_b, "resident_id": target["id"]}),
                     422, "locker_of_another_site")
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": locker}), 400, "missing_field")
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": -3, "resident_id": target["id"]}),
                     400, "invalid_field")
        assert_error(self, g.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": target["id"], "x": 1}),
                     400, "unknown_field")
        assert_error(self, g.get("/api/v1/sites/999999/locker-assignments"), 403, "forbidden")
        assert_error(self, g.delete("/api/v1/locker-assignments/999999"), 404, "not_found")
        assert_error(self, g.delete("/api/v1/locker-assignments/abc"), 400, "invalid_field")
        self.assertEqual(count(self.server), before)

    def test_csv_for_a_french_spreadsheet(self):
        holder, locker = self.fresh_resident("=SOMME(A1:A9)"), self.fresh_locker()
        status, a, _ = self.gestionnaire.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": holder["id"]})
        self.assertEqual(status, 201, a)
        status, body, headers = self.gestionnaire.request("GET", "/api/v1/sites/1/locker-assignments.csv")
        self.assertEqual(status, 200)
        self.assertTrue(headers.getheader("Content-Type").startswith("text/csv"), headers)
        self.assertIn("casiers.csv", headers.getheader("Content-Disposition"))
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"), body[:10])
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
        self.assertEqual(rows[0], ["casier", "niveau", "quartier", "résident", "courriel", "service", "attribué le"])
        row = next(r for r in rows[1:] if r[4] == holder["email"])
        self.assertEqual(row[3], "'=SOMME(A1:A9)")  # never runs as a formula
        self.assertRegex(row[6], r"^\d{2}/\d{2}/\d{4}$")
        self.assertEqual(row[6], "02/03/2026")
        self.assertEqual(len(rows) - 1, len(self.gestionnaire.get("/api/v1/sites/1/locker-assignments")[1]))
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=20")[1]
        self.assertTrue(any(e["action"] == "export" and e["object"] == "locker_assignments" for e in events))
        assert_error(self, self.server.login(self.agents[0]["email"]).get("/api/v1/sites/1/locker-assignments.csv"),
                     403, "forbidden")

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed (scripts/install-deps.sh --tests installs it)")
    def test_xlsx_has_the_csv_columns_with_real_dates(self):
        holder, locker = self.fresh_resident("Élise Tableur"), self.fresh_locker()
        status, a, _ = self.gestionnaire.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": holder["id"]})
        self.assertEqual(status, 201, a)
        status, body, headers = self.gestionnaire.request("GET", "/api/v1/sites/1/locker-assignments.xlsx")
        self.assertEqual(status, 200)
        self.assertIn("casiers.xlsx", headers.getheader("Content-Disposition"))
        rows = list(openpyxl.load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), ["casier", "niveau", "quartier", "résident", "courriel", "service", "attribué le"])
        row = next(r for r in rows[1:] if r[4] == holder["email"])
        self.assertEqual(row[3], "Élise Tableur")
        self.assertEqual(row[6], datetime.datetime(2026, 3, 2))  # a date cell, not text
        self.assertEqual(len(rows) - 1, len(self.gestionnaire.get("/api/v1/sites/1/locker-assignments")[1]))
        assert_error(self, self.server.login(self.agents[0]["email"]).get("/api/v1/sites/1/locker-assignments.xlsx"),
                     403, "forbidden")

    def test_a_removed_or_deactivated_resident_frees_their_locker(self):
        for how in ("delete", "deactivate"):
            holder, locker = self.fresh_resident(), self.fresh_locker()
            status, a, _ = self.gestionnaire.post("/api/v1/locker-assignments",
                                                  {"locker_id": locker, "resident_id": holder["id"]})
            self.assertEqual(status, 201, a)
            if how == "delete":
                self.assertEqual(self.admin.delete(f"/api/v1/residents/{holder['id']}")[0], 204)
            else:
                self.assertEqual(self.admin.patch(f"/api/v1/residents/{holder['id']}", {"active": False})[0], 200)
            self.assertEqual(count(self.server, f"locker_id = ? AND {LIVE}", (locker,)), 0, how)
            self.assertIn("release_for", self.audit_actions(a["id"]), how)
            # Free again for whoever comes.
            status, b, _ = self.gestionnaire.post("/api/v1/locker-assignments",
                                                  {"locker_id": locker, "resident_id": self.fresh_resident()["id"]})
            self.assertEqual(status, 201, (how, b))
            if how == "delete":  # forgotten in the history too
                self.assertEqual(count(self.server, "resident_id = ?", (holder["id"],)), 0)

    def test_a_held_locker_is_not_deleted(self):
        holder, locker = self.fresh_resident(), self.fresh_locker()
        a = self.gestionnaire.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": holder["id"]})[1]
        assert_error(self, self.admin.delete(f"/api/v1/lockers/{locker}"), 409, "in_use")
        self.assertEqual(self.admin.get(f"/api/v1/lockers/{locker}")[0], 200)
        self.assertEqual(self.gestionnaire.delete(f"/api/v1/locker-assignments/{a['id']}")[0], 204)
        self.assertEqual(self.admin.delete(f"/api/v1/lockers/{locker}")[0], 204)
        self.assertEqual(count(self.server, "locker_id = ?", (locker,)), 0)


class PilotDemoTest(unittest.TestCase):
    """The pilot starts with most of its people holding a locker of their quartier."""

    def test_most_people_hold_a_locker(self):
        with Server() as server:
            g = server.login(GESTIONNAIRE)
            held = g.get("/api/v1/sites/1/locker-assignments")[1]
            self.assertEqual(len(held), 29)
            self.assertEqual(violations(server), (0, 0))
            mine = server.login(REFERENT).get("/api/v1/me/locker")[1]
            self.assertEqual(mine["zone_name"], "Quartier SGAR-MCM")
            self.assertEqual(len(server.login(REFERENT).get("/api/v1/me/free-lockers")[1]), 7)


class RetentionTest(unittest.TestCase):
    """The retention job forgets who held a locker released before the site's period, audited;
    a live assignment keeps its holder."""

    def test_released_assignments_forget_their_people(self):
        with Server(extra=["--retention-interval", "1"]) as server:
            admin = server.login(ADMIN)
            residents = admin.get("/api/v1/residents?site_id=1")[1]
            agents = [r for r in residents if r["role"] == "agent"]
            first, second = server.login(agents[0]["email"]), server.login(agents[1]["email"])
            for c in (first, second):  # the demo gives most people a locker: start from none
                c.delete("/api/v1/me/locker")
            gone = first.post("/api/v1/me/locker")[1]
            self.assertEqual(first.delete("/api/v1/me/locker")[0], 204)
            kept = second.post("/api/v1/me/locker")[1]
            server.set_clock("2027-04-05T08:00:00Z")  # 13 months and a month later
            admin = server.login(ADMIN)  # the earlier session has expired
            deadline, events = time.time() + 30, []
            while time.time() < deadline and not events:
                events = [e for e in admin.get("/api/v1/audit-events?site_id=1&limit=50")[1]
                          if e["action"] == "retention" and e["object"] == "locker_assignments"]
                time.sleep(0.2)
            self.assertTrue(events, "the retention job forgot the locker history")
            self.assertIsNone(events[0]["actor_id"])
            self.assertRegex(events[0]["details"], r"^[1-9]\d* attribution")
            with server.db() as db:
                left = db.execute("SELECT COUNT(*) FROM locker_assignments WHERE released_at IS NOT NULL "
                                  "AND resident_id IS NOT NULL").fetchone()[0]
                self.assertEqual(left, 0)
                rows = dict(db.execute("SELECT id, resident_id FROM locker_assignments WHERE id IN (?, ?)",
                                       (gone["id"], kept["id"])).fetchall())
            self.assertEqual(rows, {gone["id"]: None, kept["id"]: agents[1]["id"]})


class ReferentialTest(unittest.TestCase):
    """A locker's quartier must be on its floor, and a quartier holding lockers keeps its floor."""

    def test_quartier_and_floor_stay_consistent(self):
        with Server() as server:
            admin = server.login(ADMIN)
            floor2 = admin.post("/api/v1/floors", {"site_id": 1, "name": "Niveau des casiers", "level": 5})[1]["id"]
            zone = admin.post("/api/v1/zones", {"site_id": 1, "floor_id": 1, "name": "Quartier des casiers"})[1]["id"]
            status, locker, _ = admin.post("/api/v1/lockers", {"site_id": 1, "floor_id": 1, "label": "Q-1",
                                                               "zone_id": zone, "x": 10.5, "y": 20})
            self.assertEqual(status, 201, locker)
            self.assertEqual((locker["zone_id"], locker["x"], locker["y"]), (zone, 10.5, 20))
            assert_error(self, admin.patch(f"/api/v1/lockers/{locker['id']}", {"floor_id": floor2}), 422,
                         "unknown_reference")
            assert_error(self, admin.patch(f"/api/v1/zones/{zone}", {"floor_id": floor2}), 409, "in_use")
            assert_error(self, admin.post("/api/v1/lockers", {"site_id": 1, "floor_id": 1, "label": "Q-2", "x": "loin"}),
                         400, "invalid_field")
            self.assertEqual(admin.get(f"/api/v1/lockers/{locker['id']}")[1]["floor_id"], 1)


class LockerRaceTest(unittest.TestCase):
    """Residents racing for the last free locker, and one resident racing for many."""

    servers = 1

    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.others = []
        if cls.servers == 2:  # a second server on the same PostgreSQL database
            cls.others = [Server(share_with=cls.server)]
        cls.site = LockerSite(cls.server, people=20)
        every = [cls.server] + cls.others
        cls.clients = [cls.site.login(p, every[i % len(every)]) for i, p in enumerate(cls.site.agents_a)]
        for c in cls.clients:
            assert c.get("/api/v1/me")[0] == 200  # connections open before the start signal

    @classmethod
    def tearDownClass(cls):
        for s in cls.others:
            s.stop()
        cls.server.stop()

    def hold_all_but(self, keep):
        """Has the admin assign every locker of the site but `keep` to fresh residents of service B."""
        s = self.site
        taken = []
        for label, locker in s.lockers.items():
            if label == keep or count(self.server, f"locker_id = ? AND {LIVE}", (locker,)):
                continue
            person = s.person(s.service_b, f"tenant-{next(LockerSite.counter)}")
            status, a, _ = s.admin.post("/api/v1/locker-assignments", {"locker_id": locker, "resident_id": person["id"]})
            self.assertEqual(status, 201, a)
            taken.append(a["id"])
        return taken

    def release_everyone(self):
        for c in self.clients:
            c.delete("/api/v1/me/locker")

    def check_one_holder(self, results, loser_codes, locker):
        statuses = [r[0] for r in results]
        self.assertEqual(statuses.count(201), 1, statuses)
        self.assertEqual(statuses.count(409), len(results) - 1, statuses)
        for status, body, _ in results:
            if status == 409:
                self.assertIn(body["error"]["code"], loser_codes, body)
                self.assertTrue(body["error"]["message"])
        self.assertEqual(count(self.server, f"locker_id = ? AND {LIVE}", (locker,)), 1)
        self.assertEqual(violations(self.server), (0, 0))

    def test_two_then_twenty_residents_race_for_the_last_locker(self):
        last = self.site.lockers["X-niveau"]
        self.hold_all_but("X-niveau")
        for n in (2, 20):
            for how in ("chosen", "nearest"):
                body = {"locker_id": last} if how == "chosen" else {}
                results = race([lambda c=c: c.post("/api/v1/me/locker", body) for c in self.clients[:n]])
                codes = {"locker_taken"} if how == "chosen" else {"no_free_locker"}
                with self.subTest(n=n, how=how):
                    self.check_one_holder(results, codes, last)
                self.release_everyone()

    def test_one_resident_racing_for_many_lockers_holds_one(self):
        s = self.site
        me = s.agents_a[0]
        free = self.clients[0].get("/api/v1/me/free-lockers")[1]
        self.assertGreaterEqual(len(free), 1)
        sessions = [s.login(me, ([self.server] + self.others)[i % (1 + len(self.others))]) for i in range(10)]
        lockers = [f["id"] for f in free]
        results = race([lambda c=c, i=i: c.post("/api/v1/me/locker", {"locker_id": lockers[i % len(lockers)]})
                        for i, c in enumerate(sessions)])
        statuses = [r[0] for r in results]
        self.assertEqual(statuses.count(201), 1, statuses)
        for status, body, _ in results:
            if status != 201:
                self.assertEqual(status, 409, body)
                self.assertIn(body["error"]["code"], {"already_holds_locker", "locker_taken"}, body)
        self.assertEqual(count(self.server, f"resident_id = ? AND {LIVE}", (me["id"],)), 1)
        self.assertEqual(violations(self.server), (0, 0))
        self.release_everyone()


@unittest.skipUnless(database_kind() == "postgres", "several servers share a PostgreSQL database; this run is on SQLite")
class TwoServersLockerRaceTest(LockerRaceTest):
    """The same races, the clients spread over two servers on one PostgreSQL database."""

    servers = 2


if __name__ == "__main__":
    unittest.main()
