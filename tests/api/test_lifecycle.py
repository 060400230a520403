# SPDX-License-Identifier: EUPL-1.2
"""The process around the API: health probes, graceful stop on SIGTERM, timeouts on silent
connections, and `escale user add` feeding a database that a server then uses."""
import json
import os
import select
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest

from escale_server import BIN, DEMO_PASSWORD, Server, assert_error, parse_head

ADMIN = "admin@pilote.escale.test"
READ_TIMEOUT = 15  # ServerOptions::read_timeout
SHUTDOWN_GRACE = 10  # ServerOptions::shutdown_grace


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def http_request(method, path, body=None, token=None, close=False):
    data = json.dumps(body).encode() if body is not None else b""
    lines = [f"{method} {path} HTTP/1.1", "Host: escale"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(data)}"]
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + data


def read_response(sock, timeout=30):
    """Reads one complete response (Content-Length framed). Returns (status, headers, body);
    raises AssertionError if the connection ends before the response is complete."""
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed before a complete response header: {data!r}")
        data += chunk
    status, headers, body = parse_head(data)
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed after {len(body)} of {length} body bytes")
        body += chunk
    return status, headers, body[:length]


def wait_closed(sock, timeout):
    """Seconds until the peer closes the connection (EOF or reset), or None after timeout."""
    start = time.monotonic()
    sock.settimeout(0.5)
    while time.monotonic() - start < timeout:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return time.monotonic() - start
        if not chunk:
            return time.monotonic() - start
    return None


def start_on(db_path):
    """`escale serve` on a database file that outlives it (real clock, pilot demo if empty)."""
    return Server(demo="pilot", test_clock=None, db_url="sqlite:" + db_path)


def try_login(server, email, password):
    c = server.client()
    status, body, _ = c.post("/api/v1/auth/login", {"email": email, "password": password})
    return status, body, c


def user_add(db_path, email, name, password, role="admin", extra=()):
    args = [BIN, "user", "add", "--email", email, "--name", name, "--role", role, "--db", "sqlite:" + db_path]
    return subprocess.run(args + list(extra), input=password, capture_output=True, text=True, timeout=60)


class HealthTest(unittest.TestCase):
    def test_healthz_and_readyz(self):
        with Server() as server:
            anon = server.client()
            status, body, resp = anon.get("/healthz")
            self.assertEqual((status, body), (200, {"status": "ok"}))
            self.assertTrue(resp.getheader("Content-Type").startswith("application/json"))
            status, body, _ = anon.get("/readyz")
            self.assertEqual((status, body), (200, {"status": "ready"}))
            # Probes need no session, even with a bad one.
            self.assertEqual(server.client("f" * 64).get("/healthz")[0], 200)
            self.assertEqual(server.client("f" * 64).get("/readyz")[0], 200)
            assert_error(self, anon.request("POST", "/readyz"), 405, "method_not_allowed")


