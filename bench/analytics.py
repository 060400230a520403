#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Occupancy analytics benchmark (issue 13): the dashboard's queries on one year of the cite
(850 residents, 750 desks), on SQLite and on PostgreSQL. Run: bench/run.sh --analytics.

1. A server on a fresh cite database (with the demo's 8 weeks of history) is stopped; a year
   of history is written straight into its file before that (52 weeks from Monday
   6 January 2025): each open half-day, 35 % (Friday) to 80 % (Tuesday, Thursday) of the
   residents book, preferably in their service's quartiers; 80 % check in, 10 % are
   no-shows, 5 % release the rest of their day, 5 % cancel; on busy days a few wait in vain;
   every space is booked about three times a day. Seeded: the same data every time.
2. The same database is moved to PostgreSQL by `escale migrate-data`.
3. On each database, one server; every dashboard query (the analytics by every grouping and
   period over the 366 days up to 1 March 2026, the flash counts, the real-estate
   indicators) is asked 3 times to warm up, then `--reps` times; the median and the 90th
   percentile of the wall time of each (HTTP included, one keep-alive connection) are printed,
   and the slowest of the first two answers: a server reads a year the first time it is asked
   a question on a day, then keeps the days over a week old folded (app/analytics_cache).
   With --compare-with BINARY, another build answers every query first on the same data, and
   the answers that differ are named (figures to 1e-9). With --lived, PostgreSQL's desk
   bookings are first written again day by day, as production would (live_year), so that the
   counters' table is timed as daily writes and vacuums leave it.
"""
import argparse
import datetime
import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import tempfile
import time
import zoneinfo

import bench
from bench import BIN, Server
from backends import Cluster

FROM, TO = "2025-03-02", "2026-03-01"
RECENT = "2026-02-02"  # 4 weeks before TO
YEAR_START = datetime.date(2025, 1, 6)
HOLIDAYS_2025 = {datetime.date(2025, m, d) for m, d in ((4, 21), (5, 1), (5, 8), (5, 29), (6, 9), (7, 14), (8, 15),
                                                        (11, 1), (11, 11), (12, 25))} | {datetime.date(2026, 1, 1)}
SHARE = {0: 0.55, 1: 0.80, 2: 0.60, 3: 0.80, 4: 0.35}  # Monday .. Friday


def epoch(d, hour=8):
    return int(datetime.datetime(d.year, d.month, d.day, hour, tzinfo=datetime.timezone.utc).timestamp())


class ExistingServer:
    """A PostgreSQL server that is already running (--pg-url): only its databases are made here."""

    def __init__(self, url):
        self.base = url.rsplit("/", 1)[0]

    def url(self, db):
        return f"{self.base}/{db}"

    def sql(self, command, db="postgres"):
        subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-qtAc", command, self.url(db)], check=True, capture_output=True)

    def stop(self):
        pass


def local_date(instant, zone):
    """The server's SQL function escale_local_date (store/sqlite/local_date_function): the
    analytics triggers of migration v23 call it as space bookings are written."""
    return datetime.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone)).date().isoformat()


def write_year(path):
    """One year of desk bookings, waitlist entries and space bookings, written to the SQLite file
    (the database's triggers keep the analytics' daily counters as they go in)."""
    rng = random.Random(2025)
    db = sqlite3.connect(path)
    db.create_function("escale_local_date", 2, local_date, deterministic=True)
    desks = db.execute("SELECT d.id, d.site_id, z.service_id FROM desks d LEFT JOIN zones z ON z.id = d.zone_id "
                       "WHERE d.active = 1").fetchall()
    residents = db.execute("SELECT id, service_id FROM residents WHERE active = 1").fetchall()
    spaces = db.execute("SELECT id, site_id, capacity FROM spaces").fetchall()
    floors = [r[0] for r in db.execute("SELECT id FROM floors")]
    site = desks[0][1]
    home = {}
    for desk, _, service in desks:
        home.setdefault(service, []).append(desk)
    bookings, waits, space_rows = [], [], []
    day = YEAR_START
    end = YEAR_START + datetime.timedelta(weeks=52)
    while day < end:
        if day.weekday() < 5 and day not in HOLIDAYS_2025:
            for half in ("am", "pm"):
                people = rng.sample(residents, int(len(residents) * SHARE[day.weekday()] * rng.uniform(0.9, 1.0)))
                free = {d for d, _, _ in desks}
                turned_away = 0
                for resident, service in people:
                    mine = [d for d in home.get(service, []) if d in free]
                    desk = rng.choice(mine) if mine and rng.random() < 0.85 else (rng.choice(tuple(free)) if free else None)
                    if desk is None:
                        turned_away += 1
                        continue
                    free.discard(desk)
                    state = rng.choices(("checked_in", "no_show", "released", "cancelled"), (80, 10, 5, 5))[0]
                    made = epoch(day) - 86400 * rng.randint(1, 14)
                    bookings.append((site, desk, resident, day.isoformat(), half, state, made, resident,
                                     made + 3600, service))
                for _ in range(turned_away + (rng.randint(0, 12) if day.weekday() in (1, 3) else 0)):
                    resident = rng.choice(residents)[0]
                    waits.append((site, rng.choice(floors), resident, day.isoformat(), half,
                                  rng.choice(("left", "waiting")), epoch(day) - 86400, epoch(day)))
            for space, _, capacity in spaces:
                for hour in rng.sample(range(8, 18), 3):
                    start = epoch(day, hour)
                    resident, service = rng.choice(residents)
                    space_rows.append((site, space, resident, start, start + 3600,
                                       rng.randint(1, max(1, capacity)), "Réunion",
                                       rng.choices(("reserved", "no_show", "cancelled"), (85, 10, 5))[0],
                                       start - 86400, resident, start - 86400, service))
        day += datetime.timedelta(days=1)
    db.executemany("INSERT INTO desk_bookings (site_id, desk_id, resident_id, date, half, state, created_at, created_by, "
                   "state_changed_at, service_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", bookings)
    # a waiting resident waits once per slot
    seen, unique_waits = set(), []
    for w in waits:
        key = (w[2], w[3], w[4])
        if w[5] == "waiting" and key in seen:
            continue
        seen.add(key)
        unique_waits.append(w)
    db.executemany("INSERT INTO waitlist_entries (site_id, floor_id, resident_id, date, half, state, created_at, "
                   "state_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", unique_waits)
    db.executemany("INSERT INTO space_bookings (site_id, space_id, resident_id, start_at, end_at, attendees, subject, state, "
                   "created_at, created_by, state_changed_at, service_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   space_rows)
    db.commit()
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("desk_bookings", "waitlist_entries", "space_bookings")}
    db.close()
    return counts


def live_year(cluster, name):
    """The year's desk bookings written again into the PostgreSQL database `name` day by day, as
    production writes them: each day booked, then its outcomes (check-in, no-show, release),
    a cancelled booking cancelled; the counters' table vacuumed every second day, as autovacuum
    would (its threshold: a fifth of the rows dead). Returns the desk counters' pages before and
    after, and the rows. `escale migrate-data` writes the counters compact in one statement;
    this shows what a year of daily writes leaves."""
    def psql(sql):
        return subprocess.run(["psql", "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql, cluster.url(name)], check=True,
                              capture_output=True, text=True).stdout.strip()
    pages = "SELECT pg_relation_size('desk_usage_days') / 8192"
    compact = int(psql(pages))
    psql("CREATE TABLE lived_source AS SELECT * FROM desk_bookings")
    psql("UPDATE waitlist_entries SET booking_id = NULL")
    psql("DELETE FROM desk_bookings")
    psql("TRUNCATE desk_usage_days")
    booked = "CASE WHEN state = 'cancelled' THEN 'cancelled' ELSE 'reserved' END"
    columns = f"id, site_id, desk_id, resident_id, date, half, {booked}, created_at, created_by, state_changed_at, service_id"
    for i, day in enumerate(psql("SELECT DISTINCT date FROM lived_source ORDER BY 1").split()):
        # the cancelled first: a desk's half-day may hold a cancelled booking and a live one
        psql(f"INSERT INTO desk_bookings SELECT {columns} FROM lived_source WHERE date = '{day}' "
             f"ORDER BY state = 'cancelled' DESC")
        psql(f"UPDATE desk_bookings b SET state = s.state FROM lived_source s WHERE s.id = b.id AND s.date = '{day}' "
             f"AND s.state NOT IN ('reserved', 'cancelled')")
        if i % 2:
            psql("VACUUM desk_usage_days")
    psql("DROP TABLE lived_source")
    psql("VACUUM ANALYZE")
    return compact, int(psql(pages)), int(psql("SELECT count(*) FROM desk_usage_days"))


def queries():
    rng = f"from={FROM}&to={TO}"
    # the dashboard's first view: the last 4 weeks, by week (then by each grouping)
    out = [f"/api/v1/sites/1/analytics?from={RECENT}&to={TO}&by={by}&period=week"
           for by in ("site", "floor", "quartier", "service", "space_type")]
    out += [f"/api/v1/sites/1/analytics?{rng}&by={by}&period={period}"
            for by in ("site", "floor", "quartier", "service", "space_type") for period in ("day", "week", "month")]
    out += [f"/api/v1/sites/1/analytics?{rng}&by=site&period=half_day",
            f"/api/v1/sites/1/analytics.csv?{rng}&by=floor&period=week",
            f"/api/v1/sites/1/flash-counts?{rng}",
            "/api/v1/sites/1/indicators", "/api/v1/indicators"]
    return out


def timings(port, token, path, reps):
    """The wall times of `reps` answers after 3 to warm up, and the slowest of the first two:
    what a question costs the first time a server is asked it on a day (it reads every day,
    settles the site's days, then folds the settled ones and keeps them: app/analytics_cache)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": "Bearer " + token}
    out, first = [], 0.0
    for i in range(3 + reps):
        t = time.perf_counter()
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        resp.read()
        assert resp.status == 200, (path, resp.status)
        if i >= 3:
            out.append(1000 * (time.perf_counter() - t))
        elif i < 2:
            first = max(first, 1000 * (time.perf_counter() - t))
    conn.close()
    return out, first


def measure(name, server, reps):
    token = bench.login(server.port, bench.ADMIN)
    results = {}
    for path in queries():
        ms, first = timings(server.port, token, path, reps)
        results[path] = (statistics.median(ms), sorted(ms)[int(0.9 * (len(ms) - 1))], first)
        print(f"{name:10} {results[path][0]:8.1f} ms median  {results[path][1]:8.1f} ms p90  {first:8.1f} ms first  "
              f"{path}", flush=True)
    return results


def answers(server):
    """Every dashboard query's status and body on `server`."""
    token = bench.login(server.port, bench.ADMIN)
    out = {}
    for path in queries():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        resp = conn.getresponse()
        out[path] = (resp.status, resp.read())
        conn.close()
    return out


def same_figures(a, b):
    """Equal JSON, numbers to 1e-9 (a sum of fractions may end differently when added in another order)."""
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same_figures(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same_figures(x, y) for x, y in zip(a, b))
    return a == b


def compare(name, server, other):
    """The paths whose answer differs between `server` and `other` (on the same data)."""
    mine, theirs = answers(server), answers(other)
    differ = [p for p in mine if mine[p][0] != theirs[p][0] or not (
        mine[p][1] == theirs[p][1] or ".csv" not in p and same_figures(json.loads(mine[p][1]), json.loads(theirs[p][1])))]
    print(f"{name:10} {len(mine)} answers compared with the other build: {len(differ)} differ", flush=True)
    for p in differ:
        print(f"{name:10} differs: {p}", flush=True)
    return differ


def run(workdir, databases, reps, binary=bench.BIN, cluster=None, other=None, lived=False):
    """The year written, then every query timed on each of `databases` (sqlite, postgres), on
    `cluster` (an existing server: ExistingServer, or a Cluster) or a throwaway one; with
    `lived`, PostgreSQL's desk bookings written again day by day first (live_year). Returns,
    by database name, each query's (median, p90) in ms."""
    workdir = tempfile.mkdtemp(prefix="analytics-", dir=workdir)
    os.chmod(workdir, 0o755)  # a throwaway cluster runs as the postgres user
    prep = Server(os.path.join(workdir, "prepare"), binary=binary)
    bench.login(prep.port, bench.ADMIN)
    prep.stop()
    t = time.perf_counter()
    counts = write_year(prep.db)
    print(f"history: {counts} written in {time.perf_counter() - t:.1f} s", flush=True)
    all_results = {}
    if "sqlite" in databases:
        server = Server(os.path.join(workdir, "sqlite"), snapshot=prep.db, binary=binary)
        try:
            if other:
                theirs = Server(os.path.join(workdir, "sqlite-other"), snapshot=prep.db, binary=other)
                try:
                    compare("SQLite", server, theirs)
                finally:
                    theirs.stop()
            all_results["SQLite"] = measure("SQLite", server, reps)
        finally:
            server.stop()
    if "postgres" in databases:
        own = cluster is None
        cluster = cluster or Cluster(os.path.join(workdir, "pg"))
        name = "escale_analytics_bench"
        try:
            cluster.sql(f"DROP DATABASE IF EXISTS {name}")
            cluster.sql(f"CREATE DATABASE {name}")
            subprocess.run([binary, "migrate-data", "--from", "sqlite:" + prep.db, "--to", cluster.url(name)],
                           check=True, capture_output=True)
            if lived:
                t = time.perf_counter()
                compact, pages, rows = live_year(cluster, name)
                print(f"PostgreSQL desk counters: {compact} pages as migrate-data writes them, {pages} after a year "
                      f"written day by day ({rows} rows; {time.perf_counter() - t:.0f} s)", flush=True)
            server = Server(os.path.join(workdir, "postgres"), db_url=cluster.url(name), binary=binary)
            try:
                if other:
                    theirs = Server(os.path.join(workdir, "postgres-other"), db_url=cluster.url(name), binary=other)
                    try:
                        compare("PostgreSQL", server, theirs)
                    finally:
                        theirs.stop()
                all_results["PostgreSQL"] = measure("PostgreSQL", server, reps)
            finally:
                server.stop()
        finally:
            cluster.sql(f"DROP DATABASE IF EXISTS {name}")
            if own:
                cluster.stop()
    return all_results


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=21)
    p.add_argument("--databases", default="sqlite,postgres")
    p.add_argument("--pg-url", help="an existing PostgreSQL server (postgresql://user@host:port/postgres) instead of "
                                    "a throwaway cluster; a database `escale_analytics_bench` is made and dropped there")
    p.add_argument("--compare-with", metavar="BINARY",
                   help="another build of escale (say, main's): its answers to every query, on the same data, are "
                        "compared with this build's before the timings (the figures must not change)")
    p.add_argument("--lived", action="store_true",
                   help="on PostgreSQL, write the year's desk bookings again day by day before the timings, as "
                        "production writes them (the counters' table as daily writes and vacuums leave it)")
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="escale-analytics-") as workdir:
        os.chmod(workdir, 0o755)  # a throwaway cluster runs as the postgres user
        all_results = run(workdir, a.databases.split(","), a.reps,
                          cluster=ExistingServer(a.pg_url) if a.pg_url else None, other=a.compare_with,
                          lived=a.lived)
    worst = {db: max(v[0] for v in r.values()) for db, r in all_results.items()}
    print("slowest median: " + ", ".join(f"{db} {ms:.1f} ms" for db, ms in worst.items()))
    cold = {db: max(v[2] for v in r.values()) for db, r in all_results.items()}
    print("slowest first answer: " + ", ".join(f"{db} {ms:.1f} ms" for db, ms in cold.items()))
    print(json.dumps({db: {k: round(v[0], 2) for k, v in r.items()} for db, r in all_results.items()}, indent=1))


if __name__ == "__main__":
    main()
