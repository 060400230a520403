# SPDX-License-Identifier: EUPL-1.2
"""GET /api/v1/sites/{id}/calendar (web app, issue 11): a site's days, open or closed with
their French reason (week-end, public holiday by name, the site's closures), and today at the
site by the server's clock, which Ma semaine is built from."""
import unittest

from escale_server import Server, assert_error


class SiteCalendarTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()  # the test clock: Monday 2 March 2026, 09:00 in Paris
        cls.agent = cls.server.login("claire.dubreuil@pilote.escale.test")
        cls.manager = cls.server.login("gestionnaire@pilote.escale.test")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_days_with_their_reasons(self):
        status, body, _ = self.manager.post("/api/v1/closures", {"site_id": 1, "date": "2026-04-08",
                                                                  "reason": "Déménagement du 3e étage"})
        self.assertEqual(status, 201, body)
        status, body, _ = self.manager.post("/api/v1/closures", {"site_id": 1, "date": "2026-04-09"})
        self.assertEqual(status, 201, body)
        status, cal, _ = self.agent.get("/api/v1/sites/1/calendar?from=2026-04-03&to=2026-04-10")
        self.assertEqual(status, 200, cal)
        self.assertEqual(cal["site_id"], 1)
        self.assertEqual(cal["today"], "2026-03-02")
        days = {d["date"]: (d["closed"], d["reason"]) for d in cal["days"]}
        self.assertEqual(days, {
            "2026-04-03": (False, None),
            "2026-04-04": (True, "Week-end"),
            "2026-04-05": (True, "Week-end"),
            "2026-04-06": (True, "Lundi de Pâques"),
            "2026-04-07": (False, None),
            "2026-04-08": (True, "Déménagement du 3e étage"),
            "2026-04-09": (True, "Fermeture du site"),
            "2026-04-10": (False, None),
        })
        self.assertEqual([d["date"] for d in cal["days"]], sorted(days), "in date order")

    def test_default_range_is_four_weeks_from_today(self):
        status, cal, _ = self.agent.get("/api/v1/sites/1/calendar")
        self.assertEqual(status, 200, cal)
        self.assertEqual(cal["days"][0]["date"], "2026-03-02")
        self.assertEqual(cal["days"][-1]["date"], "2026-03-29")
        self.assertEqual(len(cal["days"]), 28)
        # A public holiday across a year's end is named too.
        status, cal, _ = self.agent.get("/api/v1/sites/1/calendar?from=2026-12-24&to=2027-01-02")
        days = {d["date"]: d["reason"] for d in cal["days"]}
        self.assertEqual(days["2026-12-25"], "Noël")
        self.assertEqual(days["2027-01-01"], "Jour de l'an")

    def test_next_half_day_is_the_first_still_bookable(self):
        status, cal, _ = self.agent.get("/api/v1/sites/1/calendar")
        self.assertEqual(status, 200, cal)
        self.assertEqual(cal["next_half_day"], {"date": "2026-03-02", "half": "am"})  # 09:00: the morning goes on
        for clock, expected in (("2026-03-02T13:30:00Z", {"date": "2026-03-02", "half": "pm"}),  # 14:30
                                ("2026-03-02T19:00:00Z", {"date": "2026-03-03", "half": "am"})):  # 20:00
            with self.subTest(clock=clock):
                server = Server(test_clock=clock)
                try:
                    agent = server.login("claire.dubreuil@pilote.escale.test")
                    status, cal, _ = agent.get("/api/v1/sites/1/calendar")
                    self.assertEqual(status, 200, cal)
                    self.assertEqual(cal["next_half_day"], expected)
                    # what comes before it is over: the server refuses to book it
                    desk = agent.get("/api/v1/floors/1/availability?date=2026-03-02")[1]["desks"][0]["id"]
                    assert_error(self, agent.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-02",
                                                                           "period": "am"}), 422, "past")
                finally:
                    server.stop()

    def test_bad_requests(self):
        assert_error(self, self.agent.get("/api/v1/sites/1/calendar?from=2026-04-10&to=2026-04-01"), 400, "invalid_field")
        assert_error(self, self.agent.get("/api/v1/sites/1/calendar?from=2026-01-01&to=2027-01-03"), 400, "invalid_field")
        assert_error(self, self.agent.get("/api/v1/sites/1/calendar?from=2026-02-30"), 400, "invalid_date")
        assert_error(self, self.agent.get("/api/v1/sites/x/calendar"), 400, "invalid_field")
        assert_error(self, self.agent.get("/api/v1/sites/99/calendar"), 404, "not_found")
        assert_error(self, self.server.client().get("/api/v1/sites/1/calendar"), 401, "unauthenticated")


if __name__ == "__main__":
    unittest.main()
