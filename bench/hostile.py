# SPDX-License-Identifier: EUPL-1.2
"""Hostile loads (issue 14): while others try to exhaust the server, is a normal client still
served within 100 ms, and do the server's memory and log stay bounded?

For each load, a fresh `escale serve` on the cite demo (SQLite, or PostgreSQL with --pg-url).
A normal client, on a fresh connection each time as a browser opening the app would, asks for
`/healthz` every 100 ms and books (then cancels) a desk every 300 ms, before the load (the
baseline) and during it. Printed per load: the probes' median, 95th percentile and maximum,
how many took over 100 ms or failed; the server's RSS before, at its peak and 3 s after the
load; the bytes it logged during the load.

The loads are those of the issue's findings:
  idle-connections  3,000 connections that never finish a request, the server at the systemd
                    default of 1,024 open files (finding 1);
  unread-answers    3,000 clients that ask for the OpenAPI document and never read (finding 2);
  login-flood       32 threads of failed logins from rotating addresses (finding 3);
  account-lock      8 threads guessing the administrator's password from rotating addresses,
                    while the owner logs in with the right one (finding 4);
  malformed         16 threads of malformed, truncated and oversized requests (finding 9).

Usage: python3 bench/hostile.py [--seconds 8] [--loads a,b] [--pg-url postgresql://...]
"""
import argparse
import http.client
import json
import multiprocessing
import os
import random
import resource
import socket
import statistics
import tempfile
import threading
import time
import shutil
import uuid

import bench

PROBE_HEALTHZ_S, PROBE_BOOK_S = 0.1, 0.3
ADMIN = bench.ADMIN


