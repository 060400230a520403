# SPDX-License-Identifier: EUPL-1.2
"""The planning engine's API (issue 12, item 5): the one-line sizing question answered at
once with the documented worked case (36 residents at 70 % on 29 desks), long runs (a
simulation, team days, a scenario) as jobs followed to their result with their progress, a
site's measured presence from the demo's history, scenarios saved from a finished job,
listed, read, compared side by side (JSON, CSV read back with `;`, XLSX read back with
openpyxl) and deleted; who may ask; and bad input refused in French with nothing queued nor
written."""
import csv
import io
import re
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


def scenario(desks=40, sub_m2=640, **extra):
    """Two quartiers, a service measured, one with a telework pattern and a team day, one
    drawing on the shared desks."""
    body = {
        "site_id": 1, "desks": desks, "sub_m2": sub_m2, "epsilon": 0.05,
        "quartiers": [{"name": "Nord", "desks": 15}, {"name": "Sud", "desks": 15}],
        "services": [
            {"name": "Mesuré", "residents": 18, "presence": [0.6, 0.7, 0.5, 0.7, 0.3], "quartier": "Nord"},
            {"name": "Rythme", "residents": 16, "floating_days": 2, "team_days": 1, "quartier": "Sud"},
            {"name": "Partagé", "residents": 6, "floating_days": 2},
        ],
    }
    body.update(extra)
    return body


class PlanningTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        cls.agent = cls.server.login(AGENT)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def follow(self, client, accepted, timeout=60):
        """Polls the job of a 202 answer until it ends; its last state, with the progress seen."""
        status, body, _ = accepted
        self.assertEqual(status, 202, body)
        self.assertEqual(body["state"], "queued")
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, job, _ = client.get(f"/api/v1/planning/jobs/{body['id']}")
            self.assertEqual(status, 200, job)
            self.assertTrue(0 <= job["progress"] <= 1, job)
            seen.append(job["progress"])
            if job["state"] in ("done", "failed"):
                self.assertEqual(seen, sorted(seen))  # progress never goes back
                return job
            time.sleep(0.05)
        self.fail(f"job {body['id']} still running after {timeout} s")

    def test_the_one_line_question_is_answered_at_once(self):
        status, body, _ = self.gestionnaire.post("/api/v1/planning/size",
                                                 {"residents": 36, "presence": 0.7, "desks": 29, "epsilon": 0.05})
        self.assertEqual(status, 200, body)
        # docs/planning.md: 5.4 % at 70 %, 30 desks to come back under 5 %.
        self.assertAlmostEqual(body["p_shortage"], 0.054, places=3)
        self.assertEqual(body["desks_needed"], 30)
        self.assertEqual([d["weekday"] for d in body["days"]], ["monday", "tuesday", "wednesday", "thursday", "friday"])
        self.assertAlmostEqual(body["days"][0]["mean_demand"], 25.2)

    def test_a_simulation_is_a_job_with_progress(self):
        job = self.follow(self.gestionnaire, self.gestionnaire.post("/api/v1/planning/size", {
            "residents": 36, "desks": 29, "floating_days": 2, "team_days": ["tuesday"], "simulate_weeks": 20000, "seed": 3}))
        self.assertEqual(job["state"], "done", job)
        self.assertEqual(job["kind"], "size")
        self.assertEqual(job["progress"], 1)
        sim = job["result"]["simulation"]
        self.assertEqual(sim["weeks"], 20000)
        # The exact Tuesday risk lies within the simulation's 95 % interval (or very near).
        exact = job["result"]["days"][1]["p_shortage"]
        tuesday = sim["days"][1]["p_shortage"]
        self.assertLessEqual(tuesday["low"] - 0.01, exact)
        self.assertGreaterEqual(tuesday["high"] + 0.01, exact)
        # Only who asked sees it.
        assert_error(self, self.admin.get(f"/api/v1/planning/jobs/{job['id']}"), 404, "not_found")
        assert_error(self, self.gestionnaire.get("/api/v1/planning/jobs/pas-une-tache"), 404, "not_found")

    def test_team_days_are_planned_in_a_job(self):
        job = self.follow(self.gestionnaire, self.gestionnaire.post("/api/v1/planning/days", {
            "site_id": 1, "desks": 29,
            "services": [{"name": n, "team_days": 1, "members": [{"residents": 7, "floating_days": 2}]}
                         for n in ("A", "B", "C", "D", "E")]}))
        self.assertEqual(job["state"], "done", job)
        plan = job["result"]
        self.assertTrue(plan["proven_optimal"])
        days = [s["team_days"][0] for s in plan["services"]]
        self.assertEqual(len(set(days)), 5)  # one day each: the lowest peak
        self.assertGreaterEqual(plan["peak"], plan["lower_bound"])

    def test_quartiers_are_allocated_in_a_job(self):
        # Two quartiers of 8 desks on two floors, touching; a service too large for one.
        job = self.follow(self.gestionnaire, self.gestionnaire.post("/api/v1/planning/zones", {
            "site_id": 1,
            "quartiers": [{"name": "Nord", "floor": "1er étage", "desks": 8, "touches": ["Sud"]},
                          {"name": "Sud", "floor": "2e étage", "desks": 8}],
            "services": [{"name": "A", "members": [{"residents": 10, "absence_rate": 0}]},
                         {"name": "B", "members": [{"residents": 4, "absence_rate": 0}]}]}))
        self.assertEqual(job["state"], "done", job)
        self.assertEqual(job["kind"], "zones")
        a = job["result"]
        self.assertTrue(a["proven_best"])
        homes = {s["name"]: s["quartier"] for s in a["services"]}
        self.assertNotEqual(homes["A"], homes["B"])  # together they would leave 6 without a desk
        self.assertEqual(a["worst_unseated"], 0)
        self.assertEqual(a["worst_cross_floor"], 2)  # A's two extra people go upstairs (or down)
        self.assertEqual(a["least_slack"], -2)
        self.assertFalse(next(s for s in a["services"] if s["name"] == "A")["fits_alone"])
        refused = self.gestionnaire.post("/api/v1/planning/zones", {
            "site_id": 1, "quartiers": [{"name": "Nord", "desks": 8, "touches": ["Ouest"]}], "services": []})
        assert_error(self, refused, 400, "invalid_field")
        self.assertIn("touches", refused[1]["error"]["message"])

    def test_measured_presence_of_the_pilot(self):
        status, body, _ = self.gestionnaire.get("/api/v1/sites/1/presence-history")
        self.assertEqual(status, 200, body)
        self.assertGreater(body["residents"], 0)
        self.assertEqual(len(body["presence"]), 5)
        self.assertTrue(all(0 <= p <= 1 for p in body["presence"]))
        self.assertGreater(sum(body["presence"]), 0)  # the demo's history has bookings
        for s in body["services"]:
            self.assertGreaterEqual(s["residents"], 5)
        self.assertEqual(body["residents"],
                         sum(s["residents"] for s in body["services"]) + body["residents_in_small_services"])
        assert_error(self, self.agent.get("/api/v1/sites/1/presence-history"), 403, "forbidden")
        assert_error(self, self.gestionnaire.get("/api/v1/sites/1/presence-history?from=2026-03-01&to=2026-02-01"),
                     400, "invalid_field")
        assert_error(self, self.gestionnaire.get("/api/v1/sites/1/presence-history?prior_weight=-1"), 400, "invalid_field")
        assert_error(self, self.gestionnaire.get("/api/v1/sites/999/presence-history"), 404, "not_found")

    def test_scenarios_are_computed_saved_compared_exported_and_deleted(self):
        g = self.gestionnaire
        first = self.follow(g, g.post("/api/v1/planning/scenario", scenario()))
        self.assertEqual(first["state"], "done", first)
        r = first["result"]
        self.assertEqual(r["residents"], 40)
        self.assertEqual([q["name"] for q in r["quartiers"]], ["Nord", "Sud"])
        self.assertEqual(r["shared"]["desks"], 10)
        self.assertEqual(r["shared"]["services"], ["Partagé"])
        self.assertTrue(r["team_days"]["planned"])
        self.assertEqual(len(next(s for s in r["services"] if s["name"] == "Rythme")["team_days"]), 1)
        self.assertEqual(next(s for s in r["services"] if s["name"] == "Mesuré")["team_days"], [])
        self.assertLessEqual(r["desks_needed_pooled"], r["desks_needed_separate"])
        self.assertEqual(r["surface"]["sub_m2_per_resident"], 16)
        self.assertEqual(r["surface"]["verdict"], "within_target")
        second = self.follow(g, g.post("/api/v1/planning/scenario", scenario(desks=35, sub_m2=800)))
        self.assertEqual(second["result"]["surface"]["verdict"], "above_ceiling")

        status, before, _ = g.get("/api/v1/sites/1/scenarios")
        self.assertEqual(status, 200, before)
        status, a, _ = g.post("/api/v1/sites/1/scenarios", {"name": "Cité — 40 postes", "job_id": first["id"]})
        self.assertEqual(status, 201, a)
        self.assertEqual(a["result"]["desks"], 40)
        self.assertEqual(a["input"]["desks"], 40)
        status, b, _ = g.post("/api/v1/sites/1/scenarios", {"name": "Cité — 35 postes", "job_id": second["id"]})
        self.assertEqual(status, 201, b)
        status, listed, _ = g.get("/api/v1/sites/1/scenarios")
        self.assertEqual([s["id"] for s in listed[:2]], [b["id"], a["id"]])
        self.assertEqual(len(listed), len(before) + 2)
        self.assertNotIn("result", listed[0])
        status, page, resp = g.get("/api/v1/sites/1/scenarios?limit=1")
        self.assertEqual((status, [s["id"] for s in page]), (200, [b["id"]]))
        next_page = re.match(r'<([^>]+)>; rel="next"', resp.getheader("Link") or "")
        self.assertIsNotNone(next_page, resp.getheader("Link"))
        status, page, _ = g.get(next_page.group(1).replace("limit=1", "limit=1000"))
        self.assertEqual([s["id"] for s in page], [s["id"] for s in listed[1:]])
        assert_error(self, g.get("/api/v1/sites/1/scenarios?limit=0"), 400, "invalid_field")
        status, read, _ = g.get(f"/api/v1/sites/1/scenarios/{a['id']}")
        self.assertEqual(status, 200, read)
        self.assertEqual(read["result"], a["result"])

        status, cmp, _ = g.get(f"/api/v1/sites/1/scenario-comparison?ids={a['id']},{b['id']}")
        self.assertEqual(status, 200, cmp)
        self.assertEqual([s["name"] for s in cmp["scenarios"]], ["Cité — 40 postes", "Cité — 35 postes"])
        desks = next(row for row in cmp["rows"] if row["figure"] == "Postes du bâtiment")
        self.assertEqual(desks["values"], [40, 35])
        decimals = {row["figure"]: row["decimals"] for row in cmp["rows"]}  # how each figure is shown
        self.assertEqual((decimals["Postes du bâtiment"], decimals["Présents en moyenne, lundi"],
                          decimals["Risque de manque, lundi"]), (0, 1, 4))

        status, text, headers = g.get(f"/api/v1/sites/1/scenario-comparison.csv?ids={a['id']},{b['id']}")
        self.assertEqual(status, 200)
        self.assertIn("scenarios-site-1.csv", headers.getheader("Content-Disposition"))
        rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline=""), delimiter=";"))
        self.assertEqual(rows[0], ["Indicateur", "Cité — 40 postes", "Cité — 35 postes"])
        by_figure = {row[0]: row[1:] for row in rows[1:]}
        self.assertEqual(by_figure["Postes du bâtiment"], ["40", "35"])
        self.assertEqual([float(x.replace(",", ".")) for x in by_figure["m² SUB par résident"]], [16, 20])
        self.assertIn(",", by_figure["Présents en moyenne, lundi"][0])  # decimal comma

        if openpyxl is not None:
            status, data, headers = g.get(f"/api/v1/sites/1/scenario-comparison.xlsx?ids={a['id']},{b['id']}")
            self.assertEqual(status, 200)
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            values = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
            self.assertEqual(values["Postes du bâtiment"], (40, 35))
            self.assertAlmostEqual(values["m² SUB par résident"][1], 20)

        assert_error(self, g.get(f"/api/v1/sites/1/scenario-comparison?ids={a['id']}"), 400, "invalid_field")
        assert_error(self, g.get(f"/api/v1/sites/1/scenario-comparison?ids={a['id']},{a['id']}"), 400, "invalid_field")
        assert_error(self, g.get("/api/v1/sites/1/scenario-comparison"), 400, "missing_field")
        assert_error(self, self.agent.get(f"/api/v1/sites/1/scenarios/{a['id']}"), 403, "forbidden")

        status, _, _ = g.delete(f"/api/v1/sites/1/scenarios/{b['id']}")
        self.assertEqual(status, 204)
        assert_error(self, g.get(f"/api/v1/sites/1/scenarios/{b['id']}"), 404, "not_found")
        assert_error(self, g.delete(f"/api/v1/sites/1/scenarios/{b['id']}"), 404, "not_found")
        assert_error(self, g.get(f"/api/v1/sites/1/scenario-comparison?ids={a['id']},{b['id']}"), 404, "not_found")
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=50")[1]
        events = events.get("events", events) if isinstance(events, dict) else events
        self.assertTrue(any(e["object"] == "planning_scenarios" and e["action"] == "delete" and e["object_id"] == b["id"]
                            for e in events), events)

    def test_only_a_scenario_job_is_saved(self):
        g = self.gestionnaire
        sized = self.follow(g, g.post("/api/v1/planning/size", {"residents": 10, "presence": 0.5, "desks": 8,
                                                                "simulate_weeks": 100}))
        assert_error(self, g.post("/api/v1/sites/1/scenarios", {"name": "x", "job_id": sized["id"]}), 422,
                     "planning_job_not_a_scenario")
        assert_error(self, g.post("/api/v1/sites/1/scenarios", {"name": "x", "job_id": "inconnue"}), 404, "not_found")
        done = self.follow(g, g.post("/api/v1/planning/scenario", scenario()))
        assert_error(self, g.post("/api/v1/sites/1/scenarios", {"name": "  ", "job_id": done["id"]}), 400, "invalid_field")
        # Someone else cannot save another's calculation.
        assert_error(self, self.admin.post("/api/v1/sites/1/scenarios", {"name": "x", "job_id": done["id"]}), 404,
                     "not_found")

    def test_who_may_plan(self):
        question = {"residents": 10, "presence": 0.5, "desks": 8}
        assert_error(self, self.agent.post("/api/v1/planning/size", question), 403, "forbidden")
        assert_error(self, self.agent.post("/api/v1/planning/scenario", scenario()), 403, "forbidden")
        assert_error(self, self.agent.get("/api/v1/sites/1/scenarios"), 403, "forbidden")
        self.assertEqual(self.admin.post("/api/v1/planning/size", question)[0], 200)
        assert_error(self, self.server.client().post("/api/v1/planning/size", question), 401, "unauthenticated")

    def test_bad_questions_are_refused_in_french_and_nothing_is_written(self):
        g = self.gestionnaire
        before = g.get("/api/v1/sites/1/scenarios")[1]
        base = {"residents": 36, "presence": 0.7, "desks": 29}
        for change, field in [({"presence": 1.5}, "presence"), ({"presence": -0.1}, "presence"),
                              ({"epsilon": 1}, "epsilon"), ({"epsilon": 0}, "epsilon"),
                              ({"residents": -1}, "residents"), ({"desks": -3}, "desks"),
                              ({"simulate_weeks": -1}, "simulate_weeks"),
                              ({"floating_days": 2}, "presence")]:
            status, body, _ = g.post("/api/v1/planning/size", {**base, **change})
            self.assertEqual(status, 400, (change, body))
            self.assertEqual(body["error"]["code"], "invalid_field", body)
            self.assertIn(field, body["error"]["message"])
        assert_error(self, g.post("/api/v1/planning/size", {"residents": 3}), 400, "missing_field")
        assert_error(self, g.post("/api/v1/planning/size", {**base, "couleur": "bleu"}), 400, "unknown_field")
        bad_scenarios = [
            scenario(epsilon=1.5),
            scenario(desks=-1),
            scenario(desks=20),  # fewer than the quartiers' 30
            scenario(services=[{"name": "X", "residents": 5, "presence": [0.5, 2, 0.5, 0.5, 0.5]}]),
            scenario(services=[{"name": "X", "residents": 5, "presence": [0.5, 0.5]}]),
            scenario(services=[{"name": "X", "residents": -5, "floating_days": 1}]),
            scenario(services=[{"name": "X", "residents": 5, "presence": [0.5] * 5, "floating_days": 1}]),
            scenario(services=[{"name": "X", "residents": 5, "floating_days": 1, "quartier": "Est"}]),
            scenario(services=[{"name": "X", "residents": 5, "floating_days": 1, "absence_rate": 2}]),
        ]
        for body in bad_scenarios:
            status, answer, _ = g.post("/api/v1/planning/scenario", body)
            self.assertEqual(status, 400, (body, answer))
            self.assertEqual(answer["error"]["code"], "invalid_field", answer)
        assert_error(self, g.post("/api/v1/planning/scenario", scenario(site_id=999)), 404, "not_found")
        self.assertEqual(g.get("/api/v1/sites/1/scenarios")[1], before)


if __name__ == "__main__":
    unittest.main()
