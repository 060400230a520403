# SPDX-License-Identifier: EUPL-1.2
"""OpenID Connect login end to end, against a real provider: the npm package oidc-provider
(tests/oidc/provider.mjs) on 127.0.0.1, driven through the real redirects by a small
cookie-keeping HTTP client. Escale runs on the real clock here (the provider's tokens carry
real instants), with --oidc-* options pointing at the provider.

Needs `npm ci` in tests/oidc (scripts/install-deps.sh does it)."""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

from escale_server import Server, assert_error

OIDC_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oidc"))
SECRET = "escale-test-client-secret-0123456789"
CALLBACK = "/api/v1/auth/oidc/callback"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Provider:
    """tests/oidc/provider.mjs running on a free loopback port."""

    def __init__(self, redirect_uri, post_logout_uri):
        if not os.path.isdir(os.path.join(OIDC_DIR, "node_modules", "oidc-provider")):
            raise RuntimeError("tests/oidc/node_modules is missing: run scripts/install-deps.sh (npm ci)")
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not installed: run scripts/install-deps.sh")
        self.proc = subprocess.Popen([node, "provider.mjs", "--redirect-uri", redirect_uri, "--post-logout-uri",
                                      post_logout_uri, "--client-secret", SECRET],
                                     cwd=OIDC_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the OpenID provider did not start: " + self.proc.stderr.read())
        self.issuer = json.loads(line)["issuer"]
        self.port = int(self.issuer.rsplit(":", 1)[1])
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def next_id_token(self, mode):
        """The next token response carries an ID token altered by `mode`."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("POST", "/__control/next-id-token", body=json.dumps({"mode": mode}),
                     headers={"Content-Type": "application/json"})
        assert conn.getresponse().status == 200
        conn.close()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Browser:
    """Plain HTTP with a cookie jar shared by every 127.0.0.1 port (as browsers do), and
    redirects followed by hand so each step can be looked at."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, form=None):
        u = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, u.path + ("?" + u.query if u.query else ""), body=body, headers=headers)
        resp = conn.getresponse()
        payload = resp.read()
        for header in resp.msg.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            attrs = rest.lower()
            if "max-age=0" in attrs or "expires=thu, 01 jan 1970" in attrs or value == "":
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        conn.close()
        location = resp.getheader("Location")
        if location:
            location = urllib.parse.urljoin(url, location)
        return resp.status, location, payload.decode("utf-8", "replace"), resp

    def get(self, url):
        return self.request("GET", url)


def error_code_of(page):
    m = re.search(r'data-error-code="([a-z_]+)"', page)
    return m.group(1) if m else None


class OidcBase(unittest.TestCase):
    client_id = "escale"
    extra_args = []

    @classmethod
    def setUpClass(cls):
        cls.port = free_port()
        cls.base = f"http://127.0.0.1:{cls.port}"
        cls.provider = Provider(cls.base + CALLBACK, cls.base + "/")
        cls.secret_dir = tempfile.TemporaryDirectory(prefix="escale-oidc-")
        secret_file = os.path.join(cls.secret_dir.name, "secret")
        with open(secret_file, "w") as f:
            f.write(SECRET + "\n")
        try:
            cls.server = Server(test_clock=None, port=cls.port, extra=[
                "--oidc-issuer", cls.provider.issuer, "--oidc-client-id", cls.client_id,
                "--oidc-client-secret-file", secret_file, "--oidc-redirect-url", cls.base + CALLBACK,
                "--oidc-post-logout-url", cls.base + "/"] + cls.extra_args)
        except Exception:
            cls.provider.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.provider.stop()
        cls.secret_dir.cleanup()

    def session_count(self):
        with self.server.db() as db:
            return db.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def resident_count(self):
        with self.server.db() as db:
            return db.execute("SELECT count(*) FROM residents").fetchone()[0]

    def start(self, browser, return_to=None):
        """Escale's login route → the provider's authorization URL."""
        url = self.base + "/api/v1/auth/oidc/login" + ("?return_to=" + urllib.parse.quote(return_to) if return_to else "")
        status, location, page, _ = browser.get(url)
        self.assertEqual(status, 302, page)
        self.assertTrue(location.startswith(self.provider.issuer + "/auth?"), location)
        return location

    def authenticate_at_provider(self, browser, auth_url, email):
        """From the authorization URL to the provider's redirect to Escale's callback."""
        status, location, page, _ = browser.get(auth_url)
        self.assertIn(status, (302, 303), page)
        self.assertRegex(location, r"/interaction/[\w-]+$")
        status, _, page, _ = browser.get(location)
        self.assertEqual(status, 200, page)
        status, location, page, _ = browser.request("POST", location + "/login", form={"login": email})
        self.assertEqual(status, 303, page)
        for _ in range(5):  # resume, then the redirect to the client
            status, location, page, _ = browser.get(location)
            self.assertIn(status, (302, 303), page)
            if location.startswith(self.base + CALLBACK):
                return location
        self.fail("the provider never sent the browser back to Escale")

    def login(self, email, return_to=None):
        """A whole login; returns (browser, status, location, page) of Escale's callback answer."""
        browser = Browser()
        auth_url = self.start(browser, return_to)
        callback = self.authenticate_at_provider(browser, auth_url, email)
        status, location, page, _ = browser.get(callback)
        return browser, status, location, page, callback

    def assert_refused(self, status, page, expected_status, code):
        self.assertEqual(status, expected_status, page)
        self.assertEqual(error_code_of(page), code, page)
        self.assertIn("Connexion impossible", page)


