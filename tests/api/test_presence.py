# SPDX-License-Identifier: EUPL-1.2
"""Presence planning and finding a colleague (issue 10, item 6), against a real server on
each database. The test clock stands on Monday 2 March 2026, 09:00 in Paris.

Shown here: the effective presence (a desk booking, then the day's declaration, then the
weekly pattern); a declaration that contradicts a booking refused with nothing written, or
cancelling it at the caller's choice; bad input answered 4xx with nothing written; a
référent declaring for an agent of their service (audited) and nobody else; the service view
naming only who opted in and counting the others only from 5 people; finding a colleague by
an accent-free prefix, opt-in only (someone hidden is answered like an unknown name); the
RGPD export."""
import time
import unittest
from urllib.parse import quote

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"  # référent of SGAR-MCM


class PresenceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.residents = cls.admin.get("/api/v1/residents?site_id=1")[1]
        site = cls.admin.get("/api/v1/sites/1")[1]
        cls.services = {s["code"]: s["id"] for s in site["services"]}
        cls.referent = cls.server.login(REFERENT)
        cls.sessions = {}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def person(cls, name):
        return next(r for r in cls.residents if r["display_name"] == name)

    @classmethod
    def as_(cls, name):
        if name not in cls.sessions:
            cls.sessions[name] = cls.server.login(cls.person(name)["email"])
        return cls.sessions[name]

    def count(self, sql):
        with self.server.db() as db:
            return db.execute(sql).fetchone()[0]

    def declarations(self):
        return self.count("SELECT count(*) FROM presence_declarations")

    def free_desk(self, date):
        """An active desk of site 1 that no live booking holds on `date`."""
        desks = self.admin.get("/api/v1/desks?site_id=1")[1]
        with self.server.db() as db:
            taken = {row[0] for row in db.execute(
                f"SELECT desk_id FROM desk_bookings WHERE date = '{date}' AND state IN ('reserved', 'checked_in')")}
        return next(d["id"] for d in desks if d["active"] and d["id"] not in taken)

    # ---- one's own presence -------------------------------------------------------------

    def test_my_week_comes_from_the_pattern_by_default(self):
        me = self.as_("Mathieu Garnier")
        status, plan, _ = me.get("/api/v1/me/presence")
        self.assertEqual(status, 200, plan)
        self.assertEqual((plan["from"], plan["to"]), ("2026-03-02", "2026-03-08"))
        days = plan["days"]
        self.assertEqual(len(days), 7)
        self.assertEqual([d["closed"] for d in days], [False] * 5 + [True] * 2)
        for d in days[:5]:
            self.assertIn(d["am"]["source"], ("modele", "reservation"), d)
        self.assertEqual(days[5]["am"], {"status": None, "source": "aucune", "declared": None, "booking_id": None,
                                         "desk": None})
        pattern = me.get("/api/v1/me/presence-pattern")[1]["days"]
        self.assertEqual([d["weekday"] for d in pattern], [1, 2, 3, 4, 5])
        statuses = [d["am"] for d in pattern]
        self.assertEqual(statuses.count("teletravail"), 2, pattern)  # the demo: two days of telework

    def test_a_pattern_is_replaced_whole_and_checked(self):
        me = self.as_("Thomas Nguyen")
        week = {"days": [{"weekday": 1, "am": "sur_site", "pm": "teletravail"}, {"weekday": 3, "am": "mission"}]}
        status, saved, _ = me.request("PUT", "/api/v1/me/presence-pattern", week)
        self.assertEqual(status, 200, saved)
        self.assertEqual(saved["days"], [{"weekday": 1, "am": "sur_site", "pm": "teletravail"},
                                         {"weekday": 3, "am": "mission", "pm": None}])
        for bad, code in [({"days": [{"weekday": 8, "am": "sur_site"}]}, "invalid_field"),
                          ({"days": [{"weekday": 0}]}, "invalid_field"),
                          ({"days": [{"weekday": 2, "am": "sur_site"}, {"weekday": 2, "pm": "absent"}]}, "invalid_field"),
                          ({"days": [{"weekday": 2, "am": "au_bureau"}]}, "invalid_field"),
                          ({"days": [{"am": "sur_site"}]}, "missing_field"),
                          ({"days": [{"weekday": 2, "soir": "sur_site"}]}, "unknown_field"),
                          ({}, "missing_field")]:
            with self.subTest(bad=bad):
                assert_error(self, me.request("PUT", "/api/v1/me/presence-pattern", bad), 400, code)
        self.assertEqual(me.get("/api/v1/me/presence-pattern")[1], saved)  # nothing written
        plan = me.get("/api/v1/me/presence?from=2026-03-04&to=2026-03-04")[1]
        self.assertEqual((plan["days"][0]["am"]["status"], plan["days"][0]["pm"]["status"]), ("mission", None))

    def test_declaring_then_going_back_to_the_pattern(self):
        me = self.as_("Nadia Benali")
        status, plan, _ = me.request("PUT", "/api/v1/me/presence", {"days": [
            {"date": "2026-03-10", "status": "absent"},
            {"date": "2026-03-11", "half": "pm", "status": "mission"}]})
        self.assertEqual(status, 200, plan)
        self.assertEqual((plan["from"], plan["to"]), ("2026-03-10", "2026-03-11"))
        tue, wed = plan["days"]
        self.assertEqual((tue["am"]["status"], tue["am"]["source"]), ("absent", "declaration"))
        self.assertEqual((tue["pm"]["status"], tue["pm"]["source"]), ("absent", "declaration"))
        self.assertEqual(wed["am"]["source"], "modele")
        self.assertEqual((wed["pm"]["status"], wed["pm"]["source"]), ("mission", "declaration"))
        status, plan, _ = me.request("PUT", "/api/v1/me/presence", {"days": [{"date": "2026-03-10", "status": None}]})
        self.assertEqual(status, 200, plan)
        self.assertEqual(plan["days"][0]["am"]["source"], "modele")
        me_id = self.person("Nadia Benali")["id"]
        self.assertEqual(self.count(f"SELECT count(*) FROM presence_declarations WHERE resident_id = {me_id}"), 1)

    def test_bad_declarations_are_refused_and_write_nothing(self):
        me = self.as_("Aurélie Fontaine")
        before = self.declarations()
        cases = [
            ({"days": [{"date": "2026-03-04", "status": "au_bureau"}]}, 400, "invalid_field"),
            ({"days": [{"date": "2026-03-04"}]}, 400, "missing_field"),
            ({"days": [{"date": "2026-02-30", "status": "absent"}]}, 400, "invalid_date"),
            ({"days": [{"date": "2026-03-04", "half": "soir", "status": "absent"}]}, 400, "invalid_field"),
            ({"days": []}, 400, "invalid_field"),
            ({"days": [{"date": "2026-03-04", "status": "absent"}, {"date": "2026-03-04", "half": "am",
                                                                     "status": "mission"}]}, 400, "invalid_field"),
            ({"days": [{"date": f"2026-04-{d:02d}", "status": "absent"} for d in range(1, 31)] +
                      [{"date": f"2026-05-{d:02d}", "status": "absent"} for d in range(1, 32)] +
                      [{"date": f"2026-06-{d:02d}", "status": "absent"} for d in range(1, 31)] +
                      [{"date": f"2026-07-0{d}", "status": "absent"} for d in range(1, 4)]}, 400, "invalid_field"),  # 94 days
            ({"days": [{"date": "2026-03-04", "status": "absent"}], "en_plus": 1}, 400, "unknown_field"),
            ({"days": [{"date": "2026-03-04", "status": "absent"}, {"date": "2026-03-01", "status": "absent"}]},
             422, "presence_day_past"),
            ({"days": [{"date": "2027-03-04", "status": "absent"}]}, 422, "presence_day_too_far"),
            ({"days": [{"date": "2026-03-04", "status": "absent"}, {"date": "2026-03-07", "status": "sur_site"}]},
             422, "closed_day"),
        ]
        for body, status, code in cases:
            with self.subTest(code=code, body=str(body)[:80]):
                assert_error(self, me.request("PUT", "/api/v1/me/presence", body), status, code)
        assert_error(self, me.request("PUT", "/api/v1/me/presence", raw=b"{pas du json"), 400, "invalid_json")
        self.assertEqual(self.declarations(), before)
        # Reads: a bad date, a reversed or overlong range.
        for query, code in [("from=2026-13-01", "invalid_date"), ("from=2026-03-10&to=2026-03-09", "invalid_field"),
                            ("from=2026-03-01&to=2026-12-31", "invalid_field")]:
            with self.subTest(query=query):
                assert_error(self, me.get(f"/api/v1/me/presence?{query}"), 400, code)
        assert_error(self, me.get("/api/v1/services/1/presence?from=2026-03-01&to=2026-04-30"), 400, "invalid_field")

    def test_telework_on_a_booked_half_day_is_refused_unless_the_booking_is_cancelled(self):
        me = self.as_("Julien Roussel")
        desk = self.free_desk("2026-03-05")
        status, made, _ = me.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-05", "period": "am"})
        self.assertEqual(status, 201, made)
        booking = made["bookings"][0]["id"]
        plan = me.get("/api/v1/me/presence?from=2026-03-05&to=2026-03-05")[1]
        am = plan["days"][0]["am"]
        self.assertEqual((am["status"], am["source"], am["booking_id"]), ("sur_site", "reservation", booking))
        self.assertEqual(am["desk"]["id"], desk)
        self.assertTrue(am["desk"]["label"] and am["desk"]["floor_name"])
        before = self.declarations()
        refused = me.request("PUT", "/api/v1/me/presence", {"days": [{"date": "2026-03-05", "status": "teletravail"}]})
        assert_error(self, refused, 409, "presence_contradicts_booking")
        self.assertIn("Vous avez une réservation", refused[1]["error"]["message"])
        self.assertEqual(self.declarations(), before)
        self.assertEqual(self.count(f"SELECT count(*) FROM desk_bookings WHERE id = {booking} AND state = 'reserved'"), 1)
        # On site on that day is no contradiction.
        ok = me.request("PUT", "/api/v1/me/presence", {"days": [{"date": "2026-03-05", "half": "am", "status": "sur_site"}]})
        self.assertEqual(ok[0], 200, ok[1])
        # Asked for: the booking goes, in the same transaction.
        status, plan, _ = me.request("PUT", "/api/v1/me/presence", {
            "days": [{"date": "2026-03-05", "status": "teletravail"}], "cancel_bookings": True})
        self.assertEqual(status, 200, plan)
        self.assertEqual((plan["days"][0]["am"]["status"], plan["days"][0]["am"]["source"]), ("teletravail", "declaration"))
        self.assertEqual(self.count(f"SELECT count(*) FROM desk_bookings WHERE id = {booking} AND state = 'cancelled'"), 1)

    # ---- for someone else ----------------------------------------------------------------

    def test_a_referent_declares_for_their_service_only_and_it_is_audited(self):
        agent = self.person("Sophie Lemaître")  # SGAR-MCM, the référent's service
        other = self.person("Hugo Marchand")    # SGAR-PPE
        status, plan, _ = self.referent.request("PUT", f"/api/v1/residents/{agent['id']}/presence",
                                                {"days": [{"date": "2026-03-12", "status": "absent"}]})
        self.assertEqual(status, 200, plan)
        self.assertEqual(plan["resident_id"], agent["id"])
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=20")[1]
        mine = [e for e in events if e["action"] == "declare_for" and e["on_behalf_of"] == agent["id"]]
        self.assertEqual(len(mine), 1, events[:3])
        self.assertNotIn("absent", mine[0]["details"])  # the log says how much, not what
        seen = self.referent.get(f"/api/v1/residents/{agent['id']}/presence?from=2026-03-12&to=2026-03-12")[1]
        self.assertEqual(seen["days"][0]["am"]["status"], "absent")
        before = self.declarations()
        assert_error(self, self.referent.request("PUT", f"/api/v1/residents/{other['id']}/presence",
                                                 {"days": [{"date": "2026-03-12", "status": "absent"}]}), 404, "not_found")
        assert_error(self, self.referent.get(f"/api/v1/residents/{other['id']}/presence"), 404, "not_found")
        peer = self.as_("Thomas Nguyen")  # an agent of the same service
        assert_error(self, peer.request("PUT", f"/api/v1/residents/{agent['id']}/presence",
                                        {"days": [{"date": "2026-03-12", "status": "sur_site"}]}), 404, "not_found")
        self.assertEqual(self.declarations(), before)

    # ---- the service view ----------------------------------------------------------------

    def set_visible(self, name, visible):
        status, body, _ = self.as_(name).request("PUT", "/api/v1/me/presence-settings", {"visible_to_colleagues": visible})
        self.assertEqual((status, body), (200, {"visible_to_colleagues": visible}))

    def test_the_service_view_names_who_opted_in_and_counts_the_others_from_five(self):
        drdfe = self.services["DRDFE"]
        members = [r["display_name"] for r in self.residents if r["service_id"] == drdfe]
        self.assertEqual(len(members), 5)
        for name in members:
            self.set_visible(name, False)
        member = self.as_(members[1])
        status, view, _ = member.get(f"/api/v1/services/{drdfe}/presence")
        self.assertEqual(status, 200, view)
        self.assertEqual((view["members"], view["others"], view["visible"]), (5, 5, []))
        monday = view["days"][0]
        self.assertIsInstance(monday["am"]["others_on_site"], int)
        # Every figure matches the members' own plans.
        on_site = sum(1 for name in members
                      if self.as_(name).get("/api/v1/me/presence")[1]["days"][0]["am"]["status"] == "sur_site")
        self.assertEqual(monday["am"]["others_on_site"], on_site)
        # One opts in: named, and the four others are no longer counted.
        self.set_visible(members[0], True)
        view = member.get(f"/api/v1/services/{drdfe}/presence")[1]
        self.assertEqual([v["display_name"] for v in view["visible"]], [members[0]])
        self.assertEqual(len(view["visible"][0]["days"]), 7)
        self.assertEqual(view["others"], 4)
        self.assertTrue(all(d["am"]["others_on_site"] is None and d["pm"]["others_on_site"] is None
                            for d in view["days"]))
        # Who may see it: members, its référent, the gestionnaire; not another service's agent.
        assert_error(self, self.as_("Mathieu Garnier").get(f"/api/v1/services/{drdfe}/presence"), 403, "forbidden")
        self.assertEqual(self.server.login("gestionnaire@pilote.escale.test")
                         .get(f"/api/v1/services/{drdfe}/presence")[0], 200)
        self.assertEqual(self.referent.get(f"/api/v1/services/{self.services['SGAR-MCM']}/presence")[0], 200)
        assert_error(self, member.get("/api/v1/services/99999/presence"), 404, "not_found")

    # ---- finding a colleague -------------------------------------------------------------

    def test_finding_a_colleague_by_an_accent_free_prefix_opt_in_only(self):
        name = "Élodie Lefèvre"
        self.set_visible(name, True)
        seeker = self.as_("Mathieu Garnier")
        # Where she sits this afternoon.
        desk = self.free_desk("2026-03-02")
        made = self.as_(name).post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-02", "period": "pm"})
        self.assertEqual(made[0], 201, made[1])
        for q in ["elod", "ÉLODIE", "lefe", "elodie lef"]:
            with self.subTest(q=q):
                status, found, _ = seeker.get(f"/api/v1/colleagues?q={quote(q)}")
                self.assertEqual(status, 200, found)
                self.assertEqual([c["display_name"] for c in found["colleagues"]], [name])
        # Typed as is, the way a browser's address bar takes it (the harness encodes it as a browser does).
        self.assertEqual([c["display_name"] for c in seeker.get("/api/v1/colleagues?q=Lefèvre")[1]["colleagues"]], [name])
        found = seeker.get("/api/v1/colleagues?q=elodie")[1]
        self.assertEqual((found["today"], found["from"], found["to"]), ("2026-03-02", "2026-03-02", "2026-03-08"))
        today = found["colleagues"][0]["days"][0]
        self.assertEqual(today["pm"]["status"], "sur_site")
        self.assertEqual(today["pm"]["desk"]["id"], desk)
        self.assertEqual(found["colleagues"][0]["service_name"], "Direction régionale aux droits des femmes et à l'égalité")
        # Hidden: not found at all, the same answer as an unknown name.
        self.set_visible(name, False)
        self.assertEqual(seeker.get("/api/v1/colleagues?q=elod")[1]["colleagues"], [])
        self.assertEqual(seeker.get("/api/v1/colleagues?q=zzzz")[1]["colleagues"], [])
        # Another week.
        self.set_visible(name, True)
        later = seeker.get("/api/v1/colleagues?q=elod&week=2026-03-18")[1]
        self.assertEqual((later["from"], later["to"]), ("2026-03-16", "2026-03-22"))
        for query, code in [("", "missing_field"), ("?q=e", "invalid_field"), ("?q=%20-%20", "invalid_field"),
                            ("?q=" + "a" * 101, "invalid_field"), ("?q=elod&week=demain", "invalid_date")]:
            with self.subTest(query=query):
                assert_error(self, seeker.get("/api/v1/colleagues" + query), 400, code)

    def test_visibility_defaults_to_hidden_for_a_new_resident(self):
        made = self.admin.post("/api/v1/residents", {"site_id": 1, "service_id": self.services["PAJ"],
                                                     "email": "nouvelle.presence@pilote.escale.test",
                                                     "display_name": "Zoé Nouvelle", "password": "bienvenue-2026-p"})
        self.assertEqual(made[0], 201, made[1])
        zoe = self.server.login("nouvelle.presence@pilote.escale.test", "bienvenue-2026-p")
        self.assertEqual(zoe.get("/api/v1/me/presence-settings")[1], {"visible_to_colleagues": False})
        self.assertEqual(self.as_("Mathieu Garnier").get("/api/v1/colleagues?q=zoe")[1]["colleagues"], [])
        plan = zoe.get("/api/v1/me/presence")[1]
        self.assertTrue(all(d["am"]["source"] == "aucune" for d in plan["days"]))  # no pattern yet
        assert_error(self, zoe.request("PUT", "/api/v1/me/presence-settings", {"visible_to_colleagues": "oui"}),
                     400, "invalid_field")

    # ---- personal data -------------------------------------------------------------------

    def test_the_export_holds_the_presence(self):
        me = self.as_("Pierre-Yves Le Goff")
        me.request("PUT", "/api/v1/me/presence", {"days": [{"date": "2026-03-13", "half": "am", "status": "mission"}]})
        status, data, _ = me.get("/api/v1/me/personal-data")
        self.assertEqual(status, 200)
        self.assertEqual([(d["date"], d["half"], d["status"]) for d in data["presence_declarations"]],
                         [("2026-03-13", "am", "mission")])
        self.assertEqual(len(data["presence_pattern"]), 10)
        self.assertIn(data["visible_to_colleagues"], (True, False))

    def test_removing_a_resident_forgets_their_presence(self):
        target = self.person("Karim Haddad")
        who = self.as_("Karim Haddad")
        who.request("PUT", "/api/v1/me/presence", {"days": [{"date": "2026-03-13", "status": "absent"}]})
        self.assertEqual(self.admin.delete(f"/api/v1/residents/{target['id']}")[0], 204)
        for table in ("presence_declarations", "presence_patterns", "presence_settings"):
            self.assertEqual(self.count(f"SELECT count(*) FROM {table} WHERE resident_id = {target['id']}"), 0, table)