class ShutdownTest(unittest.TestCase):
    def test_sigterm_finishes_the_request_in_flight_and_exits_0(self):
        server = Server(real_passwords=True)
        try:
            sock = connect(server.port)
            # A first request, so that the connection is an established keep-alive one.
            sock.sendall(http_request("GET", "/healthz"))
            status, headers, _ = read_response(sock)
            self.assertEqual(status, 200)
            self.assertNotEqual(headers.get("connection", "").lower(), "close")
            # A login hashes with argon2id (about 0.1 s): SIGTERM arrives while it runs.
            sock.sendall(http_request("POST", "/api/v1/auth/login", {"email": ADMIN, "password": DEMO_PASSWORD}))
            time.sleep(0.02)  # let the server read the request; the hash is still running
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                self.skipTest("the login answered within 20 ms: nothing was in flight to test the stop with")
            signalled = time.monotonic()
            server.proc.send_signal(signal.SIGTERM)
            status, headers, body = read_response(sock, timeout=SHUTDOWN_GRACE + 5)
            self.assertEqual(status, 200, body)
            answer = json.loads(body)
            self.assertRegex(answer["token"], r"^[0-9a-f]{64}$")
            self.assertEqual(answer["resident"]["email"], ADMIN)
            self.assertEqual(headers.get("connection", "").lower(), "close",
                             "a response written during the stop must announce the close")
            self.assertIsNotNone(wait_closed(sock, 5), "the connection must be closed after its last response")
            code = server.proc.wait(SHUTDOWN_GRACE + 5)
            self.assertEqual(code, 0, "a graceful stop exits 0")
            self.assertLess(time.monotonic() - signalled, 5, "the stop must not wait for the grace period")
            sock.close()
        finally:
            server.stop()

    def test_sigterm_while_a_body_is_still_arriving_lets_the_request_finish(self):
        """A request whose headers and part of whose body have arrived is in flight, not idle."""
        server = Server()
        try:
            sock = connect(server.port)
            request = http_request("POST", "/api/v1/auth/login", {"email": ADMIN, "password": DEMO_PASSWORD})
            sock.sendall(request[:-10])
            time.sleep(0.1)
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.2)
            try:
                sock.sendall(request[-10:])
                status, headers, body = read_response(sock, timeout=SHUTDOWN_GRACE + 5)
            except (AssertionError, OSError) as e:
                self.fail(f"the request being uploaded at SIGTERM was dropped instead of answered: {e}")
            self.assertEqual(status, 200, body)
            self.assertEqual(len(json.loads(body)["token"]), 64)
            self.assertEqual(server.proc.wait(SHUTDOWN_GRACE + 5), 0)
            sock.close()
        finally:
            server.stop()

    def test_sigint_stops_gracefully_too(self):
        server = Server()
        try:
            self.assertEqual(server.client().get("/healthz")[0], 200)
            server.proc.send_signal(signal.SIGINT)
            self.assertEqual(server.proc.wait(SHUTDOWN_GRACE + 5), 0)
        finally:
            server.stop()

    def test_several_requests_in_flight_all_complete(self):
        server = Server()
        try:
            socks = [connect(server.port) for _ in range(4)]
            for s in socks:
                s.sendall(http_request("GET", "/healthz"))
                self.assertEqual(read_response(s)[0], 200)
            for s in socks:
                s.sendall(http_request("POST", "/api/v1/auth/login", {"email": ADMIN, "password": DEMO_PASSWORD}))
            time.sleep(0.02)
            server.proc.send_signal(signal.SIGTERM)
            for s in socks:
                status, _, body = read_response(s, timeout=SHUTDOWN_GRACE + 5)
                self.assertEqual(status, 200, body)
                self.assertEqual(len(json.loads(body)["token"]), 64)
                s.close()
            self.assertEqual(server.proc.wait(SHUTDOWN_GRACE + 5), 0)
        finally:
            server.stop()

    def test_idle_keep_alive_connections_are_closed_at_shutdown(self):
        server = Server()
        try:
            idle = []
            for _ in range(3):  # keep-alive connections that have been served and now wait
                s = connect(server.port)
                s.sendall(http_request("GET", "/healthz"))
                self.assertEqual(read_response(s)[0], 200)
                idle.append(s)
            silent = connect(server.port)  # a connection that has sent nothing yet
            time.sleep(0.1)
            start = time.monotonic()
            server.proc.send_signal(signal.SIGTERM)
            code = server.proc.wait(SHUTDOWN_GRACE + 5)
            elapsed = time.monotonic() - start
            self.assertEqual(code, 0)
            self.assertLess(elapsed, 3, f"idle connections must not hold the stop ({elapsed:.1f} s)")
            for s in idle + [silent]:
                self.assertIsNotNone(wait_closed(s, 2), "every connection is closed by the stop")
                s.close()
            with self.assertRaises(OSError):
                socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
        finally:
            server.stop()


