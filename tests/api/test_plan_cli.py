# SPDX-License-Identifier: EUPL-1.2
"""`escale plan size` and `escale plan days`. Size: the one-line sizing question answered exactly (checked here against the
binomial tail computed independently), the per-weekday figures with a telework pattern and a
team day, the simulated week, French output, and French refusals of arguments out of range.
Days: the pilot's worked cases, French explanation,
refused inputs. Runs the real binary; needs no server."""
import json
import math
import os
import subprocess
import tempfile
import unittest

from escale_server import BIN
from test_cli import english_left


def plan(*args):
    return subprocess.run([BIN, "plan", "size", *args], capture_output=True, text=True, timeout=120)


def binomial_tail(n, p, d):
    """P(Binomial(n, p) > d), exactly with rationals turned to float at the end."""
    return sum(math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(d + 1, n + 1))


class PlanSizeTest(unittest.TestCase):
    def sized(self, *args):
        r = plan(*args, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_one_line_question_is_exact(self):
        out = self.sized("--residents", "36", "--presence", "0.7", "--desks", "29", "--epsilon", "0.05")
        self.assertAlmostEqual(out["p_shortage"], binomial_tail(36, 0.7, 29), places=12)
        need = out["desks_needed"]
        self.assertLessEqual(binomial_tail(36, 0.7, need), 0.05)
        self.assertGreater(binomial_tail(36, 0.7, need - 1), 0.05)
        self.assertEqual(len(out["days"]), 5)
        self.assertEqual([d["weekday"] for d in out["days"]], ["lundi", "mardi", "mercredi", "jeudi", "vendredi"])

    def test_edges(self):
        everyone = self.sized("--residents", "10", "--presence", "1", "--desks", "10")
        self.assertEqual(everyone["p_shortage"], 0)
        self.assertEqual(everyone["desks_needed"], 10)
        nobody_sits = self.sized("--residents", "10", "--presence", "1", "--desks", "0")
        self.assertEqual(nobody_sits["p_shortage"], 1)
        nobody_comes = self.sized("--residents", "10", "--presence", "0", "--desks", "0")
        self.assertEqual(nobody_comes["p_shortage"], 0)
        self.assertEqual(nobody_comes["desks_needed"], 0)

    def test_team_day_is_the_peak(self):
        out = self.sized("--residents", "36", "--desks", "29", "--floating-days", "2", "--team-days", "mardi",
                         "--sub-m2", "576", "--simulate-weeks", "20000", "--seed", "5")
        days = {d["weekday"]: d for d in out["days"]}
        self.assertGreater(days["mardi"]["mean_demand"], days["lundi"]["mean_demand"])
        self.assertEqual(out["desks_needed"], days["mardi"]["desks_needed"])
        # Tuesday: everyone planned, present with probability 1 - 0.22.
        self.assertAlmostEqual(days["mardi"]["p_shortage"], binomial_tail(36, 0.78, 29), places=12)
        self.assertAlmostEqual(out["sub_m2_per_resident"], 16.0)
        sim = out["simulation"]
        self.assertEqual(sim["weeks"], 20000)
        week = sim["p_week_shortage"]
        self.assertLessEqual(week["low"], week["value"])
        self.assertLessEqual(week["value"], week["high"])
        self.assertGreaterEqual(week["high"], days["mardi"]["p_shortage"] - 0.02)
        again = self.sized("--residents", "36", "--desks", "29", "--floating-days", "2", "--team-days", "mardi",
                           "--sub-m2", "576", "--simulate-weeks", "20000", "--seed", "5")
        self.assertEqual(again["simulation"], sim, "the same seed gives the same figures")

    def test_french_output(self):
        r = plan("--residents", "36", "--presence", "0.7", "--desks", "29", "--simulate-weeks", "2000")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Dimensionnement : 36 résidents, 29 postes", r.stdout)
        self.assertIn("Taux de foisonnement : 0,81 poste par résident.", r.stdout)
        self.assertIn("Sur 2 000 semaines simulées", r.stdout)
        self.assertEqual(english_left(r.stdout), [])

    def test_arguments_out_of_range(self):
        cases = {
            ("--residents", "36", "--presence", "1.5", "--desks", "29"): "--presence",
            ("--residents", "36", "--presence", "-0.1", "--desks", "29"): "--presence",
            ("--residents", "-1", "--presence", "0.5", "--desks", "29"): "--residents",
            ("--residents", "36", "--presence", "0.5", "--desks", "-2"): "--desks",
            ("--residents", "36", "--presence", "0.5", "--desks", "2", "--epsilon", "0"): "--epsilon",
            ("--residents", "36", "--presence", "0.5", "--desks", "2", "--epsilon", "1"): "--epsilon",
            ("--residents", "36", "--desks", "2", "--absence", "2"): "--absence",
            ("--residents", "36", "--desks", "2", "--fte", "1.2"): "--fte",
            ("--residents", "36", "--desks", "2", "--presence", "0.5", "--floating-days", "1"): "--floating-days",
            ("--residents", "36", "--desks", "2", "--telework-days", "dimanche"): "dimanche",
            ("--residents", "36", "--desks", "2", "--floating-days", "6"): "--floating-days",
            ("--residents", "36", "--desks", "2", "--presence", "0.5", "--simulate-weeks", "-1"): "--simulate-weeks",
            ("--residents", "36", "--presence", "0.5"): "--desks",
        }
        for args, named in cases.items():
            with self.subTest(args=args):
                r = plan(*args)
                self.assertNotEqual(r.returncode, 0)
                self.assertEqual(r.stdout, "")
                self.assertIn("erreur", r.stderr)
                self.assertIn(named, r.stderr)
                self.assertEqual(english_left(r.stderr), [], r.stderr)


if __name__ == "__main__":
    unittest.main()


class PlanDaysTest(unittest.TestCase):
    """`escale plan days --input FILE`: the pilot's worked cases of docs/planning.md."""

    EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples")

    def days(self, *args):
        r = subprocess.run([BIN, "plan", "days", *args], capture_output=True, text=True, timeout=120)
        return r

    def planned(self, path, *args):
        r = self.days("--input", path, "--json", *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_pilot_spreads_its_team_days(self):
        spread = self.planned(os.path.join(self.EXAMPLES, "pilot-team-days.json"))
        self.assertTrue(spread["proven_optimal"])
        self.assertEqual(spread["lower_bound"], spread["peak"])
        chosen = [tuple(s["team_days"]) for s in spread["services"]]
        self.assertEqual(len(set(chosen)), 5, "five services, five different days")
        self.assertEqual(spread["peak"], max(d["quantile"] for d in spread["days"]))
        shared = self.planned(os.path.join(self.EXAMPLES, "pilot-shared-team-day.json"))
        self.assertEqual([s["team_days"] for s in shared["services"]], [["tuesday"]] * 5)
        self.assertGreater(shared["peak"], spread["peak"])
        self.assertGreater(shared["peak"], shared["desks"], "one shared day overflows the pilot's 29 desks")
        heuristic = self.planned(os.path.join(self.EXAMPLES, "pilot-team-days.json"), "--heuristic")
        self.assertGreaterEqual(heuristic["peak"], heuristic["lower_bound"])
        self.assertGreaterEqual(heuristic["peak"], spread["peak"])

    def test_french_explanation(self):
        r = self.days("--input", os.path.join(self.EXAMPLES, "pilot-shared-team-day.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("mardi", r.stdout)
        self.assertIn("(dépassement) ; jour d'équipe : SGAR-MCM, SGAR-PPE, SGAR-PFRA, PAJ, DRDFE", r.stdout)
        self.assertIn("optimum prouvé", r.stdout)
        self.assertEqual(english_left(r.stdout), [])

    def test_bad_inputs(self):
        cases = {
            "{": "invalid_json",
            '{"services": [{"name": "A", "members": [{"residents": 3}]}], "pairs": [{"a": "A", "b": "Z"}]}': "pairs[0].b",
            '{"services": [{"name": "A", "members": [{"residents": -3}]}]}': "services[0].members[0].residents",
            '{"services": [{"name": "A", "members": [{"residents": 3, "absence_rate": 3}]}]}': "absence_rate",
            '{"services": [{"name": "A", "members": [{"residents": 3}], "team_days": 2, "allowed_days": ["monday"]}]}':
                "team_days",
            '{"services": [{"name": "A", "members": [{"residents": 3}]}, {"name": "A", "members": []}]}':
                "services[1].name",
            '{"services": [{"name": "A", "members": [{"residents": 3, "telework_days": ["sunday"]}]}]}':
                "telework_days[0]",
            '{"services": [{"name": "A", "members": []}, {"name": "B", "members": []}], "pairs": '
            '[{"a": "A", "b": "B"}, {"a": "B", "b": "A", "together": false}]}': "Aucun planning",
            '{"services": [], "level": 0}': "level",
        }
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "in.json")
            for text, named in cases.items():
                with self.subTest(text=text):
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    r = self.days("--input", path)
                    self.assertNotEqual(r.returncode, 0)
                    self.assertEqual(r.stdout, "")
                    self.assertIn("erreur", r.stderr)
                    if named != "invalid_json":
                        self.assertIn(named, r.stderr)
            r = self.days("--input", os.path.join(tmp, "absent.json"))
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("impossible de lire", r.stderr)


class PlanZonesTest(unittest.TestCase):
    """`escale plan zones --input FILE`: the pilot's quartiers of docs/planning.md."""

    EXAMPLES = PlanDaysTest.EXAMPLES

    def zones(self, *args):
        return subprocess.run([BIN, "plan", "zones", *args], capture_output=True, text=True, timeout=120)

    def test_pilot_quartiers(self):
        r = self.zones("--input", os.path.join(self.EXAMPLES, "pilot-zones.json"), "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertTrue(out["proven_best"])
        self.assertEqual(out["unseated"], [0] * 5)
        self.assertEqual(out["cross_floor"], [0] * 5)
        homes = {s["name"]: s["quartier"] for s in out["services"]}
        self.assertEqual(sorted(homes.values()), sorted(q["name"] for q in out["quartiers"]), "one service per quartier")
        quartiers = {q["name"]: q for q in out["quartiers"]}
        for q in out["quartiers"]:
            self.assertEqual(q["slack"], q["desks"] - max(q["demand"]))
            for d in range(5):  # what a quartier cannot seat goes to its neighbours, whole
                self.assertEqual(max(q["demand"][d] - q["desks"], 0), q["sent"][d])
        self.assertEqual(out["least_slack"], min(q["slack"] for q in out["quartiers"]))
        self.assertEqual(sum(sum(q["sent"]) for q in out["quartiers"]), sum(sum(q["received"]) for q in out["quartiers"]))
        # The largest quartier goes to a service whose P95 fits in it.
        biggest = max(out["quartiers"], key=lambda q: q["desks"])["name"]
        service = next(s for s in out["services"] if s["quartier"] == biggest)
        self.assertTrue(service["fits_alone"])
        self.assertLessEqual(service["worst_demand"], quartiers[biggest]["desks"])

    def test_french_output_and_bad_inputs(self):
        r = self.zones("--input", os.path.join(self.EXAMPLES, "pilot-zones.json"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Chacun trouve un poste dans son quartier ou un quartier voisin.", r.stdout)
        self.assertEqual(english_left(r.stdout), [])
        cases = {
            '{"quartiers": [], "services": []}': "quartiers",
            '{"quartiers": [{"name": "A", "desks": -1}], "services": []}': "quartiers[0].desks",
            '{"quartiers": [{"name": "A", "desks": 3, "touches": ["Z"]}], "services": []}': "quartiers[0].touches",
            '{"quartiers": [{"name": "A", "desks": 3, "touches": ["A"]}], "services": []}': "quartiers[0].touches",
            '{"quartiers": [{"name": "A", "desks": 3}, {"name": "A", "desks": 1}], "services": []}': "quartiers[1].name",
            '{"quartiers": [{"name": "A", "desks": 3}], "services": [{"name": "S", "members": [{"residents": -2}]}]}':
                "services[0].members[0].residents",
            '{"quartiers": [{"name": "A", "desks": 3}], "services": [], "level": 2}': "level",
        }
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "in.json")
            for text, named in cases.items():
                with self.subTest(text=text):
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    r = self.zones("--input", path)
                    self.assertNotEqual(r.returncode, 0)
                    self.assertEqual(r.stdout, "")
                    self.assertIn(named, r.stderr)


class PlanScenarioTest(unittest.TestCase):
    """`escale plan scenario --input FILE`: the cite of docs/planning.md, the API's question."""

    def scenario(self, *args):
        return subprocess.run([BIN, "plan", "scenario", *args], capture_output=True, text=True, timeout=300)

    def test_the_cite(self):
        path = os.path.join(PlanDaysTest.EXAMPLES, "cite-scenario.json")
        r = self.scenario("--input", path, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        with open(path, encoding="utf-8") as f:
            question = json.load(f)
        self.assertEqual(out["residents"], sum(s["residents"] for s in question["services"]))
        # Sharing every desk never needs more than each service keeping to its quartier.
        self.assertLessEqual(out["desks_needed_pooled"], out["desks_needed_separate"])
        text = self.scenario("--input", path)
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("Jours d'équipe", text.stdout)
        self.assertIn("m² SUB par résident", text.stdout)
        self.assertEqual(english_left(text.stdout), [])

    def test_bad_input(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "in.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write('{"desks": 10, "epsilon": 2, "services": [{"name": "A", "residents": 3, "presence": [1,1,1,1,1]}]}')
            r = self.scenario("--input", path)
            self.assertNotEqual(r.returncode, 0)
            self.assertEqual(r.stdout, "")
            self.assertIn("epsilon", r.stderr)
