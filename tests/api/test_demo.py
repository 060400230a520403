# SPDX-License-Identifier: EUPL-1.2
"""The demo is alive: a pilot served with its full history (--demo-history full, the default of
`escale serve`) shows occupancy over the past weeks, with the weekday peak, and desks already
booked in the coming days; "none" gives an empty demo."""
import datetime
import unittest

from escale_server import Server

ADMIN = "admin@pilote.escale.test"
PAST = "from=2026-01-05&to=2026-02-27"  # the eight weeks before Monday 2 March 2026


class DemoHistoryTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(history="full")
        cls.admin = cls.server.login(ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_the_past_weeks_show_occupancy_with_the_weekday_peak(self):
        status, o, _ = self.admin.get(f"/api/v1/sites/1/occupancy?{PAST}")
        self.assertEqual(status, 200, o)
        open_days = [d for d in o["days"] if d["am"] + d["pm"] > 0]
        self.assertEqual(len(open_days), 40, "every weekday of the eight weeks has bookings")
        for d in o["days"]:
            weekday = datetime.date.fromisoformat(d["date"]).isoweekday()
            if weekday >= 6:
                self.assertEqual(d["am"] + d["pm"], 0, d)
            self.assertLessEqual(max(d["am"], d["pm"]), o["desks"], d)
        by_weekday = {}
        for d in open_days:
            by_weekday.setdefault(datetime.date.fromisoformat(d["date"]).isoweekday(), []).append(d["rate"])
        mean = {wd: sum(rates) / len(rates) for wd, rates in by_weekday.items()}
        self.assertGreater(mean[2], mean[5])
        self.assertGreater(mean[4], mean[5])
        self.assertGreater(mean[2], 0.5, "a Tuesday fills more than half the desks")
        # Each of the five services is large enough to be shown on its own, with half-days.
        shown = [line for line in o["services"] if line["service_id"] is not None and line["half_days"]]
        self.assertGreaterEqual(len(shown), 4, o["services"])

    def test_the_coming_days_already_have_bookings(self):
        floor = self.admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]
        taken = 0
        for day in ["2026-03-02", "2026-03-03", "2026-03-04"]:
            status, avail, _ = self.admin.get(f"/api/v1/floors/{floor}/availability?date={day}")
            self.assertEqual(status, 200, avail)
            taken += sum((d["am"] == "taken") + (d["pm"] == "taken") for d in avail["desks"])
        self.assertGreater(taken, 0)
        with self.server.db() as db:
            cancelled = db.execute("SELECT COUNT(*) FROM desk_bookings WHERE state = 'cancelled'").fetchone()[0]
            made_later = db.execute("SELECT COUNT(*) FROM desk_bookings WHERE created_at >= ?",
                                    (int(datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.timezone.utc).timestamp()),)
                                    ).fetchone()[0]
        self.assertGreater(cancelled, 0)
        self.assertEqual(made_later, 0, "every demo booking was made before the server started")

    def test_without_history_the_demo_has_no_bookings(self):
        with Server(history="none") as empty:
            o = empty.login(ADMIN).get(f"/api/v1/sites/1/occupancy?{PAST}")[1]
            self.assertEqual(sum(d["am"] + d["pm"] for d in o["days"]), 0)


if __name__ == "__main__":
    unittest.main()
