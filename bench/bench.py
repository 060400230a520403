#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Escale benchmark (run it through bench/run.sh).

1. prepare: a server on the cite demo (fresh database), every resident logs in once; the
   database (with its sessions) is kept as a snapshot, so every later server starts from an
   identical copy with valid tokens, without paying 850 Argon2id logins again;
2. wrk, side by side on one server: GET /healthz and GET /api/v1/floors/1/availability;
3. wrk on POST /api/v1/desk-bookings (book.lua), a fresh copy per run, --sync full and normal;
4. the cite rush (rush.py), --sync full and normal, then invariants checked in the database;
5. collective spaces: GET a space's day (side by side with /healthz) and wrk on
   POST /api/v1/space-bookings (space_book.lua), --sync full.
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
from concurrent.futures import ThreadPoolExecutor

import rush

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


class Server:
    """escale serve on a free port, on its own database file (a copy of snapshot if given),
    or on the PostgreSQL database at db_url."""

    def __init__(self, workdir, sync="full", snapshot=None, db_url=None, demo="cite", extra=(), nofile=None):
        """`extra`: more arguments of escale serve; `nofile`: its limit of open files."""
        os.makedirs(workdir)
        self.db = os.path.join(workdir, "escale.db")
        if snapshot:
            shutil.copy(snapshot, self.db)
        self.log_path = os.path.join(workdir, "server.log")
        args = [BIN, "serve", "--listen", "127.0.0.1:0", "--db", db_url or "sqlite:" + self.db, "--demo", demo, "--demo-history", "past",
                "--sync", sync, "--test-clock", CLOCK, *extra]
        limit = None if nofile is None else lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=open(self.log_path, "w"), text=True,
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

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def cpu_s(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

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
    returns the snapshot and the site."""
    server = Server(os.path.join(workdir, "prepare"))
    admin = login(server.port, ADMIN)
    if rules:
        status, body = call(server.port, "PATCH", "/api/v1/sites/1", admin,
                            {"weekly_half_day_quota": 8, "quartier_priority_hours": 24, "adapted_desks_reserved": True})
        assert status == 200, body
    residents = call(server.port, "GET", "/api/v1/residents", admin)[1]
    zones = call(server.port, "GET", "/api/v1/zones", admin)[1]
    desks = call(server.port, "GET", "/api/v1/desks", admin)[1]
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
    """Runs wrk; returns parse_wrk's figures and the server's CPU use during the run (in cores)."""
    cpu0, t0, busy0, wrk0 = server.cpu_s(), time.perf_counter(), machine_busy_s(), children_cpu_s()
    out = subprocess.run(wrk_command(args, url, script_args), capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout
    elapsed, server_cpu, wrk_cpu = time.perf_counter() - t0, server.cpu_s() - cpu0, children_cpu_s() - wrk0
    other_cpu = machine_busy_s() - busy0 - server_cpu - wrk_cpu  # anything else on the machine: noise
    return {**parse_wrk(out), "server_cores": server_cpu / elapsed, "wrk_cores": wrk_cpu / elapsed,
            "other_cores": other_cpu / elapsed}


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
    print(f"  {name:<22} {r['rps']:>9.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  "
          f"max {r['max']:8.2f} ms  CPU (cores) server {r['server_cores']:.2f} wrk {r['wrk_cores']:.2f} other {r['other_cores']:.2f}{extra}", flush=True)
    for line in r["script"]:
        print("    " + line, flush=True)


def median(runs, key):
    return statistics.median(r[key] for r in runs)


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


def read_benchmarks(workdir, snapshot, site, wrk_args, reps):
    server = Server(os.path.join(workdir, "read"), snapshot=snapshot)
    viewer, path = prebook(server.port, site)
    runs = {"healthz": [], "availability": []}
    for rep in range(reps):
        print(f"read run {rep + 1}/{reps}", flush=True)
        runs["healthz"].append(wrk(server, wrk_args, server.url + "/healthz"))
        show("GET /healthz", runs["healthz"][-1])
        runs["availability"].append(wrk(server, [*wrk_args, "-H", "Authorization: Bearer " + viewer], server.url + path))
        show("GET availability", runs["availability"][-1])
    rss = server.rss_kb()
    warnings = server.stop()
    return runs, rss, warnings


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


def booking_benchmark(workdir, snapshot, site, wrk_args, threads, reps):
    cfg = book_cfg(os.path.join(workdir, "book.cfg"), site)
    runs, rss, warnings = {"full": [], "normal": []}, {"full": [], "normal": []}, []
    for rep in range(reps):
        for sync in ("full", "normal"):  # interleaved, so drift affects both alike
            print(f"booking run {rep + 1}/{reps}, --sync {sync}", flush=True)
            server = Server(os.path.join(workdir, f"book-{sync}-{rep}"), sync=sync, snapshot=snapshot)
            r = wrk(server, [*wrk_args, "-s", os.path.join(HERE, "book.lua")], server.url + "/api/v1/desk-bookings",
                    env={"BOOK_CFG": cfg}, script_args=[str(threads)])
            rss[sync].append(server.rss_kb())
            warnings += server.stop()
            with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
                r["rows"] = db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE {rush.LIVE}").fetchone()[0]
            runs[sync].append(r)
            show(f"POST booking ({sync})", r)
            print(f"    live booking rows in the database: {r['rows']}", flush=True)
    probes = {sync: healthz_probe(workdir, snapshot, sync, wrk_args, cfg, threads) for sync in ("full", "normal")}
    return runs, rss, warnings, probes


def healthz_probe(workdir, snapshot, sync, wrk_args, cfg, threads):
    """/healthz latency (light load: 1 thread, 4 connections) alone, then while wrk books."""
    server = Server(os.path.join(workdir, f"probe-{sync}"), sync=sync, snapshot=snapshot)
    probe = ["-t1", "-c4", "-d2s"]
    alone = wrk(server, probe, server.url + "/healthz")
    booking = threading.Thread(target=wrk, args=(server, [*wrk_args, "-s", os.path.join(HERE, "book.lua")],
                                                 server.url + "/api/v1/desk-bookings", {"BOOK_CFG": cfg}, [str(threads)]))
    booking.start()
    time.sleep(0.5)
    during = wrk(server, probe, server.url + "/healthz")
    booking.join()
    server.stop()
    print(f"  /healthz probe, --sync {sync}: alone {alone['rps']:.0f} req/s p50 {alone['p50']:.2f} ms "
          f"p99 {alone['p99']:.2f} ms; while booking {during['rps']:.0f} req/s p50 {during['p50']:.2f} ms "
          f"p99 {during['p99']:.2f} ms", flush=True)
    return alone, during


def rush_benchmark(workdir, snapshot, site, connections, sync, mode, rep):
    server = Server(os.path.join(workdir, f"rush-{sync}-{mode}-{rep}"), sync=sync, snapshot=snapshot)
    residents = rush.make_residents(site["tokens"], site["floors_of"], site["desks_by_floor"], seed=42 + rep)
    cpu0, busy0 = server.cpu_s(), machine_busy_s()
    stats = rush.run(server.port, residents, RUSH_DAYS, mode, connections)
    server_cpu, busy = server.cpu_s() - cpu0, machine_busy_s() - busy0
    n_desks = sum(len(v) for v in site["desks_by_floor"].values())
    # With the site's rules on (--rules), residents refused by them are not all seated.
    inv = rush.check(server.db, RUSH_DAYS, n_desks, len(residents), acknowledged=2 * stats.booked,
                     everyone_seated=stats.rule_refusals == 0)
    rss = server.rss_kb()
    warnings = server.stop()
    lat = sorted(stats.latencies)
    r = {
        "wall": stats.wall, "booked": stats.booked, "invariants": inv, "rss": rss,
        "client_cores": stats.client_cpu / stats.wall, "server_cores": server_cpu / stats.wall,
        "other_cores": (busy - server_cpu - stats.client_cpu) / stats.wall,
        "p50": lat[len(lat) // 2] * 1000, "p99": lat[int(len(lat) * 0.99)] * 1000, "max": lat[-1] * 1000,
    }
    print(f"  rush --sync {sync} ({mode}): {r['wall']:.2f} s wall, {stats.booked} day bookings, "
          f"{stats.posts} POST ({stats.conflicts} slot_taken) + {stats.gets} GET, "
          f"{stats.no_desk} found no desk, {stats.gave_up} gave up, {stats.rule_refusals} refused by the rules, errors {dict(stats.errors)} {stats.first_error}",
          flush=True)
    print(f"    latency p50 {r['p50']:.2f} ms p99 {r['p99']:.2f} ms max {r['max']:.1f} ms; CPU (cores) client "
          f"{r['client_cores']:.2f} server {r['server_cores']:.2f} other {r['other_cores']:.2f}; RSS {rss / 1024:.1f} MiB",
          flush=True)
    print(f"    invariants: {inv}", flush=True)
    return r, warnings


def space_benchmarks(workdir, snapshot, site, wrk_args, book_args, threads, reps):
    """A space's day (with 20 ranges booked by 20 residents) side by side with /healthz, then
    wrk booking distinct quarters of hours of every space, on a fresh copy per run."""
    server = Server(os.path.join(workdir, "space-read"), snapshot=snapshot)
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
        print(f"space read run {rep + 1}/{reps}", flush=True)
        runs["healthz"].append(wrk(server, wrk_args, server.url + "/healthz"))
        show("GET /healthz", runs["healthz"][-1])
        runs["space_day"].append(wrk(server, [*wrk_args, "-H", "Authorization: Bearer " + viewer], server.url + path))
        show("GET space day", runs["space_day"][-1])
    warnings = server.stop()
    cfg = os.path.join(workdir, "space_book.cfg")
    with open(cfg, "w") as f:
        f.writelines(f"date {d}\n" for d in SPACE_DATES)
        f.writelines(f"space {s}\n" for s in spaces)
        f.writelines(f"token {tok}\n" for _, tok in tokens)
    for rep in range(reps):
        print(f"space booking run {rep + 1}/{reps}, --sync full", flush=True)
        server = Server(os.path.join(workdir, f"space-book-{rep}"), snapshot=snapshot)
        r = wrk(server, [*book_args, "-s", os.path.join(HERE, "space_book.lua")], server.url + "/api/v1/space-bookings",
                env={"SPACE_BOOK_CFG": cfg}, script_args=[str(threads)])
        warnings += server.stop()
        with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
            r["rows"] = db.execute("SELECT COUNT(*) FROM space_bookings").fetchone()[0]
            overlaps = db.execute("SELECT COUNT(*) FROM space_bookings a JOIN space_bookings b ON a.space_id = b.space_id "
                                  "AND a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at").fetchone()[0]
        runs["space_booking"].append(r)
        show("POST space booking", r)
        print(f"    space booking rows in the database: {r['rows']}, overlapping pairs: {overlaps}", flush=True)
    return runs, warnings


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", default="10s", help="wrk duration of the read benchmarks")
    p.add_argument("--book-duration", default="4s",
                   help="wrk duration of the booking benchmark (the cite site only has 30,000 distinct slots)")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--rush-modes", default="plan,avail")
    p.add_argument("--rules", action="store_true",
                   help="the cite site's fair-booking rules on (issue 10, item 4): 8 half-days a week, quartiers "
                        "kept 24 h for their service, adapted desks kept")
    p.add_argument("--parts", default="desks,rush,spaces",
                   help="what to run: desks (reads and booking), rush, spaces (collective spaces)")
    a = p.parse_args()
    wrk_args = [f"-t{a.threads}", f"-c{a.connections}"]
    workdir = tempfile.mkdtemp(prefix="escale-bench-")
    rushes, warnings = collections.defaultdict(list), []
    try:
        parts = a.parts.split(",")
        snapshot, site, prep = prepare(workdir, a.rules)
        if "spaces" in parts:
            spaces, w = space_benchmarks(workdir, snapshot, site, [*wrk_args, f"-d{a.duration}"],
                                         [*wrk_args, f"-d{a.book_duration}"], a.threads, a.reps)
            warnings += w
        if "desks" in parts:
            reads, read_rss, w = read_benchmarks(workdir, snapshot, site, [*wrk_args, f"-d{a.duration}"], a.reps)
            warnings += w
            books, book_rss, w, probes = booking_benchmark(workdir, snapshot, site, [*wrk_args, f"-d{a.book_duration}"],
                                                           a.threads, a.reps)
            warnings += w
        for rep in range(a.reps if "rush" in parts else 0):
            for mode in a.rush_modes.split(","):
                for sync in ("full", "normal"):
                    r, w = rush_benchmark(workdir, snapshot, site, a.connections, sync, mode, rep)
                    rushes[sync, mode].append(r)
                    warnings += w
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    if "spaces" in parts:
        base = median(spaces["healthz"], "rps")
        print(f"\n== collective spaces, medians of {a.reps}: wrk -t{a.threads} -c{a.connections} --latency ==")
        for name, runs in [("GET /healthz", spaces["healthz"]), ("GET space day (20 bookings)", spaces["space_day"]),
                           ("POST space booking, full", spaces["space_booking"])]:
            rps = median(runs, "rps")
            print(f"{name:<28} {rps:>7.0f} req/s  p99 {median(runs, 'p99'):>6.2f} ms  /healthz {rps / base:.3f}  "
                  f"non-2xx {sum(r['non2xx'] for r in runs)}  server {median(runs, 'server_cores'):.2f} cores  "
                  f"other {median(runs, 'other_cores'):.2f}")
    if "desks" not in parts:
        print(f"server warnings/errors logged: {len(warnings)}")
        return
    base = median(reads["healthz"], "rps")
    print(f"\n== medians of {a.reps}: wrk -t{a.threads} -c{a.connections} --latency, "
          f"-d{a.duration} (reads), -d{a.book_duration} (booking) ==")
    print(f"{'benchmark':<28} {'req/s':>7} {'p99 ms':>7} {'max ms':>7} {'/healthz':>8} {'non-2xx':>7}"
          f"  CPU (cores): server  wrk  other")
    rows = [("GET /healthz", reads["healthz"]), ("GET floor availability", reads["availability"]),
            ("POST booking, --sync full", books["full"]), ("POST booking, --sync normal", books["normal"])]
    for name, runs in rows:
        rps = median(runs, "rps")
        print(f"{name:<28} {rps:>7.0f} {median(runs, 'p99'):>7.2f} {max(r['max'] for r in runs):>7.1f} "
              f"{rps / base:>8.3f} {sum(r['non2xx'] for r in runs):>7} {median(runs, 'server_cores'):>19.2f} "
              f"{median(runs, 'wrk_cores'):>4.2f} {median(runs, 'other_cores'):>6.2f}")
    for sync, (alone, during) in probes.items():
        print(f"/healthz (-t1 -c4) p50/p99 ms, --sync {sync}: alone {alone['p50']:.2f}/{alone['p99']:.2f}, "
              f"during the booking load {during['p50']:.2f}/{during['p99']:.2f} ({during['rps']:.0f} req/s)")
    print(f"\nrush: {len(site['tokens'])} residents x {len(RUSH_DAYS)} days (period day), {a.connections} connections")
    print(f"{'':<20} {'wall s':>7} {'p99 ms':>7}  CPU (cores): client server other  invariants")
    for (sync, mode), runs in rushes.items():
        ok = sum(r["invariants"]["ok"] for r in runs)
        inv = runs[-1]["invariants"]
        print(f"{mode + ', --sync ' + sync:<20} {median(runs, 'wall'):>7.2f} {median(runs, 'p99'):>7.1f} "
              f"{median(runs, 'client_cores'):>20.2f} {median(runs, 'server_cores'):>6.2f} {median(runs, 'other_cores'):>5.2f}"
              f"  {ok}/{len(runs)} OK (last: {inv['live']}/{inv['expected']} half-days live, dup desk "
              f"{inv['desk_dup']}, dup resident {inv['resident_dup']}, split days {inv['split_days']})")
    print(f"\nserver RSS: after the read runs {read_rss / 1024:.1f} MiB; after a booking run "
          f"full {statistics.median(book_rss['full']) / 1024:.1f} / normal {statistics.median(book_rss['normal']) / 1024:.1f} MiB; "
          f"after a rush {statistics.median(r['rss'] for runs in rushes.values() for r in runs) / 1024:.1f} MiB; "
          f"after {len(site['tokens'])} Argon2id logins {prep['rss_after_logins_kb'] / 1024:.1f} MiB "
          f"({prep['logins_per_s']:.1f} logins/s)")
    print(f"server warnings/errors logged: {len(warnings)}")
    for line, n in collections.Counter(re.sub(r"^\[[^]]*\] ", "", w) for w in warnings).most_common(5):
        print(f"  {n} x {line}")


if __name__ == "__main__":
    main()
