# SPDX-License-Identifier: EUPL-1.2
"""Changing one's own password and resetting someone else's, over HTTP: the current password
is required (and counted by the login throttling), the policy applies, the other sessions end
and the current one stays, a reset ends every session, who may reset whom, and the audit lines,
which never hold a password."""
import itertools
import unittest

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"
FIRST = "premier-mot-de-passe-solide"
SECOND = "seconde-phrase-de-passe-neuve"
THIRD = "troisieme-phrase-bien-longue"


def change(client, current, new):
    return client.post("/api/v1/me/password", {"current_password": current, "new_password": new})


def reset(client, resident_id, new):
    return client.request("PUT", f"/api/v1/residents/{resident_id}/password", {"new_password": new})


def login_status(server, email, password):
    return server.client().post("/api/v1/auth/login", {"email": email, "password": password})[0]


class PasswordsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        cls.referent = cls.server.login(REFERENT)
        cls.service = cls.referent.get("/api/v1/me")[1]["service_id"]
        cls.counter = itertools.count(1)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def person(self, password=FIRST, site=1, service="referent's"):
        """A fresh agent (of the référent's service on site 1 by default); returns (id, email)."""
        n = next(self.counter)
        email = f"mdp-{n}@pilote.escale.test"
        body = {"site_id": site, "service_id": self.service if service == "referent's" else service,
                "email": email, "display_name": f"Personne {n}"}
        if password:
            body["password"] = password
        status, made, _ = self.admin.post("/api/v1/residents", body)
        self.assertEqual(status, 201, made)
        return made["id"], email

    def assert_alive(self, *clients):
        for c in clients:
            self.assertEqual(c.get("/api/v1/me")[0], 200)

    def assert_ended(self, *clients):
        for c in clients:
            assert_error(self, c.get("/api/v1/me"), 401, "unauthenticated")

    # ---- changing one's own --------------------------------------------------------------

    def test_the_current_password_is_required_and_a_wrong_one_changes_nothing(self):
        _, email = self.person()
        here, other = self.server.login(email, FIRST), self.server.login(email, FIRST)
        assert_error(self, change(here, "pas-le-bon-mot-de-passe", SECOND), 400, "wrong_current_password")
        assert_error(self, here.post("/api/v1/me/password", {"new_password": SECOND}), 400, "missing_field")
        assert_error(self, here.post("/api/v1/me/password", {"current_password": FIRST}), 400, "missing_field")
        assert_error(self, here.post("/api/v1/me/password", {"current_password": FIRST, "new_password": SECOND,
                                                             "confirm": SECOND}), 400, "unknown_field")
        assert_error(self, here.post("/api/v1/me/password", {"current_password": 12, "new_password": SECOND}),
                     400, "invalid_field")
        self.assert_alive(here, other)
        self.assertEqual(login_status(self.server, email, FIRST), 200)
        self.assertEqual(login_status(self.server, email, SECOND), 401)

    def test_the_new_password_follows_the_policy(self):
        _, email = self.person()
        here = self.server.login(email, FIRST)
        for weak in ["court", "onze-caract", "MotDePasse123", "qsdfghjklmqsdf", "aaaaaaaaaaaaaaaa"]:
            with self.subTest(weak=weak):
                assert_error(self, change(here, FIRST, weak), 400, "weak_password")
        assert_error(self, change(here, FIRST, FIRST), 400, "same_password")
        self.assertEqual(login_status(self.server, email, FIRST), 200)

    def test_a_change_ends_the_other_sessions_keeps_this_one_and_the_api_tokens(self):
        _, email = self.person()
        here, phone, laptop = (self.server.login(email, FIRST) for _ in range(3))
        status, token, _ = here.post("/api/v1/me/api-tokens", {"name": "écran du hall"})
        self.assertEqual(status, 201, token)
        status, done, _ = change(here, FIRST, SECOND)
        self.assertEqual(status, 200, done)
        self.assertEqual(done, {"sessions_ended": 2, "api_tokens_kept": 1})
        self.assert_alive(here)
        self.assert_ended(phone, laptop)
        self.assertEqual(self.server.client(token["token"]).get("/api/v1/me")[0], 200, "API tokens stay")
        self.assertEqual(login_status(self.server, email, SECOND), 200, "the new one works")
        assert_error(self, self.server.client().post("/api/v1/auth/login", {"email": email, "password": FIRST}),
                     401, "bad_credentials")

    def test_a_change_from_a_cookie_session_keeps_that_session(self):
        _, email = self.person()
        status, body, _ = self.server.client().post("/api/v1/auth/login", {"email": email, "password": FIRST})
        self.assertEqual(status, 200, body)
        browser = self.server.client(headers={"Cookie": "escale_session=" + body["token"]})
        other = self.server.login(email, FIRST)
        assert_error(self, change(browser, FIRST, SECOND), 403, "csrf_token_invalid")
        browser.headers["X-CSRF-Token"] = body["csrf_token"]
        status, done, _ = change(browser, FIRST, SECOND)
        self.assertEqual((status, done["sessions_ended"]), (200, 1), done)
        self.assert_alive(browser)
        self.assert_ended(other)

    def test_an_api_token_cannot_change_the_password(self):
        _, email = self.person()
        here = self.server.login(email, FIRST)
        status, token, _ = here.post("/api/v1/me/api-tokens", {"name": "script", "read_only": False})
        self.assertEqual(status, 201, token)
        assert_error(self, change(self.server.client(token["token"]), FIRST, SECOND), 403, "forbidden")
        self.assertEqual(login_status(self.server, email, FIRST), 200)

    # ---- resetting someone else's --------------------------------------------------------

    def test_a_gestionnaire_resets_a_password_and_every_session_of_the_person_ends(self):
        person, email = self.person()
        sessions = [self.server.login(email, FIRST) for _ in range(2)]
        status, done, _ = reset(self.gestionnaire, person, SECOND)
        self.assertEqual(status, 200, done)
        self.assertEqual(done, {"sessions_ended": 2, "api_tokens_kept": 0})
        self.assert_ended(*sessions)
        self.assert_alive(self.gestionnaire)
        self.assertEqual(login_status(self.server, email, FIRST), 401)
        self.assertEqual(login_status(self.server, email, SECOND), 200)
        # An administrator too; the policy applies to a reset as well.
        assert_error(self, reset(self.admin, person, "MotDePasse123"), 400, "weak_password")
        self.assertEqual(reset(self.admin, person, THIRD)[0], 200)
        self.assertEqual(login_status(self.server, email, THIRD), 200)

    def test_who_may_not_reset_a_password(self):
        person, email = self.person()
        _, agent_email = self.person()
        agent = self.server.login(agent_email, FIRST)
        victim_session = self.server.login(email, FIRST)
        site_b = self.admin.post("/api/v1/sites", {"name": "Site B — mots de passe"})[1]["id"]
        service_b = self.admin.post("/api/v1/services", {"site_id": site_b, "code": "MB", "name": "Service B"})[1]["id"]
        status, _, _ = self.admin.post("/api/v1/residents", {
            "site_id": site_b, "service_id": service_b, "email": "gestion-b@pilote.escale.test",
            "display_name": "Gestion B", "role": "gestionnaire", "password": FIRST})
        self.assertEqual(status, 201)
        other_gestionnaire = self.server.login("gestion-b@pilote.escale.test", FIRST)
        assert_error(self, reset(agent, person, SECOND), 403, "forbidden")
        # A référent manages the plain agents of their service, not their credentials.
        assert_error(self, reset(self.referent, person, SECOND), 403, "forbidden")
        # Out of their reach, the person answers as an unknown id does (issue 14, finding 5).
        assert_error(self, reset(other_gestionnaire, person, SECOND), 404, "not_found")
        assert_error(self, reset(self.gestionnaire, 1, SECOND), 403, "forbidden")  # the administrator
        assert_error(self, reset(self.server.client(), person, SECOND), 401, "unauthenticated")
        gestionnaire_id = self.gestionnaire.get("/api/v1/me")[1]["id"]
        assert_error(self, reset(self.gestionnaire, gestionnaire_id, SECOND), 422, "own_password_reset")
        assert_error(self, reset(self.gestionnaire, 999999, SECOND), 404, "not_found")
        assert_error(self, reset(self.gestionnaire, "abc", SECOND), 400, "invalid_field")
        self.assert_alive(victim_session)
        self.assertEqual(login_status(self.server, email, FIRST), 200, "nothing changed")

    def test_a_person_without_a_local_password_gets_none_by_a_reset(self):
        person, email = self.person(password=None)
        assert_error(self, reset(self.gestionnaire, person, SECOND), 422, "no_local_password")
        self.assertEqual(login_status(self.server, email, SECOND), 401)

    # ---- the audit log -------------------------------------------------------------------

    def test_changes_and_resets_are_in_the_audit_log_without_the_password(self):
        person, email = self.person()
        here, _other = self.server.login(email, FIRST), self.server.login(email, FIRST)
        self.assertEqual(change(here, FIRST, SECOND)[0], 200)
        self.assertEqual(reset(self.gestionnaire, person, THIRD)[0], 200)
        gestionnaire_id = self.gestionnaire.get("/api/v1/me")[1]["id"]
        status, events, _ = self.gestionnaire.get("/api/v1/audit-events?site_id=1&limit=1000")
        self.assertEqual(status, 200, events)
        mine = [(e["action"], e["object"], e["object_id"], e["actor_id"], e["on_behalf_of"], e["details"])
                for e in events if e["object_id"] == person and e["action"] in ("change_password", "reset_password")]
        self.assertEqual(mine, [
            ("reset_password", "residents", person, gestionnaire_id, person, "sessions fermées : 1"),
            ("change_password", "residents", person, person, None, "autres sessions fermées : 1"),
        ])
        status, csv, _ = self.gestionnaire.get("/api/v1/audit-events.csv?site_id=1")
        self.assertEqual(status, 200)
        everything = str(events) + csv.decode("utf-8")
        with self.server.db() as db:
            everything += str(db.execute("SELECT * FROM audit_events").fetchall())
            stored = db.execute("SELECT password_hash FROM credentials WHERE resident_id = ?", (person,)).fetchone()[0]
        self.assertTrue(stored.startswith("$argon2id$"), "only a hash is stored")
        for secret in [FIRST, SECOND, THIRD, stored]:
            self.assertNotIn(secret, everything)


