# SPDX-License-Identifier: EUPL-1.2
"""Occupancy analytics and flash counts (issue 13, items 1 and 3) on a hand-made site whose
week is booked, checked in, released and turned away through the API, and whose figures
are worked out by hand below: rates, peak and P95, quartier overflow, the pooling of small
services, demand turned away (a waitlist entry never served, a refused booking), the
exports read back by a `;` CSV reader and by openpyxl, flash counts against their
half-day, the minimum group size, bad input, a settled week changed later, and figures equal
after the retention purge.

The site: floors N1 (quartier QA of service A: desks a1, a2) and N2 (quartier QB of service
B: desks b1, b2), N3 without desks; A has 6 people, B 5, C 2. Week of Monday 2 March 2026:
  Tue am  a1 A-0 (no-show), a2 A-1 (checked in), b1 B-0 (checked in)
  Tue pm  b2 A-2 (checked in, outside A's quartier)
  Wed am  a1 C-0
  Tue am  a refused booking of a1 (taken); Thu am A-3 waits on N3 and is never served
Whole week: 4 desks × 10 open half-days = 40 offered; 5 booked (12.5 %), 3 checked in
(7.5 %), 1 no-show (20 % of booked), peak 3 (Tuesday morning), P95 3, 1 overflow."""
import csv
import io
import time
import unittest

from escale_server import Server, assert_error

try:
    import openpyxl
except ImportError:  # installed by scripts/install-deps.sh --tests
    openpyxl = None

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
AGENT = "claire.dubreuil@pilote.escale.test"
WEEK = "from=2026-03-02&to=2026-03-06"
PASSWORD = "bienvenue-2026"


def paris(date, hh_mm):
    """The UTC instant of a local (winter, UTC+1) time in Paris."""
    h, m = map(int, hh_mm.split(":"))
    total = h * 60 + m - 60
    return f"{date}T{total // 60:02d}:{total % 60:02d}:00Z"


