"""Starts a real `escale serve` on a free loopback port for API tests, and speaks HTTP to it.

Only the Python standard library is used. The binary comes from $ESCALE_BIN (set by CTest).
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import threading

BIN = os.environ.get("ESCALE_BIN", os.path.join(os.path.dirname(__file__), "../../build/escale"))
DEMO_PASSWORD = "escale-demo"
# Monday 2 March 2026, 09:00 in Paris: the instant test servers start at.
TEST_NOW = "2026-03-02T08:00:00Z"


class Server:
    """A running server with its own temporary database. Use as a context manager."""

    def __init__(self, demo="pilot", test_clock=TEST_NOW, extra=()):
        self.dir = tempfile.TemporaryDirectory(prefix="escale-api-")
        self.db_path = os.path.join(self.dir.name, "escale.db")
        args = [BIN, "serve", "--listen", "127.0.0.1:0", "--db", "sqlite:" + self.db_path, "--demo", demo]
        if test_clock:
            args += ["--test-clock", test_clock]
        args += list(extra)
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.port = None
        for line in self.proc.stdout:
            m = re.match(r"escale: listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            raise RuntimeError("server did not start: " + self.proc.stderr.read())
        # Keep draining output so the server never blocks on a full pipe.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()
        return self.proc.returncode

    def client(self, token=None):
        return Client(self.port, token)

    def login(self, email, password=DEMO_PASSWORD):
        c = self.client()
        status, body, _ = c.post("/api/v1/auth/login", {"email": email, "password": password})
        if status != 200:
            raise AssertionError(f"login {email}: {status} {body}")
        c.token = body["token"]
        return c

    def set_clock(self, instant):
        status, body, _ = self.client().request("PUT", "/api/v1/test/clock", {"now": instant})
        assert status == 200, body

    def db(self):
        """A read-only connection to the server's database, to check invariants at the source."""
        return sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)


class Client:
    """One keep-alive HTTP/1.1 connection; not thread-safe."""

    def __init__(self, port, token=None):
        self.port = port
        self.token = token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None, headers=None, raw=None):
        h = dict(headers or {})
        if self.token:
            h.setdefault("Authorization", "Bearer " + self.token)
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=data, headers=h)
                resp = self.conn.getresponse()
                payload = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        ctype = resp.getheader("Content-Type", "")
        parsed = json.loads(payload) if payload and ctype.startswith("application/json") else payload
        return resp.status, parsed, resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def close(self):
        self.conn.close()


def assert_error(testcase, result, status, code):
    """Checks an error answer: its status, its stable code, and a French message."""
    got_status, body, _ = result
    testcase.assertEqual(got_status, status, body)
    testcase.assertIsInstance(body, dict, body)
    testcase.assertEqual(body["error"]["code"], code, body)
    testcase.assertTrue(body["error"]["message"], body)
