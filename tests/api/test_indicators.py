# SPDX-License-Identifier: EUPL-1.2
"""The State's real-estate indicators (issue 13, items 2 and 3): a site's and its quartiers'
figures against values worked out by hand, the pilot's taux de foisonnement (29/36), the
portfolio of the sites one may read, resident categories and their weights, the exports in
CSV for French spreadsheets and in XLSX read back by real readers, and bad input that
changes nothing."""
import csv
import io
import unittest

from escale_server import Server, assert_error

try:
    import openpyxl
except ImportError:  # installed by scripts/install-deps.sh --tests
    openpyxl = None

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
AGENT = "claire.dubreuil@pilote.escale.test"


class IndicatorsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.site = cls.make_site()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def make(cls, collection, body):
        status, made, _ = cls.admin.post(f"/api/v1/{collection}", body)
        assert status == 201, (collection, body, made)
        return made

    @classmethod
    def make_site(cls):
        """The hand-made site of tests/indicators/real_estate_test.cpp: 135 m² (baseline 180),
        service A (three agents, a trainee counted 0.5, an agent at 50 %), service B (two
        agents at 80 %), a contractor without a service; quartiers A1 (4 desks, 60 m²), A2
        (1 desk, 20 m²), B (1 desk, 30 m²) and a convivial one (25 m², no desk)."""
        site = cls.make("sites", {"name": "Site des indicateurs", "sub_m2": 135, "baseline_sub_m2": 180})["id"]
        floor = cls.make("floors", {"site_id": site, "name": "Niveau 1"})["id"]
        a = cls.make("services", {"site_id": site, "code": "A", "name": "Service A"})["id"]
        b = cls.make("services", {"site_id": site, "code": "B", "name": "Service B"})["id"]
        trainees = cls.make("resident-categories", {"site_id": site, "name": "Stagiaires", "weight": 0.5})["id"]
        contractors = cls.make("resident-categories", {"site_id": site, "name": "Prestataires"})["id"]
        n = iter(range(100))

        def person(service, fte=100, category=None):
            i = next(n)
            cls.make("residents", {"site_id": site, "service_id": service, "email": f"indic-{site}-{i}@exemple.gouv.fr",
                                   "display_name": f"Personne {i}", "fte_percent": fte, "category_id": category})
        for _ in range(3):
            person(a)
        person(a, category=trainees)
        person(a, fte=50)
        person(b, fte=80)
        person(b, fte=80)
        person(None, category=contractors)
        zones = [("A1", a, 60, 4), ("A2", a, 20, 1), ("B", b, 30, 1), ("Convivialité", None, 25, 0)]
        for name, service, sub, desks in zones:
            zone = cls.make("zones", {"site_id": site, "floor_id": floor, "service_id": service, "name": name,
                                      "sub_m2": sub})["id"]
            for d in range(desks):
                cls.make("desks", {"site_id": site, "floor_id": floor, "zone_id": zone, "label": f"{name}-{d}"})
        # An inactive desk and an inactive resident count for nothing.
        cls.make("desks", {"site_id": site, "floor_id": floor, "label": "hors service", "active": False})
        cls.make("residents", {"site_id": site, "service_id": a, "email": f"parti-{site}@exemple.gouv.fr",
                               "display_name": "Parti", "active": False})
        return site

    def test_pilot_taux_de_foisonnement_is_29_over_36(self):
        status, i, _ = self.server.login(GESTIONNAIRE).get("/api/v1/sites/1/indicators")
        self.assertEqual(status, 200, i)
        self.assertEqual((i["residents"], i["desks"]), (36, 29))
        self.assertAlmostEqual(i["taux_foisonnement"], 29 / 36)
        self.assertAlmostEqual(i["sub_m2_per_resident"], 16.0)  # the demo's 16 m² per resident
        self.assertEqual(i["surface_status"], "within_target")
        self.assertIsNone(i["reduction"])
        self.assertEqual(sum(q["desks"] for q in i["quartiers"]), 29)
        self.assertAlmostEqual(sum(q["residents_weighted"] for q in i["quartiers"]), 36)

    def test_hand_made_site(self):
        status, i, _ = self.admin.get(f"/api/v1/sites/{self.site}/indicators")
        self.assertEqual(status, 200, i)
        self.assertEqual(i["residents"], 8)
        self.assertAlmostEqual(i["residents_weighted"], 7.5)
        self.assertAlmostEqual(i["residents_fte"], 6.6)
        self.assertEqual(i["desks"], 6)
        self.assertAlmostEqual(i["taux_foisonnement"], 0.8)
        self.assertAlmostEqual(i["sub_m2_per_resident"], 18)
        self.assertEqual(i["surface_status"], "within_ceiling")
        self.assertAlmostEqual(i["reduction"]["reduction_percent"], 25)
        self.assertAlmostEqual(i["reduction"]["progress_percent"], 100)
        q = {z["name"]: z for z in i["quartiers"]}
        self.assertAlmostEqual(q["A1"]["residents_weighted"], 3.6)
        self.assertAlmostEqual(q["A1"]["residents_fte"], 3.2)
        self.assertEqual(q["A2"]["surface_status"], "above_ceiling")
        self.assertAlmostEqual(q["B"]["sub_m2_per_resident"], 15)
        self.assertIsNone(q["Convivialité"]["taux_foisonnement"])

    def test_a_category_weight_change_moves_the_figures(self):
        site = self.make("sites", {"name": "Site pondéré", "sub_m2": 64})["id"]
        cat = self.make("resident-categories", {"site_id": site, "name": "Agents"})["id"]
        for k in range(4):
            self.make("residents", {"site_id": site, "email": f"pond-{site}-{k}@exemple.gouv.fr",
                                    "display_name": f"P {k}", "category_id": cat})
        self.assertAlmostEqual(self.admin.get(f"/api/v1/sites/{site}/indicators")[1]["sub_m2_per_resident"], 16)
        self.assertEqual(self.admin.patch(f"/api/v1/resident-categories/{cat}", {"weight": 0.5})[0], 200)
        i = self.admin.get(f"/api/v1/sites/{site}/indicators")[1]
        self.assertAlmostEqual(i["residents_weighted"], 2)
        self.assertAlmostEqual(i["sub_m2_per_resident"], 32)
        self.assertEqual(i["surface_status"], "above_ceiling")

    def test_portfolio_is_the_sites_one_may_read(self):
        status, p, _ = self.admin.get("/api/v1/indicators")
        self.assertEqual(status, 200, p)
        ids = [s["site_id"] for s in p["sites"]]
        self.assertIn(1, ids)
        self.assertIn(self.site, ids)
        self.assertEqual(p["total"]["residents"], sum(s["residents"] for s in p["sites"]))
        self.assertEqual(p["total"]["desks"], sum(s["desks"] for s in p["sites"]))
        self.assertAlmostEqual(p["total"]["sub_m2"], sum(s["sub_m2"] for s in p["sites"]))
        self.assertGreaterEqual(p["sites_with_baseline"], 1)
        mine = self.server.login(GESTIONNAIRE).get("/api/v1/indicators")[1]
        self.assertEqual([s["site_id"] for s in mine["sites"]], [1])
        assert_error(self, self.server.login(AGENT).get("/api/v1/indicators"), 403, "forbidden")
        assert_error(self, self.server.login(AGENT).get("/api/v1/sites/1/indicators"), 403, "forbidden")
        assert_error(self, self.admin.get("/api/v1/sites/999999/indicators"), 404, "not_found")

    def test_csv_for_a_french_spreadsheet(self):
        status, body, headers = self.admin.get(f"/api/v1/sites/{self.site}/indicators.csv")
        self.assertEqual(status, 200)
        self.assertTrue(headers.getheader("Content-Type").startswith("text/csv"))
        self.assertIn(f"indicateurs-site-{self.site}.csv", headers.getheader("Content-Disposition"))
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"), body[:10])  # the BOM French spreadsheets need
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
        head = rows[0]
        self.assertEqual(head[:3], ["Périmètre", "Nom", "Résidents"])
        site = dict(zip(head, rows[1]))
        self.assertEqual(site["Nom"], "Site des indicateurs")
        self.assertEqual(site["Résidents"], "8")
        self.assertEqual(site["Résidents pondérés"], "7,50")
        self.assertEqual(site["Taux de foisonnement"], "0,80")
        self.assertEqual(site["m² SUB par résident"], "18,0")
        self.assertEqual(site["Position (cible 16 m², plafond 18 m²)"], "entre la cible et le plafond")
        self.assertEqual(site["Réduction de surface (%)"], "25,0")
        names = [r[1] for r in rows[2:]]
        self.assertEqual(names, ["A1", "A2", "B", "Convivialité"])
        convivial = dict(zip(head, rows[-1]))
        self.assertEqual(convivial["Taux de foisonnement"], "")

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed (scripts/install-deps.sh --tests installs it)")
    def test_xlsx_read_back(self):
        status, body, headers = self.admin.get("/api/v1/indicators.xlsx")
        self.assertEqual(status, 200)
        self.assertEqual(headers.getheader("Content-Type"),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Périmètre")
        by_name = {r[1]: r for r in rows[1:]}
        mine = by_name["Site des indicateurs"]
        self.assertEqual(mine[2], 8)                       # a number, not text
        self.assertAlmostEqual(mine[3], 7.5)
        self.assertAlmostEqual(mine[7], 0.8)
        self.assertAlmostEqual(mine[12], 25)
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        self.assertEqual(total[2], sum(r[2] for r in rows[1:-1]))

    def test_bad_input_changes_nothing(self):
        before = self.admin.get(f"/api/v1/resident-categories?site_id={self.site}")[1]
        assert_error(self, self.admin.post("/api/v1/resident-categories",
                                           {"site_id": self.site, "name": "Trop", "weight": 1.5}), 400, "invalid_field")
        assert_error(self, self.admin.post("/api/v1/resident-categories",
                                           {"site_id": self.site, "name": "Négatif", "weight": -0.1}), 400, "invalid_field")
        assert_error(self, self.admin.post("/api/v1/resident-categories",
                                           {"site_id": self.site, "name": "Stagiaires"}), 409, "already_exists")
        self.assertEqual(self.admin.get(f"/api/v1/resident-categories?site_id={self.site}")[1], before)
        # A category of another site, and one still held by residents.
        foreign = self.make("resident-categories", {"site_id": 1, "name": "Ailleurs"})["id"]
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": self.site, "email": "x-cat@exemple.gouv.fr",
                                                                 "display_name": "X", "category_id": foreign}),
                     422, "unknown_reference")
        held = next(c["id"] for c in before if c["name"] == "Stagiaires")
        assert_error(self, self.admin.delete(f"/api/v1/resident-categories/{held}"), 409, "in_use")
        assert_error(self, self.admin.patch(f"/api/v1/sites/{self.site}", {"baseline_sub_m2": -1}), 400, "invalid_field")
        self.assertEqual(self.admin.get(f"/api/v1/sites/{self.site}")[1]["site"]["baseline_sub_m2"], 180)


if __name__ == "__main__":
    unittest.main()