def read_csv(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


class AnalyticsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra=["--retention-interval", "1"])
        try:
            cls.admin = cls.server.login(ADMIN)
            cls.build_site()
            cls.live_the_week()
        except BaseException:
            cls.server.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def make(cls, collection, body):
        status, made, _ = cls.admin.post(f"/api/v1/{collection}", body)
        assert status == 201, (collection, body, made)
        return made["id"]

    @classmethod
    def build_site(cls):
        cls.site = cls.make("sites", {"name": "Site analysé", "sub_m2": 300})
        status, body, _ = cls.admin.patch(f"/api/v1/sites/{cls.site}", {"check_in_enabled": True})
        assert status == 200, body
        cls.n1 = cls.make("floors", {"site_id": cls.site, "name": "Niveau 1"})
        cls.n2 = cls.make("floors", {"site_id": cls.site, "name": "Niveau 2"})
        cls.n3 = cls.make("floors", {"site_id": cls.site, "name": "Niveau 3"})
        services, cls.people = {}, {}
        for code, size in (("A", 6), ("B", 5), ("C", 2)):
            services[code] = cls.make("services", {"site_id": cls.site, "code": code, "name": f"Service {code}"})
            for i in range(size):
                cls.people[f"{code}-{i}"] = cls.make("residents", {
                    "site_id": cls.site, "service_id": services[code], "email": f"analyse-{code}{i}-{cls.site}@exemple.gouv.fr",
                    "display_name": f"{code} {i}", "password": PASSWORD})
        cls.services = services
        qa = cls.make("zones", {"site_id": cls.site, "floor_id": cls.n1, "service_id": services["A"], "name": "QA", "sub_m2": 40})
        qb = cls.make("zones", {"site_id": cls.site, "floor_id": cls.n2, "service_id": services["B"], "name": "QB", "sub_m2": 40})
        cls.desks = {}
        for label, floor, zone in (("a1", cls.n1, qa), ("a2", cls.n1, qa), ("b1", cls.n2, qb), ("b2", cls.n2, qb)):
            cls.desks[label] = cls.make("desks", {"site_id": cls.site, "floor_id": floor, "zone_id": zone, "label": label})
        cls.qa, cls.qb = qa, qb

    @classmethod
    def book(cls, desk, person, date, period, expect=201):
        status, body, _ = cls.admin.post("/api/v1/desk-bookings", {"desk_id": cls.desks[desk], "date": date,
                                                                     "period": period, "resident_id": cls.people[person]})
        assert status == expect, (desk, person, date, body)
        return body["bookings"][0]["id"] if status == 201 else None

    @classmethod
    def at(cls, instant):
        cls.server.set_clock(instant)
        cls.admin = cls.server.login(ADMIN)

    @classmethod
    def live_the_week(cls):
        tue, wed = "2026-03-03", "2026-03-04"
        no_show = cls.book("a1", "A-0", tue, "am")
        a2 = cls.book("a2", "A-1", tue, "am")
        b1 = cls.book("b1", "B-0", tue, "am")
        b2 = cls.book("b2", "A-2", tue, "pm")
        cls.book("a1", "C-0", wed, "am")
        cls.book("a1", "A-3", tue, "am", expect=409)  # taken: a refusal
        # A-3 waits for a desk on N3, which has none: never served.
        a3 = cls.server.login(f"analyse-A3-{cls.site}@exemple.gouv.fr", PASSWORD)
        status, body, _ = a3.post("/api/v1/waitlist", {"floor_id": cls.n3, "date": "2026-03-05", "half": "am"})
        assert status == 201, body
        cls.at(paris(tue, "09:00"))
        for booking in (a2, b1):
            status, body, _ = cls.admin.post(f"/api/v1/desk-bookings/{booking}/check-in")
            assert status == 200, body
        cls.at(paris(tue, "10:00").replace(":00Z", ":30Z"))
        deadline = time.monotonic() + 20
        while cls.state(no_show) != "no_show":
            assert time.monotonic() < deadline, "the release job did not mark the no-show"
            time.sleep(0.2)
        cls.at(paris(tue, "14:00"))
        status, body, _ = cls.admin.post(f"/api/v1/desk-bookings/{b2}/check-in")
        assert status == 200, body
        cls.at("2026-03-02T08:00:00Z")

    @classmethod
    def state(cls, booking):
        with cls.server.db() as db:
            return db.execute("SELECT state FROM desk_bookings WHERE id = ?", (booking,)).fetchone()[0]

    def analytics(self, query, who=None):
        status, body, _ = (who or self.admin).get(f"/api/v1/sites/{self.site}/analytics?{WEEK}&{query}")
        self.assertEqual(status, 200, body)
        return body

    # ---- the figures ----------------------------------------------------------------------

    def test_the_week_for_the_whole_site(self):
        a = self.analytics("by=site&period=week")
        self.assertFalse(a["withheld"])
        self.assertEqual(len(a["desks"]), 1, a["desks"])
        w = a["desks"][0]
        self.assertEqual((w["start"], w["end"], w["group"]), ("2026-03-02", "2026-03-08", "Site analysé"))
        self.assertEqual((w["desks"], w["open_half_days"], w["offered"]), (4, 10, 40))
        self.assertEqual((w["booked"], w["checked_in"], w["no_show"]), (5, 3, 1))
        self.assertAlmostEqual(w["booked_rate"], 0.125)
        self.assertAlmostEqual(w["checked_in_rate"], 0.075)
        self.assertAlmostEqual(w["no_show_rate"], 0.2)
        self.assertEqual((w["peak"], w["p95"]), (3, 3))
        self.assertEqual(w["overflow"], 1)
        self.assertAlmostEqual(w["overflow_rate"], 0.2)

    def test_days_half_days_and_the_weekday_profile(self):
        days = self.analytics("period=day")["desks"]
        self.assertEqual([d["start"] for d in days], [f"2026-03-0{d}" for d in range(2, 7)])
        self.assertEqual([d["booked"] for d in days], [0, 4, 1, 0, 0])
        self.assertAlmostEqual(days[1]["booked_rate"], 0.5)  # 4 of 4 desks × 2 half-days
        halves = self.analytics("period=half_day")["desks"]
        tuesday = [h for h in halves if h["start"] == "2026-03-03"]
        self.assertEqual([(h["half"], h["booked"], h["checked_in"]) for h in tuesday], [("am", 3, 2), ("pm", 1, 1)])
        profile = {w["weekday"]: w for w in self.analytics("period=week")["weekdays"]}
        self.assertEqual(sorted(profile), [1, 2, 3, 4, 5])
        self.assertEqual(profile[2]["booked"], 4)
        self.assertAlmostEqual(profile[2]["mean_booked"], 2.0)
        self.assertAlmostEqual(profile[2]["booked_rate"], 0.5)
        self.assertAlmostEqual(profile[3]["booked_rate"], 0.125)

    def test_by_floor_and_quartier(self):
        floors = {r["group"]: r for r in self.analytics("by=floor&period=week")["desks"]}
        self.assertEqual(floors["Niveau 1"]["booked"], 3)
        self.assertEqual(floors["Niveau 2"]["booked"], 2)
        self.assertEqual(floors["Niveau 2"]["overflow"], 1)
        self.assertNotIn("Niveau 3", floors, "a floor without desks nor bookings has no row")
        quartiers = {r["group_id"]: r for r in self.analytics("by=quartier&period=week")["desks"]}
        self.assertEqual(quartiers[self.qa]["booked"], 3)
        self.assertAlmostEqual(quartiers[self.qa]["booked_rate"], 0.15)  # 3 / (2 × 10)

    def test_by_service_pools_the_small_ones_so_that_no_difference_gives_them_away(self):
        rows = {r["group"]: r for r in self.analytics("by=service&period=week")["desks"]}
        # C (2 people) is too small alone; the pool joins B (5), the smallest shown, to reach 7.
        self.assertEqual(sorted(rows), ["Autres services", "Service A"])
        self.assertEqual((rows["Service A"]["booked"], rows["Service A"]["overflow"]), (3, 1))
        self.assertEqual(rows["Service A"]["desks"], 2)
        self.assertEqual(rows["Autres services"]["booked"], 2)
        self.assertIsNone(rows["Autres services"]["group_id"])

    def test_demand_turned_away(self):
        rows = {r["start"]: r for r in self.analytics("period=day")["turned_away"]}
        self.assertEqual((rows["2026-03-03"]["refused"], rows["2026-03-03"]["waitlist_unserved"]), (1, 0))
        self.assertEqual((rows["2026-03-05"]["waitlist_unserved"], rows["2026-03-05"]["total"]), (1, 1))
        self.assertEqual(rows["2026-03-02"]["total"], 0)

    def test_a_site_of_fewer_than_five_people_gives_no_figure(self):
        small = self.make("sites", {"name": "Petit site", "sub_m2": 30})
        floor = self.make("floors", {"site_id": small, "name": "RDC"})
        service = self.make("services", {"site_id": small, "code": "P", "name": "Petit"})
        for i in range(4):
            self.make("residents", {"site_id": small, "service_id": service, "email": f"petit-{i}-{small}@exemple.gouv.fr",
                                    "display_name": f"P {i}"})
        self.make("desks", {"site_id": small, "floor_id": floor, "label": "p1"})
        status, a, _ = self.admin.get(f"/api/v1/sites/{small}/analytics?{WEEK}&by=service")
        self.assertEqual(status, 200, a)
        self.assertTrue(a["withheld"])
        self.assertEqual((a["desks"], a["weekdays"], a["turned_away"], a["spaces"]), ([], [], [], []))
        status, body, _ = self.admin.get(f"/api/v1/sites/{small}/analytics.csv?{WEEK}")
        self.assertEqual(len(read_csv(body)), 1, "headings only")

    # ---- exports --------------------------------------------------------------------------

    def test_csv_for_a_french_spreadsheet(self):
        gestionnaire = self.admin
        status, body, headers = gestionnaire.get(f"/api/v1/sites/{self.site}/analytics.csv?{WEEK}&by=floor&period=week")
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        self.assertIn(f"analyse-site-{self.site}-floor-week-desks.csv", headers.getheader("Content-Disposition"))
        rows = read_csv(body)
        self.assertEqual(rows[0][:5], ["Début", "Fin", "Demi-journée", "Niveau", "Postes"])
        first = dict(zip(rows[0], rows[1]))
        self.assertEqual((first["Début"], first["Fin"], first["Niveau"]), ("02/03/2026", "08/03/2026", "Niveau 1"))
        self.assertEqual(first["Réservés"], "3")
        self.assertEqual(first["Taux de réservation (%)"], "15,0")
        status, body, _ = gestionnaire.get(f"/api/v1/sites/{self.site}/analytics.csv?{WEEK}&table=weekdays")
        weekdays = read_csv(body)
        self.assertEqual(weekdays[0][:2], ["Jour", "Site"])
        self.assertEqual([r[0] for r in weekdays[1:]], ["lundi", "mardi", "mercredi", "jeudi", "vendredi"])
        assert_error(self, gestionnaire.get(f"/api/v1/sites/{self.site}/analytics.csv?{WEEK}&table=tout"), 400,
                     "invalid_field")

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed (scripts/install-deps.sh --tests installs it)")
    def test_xlsx_read_back(self):
        status, body, headers = self.admin.get(f"/api/v1/sites/{self.site}/analytics.xlsx?{WEEK}&by=site&period=day")
        self.assertEqual(status, 200)
        book = openpyxl.load_workbook(io.BytesIO(body))
        self.assertEqual(book.sheetnames, ["Postes", "Jours de la semaine", "Demande non servie", "Espaces collectifs"])
        rows = list(book["Postes"].iter_rows(values_only=True))
        head = rows[0]
        tuesday = dict(zip(head, rows[2]))
        self.assertEqual((tuesday["Début"].year, tuesday["Début"].month, tuesday["Début"].day), (2026, 3, 3))
        self.assertEqual(tuesday["Réservés"], 4)  # a number
        self.assertAlmostEqual(tuesday["Taux de réservation (%)"], 50)
        self.assertEqual(tuesday["Site"], "Site analysé")
        csv_rows = read_csv(self.admin.get(f"/api/v1/sites/{self.site}/analytics.csv?{WEEK}&by=site&period=day")[1])
        self.assertEqual(list(head), csv_rows[0], "the same columns")

    # ---- flash counts ---------------------------------------------------------------------

    def test_a_flash_count_faces_its_half_days_bookings(self):
        gestionnaire = self.admin
        self.at(paris("2026-03-03", "10:30"))
        try:
            status, made, _ = self.admin.post(f"/api/v1/sites/{self.site}/flash-counts",
                                              {"floor_id": self.n1, "people": 1})
            self.assertEqual(status, 201, made)
            self.assertEqual((made["date"], made["half"], made["place"], made["people"]),
                             ("2026-03-03", "am", "Niveau 1", 1))
            self.assertEqual((made["booked"], made["checked_in"]), (2, 1))
            status, site_wide, _ = self.admin.post(f"/api/v1/sites/{self.site}/flash-counts",
                                                   {"people": 4, "at": paris("2026-03-03", "15:00")})
            assert_error(self, (status, site_wide, None), 400, "invalid_field")  # in the future
            status, site_wide, _ = self.admin.post(f"/api/v1/sites/{self.site}/flash-counts",
                                                   {"people": 4, "at": paris("2026-03-03", "09:15")})
            self.assertEqual(status, 201, site_wide)
            self.assertEqual((site_wide["place"], site_wide["booked"], site_wide["checked_in"]), ("Site analysé", 3, 2))
            listed = self.admin.get(f"/api/v1/sites/{self.site}/flash-counts?from=2026-03-03&to=2026-03-03")[1]
            self.assertEqual([c["id"] for c in listed["flash_counts"]], [site_wide["id"], made["id"]])
            events = self.admin.get(f"/api/v1/audit-events?site_id={self.site}&limit=50")[1]
            self.assertIn(made["id"], [e["object_id"] for e in events if e["object"] == "flash_counts"])
        finally:
            self.at("2026-03-02T08:00:00Z")
        del gestionnaire

    def test_flash_count_bad_input_writes_nothing(self):
        def count():
            return len(self.admin.get(f"/api/v1/sites/{self.site}/flash-counts?from=2026-01-01&to=2026-12-31")[1]
                       ["flash_counts"])
        before = count()
        url = f"/api/v1/sites/{self.site}/flash-counts"
        assert_error(self, self.admin.post(url, {}), 400, "missing_field")
        assert_error(self, self.admin.post(url, {"people": -1}), 400, "invalid_field")
        assert_error(self, self.admin.post(url, {"people": "douze"}), 400, "invalid_field")
        assert_error(self, self.admin.post(url, {"people": 3, "floor_id": 0}), 400, "invalid_field")
        other_floor = self.admin.get("/api/v1/floors?site_id=1")[1][0]["id"]
        assert_error(self, self.admin.post(url, {"people": 3, "floor_id": other_floor}), 404, "not_found")
        assert_error(self, self.admin.post(url, {"people": 3, "couleur": "bleu"}), 400, "unknown_field")
        assert_error(self, self.admin.post("/api/v1/sites/999999/flash-counts", {"people": 3}), 404, "not_found")
        self.assertEqual(count(), before)

    # ---- permissions and bad input ----------------------------------------------------------

    def test_permissions(self):
        gestionnaire, agent = self.server.login(GESTIONNAIRE), self.server.login(AGENT)
        self.assertEqual(gestionnaire.get(f"/api/v1/sites/1/analytics?{WEEK}")[0], 200)
        assert_error(self, gestionnaire.get(f"/api/v1/sites/{self.site}/analytics?{WEEK}"), 403, "forbidden")
        assert_error(self, agent.get(f"/api/v1/sites/1/analytics?{WEEK}"), 403, "forbidden")
        assert_error(self, agent.post("/api/v1/sites/1/flash-counts", {"people": 3}), 403, "forbidden")
        self.assertEqual(gestionnaire.post("/api/v1/sites/1/flash-counts", {"people": 3})[0], 201)

    def test_bad_parameters(self):
        base = f"/api/v1/sites/{self.site}/analytics"
        assert_error(self, self.admin.get(f"{base}?from=2026-03-02"), 400, "missing_field")
        assert_error(self, self.admin.get(f"{base}?{WEEK}&by=couloir"), 400, "invalid_field")
        assert_error(self, self.admin.get(f"{base}?{WEEK}&period=annee"), 400, "invalid_field")
        assert_error(self, self.admin.get(f"{base}?from=2026-03-02&to=2027-03-05"), 400, "invalid_field")
        assert_error(self, self.admin.get(f"{base}?from=2026-03-06&to=2026-03-02"), 400, "invalid_field")
        assert_error(self, self.admin.get(f"{base}?from=2026-02-30&to=2026-03-02"), 400, "invalid_date")
        assert_error(self, self.admin.get(f"/api/v1/sites/999999/analytics?{WEEK}"), 404, "not_found")

    # ---- the settled days each server keeps folded ---------------------------------------------

    def test_y_a_settled_week_moved_later_is_seen_at_once(self):
        """Days over a week ago are settled: a server keeps their counters folded between
        questions. A desk moved to another quartier carries its history with it, and the next
        answer shows it (the change moved the site's generation)."""
        self.at("2026-03-20T08:00:00Z")
        try:
            query = "by=quartier&period=week"
            first = self.analytics(query)  # then the site's days before 12 March are settled
            with self.server.db() as db:
                before = db.execute("SELECT settled_before FROM analytics_settled WHERE site_id = ?",
                                    (self.site,)).fetchone()
            self.assertEqual(str(before[0]), "2026-03-12")
            self.assertEqual([self.analytics(query) for _ in range(2)], [first, first])  # folded and kept, then kept

            def booked(answer):
                return {r["group"]: r["booked"] for r in answer["desks"]}
            self.assertEqual(booked(first), {"QA": 3, "QB": 2})
            b2 = f"/api/v1/desks/{self.desks['b2']}"
            status, body, _ = self.admin.patch(b2, {"floor_id": self.n1, "zone_id": self.qa})
            self.assertEqual(status, 200, body)
            moved = self.analytics(query)
            self.assertEqual(booked(moved), {"QA": 4, "QB": 1})
            self.assertEqual(sum(r["overflow"] for r in moved["desks"]), 0, "A-2 sat in A's quartier after all")
            status, body, _ = self.admin.patch(b2, {"floor_id": self.n2, "zone_id": self.qb})
            self.assertEqual(status, 200, body)
            self.assertEqual(self.analytics(query), first)
        finally:
            self.at("2026-03-02T08:00:00Z")

    # ---- retention --------------------------------------------------------------------------

    def test_z_figures_are_equal_after_the_retention_purge(self):
        queries = ["by=site&period=week", "by=service&period=day", "by=quartier&period=half_day"]
        before = [self.analytics(q) for q in queries]
        self.at("2027-04-20T08:00:00Z")
        try:
            deadline = time.time() + 30
            while True:
                with self.server.db() as db:
                    left = db.execute("SELECT count(*) FROM waitlist_entries WHERE site_id = ?", (self.site,)).fetchone()[0]
                    named = db.execute("SELECT count(*) FROM desk_bookings WHERE site_id = ? AND resident_id IS NOT NULL",
                                       (self.site,)).fetchone()[0]
                if left == 0 and named == 0:
                    break
                self.assertLess(time.time(), deadline, "the retention job ran")
                time.sleep(0.2)
            self.admin = self.server.login(ADMIN)
            after = [self.analytics(q) for q in queries]
            self.assertEqual(after, before)
            self.assertEqual(sum(r["waitlist_unserved"] for r in after[0]["turned_away"]), 1)
        finally:
            self.at("2026-03-02T08:00:00Z")


if __name__ == "__main__":
    unittest.main()