class ThrottleTest(unittest.TestCase):
    """On a server of its own: locks are shared state."""

    def test_failed_current_password_checks_count_as_failed_logins(self):
        with Server() as server:
            admin = server.login(ADMIN)
            email = "verrou@pilote.escale.test"
            status, made, _ = admin.post("/api/v1/residents", {"site_id": 1, "email": email,
                                                                "display_name": "Verrou", "password": FIRST})
            self.assertEqual(status, 201, made)
            here = server.login(email, FIRST)
            # Two failed logins and three failed checks: the account's five free failures, the
            # fifth of which locks it (the test clock stands still): the right password is then
            # refused unchecked, by the change and by the login alike.
            self.assertEqual([login_status(server, email, "faux") for _ in range(2)], [401, 401])
            for i in range(3):
                assert_error(self, change(here, f"encore-faux-{i}", SECOND), 400, "wrong_current_password")
            status, body, resp = change(here, FIRST, SECOND)
            assert_error(self, (status, body, resp), 429, "too_many_attempts")
            self.assertGreaterEqual(int(resp.getheader("Retry-After")), 1)
            self.assertEqual(login_status(server, email, FIRST), 429)
            server.set_clock("2026-03-02T08:16:00Z")  # the lock (at most 15 min) is over
            status, done, _ = change(here, FIRST, SECOND)
            self.assertEqual(status, 200, done)
            # A success clears the account's count, as a login does: four more failures do not lock it.
            self.assertEqual([login_status(server, email, "faux") for _ in range(4)], [401] * 4)
            self.assertEqual(login_status(server, email, SECOND), 200)


