#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Escale benchmark: every figure in one run, printed as one table at the end (run it through
bench/run.sh; bench/README.md explains each figure).

Parts (--parts, all by default), each on SQLite and on PostgreSQL (--databases) where the part
touches the database:
  static     nginx serving a file as small as /healthz's answer, the same wrk load: what a fast
             HTTP server does on this machine;
  reads      GET /healthz and GET /api/v1/floors/1/availability side by side on one server;
  booking    POST /api/v1/desk-bookings (book.lua), a fresh copy per run (SQLite: --sync full and
             normal), and the latency of /healthz during that load;
  rush       the cite rush (rush.py), then its invariants checked in the database;
  spaces     a space's day, and POST /api/v1/space-bookings (space_book.lua);
  login      one Argon2id login at a time;
  startup    from the process's start to /healthz answering: a new database (the demo written)
             and a restart, pilot and cite;
  analytics  analytics.py's dashboard queries on a year of the cite;
  planning   build/planning_bench (Google Benchmark, the pure planning engine).
Every server starts from one prepared state: a cite database where every resident logged in
once (850 Argon2id logins, paid once), copied per run (PostgreSQL: moved there once by
`escale migrate-data`, then CREATE DATABASE ... TEMPLATE).
"""
import argparse
import collections
import http.client
import json
import os
import re
import resource
import shutil
import signal
import statistics
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import rush
from backends import Cluster, PostgresBackend, SqliteBackend

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("ESCALE_BIN", os.path.join(HERE, "..", "build", "escale"))
CLOCK = "2026-03-02T08:00:00Z"  # Monday 2 March 2026, 09:00 in Paris
PASSWORD = "escale-demo"
ADMIN = "admin@cite.escale.test"
AVAIL_FLOOR, AVAIL_DATE = 1, "2026-03-04"
# Working days from tomorrow to the end of the 28-day horizon (weekends are closed).
BOOK_DATES = [f"2026-03-{d:02d}" for d in range(3, 31) if d not in (7, 8, 14, 15, 21, 22, 28, 29)]
RUSH_DAYS = ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"]
# collective spaces: the working days before the change to summer time (29 March), all +01:00.
SPACE_DATES = [d for d in BOOK_DATES if d < "2026-03-29"]
SPACE_DAY_DATE = "2026-03-04"
ALL_PARTS = "static,reads,booking,rush,spaces,login,startup,analytics,planning"
OTHER = []  # CPU used by anything else on the machine during each measured run (cores)


class Server:
    """escale serve (`binary`) on a free port, on its own database file (a copy of snapshot if
    given), or on the PostgreSQL database at db_url. `ready_s`: from the start of the process
    to the first answer of /healthz."""

    def __init__(self, workdir, sync="full", snapshot=None, db_url=None, demo="cite", binary=BIN, extra=(), nofile=None):
        """`extra`: more arguments of escale serve; `nofile`: its limit of open files."""
        os.makedirs(workdir, exist_ok=True)
        self.db = os.path.join(workdir, "escale.db")
        if snapshot:
            shutil.copy(snapshot, self.db)
        self.log_path = os.path.join(workdir, "server.log")
        args = [binary, "serve", "--listen", "127.0.0.1:0", "--db", db_url or "sqlite:" + self.db, "--demo", demo,
                "--demo-history", "past", "--sync", sync, "--test-clock", CLOCK, *extra]
        limit = None if nofile is None else lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=open(self.log_path, "a"), text=True,
                                     preexec_fn=limit)
        for line in self.proc.stdout:
            m = re.match(r"escale: listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        else:
            raise RuntimeError("server did not start, see " + self.log_path)
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}"
        while call(self.port, "GET", "/healthz")[0] != 200:
            time.sleep(0.005)
        self.ready_s = time.perf_counter() - t0

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def cpu_s(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def round_trips(self):
        """Round trips to the database this process waited for (GET /metrics; None if the
        server does not count them)."""
        with urllib.request.urlopen(self.url + "/metrics", timeout=10) as r:
            m = re.search(r"^escale_database_round_trips_total (\d+)", r.read().decode(), re.M)
        return int(m.group(1)) if m else None

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(30)
        with open(self.log_path) as f:  # warnings and errors the server logged
            return [l.rstrip() for l in f if "[warning]" in l or "[error]" in l or "[critical]" in l]


def machine_busy_s():
    """CPU seconds all cores spent busy (not idle or iowait) since boot."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:9]]  # user .. steal (guest is inside user)
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def children_cpu_s():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def call(port, method, path, token=None, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, json.loads(data) if data else None


def login(port, email):
    status, body = call(port, "POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD})
    assert status == 200, (email, status, body)
    return body["token"]


def prepare(workdir, rules=False):
    """Fresh cite database, every resident logged in (and the site's rules on with `rules`);
    returns the snapshot, the site and the logins' figures."""
    server = Server(os.path.join(workdir, "prepare"))
    admin = login(server.port, ADMIN)
    if rules:
        status, body = call(server.port, "PATCH", "/api/v1/sites/1", admin,
                            {"weekly_half_day_quota": 8, "quartier_priority_hours": 24, "adapted_desks_reserved": True})
        assert status == 200, body
    residents = call(server.port, "GET", "/api/v1/residents?limit=1000", admin)[1]
    zones = call(server.port, "GET", "/api/v1/zones?limit=1000", admin)[1]
    desks = call(server.port, "GET", "/api/v1/desks?limit=1000", admin)[1]
    t = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        tokens = list(pool.map(lambda r: login(server.port, r["email"]), residents))
    login_s = time.perf_counter() - t
    rss_after_logins = server.rss_kb()
    server.stop()
    snapshot = os.path.join(workdir, "snapshot.db")
    with sqlite3.connect(server.db) as src, sqlite3.connect(snapshot) as dst:
        src.backup(dst)  # whatever is still in the WAL included
    # The floors of each service, the biggest zone first: a resident's "home" floors.
    desks_in_zone = collections.Counter(d["zone_id"] for d in desks)
    service_floors = collections.defaultdict(list)
    for z in sorted(zones, key=lambda z: -desks_in_zone[z["id"]]):
        if z["floor_id"] not in service_floors[z["service_id"]]:
            service_floors[z["service_id"]].append(z["floor_id"])
    site = {
        "tokens": [(r["id"], tok) for r, tok in zip(residents, tokens)],
        "floors_of": {r["id"]: service_floors.get(r["service_id"], []) for r in residents},
        "desks_by_floor": collections.defaultdict(list),
        "agents": [i for i, r in enumerate(residents) if r["role"] == "agent"],
    }
    for d in desks:
        if d["active"]:
            site["desks_by_floor"][d["floor_id"]].append(d["id"])
    print(f"prepare: {len(residents)} logins in {login_s:.1f}s ({len(residents) / login_s:.1f}/s), "
          f"server RSS after them {rss_after_logins / 1024:.0f} MiB", flush=True)
    return snapshot, site, {"logins_per_s": len(residents) / login_s, "rss_after_logins_kb": rss_after_logins}


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(server, args, url, env=None, script_args=()):
    """Runs wrk; returns parse_wrk's figures, the server's CPU use during the run (in cores),
    its largest RSS (sampled every 0.1 s) and the database round trips it waited for."""
    trips0 = server.round_trips() if server else None
    cpu0, t0, busy0, wrk0 = server.cpu_s() if server else 0, time.perf_counter(), machine_busy_s(), children_cpu_s()
    rss, done = [0], threading.Event()

    def sample():
        while not done.wait(0.1):
            rss[0] = max(rss[0], server.rss_kb())
    sampler = threading.Thread(target=sample) if server else None
    if sampler:
        sampler.start()
    out = subprocess.run(wrk_command(args, url, script_args), capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout
    done.set()
    if sampler:
        sampler.join()
    elapsed, wrk_cpu = time.perf_counter() - t0, children_cpu_s() - wrk0
    server_cpu = server.cpu_s() - cpu0 if server else 0
    other_cpu = machine_busy_s() - busy0 - server_cpu - wrk_cpu  # anything else on the machine: noise
    if server:  # (with nginx, "other" is mostly nginx)
        OTHER.append(other_cpu / elapsed)
    r = {**parse_wrk(out), "server_cores": server_cpu / elapsed, "wrk_cores": wrk_cpu / elapsed,
         "other_cores": other_cpu / elapsed, "rss_max_kb": rss[0]}
    trips1 = server.round_trips() if server else None
    r["round_trips"] = (trips1 - trips0) / r["requests"] if trips0 is not None and trips1 is not None else None
    return r


def wrk_command(args, url, script_args=()):
    return ["wrk", *args, "--latency", url, "--", *script_args]


def parse_wrk(out):
    """req/s, p50/p99/max in ms, non-2xx, socket errors and the script's lines of a wrk output."""
    lat = {p: to_ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)}
    mx = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": lat["50"], "p99": lat["99"], "max": to_ms(*mx.groups()),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sock.group(1) if sock else "",
        "script": [l for l in out.splitlines() if l.startswith(("non-201", "first non-201"))],
    }


def show(name, r):
    extra = f" non-2xx={r['non2xx']}" + (f" socket errors: {r['socket_errors']}" if r["socket_errors"] else "")
    trips = f" round trips/request {r['round_trips']:.2f}" if r.get("round_trips") is not None else ""
    print(f"  {name:<30} {r['rps']:>9.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  "
          f"max {r['max']:8.2f} ms  CPU (cores) server {r['server_cores']:.2f} wrk {r['wrk_cores']:.2f} "
          f"other {r['other_cores']:.2f}{trips}{extra}", flush=True)
    for line in r["script"]:
        print("    " + line, flush=True)


def median(runs, key):
    return statistics.median(r[key] for r in runs)


class Table:
    """The one table printed at the end: a row per figure, a column per database."""

    def __init__(self, columns):
        self.columns, self.rows = columns, []

    def add(self, name, unit, values, details=None, ratio=True):
        """values and details: by column name; details are printed after the value."""
        self.rows.append((name, unit, values, details or {}, ratio))

    def print(self, title):
        print(f"\n== {title} ==")
        width = max(len(r[0]) for r in self.rows) + 1
        cell = 26
        pairs = [(c, c.replace("SQLite", "PostgreSQL")) for c in self.columns if "SQLite" in c]
        pairs = [p for p in pairs if p[1] in self.columns]
        print(f"{'figure':<{width}} {'unit':<7} " + "".join(f"{c:<{cell}}" for c in self.columns) +
              "".join(f"{'PG / SQLite' + p[0][6:]:<14}" for p in pairs))
        for name, unit, values, details, ratio in self.rows:
            cells = "".join(f"{fmt_value(values.get(c), details.get(c)):<{cell}}" for c in self.columns)
            ratios = "".join(f"{fmt_ratio(values.get(p[1]), values.get(p[0])) if ratio else '':<14}" for p in pairs)
            print(f"{name:<{width}} {unit:<7} {cells}{ratios}".rstrip())


def fmt_value(v, detail):
    if v is None:
        return "–"
    text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"
    return text + (f" ({detail})" if detail else "")


def fmt_ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else ""


def prebook(port, site):
    """The viewer holds a day, 60 others hold am, pm or a day on the same floor. Returns the
    viewer's token and the availability path."""
    tokens, agents = site["tokens"], site["agents"]
    viewer = tokens[agents[0]][1]
    floor_desks = site["desks_by_floor"][AVAIL_FLOOR]
    assert call(port, "POST", "/api/v1/desk-bookings", viewer,
                {"desk_id": floor_desks[0], "date": AVAIL_DATE, "period": "day"})[0] == 201
    for n, i in enumerate(agents[1:61]):
        body = {"desk_id": floor_desks[1 + 2 * n], "date": AVAIL_DATE, "period": ("am", "pm", "day")[n % 3]}
        assert call(port, "POST", "/api/v1/desk-bookings", tokens[i][1], body)[0] == 201
    path = f"/api/v1/floors/{AVAIL_FLOOR}/availability?date={AVAIL_DATE}"
    answer = call(port, "GET", path, viewer)[1]
    mix = collections.Counter(d[h] for d in answer["desks"] for h in ("am", "pm"))
    print(f"availability answer: {len(answer['desks'])} desks, half-days {dict(mix)}, "
          f"{len(json.dumps(answer))} bytes", flush=True)
    return viewer, path


def statements_per_request(backend, server, run):
    """Runs run() -> wrk result; adds the statements the database ran per request."""
    before = backend.statements(server)
    r = run()
    after = backend.statements(server)
    r["statements"] = (after - before) / r["requests"] if before is not None else None
    return r


def read_benchmarks(workdir, backend, site, wrk_args, reps):
    server = backend.server(workdir, f"read-{backend.name}")
    idle_rss = server.rss_kb()
    viewer, path = prebook(server.port, site)
    runs = {"healthz": [], "availability": []}
    for rep in range(reps):
        print(f"read run {rep + 1}/{reps}, {backend.name}", flush=True)
        runs["healthz"].append(wrk(server, wrk_args, server.url + "/healthz"))
        show("GET /healthz", runs["healthz"][-1])
        runs["availability"].append(statements_per_request(backend, server, lambda: wrk(
            server, [*wrk_args, "-H", "Authorization: Bearer " + viewer], server.url + path)))
        show("GET availability", runs["availability"][-1])
    rss = server.rss_kb()
    warnings = backend.stop(server)
    return runs, {"idle": idle_rss, "after": rss}, warnings


def static_benchmark(workdir, wrk_args, reps):
    """nginx (2 workers, keep-alive, no log) serving a file of /healthz's size on loopback."""
    root = os.path.join(workdir, "static")
    os.makedirs(root)
    os.chmod(workdir, 0o755)  # nginx's workers run as nobody
    with open(os.path.join(root, "healthz"), "w") as f:
        f.write('{"status":"ok"}')
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 2;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  default_type application/json;
  client_body_temp_path {workdir}/nginx-body;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    nginx = subprocess.Popen(["nginx", "-c", conf], stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.02)
        runs = []
        for rep in range(reps):
            runs.append(wrk(None, wrk_args, f"http://127.0.0.1:{port}/healthz"))
            show("GET static file (nginx)", runs[-1])
    finally:
        nginx.terminate()
        nginx.wait(10)
    return runs


def book_cfg(path, site, part=0, parts=1):
    """book.lua's configuration: every date, and the part-th of parts slices of the desks and
    of the residents (book.lua slices them again between its threads)."""
    desks = [d for floor in sorted(site["desks_by_floor"]) for d in site["desks_by_floor"][floor]]
    tokens = [tok for _, tok in site["tokens"]]
    cut = lambda xs: xs[part * len(xs) // parts:(part + 1) * len(xs) // parts]
    with open(path, "w") as f:
        f.writelines(f"date {d}\n" for d in BOOK_DATES)
        f.writelines(f"desk {d}\n" for d in cut(desks))
        f.writelines(f"token {tok}\n" for tok in cut(tokens))
    return path


def booking_benchmark(workdir, backend, site, wrk_args, threads, reps):
    cfg = book_cfg(os.path.join(workdir, "book.cfg"), site)
    runs, rss, warnings = {s: [] for s in backend.syncs}, {s: [] for s in backend.syncs}, []
    for rep in range(reps):
        for sync in backend.syncs:  # interleaved, so drift affects both alike
            print(f"booking run {rep + 1}/{reps}, {backend.name}, --sync {sync}", flush=True)
            server = backend.server(workdir, f"book-{backend.name}-{sync}-{rep}", sync=sync)
            r = statements_per_request(backend, server, lambda: wrk(
                server, [*wrk_args, "-s", os.path.join(HERE, "book.lua")], server.url + "/api/v1/desk-bookings",
                env={"BOOK_CFG": cfg}, script_args=[str(threads)]))
            rss[sync].append(server.rss_kb())
            r["rows"] = backend.query(server, f"SELECT COUNT(*) FROM desk_bookings WHERE {rush.LIVE}")[0][0]
            warnings += backend.stop(server)
            runs[sync].append(r)
            show(f"POST booking ({sync})", r)
            print(f"    live booking rows in the database: {r['rows']}", flush=True)
    probes = {sync: healthz_probe(workdir, backend, sync, wrk_args, cfg, threads) for sync in backend.syncs}
    return runs, rss, warnings, probes


def healthz_probe(workdir, backend, sync, wrk_args, cfg, threads):
    """/healthz latency (light load: 1 thread, 4 connections) alone, then while wrk books."""
    server = backend.server(workdir, f"probe-{backend.name}-{sync}", sync=sync)
    probe = ["-t1", "-c4", "-d2s"]
    alone = wrk(server, probe, server.url + "/healthz")
    booking = threading.Thread(target=wrk, args=(server, [*wrk_args, "-s", os.path.join(HERE, "book.lua")],
                                                 server.url + "/api/v1/desk-bookings", {"BOOK_CFG": cfg}, [str(threads)]))
    booking.start()
    time.sleep(0.5)
    during = wrk(server, probe, server.url + "/healthz")
    booking.join()
    backend.stop(server)
    print(f"  /healthz probe, {backend.name}, --sync {sync}: alone {alone['rps']:.0f} req/s p50 {alone['p50']:.2f} ms "
          f"p99 {alone['p99']:.2f} ms; while booking {during['rps']:.0f} req/s p50 {during['p50']:.2f} ms "
          f"p99 {during['p99']:.2f} ms", flush=True)
    return alone, during


def rush_benchmark(workdir, backend, site, connections, sync, mode, rep):
    server = backend.server(workdir, f"rush-{backend.name}-{sync}-{mode}-{rep}", sync=sync)
    residents = rush.make_residents(site["tokens"], site["floors_of"], site["desks_by_floor"], seed=42 + rep)
    cpu0, busy0 = server.cpu_s(), machine_busy_s()
    stats = rush.run(server.port, residents, RUSH_DAYS, mode, connections)
    server_cpu, busy = server.cpu_s() - cpu0, machine_busy_s() - busy0
    n_desks = sum(len(v) for v in site["desks_by_floor"].values())
    # With the site's rules on (--rules), residents refused by them are not all seated.
    inv = rush.check(lambda sql: backend.query(server, sql)[0][0], RUSH_DAYS, n_desks, len(residents),
                     acknowledged=2 * stats.booked, everyone_seated=stats.rule_refusals == 0)
    rss = server.rss_kb()
    warnings = backend.stop(server)
    lat = sorted(stats.latencies)
    r = {
        "wall": stats.wall, "booked": stats.booked, "invariants": inv, "rss": rss,
        "client_cores": stats.client_cpu / stats.wall, "server_cores": server_cpu / stats.wall,
        "other_cores": (busy - server_cpu - stats.client_cpu) / stats.wall,
        "p50": lat[len(lat) // 2] * 1000, "p99": lat[int(len(lat) * 0.99)] * 1000, "max": lat[-1] * 1000,
    }
    OTHER.append(r["other_cores"])
    print(f"  rush {backend.name} --sync {sync} ({mode}): {r['wall']:.2f} s wall, {stats.booked} day bookings, "
          f"{stats.posts} POST ({stats.conflicts} slot_taken) + {stats.gets} GET, "
          f"{stats.no_desk} found no desk, {stats.gave_up} gave up, {stats.rule_refusals} refused by the rules, errors {dict(stats.errors)} {stats.first_error}",
          flush=True)
    print(f"    latency p50 {r['p50']:.2f} ms p99 {r['p99']:.2f} ms max {r['max']:.1f} ms; CPU (cores) client "
          f"{r['client_cores']:.2f} server {r['server_cores']:.2f} other {r['other_cores']:.2f}; RSS {rss / 1024:.1f} MiB",
          flush=True)
    print(f"    invariants: {inv}", flush=True)
    return r, warnings


def space_benchmarks(workdir, backend, site, wrk_args, book_args, threads, reps):
    """A space's day (with 20 ranges booked by 20 residents) side by side with /healthz, then
    wrk booking distinct quarters of hours of every space, on a fresh copy per run."""
    server = backend.server(workdir, f"space-read-{backend.name}")
    tokens, agents = site["tokens"], site["agents"]
    admin = login(server.port, ADMIN)
    spaces = [s["id"] for s in call(server.port, "GET", "/api/v1/sites/1", admin)[1]["spaces"]]
    for n, i in enumerate(agents[:20]):
        start = 8 * 60 + 30 * n
        body = {"space_id": spaces[0], "attendees": 1, "subject": "Banc d'essai",
                "start": f"{SPACE_DAY_DATE}T{start // 60:02d}:{start % 60:02d}:00+01:00",
                "end": f"{SPACE_DAY_DATE}T{(start + 30) // 60:02d}:{(start + 30) % 60:02d}:00+01:00"}
        status, answer = call(server.port, "POST", "/api/v1/space-bookings", tokens[i][1], body)
        assert status == 201, answer
    viewer = tokens[agents[0]][1]
    path = f"/api/v1/spaces/{spaces[0]}/bookings?date={SPACE_DAY_DATE}"
    print(f"space day answer: {len(json.dumps(call(server.port, 'GET', path, viewer)[1]))} bytes, 20 bookings", flush=True)
    runs = {"healthz": [], "space_day": [], "space_booking": []}
    for rep in range(reps):
        print(f"space read run {rep + 1}/{reps}, {backend.name}", flush=True)
        runs["healthz"].append(wrk(server, wrk_args, server.url + "/healthz"))
        show("GET /healthz", runs["healthz"][-1])
        runs["space_day"].append(wrk(server, [*wrk_args, "-H", "Authorization: Bearer " + viewer], server.url + path))
        show("GET space day", runs["space_day"][-1])
    warnings = backend.stop(server)
    cfg = os.path.join(workdir, "space_book.cfg")
    with open(cfg, "w") as f:
        f.writelines(f"date {d}\n" for d in SPACE_DATES)
        f.writelines(f"space {s}\n" for s in spaces)
        f.writelines(f"token {tok}\n" for _, tok in tokens)
    for rep in range(reps):
        print(f"space booking run {rep + 1}/{reps}, {backend.name}, --sync full", flush=True)
        server = backend.server(workdir, f"space-book-{backend.name}-{rep}")
        r = wrk(server, [*book_args, "-s", os.path.join(HERE, "space_book.lua")], server.url + "/api/v1/space-bookings",
                env={"SPACE_BOOK_CFG": cfg}, script_args=[str(threads)])
        r["rows"] = backend.query(server, "SELECT COUNT(*) FROM space_bookings")[0][0]
        overlaps = backend.query(server, "SELECT COUNT(*) FROM space_bookings a JOIN space_bookings b ON a.space_id = b.space_id "
                                         "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at")[0][0]
        warnings += backend.stop(server)
        runs["space_booking"].append(r)
        show("POST space booking", r)
        print(f"    space booking rows in the database: {r['rows']}, overlapping pairs: {overlaps}", flush=True)
    return runs, warnings


def login_benchmark(workdir, backend, count):
    """`count` logins one after another (Argon2id, the session written): milliseconds each."""
    server = backend.server(workdir, f"login-{backend.name}")
    times = []
    for _ in range(count):
        t = time.perf_counter()
        login(server.port, ADMIN)
        times.append(1000 * (time.perf_counter() - t))
    warnings = backend.stop(server)
    print(f"  login, {backend.name}: {statistics.median(times):.1f} ms median of {count} "
          f"({', '.join(f'{t:.0f}' for t in times)})", flush=True)
    return times, warnings


def startup_benchmark(workdir, backend, demo, reps):
    """Seconds from the start of the process to /healthz answering: on a new database (the
    demo written on it), then restarts on that database."""
    fresh, restart, warnings = [], [], []
    for rep in range(reps):
        name = f"start-{backend.name}-{demo}-{rep}"
        url = None
        if isinstance(backend, PostgresBackend):
            backend.count += 1
            db = f"start_{backend.count}"
            backend.cluster.sql(f"CREATE DATABASE {db}")
            url = backend.cluster.url(db)
        start = lambda: backend.make_server(os.path.join(workdir, name), db_url=url, demo=demo)
        server = start()
        fresh.append(server.ready_s)
        warnings += server.stop()
        server = start()
        restart.append(server.ready_s)
        warnings += server.stop()
        if url:
            backend.cluster.sql(f"DROP DATABASE {db} WITH (FORCE)")
        print(f"  start-up, {backend.name}, {demo}: new database {fresh[-1]:.2f} s, restart {restart[-1]:.2f} s", flush=True)
    return fresh, restart, warnings


def planning_benchmark(binary, quick):
    """build/planning_bench's benchmarks: median wall time of each, in ms (None: not built)."""
    if not os.path.exists(binary):
        print(f"planning: no {binary} (cmake --build build --target planning_bench)", flush=True)
        return None
    args = [binary, "--benchmark_format=json"]
    if quick:
        args.append("--benchmark_filter=exact_daily_demand|size_desks|_10_services")
    out = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    times = collections.defaultdict(list)
    for b in out["benchmarks"]:
        if b.get("run_type", "iteration") == "iteration":
            scale = {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1000}[b["time_unit"]]
            times[b["run_name"]].append(b["real_time"] * scale)
    result = {name: statistics.median(ts) for name, ts in times.items()}
    for name, ms in result.items():
        print(f"  planning {name}: {ms:.2f} ms", flush=True)
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="a look in a few minutes: 1 run of each, 3 s reads, 2 s bookings, the plan rush only, "
                        "fewer analytics and planning figures")
    p.add_argument("--duration", help="wrk duration of the read benchmarks (10s; --quick 3s)")
    p.add_argument("--book-duration",
                   help="wrk duration of the booking benchmarks (4s; --quick 2s; the cite site only has 30,000 "
                        "distinct slots)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reps", type=int, help="runs of each figure, the median kept (3; --quick 1)")
    p.add_argument("--rush-modes", help="plan,avail (--quick: plan)")
    p.add_argument("--rules", action="store_true",
                   help="the cite site's fair-booking rules on (issue 10, item 4): 8 half-days a week, quartiers "
                        "kept 24 h for their service, adapted desks kept")
    p.add_argument("--parts", default=ALL_PARTS,
                   help=f"what to run, among {ALL_PARTS} (desks: reads and booking)")
    p.add_argument("--db", default="sqlite,postgres", help="the databases: sqlite, postgres or both")
    p.add_argument("--baseline", help="another escale binary (e.g. the previous commit's): every part that starts "
                                      "a server runs on it too, in columns of its own, interleaved with this one")
    a = p.parse_args()
    reps = a.reps or (1 if a.quick else 3)
    duration, book_duration = a.duration or ("3s" if a.quick else "10s"), a.book_duration or ("2s" if a.quick else "4s")
    rush_modes = (a.rush_modes or ("plan" if a.quick else "plan,avail")).split(",")
    parts = set(a.parts.replace("desks", "reads,booking").split(","))
    databases = a.db.split(",")
    wrk_args = [f"-t{a.threads}", f"-c{a.connections}"]
    read_args, book_args = [*wrk_args, f"-d{duration}"], [*wrk_args, f"-d{book_duration}"]
    workdir = tempfile.mkdtemp(prefix="escale-bench-")
    os.chmod(workdir, 0o755)  # the PostgreSQL cluster runs as the postgres user, nginx's workers as nobody
    binaries = [("", BIN)] + ([(" (baseline)", a.baseline)] if a.baseline else [])
    warnings, cluster, results = [], None, collections.defaultdict(dict)
    started = []  # every server, so that a failure leaves none running

    def make_server(binary):
        def make(*args, **kwargs):
            server = Server(*args, binary=binary, **kwargs)
            started.append(server)
            return server
        return make

    try:
        db_parts = parts - {"static", "analytics", "planning"}
        backends = []
        if db_parts:
            snapshot, site, prep = prepare(workdir, a.rules)
            results["prepare"] = prep
            if "postgres" in databases:
                cluster = Cluster(os.path.join(workdir, "pg"), statements=True)
                cluster.sql("CREATE DATABASE prepared")
                subprocess.run([BIN, "migrate-data", "--from", "sqlite:" + snapshot, "--to", cluster.url("prepared")],
                               check=True, capture_output=True)
                cluster.sql("ANALYZE", "prepared")
            for suffix, binary in binaries:
                for db in databases:
                    b = (SqliteBackend(make_server(binary), snapshot) if db == "sqlite"
                         else PostgresBackend(make_server(binary), cluster, "prepared"))
                    b.name += suffix
                    backends.append(b)
        columns = [b.name for b in backends] or ["SQLite"]
        table = Table(columns)
        if "static" in parts:
            results["static"] = static_benchmark(workdir, read_args, reps)
        for b in backends:  # reads and their RSS
            if "reads" in parts:
                runs, rss, w = read_benchmarks(workdir, b, site, read_args, reps)
                results["reads"][b.name] = (runs, rss)
                warnings += w
        for b in backends:
            if "booking" in parts:
                runs, rss, w, probes = booking_benchmark(workdir, b, site, book_args, a.threads, reps)
                results["booking"][b.name] = (runs, rss, probes)
                warnings += w
        if "rush" in parts:
            for rep in range(reps):  # interleaved, so drift affects every setting alike
                for mode in rush_modes:
                    for b in backends:
                        for sync in b.syncs:
                            r, w = rush_benchmark(workdir, b, site, a.connections, sync, mode, rep)
                            results["rush"].setdefault((b.name, sync, mode), []).append(r)
                            warnings += w
        for b in backends:
            if "spaces" in parts:
                runs, w = space_benchmarks(workdir, b, site, read_args, book_args, a.threads, reps)
                results["spaces"][b.name] = runs
                warnings += w
            if "login" in parts:
                times, w = login_benchmark(workdir, b, 5 if a.quick else 9)
                results["login"][b.name] = times
                warnings += w
        if "startup" in parts:
            for demo in ("pilot", "cite"):
                for b in backends:
                    fresh, restart, w = startup_benchmark(workdir, b, demo, reps)
                    results["startup"][b.name, demo] = (fresh, restart)
                    warnings += w
        if "analytics" in parts:
            import analytics
            for suffix, binary in binaries:
                for db, ms in analytics.run(workdir, databases, 3 if a.quick else 21, binary, cluster).items():
                    results["analytics"][db + suffix] = ms
        if "planning" in parts:
            results["planning"] = planning_benchmark(os.path.join(os.path.dirname(BIN), "planning_bench"), a.quick)
    finally:
        for s in started:
            if s.proc.poll() is None:
                s.proc.kill()
                s.proc.wait()
        pg_errors = []
        if cluster:
            pg_errors = cluster.errors()
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    try:
        fill_table(table, results, columns, a, reps, rush_modes)
    except Exception:  # the runs' own lines above still hold every figure
        import traceback
        traceback.print_exc()
    other = sorted(OTHER)
    title = (f"medians of {reps} run(s); wrk -t{a.threads} -c{a.connections}, reads -d{duration}, bookings "
             f"-d{book_duration}; {os.cpu_count()} cores; other load on the machine during the runs "
             f"{statistics.median(other) if other else 0:.2f} cores median, {max(other, default=0):.2f} max; "
             f"load average now {open('/proc/loadavg').read().split()[0]}")
    table.print(title)
    print(f"escale warnings/errors logged: {len(warnings)}; PostgreSQL log errors: {len(pg_errors)}")
    for line, n in collections.Counter(re.sub(r"^\[[^]]*\] ", "", w) for w in warnings + pg_errors).most_common(5):
        print(f"  {n} x {line}")


def fill_table(table, results, columns, a, reps, rush_modes):
    """The rows of the one table, from the parts that ran."""
    p99 = lambda runs: f"p99 {median(runs, 'p99'):.1f} ms"
    if "static" in results:
        runs = results["static"]
        table.add("GET a 15-byte file, nginx (no database)", "req/s", {columns[0]: median(runs, "rps")},
                  {columns[0]: p99(runs)}, ratio=False)
    reads = results.get("reads", {})
    if reads:
        table.add("GET /healthz", "req/s", {c: median(r[0]["healthz"], "rps") for c, r in reads.items()},
                  {c: p99(r[0]["healthz"]) for c, r in reads.items()})
        table.add("GET floor availability (150 desks)", "req/s",
                  {c: median(r[0]["availability"], "rps") for c, r in reads.items()},
                  {c: p99(r[0]["availability"]) for c, r in reads.items()})
    booking = results.get("booking", {})
    for sync in ("full", "normal"):
        have = {c: r for c, r in booking.items() if sync in r[0]}
        if have:
            table.add(f"POST desk booking, --sync {sync}", "req/s", {c: median(r[0][sync], "rps") for c, r in have.items()},
                      {c: p99(r[0][sync]) for c, r in have.items()})
    for sync in ("full", "normal"):
        have = {c: r[2][sync][1] for c, r in booking.items() if sync in r[2]}
        if have:
            table.add(f"/healthz p99 during booking load, {sync}", "ms", {c: r["p99"] for c, r in have.items()},
                      {c: f"alone {booking[c][2][sync][0]['p99']:.1f}" for c in have})
    for what, key in (("round trips", "round_trips"), ("statements", "statements")):
        for name, runs_of in (("availability", lambda c: reads[c][0]["availability"]),
                              ("booking", lambda c: booking[c][0]["full"])):
            if (name == "availability" and not reads) or (name == "booking" and not booking):
                continue
            values = {}
            for c in columns:
                try:
                    runs = runs_of(c)
                except KeyError:
                    continue
                if "PostgreSQL" in c and runs and all(r.get(key) is not None for r in runs):
                    values[c] = median(runs, key)
            if values:
                table.add(f"database {what} per {name}", "count", values, ratio=False)
    for mode in rush_modes:
        for sync in ("full", "normal"):
            have = {c: runs for (c, s, m), runs in results.get("rush", {}).items() if s == sync and m == mode}
            if have:
                table.add(f"cite rush, {mode}, --sync {sync}", "s", {c: median(runs, "wall") for c, runs in have.items()},
                          {c: f"{sum(r['invariants']['ok'] for r in runs)}/{len(runs)} OK" for c, runs in have.items()})
    spaces = results.get("spaces", {})
    if spaces:
        table.add("GET a space's day (20 bookings)", "req/s", {c: median(r["space_day"], "rps") for c, r in spaces.items()},
                  {c: p99(r["space_day"]) for c, r in spaces.items()})
        table.add("POST space booking", "req/s", {c: median(r["space_booking"], "rps") for c, r in spaces.items()},
                  {c: p99(r["space_booking"]) for c, r in spaces.items()})
    logins = results.get("login", {})
    if logins:
        table.add("login (Argon2id), one at a time", "ms", {c: statistics.median(t) for c, t in logins.items()})
    if "prepare" in results and columns:
        table.add("850 logins, 4 at a time", "/s", {columns[0]: results["prepare"]["logins_per_s"]}, ratio=False)
    for demo in ("pilot", "cite"):
        have = {c: r for (c, d), r in results.get("startup", {}).items() if d == demo}
        if have:
            table.add(f"start-up to /healthz, {demo}, new database", "s",
                      {c: statistics.median(r[0]) for c, r in have.items()})
            table.add(f"start-up to /healthz, {demo}, restart", "s", {c: statistics.median(r[1]) for c, r in have.items()})
    if reads:
        table.add("RSS idle (cite loaded, started)", "MiB", {c: r[1]["idle"] / 1024 for c, r in reads.items()})
        table.add("RSS under load (availability)", "MiB",
                  {c: max(x["rss_max_kb"] for x in r[0]["availability"]) / 1024 for c, r in reads.items()})
    if booking:
        table.add("RSS under load (booking, full)", "MiB",
                  {c: max(x["rss_max_kb"] for x in r[0]["full"]) / 1024 for c, r in booking.items()})
    rushes = results.get("rush", {})
    if rushes:
        table.add("RSS after a rush", "MiB", {c: max(r["rss"] for (cc, _, _), runs in rushes.items() if cc == c
                                                     for r in runs) / 1024 for c in {k[0] for k in rushes}})
    if "prepare" in results and columns:
        table.add("RSS after 850 logins", "MiB", {columns[0]: results["prepare"]["rss_after_logins_kb"] / 1024}, ratio=False)
    analytics = results.get("analytics", {})
    if analytics:
        first = lambda ms: statistics.median(v[0] for k, v in ms.items() if "from=2026-02-02" in k)
        year = lambda ms: max(v[0] for k, v in ms.items() if "from=2025-03-02" in k)
        table.add("analytics, 4-week view (median of 5)", "ms", {c: first(ms) for c, ms in analytics.items()})
        table.add("analytics, a year (slowest query)", "ms", {c: year(ms) for c, ms in analytics.items()})
        cold = lambda ms: max(v[2] for k, v in ms.items() if "from=2025-03-02" in k)
        table.add("analytics, a year, first time asked (slowest)", "ms", {c: cold(ms) for c, ms in analytics.items()})
    for name, ms in (results.get("planning") or {}).items():
        table.add(f"planning {name}", "ms", {columns[0]: ms}, ratio=False)


if __name__ == "__main__":
    main()
