# SPDX-License-Identifier: EUPL-1.2
"""Operations on the data: SQLite backups taken during a booking storm restore to consistent
databases; `escale migrate-data` moves a site with its history to PostgreSQL, verified."""
import os
import stat
import random
import subprocess
import sqlite3
import tempfile
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

from escale_server import BIN, Server, database_kind, pg_admin_url, psql

LIVE = "state IN ('reserved', 'checked_in')"
TABLES = ["sites", "floors", "services", "zones", "residents", "desks", "spaces", "lockers", "closures",
          "credentials", "sessions", "desk_bookings"]


def escale(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)


def double_holdings(db):
    return [db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM desk_bookings WHERE {LIVE} "
                       f"GROUP BY {key}, date, half HAVING COUNT(*) > 1) AS t").fetchone()[0]
            for key in ("desk_id", "resident_id")]


COUNTERS = ("SELECT (SELECT SUM(booked) FROM desk_usage_days), (SELECT SUM(checked_in) FROM desk_usage_days), "
            "(SELECT SUM(no_show) FROM desk_usage_days), (SELECT SUM(bookings) FROM space_usage_days), "
            "(SELECT SUM(seconds) FROM space_usage_days), (SELECT SUM(seats) FROM space_service_days), "
            "(SELECT COUNT(*) FROM desk_usage_days WHERE booked > 0)")

class PrivateFilesTest(unittest.TestCase):
    """Issue 14, finding 6: the database, its WAL and shared-memory files and the backups hold
    password hashes and personal data: readable and writable by their owner only, whatever
    the umask (here the usual 022)."""

    def test_database_and_backups_are_private(self):
        if database_kind() != "sqlite":
            self.skipTest("files of SQLite databases; PostgreSQL keeps its own")
        old = os.umask(0o022)
        try:
            with Server(demo="pilot") as server:
                self.assertEqual(server.login("admin@pilote.escale.test").get("/healthz")[0], 200)
                for suffix in ("", "-wal", "-shm"):
                    path = server.db_path + suffix
                    self.assertTrue(os.path.exists(path), path)
                    self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, path)
                work = tempfile.TemporaryDirectory(prefix="escale-backup-")
                backup = os.path.join(work.name, "sauvegarde.db")
                done = escale("backup", "--db", "sqlite:" + server.db_path, "--to", backup)
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertEqual(stat.S_IMODE(os.stat(backup).st_mode), 0o600)
                work.cleanup()
        finally:
            os.umask(old)


