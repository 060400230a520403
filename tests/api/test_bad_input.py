# SPDX-License-Identifier: EUPL-1.2
"""Hostile and clumsy input: malformed JSON, wrong types, bad ids and dates, oversized bodies,
SQL-looking text, invalid UTF-8, unknown routes and methods, garbage on the socket. Every
refusal must be a JSON error with a French message, and must leave the database unchanged."""
import json
import re
import socket
import unittest

from escale_server import Server, assert_error, parse_head as parse_response

ADMIN = "admin@pilote.escale.test"
WEDNESDAY = "2026-03-04"
BODY_LIMIT = 2 * 1024 * 1024
TABLES = ["sites", "floors", "zones", "services", "residents", "desks", "spaces", "lockers", "closures",
          "credentials", "desk_bookings"]
# What Boost.JSON says in English; none of it may reach a French error message.
ENGLISH = re.compile(r"\b(syntax error|incomplete JSON|extra data|too deep|expected|illegal|invalid|error)\b")


def raw_exchange(port, data, timeout=10, shut_write=False):
    """Sends bytes on a fresh socket and returns everything the server answers until it closes
    (or until `timeout` passes without news). A reset by the server counts as a close."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    out = b""
    try:
        try:
            sock.sendall(data)
            if shut_write:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                out += chunk
                if response_complete(out):
                    break
        except (ConnectionResetError, socket.timeout):
            pass
    finally:
        sock.close()
    return out


def response_complete(data):
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return False


class BadInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        status, residents, _ = cls.admin.get("/api/v1/residents")
        assert status == 200, residents
        cls.agent = cls.server.login(next(r["email"] for r in residents if r["role"] == "agent"))
        status, cls.desk, _ = cls.admin.get("/api/v1/desks/1")
        assert status == 200, cls.desk

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    # ---- helpers --------------------------------------------------------------------

    def counts(self):
        with self.server.db() as db:
            return {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}

    def post_raw(self, client, path, data, method="POST"):
        return client.request(method, path, raw=data, headers={"Content-Type": "application/json"})

    def assert_french_error(self, result, status, code):
        assert_error(self, result, status, code)
        self.assertNotEqual(result[1]["error"]["message"], code)

    def assert_raw_error(self, data, status, code):
        got, headers, body = parse_response(data)
        self.assertEqual(got, status, data[:400])
        self.assertTrue(headers.get("content-type", "").startswith("application/json"), headers)
        parsed = json.loads(body)
        self.assertEqual(parsed["error"]["code"], code, parsed)
        self.assertTrue(parsed["error"]["message"], parsed)
        return headers

    def assert_still_serving(self):
        c = self.server.client()
        status, body, _ = c.get("/healthz")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"status": "ok"})
        self.assertEqual(self.admin.get("/api/v1/desks/1")[1], self.desk)
        c.close()

    # ---- malformed JSON ---------------------------------------------------------------

    def test_malformed_json_is_refused_and_writes_nothing(self):
        before = self.counts()
        good = b'{"site_id": 1, "floor_id": 1, "label": "JSON-01"}'
        bodies = {
            "truncated": good[:-5],
            "unterminated string": b'{"site_id": 1, "floor_id": 1, "label": "JSON-01',
            "trailing garbage": good + b" x",
            "two objects": good + good,
            "trailing comma": b'{"site_id": 1, "floor_id": 1, "label": "JSON-02",}',
            "single quotes": b"{'site_id': 1, 'floor_id': 1, 'label': 'JSON-03'}",
            "comment": b'{"site_id": 1, /* niveau */ "floor_id": 1, "label": "JSON-04"}',
            "NaN": b'{"site_id": 1, "floor_id": 1, "label": "JSON-05", "x": NaN}',
            "empty": b"",
            "spaces only": b"   \r\n ",
            "array": b'[{"site_id": 1, "floor_id": 1, "label": "JSON-06"}]',
            "string": b'"site_id"',
            "number": b"42",
            "null": b"null",
            "true": b"true",
            "nested arrays 10000": b"[" * 10000 + b"]" * 10000,
            "nested objects 10000": b'{"a":' * 10000 + b"1" + b"}" * 10000,
            "nested inside a field": b'{"site_id": 1, "floor_id": 1, "label": ' + b"[" * 10000 + b"]" * 10000 + b"}",
            "unclosed nesting 10000": b"{\"a\":[" * 10000,
        }
        for name, body in bodies.items():
            with self.subTest(body=name):
                self.assert_french_error(self.post_raw(self.admin, "/api/v1/desks", body), 400, "invalid_json")
        for name in ["truncated", "trailing garbage", "array", "nested objects 10000"]:
            with self.subTest(patch=name):
                self.assert_french_error(self.post_raw(self.admin, "/api/v1/desks/1", bodies[name], "PATCH"),
                                         400, "invalid_json")
            with self.subTest(login=name):
                self.assert_french_error(self.post_raw(self.server.client(), "/api/v1/auth/login", bodies[name]),
                                         400, "invalid_json")
            with self.subTest(booking=name):
                self.assert_french_error(self.post_raw(self.agent, "/api/v1/desk-bookings", bodies[name]),
                                         400, "invalid_json")
        self.assertEqual(self.counts(), before)
        self.assert_still_serving()

    def test_json_error_messages_are_all_french(self):
        """The parser's own (English) explanation must not leak into the French message."""
        for body in [b'{"site_id": 1', b'{"site_id": 1} x', b'{"site_id": 1,}', b"", b"[" * 100 + b"]" * 100,
                     b'{"name": "caf\xe9"}']:
            with self.subTest(body=body[:20]):
                result = self.post_raw(self.admin, "/api/v1/services", body)
                assert_error(self, result, 400, "invalid_json")
                message = result[1]["error"]["message"]
                self.assertIsNone(ENGLISH.search(message), f"English words in a French message: {message!r}")

    # ---- wrong types ----------------------------------------------------------------

    def test_wrong_types_for_every_field_kind(self):
        before = self.counts()
        desk = {"site_id": 1, "floor_id": 1, "label": "TYPE-01"}
        cases = [
            # (collection, field, value)
            ("desks", "screens", "2"),            # string for int
            ("desks", "screens", 2.5),            # float for int
            ("desks", "screens", 2.0),            # a float, even a round one, is not an int
            ("desks", "screens", 1e30),
            ("desks", "screens", 2 ** 40),        # an int beyond int32
            ("desks", "screens", 2 ** 64),        # beyond int64
            ("desks", "screens", True),           # bool for int
            ("desks", "floor_id", "1"),           # string for an id
            ("desks", "floor_id", 1.0),
            ("desks", "floor_id", [1]),
            ("desks", "zone_id", "1"),            # string for an optional id
            ("desks", "zone_id", {"id": 1}),
            ("desks", "dock", 1),                 # int for bool
            ("desks", "dock", "true"),            # string for bool
            ("desks", "dock", None),              # null for a non-optional bool
            ("desks", "label", {"fr": "Poste"}),  # object for string
            ("desks", "label", ["Poste"]),        # array for string
            ("desks", "label", 7),                # int for string
            ("desks", "label", False),
            ("desks", "x", "10.5"),               # string for a number
            ("desks", "x", True),
            ("desks", "x", None),
            ("spaces", "type", "salle"),          # unknown enum value
            ("spaces", "type", 0),                # int for an enum
            ("spaces", "capacity", "12"),
            ("residents", "role", "chef"),
            ("residents", "role", ["admin"]),
            ("residents", "fte_percent", "80"),
            ("residents", "fte_percent", 80.5),
            ("residents", "active", "oui"),
            ("residents", "password", 12345678),
            ("closures", "date", 20260101),       # int for a date string
            ("closures", "reason", {"texte": "pont"}),
            ("sites", "booking_horizon_days", "28"),
            ("sites", "sub_m2", "576"),
        ]
        bases = {
            "desks": desk,
            "spaces": {"site_id": 1, "floor_id": 1, "name": "Salle TYPE"},
            "residents": {"site_id": 1, "email": "type@pilote.escale.test", "display_name": "Type"},
            "closures": {"site_id": 1, "date": "2026-05-22"},
            "sites": {"name": "Site TYPE"},
        }
        for collection, field, value in cases:
            with self.subTest(collection=collection, field=field, value=value):
                body = dict(bases[collection], **{field: value})
                self.assert_french_error(self.admin.post(f"/api/v1/{collection}", body), 400, "invalid_field")
                self.assertIn(field, self.admin.post(f"/api/v1/{collection}", body)[1]["error"]["message"],
                              "the message names the faulty field")
        # null for a required field: refused as a bad or a missing field, never stored.
        for field in ["site_id", "floor_id", "label"]:
            with self.subTest(null=field):
                status, body, _ = self.admin.post("/api/v1/desks", dict(desk, **{field: None}))
                self.assertEqual(status, 400, body)
                self.assertIn(body["error"]["code"], ("invalid_field", "missing_field"), body)
                self.assertTrue(body["error"]["message"])
        # The same checks on a PATCH, which must leave the desk as it was.
        for field, value in [("screens", "3"), ("dock", 0), ("label", None), ("x", "1"), ("zone_id", 1.5),
                             ("floor_id", None), ("active", "false")]:
            with self.subTest(patch=field, value=value):
                self.assert_french_error(self.admin.patch("/api/v1/desks/1", {field: value}), 400, "invalid_field")
        # Booking and login fields.
        a = self.agent
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": "1", "date": WEDNESDAY}), 400, "invalid_field")
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": 1.0, "date": WEDNESDAY}), 400, "invalid_field")
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": None, "date": WEDNESDAY}), 400, "invalid_field")
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": 1, "date": 20260304}), 400, "invalid_date")
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": 1, "date": WEDNESDAY, "period": 1}),
                                 400, "invalid_period")
        self.assert_french_error(a.post("/api/v1/desk-bookings", {"desk_id": 1, "date": WEDNESDAY, "resident_id": "2"}),
                                 400, "invalid_field")
        anon = self.server.client()
        self.assert_french_error(anon.post("/api/v1/auth/login", {"email": ["admin"], "password": "x"}), 400, "invalid_field")
        self.assert_french_error(anon.post("/api/v1/auth/login", {"email": ADMIN, "password": 12345678}), 400, "invalid_field")
        self.assertEqual(self.counts(), before, "no refused request may write anything")
        self.assertEqual(self.admin.get("/api/v1/desks/1")[1], self.desk)

    # ---- ids ------------------------------------------------------------------------

    def test_unknown_ids_are_not_found(self):
        before = self.counts()
        patches = {"sites": {"name": "x"}, "floors": {"name": "x"}, "zones": {"name": "x"},
                   "services": {"name": "x"}, "residents": {"display_name": "x"}, "desks": {"label": "x"},
                   "spaces": {"name": "x"}, "lockers": {"label": "x"}, "closures": {"reason": "x"}}
        for collection, patch in patches.items():
            with self.subTest(collection=collection):
                path = f"/api/v1/{collection}/999999"
                if collection != "sites":
                    self.assert_french_error(self.admin.get(path), 404, "not_found")
                self.assert_french_error(self.admin.patch(path, patch), 404, "not_found")
                self.assert_french_error(self.admin.delete(path), 404, "not_found")
        self.assert_french_error(self.admin.get("/api/v1/desks/9223372036854775807"), 404, "not_found")
        self.assert_french_error(self.admin.get("/api/v1/sites/999999"), 404, "not_found")
        self.assert_french_error(self.admin.get("/api/v1/floors/999999/plan"), 404, "not_found")
        self.assert_french_error(self.admin.get(f"/api/v1/floors/999999/availability?date={WEDNESDAY}"), 404, "not_found")
        self.assert_french_error(self.admin.delete("/api/v1/desk-bookings/999999"), 404, "not_found")
        self.assert_french_error(self.agent.post("/api/v1/desk-bookings", {"desk_id": 999999, "date": WEDNESDAY}),
                                 404, "not_found")
        self.assert_french_error(self.admin.request("POST", "/api/v1/sites/999999/residents/import",
                                                    raw="email;nom;service\n".encode()), 404, "not_found")
        self.assertEqual(self.counts(), before)

    def test_bad_ids_in_paths_are_400(self):
        before = self.counts()
        bad = ["abc", "-1", "0", "-0", "1.5", "1e3", "+1", "0x10", "%201", "1%20", "1abc", "%EF%BC%99",
               "9223372036854775808", "99999999999999999999999"]
        for ident in bad:
            with self.subTest(id=ident):
                self.assert_french_error(self.admin.get(f"/api/v1/desks/{ident}"), 400, "invalid_field")
                self.assert_french_error(self.admin.patch(f"/api/v1/desks/{ident}", {"label": "x"}), 400, "invalid_field")
                self.assert_french_error(self.admin.delete(f"/api/v1/desks/{ident}"), 400, "invalid_field")
                self.assert_french_error(self.admin.get(f"/api/v1/sites/{ident}"), 400, "invalid_field")
                self.assert_french_error(self.admin.get(f"/api/v1/floors/{ident}/plan"), 400, "invalid_field")
                self.assert_french_error(self.admin.get(f"/api/v1/floors/{ident}/availability?date={WEDNESDAY}"),
                                         400, "invalid_field")
                self.assert_french_error(self.admin.delete(f"/api/v1/desk-bookings/{ident}"), 400, "invalid_field")
                self.assert_french_error(self.admin.request("POST", f"/api/v1/sites/{ident}/residents/import",
                                                            raw=b"email;nom;service\n"), 400, "invalid_field")
                self.assert_french_error(self.admin.get(f"/api/v1/desks?site_id={ident}"), 400, "invalid_field")
        self.assert_french_error(self.admin.get("/api/v1/desks?site_id="), 400, "invalid_field")
        self.assert_french_error(self.admin.get("/api/v1/desks?site_id=1%20OR%201=1"), 400, "invalid_field")
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.admin.get("/api/v1/desks/1")[1], self.desk)

    # ---- dates ----------------------------------------------------------------------

    def test_impossible_dates_are_invalid_date(self):
        before = self.counts()
        bad = ["2025-02-30", "2023-02-29", "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
               "2026-03-00", "2026-03-32", "2026-3-4", "04/03/2026", "2026-03-04T09:00:00Z", " 2026-03-04",
               "2026-03-04 ", "2026/03/04", "２０２６-03-04", "", "demain"]
        for date in bad:
            with self.subTest(date=date):
                self.assert_french_error(self.agent.post("/api/v1/desk-bookings", {"desk_id": 1, "date": date}),
                                         400, "invalid_date")
                self.assert_french_error(self.admin.post("/api/v1/closures", {"site_id": 1, "date": date}),
                                         400, "invalid_date")
        for date in ["2025-02-30", "2023-02-29", "2026-13-01", "x"]:
            with self.subTest(query=date):
                self.assert_french_error(self.agent.get(f"/api/v1/floors/1/availability?date={date}"), 400, "invalid_date")
                self.assert_french_error(self.agent.get(f"/api/v1/me/desk-bookings?from={date}"), 400, "invalid_date")
                self.assert_french_error(self.agent.get(f"/api/v1/me/desk-bookings?to={date}"), 400, "invalid_date")
        self.assertEqual(self.counts(), before)
        # A real 29 February is a date; a closure can be moved onto it but not onto a false one.
        status, leap, _ = self.admin.post("/api/v1/closures", {"site_id": 1, "date": "2024-02-29", "reason": "bissextile"})
        self.assertEqual(status, 201, leap)
        self.assert_french_error(self.admin.patch(f"/api/v1/closures/{leap['id']}", {"date": "2023-02-29"}),
                                 400, "invalid_date")
        self.assertEqual(self.admin.get(f"/api/v1/closures/{leap['id']}")[1]["date"], "2024-02-29")
        self.assertEqual(self.admin.delete(f"/api/v1/closures/{leap['id']}")[0], 204)

    # ---- size limit -----------------------------------------------------------------

    def desk_body(self, label, size):
        """A valid desk creation padded with JSON whitespace to exactly `size` bytes."""
        body = json.dumps({"site_id": 1, "floor_id": 1, "label": label}).encode()
        return body[:-1] + b" " * (size - len(body)) + b"}"

    def test_a_body_over_the_limit_is_413_and_writes_nothing(self):
        before = self.counts()
        # Announced only: the answer must come without the server waiting for 3 MiB.
        head = (f"POST /api/v1/desks HTTP/1.1\r\nHost: escale\r\nAuthorization: Bearer {self.admin.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {3 * 1024 * 1024}\r\n\r\n").encode()
        answer = raw_exchange(self.server.port, head)
        self.assertTrue(answer, "the server must answer an announced oversized body, not just wait")
        self.assert_raw_error(answer, 413, "body_too_large")
        # Sent in full, one byte over: 413 as well (or a connection cut short while sending).
        over = self.desk_body("BIG-01", BODY_LIMIT + 1)
        head = (f"POST /api/v1/desks HTTP/1.1\r\nHost: escale\r\nAuthorization: Bearer {self.admin.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(over)}\r\n\r\n").encode()
        answer = raw_exchange(self.server.port, head + over)
        if answer:
            self.assert_raw_error(answer, 413, "body_too_large")
        # Chunked, with no length announced: the limit holds all the same.
        chunks = (b"100000\r\n" + b" " * 0x100000 + b"\r\n") * 3 + b"0\r\n\r\n"
        head = (f"POST /api/v1/desks HTTP/1.1\r\nHost: escale\r\nAuthorization: Bearer {self.admin.token}\r\n"
                f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").encode()
        answer = raw_exchange(self.server.port, head + chunks)
        if answer:
            self.assert_raw_error(answer, 413, "body_too_large")
        self.assertEqual(self.counts(), before)
        self.assert_still_serving()

    def test_a_body_of_exactly_the_limit_is_accepted(self):
        status, created, _ = self.post_raw(self.admin, "/api/v1/desks", self.desk_body("LIMIT-01", BODY_LIMIT))
        self.assertEqual(status, 201, created)
        self.assertEqual(created["label"], "LIMIT-01")
        self.assertEqual(self.admin.delete(f"/api/v1/desks/{created['id']}")[0], 204)

    # ---- SQL-looking text -----------------------------------------------------------

    def test_sql_looking_strings_are_stored_verbatim(self):
        desks_before = self.counts()["desks"]
        nasty = "x'); DROP TABLE desks;--"
        status, svc, _ = self.admin.post("/api/v1/services", {"site_id": 1, "code": "SQL-1", "name": nasty})
        self.assertEqual(status, 201, svc)
        self.assertEqual(svc["name"], nasty)
        self.assertEqual(self.admin.get(f"/api/v1/services/{svc['id']}")[1]["name"], nasty)
        with self.server.db() as db:
            self.assertEqual(db.execute("SELECT name FROM services WHERE id = ?", (svc["id"],)).fetchone()[0], nasty)
        label = "P'; DELETE FROM desks WHERE '1'='1"
        status, desk, _ = self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": 1, "label": label})
        self.assertEqual(status, 201, desk)
        self.assertEqual(self.admin.get(f"/api/v1/desks/{desk['id']}")[1]["label"], label)
        name = "Robert\"); DROP TABLE residents; -- \\ % _ \u00e9\u00e8 \U0001F680"
        status, res, _ = self.admin.post("/api/v1/residents", {"site_id": 1, "email": "bobby.tables@pilote.escale.test",
                                                               "display_name": name})
        self.assertEqual(status, 201, res)
        self.assertEqual(self.admin.get(f"/api/v1/residents/{res['id']}")[1]["display_name"], name)
        status, desks, _ = self.agent.get("/api/v1/desks")
        self.assertEqual(status, 200)
        self.assertEqual(len(desks), desks_before + 1)
        status, avail, _ = self.agent.get(f"/api/v1/floors/1/availability?date={WEDNESDAY}")
        self.assertEqual(status, 200)
        self.assertGreaterEqual(len(avail["desks"]), 29)
        # Not an injection through the login or a query either.
        self.assert_french_error(self.server.client().post("/api/v1/auth/login",
                                                           {"email": "' OR '1'='1", "password": "' OR '1'='1"}),
                                 401, "bad_credentials")
        self.assert_french_error(self.server.client().post("/api/v1/auth/login",
                                                           {"email": "admin@pilote.escale.test'--", "password": "x"}),
                                 401, "bad_credentials")
        self.assertEqual(self.admin.get("/api/v1/desks?site_id=1")[0], 200)
        tables = self.server.table_names()
        self.assertTrue(set(TABLES) <= tables, tables)
        for path in [f"/api/v1/desks/{desk['id']}", f"/api/v1/residents/{res['id']}", f"/api/v1/services/{svc['id']}"]:
            self.assertEqual(self.admin.delete(path)[0], 204)

    # ---- UTF-8 ----------------------------------------------------------------------

    def test_invalid_utf8_in_json_is_invalid_json(self):
        before = self.counts()
        for name, raw in [("latin-1 é", b"caf\xe9"), ("overlong /", b"\xc0\xaf"), ("surrogate", b"\xed\xa0\x80"),
                          ("truncated €", b"\xe2\x82"), ("lone continuation", b"\x80abc"), ("F5 byte", b"\xf5\x80\x80\x80"),
                          ("beyond U+10FFFF", b"\xf4\x90\x80\x80"), ("raw NUL", b"a\x00b")]:
            with self.subTest(bytes=name):
                body = b'{"site_id": 1, "code": "UTF-BAD", "name": "' + raw + b'"}'
                self.assert_french_error(self.post_raw(self.admin, "/api/v1/services", body), 400, "invalid_json")
                body = b'{"email": "' + raw + b'@pilote.escale.test", "password": "escale-demo"}'
                self.assert_french_error(self.post_raw(self.server.client(), "/api/v1/auth/login", body), 400, "invalid_json")
                body = b'{"site_id": 1, "floor_id": 1, "label": "UTF-' + raw + b'"}'
                self.assert_french_error(self.post_raw(self.admin, "/api/v1/desks", body), 400, "invalid_json")
        self.assert_french_error(self.post_raw(self.admin, "/api/v1/services",
                                               b'{"site_id": 1, "code": "UTF-BAD", "name": "\\ud800"}'),
                                 400, "invalid_json")
        self.assertEqual(self.counts(), before)
        # Valid UTF-8, four-byte characters included, goes through untouched.
        name = "Équipe café — 🚀 œuvre « ÉTÉ »"
        status, svc, _ = self.post_raw(self.admin, "/api/v1/services",
                                       json.dumps({"site_id": 1, "code": "UTF-OK", "name": name}, ensure_ascii=False).encode())
        self.assertEqual(status, 201, svc)
        self.assertEqual(self.admin.get(f"/api/v1/services/{svc['id']}")[1]["name"], name)
        self.assertEqual(self.admin.delete(f"/api/v1/services/{svc['id']}")[0], 204)

    # ---- routes and methods ---------------------------------------------------------

    def test_unknown_routes_are_route_not_found(self):
        for client in [self.admin, self.server.client()]:
            for method, path in [("GET", "/api/v1/nowhere"), ("POST", "/nowhere"), ("GET", "/api/v1/desks/1/extra"),
                                 ("GET", "/api/v2/desks"), ("DELETE", "/api/v1/floors/1/plan/x"), ("GET", "/api/v1/DESKS"),
                                 ("GET", "/index.php?id=1'"), ("GET", "/%2e%2e/%2e%2e/etc/passwd")]:
                with self.subTest(method=method, path=path, anonymous=client is not self.admin):
                    self.assert_french_error(client.request(method, path), 404, "route_not_found")

    def test_wrong_method_is_405_with_allow(self):
        before = self.counts()
        for client in [self.admin, self.server.client()]:
            # Every GET route answers HEAD too (issue 14, finding 9), and says so.
            for method, path, allowed in [("PUT", "/api/v1/desks/1", {"GET", "HEAD", "PATCH", "DELETE"}),
                                          ("POST", "/api/v1/desks/1", {"GET", "HEAD", "PATCH", "DELETE"}),
                                          ("DELETE", "/api/v1/desks", {"GET", "HEAD", "POST"}),
                                          ("PATCH", "/api/v1/residents", {"GET", "HEAD", "POST"}),
                                          ("GET", "/api/v1/auth/login", {"POST"}),
                                          ("POST", "/healthz", {"GET", "HEAD"}),
                                          ("GET", "/api/v1/desk-bookings", {"POST"}),
                                          ("BREW", "/api/v1/desks", {"GET", "HEAD", "POST"})]:
                with self.subTest(method=method, path=path, anonymous=client is not self.admin):
                    result = client.request(method, path)
                    self.assert_french_error(result, 405, "method_not_allowed")
                    allow = result[2].getheader("Allow")
                    self.assertTrue(allow, "a 405 must carry an Allow header")
                    self.assertEqual({m.strip() for m in allow.split(",")}, allowed)
        self.assertEqual(self.counts(), before)
        self.assertEqual(self.admin.get("/api/v1/desks/1")[1], self.desk)

    # ---- garbage on the socket ------------------------------------------------------

    def test_garbage_on_a_raw_socket(self):
        payloads = {
            "garbage line": b"GARBAGE\r\n\r\n",
            "binary": b"\x00\xff\xfe\x16\x03\x01\x02\x00\r\n\r\n",
            "TLS hello": bytes.fromhex("160301020001000200030400") + b"\x00" * 64,
            "no version": b"GET /healthz\r\n\r\n",
            "bad version": b"GET /healthz HTTP/1.x\r\nHost: x\r\n\r\n",
            "spaces in target": b"GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n",
            "target not a path": b"GET healthz HTTP/1.1\r\nHost: x\r\n\r\n",
            "bad percent": b"GET /api/v1/desks/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "header without colon": b"GET /healthz HTTP/1.1\r\nHost x\r\n\r\n",
            "bad content-length": b"POST /api/v1/desks HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "negative content-length": b"POST /api/v1/desks HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "two content-lengths": b"POST /api/v1/desks HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "bad chunk": b"POST /api/v1/desks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
            "huge header": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n",
            "NUL in header": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
            "only newlines": b"\r\n\r\n\r\n\r\n" * 10,
        }
        for name, data in payloads.items():
            with self.subTest(payload=name):
                answer = raw_exchange(self.server.port, data, timeout=5, shut_write=True)
                if answer:
                    headers = self.assert_raw_error(answer, 400, parse_response_code(answer))
                    self.assertIn(parse_response_code(answer), ("bad_request", "bad_target", "invalid_field"))
                    self.assertEqual(headers.get("x-content-type-options"), "nosniff")
                self.assert_still_serving()
        # A well-formed request on a raw socket works, so the checks above test something.
        answer = raw_exchange(self.server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        status, _, body = parse_response(answer)
        self.assertEqual((status, json.loads(body)), (200, {"status": "ok"}))

    def test_many_bad_requests_on_one_keep_alive_connection(self):
        before = self.counts()
        c = self.admin
        for _ in range(50):
            self.assert_french_error(self.post_raw(c, "/api/v1/desks", b"{"), 400, "invalid_json")
            self.assert_french_error(c.get("/api/v1/desks/abc"), 400, "invalid_field")
            self.assert_french_error(c.get("/api/v1/nowhere"), 404, "route_not_found")
        self.assertEqual(c.get("/api/v1/desks/1")[1], self.desk)
        self.assertEqual(self.counts(), before)


def parse_response_code(data):
    try:
        return json.loads(parse_response(data)[2])["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


if __name__ == "__main__":
    unittest.main()
