# SPDX-License-Identifier: EUPL-1.2
"""Fair-booking rules and the waitlist (issue 10, items 4 and 5) against a real server, on the
pilot demo (8 half-days a week, quartiers kept 24 h for their service, adapted desks kept):
each refusal names its rule in French; recurring bookings report each occurrence; a
resident's parallel requests never exceed the quota (one server, and two on PostgreSQL); a
waitlist promotion racing new bookings leaves exactly one holder, the first waiter."""
import unittest

from escale_server import Server, assert_error, database_kind, race

ADMIN = "admin@pilote.escale.test"
LIVE = "state IN ('reserved', 'checked_in')"
# The test clock: Monday 2 March 2026, 09:00 in Paris.


class Pilot:
    """Who and what the tests use on the pilot site."""

    def __init__(self, server):
        self.admin = server.login(ADMIN)
        status, site, _ = self.admin.get("/api/v1/sites/1")
        assert status == 200, site
        self.site = site
        self.desks = self.admin.get("/api/v1/desks?site_id=1")[1]
        self.zones = {z["id"]: z for z in self.admin.get("/api/v1/zones?site_id=1")[1]}
        self.residents = self.admin.get("/api/v1/residents?site_id=1")[1]

    def agents(self, service=None, needs_adapted=False):
        return [r for r in self.residents if r["role"] == "agent" and r["needs_adapted_desk"] == needs_adapted
                and (service is None or r["service_id"] == service)]

    def desks_of(self, service, adapted=False):
        return [d["id"] for d in self.desks if d["zone_id"] and self.zones[d["zone_id"]]["service_id"] == service
                and d["adapted"] == adapted]


class RecurrenceAcrossTheCalendarTest(unittest.TestCase):
    """A weekly desk booking over the DST change (night of 28–29 March 2026) and Easter Monday
    (6 April 2026): the holiday's occurrence is reported as closed, the others booked."""

    def test_closed_occurrence_reported_and_the_others_booked(self):
        with Server(rules=True) as server:
            server.set_clock("2026-03-20T08:00:00Z")  # Friday 20 March: the horizon reaches 17 April
            pilot = Pilot(server)
            person = pilot.agents(4)[0]
            c = server.login(person["email"])
            desk = pilot.desks_of(4)[2]
            status, out, _ = c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-23", "period": "am",
                                                              "repeat": "weekly", "until": "2026-04-13"})
            self.assertEqual(status, 201, out)
            self.assertEqual([b["date"] for b in out["bookings"]], ["2026-03-23", "2026-03-30", "2026-04-13"])
            self.assertEqual([(r["date"], r["code"]) for r in out["refused"]], [("2026-04-06", "closed_day")])
            # all_or_nothing: the holiday alone refuses the whole series, and nothing is written.
            status, body, _ = c.post("/api/v1/desk-bookings", {"desk_id": pilot.desks_of(4)[3], "date": "2026-03-24",
                                                               "period": "pm", "repeat": "daily", "until": "2026-04-07",
                                                               "on_conflict": "all_or_nothing"})
            self.assertEqual(status, 409, body)
            self.assertIn(("2026-04-06", "closed_day"), [(d["field"], d["code"]) for d in body["error"]["details"]])
            mine = c.get("/api/v1/me/desk-bookings?from=2026-03-20&to=2026-04-30")[1]
            self.assertEqual(sorted(b["date"] for b in mine), ["2026-03-23", "2026-03-30", "2026-04-13"])


class RulesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(rules=True)
        cls.pilot = Pilot(cls.server)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def live(self, resident_id, first="2026-03-02", last="2026-03-08"):
        with self.server.db() as db:
            return db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE resident_id = ? AND date BETWEEN ? AND ? "
                              f"AND {LIVE}", (resident_id, first, last)).fetchone()[0]

    def test_the_pilot_has_its_rules(self):
        site = self.pilot.site["site"]
        self.assertEqual((site["weekly_half_day_quota"], site["quartier_priority_hours"], site["adapted_desks_reserved"]),
                         (8, 24, True))
        self.assertGreaterEqual(sum(d["adapted"] for d in self.pilot.desks), 1)
        self.assertGreaterEqual(sum(r["needs_adapted_desk"] for r in self.pilot.residents), 1)

    def test_each_refusal_names_its_rule(self):
        s1, s2 = 1, 2
        agent = self.server.login(self.pilot.agents(s2)[0]["email"])
        # Another service's quartier, 48 h ahead: kept; the next morning (23 h ahead): open to all.
        other_desk = self.pilot.desks_of(s1)[0]
        refused = agent.post("/api/v1/desk-bookings", {"desk_id": other_desk, "date": "2026-03-04", "period": "am"})
        assert_error(self, refused, 422, "quartier_reserved")
        self.assertIn("priorité des quartiers", refused[1]["error"]["message"])
        self.assertIn("24 h", refused[1]["error"]["message"])
        self.assertEqual(agent.post("/api/v1/desk-bookings", {"desk_id": other_desk, "date": "2026-03-03",
                                                              "period": "am"})[0], 201)
        # An adapted desk of one's own quartier: kept for who needs one.
        adapted = [d["id"] for d in self.pilot.desks if d["adapted"]]
        adapted_own = [d for d in adapted if d in self.pilot.desks_of(s2, adapted=True)] or adapted
        refused = agent.post("/api/v1/desk-bookings", {"desk_id": adapted_own[0], "date": "2026-03-03", "period": "pm"})
        assert_error(self, refused, 422, "adapted_desk_reserved")
        self.assertIn("postes adaptés", refused[1]["error"]["message"])
        needing = self.pilot.agents(needs_adapted=True)[0]
        needs = self.server.login(needing["email"])
        own_adapted = [d for d in adapted if d in self.pilot.desks_of(needing["service_id"], adapted=True)]
        self.assertEqual(needs.post("/api/v1/desk-bookings", {"desk_id": own_adapted[0], "date": "2026-03-05",
                                                              "period": "day"})[0], 201)

    def test_quota_refusal_names_the_week(self):
        person = self.pilot.agents(3)[0]
        c = self.server.login(person["email"])
        desk = self.pilot.desks_of(3)[0]
        for date in ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"]:
            self.assertEqual(c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date})[0], 201)
        refused = c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-13", "period": "am"})
        assert_error(self, refused, 422, "weekly_quota_reached")
        self.assertIn("lundi 9 mars 2026", refused[1]["error"]["message"])
        self.assertEqual(self.live(person["id"], "2026-03-09", "2026-03-15"), 8)

    def test_recurring_booking_reports_each_occurrence(self):
        person = self.pilot.agents(4)[0]
        c = self.server.login(person["email"])
        desk = self.pilot.desks_of(4)[1]
        # Every Tuesday morning until 7 April: 31 March and 7 April are beyond the 28 days.
        status, out, _ = c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-03", "period": "am",
                                                          "repeat": "weekly", "until": "2026-04-07"})
        self.assertEqual(status, 201, out)
        self.assertEqual([b["date"] for b in out["bookings"]],
                         ["2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24"])
        self.assertEqual([(r["date"], r["code"]) for r in out["refused"]],
                         [("2026-03-31", "beyond_horizon"), ("2026-04-07", "beyond_horizon")])
        # all_or_nothing on taken slots: nothing booked, each occurrence in details.
        before = self.live(person["id"], "2026-03-01", "2026-04-30")
        status, body, _ = c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-03", "period": "am",
                                                           "repeat": "weekly", "until": "2026-03-17",
                                                           "on_conflict": "all_or_nothing"})
        self.assertEqual(status, 409, body)
        self.assertEqual(body["error"]["code"], "occurrences_refused")
        self.assertEqual(len(body["error"]["details"]), 3)
        self.assertEqual(self.live(person["id"], "2026-03-01", "2026-04-30"), before)
        # Bad recurrences: 400, nothing written.
        assert_error(self, c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-03", "until": "2026-03-17"}),
                     400, "missing_field")
        assert_error(self, c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-03", "repeat": "monthly",
                                                            "until": "2026-03-17"}), 400, "invalid_field")
        self.assertEqual(self.live(person["id"], "2026-03-01", "2026-04-30"), before)

    def test_site_settings_are_validated(self):
        assert_error(self, self.pilot.admin.patch("/api/v1/sites/1", {"weekly_half_day_quota": 0}), 400, "invalid_field")
        assert_error(self, self.pilot.admin.patch("/api/v1/sites/1", {"quartier_priority_hours": -2}), 400,
                     "invalid_field")
        site = self.pilot.admin.get("/api/v1/sites/1")[1]["site"]
        self.assertEqual((site["weekly_half_day_quota"], site["quartier_priority_hours"]), (8, 24))


def quota_race(testcase, servers, resident, desks):
    """One resident, many sessions over `servers`, each asking a different half-day of the week
    of 9 March at once: exactly the quota (8) is booked."""
    sessions = [servers[i % len(servers)].login(resident["email"]) for i in range(10)]
    slots = [(d, h) for d in ["2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"] for h in ("am", "pm")]
    results = race([lambda i=i: sessions[i].post("/api/v1/desk-bookings", {"desk_id": desks[i % len(desks)],
                                                                         "date": slots[i][0], "period": slots[i][1]})
                    for i in range(10)])
    statuses = [r[0] for r in results]
    testcase.assertEqual(statuses.count(201), 8, statuses)
    testcase.assertEqual(statuses.count(422), 2, statuses)
    testcase.assertTrue(all(r[1]["error"]["code"] == "weekly_quota_reached" for r in results if r[0] == 422))
    with servers[0].db() as db:
        live = db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE resident_id = ? AND date BETWEEN '2026-03-09' "
                          f"AND '2026-03-15' AND {LIVE}", (resident["id"],)).fetchone()[0]
    testcase.assertEqual(live, 8)


class QuotaRaceTest(unittest.TestCase):
    def test_parallel_requests_never_exceed_the_quota(self):
        with Server(rules=True) as server:
            pilot = Pilot(server)
            person = pilot.agents(5)[0]
            quota_race(self, [server], person, pilot.desks_of(5))

    def test_two_servers_never_exceed_the_quota(self):
        if database_kind() != "postgres":
            self.skipTest("several servers share a PostgreSQL database; this run is on SQLite")
        with Server(rules=True) as a, Server(share_with=a) as b:
            pilot = Pilot(a)
            person = pilot.agents(2)[1]
            quota_race(self, [a, b], person, pilot.desks_of(2))