class PresenceRetentionTest(unittest.TestCase):
    """The retention job (every second of the server's clock here) deletes the declarations
    older than the site's period, and says so in the audit log."""

    def test_old_declarations_go_with_the_retention_period(self):
        with Server(extra=["--retention-interval", "1"]) as server:
            me = server.login(REFERENT)
            status, plan, _ = me.request("PUT", "/api/v1/me/presence", {"days": [
                {"date": "2026-03-04", "status": "absent"}, {"date": "2026-04-20", "status": "mission"}]})
            self.assertEqual(status, 200, plan)
            server.set_clock("2027-04-05T08:00:00Z")  # 13 months and a day after 4 March 2026
            admin = server.login(ADMIN)  # after the clock's jump: a session lasts 12 hours
            deadline, done = time.time() + 30, []
            while time.time() < deadline and not done:
                events = admin.get("/api/v1/audit-events?site_id=1&limit=50")[1]
                done = [e for e in events if e["action"] == "retention" and e["object"] == "presence_declarations"]
                time.sleep(0.2)
            self.assertTrue(done, "the retention job deleted declarations")
            self.assertIsNone(done[0]["actor_id"])
            self.assertIn("2026-03-05", done[0]["details"])
            with server.db() as db:
                left = [row[0] for row in db.execute("SELECT date FROM presence_declarations ORDER BY date")]
            self.assertEqual(left, ["2026-04-20", "2026-04-20"])  # both halves of the later day


if __name__ == "__main__":
    unittest.main()