class BackupDuringStormTest(unittest.TestCase):
    def test_backups_taken_during_a_storm_restore_consistent(self):
        if database_kind() != "sqlite":
            self.skipTest("escale backup copies SQLite databases; PostgreSQL has its own tools (docs/operations.md)")
        work = tempfile.TemporaryDirectory(prefix="escale-backup-")
        with Server(demo="pilot") as server:
            admin = server.login("admin@pilote.escale.test")
            residents = admin.get("/api/v1/residents")[1]
            with ThreadPoolExecutor(8) as pool:
                clients = list(pool.map(server.login, [r["email"] for r in residents]))
            desks = [d["id"] for d in admin.get("/api/v1/floors/1/availability?date=2026-03-04")[1]["desks"]]
            stop = threading.Event()
            created = [0]

            def storm(i):
                rng, c, mine = random.Random(i), clients[i], []
                while not stop.is_set():
                    if mine and rng.random() < 0.3:
                        c.delete(f"/api/v1/desk-bookings/{mine.pop()}")
                    else:
                        status, body, _ = c.post("/api/v1/desk-bookings", {
                            "desk_id": rng.choice(desks), "date": rng.choice(["2026-03-03", "2026-03-04", "2026-03-05"]),
                            "period": rng.choice(["am", "pm", "day"])})
                        if status == 201:
                            mine.extend(b["id"] for b in body["bookings"])
                            created[0] += 1

            threads = [threading.Thread(target=storm, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            backups = []
            try:
                for i in range(3):
                    path = os.path.join(work.name, f"sauvegarde-{i}.db")
                    done = escale("backup", "--db", "sqlite:" + server.db_path, "--to", path)
                    self.assertEqual(done.returncode, 0, done.stderr)
                    backups.append(path)
            finally:
                stop.set()
                for t in threads:
                    t.join()
            self.assertGreater(created[0], 50, "the storm must have been writing during the backups")

        for path in backups:
            restored = path + ".restauree.db"
            done = escale("restore", "--from", path, "--db", "sqlite:" + restored)
            self.assertEqual(done.returncode, 0, done.stderr)
            with sqlite3.connect(restored) as db:
                self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                self.assertEqual(db.execute("PRAGMA foreign_key_check").fetchall(), [])
                self.assertEqual(double_holdings(db), [0, 0])
                self.assertEqual(db.execute("SELECT COUNT(*) FROM residents").fetchone()[0], 36)
        # A restored database serves.
        with Server(demo="none", db_url="sqlite:" + backups[-1] + ".restauree.db") as restored:
            self.assertEqual(restored.client().get("/readyz")[0], 200)
            agent = restored.login(residents[5]["email"])
            self.assertEqual(agent.get("/api/v1/floors/1/availability?date=2026-03-04")[0], 200)
        # Something that is not a backup is refused and changes nothing.
        garbage = os.path.join(work.name, "pas-une-sauvegarde.db")
        with open(garbage, "wb") as f:
            f.write(b"ceci n'est pas une base SQLite" * 100)
        refused = escale("restore", "--from", garbage, "--db", "sqlite:" + backups[0] + ".restauree.db")
        self.assertNotEqual(refused.returncode, 0)
        with sqlite3.connect(backups[0] + ".restauree.db") as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM residents").fetchone()[0], 36)
        work.cleanup()


class MigrateDataTest(unittest.TestCase):
    def test_cite_with_history_moves_to_postgresql_verified(self):
        if database_kind() != "postgres":
            self.skipTest("runs once, in the PostgreSQL pass")
        admin_url = pg_admin_url()
        with Server(demo="cite", db="sqlite") as source:
            admin = source.login("admin@cite.escale.test")
            residents = [r for r in admin.get("/api/v1/residents")[1] if r["role"] == "agent"][:40]
            agent = source.login(residents[0]["email"])
            for i, r in enumerate(residents):
                c = source.login(r["email"])
                self.assertEqual(c.post("/api/v1/desk-bookings", {"desk_id": 100 + i, "date": "2026-03-04",
                                                                   "period": "day"})[0], 201)
            booking = agent.get("/api/v1/me/desk-bookings?from=2026-03-04&to=2026-03-04")[1][0]["id"]
            self.assertEqual(agent.delete(f"/api/v1/desk-bookings/{booking}")[0], 200)  # history: a cancelled one
            mine_before = agent.get("/api/v1/me/desk-bookings?from=2026-03-01&to=2026-03-31")[1]
            with source.db() as db:
                counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
                cancelled = db.execute("SELECT COUNT(*) FROM desk_bookings WHERE state = 'cancelled'").fetchone()[0]
                # the analytics' daily counters (migration v23): recounted on PostgreSQL
                counters = [list(r) for r in db.execute(COUNTERS)]
            self.assertGreater(cancelled, 1, "the demo's history has cancellations, and this test one more")
            sqlite_path = source.db_path
            # Stop the server (its file stays until the end of the with block) and migrate.
            source.proc.terminate()
            source.proc.wait(20)
            name = "escale_migr_" + str(os.getpid())
            psql(admin_url, f"CREATE DATABASE {name}")
            target = admin_url[:admin_url.rindex("/") + 1] + name
            try:
                done = escale("migrate-data", "--from", "sqlite:" + sqlite_path, "--to", target)
                self.assertEqual(done.returncode, 0, done.stderr + done.stdout)
                self.assertIn("migration vérifiée", done.stdout)
                for t in TABLES:
                    self.assertEqual(psql(target, f"SELECT COUNT(*) FROM {t}")[0][0], counts[t], t)
                self.assertEqual(psql(target, "SELECT COUNT(*) FROM desk_bookings WHERE state = 'cancelled'")[0][0],
                                 cancelled)
                self.assertEqual([[int(v) for v in r] for r in psql(target, COUNTERS)], counters)
                # recounted in one statement, not booking by booking: no dead versions left behind
                # (about 80 bytes a counter row when compact, ten times that when counted one by one)
                size, rows = psql(target, "SELECT pg_relation_size('desk_usage_days'), count(*) FROM desk_usage_days")[0]
                self.assertLess(int(size), 200 * int(rows))
                again = escale("migrate-data", "--from", "sqlite:" + sqlite_path, "--to", target)
                self.assertNotEqual(again.returncode, 0)
                self.assertIn("target_not_empty", again.stderr)
                # A server on PostgreSQL now serves the same people, passwords and bookings.
                with Server(demo="none", db_url=target) as on_pg:
                    c = on_pg.login(residents[0]["email"])
                    self.assertEqual(c.get("/api/v1/me/desk-bookings?from=2026-03-01&to=2026-03-31")[1], mine_before)
                    # New rows continue after the copied ids.
                    status, body, _ = c.post("/api/v1/desk-bookings", {"desk_id": 300, "date": "2026-03-05", "period": "am"})
                    self.assertEqual(status, 201, body)
                    self.assertGreater(body["bookings"][0]["id"], max(b["id"] for b in mine_before))
                    # the counting triggers are back on: the new booking is counted
                    self.assertEqual(psql(target, "SELECT sum(booked) FROM desk_usage_days WHERE date = '2026-03-05'")[0][0],
                                     psql(target, "SELECT count(*) FROM desk_bookings WHERE date = '2026-03-05' "
                                                  "AND state <> 'cancelled'")[0][0])
            finally:
                psql(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    unittest.main()