class WaitlistTest(unittest.TestCase):
    """A floor of one desk (made for the test): when its holder cancels, the first waiter gets
    it in the cancellation's transaction, while 20 others try to book it at that instant."""

    def test_promotion_racing_new_bookings_leaves_one_holder(self):
        with Server(rules=True) as server:
            pilot = Pilot(server)
            admin = pilot.admin
            floor = admin.post("/api/v1/floors", {"site_id": 1, "name": "Annexe", "level": 4})[1]["id"]
            desk = admin.post("/api/v1/desks", {"site_id": 1, "floor_id": floor, "label": "A-1"})[1]["id"]
            agents = pilot.agents()
            holder, waiter, second = (server.login(a["email"]) for a in agents[:3])
            racers = [server.login(a["email"]) for a in agents[3:23]]
            for round_, date in enumerate(["2026-03-03", "2026-03-04", "2026-03-05"]):
                status, made, _ = holder.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date, "period": "am"})
                self.assertEqual(status, 201, made)
                booking = made["bookings"][0]["id"]
                # The floor is full: the first waiter, then the second, join.
                status, entry, _ = waiter.post("/api/v1/waitlist", {"floor_id": floor, "date": date, "half": "am"})
                self.assertEqual(status, 201, entry)
                self.assertEqual(entry["state"], "waiting")
                self.assertEqual(second.post("/api/v1/waitlist", {"floor_id": floor, "date": date, "half": "am"})[0], 201)
                calls = [lambda: holder.delete(f"/api/v1/desk-bookings/{booking}")]
                calls += [lambda c=c: c.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date, "period": "am"})
                          for c in racers]
                results = race(calls)
                self.assertEqual(results[0][0], 200, results[0])
                racer_statuses = [r[0] for r in results[1:]]
                self.assertEqual(racer_statuses.count(409), len(racers), f"round {round_}: {racer_statuses}")
                with server.db() as db:
                    holders = db.execute(f"SELECT resident_id FROM desk_bookings WHERE desk_id = ? AND date = ? "
                                         f"AND half = 'am' AND {LIVE}", (desk, date)).fetchall()
                self.assertEqual([h[0] for h in holders], [agents[1]["id"]], f"round {round_}")
                mine = waiter.get("/api/v1/me/waitlist")[1]
                promoted = [e for e in mine if e["date"] == date]
                self.assertEqual(promoted[0]["state"], "promoted")
                self.assertIsNotNone(promoted[0]["booking_id"])
                # The second waiter still waits; they leave.
                theirs = [e for e in second.get("/api/v1/me/waitlist")[1] if e["date"] == date][0]
                self.assertEqual(theirs["state"], "waiting")
                self.assertEqual(second.delete(f"/api/v1/waitlist/{theirs['id']}")[1]["state"], "left")
            # One audit line per promotion, for the waiter.
            events = admin.get("/api/v1/audit-events?site_id=1&limit=200")[1]
            promotions = [e for e in events if e["action"] == "waitlist_promote"]
            self.assertEqual(len(promotions), 3)
            self.assertTrue(all(e["on_behalf_of"] == agents[1]["id"] for e in promotions))

    def test_join_refusals_and_bad_input(self):
        with Server(rules=True) as server:
            pilot = Pilot(server)
            agent = server.login(pilot.agents()[0]["email"])
            # The pilot's floor has free desks this agent may take.
            assert_error(self, agent.post("/api/v1/waitlist", {"floor_id": 1, "date": "2026-03-03", "half": "am"}),
                         409, "desks_still_free")
            assert_error(self, agent.post("/api/v1/waitlist", {"site_id": 1, "floor_id": 1, "date": "2026-03-03",
                                                               "half": "am"}), 400, "waitlist_scope")
            assert_error(self, agent.post("/api/v1/waitlist", {"date": "2026-03-03", "half": "am"}), 400,
                         "waitlist_scope")
            assert_error(self, agent.post("/api/v1/waitlist", {"floor_id": 1, "date": "2026-03-03", "half": "soir"}),
                         400, "invalid_field")
            assert_error(self, agent.post("/api/v1/waitlist", {"floor_id": 1, "date": "2026-02-30", "half": "am"}),
                         400, "invalid_date")
            assert_error(self, agent.post("/api/v1/waitlist", {"zone_id": 999, "date": "2026-03-03", "half": "am"}),
                         404, "not_found")
            assert_error(self, agent.post("/api/v1/waitlist", {"floor_id": 1, "date": "2026-02-27", "half": "am"}),
                         422, "past")
            assert_error(self, agent.delete("/api/v1/waitlist/999"), 404, "not_found")
            with server.db() as db:
                self.assertEqual(db.execute("SELECT COUNT(*) FROM waitlist_entries").fetchone()[0], 0)


if __name__ == "__main__":
    unittest.main()