class TimeoutTest(unittest.TestCase):
    def test_silent_and_slow_connections_are_dropped_after_the_read_timeout(self):
        """Takes about 17 s: the read timeout is 15 s and cannot be shortened from the command line."""
        if os.environ.get("ESCALE_SKIP_SLOW"):
            self.skipTest("ESCALE_SKIP_SLOW is set: this test waits out the 15 s read timeout")
        with Server() as server:
            silent = connect(server.port)
            slow = connect(server.port)
            served = connect(server.port)  # served once, then idle: the 60 s idle timeout applies
            served.sendall(http_request("GET", "/healthz"))
            self.assertEqual(read_response(served)[0], 200)
            start = time.monotonic()
            results = {}

            def trickle():
                # A request whose header never ends: one header line per second.
                try:
                    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: escale\r\n")
                    for i in range(30):
                        time.sleep(1)
                        slow.sendall(f"X-Lent-{i}: encore\r\n".encode())
                except OSError:
                    pass
                results["slow_ended"] = time.monotonic() - start

            def watch_silent():
                results["silent"] = wait_closed(silent, READ_TIMEOUT + 10)

            threads = [threading.Thread(target=trickle), threading.Thread(target=watch_silent)]
            for t in threads:
                t.start()
            threads[1].join()
            slow_closed = wait_closed(slow, READ_TIMEOUT + 10 - (time.monotonic() - start))
            threads[0].join()
            silent_after = results["silent"]
            self.assertIsNotNone(silent_after, "a connection that sends nothing must be dropped")
            self.assertGreater(silent_after, READ_TIMEOUT - 1.5, "not before the read timeout")
            self.assertLess(silent_after, READ_TIMEOUT + 5)
            self.assertIsNotNone(slow_closed, "a request trickled slower than the read timeout must be dropped")
            self.assertLess(results["slow_ended"], READ_TIMEOUT + 8,
                            "the trickled request is cut at the read timeout, not after 30 header lines")
            # The connection served once is still open (idle timeout 60 s) and still serves.
            served.sendall(http_request("GET", "/healthz", close=True))
            self.assertEqual(read_response(served)[0], 200)
            for s in (silent, slow, served):
                s.close()
            self.assertEqual(server.client().get("/healthz")[0], 200)


class UserAddTest(unittest.TestCase):
    def test_user_add_creates_an_account_a_server_can_log_in(self):
        with tempfile.TemporaryDirectory(prefix="escale-api-") as tmp:
            db = os.path.join(tmp, "escale.db")
            first = start_on(db)
            try:
                status, body, _ = try_login(first, ADMIN, DEMO_PASSWORD)
                self.assertEqual(status, 200, body)
            finally:
                self.assertEqual(first.stop(), 0)

            run = user_add(db, "Nouvelle.Admin@Exemple.gouv.fr", "Nouvelle Administratrice", "un-mot-de-passe-sûr\n",
                           extra=["--service", "SGAR-MCM"])
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("nouvelle.admin@exemple.gouv.fr", run.stdout)
            # The same address again, in another case: refused, nothing changes.
            again = user_add(db, "NOUVELLE.ADMIN@exemple.gouv.fr", "Doublon", "autre-mot-de-passe\n")
            self.assertNotEqual(again.returncode, 0, again.stdout)
            self.assertIn("already_exists", again.stderr)
            short = user_add(db, "court@exemple.gouv.fr", "Court", "court\n")
            self.assertNotEqual(short.returncode, 0, short.stdout)
            unknown = user_add(db, "sans.service@exemple.gouv.fr", "Sans Service", "mot-de-passe-long\n",
                               extra=["--service", "PAS-UN-SERVICE"])
            self.assertNotEqual(unknown.returncode, 0, unknown.stdout)

            second = start_on(db)
            try:
                status, body, client = try_login(second, "nouvelle.admin@exemple.gouv.fr", "un-mot-de-passe-sûr")
                self.assertEqual(status, 200, body)
                me = body["resident"]
                self.assertEqual(me["role"], "admin")
                self.assertEqual(me["display_name"], "Nouvelle Administratrice")
                self.assertEqual(me["site_id"], 1)
                client.token = body["token"]
                status, residents, _ = client.get("/api/v1/residents")
                self.assertEqual(status, 200, residents)
                self.assertEqual(len(residents), 37, "36 demo residents, loaded once, and the new one")
                self.assertEqual(sum(r["email"] == "nouvelle.admin@exemple.gouv.fr" for r in residents), 1)
                self.assertNotIn("court@exemple.gouv.fr", [r["email"] for r in residents])
                self.assertNotIn("sans.service@exemple.gouv.fr", [r["email"] for r in residents])
                status, site, _ = client.get("/api/v1/sites/1")
                mcm = next(s["id"] for s in site["services"] if s["code"] == "SGAR-MCM")
                self.assertEqual(me["service_id"], mcm)
                # An admin indeed: it may write the referential.
                status, created, _ = client.post("/api/v1/closures", {"site_id": 1, "date": "2026-05-15"})
                self.assertEqual(status, 201, created)
                status, body, _ = try_login(second, "nouvelle.admin@exemple.gouv.fr", "autre-mot-de-passe")
                self.assertEqual(status, 401, body)
                # The demo accounts are untouched.
                self.assertEqual(try_login(second, ADMIN, DEMO_PASSWORD)[0], 200)
            finally:
                self.assertEqual(second.stop(), 0)


if __name__ == "__main__":
    unittest.main()
