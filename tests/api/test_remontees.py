# SPDX-License-Identifier: EUPL-1.2
"""Remontées (issue 13, item 6), against a real server, on SQLite and on PostgreSQL: posting
signed and anonymous ones (an anonymous one keeps no author: nobody can edit it, and its
time is only its day), supporting once (10 concurrent supports of one resident: one
accepted), the project team's answer and status, counts per theme and per service with the
minimum group size, the personal data download, and the retention purge (supports deleted but
still counted, author forgotten)."""
import time
import unittest

from escale_server import Server, assert_error, race

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"


class RemonteesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        residents = cls.admin.get("/api/v1/residents?site_id=1")[1]
        cls.agents = [r for r in residents if r["active"] and r["role"] == "agent" and r["service_id"]]
        cls.sessions = {}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def as_(cls, resident):
        if resident["email"] not in cls.sessions:
            cls.sessions[resident["email"]] = cls.server.login(resident["email"])
        return cls.sessions[resident["email"]]

    def post(self, who, **body):
        body = {"kind": "irritant", "theme": "bruit", "title": "Trop de bruit près des bulles", **body}
        status, made, _ = self.as_(who).post("/api/v1/remontees", body)
        self.assertEqual(status, 201, made)
        return made

    def test_signed_and_anonymous(self):
        author, reader = self.agents[0], self.agents[1]
        signed = self.post(author, body="Les appels en visio résonnent.")
        self.assertFalse(signed["anonymous"])
        self.assertTrue(signed["mine"])
        self.assertEqual(signed["author_name"], author["display_name"])
        anonymous = self.post(author, kind="idee", theme="rangement", title="Des casiers plus grands", anonymous=True)
        self.assertTrue(anonymous["anonymous"])
        self.assertFalse(anonymous["mine"])
        self.assertIsNone(anonymous["author_name"])
        self.assertTrue(anonymous["created_at"].endswith("T00:00:00Z"), anonymous["created_at"])
        # The database keeps no author for it.
        with self.server.db() as db:
            row = db.execute("SELECT author_id FROM remontees WHERE id = ?", (anonymous["id"],)).fetchone()
        self.assertIsNone(row[0])
        # Its author cannot edit it, nor remove it; the signed one, yes (and only them).
        assert_error(self, self.as_(author).patch(f"/api/v1/remontees/{anonymous['id']}", {"title": "Autre"}), 404, "not_found")
        assert_error(self, self.as_(reader).patch(f"/api/v1/remontees/{signed['id']}", {"title": "Autre"}), 404, "not_found")
        status, edited, _ = self.as_(author).patch(f"/api/v1/remontees/{signed['id']}", {"title": "Bruit en zone calme"})
        self.assertEqual((status, edited["title"]), (200, "Bruit en zone calme"), edited)
        # Listed for the site, by theme; nobody's name on the anonymous one.
        listed = self.as_(reader).get("/api/v1/remontees?theme=rangement")[1]
        self.assertIn(anonymous["id"], [r["id"] for r in listed])
        self.assertTrue(all(r["theme"] == "rangement" for r in listed))
        assert_error(self, self.as_(reader).get("/api/v1/remontees?theme=odeurs"), 400, "invalid_field")
        # Posting writes no audit line (anonymous or not).
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=1000")[1]
        self.assertFalse([e for e in events if e["object"] == "remontees" and e["object_id"] == anonymous["id"]])
        for body, code in [({"kind": "irritant", "theme": "bruit"}, "missing_field"),
                           ({"kind": "plainte", "theme": "bruit", "title": "x"}, "invalid_field"),
                           ({"kind": "idee", "theme": "bruit", "title": "   "}, "missing_field"),
                           ({"kind": "idee", "theme": "bruit", "title": "x", "body": "y" * 4001}, "invalid_field")]:
            with self.subTest(body=body):
                assert_error(self, self.as_(reader).post("/api/v1/remontees", body), 400, code)

    def test_one_support_each_even_in_a_race(self):
        remontee = self.post(self.agents[2], theme="reservation", title="Réserver la veille au soir")
        supporter = self.agents[3]
        clients = [self.server.login(supporter["email"]) for _ in range(10)]
        url = f"/api/v1/remontees/{remontee['id']}/support"
        results = race([lambda c=c: c.post(url) for c in clients])
        self.assertEqual(sorted(r[0] for r in results), [201] + [409] * 9, [r[1] for r in results])
        self.assertTrue(all(r[1]["error"]["code"] == "already_supported" for r in results if r[0] == 409))
        with self.server.db() as db:
            n = db.execute("SELECT COUNT(*) FROM remontee_supports WHERE remontee_id = ?", (remontee["id"],)).fetchone()[0]
        self.assertEqual(n, 1)
        status, seen, _ = self.as_(supporter).delete(url)
        self.assertEqual((status, seen["supports"], seen["supported"]), (200, 0, False), seen)
        assert_error(self, self.as_(supporter).delete(url), 404, "not_found")

    def test_the_project_team_answers(self):
        author = self.agents[4]
        remontee = self.post(author, theme="equipements", title="Deux écrans partout")
        body = {"status": "en_cours", "answer": "Commande passée pour le 2e étage."}
        assert_error(self, self.as_(author).request("PUT", f"/api/v1/remontees/{remontee['id']}/answer", body),
                     403, "forbidden")
        status, answered, _ = self.gestionnaire.request("PUT", f"/api/v1/remontees/{remontee['id']}/answer", body)
        self.assertEqual((status, answered["status"], answered["answer"]), (200, "en_cours", body["answer"]), answered)
        status, answered, _ = self.gestionnaire.request("PUT", f"/api/v1/remontees/{remontee['id']}/answer",
                                                        {"status": "traitee"})
        self.assertEqual(answered["status"], "traitee")
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=1000")[1]
        self.assertTrue([e for e in events if e["object"] == "remontees" and e["action"] == "answer"])

    def test_counts_keep_the_minimum_group_size(self):
        status, before, _ = self.gestionnaire.get("/api/v1/sites/1/remontee-counts")
        self.assertEqual(status, 200, before)
        self.assertIsNone(before["total"])  # nothing posted yet (this test runs first): nothing shown
        for i in range(6):
            self.post(self.agents[i % len(self.agents)], theme="confidentialite", title=f"Confidentialité {i}")
        for i in range(5):
            self.post(self.agents[i % len(self.agents)], theme="bruit", title=f"Bruit {i}")
        self.post(self.agents[0], theme="autre", title="Une seule")
        status, counts, _ = self.gestionnaire.get("/api/v1/sites/1/remontee-counts")
        themes = {t["theme"]: t for t in counts["themes"]}
        self.assertEqual(counts["total"], 12)
        # « autre » (1) is hidden; so is « bruit » (5), the smallest shown, or 12 - 6 - 5 would give it.
        self.assertEqual(themes["confidentialite"]["count"], 6)
        self.assertTrue(themes["autre"]["hidden"] and themes["bruit"]["hidden"], themes)
        for t in counts["themes"]:
            self.assertTrue(t["hidden"] or t["count"] >= 5, t)
        hidden = counts["total"] - sum(t["count"] for t in counts["themes"] if not t["hidden"])
        self.assertTrue(hidden == 0 or hidden >= 5, counts["themes"])
        hidden = counts["total"] - sum(s["count"] for s in counts["services"] if not s["hidden"])
        self.assertTrue(hidden == 0 or hidden >= 5, counts["services"])
        assert_error(self, self.as_(self.agents[0]).get("/api/v1/sites/1/remontee-counts"), 403, "forbidden")

    def test_personal_data_has_ones_signed_remontees_and_supports(self):
        me, other = self.agents[5], self.agents[6]
        signed = self.post(me, title="Signée pour l'export")
        anonymous = self.post(me, title="Anonyme pour l'export", anonymous=True)
        theirs = self.post(other, title="Soutenue pour l'export")
        self.assertEqual(self.as_(me).post(f"/api/v1/remontees/{theirs['id']}/support")[0], 201)
        data = self.as_(me).get("/api/v1/me/personal-data")[1]
        ids = [r["id"] for r in data["remontees"]]
        self.assertIn(signed["id"], ids)
        self.assertNotIn(anonymous["id"], ids)
        self.assertIn(theirs["id"], data["remontee_supports"])


