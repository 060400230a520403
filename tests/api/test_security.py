# SPDX-License-Identifier: EUPL-1.2
"""Sessions and requests you can trust, over real HTTP: anti-CSRF tokens on cookie-borne
changes, no session fixation, idle and absolute session ends, login throttling with
backoff (1,000 bad passwords in a loop), security headers on every answer, and revocable,
scoped API tokens."""
import unittest

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
AGENT = "mathieu.garnier@pilote.escale.test"
PASSWORD = "escale-demo"
START = "2026-03-02T08:00:00Z"


def cookie_client(server, token, csrf=None):
    """A client that authenticates like a browser: by the session cookie, never by Bearer."""
    headers = {"Cookie": f"escale_session={token}"}
    if csrf is not None:
        headers["X-CSRF-Token"] = csrf
    return server.client(headers=headers)


def login_body(server, email=ADMIN, password=PASSWORD, headers=None):
    status, body, resp = server.client().request("POST", "/api/v1/auth/login",
                                                 {"email": email, "password": password}, headers=headers)
    return status, body, resp


class CsrfAndSessionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.server.set_clock(START)

    def login(self, email=ADMIN):
        status, body, resp = login_body(self.server, email)
        self.assertEqual(status, 200, body)
        return body

    def test_a_cookie_borne_change_needs_the_sessions_csrf_token(self):
        session = self.login()
        closure = {"site_id": 1, "date": "2026-08-14", "reason": "pont"}
        # What a page of another site can make a browser send: the cookie, no token.
        assert_error(self, cookie_client(self.server, session["token"]).post("/api/v1/closures", closure),
                     403, "csrf_token_invalid")
        wrong = cookie_client(self.server, session["token"], csrf="0" * 64)
        assert_error(self, wrong.post("/api/v1/closures", closure), 403, "csrf_token_invalid")
        other = self.login(AGENT)  # another session's token does not fit this one
        assert_error(self, cookie_client(self.server, session["token"], other["csrf_token"]).post("/api/v1/closures", closure),
                     403, "csrf_token_invalid")
        admin = self.server.client(session["token"])
        dates = [c["date"] for c in admin.get("/api/v1/closures?site_id=1")[1]]
        self.assertNotIn("2026-08-14", dates, "a refused request changed nothing")
        # Reads need no token; the token of the session makes the change go through.
        browser = cookie_client(self.server, session["token"], session["csrf_token"])
        self.assertEqual(cookie_client(self.server, session["token"]).get("/api/v1/me")[0], 200)
        status, made, _ = browser.post("/api/v1/closures", closure)
        self.assertEqual(status, 201, made)
        # A page that reloads finds the token again from its session.
        status, info, _ = cookie_client(self.server, session["token"]).get("/api/v1/auth/session")
        self.assertEqual((status, info["csrf_token"]), (200, session["csrf_token"]))
        self.assertEqual(browser.delete(f"/api/v1/closures/{made['id']}")[0], 204)
        # Logging out by cookie is a change too.
        assert_error(self, cookie_client(self.server, session["token"]).post("/api/v1/auth/logout"),
                     403, "csrf_token_invalid")
        self.assertEqual(browser.post("/api/v1/auth/logout")[0], 204)

    def test_a_login_cannot_be_forged_from_another_sites_form(self):
        # A cross-site <form enctype="text/plain"> can carry a JSON-looking body, not this type.
        body = '{"email": "admin@pilote.escale.test", "password": "escale-demo", "x": "="}'
        for ctype in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None]:
            with self.subTest(ctype=ctype):
                headers = {"Content-Type": ctype} if ctype else {}
                status, answer, resp = self.server.client().request("POST", "/api/v1/auth/login", raw=body.encode(),
                                                                     headers=headers)
                assert_error(self, (status, answer, resp), 400, "invalid_field")
                self.assertIsNone(resp.getheader("Set-Cookie"))

    def test_a_planted_session_is_never_adopted(self):
        # The attacker logs in, then plants their own session cookie in the victim's browser.
        attacker = self.login(AGENT)
        status, victim, resp = login_body(self.server, ADMIN, headers={"Cookie": f"escale_session={attacker['token']}"})
        self.assertEqual(status, 200, victim)
        self.assertNotEqual(victim["token"], attacker["token"], "a login always gets a new token")
        self.assertIn(f"escale_session={victim['token']};", resp.getheader("Set-Cookie"))
        # The planted session ended with the login: the attacker holds nothing of the victim's.
        assert_error(self, self.server.client(attacker["token"]).get("/api/v1/me"), 401, "unauthenticated")
        self.assertEqual(self.server.client(victim["token"]).get("/api/v1/me")[1]["email"], ADMIN)
        # A token the server never issued is refused, whatever its shape.
        for forged in ["0" * 64, "esk_" + "0" * 64, "x" * 129]:
            assert_error(self, self.server.client(forged).get("/api/v1/me"), 401, "unauthenticated")

    def test_sessions_end_after_two_idle_hours_and_twelve_hours_in_all(self):
        idle = self.server.client(self.login()["token"])
        busy = self.server.client(self.login()["token"])
        hour = 8
        for minutes in (50, 110):  # busy is used 1 h 50 after login, idle is not
            self.server.set_clock(f"2026-03-02T{hour + minutes // 60:02d}:{minutes % 60:02d}:00Z")
            self.assertEqual(busy.get("/api/v1/me")[0], 200)
        self.server.set_clock("2026-03-02T10:00:00Z")  # 2 h after login
        assert_error(self, idle.get("/api/v1/me"), 401, "session_expired")
        self.assertEqual(busy.get("/api/v1/me")[0], 200, "seen 10 minutes ago: still alive")
        # Used every 100 minutes, busy still ends 12 h after the login.
        for t in ["11:40", "13:20", "15:00", "16:40", "18:20", "19:59"]:
            self.server.set_clock(f"2026-03-02T{t}:00Z")
            self.assertEqual(busy.get("/api/v1/me")[0], 200, t)
        self.server.set_clock("2026-03-02T20:00:00Z")
        assert_error(self, busy.get("/api/v1/me"), 401, "session_expired")

    def test_security_headers_on_every_answer(self):
        admin = self.server.client(self.login()["token"])
        answers = [self.server.client().get("/"), self.server.client().get("/healthz"),
                   self.server.client().get("/api/v1/me"), admin.get("/api/v1/floors/1/plan"),
                   admin.get("/api/v1/nowhere"), admin.request("PUT", "/api/v1/me"),
                   login_body(self.server, ADMIN, "faux-mot-de-passe")]
        for status, _, resp in answers:
            with self.subTest(status=status):
                csp = resp.getheader("Content-Security-Policy")
                # Plans (issue 14, finding 8): sandboxed, and allowed to load nothing at all.
                self.assertRegex(csp, "default-src 'self'" if status != 200 or "sandbox" not in csp
                                 else "^sandbox; default-src 'none'")
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertIn("object-src 'none'", csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertNotIn("unsafe-eval", csp)
                self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff")
                self.assertEqual(resp.getheader("Referrer-Policy"), "no-referrer")
                self.assertEqual(resp.getheader("X-Frame-Options"), "DENY")
                self.assertEqual(resp.getheader("Cross-Origin-Opener-Policy"), "same-origin")
        status, _, resp = login_body(self.server)
        cookie = resp.getheader("Set-Cookie")
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"]:
            self.assertIn(attribute, cookie)
        self.assertNotIn("Secure", cookie, "plain http here; --secure-cookies adds it")


class SecureCookieTest(unittest.TestCase):
    def test_secure_cookies_flag(self):
        with Server(extra=["--secure-cookies"]) as server:
            status, body, resp = login_body(server)
            self.assertEqual(status, 200, body)
            self.assertIn("; Secure", resp.getheader("Set-Cookie"))


class ThrottleTest(unittest.TestCase):
    """Each case on its own server: locks are shared state."""

    def test_a_thousand_bad_passwords_lock_the_account_with_backoff(self):
        with Server() as server:
            answers = [login_body(server, AGENT, f"mauvais-{i}") for i in range(1000)]
            statuses = [a[0] for a in answers]
            self.assertEqual(statuses[:5], [401] * 5, "five free tries")
            self.assertGreaterEqual(statuses.count(429), 990, "then locked: refused without checking")
            self.assertEqual(set(statuses), {401, 429})
            locked = next(a for a in answers if a[0] == 429)
            self.assertEqual(locked[1]["error"]["code"], "too_many_attempts")
            self.assertGreaterEqual(int(locked[2].getheader("Retry-After")), 1)
            # The right password is refused too while the lock lasts...
            status, body, resp = login_body(server, AGENT)
            assert_error(self, (status, body, resp), 429, "too_many_attempts")
            # ...and works once it is over. Backoff: each new failure doubles the wait.
            waits = []
            t = 8 * 3600
            for _ in range(4):
                t += int(login_body(server, AGENT, "encore-faux")[2].getheader("Retry-After") or 0) + 1
                server.set_clock(f"2026-03-02T{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}Z")
                status, body, resp = login_body(server, AGENT, "toujours-faux")
                self.assertEqual(status, 401, body)
                waits.append(int(login_body(server, AGENT, "x")[2].getheader("Retry-After")))
            self.assertEqual(waits, sorted(waits), f"backoff never shrinks: {waits}")
            self.assertGreater(waits[-1], waits[0], waits)
            t += 16 * 60
            server.set_clock(f"2026-03-02T{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}Z")
            status, body, _ = login_body(server, AGENT)
            self.assertEqual(status, 200, body)
            # Success clears the account's count: five free tries again.
            self.assertEqual([login_body(server, AGENT, "faux")[0] for _ in range(5)], [401] * 5)
            # Another account is not locked by this one's failures.
            self.assertEqual(login_body(server, ADMIN)[0], 200)

    def test_an_address_behind_a_trusted_proxy_is_throttled_on_its_own(self):
        with Server(extra=["--trusted-proxy", "127.0.0.1"]) as server:
            sprayer = {"X-Forwarded-For": "198.51.100.1"}
            # 100 wrong passwords spread over 20 accounts (5 each: no account lock yet).
            statuses = [login_body(server, f"cible-{i // 5}@pilote.escale.test", "faux", headers=sprayer)[0]
                        for i in range(100)]
            self.assertEqual(set(statuses), {401})
            assert_error(self, login_body(server, ADMIN, headers=sprayer), 429, "too_many_attempts")
            # Someone else behind the same proxy is not locked out...
            self.assertEqual(login_body(server, ADMIN, headers={"X-Forwarded-For": "198.51.100.2"})[0], 200)
            # ...and a client cannot escape by prepending an address of its choice.
            spoof = {"X-Forwarded-For": "203.0.113.50, 198.51.100.1"}
            assert_error(self, login_body(server, ADMIN, headers=spoof), 429, "too_many_attempts")
        with Server() as server:  # no trusted proxy: the header is ignored, the socket counts
            for i in range(100):
                login_body(server, f"cible-{i // 5}@pilote.escale.test", "faux",
                           headers={"X-Forwarded-For": f"198.51.100.{i}"})
            assert_error(self, login_body(server, ADMIN, headers={"X-Forwarded-For": "192.0.2.1"}),
                         429, "too_many_attempts")

    def test_a_stranger_cannot_lock_the_owner_out(self):
        # Issue 14, finding 4: the lock stops guessing from where the guesses come from; the
        # break-glass administrator still gets in from elsewhere.
        with Server(extra=["--trusted-proxy", "127.0.0.1"]) as server:
            stranger = {"X-Forwarded-For": "198.51.100.7"}
            statuses = [login_body(server, ADMIN, f"devine-{i}", headers=stranger)[0] for i in range(10)]
            self.assertEqual(statuses, [401] * 5 + [429] * 5)
            # The stranger stays locked, even with the right password...
            assert_error(self, login_body(server, ADMIN, headers=stranger), 429, "too_many_attempts")
            # ...while the owner, from their own address, logs in.
            status, body, _ = login_body(server, ADMIN, headers={"X-Forwarded-For": "203.0.113.9"})
            self.assertEqual(status, 200, body)
            # The owner's success does not lift the stranger's lock.
            assert_error(self, login_body(server, ADMIN, "encore", headers=stranger), 429, "too_many_attempts")

    def test_an_unknown_account_is_throttled_like_a_known_one(self):
        with Server() as server:
            statuses = [login_body(server, "personne@pilote.escale.test", "x")[0] for _ in range(8)]
            self.assertEqual(statuses, [401] * 5 + [429] * 3)


class ApiTokenTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def make(self, body):
        status, made, _ = self.admin.post("/api/v1/me/api-tokens", body)
        self.assertEqual(status, 201, made)
        self.assertRegex(made["token"], r"^esk_[0-9a-f]{64}$")
        return made

    def test_a_read_only_token_reads_and_writes_nothing(self):
        made = self.make({"name": "écran du hall"})
        self.assertTrue(made["read_only"])
        token = self.server.client(made["token"])
        self.assertEqual(token.get("/api/v1/sites/1")[0], 200)
        self.assertEqual(token.get("/api/v1/me")[1]["email"], ADMIN)
        assert_error(self, token.post("/api/v1/closures", {"site_id": 1, "date": "2026-09-01"}), 403, "read_only_token")
        assert_error(self, token.patch("/api/v1/sites/1", {"name": "x"}), 403, "read_only_token")
        # Tokens do not mint tokens, even writing ones.
        writer = self.server.client(self.make({"name": "export", "read_only": False})["token"])
        assert_error(self, writer.post("/api/v1/me/api-tokens", {"name": "fils"}), 403, "forbidden")
        assert_error(self, writer.get("/api/v1/me/api-tokens"), 403, "forbidden")
        status, made_closure, _ = writer.post("/api/v1/closures", {"site_id": 1, "date": "2026-09-02"})
        self.assertEqual(status, 201, made_closure)

    def test_a_token_acts_with_its_owners_rights_only(self):
        agent = self.server.login(AGENT)
        status, made, _ = agent.post("/api/v1/me/api-tokens", {"name": "script", "read_only": False})
        self.assertEqual(status, 201, made)
        token = self.server.client(made["token"])
        assert_error(self, token.get("/api/v1/residents"), 403, "forbidden")
        assert_error(self, token.post("/api/v1/closures", {"site_id": 1, "date": "2026-09-03"}), 403, "forbidden")
        # Nobody else sees or revokes it.
        self.assertNotIn(made["id"], [t["id"] for t in self.admin.get("/api/v1/me/api-tokens")[1]])
        assert_error(self, self.admin.delete(f"/api/v1/me/api-tokens/{made['id']}"), 404, "not_found")

    def test_revocation_and_expiry_end_a_token_at_once(self):
        made = self.make({"name": "temporaire", "expires_at": "2026-03-02T09:00:00Z"})
        token = self.server.client(made["token"])
        listed = [t for t in self.admin.get("/api/v1/me/api-tokens")[1] if t["id"] == made["id"]]
        self.assertEqual(listed, [{k: made[k] for k in made if k != "token"}], "the secret is never shown again")
        self.assertEqual(token.get("/api/v1/me")[0], 200)
        self.server.set_clock("2026-03-02T09:00:00Z")
        try:
            assert_error(self, token.get("/api/v1/me"), 401, "unauthenticated")
        finally:
            self.server.set_clock(START)
        kept = self.server.client(self.make({"name": "à révoquer"})["token"])
        revoked = [t["id"] for t in self.admin.get("/api/v1/me/api-tokens")[1] if t["name"] == "à révoquer"][0]
        self.assertEqual(kept.get("/api/v1/me")[0], 200)
        self.assertEqual(self.admin.delete(f"/api/v1/me/api-tokens/{revoked}")[0], 204)
        assert_error(self, kept.get("/api/v1/me"), 401, "unauthenticated")
        assert_error(self, self.admin.delete(f"/api/v1/me/api-tokens/{revoked}"), 404, "not_found")

    def test_bad_token_requests(self):
        for body, code in [({}, "missing_field"), ({"name": ""}, "missing_field"), ({"name": "x" * 201}, "invalid_field"),
                           ({"name": "x", "read_only": "oui"}, "invalid_field"),
                           ({"name": "x", "expires_at": "2020-01-01T00:00:00Z"}, "invalid_field"),
                           ({"name": "x", "expires_at": "demain"}, "invalid_field"),
                           ({"name": "x", "scope": "tout"}, "unknown_field")]:
            with self.subTest(body=body):
                assert_error(self, self.admin.post("/api/v1/me/api-tokens", body), 400, code)


if __name__ == "__main__":
    unittest.main()
