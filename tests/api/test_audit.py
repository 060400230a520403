# SPDX-License-Identifier: EUPL-1.2
"""The audit log over HTTP: who did what, when, on whose behalf; written with the change
(a refused or failed change leaves no line), read by gestionnaires for their site and by
administrators everywhere, paged, and exported as CSV for a French spreadsheet."""
import csv
import datetime
import io
import unittest

from escale_server import Server, assert_error

try:
    import openpyxl
except ImportError:  # installed by scripts/install-deps.sh --tests
    openpyxl = None

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
AGENT = "mathieu.garnier@pilote.escale.test"


class AuditTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        cls.agent = cls.server.login(AGENT)
        cls.admin_id = cls.admin.get("/api/v1/me")[1]["id"]
        cls.gestionnaire_id = cls.gestionnaire.get("/api/v1/me")[1]["id"]
        cls.agent_id = cls.agent.get("/api/v1/me")[1]["id"]
        cls.floor = cls.admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def events(self, client=None, query="site_id=1"):
        status, events, _ = (client or self.admin).get(f"/api/v1/audit-events?{query}")
        self.assertEqual(status, 200, events)
        return events

    def newest(self, n=1, query="site_id=1"):
        return self.events(query=f"{query}&limit={n}")

    def test_referential_changes_are_logged_with_the_changed_fields(self):
        status, desk, _ = self.gestionnaire.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor, "label": "AUD-1"})
        self.assertEqual(status, 201, desk)
        self.assertEqual(self.gestionnaire.patch(f"/api/v1/desks/{desk['id']}", {"label": "AUD-2", "screens": 2})[0], 200)
        self.assertEqual(self.gestionnaire.delete(f"/api/v1/desks/{desk['id']}")[0], 204)
        deleted, updated, created = self.newest(3)
        for e, action in [(created, "create"), (updated, "update"), (deleted, "delete")]:
            self.assertEqual((e["action"], e["object"], e["object_id"], e["site_id"], e["actor_id"]),
                             (action, "desks", desk["id"], 1, self.gestionnaire_id), e)
            self.assertIsNone(e["on_behalf_of"])
        self.assertEqual(updated["details"], "label, screens")
        self.assertLess(created["id"], updated["id"])

    def test_a_refused_or_failed_change_leaves_no_line(self):
        before = self.newest()[0]["id"] if self.newest() else 0
        assert_error(self, self.agent.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor, "label": "NON"}),
                     403, "forbidden")
        existing = self.admin.get("/api/v1/desks?site_id=1")[1][0]["label"]
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor, "label": existing}),
                     409, "already_exists")
        after = self.newest()
        self.assertEqual(after[0]["id"] if after else 0, before)

    def test_acting_for_someone_else_names_them(self):
        desk = self.admin.get("/api/v1/desks?site_id=1")[1][3]["id"]
        status, made, _ = self.gestionnaire.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-04",
                                                                          "period": "pm", "resident_id": self.agent_id})
        self.assertEqual(status, 201, made)
        booking = made["bookings"][0]["id"]
        e = self.newest()[0]
        self.assertEqual((e["action"], e["object"], e["object_id"], e["actor_id"], e["on_behalf_of"]),
                         ("book_for", "desk_bookings", booking, self.gestionnaire_id, self.agent_id), e)
        self.assertEqual(e["details"], "1 demi-journée(s)", "no date nor desk: the line outlives nothing it should not")
        self.assertEqual(self.gestionnaire.delete(f"/api/v1/desk-bookings/{booking}")[0], 200)
        e = self.newest()[0]
        self.assertEqual((e["action"], e["on_behalf_of"]), ("cancel_for", self.agent_id), e)
        # Booking for oneself is not an event of the log.
        status, mine, _ = self.agent.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-05", "period": "am"})
        self.assertEqual(status, 201, mine)
        self.assertEqual(self.newest()[0]["id"], e["id"])

    def test_role_and_resident_changes_name_the_person_not_their_data(self):
        status, grant, _ = self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": self.agent_id,
                                                                  "role": "lecteur"})
        self.assertEqual(status, 201, grant)
        e = self.newest()[0]
        self.assertEqual((e["action"], e["object"], e["on_behalf_of"]), ("create", "role_grants", self.agent_id), e)
        status, person, _ = self.admin.post("/api/v1/residents", {"site_id": 1, "email": "audit.perso@pilote.escale.test",
                                                                 "display_name": "Personne Auditée"})
        self.assertEqual(status, 201, person)
        self.admin.patch(f"/api/v1/residents/{person['id']}", {"email": "audit.nouveau@pilote.escale.test"})
        e = self.newest()[0]
        self.assertEqual((e["action"], e["details"], e["on_behalf_of"]), ("update", "email", person["id"]), e)
        text = str(self.events(query="site_id=1&limit=1000"))
        for personal in ["audit.perso", "audit.nouveau", "Personne Auditée"]:
            self.assertNotIn(personal, text)

    def test_who_reads_the_log(self):
        status, token, _ = self.gestionnaire.post("/api/v1/me/api-tokens", {"name": "journal"})
        self.assertEqual(status, 201, token)
        # Token events belong to no site: administrators see them in the whole log.
        everything = self.events(query="limit=1000")
        self.assertIn(("create", "api_tokens", token["id"]),
                      [(e["action"], e["object"], e["object_id"]) for e in everything])
        assert_error(self, self.gestionnaire.get("/api/v1/audit-events"), 403, "forbidden")
        # A gestionnaire who forgot the site is told so; an agent is not told more than "no".
        self.assertIn("site_id", self.gestionnaire.get("/api/v1/audit-events")[1]["error"]["message"])
        self.assertNotIn("site_id", self.agent.get("/api/v1/audit-events")[1]["error"]["message"])
        site = self.events(self.gestionnaire, "site_id=1&limit=1000")
        self.assertTrue(site)
        self.assertEqual({e["site_id"] for e in site}, {1})
        assert_error(self, self.agent.get("/api/v1/audit-events?site_id=1"), 403, "forbidden")
        assert_error(self, self.server.client().get("/api/v1/audit-events?site_id=1"), 401, "unauthenticated")
        for bad in ["site_id=x", "site_id=1&from=hier", "site_id=1&limit=0", "site_id=1&before_id=-3"]:
            with self.subTest(query=bad):
                assert_error(self, self.gestionnaire.get(f"/api/v1/audit-events?{bad}"), 400, "invalid_field")

    def test_paging_and_time_window(self):
        for i in range(3):
            self.admin.post("/api/v1/closures", {"site_id": 1, "date": f"2026-12-{10 + i}", "reason": "audit"})
        first = self.newest(2)
        second = self.events(query=f"site_id=1&limit=2&before_id={first[-1]['id']}")
        ids = [e["id"] for e in first + second]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertEqual(len(set(ids)), 4)
        self.assertEqual(self.events(query="site_id=1&from=2026-03-02T08:00:01Z"), [], "the test clock stands still")
        self.assertTrue(self.events(query="site_id=1&from=2026-03-02T08:00:00Z&until=2026-03-02T08:00:01Z"))

    def test_csv_export_for_a_french_spreadsheet_is_itself_logged(self):
        listed = self.events(query="site_id=1&limit=1000")
        status, body, resp = self.gestionnaire.get("/api/v1/audit-events.csv?site_id=1")
        self.assertEqual(status, 200)
        self.assertTrue(resp.getheader("Content-Type").startswith("text/csv"))
        self.assertIn("attachment", resp.getheader("Content-Disposition"))
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        self.assertIn(b"\r\n", body)
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))
        self.assertEqual(rows[0][:3], ["numéro", "instant (UTC)", "site"])
        self.assertEqual([int(r[0]) for r in rows[1:]], [e["id"] for e in listed])
        e = self.newest()[0]
        self.assertEqual((e["action"], e["object"], e["actor_id"]), ("export", "audit_events", self.gestionnaire_id))
        self.assertIn(f"{len(listed)} événement", e["details"])
        assert_error(self, self.agent.get("/api/v1/audit-events.csv?site_id=1"), 403, "forbidden")

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed (scripts/install-deps.sh --tests installs it)")
    def test_xlsx_export_has_the_csv_columns_with_real_numbers_and_instants(self):
        listed = self.events(query="site_id=1&limit=1000")
        status, body, resp = self.gestionnaire.get("/api/v1/audit-events.xlsx?site_id=1")
        self.assertEqual(status, 200)
        self.assertIn("spreadsheetml", resp.getheader("Content-Type"))
        self.assertIn("journal-audit.xlsx", resp.getheader("Content-Disposition"))
        _, csv_body, _ = self.gestionnaire.get("/api/v1/audit-events.csv?site_id=1")
        heading = next(csv.reader(io.StringIO(csv_body.decode("utf-8-sig"), newline=""), delimiter=";"))
        sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), heading)
        self.assertEqual([r[0] for r in rows[1:]], [e["id"] for e in listed])  # numbers, not text
        first = rows[1]
        self.assertIsInstance(first[1], datetime.datetime)
        self.assertEqual(first[1].strftime("%Y-%m-%dT%H:%M:%SZ"), listed[0]["at"])
        self.assertEqual(first[5], listed[0]["action"])
        # the XLSX export is logged (before the CSV export this test asked for after it)
        self.assertTrue(any(e["object"] == "audit_events" and "en XLSX" in e["details"] for e in self.newest(2)))
        assert_error(self, self.agent.get("/api/v1/audit-events.xlsx?site_id=1"), 403, "forbidden")


if __name__ == "__main__":
    unittest.main()
