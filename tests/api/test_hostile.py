# SPDX-License-Identifier: EUPL-1.2
"""Hostile load (issue 14, findings 1 to 3): a normal client is still served while others
exhaust the server's file descriptors, memory or password-hashing capacity, and the server's
log and memory stay bounded. The bounds are generous on purpose (this machine is shared and
noisy): they tell "served" from "not served", not a latency; the figures are in the notes."""
import socket
import time
import unittest

from escale_server import Client, Server

# The test clock stands at Monday 2 March 2026, 09:00 in Paris.
WEDNESDAY = "2026-03-04"
AGENT = "agent01@pilote.escale.test"


def first_agent(server):
    admin = server.login("admin@pilote.escale.test")
    status, residents, _ = admin.get("/api/v1/residents")
    assert status == 200, residents
    return next(r["email"] for r in residents if r["role"] == "agent")


def free_desk(client, date):
    status, site, _ = client.get("/api/v1/sites/1")
    assert status == 200, site
    floor = site["floors"][0]["id"]
    status, avail, _ = client.get(f"/api/v1/floors/{floor}/availability?date={date}")
    assert status == 200, avail
    return [d["id"] for d in avail["desks"]]


def hold_connections(port, count):
    """Opens `count` connections that never finish a request: two in three send nothing,
    one in three the start of a header."""
    held = []
    for i in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        if i % 3 == 0:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: escale\r\n")
        held.append(s)
    return held


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


class FileDescriptorExhaustion(unittest.TestCase):
    """Finding 1: with a low limit of open files, idle and unfinished connections must not
    keep a normal client out, nor make the accept loop spin and flood the log."""

    def check_served_during_flood(self, extra):
        with Server(nofile=256, extra=extra) as s:
            email = first_agent(s)
            agent = s.login(email)
            desks = free_desk(agent, WEDNESDAY)
            token = agent.token
            agent.close()
            lines_before = s.log_line_count
            held = hold_connections(s.port, 1200)
            try:
                time.sleep(1.0)
                fresh = Client(s.port)
                fresh.conn.timeout = 5
                (status, body, _), took = timed(lambda: fresh.get("/healthz"))
                self.assertEqual(status, 200, body)
                self.assertLess(took, 5)
                booker = Client(s.port, token)
                booker.conn.timeout = 5
                (status, body, _), took = timed(lambda: booker.post(
                    "/api/v1/desk-bookings", {"desk_id": desks[0], "date": WEDNESDAY, "period": "am"}))
                self.assertEqual(status, 201, body)
                self.assertLess(took, 5)
                time.sleep(1.0)
                # A warning now and then, not one per failed accept.
                self.assertLess(s.log_line_count - lines_before, 50, "".join(s.log_lines[-20:]))
            finally:
                for h in held:
                    h.close()

    def test_default_cap_keeps_room_below_the_limit(self):
        self.check_served_during_flood([])

    def test_accept_backs_off_when_descriptors_run_out(self):
        # A cap above the limit: accept itself fails (EMFILE); the server backs off, sheds
        # idle connections and keeps serving.
        self.check_served_during_flood(["--max-connections", "100000"])

    def test_idle_keep_alive_connections_are_shed_first(self):
        with Server(extra=["--max-connections", "20"]) as s:
            idle = []
            for _ in range(10):
                c = s.client()
                self.assertEqual(c.get("/healthz")[0], 200)
                idle.append(c)
            unfinished = hold_connections(s.port, 9)
            try:
                # The 20th and 21st connections: the cap is reached, the oldest idle
                # keep-alive connections go first; the unfinished requests are kept.
                newcomers = [s.client(), s.client()]
                for c in newcomers:
                    self.assertEqual(c.get("/healthz")[0], 200)
                time.sleep(0.5)
                closed = 0
                for c in idle:
                    c.conn.sock.settimeout(0.2)
                    try:
                        closed += c.conn.sock.recv(1) == b""
                    except (socket.timeout, ConnectionResetError):
                        pass
                self.assertGreaterEqual(closed, 1)
                for u in unfinished[1:]:  # the first sent a partial header: finish it
                    u.settimeout(0.2)
                    try:
                        self.assertNotEqual(u.recv(1), b"", "an unfinished request was shed before an idle one")
                    except socket.timeout:
                        pass
            finally:
                for u in unfinished:
                    u.close()


if __name__ == "__main__":
    unittest.main()
