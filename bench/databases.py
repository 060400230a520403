#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Escale benchmark across databases (run it through bench/run.sh --databases).

The same three wrk loads, GET /healthz, GET floor availability and POST booking (book.lua),
on three setups, interleaved rep by rep so that drift affects all of them alike:
  sqlite  one server on a SQLite file (--sync full: every commit is durable, as on PostgreSQL);
  pg1     one server on a PostgreSQL database;
  pg2     two servers on one PostgreSQL database, loaded at the same time by one wrk each,
          with half the threads and half the connections each (the total stays the same).
Every run starts from a fresh copy of one prepared state: bench.prepare's SQLite snapshot (850
residents logged in), moved once to PostgreSQL by `escale migrate-data` (sessions included, so
the same tokens are valid there), then copied per run with CREATE DATABASE ... TEMPLATE.
"""
import argparse
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time

import bench
import rush
from backends import Cluster
from bench import BIN, HERE, Server, median

SETUPS = {"sqlite": ("SQLite", 1), "pg1": ("PostgreSQL", 1), "pg2": ("PostgreSQL", 2)}  # database, servers
LOADS = ("healthz", "availability", "booking")


class Run:
    """The servers of one run, each setup on a fresh copy of the prepared state."""

    started = []  # every server, so that main() can kill what is left after a failure

    def __init__(self, setup, name, workdir, snapshot, cluster):
        self.setup, self.name, self.cluster, self.servers = setup, name, cluster, []
        if setup == "sqlite":
            self.servers.append(Server(os.path.join(workdir, name), snapshot=snapshot))
        else:
            cluster.sql(f"CREATE DATABASE {name} TEMPLATE prepared")
            for i in range(SETUPS[setup][1]):
                self.servers.append(Server(os.path.join(workdir, f"{name}-{i}"), db_url=cluster.url(name)))
        Run.started += self.servers

    def live_bookings(self):
        query = f"SELECT COUNT(*) FROM desk_bookings WHERE {rush.LIVE}"
        if self.setup == "sqlite":
            with sqlite3.connect(f"file:{self.servers[0].db}?mode=ro", uri=True) as db:
                return db.execute(query).fetchone()[0]
        return int(self.cluster.sql(query, self.name))

    def stop(self):
        """Stops the servers (and drops the database); returns the warnings they logged."""
        warnings = [w for s in self.servers for w in s.stop()]
        if self.setup != "sqlite":
            self.cluster.sql(f"DROP DATABASE {self.name} WITH (FORCE)")
        return warnings


def load(run, threads, connections, args, path, cfgs=None):
    """One wrk per server, all started at once, each with its share of the threads and
    connections. Returns req/s summed, the worst p99 and max, non-2xx summed, and CPU use."""
    n = len(run.servers)
    usage = lambda: (sum(s.cpu_s() for s in run.servers), run.cluster.cpu_s(), bench.machine_busy_s(),
                     bench.children_cpu_s())  # CPU seconds: escale, postgres, whole machine, wrk
    cpu0, t0 = usage(), time.perf_counter()
    procs = []
    for i, server in enumerate(run.servers):
        command = bench.wrk_command([f"-t{threads // n}", f"-c{connections // n}", *args], server.url + path,
                                    [str(threads // n)] if cfgs else [])
        env = {**os.environ, "BOOK_CFG": cfgs[i] if cfgs else ""}
        procs.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env))
    outs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    elapsed = time.perf_counter() - t0
    cpu = [b - a for a, b in zip(cpu0, usage())]
    parts = [bench.parse_wrk(o) for o in outs]
    return {
        "rps": sum(p["rps"] for p in parts), "requests": sum(p["requests"] for p in parts),
        "p99": max(p["p99"] for p in parts), "max": max(p["max"] for p in parts),
        "non2xx": sum(p["non2xx"] for p in parts),
        "socket_errors": "; ".join(p["socket_errors"] for p in parts if p["socket_errors"]),
        "script": [l for p in parts for l in p["script"]],
        "server_cores": cpu[0] / elapsed, "pg_cores": cpu[1] / elapsed, "wrk_cores": cpu[3] / elapsed,
        "other_cores": (cpu[2] - cpu[0] - cpu[1] - cpu[3]) / elapsed,
    }


def show(name, r):
    extra = f" socket errors: {r['socket_errors']}" if r["socket_errors"] else ""
    print(f"  {name:<14} {r['rps']:>7.0f} req/s  p99 {r['p99']:7.2f} ms  max {r['max']:7.1f} ms  non-2xx {r['non2xx']}  "
          f"CPU (cores) escale {r['server_cores']:.2f} postgres {r['pg_cores']:.2f} wrk {r['wrk_cores']:.2f} "
          f"other {r['other_cores']:.2f}{extra}", flush=True)
    for line in r["script"]:
        print("    " + line, flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--databases", action="store_true", help="(run.sh's switch, ignored here)")
    p.add_argument("--duration", default="10s", help="wrk duration of the read benchmarks")
    p.add_argument("--book-duration", default="4s", help="wrk duration of the booking benchmark")
    p.add_argument("--connections", type=int, default=64, help="in all, shared between the servers")
    p.add_argument("--threads", type=int, default=2, help="wrk threads in all, shared between the servers")
    p.add_argument("--reps", type=int, default=3)
    a = p.parse_args()
    workdir = tempfile.mkdtemp(prefix="escale-bench-db-")
    os.chmod(workdir, 0o755)  # the cluster runs as the postgres user
    runs = {(s, l): [] for s in SETUPS for l in LOADS}
    warnings, cluster = [], None
    try:
        snapshot, site, _ = bench.prepare(workdir)
        cluster = Cluster(os.path.join(workdir, "pg"))
        cluster.sql("CREATE DATABASE prepared")
        subprocess.run([BIN, "migrate-data", "--from", "sqlite:" + snapshot, "--to", cluster.url("prepared")],
                       check=True, capture_output=True)
        cfgs = {n: [bench.book_cfg(os.path.join(workdir, f"book-{i}-of-{n}.cfg"), site, i, n) for i in range(n)]
                for n in {servers for _, servers in SETUPS.values()}}
        for rep in range(a.reps):
            for setup, (database, n) in SETUPS.items():
                print(f"run {rep + 1}/{a.reps}: {database}, {n} server(s)", flush=True)
                current = Run(setup, f"{setup}_read_{rep}", workdir, snapshot, cluster)
                viewer, path = bench.prebook(current.servers[0].port, site)
                for name, args in (("healthz", []), ("availability", ["-H", "Authorization: Bearer " + viewer])):
                    r = load(current, a.threads, a.connections, [f"-d{a.duration}", *args],
                             path if name == "availability" else "/healthz")
                    runs[setup, name].append(r)
                    show(name, r)
                warnings += current.stop()
                current = Run(setup, f"{setup}_book_{rep}", workdir, snapshot, cluster)
                r = load(current, a.threads, a.connections, [f"-d{a.book_duration}", "-s", os.path.join(HERE, "book.lua")],
                         "/api/v1/desk-bookings", cfgs[n])
                runs[setup, "booking"].append(r)
                show("booking", r)
                print(f"    {r['requests']} answers, {current.live_bookings()} live bookings in the database", flush=True)
                warnings += current.stop()
    finally:
        for s in Run.started:
            if s.proc.poll() is None:
                s.proc.kill()
                s.proc.wait()
        if cluster:
            pg_errors = cluster.errors()
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n== medians of {a.reps}: wrk --latency, {a.threads} threads and {a.connections} connections in all, "
          f"-d{a.duration} (reads), -d{a.book_duration} (booking) ==")
    print(f"{'setup':<24} {'benchmark':<13} {'req/s':>7} {'p99 ms':>7} {'max ms':>7} {'/healthz':>8} {'non-2xx':>7}"
          f"  CPU (cores): escale postgres  wrk  other")
    for setup, (database, n) in SETUPS.items():
        base = median(runs[setup, "healthz"], "rps")
        for name in LOADS:
            rr = runs[setup, name]
            rps = median(rr, "rps")
            print(f"{database + f', {n} server' + 's' * (n > 1):<24} {name:<13} {rps:>7.0f} {median(rr, 'p99'):>7.2f} "
                  f"{max(r['max'] for r in rr):>7.1f} {rps / base:>8.3f} {sum(r['non2xx'] for r in rr):>7} "
                  f"{median(rr, 'server_cores'):>20.2f} {median(rr, 'pg_cores'):>8.2f} {median(rr, 'wrk_cores'):>4.2f} "
                  f"{median(rr, 'other_cores'):>6.2f}")
    print(f"escale warnings/errors logged: {len(warnings)}; PostgreSQL log errors: {len(pg_errors)}")
    for line in sorted(set(warnings + pg_errors))[:10]:
        print("  " + line)


if __name__ == "__main__":
    main()
