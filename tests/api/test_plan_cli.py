# SPDX-License-Identifier: EUPL-1.2
"""`escale plan size`: the one-line sizing question answered exactly (checked here against the
binomial tail computed independently), the per-weekday figures with a telework pattern and a
team day, the simulated week, French output, and French refusals of arguments out of range.
Runs the real binary; needs no server."""
import json
import math
import subprocess
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
