# SPDX-License-Identifier: EUPL-1.2
"""HTTP conformance (issue 14, finding 9), spoken over raw sockets where the client library
would smooth things over: HEAD on every GET route, Host required in HTTP/1.1, encoded
slashes not taken as separators, duplicate JSON keys refused, bidi controls and line
separators refused in names, the JSON content type matched exactly, long lists paginated."""
import json
import os
import re
import socket
import unittest
import urllib.parse

from escale_server import Server, assert_error, parse_head

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
ADMIN = "admin@pilote.escale.test"
AGENT = "claire.dubreuil@pilote.escale.test"


def exchange(port, data, timeout=10):
    """Sends raw bytes on a fresh connection, half-closes it, returns every byte answered."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return out
            out += chunk


def request_bytes(method, path, token=None, host=True, version="1.1", body=None, content_type=None):
    lines = [f"{method} {path} HTTP/{version}"]
    if host:
        lines.append("Host: escale.test")
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if body is not None:
        lines.append(f"Content-Type: {content_type or 'application/json'}")
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


# The referential's lists, by pages like the residents (issue 14, finding 9).
REFERENTIAL_COLLECTIONS = ["/api/v1/sites", "/api/v1/floors", "/api/v1/zones", "/api/v1/services", "/api/v1/desks",
                           "/api/v1/spaces", "/api/v1/lockers", "/api/v1/closures", "/api/v1/resident-categories",
                           "/api/v1/role-grants"]

class HttpConformance(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            cls.openapi = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def raw(self, *args, **kw):
        return parse_head(exchange(self.server.port, request_bytes(*args, **kw)))

    # ---- HEAD ------------------------------------------------------------------------

    def test_head_answers_like_get_without_a_body(self):
        token = self.admin.token
        for path in ["/healthz", "/readyz", "/api/v1/openapi.json", "/api/v1/me", "/api/v1/sites/1",
                     "/api/v1/floors/1/plan", "/api/v1/residents?site_id=1", "/api/v1/nowhere"]:
            with self.subTest(path=path):
                get_status, get_headers, get_body = self.raw("GET", path, token)
                status, headers, body = self.raw("HEAD", path, token)
                self.assertEqual(status, get_status)
                self.assertEqual(body, b"", "no body after the head of a HEAD answer")
                self.assertEqual(headers.get("content-type"), get_headers.get("content-type"))
                self.assertEqual(int(headers["content-length"]), len(get_body))
                self.assertIn("x-request-id", headers)

    def test_head_on_a_kept_alive_connection_leaves_the_next_answer_whole(self):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(b"HEAD /healthz HTTP/1.1\r\nHost: escale.test\r\n\r\n"
                      b"GET /healthz HTTP/1.1\r\nHost: escale.test\r\nConnection: close\r\n\r\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        first, _, rest = data.partition(b"\r\n\r\n")
        self.assertTrue(first.startswith(b"HTTP/1.1 200"), data)
        self.assertTrue(rest.startswith(b"HTTP/1.1 200"), data)

    def test_every_get_route_takes_head(self):
        token = self.admin.token
        tried = 0
        for path, ops in self.openapi["paths"].items():
            if "get" not in ops or "{" in path or path.endswith("/events"):
                continue
            status, _, body = self.raw("HEAD", path, token)
            self.assertNotEqual(status, 405, path)
            self.assertEqual(body, b"", path)
            tried += 1
        self.assertGreater(tried, 20)

    # ---- request line and target -------------------------------------------------------

    def test_http11_without_host_is_refused(self):
        status, _, body = self.raw("GET", "/healthz", host=False)
        self.assertEqual(status, 400, body)
        self.assertEqual(json.loads(body)["error"]["code"], "missing_host")
        two = b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n"
        self.assertEqual(parse_head(exchange(self.server.port, two))[0], 400)
        # HTTP/1.0 has no Host requirement.
        self.assertEqual(self.raw("GET", "/healthz", host=False, version="1.0")[0], 200)

    def test_encoded_slashes_are_not_separators(self):
        token = self.admin.token
        self.assertEqual(self.raw("GET", "/api/v1/floors/1/plan", token)[0], 200)
        for path in ["/api/v1/floors/1%2Fplan", "/api/v1/floors/1%2fplan", "/api%2Fv1/me", "/healthz%2F"]:
            with self.subTest(path=path):
                status, _, body = self.raw("GET", path, token)
                self.assertEqual(status, 400, body)
                self.assertEqual(json.loads(body)["error"]["code"], "bad_target")
        # Other encoded characters are still decoded (an é in a path, a space).
        self.assertEqual(self.raw("GET", "/api/v1/sites/%31", token)[0], 200)

    # ---- bodies --------------------------------------------------------------------------

    def test_duplicate_json_keys_are_refused(self):
        login = b'{"email":"nobody@example.test","email":"' + ADMIN.encode() + b'","password":"escale-demo"}'
        status, _, body = self.raw("POST", "/api/v1/auth/login", body=login)
        self.assertEqual(status, 400, body)
        self.assertEqual(json.loads(body)["error"]["code"], "duplicate_key")
        before = len(self.admin.get("/api/v1/floors?site_id=1")[1])
        for doc in [b'{"site_id":1,"name":"A","name":"B"}', b'{"site_id":1,"name":"A","level":{"x":1,"x":2}}',
                    b'{"site_id":1,"name":"A","level":[{"y":1,"y":1}]}']:
            with self.subTest(doc=doc):
                status, _, body = self.raw("POST", "/api/v1/floors", self.admin.token, body=doc)
                self.assertEqual(status, 400, body)
                self.assertEqual(json.loads(body)["error"]["code"], "duplicate_key")
        self.assertEqual(len(self.admin.get("/api/v1/floors?site_id=1")[1]), before)
        # The same key in two different objects is no duplicate.
        status, _, body = self.raw("POST", "/api/v1/auth/login",
                                   body=b'{"email":"' + ADMIN.encode() + b'","password":"escale-demo",'
                                        b'"x":{"email":1}}')
        self.assertEqual(status, 200, body)

    def test_bidi_controls_and_line_separators_are_refused_in_names(self):
        agent = self.server.login(AGENT)
        for i, char in enumerate(["\u202e", "\u202d", "\u2066", "\u2069", "\u200f", "\u061c", "\u2028", "\u2029",
                                  "\u0085"]):
            with self.subTest(char=hex(ord(char))):
                name = f"Service{char}gpj.exe"
                assert_error(self, self.admin.post("/api/v1/services", {"site_id": 1, "code": f"BIDI{i}", "name": name}),
                             400, "invalid_field")
                assert_error(self, self.admin.post("/api/v1/floors", {"site_id": 1, "name": name}),
                             400, "invalid_field")
                assert_error(self, agent.post("/api/v1/me/api-tokens", {"name": name}), 400, "invalid_field")
        status, made, _ = self.admin.post("/api/v1/services", {"site_id": 1, "code": "ETE",
                                                               "name": "Service d'été — accueil « A »"})
        self.assertEqual(status, 201, made)

    def test_the_json_content_type_is_matched_exactly(self):
        login = json.dumps({"email": ADMIN, "password": "escale-demo"}).encode()
        for ctype, expected in [("application/json", 200), ("application/json; charset=utf-8", 200),
                                ("Application/JSON ;charset=UTF-8", 200), ("application/jsonx", 400),
                                ("application/json-patch+json", 400), ("text/plain", 400),
                                ("application/x-www-form-urlencoded", 400)]:
            with self.subTest(ctype=ctype):
                status, _, body = self.raw("POST", "/api/v1/auth/login", body=login, content_type=ctype)
                self.assertEqual(status, expected, body)

    # ---- lists -----------------------------------------------------------------------------

    def pages(self, client, path, limit):
        """Every item of a paginated list, following its Link: rel="next" headers."""
        items, seen_pages = [], 0
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}limit={limit}"
        while url:
            status, page, resp = client.get(url)
            self.assertEqual(status, 200, page)
            self.assertLessEqual(len(page), limit)
            items += page
            seen_pages += 1
            link = resp.getheader("Link")
            url = None
            if link:
                m = re.match(r'<([^>]+)>; rel="next"', link)
                self.assertIsNotNone(m, link)
                url = m.group(1)
        return items, seen_pages

    def test_residents_are_paginated(self):
        status, everyone, resp = self.admin.get("/api/v1/residents?site_id=1")
        self.assertEqual(status, 200, everyone)
        self.assertIsNone(resp.getheader("Link"))
        items, pages = self.pages(self.admin, "/api/v1/residents?site_id=1", 7)
        self.assertEqual([r["id"] for r in items], [r["id"] for r in everyone])
        self.assertEqual(pages, (len(everyone) + 6) // 7 + (1 if len(everyone) % 7 == 0 else 0) or 1)
        for bad in ["0", "-1", "1001", "abc"]:
            assert_error(self, self.admin.get(f"/api/v1/residents?limit={bad}"), 400, "invalid_field")
        assert_error(self, self.admin.get("/api/v1/residents?cursor=zz"), 400, "invalid_field")

    def test_the_audit_log_and_bookings_are_paginated(self):
        for i in range(5):
            self.admin.post("/api/v1/closures", {"site_id": 1, "date": f"2031-01-{10 + i:02d}"})
        everything = self.admin.get("/api/v1/audit-events?site_id=1&limit=1000")[1]
        items, _ = self.pages(self.admin, "/api/v1/audit-events?site_id=1", 3)
        self.assertEqual([e["id"] for e in items], [e["id"] for e in everything])
        agent = self.server.login(AGENT)
        floor = agent.get("/api/v1/sites/1")[1]["floors"][0]["id"]
        for day in ["2026-03-10", "2026-03-11", "2026-03-12"]:
            desks = agent.get(f"/api/v1/floors/{floor}/availability?date={day}")[1]["desks"]
            desk = next(d["id"] for d in desks if d["am"] == "free" and d["pm"] == "free")
            self.assertEqual(agent.post("/api/v1/desk-bookings", {"desk_id": desk, "date": day, "period": "day"})[0], 201)
        mine = agent.get("/api/v1/me/desk-bookings")[1]
        self.assertGreater(len(mine), 2)
        items, pages = self.pages(agent, "/api/v1/me/desk-bookings", 2)
        self.assertEqual(items, mine)
        self.assertGreater(pages, 1)
        mine = agent.get("/api/v1/me/space-bookings")[1]
        self.assertEqual(self.pages(agent, "/api/v1/me/space-bookings", 1)[0], mine)

    def test_every_referential_collection_is_paginated(self):
        for path in REFERENTIAL_COLLECTIONS:
            with self.subTest(path=path):
                status, everything, resp = self.admin.get(f"{path}?site_id=1")
                self.assertEqual(status, 200, everything)
                self.assertIsNone(resp.getheader("Link"))
                items, pages = self.pages(self.admin, f"{path}?site_id=1", 2)
                self.assertEqual([x["id"] for x in items], [x["id"] for x in everything])
                if len(everything) > 2:
                    self.assertGreater(pages, 1)
                assert_error(self, self.admin.get(f"{path}?limit=1001"), 400, "invalid_field")

    def test_remontees_surveys_and_locker_holders_are_paginated(self):
        for i in range(3):
            self.assertEqual(self.admin.post("/api/v1/remontees", {"kind": "irritant", "theme": "bruit", "title": f"Remontée {i}"})[0], 201)
        for path in ["/api/v1/remontees", "/api/v1/surveys?site_id=1", "/api/v1/sites/1/locker-assignments"]:
            with self.subTest(path=path):
                status, everything, resp = self.admin.get(path)
                self.assertEqual(status, 200, everything)
                self.assertEqual(self.pages(self.admin, path, 1)[0], everything)
                assert_error(self, self.admin.get(path + ("&" if "?" in path else "?") + "limit=0"), 400, "invalid_field")

    def test_pagination_is_documented(self):
        for path in ["/api/v1/audit-events", "/api/v1/me/desk-bookings", "/api/v1/me/space-bookings",
                     "/api/v1/residents", "/api/v1/remontees", "/api/v1/surveys",
                     "/api/v1/sites/{id}/locker-assignments", "/api/v1/sites/{id}/scenarios", *REFERENTIAL_COLLECTIONS]:
            with self.subTest(path=path):
                op = self.openapi["paths"][path]["get"]
                names = {p.get("name") or p.get("$ref", "").rsplit("/", 1)[-1] for p in op.get("parameters", [])}
                self.assertTrue({"limit", "cursor"} <= {n.lower() for n in names}, names)
                self.assertIn("Link", op["responses"]["200"].get("headers", {}))


if __name__ == "__main__":
    unittest.main()
