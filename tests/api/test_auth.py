# SPDX-License-Identifier: EUPL-1.2
"""Login, sessions, logout, and that every API route needs a session."""
import unittest

from escale_server import Server, assert_error


class AuthTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_login_returns_token_cookie_and_resident(self):
        c = self.server.client()
        status, body, resp = c.post("/api/v1/auth/login", {"email": "Admin@Pilote.escale.test ", "password": "escale-demo"})
        self.assertEqual(status, 200, body)
        self.assertEqual(len(body["token"]), 64)
        self.assertEqual(body["resident"]["email"], "admin@pilote.escale.test")
        self.assertEqual(body["resident"]["role"], "admin")
        cookie = resp.getheader("Set-Cookie")
        self.assertIn("escale_session=" + body["token"], cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)

    def test_wrong_password_and_unknown_email_look_the_same(self):
        c = self.server.client()
        assert_error(self, c.post("/api/v1/auth/login", {"email": "admin@pilote.escale.test", "password": "nope"}), 401, "bad_credentials")
        assert_error(self, c.post("/api/v1/auth/login", {"email": "personne@pilote.escale.test", "password": "nope"}), 401, "bad_credentials")
        assert_error(self, c.post("/api/v1/auth/login", {"email": "admin@pilote.escale.test"}), 400, "missing_field")
        assert_error(self, c.post("/api/v1/auth/login", {"email": 12, "password": "x"}), 400, "invalid_field")

    def test_me_with_bearer_and_with_cookie(self):
        c = self.server.login("gestionnaire@pilote.escale.test")
        status, me, _ = c.get("/api/v1/me")
        self.assertEqual(status, 200)
        self.assertEqual(me["role"], "gestionnaire")
        raw = self.server.client()
        status, me2, _ = raw.get("/api/v1/me", headers={"Cookie": "theme=dark; escale_session=" + c.token})
        self.assertEqual(status, 200)
        self.assertEqual(me2["id"], me["id"])

    def test_logout_ends_the_session_server_side(self):
        c = self.server.login("admin@pilote.escale.test")
        token = c.token
        status, _, resp = c.post("/api/v1/auth/logout")
        self.assertEqual(status, 204)
        self.assertIn("Max-Age=0", resp.getheader("Set-Cookie"))
        assert_error(self, self.server.client(token).get("/api/v1/me"), 401, "unauthenticated")

    def test_session_expires(self):
        c = self.server.login("admin@pilote.escale.test")
        self.assertEqual(c.get("/api/v1/me")[0], 200)
        self.server.set_clock("2026-03-02T20:00:01Z")  # 12 h after the test start
        try:
            assert_error(self, c.get("/api/v1/me"), 401, "session_expired")
        finally:
            self.server.set_clock("2026-03-02T08:00:00Z")

    def test_every_api_route_but_login_requires_a_session(self):
        anon = self.server.client()
        for method, path in [("GET", "/api/v1/me"), ("GET", "/api/v1/sites"), ("GET", "/api/v1/sites/1"),
                             ("GET", "/api/v1/floors/1/availability?date=2026-03-04"),
                             ("POST", "/api/v1/desk-bookings"), ("GET", "/api/v1/me/desk-bookings"),
                             ("DELETE", "/api/v1/desk-bookings/1"), ("GET", "/api/v1/residents"),
                             ("POST", "/api/v1/desks"), ("PATCH", "/api/v1/desks/1"), ("DELETE", "/api/v1/desks/1")]:
            with self.subTest(method=method, path=path):
                assert_error(self, anon.request(method, path), 401, "unauthenticated")
        assert_error(self, self.server.client("f" * 64).get("/api/v1/me"), 401, "unauthenticated")
        self.assertEqual(anon.get("/healthz")[0], 200)
        self.assertEqual(anon.get("/readyz")[0], 200)
        self.assertEqual(anon.get("/api/v1/openapi.json")[0], 200)

    def test_security_headers_on_every_answer(self):
        for path in ["/healthz", "/api/v1/me", "/nowhere"]:
            _, _, resp = self.server.client().get(path)
            self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff")
            self.assertIn("frame-ancestors 'none'", resp.getheader("Content-Security-Policy"))


if __name__ == "__main__":
    unittest.main()
