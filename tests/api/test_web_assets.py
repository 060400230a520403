# SPDX-License-Identifier: EUPL-1.2
"""How `escale serve` serves the built web app (src/http/static_files): pre-compressed
variants chosen by Accept-Encoding, cache lifetimes, the app's addresses answered with
index.html on a reload, 404 for a missing asset, the strict CSP kept, nothing served from
outside the folder loaded at start, and the public list of login methods.

The web root is a small folder written by the test (index.html, a hashed script with its
.gz and .br), so these tests need no Node.js; tests/web checks the real app in a browser.
Raw requests go through http.client (standard library), as a browser would send them.
"""
import gzip
import http.client
import json
import os
import subprocess
import tempfile
import unittest

from escale_server import BIN, Server

INDEX = b"<!doctype html><html lang=\"fr\"><head><title>Escale</title></head><body><div id=\"app\"></div></body></html>\n"
SCRIPT = b"console.log('escale');\n" * 20
# Not real brotli: the server never decodes a variant, it sends the bytes the build wrote.
BROTLI = b"brotli bytes of the script"
STRICT_CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
              "form-action 'self'")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


class WebAssetsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.TemporaryDirectory(prefix="escale-web-")
        r = cls.root.name
        write(os.path.join(r, "index.html"), INDEX)
        write(os.path.join(r, "index.html.gz"), gzip.compress(INDEX))
        write(os.path.join(r, "assets", "app-AB12CD34.js"), SCRIPT)
        write(os.path.join(r, "assets", "app-AB12CD34.js.gz"), gzip.compress(SCRIPT))
        write(os.path.join(r, "assets", "app-AB12CD34.js.br"), BROTLI)
        write(os.path.join(r, "assets", "app-EF56.css"), b"body{margin:0}")
        write(os.path.join(r, "assets", "Marianne-Regular-XYZ.woff2"), b"wOF2 font bytes")
        write(os.path.join(r, "favicon.svg"), b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        # A secret next to the web root, which no path may reach.
        write(os.path.join(os.path.dirname(r), os.path.basename(r) + "-secret.txt"), b"secret")
        cls.server = Server(demo="none", extra=["--web-root", r])
        # Files added after the start are not served: the folder was read once.
        write(os.path.join(r, "assets", "late-0000.js"), b"late")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        os.remove(cls.root.name + "-secret.txt")
        cls.root.cleanup()

    def get(self, path, **headers):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            for k, v in headers.items():
                conn.putheader(k.replace("_", "-"), v)
            conn.endheaders()
            resp = conn.getresponse()
            return resp.status, resp.read(), resp
        finally:
            conn.close()

    def test_root_is_the_page_revalidated_each_time(self):
        status, body, resp = self.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(body, INDEX)
        self.assertEqual(resp.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(resp.getheader("Cache-Control"), "no-cache")
        # One Cache-Control only: the file's replaces the API's default no-store.
        self.assertEqual(len(resp.headers.get_all("Cache-Control")), 1)

    def test_hashed_assets_are_immutable_with_their_type(self):
        for path, ctype in (("/assets/app-AB12CD34.js", "text/javascript; charset=utf-8"),
                            ("/assets/app-EF56.css", "text/css; charset=utf-8"),
                            ("/assets/Marianne-Regular-XYZ.woff2", "font/woff2")):
            status, _, resp = self.get(path)
            self.assertEqual(status, 200, path)
            self.assertEqual(resp.getheader("Content-Type"), ctype, path)
            self.assertEqual(resp.getheader("Cache-Control"), "public, max-age=31536000, immutable", path)
        status, _, resp = self.get("/favicon.svg")
        self.assertEqual(resp.getheader("Content-Type"), "image/svg+xml")
        self.assertEqual(resp.getheader("Cache-Control"), "no-cache", "an unhashed name may change")

    def test_encoding_follows_accept_encoding(self):
        path = "/assets/app-AB12CD34.js"
        status, body, resp = self.get(path, Accept_Encoding="gzip, deflate, br")
        self.assertEqual((status, body, resp.getheader("Content-Encoding")), (200, BROTLI, "br"))
        self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
        status, body, resp = self.get(path, Accept_Encoding="gzip")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), SCRIPT)
        status, body, resp = self.get(path, Accept_Encoding="br;q=0, gzip;q=0.5")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip", "br refused by q=0")
        status, body, resp = self.get(path)
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(body, SCRIPT)
        self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
        status, body, resp = self.get(path, Accept_Encoding="identity")
        self.assertEqual((resp.getheader("Content-Encoding"), body), (None, SCRIPT))
        status, body, resp = self.get(path, Accept_Encoding="*")
        self.assertEqual(resp.getheader("Content-Encoding"), "br")
        # Without a .br file, gzip is what a br-accepting browser gets.
        status, body, resp = self.get("/", Accept_Encoding="br, gzip")
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), INDEX)
        # No variant at all: identity, and no Vary.
        status, body, resp = self.get("/assets/app-EF56.css", Accept_Encoding="br, gzip")
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertIsNone(resp.getheader("Vary"))

    def test_app_addresses_get_the_page_when_a_browser_asks(self):
        html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        for path in ("/semaine", "/plan", "/p/123", "/plan?date=2026-03-03&demi=am", "/une/adresse/inconnue"):
            status, body, resp = self.get(path, Accept=html)
            self.assertEqual(status, 200, path)
            self.assertEqual(body, INDEX, path)
            self.assertEqual(resp.getheader("Cache-Control"), "no-cache", path)
        # A script that does not ask for HTML gets the API's 404.
        for accept in ("application/json", "*/*", None):
            headers = {"Accept": accept} if accept else {}
            status, body, resp = self.get("/semaine", **headers)
            self.assertEqual(status, 404, accept)
            self.assertEqual(json.loads(body)["error"]["code"], "route_not_found")

    def test_never_the_page_for_api_probes_and_assets(self):
        html = "text/html"
        status, body, _ = self.get("/assets/app-00000000.js", Accept=html)
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["error"]["code"], "route_not_found")
        status, body, _ = self.get("/assets/late-0000.js", Accept=html)
        self.assertEqual(status, 404, "a file added after the start is not served")
        status, body, _ = self.get("/api/v1/inconnue", Accept=html)
        self.assertEqual((status, json.loads(body)["error"]["code"]), (404, "route_not_found"))
        status, body, _ = self.get("/api", Accept=html)
        self.assertEqual(status, 404)
        status, body, _ = self.get("/healthz", Accept=html)
        self.assertEqual((status, json.loads(body)), (200, {"status": "ok"}))
        status, body, _ = self.get("/readyz", Accept=html)
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"], "ready")

    def test_no_path_leaves_the_folder(self):
        name = os.path.basename(self.root.name) + "-secret.txt"
        for path in (f"/../{name}", f"/assets/../../{name}", f"/%2e%2e/{name}", f"/..%2f{name}",
                     "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2F..%2Fetc%2Fpasswd",
                     "//etc/passwd", "/index.html/..", "/assets/./app-AB12CD34.js/../../index.html"):
            for accept in ("text/html", "*/*"):
                status, body, _ = self.get(path, Accept=accept)
                self.assertNotIn(b"secret", body, path)
                self.assertNotIn(b"root:", body, path)
                self.assertIn(status, (200, 400, 404), path)
                if status == 200:
                    self.assertEqual(body, INDEX, path)

    def test_strict_csp_on_every_file(self):
        for path in ("/", "/semaine", "/assets/app-AB12CD34.js", "/assets/app-EF56.css"):
            status, _, resp = self.get(path, Accept="text/html")
            self.assertEqual(status, 200, path)
            csp = resp.getheader("Content-Security-Policy")
            self.assertEqual(csp, STRICT_CSP, path)
            self.assertNotIn("unsafe", csp)
            self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff")

    def test_only_get(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        conn.request("POST", "/semaine", body=b"{}", headers={"Accept": "text/html", "Content-Type": "application/json"})
        resp = conn.getresponse()
        self.assertEqual(resp.status, 404)
        self.assertNotEqual(resp.read(), INDEX)
        conn.close()

    def test_login_methods_without_oidc(self):
        status, body, resp = self.get("/api/v1/auth/methods")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"local": True, "oidc": None})


class WebRootErrorsTest(unittest.TestCase):
    def test_a_folder_without_index_is_refused_at_start(self):
        with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as d:
            r = subprocess.run([BIN, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + os.path.join(d, "e.db"),
                                "--demo", "none", "--web-root", empty], capture_output=True, text=True, timeout=60)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("index.html absent", r.stderr)
            self.assertNotIn("listening", r.stdout)


if __name__ == "__main__":
    unittest.main()