class OidcLoginTest(OidcBase):
    def test_login_methods_offer_proconnect(self):
        # web app (issue 11): the login page shows the ProConnect button from this answer.
        status, methods, _ = self.server.client().get("/api/v1/auth/methods")
        self.assertEqual(status, 200, methods)
        self.assertEqual(methods, {"local": True, "oidc": {"label": "ProConnect", "login_url": "/api/v1/auth/oidc/login"}})

    def test_known_resident_logs_in_through_the_real_redirects(self):
        before = self.session_count()
        browser, status, location, page, _ = self.login("gestionnaire@pilote.escale.test", "/reservations?jour=lundi")
        self.assertEqual(status, 302, page)
        self.assertEqual(location, self.base + "/reservations?jour=lundi")
        token = browser.cookies.get("escale_session")
        self.assertTrue(token and len(token) == 64, browser.cookies)
        self.assertEqual(self.session_count(), before + 1)
        status, me, _ = self.server.client().get("/api/v1/me", headers={"Cookie": "escale_session=" + token})
        self.assertEqual(status, 200, me)
        self.assertEqual(me["email"], "gestionnaire@pilote.escale.test")
        self.assertEqual(me["role"], "gestionnaire")
        # The ID token is kept for the provider's logout, under the session's hash only.
        with self.server.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM oidc_sessions").fetchone()[0] >= 1, True)

    def test_authorization_request_is_pkce_with_long_random_state_and_nonce(self):
        auth_url = self.start(Browser())
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(auth_url).query))
        self.assertEqual(q["response_type"], "code")
        self.assertEqual(q["client_id"], self.client_id)
        self.assertEqual(q["code_challenge_method"], "S256")
        self.assertEqual(len(q["code_challenge"]), 43)
        self.assertGreaterEqual(len(q["state"]), 32)
        self.assertGreaterEqual(len(q["nonce"]), 32)
        self.assertNotEqual(q["state"], q["nonce"])
        self.assertEqual(q["scope"], "openid given_name usual_name email uid siret")
        again = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.start(Browser())).query))
        self.assertNotEqual(q["state"], again["state"])
        with self.server.db() as db:  # only a hash of the state is stored
            self.assertIsNone(db.execute("SELECT 1 FROM oidc_pending_logins WHERE state_hash = ?", (q["state"],)).fetchone())

    def test_return_path_must_be_same_site(self):
        for bad in ["https://evil.example/", "//evil.example/x", "/\\evil.example"]:
            with self.subTest(return_to=bad):
                status, _, page, _ = Browser().get(self.base + "/api/v1/auth/oidc/login?return_to=" + urllib.parse.quote(bad))
                self.assert_refused(status, page, 400, "oidc_bad_return_path")

    def test_unknown_email_is_refused_with_a_clear_page(self):
        sessions, residents = self.session_count(), self.resident_count()
        browser, status, _, page, _ = self.login("personne.inconnue@interieur.gouv.fr")
        self.assert_refused(status, page, 403, "oidc_unknown_email")
        self.assertIn("personne.inconnue@interieur.gouv.fr", page)
        self.assertIn("gestionnaire", page)
        self.assertNotIn("escale_session", browser.cookies)
        self.assertEqual(self.session_count(), sessions)
        self.assertEqual(self.resident_count(), residents)

    def test_replayed_state_is_refused(self):
        browser, status, _, page, callback = self.login("gestionnaire@pilote.escale.test")
        self.assertEqual(status, 302, page)
        sessions = self.session_count()
        self.assertNotIn("escale_oidc_state", browser.cookies, "the state cookie is dropped once used")
        # Even with the state's cookie put back, a used state never serves again.
        state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(callback).query))["state"]
        browser.cookies["escale_oidc_state"] = state
        status, _, page, _ = browser.get(callback)
        self.assert_refused(status, page, 400, "oidc_unknown_state")
        self.assertEqual(self.session_count(), sessions)

    def test_a_login_started_in_another_browser_is_refused(self):
        # Login forgery: the attacker starts a login, authenticates as themself and pushes
        # the callback address to the victim's browser, which never started that login.
        attacker = Browser()
        callback = self.authenticate_at_provider(attacker, self.start(attacker), "gestionnaire@pilote.escale.test")
        sessions = self.session_count()
        victim = Browser()
        status, _, page, _ = victim.get(callback)
        self.assert_refused(status, page, 403, "oidc_foreign_state")
        self.assertEqual(self.session_count(), sessions)
        self.assertNotIn("escale_session", victim.cookies)

    def test_missing_or_unknown_state_is_refused(self):
        sessions = self.session_count()
        browser = Browser()
        callback = self.authenticate_at_provider(browser, self.start(browser), "gestionnaire@pilote.escale.test")
        parts = urllib.parse.urlsplit(callback)
        q = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "state"]
        status, _, page, _ = browser.get(self.base + CALLBACK + "?" + urllib.parse.urlencode(q))
        self.assert_refused(status, page, 400, "oidc_missing_state")
        status, _, page, _ = browser.get(self.base + CALLBACK + "?" + urllib.parse.urlencode(q + [("state", "x" * 64)]))
        self.assert_refused(status, page, 403, "oidc_foreign_state")
        browser.cookies["escale_oidc_state"] = "x" * 64  # a made-up state, even in the cookie
        status, _, page, _ = browser.get(self.base + CALLBACK + "?" + urllib.parse.urlencode(q + [("state", "x" * 64)]))
        self.assert_refused(status, page, 400, "oidc_unknown_state")
        self.assertEqual(self.session_count(), sessions)
        self.assertNotIn("escale_session", browser.cookies)

    def altered_login_is_refused(self, mode, code):
        sessions = self.session_count()
        self.provider.next_id_token(mode)
        browser, status, _, page, _ = self.login("gestionnaire@pilote.escale.test")
        self.assert_refused(status, page, 401, code)
        self.assertNotIn("escale_session", browser.cookies)
        self.assertEqual(self.session_count(), sessions)

    def test_tampered_id_token_is_refused(self):
        self.altered_login_is_refused("tamper", "oidc_bad_signature")

    def test_id_token_for_another_audience_is_refused(self):
        self.altered_login_is_refused("wrong_aud", "oidc_wrong_audience")

    def test_expired_id_token_is_refused(self):
        self.altered_login_is_refused("expired", "oidc_expired")

    def test_id_token_with_another_nonce_is_refused(self):
        self.altered_login_is_refused("wrong_nonce", "oidc_bad_nonce")

    def test_logout_goes_to_the_provider_end_session_endpoint(self):
        browser, status, _, page, _ = self.login("gestionnaire@pilote.escale.test")
        self.assertEqual(status, 302, page)
        token = browser.cookies["escale_session"]
        c = self.server.client(headers={"Cookie": "escale_session=" + token})
        # A page of the app finds its anti-CSRF token in its session, and sends it with the logout.
        csrf = c.get("/api/v1/auth/session")[1]["csrf_token"]
        status, body, resp = c.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
        self.assertEqual(status, 200, body)
        self.assertIn("Max-Age=0", resp.getheader("Set-Cookie"))
        url = urllib.parse.urlsplit(body["end_session_url"])
        self.assertEqual(f"{url.scheme}://{url.netloc}{url.path}", self.provider.issuer + "/session/end")
        q = dict(urllib.parse.parse_qsl(url.query))
        self.assertEqual(q["post_logout_redirect_uri"], self.base + "/")
        self.assertEqual(q["client_id"], self.client_id)
        self.assertEqual(q["id_token_hint"].count("."), 2)
        # The Escale session is over.
        assert_error(self, self.server.client().get("/api/v1/me", headers={"Cookie": "escale_session=" + token}),
                     401, "unauthenticated")
        with self.server.db() as db:
            self.assertEqual(db.execute("SELECT count(*) FROM oidc_sessions WHERE id_token = ?",
                                        (q["id_token_hint"],)).fetchone()[0], 0)
        # The provider accepts the hint and offers to end its own session.
        status, _, page, _ = browser.get(body["end_session_url"])
        self.assertEqual(status, 200, page)
        self.assertIn("logout", page.lower())

    def test_local_logout_stays_local(self):
        c = self.server.login("admin@pilote.escale.test")
        status, body, _ = c.post("/api/v1/auth/logout")
        self.assertEqual(status, 204, body)

    def test_local_accounts_still_work(self):
        self.assertEqual(self.server.login("admin@pilote.escale.test").get("/api/v1/me")[0], 200)


