# SPDX-License-Identifier: EUPL-1.2
"""Diagnosis (issue 14, finding 7): the cause of an internal error is logged with a request id
that the answer also carries (in its body and in X-Request-Id); an access log, as JSON lines
when asked, that names no person and no secret."""
import json
import re
import time
import unittest

from escale_server import Server, psql

ADMIN = "admin@pilote.escale.test"


class InternalErrorTest(unittest.TestCase):
    def test_the_cause_is_logged_under_the_request_id_the_client_sees(self):
        with Server() as server:
            admin = server.login(ADMIN)
            # Break the database under the server: a real internal error, with a real cause.
            if server.kind == "postgres":
                psql(server.pg_url, "DROP TABLE api_tokens")
            else:
                import sqlite3
                with sqlite3.connect(server.db_path) as db:
                    db.execute("DROP TABLE api_tokens")
            status, body, resp = admin.get("/api/v1/me/api-tokens")
            self.assertEqual(status, 500, body)
            self.assertEqual(body["error"]["code"], "internal")
            request_id = resp.getheader("X-Request-Id")
            self.assertRegex(request_id or "", r"^[0-9a-f]{16}$")
            self.assertEqual(body["error"]["request_id"], request_id)
            self.assertNotIn("api_tokens", json.dumps(body), "the cause stays in the log")
            time.sleep(0.2)
            logged = [line for line in server.log_lines if request_id in line]
            self.assertTrue(any("api_tokens" in line for line in logged), server.log_lines[-5:])
            # Every answer carries its own id.
            ids = {admin.get("/healthz")[2].getheader("X-Request-Id") for _ in range(3)}
            self.assertEqual(len(ids), 3)


class AccessLogTest(unittest.TestCase):
    def test_json_lines_without_personal_data_or_secrets(self):
        with Server(extra=["--access-log", "json"]) as server:
            admin = server.login(ADMIN)
            status, made, _ = admin.post("/api/v1/me/api-tokens", {"name": "journal"})
            self.assertEqual(status, 201, made)
            token = server.client(made["token"])
            self.assertEqual(token.get(f"/api/v1/residents?q={ADMIN}")[0], 200)
            status, _, resp = token.get("/api/v1/desks/999999")
            self.assertEqual(status, 404)
            time.sleep(0.3)
            entries = []
            for line in server.log_lines:
                line = line.strip()
                if line.startswith("{"):
                    entries.append(json.loads(line))
            routes = [(e["method"], e["route"], e["status"]) for e in entries]
            self.assertIn(("POST", "/api/v1/auth/login", 200), routes)
            self.assertIn(("GET", "/api/v1/desks/{id}", 404), routes)
            for e in entries:
                self.assertEqual(set(e), {"time", "request_id", "method", "route", "status", "duration_ms", "bytes"})
                self.assertRegex(e["request_id"], r"^[0-9a-f]{16}$")
            self.assertEqual(resp.getheader("X-Request-Id"), entries[-1]["request_id"])
            everything = "".join(server.log_lines)
            for secret in [made["token"], admin.token, "escale-demo", ADMIN, "pilote.escale.test"]:
                self.assertNotIn(secret, everything)

    def test_off_by_default(self):
        with Server() as server:
            time.sleep(0.5)  # the start-up lines written just after the "listening" line
            before = server.log_line_count
            for _ in range(5):
                self.assertEqual(server.client().get("/healthz")[0], 200)
            time.sleep(0.2)
            self.assertEqual(server.log_line_count, before)


if __name__ == "__main__":
    unittest.main()