def request(port, method, path, token=None, body=None, headers=None, timeout=10):
    """One request on a fresh connection: (status, seconds)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = {"Content-Type": "application/json", **(headers or {})}
    if token:
        h["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        status = resp.status
        answer = json.loads(data) if data and resp.getheader("Content-Type", "").startswith("application/json") else None
    except OSError:
        status, answer = None, None
    finally:
        conn.close()
    return status, time.perf_counter() - started, answer


class Probe:
    """The normal client: /healthz and a booking at a steady pace, timings kept."""

    def __init__(self, port, token, desk, date):
        self.port, self.token, self.desk, self.date = port, token, desk, date
        self.healthz, self.booking, self.failed = [], [], 0
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run_healthz), threading.Thread(target=self.run_booking)]

    def run_healthz(self):
        while not self.stop.wait(PROBE_HEALTHZ_S):
            status, took, _ = request(self.port, "GET", "/healthz")
            self.healthz.append(took)
            self.failed += status != 200

    def run_booking(self):
        while not self.stop.wait(PROBE_BOOK_S):
            status, took, booked = request(self.port, "POST", "/api/v1/desk-bookings", self.token,
                                           {"desk_id": self.desk, "date": self.date, "period": "am"})
            self.booking.append(took)
            self.failed += status != 201
            if status == 201:
                request(self.port, "DELETE", f"/api/v1/desk-bookings/{booked['bookings'][0]['id']}", self.token)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()

    def summary(self):
        def ms(xs):
            if not xs:
                return "-"
            xs = sorted(xs)
            return f"{statistics.median(xs) * 1000:.1f}/{xs[int(0.95 * (len(xs) - 1))] * 1000:.1f}/{xs[-1] * 1000:.0f}"
        slow = sum(t > 0.1 for t in self.healthz + self.booking)
        return ms(self.healthz), ms(self.booking), slow, len(self.healthz) + len(self.booking), self.failed


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(l for l in f if l.startswith("VmRSS:")).split()[1])


def random_address():
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


# The loads: each runs until `stop` is set, and returns what it wants printed.

def holding(count, open_one, what):
    """A load that opens `count` connections with `open_one(port)`, holds them until stopped."""
    def run(port, stop, _):
        held = []
        for i in range(count):
            try:
                held.append(open_one(port, i))
            except OSError:
                pass
        stop.wait()
        for s in held:
            s.close()
        return f"{len(held)} {what}"
    return run


def unfinished_request(port, i):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    if i % 3 == 0:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: escale\r\n")
    return s


def unread_answer(port, _):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: escale\r\n\r\n")
    return s


idle_connections = holding(3000, unfinished_request, "connections opened")
unread_answers = holding(3000, unread_answer, "unread answers")


def threads_of(count, body):
    counts = {}
    lock = threading.Lock()

    def loop(stop):
        while not stop.is_set():
            status = body()
            with lock:
                counts[status] = counts.get(status, 0) + 1

    def run(port, stop, _):
        ts = [threading.Thread(target=loop, args=(stop,)) for _ in range(count)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return " ".join(f"{k}:{v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
    return run


def login_flood(port, stop, _):
    return threads_of(32, lambda: request(port, "POST", "/api/v1/auth/login",
                                          body={"email": f"x{random.randrange(10**9)}@exemple.fr", "password": "y" * 12},
                                          headers={"X-Forwarded-For": random_address()})[0])(port, stop, _)


def account_lock(port, stop, owner):
    result = threads_of(8, lambda: request(port, "POST", "/api/v1/auth/login",
                                           body={"email": ADMIN, "password": "devine-" + uuid.uuid4().hex[:8]},
                                           headers={"X-Forwarded-For": random_address()})[0])
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("r", result(port, stop, None)))
    t.start()
    # The owner, from their usual address, every second: still let in?
    ok = tries = 0
    while not stop.wait(1.0):
        tries += 1
        ok += request(port, "POST", "/api/v1/auth/login", body={"email": ADMIN, "password": bench.PASSWORD})[0] == 200
    t.join()
    return f"{box['r']}; owner let in {ok}/{tries}"


MALFORMED = [
    b"GET / HTTP/1.1\r\n\r\n",                                             # no Host
    b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/floors/1%2F..%2F/plan HTTP/1.1\r\nHost: x\r\n\r\n",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"email\":\"a\",\"email\"",
    b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n",
    b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"X-Junk: " + b"b" * 70000 + b"\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64),    # a TLS hello
    b"GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
]


def malformed(port, stop, _):
    def one():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(random.choice(MALFORMED))
                s.shutdown(socket.SHUT_WR)
                head = s.recv(64)
                return head[9:12].decode(errors="replace") or "closed"
        except OSError as e:
            return type(e).__name__
    return threads_of(16, one)(port, stop, None)


LOADS = {"idle-connections": idle_connections, "unread-answers": unread_answers, "login-flood": login_flood,
         "account-lock": account_lock, "malformed": malformed}


def run_load(workdir, name, seconds, db_url):
    extra = ["--trusted-proxy", "127.0.0.1"] if name in ("login-flood", "account-lock") else []
    server = bench.Server(os.path.join(workdir, name), db_url=db_url, extra=extra,
                          nofile=1024 if name == "idle-connections" else None)
    try:
        admin = bench.login(server.port, ADMIN)
        desks = bench.call(server.port, "GET", f"/api/v1/floors/{bench.AVAIL_FLOOR}/availability?date={bench.AVAIL_DATE}", admin)[1]
        desk = next(d["id"] for d in desks["desks"])
        with Probe(server.port, admin, desk, bench.AVAIL_DATE) as before:
            time.sleep(seconds / 2)
        rss_before = rss_kib(server.proc.pid)
        log_before = os.path.getsize(server.log_path)
        # The attacker in a process of its own: the normal client is another program, and a
        # load running in this one would make the probes wait for Python's interpreter lock
        # (each of a probe's socket calls gives it up and waits up to 5 ms to get it back).
        fork = multiprocessing.get_context("fork")
        stop, answer = fork.Event(), fork.Queue()
        load = fork.Process(target=lambda: answer.put(LOADS[name](server.port, stop, admin)))
        load.start()
        peak = rss_before
        with Probe(server.port, admin, desk, bench.AVAIL_DATE) as during:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                peak = max(peak, rss_kib(server.proc.pid))
                time.sleep(0.1)
        stop.set()
        said = answer.get(timeout=120)
        load.join()
        logged = os.path.getsize(server.log_path) - log_before
        time.sleep(3)
        rss_after = rss_kib(server.proc.pid)
        return {"before": before.summary(), "during": during.summary(), "rss": (rss_before, peak, rss_after),
                "logged": logged, "load": said}
    finally:
        server.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=8, help="how long each load lasts (the baseline: half that)")
    p.add_argument("--loads", default=",".join(LOADS), help="which loads, comma-separated")
    p.add_argument("--pg-url", help="a PostgreSQL database to run on instead of SQLite (emptied by each server's demo load)")
    a = p.parse_args()
    # The loads hold thousands of sockets: this process needs the room.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    print(f"escale hostile loads, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}: {os.cpu_count()} cores, "
          f"load {' '.join(open('/proc/loadavg').read().split()[:3])}, {'PostgreSQL' if a.pg_url else 'SQLite'}, "
          f"{a.seconds:g} s per load", flush=True)
    workdir = tempfile.mkdtemp(prefix="escale-hostile-")
    rows = []
    try:
        for name in a.loads.split(","):
            r = run_load(workdir, name, a.seconds, a.pg_url)
            rows.append((name, r))
            print(f"{name}: {r['load']}", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\nprobe times in ms: median/p95/max; over 100 ms and failed, of all probes; RSS MiB before/peak/3 s after")
    print(f"{'load':<17} {'/healthz before':>16} {'/healthz during':>16} {'booking before':>16} {'booking during':>16} "
          f"{'>100ms':>7} {'failed':>6} {'RSS MiB':>15} {'logged':>8}")
    for name, r in rows:
        hb, bb, _, _, _ = r["before"]
        hd, bd, slow, n, failed = r["during"]
        rss = "/".join(f"{k / 1024:.0f}" for k in r["rss"])
        print(f"{name:<17} {hb:>16} {hd:>16} {bb:>16} {bd:>16} {f'{slow}/{n}':>7} {failed:>6} {rss:>15} "
              f"{r['logged']:>7}B")


if __name__ == "__main__":
    main()
