# SPDX-License-Identifier: EUPL-1.2
"""Half-day desk booking over HTTP: rules, conflicts, cancellation, availability."""
import unittest

from escale_server import Server, assert_error

# The test clock stands at Monday 2 March 2026, 09:00 in Paris.
WEDNESDAY = "2026-03-04"


class BookingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        admin = cls.server.login("admin@pilote.escale.test")
        status, residents, _ = admin.get("/api/v1/residents")
        assert status == 200, residents
        agents = [r for r in residents if r["role"] == "agent"]
        cls.alice = cls.server.login(agents[0]["email"])
        cls.alice_id = agents[0]["id"]
        cls.alice_email = agents[0]["email"]
        cls.bob = cls.server.login(agents[1]["email"])
        cls.bob_email = agents[1]["email"]
        cls.admin = admin
        status, closure, _ = admin.post("/api/v1/closures", {"site_id": 1, "date": "2026-04-24", "reason": "pont"})
        assert status == 201, closure
        status, cls.site, _ = admin.get("/api/v1/sites/1")
        cls.floor = cls.site["floors"][0]["id"]
        status, avail, _ = admin.get(f"/api/v1/floors/{cls.floor}/availability?date={WEDNESDAY}")
        cls.desks = [d["id"] for d in avail["desks"]]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        # Some tests move the clock hours or weeks ahead: by then the session purge may have
        # ended the sessions opened at the start. Each test starts with fresh ones.
        self.alice = self.server.login(self.alice_email)
        self.bob = self.server.login(self.bob_email)
        self.admin = self.server.login("admin@pilote.escale.test")

    def book(self, who, desk, date, period="day"):
        return who.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date, "period": period})

    def test_book_a_day_takes_both_halves(self):
        status, body, _ = self.book(self.alice, self.desks[0], "2026-03-05")
        self.assertEqual(status, 201, body)
        self.assertEqual([b["half"] for b in body["bookings"]], ["am", "pm"])
        self.assertTrue(all(b["state"] == "reserved" and b["resident_id"] == self.alice_id for b in body["bookings"]))
        status, mine, _ = self.alice.get("/api/v1/me/desk-bookings?from=2026-03-05&to=2026-03-05")
        self.assertEqual(len(mine), 2)
        # Each booking says where its desk is, as the referential does.
        desk = self.admin.get(f"/api/v1/desks/{self.desks[0]}")[1]
        floor = next(f for f in self.site["floors"] if f["id"] == desk["floor_id"])
        zone = next((z for z in self.site["zones"] if z["id"] == desk["zone_id"]), None)
        for b in mine:
            self.assertEqual((b["desk_label"], b["floor_id"], b["floor_name"]), (desk["label"], floor["id"], floor["name"]))
            self.assertEqual((b["zone_id"], b["zone_name"]), (zone["id"], zone["name"]) if zone else (None, None))

    def test_second_person_gets_409_slot_taken(self):
        self.assertEqual(self.book(self.alice, self.desks[1], "2026-03-06", "am")[0], 201)
        assert_error(self, self.book(self.bob, self.desks[1], "2026-03-06", "am"), 409, "slot_taken")
        # The afternoon is still free for Bob.
        self.assertEqual(self.book(self.bob, self.desks[1], "2026-03-06", "pm")[0], 201)

    def test_day_booking_is_all_or_nothing(self):
        self.assertEqual(self.book(self.bob, self.desks[2], "2026-03-09", "pm")[0], 201)
        assert_error(self, self.book(self.alice, self.desks[2], "2026-03-09", "day"), 409, "slot_taken")
        status, mine, _ = self.alice.get("/api/v1/me/desk-bookings?from=2026-03-09&to=2026-03-09")
        self.assertEqual(mine, [], "the morning must not stay booked when the afternoon failed")

    def test_one_desk_per_resident_per_slot(self):
        self.assertEqual(self.book(self.alice, self.desks[3], "2026-03-10", "am")[0], 201)
        assert_error(self, self.book(self.alice, self.desks[4], "2026-03-10", "am"), 422, "already_booked_that_slot")

    def test_rules_closed_past_horizon(self):
        assert_error(self, self.book(self.alice, self.desks[5], "2026-03-07"), 422, "closed_day")  # Saturday
        assert_error(self, self.book(self.alice, self.desks[5], "2026-02-27"), 422, "past")
        assert_error(self, self.book(self.alice, self.desks[5], "2026-04-01"), 422, "beyond_horizon")
        self.assertEqual(self.book(self.alice, self.desks[5], "2026-03-30", "am")[0], 201)  # day 28
        # The floor's availability says the same before anyone tries, half-day by half-day.
        for date, code in [("2026-03-07", "closed_day"), ("2026-02-27", "past"), ("2026-04-01", "beyond_horizon")]:
            refusals = self.alice.get(f"/api/v1/floors/{self.floor}/availability?date={date}")[1]["refusals"]
            booking = self.book(self.alice, self.desks[5], date, "am")[1]["error"]
            self.assertEqual(refusals["am"], {"code": code, "message": booking["message"]}, date)
            self.assertEqual(refusals["pm"]["code"], code, date)
        self.assertEqual(self.alice.get(f"/api/v1/floors/{self.floor}/availability?date=2026-03-30")[1]["refusals"],
                         {"am": None, "pm": None})

    def test_public_holiday_is_closed(self):
        self.server.set_clock("2026-04-01T08:00:00Z")
        try:
            agent = self.server.login(self.alice_email)  # the old session has expired by then
            assert_error(self, self.book(agent, self.desks[6], "2026-04-06"), 422, "closed_day")  # Easter Monday
            assert_error(self, self.book(agent, self.desks[6], "2026-04-24"), 422, "closed_day")  # a closure day
            self.assertEqual(self.book(agent, self.desks[6], "2026-04-07")[0], 201)
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_this_morning_until_noon_then_past(self):
        self.server.set_clock("2026-03-02T11:59:00Z")  # 12:59 in Paris
        try:
            # Sessions opened at 09:00 have been idle too long by now: log in again.
            bob, alice = self.server.login(self.bob_email), self.server.login(self.alice_email)
            self.assertEqual(self.book(bob, self.desks[7], "2026-03-02", "am")[0], 201)
            self.server.set_clock("2026-03-02T12:00:00Z")  # 13:00
            assert_error(self, self.book(alice, self.desks[8], "2026-03-02", "am"), 422, "past")
            self.assertEqual(self.book(alice, self.desks[8], "2026-03-02", "pm")[0], 201)
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_without_a_date_the_availability_is_of_the_next_open_half_days_day(self):
        """What the plan opens on: today while one of its half-days is to come, else the next
        open day (the answer's date says which)."""
        def shown():
            status, a, _ = self.server.login(self.alice_email).get(f"/api/v1/floors/{self.floor}/availability")
            self.assertEqual(status, 200, a)
            return a["date"], a["refusals"]["am"] and a["refusals"]["am"]["code"], a["refusals"]["pm"]

        self.assertEqual(shown(), ("2026-03-02", None, None))  # Monday 09:00
        try:
            self.server.set_clock("2026-03-02T13:30:00Z")  # 14:30: the morning is over
            self.assertEqual(shown(), ("2026-03-02", "past", None))
            self.server.set_clock("2026-03-02T19:00:00Z")  # 20:00: tomorrow
            self.assertEqual(shown(), ("2026-03-03", None, None))
            self.server.set_clock("2026-04-23T19:00:00Z")  # Thursday evening: Friday is the closure, then a weekend
            self.assertEqual(shown(), ("2026-04-27", None, None))
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_cancel_frees_the_slot(self):
        status, body, _ = self.book(self.alice, self.desks[9], "2026-03-11", "am")
        booking = body["bookings"][0]["id"]
        assert_error(self, self.bob.delete(f"/api/v1/desk-bookings/{booking}"), 404, "not_found")
        status, cancelled, _ = self.alice.delete(f"/api/v1/desk-bookings/{booking}")
        self.assertEqual(status, 200)
        self.assertEqual(cancelled["state"], "cancelled")
        assert_error(self, self.alice.delete(f"/api/v1/desk-bookings/{booking}"), 409, "booking_not_live")
        self.assertEqual(self.book(self.bob, self.desks[9], "2026-03-11", "am")[0], 201)

    def test_availability_says_free_yours_taken_without_names(self):
        self.assertEqual(self.book(self.alice, self.desks[10], WEDNESDAY, "am")[0], 201)
        self.assertEqual(self.book(self.bob, self.desks[10], WEDNESDAY, "pm")[0], 201)
        status, avail, _ = self.alice.get(f"/api/v1/floors/{self.floor}/availability?date={WEDNESDAY}")
        self.assertEqual(status, 200)
        self.assertFalse(avail["closed"])
        desk = next(d for d in avail["desks"] if d["id"] == self.desks[10])
        self.assertEqual((desk["am"], desk["pm"]), ("yours", "taken"))
        self.assertNotIn("resident_id", desk)
        self.assertEqual(len(avail["desks"]), 29)
        for d in avail["desks"]:
            self.assertIn("x", d)
            self.assertIn("zone_id", d)
        status, sat, _ = self.alice.get(f"/api/v1/floors/{self.floor}/availability?date=2026-03-07")
        self.assertTrue(sat["closed"])

    def test_availability_follows_referential_changes_at_once(self):
        """The floor plan is cached between requests; a change to a desk must show at once."""
        desk = self.desks[12]
        self.assertEqual(self.alice.get(f"/api/v1/floors/{self.floor}/availability?date={WEDNESDAY}")[0], 200)
        status, body, _ = self.admin.patch(f"/api/v1/desks/{desk}", {"label": "P-RENOMME", "active": False})
        self.assertEqual(status, 200, body)
        try:
            status, avail, _ = self.alice.get(f"/api/v1/floors/{self.floor}/availability?date={WEDNESDAY}")
            row = next(d for d in avail["desks"] if d["id"] == desk)
            self.assertEqual((row["label"], row["active"]), ("P-RENOMME", False))
            assert_error(self, self.book(self.alice, desk, "2026-03-13"), 422, "desk_inactive")
        finally:
            self.admin.patch(f"/api/v1/desks/{desk}", {"active": True})
        status, avail, _ = self.alice.get(f"/api/v1/floors/{self.floor}/availability?date={WEDNESDAY}")
        self.assertTrue(next(d for d in avail["desks"] if d["id"] == desk)["active"])

    def test_booking_on_behalf_needs_gestionnaire(self):
        assert_error(self, self.bob.post("/api/v1/desk-bookings", {"desk_id": self.desks[11], "date": "2026-03-12",
                                                                   "period": "am", "resident_id": self.alice_id}), 403, "forbidden")
        status, body, _ = self.admin.post("/api/v1/desk-bookings", {"desk_id": self.desks[11], "date": "2026-03-12",
                                                                    "period": "am", "resident_id": self.alice_id})
        self.assertEqual(status, 201, body)
        self.assertEqual(body["bookings"][0]["resident_id"], self.alice_id)
        self.assertNotEqual(body["bookings"][0]["created_by"], self.alice_id)

    def test_bad_booking_requests(self):
        a = self.alice
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": 999999, "date": WEDNESDAY}), 404, "not_found")
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": self.desks[0], "date": "2025-02-30"}), 400, "invalid_date")
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": self.desks[0], "date": "04/03/2026"}), 400, "invalid_date")
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": "1", "date": WEDNESDAY}), 400, "invalid_field")
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": self.desks[0], "date": WEDNESDAY, "period": "soir"}), 400, "invalid_period")
        assert_error(self, a.post("/api/v1/desk-bookings", {"date": WEDNESDAY}), 400, "missing_field")
        assert_error(self, a.post("/api/v1/desk-bookings", {"desk_id": self.desks[0], "date": WEDNESDAY, "x": 1}), 400, "unknown_field")
        assert_error(self, a.get("/api/v1/me/desk-bookings?from=2026-03-10&to=2026-03-01"), 400, "invalid_field")
        assert_error(self, a.get(f"/api/v1/floors/{self.floor}/availability?date=demain"), 400, "invalid_date")
        assert_error(self, a.get("/api/v1/floors/999/availability?date=2026-03-04"), 404, "not_found")


if __name__ == "__main__":
    unittest.main()
