# SPDX-License-Identifier: EUPL-1.2
"""Where a bench server keeps its data, for bench.py, databases.py and analytics.py.

  Cluster          a throwaway PostgreSQL cluster (scripts/pg-throwaway.sh) on a free port;
  SqliteBackend    every server on its own copy of one prepared SQLite file (`snapshot`);
  PostgresBackend  every server on its own copy (CREATE DATABASE ... TEMPLATE) of one prepared
                   PostgreSQL database (`snapshot` names it), dropped when the server stops.
A backend also reads a server's database back for the checks (`query`), and counts the
statements the database ran (pg_stat_statements) when the cluster was started with it.
"""
import os
import socket
import sqlite3
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
PG_SCRIPT = os.path.join(HERE, "..", "scripts", "pg-throwaway.sh")


def proc_cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cluster:
    """A throwaway PostgreSQL cluster (scripts/pg-throwaway.sh) on a free port; with
    `statements`, pg_stat_statements is loaded, so that statements() counts what ran."""

    def __init__(self, directory, statements=False):
        self.dir = directory
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(os.environ)
        if statements:
            env["PG_THROWAWAY_OPTIONS"] = "-c shared_preload_libraries=pg_stat_statements"
        admin = subprocess.run(["bash", PG_SCRIPT, "start", directory, str(port)], check=True,
                               capture_output=True, text=True, env=env).stdout.strip()
        self.base = admin.rsplit("/", 1)[0]  # without the database name
        with open(os.path.join(directory, "data", "postmaster.pid")) as f:
            self.pid = int(f.readline())
        if statements:
            self.sql("CREATE EXTENSION pg_stat_statements")

    def url(self, db):
        return f"{self.base}/{db}"

    def sql(self, command, db="postgres"):
        return subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-qtAc", command, self.url(db)], check=True,
                              capture_output=True, text=True).stdout.strip()

    def statements(self, db):
        """Statements run so far in database `db` (BEGIN, COMMIT and ROLLBACK included)."""
        return int(self.sql("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                            f"WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '{db}')"))

    def cpu_s(self):
        """CPU seconds of the postmaster and its children (backends, WAL writer, checkpointer...)."""
        total = 0.0
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                if int(pid) == self.pid or ppid == self.pid:
                    total += proc_cpu_s(pid)
            except (OSError, ValueError):
                pass  # gone meanwhile
        return total

    def errors(self):
        with open(os.path.join(self.dir, "server.log")) as f:
            return [l.rstrip() for l in f if "ERROR:" in l or "FATAL:" in l or "PANIC:" in l]

    def stop(self):
        subprocess.run(["bash", PG_SCRIPT, "stop", self.dir], check=True)


class SqliteBackend:
    name = "SQLite"
    syncs = ("full", "normal")

    def __init__(self, make_server, snapshot):
        self.make_server, self.snapshot = make_server, snapshot

    def server(self, workdir, name, sync="full", snapshot=None):
        return self.make_server(os.path.join(workdir, name), sync=sync, snapshot=snapshot or self.snapshot)

    def query(self, server, sql):
        with sqlite3.connect(f"file:{server.db}?mode=ro", uri=True) as db:
            return db.execute(sql).fetchall()

    def stop(self, server):
        return server.stop()

    def statements(self, server):
        return None


class PostgresBackend:
    """Servers on copies of the database `template` of `cluster` (--sync does not apply)."""
    name = "PostgreSQL"
    syncs = ("full",)

    def __init__(self, make_server, cluster, template):
        self.make_server, self.cluster, self.template, self.count = make_server, cluster, template, 0

    def server(self, workdir, name, sync="full", snapshot=None):
        self.count += 1
        db = f"bench_{self.count}"
        self.cluster.sql(f"CREATE DATABASE {db} TEMPLATE {snapshot or self.template}")
        server = self.make_server(os.path.join(workdir, name), db_url=self.cluster.url(db))
        server.pg_db = db
        return server

    def query(self, server, sql):
        out = self.cluster.sql(sql, server.pg_db)
        return [tuple(int(v) if v.lstrip("-").isdigit() else v for v in line.split("|")) for line in out.splitlines()]

    def stop(self, server):
        warnings = server.stop()
        self.cluster.sql(f"DROP DATABASE {server.pg_db} WITH (FORCE)")
        return warnings

    def statements(self, server):
        return self.cluster.statements(server.pg_db)
