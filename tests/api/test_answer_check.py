# SPDX-License-Identifier: EUPL-1.2
"""The harness's check of answers against docs/openapi.json fails where it must (no server)."""
import json
import unittest

from openapi_check import AnswerMismatch, check_answer, exponent_numbers

JSON = "application/json; charset=utf-8"


def body(v):
    return json.dumps(v).encode()


class AnswerCheck(unittest.TestCase):
    def test_exponents_are_found_outside_strings_only(self):
        self.assertEqual(exponent_numbers('{"sub_m2":5.76E2,"rate":0E0,"x":1.0285714285714286E2}'),
                         ["5.76E2", "0E0", "1.0285714285714286E2"])
        self.assertEqual(exponent_numbers('{"a":"5E2 \\" 1e3","b":576,"c":-0.5,"d":[0,102.85714285714286]}'), [])
        with self.assertRaises(AnswerMismatch):
            check_answer("GET", "/healthz", 200, JSON, b'{"status":"ok","n":1e3}')

    def test_a_documented_answer_passes(self):
        check_answer("GET", "/healthz", 200, JSON, body({"status": "ok"}))
        check_answer("GET", "/api/v1/desks/7", 404, JSON, body({"error": {"code": "not_found", "message": "x"}}))
        check_answer("DELETE", "/api/v1/desks/7", 204, "", b"")

    def test_a_schema_mismatch_names_operation_status_path_and_rule(self):
        with self.assertRaises(AnswerMismatch) as e:
            check_answer("GET", "/api/v1/auth/session", 200, JSON, body({"resident": {}, "roles": [{"id": -1}]}))
        text = str(e.exception)
        for part in ("GET /api/v1/auth/session", "getSession", "200", "$.roles[0]", "required", "minimum"):
            self.assertIn(part, text)

    def test_undocumented_status_or_route_fails(self):
        error = body({"error": {"code": "slot_taken", "message": "x"}})
        with self.assertRaises(AnswerMismatch):
            check_answer("GET", "/healthz", 409, JSON, error)
        with self.assertRaises(AnswerMismatch):
            check_answer("GET", "/api/v1/nowhere", 200, JSON, body({"status": "ok"}))
        check_answer("GET", "/api/v1/nowhere", 404, JSON, body({"error": {"code": "route_not_found", "message": "x"}}))
        check_answer("PUT", "/api/v1/desks/1", 405, JSON, body({"error": {"code": "method_not_allowed", "message": "x"}}))
        with self.assertRaises(AnswerMismatch):
            check_answer("PUT", "/api/v1/desks/1", 404, JSON, body({"error": {"code": "route_not_found", "message": "x"}}))

    def test_a_json_answer_where_another_media_type_is_documented_fails(self):
        with self.assertRaises(AnswerMismatch):
            check_answer("GET", "/api/v1/floors/1/plan", 200, JSON, body({"svg": ""}))
        check_answer("GET", "/api/v1/floors/1/plan", 200, "image/svg+xml", b"<svg/>")


if __name__ == "__main__":
    unittest.main()