class OidcLoginFloodTest(OidcBase):
    """The login route is open to anyone: logins in progress are bounded."""
    extra_args = ["--oidc-max-pending-logins", "3"]

    def pending_count(self):
        with self.server.db() as db:
            return db.execute("SELECT count(*) FROM oidc_pending_logins").fetchone()[0]

    def test_logins_in_progress_are_bounded_and_a_finished_one_frees_its_place(self):
        browsers = [Browser() for _ in range(3)]
        urls = [self.start(b) for b in browsers]
        self.assertEqual(self.pending_count(), 3)
        status, _, page, _ = Browser().get(self.base + "/api/v1/auth/oidc/login")
        self.assert_refused(status, page, 503, "oidc_too_many_logins")
        self.assertEqual(self.pending_count(), 3, "nothing stored for the refused one")
        callback = self.authenticate_at_provider(browsers[0], urls[0], "gestionnaire@pilote.escale.test")
        status, _, page, _ = browsers[0].get(callback)
        self.assertEqual(status, 302, page)
        self.start(Browser())  # the finished login's place is free again
        self.assertEqual(self.pending_count(), 3)


class OidcSelfRegistrationTest(OidcBase):
    """The plainer client: ID token ES256, userinfo as JSON; and a site that registers
    unknown people into one of its services."""
    client_id = "escale-json"

    def test_unknown_email_registers_into_the_site_service_when_allowed(self):
        admin = self.server.login("admin@pilote.escale.test")
        status, services, _ = admin.get("/api/v1/services?site_id=1")
        self.assertEqual(status, 200, services)
        service = services[0]
        status, site, _ = admin.patch("/api/v1/sites/1", {"oidc_self_registration_service_id": service["id"]})
        self.assertEqual(status, 200, site)
        self.assertEqual(site["oidc_self_registration_service_id"], service["id"])
        try:
            residents = self.resident_count()
            browser, status, location, page, _ = self.login("nora.arrivee@interieur.gouv.fr")
            self.assertEqual(status, 302, page)
            self.assertEqual(location, self.base + "/")
            status, me, _ = self.server.client().get(
                "/api/v1/me", headers={"Cookie": "escale_session=" + browser.cookies["escale_session"]})
            self.assertEqual(status, 200, me)
            self.assertEqual(me["email"], "nora.arrivee@interieur.gouv.fr")
            self.assertEqual(me["display_name"], "Nora Arrivée")
            self.assertEqual(me["service_id"], service["id"])
            self.assertEqual(me["site_id"], 1)
            self.assertEqual(me["role"], "agent")
            self.assertEqual(self.resident_count(), residents + 1)
            # The second login finds the same resident.
            _, status, _, page, _ = self.login("nora.arrivee@interieur.gouv.fr")
            self.assertEqual(status, 302, page)
            self.assertEqual(self.resident_count(), residents + 1)
        finally:
            status, site, _ = admin.patch("/api/v1/sites/1", {"oidc_self_registration_service_id": None})
            self.assertEqual(status, 200, site)
        _, status, _, page, _ = self.login("personne.inconnue@interieur.gouv.fr")
        self.assert_refused(status, page, 403, "oidc_unknown_email")

    def test_self_registration_service_must_belong_to_the_site(self):
        admin = self.server.login("admin@pilote.escale.test")
        assert_error(self, admin.patch("/api/v1/sites/1", {"oidc_self_registration_service_id": 999999}),
                     422, "unknown_reference")

    def test_known_resident_logs_in_with_es256_and_json_userinfo(self):
        browser, status, _, page, _ = self.login("gestionnaire@pilote.escale.test")
        self.assertEqual(status, 302, page)
        self.assertIn("escale_session", browser.cookies)


class OidcDisabledTest(unittest.TestCase):
    def test_routes_answer_404_without_an_issuer(self):
        with Server() as server:
            for path in ["/api/v1/auth/oidc/login", CALLBACK + "?code=x&state=y"]:
                with self.subTest(path=path):
                    status, page, _ = server.client().get(path)
                    self.assertEqual(status, 404)
                    page = page.decode()
                    self.assertEqual(error_code_of(page), "oidc_disabled")
                    self.assertIn("ProConnect", page)

    def test_plain_http_issuer_off_loopback_is_refused_at_start(self):
        with self.assertRaises(RuntimeError):
            Server(extra=["--oidc-issuer", "http://proconnect.example", "--oidc-client-id", "x",
                          "--oidc-redirect-url", "https://escale.example/api/v1/auth/oidc/callback"])


if __name__ == "__main__":
    unittest.main()