class HashCostTest(unittest.TestCase):
    """The tests' servers hash at libsodium's minimum (--test-cheap-passwords, escale_server.py);
    a server started as an operator starts it hashes at the production cost: argon2id, 64 MiB,
    2 passes (app/identity/passwords.hpp), and every login reads the cost from the stored hash."""

    def test_passwords_are_hashed_at_the_production_cost_without_the_test_flag(self):
        for real, cost in ((True, "$argon2id$v=19$m=65536,t=2,p=1$"), (False, "$argon2id$v=19$m=8,t=1,p=1$")):
            with self.subTest(real_passwords=real), Server(real_passwords=real) as server:
                admin = server.login(ADMIN)  # a demo account's hash, made at the server's start
                status, made, _ = admin.post("/api/v1/residents", {"site_id": 1, "email": "cout@pilote.escale.test",
                                                                    "display_name": "Coût", "password": FIRST})
                self.assertEqual(status, 201, made)
                self.assertEqual(login_status(server, "cout@pilote.escale.test", FIRST), 200)
                with server.db() as db:
                    hashes = [r[0] for r in db.execute("SELECT password_hash FROM credentials")]
                self.assertGreater(len(hashes), 30)
                self.assertEqual({h[:len(cost)] for h in hashes}, {cost})


if __name__ == "__main__":
    unittest.main()