class RemonteeRetentionTest(unittest.TestCase):
    """The retention job, past the site's period (13 months): who supported a remontée is
    forgotten (the rows go), how many did stays; its author is forgotten too."""

    def test_supports_are_forgotten_but_counted(self):
        server = Server(extra=["--retention-interval", "1"])
        try:
            server.set_clock("2026-03-02T08:00:00Z")
            admin = server.login(ADMIN)
            residents = admin.get("/api/v1/residents?site_id=1")[1]
            agents = [r for r in residents if r["active"] and r["role"] == "agent" and r["service_id"]]
            author = server.login(agents[0]["email"])
            status, made, _ = author.post("/api/v1/remontees", {"kind": "idee", "theme": "equipements",
                                                                "title": "Des écrans plus grands"})
            self.assertEqual(status, 201, made)
            for a in agents[1:7]:
                self.assertEqual(server.login(a["email"]).post(f"/api/v1/remontees/{made['id']}/support")[0], 201)
            seen = lambda who: next(r for r in who.get("/api/v1/remontees?theme=equipements")[1] if r["id"] == made["id"])
            self.assertEqual(seen(admin)["supports"], 6)
            server.set_clock("2027-04-20T08:00:00Z")
            deadline = time.time() + 30
            while True:
                with server.db() as db:
                    held = db.execute("SELECT count(*) FROM remontee_supports WHERE remontee_id = ?",
                                      (made["id"],)).fetchone()[0]
                    author_id = db.execute("SELECT author_id FROM remontees WHERE id = ?", (made["id"],)).fetchone()[0]
                if held == 0 and author_id is None:
                    break
                self.assertLess(time.time(), deadline, "the retention job ran")
                time.sleep(0.2)
            admin = server.login(ADMIN)
            self.assertEqual(seen(admin)["supports"], 6)
            self.assertIsNone(seen(admin)["author_name"])
            events = admin.get("/api/v1/audit-events?site_id=1&limit=1000")[1]
            self.assertTrue(any(e["action"] == "retention" and "6 soutien(s)" in e["details"] for e in events), events[:5])
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
