# SPDX-License-Identifier: EUPL-1.2
"""JSON answers compressed with gzip (issue 11, weight of the web app; src/http/content_coding):
a large answer asked with Accept-Encoding: gzip comes compressed (Content-Encoding, Vary) and
decodes to the same JSON as the plain answer; a small one, or a client that does not take
gzip, gets the plain bytes. Raw requests through http.client, as a browser sends them."""
import gzip
import http.client
import json
import unittest

from escale_server import Server
from openapi_check import check_answer


class CompressionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.server.__enter__()
        cls.token = cls.server.login("claire.dubreuil@pilote.escale.test").token

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def raw_get(self, path, encoding=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        headers = {"Authorization": "Bearer " + self.token}
        if encoding is not None:
            headers["Accept-Encoding"] = encoding
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp, body

    def test_a_large_answer_is_compressed_and_decodes_to_the_same_json(self):
        path = "/api/v1/floors/1/availability?date=2026-03-03"
        plain_resp, plain = self.raw_get(path)
        self.assertEqual(plain_resp.status, 200)
        self.assertIsNone(plain_resp.getheader("Content-Encoding"))
        self.assertGreater(len(plain), 1024)

        resp, packed = self.raw_get(path, "gzip, deflate, br")
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.getheader("Content-Encoding"), "gzip")
        self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
        self.assertEqual(int(resp.getheader("Content-Length")), len(packed))
        self.assertLess(len(packed), len(plain) / 3)
        decoded = gzip.decompress(packed)
        check_answer("GET", path, resp.status, resp.getheader("Content-Type"), decoded)
        self.assertEqual(json.loads(decoded), json.loads(plain))

    def test_small_answers_and_clients_without_gzip_get_plain_bytes(self):
        resp, body = self.raw_get("/api/v1/auth/session", "gzip")
        self.assertEqual(resp.status, 200)
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertEqual(json.loads(body)["resident"]["email"], "claire.dubreuil@pilote.escale.test")

        path = "/api/v1/floors/1/availability?date=2026-03-03"
        for refusing in ("gzip;q=0", "br", "identity"):
            resp, body = self.raw_get(path, refusing)
            self.assertIsNone(resp.getheader("Content-Encoding"), refusing)
            self.assertIn("desks", json.loads(body))

    def test_an_error_answer_is_json_whatever_the_encoding(self):
        resp, body = self.raw_get("/api/v1/floors/999999/availability?date=2026-03-03", "gzip")
        self.assertEqual(resp.status, 404)
        self.assertIsNone(resp.getheader("Content-Encoding"))
        self.assertIn("error", json.loads(body))


if __name__ == "__main__":
    unittest.main()
