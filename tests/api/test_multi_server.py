# SPDX-License-Identifier: EUPL-1.2
"""Several `escale serve` processes on one PostgreSQL database, as behind a load balancer:
races spread over both servers, periodic jobs run once, caches follow the other's writes.
SQLite is one process's database: these tests run on PostgreSQL only."""
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from escale_server import Server, database_kind

LIVE = "state IN ('reserved', 'checked_in')"


def needs_postgres():
    if database_kind() != "postgres":
        raise unittest.SkipTest("several servers share a PostgreSQL database; this run is on SQLite")


class TwoServersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        needs_postgres()
        cls.a = Server(demo="cite")
        cls.b = Server(demo="cite", share_with=cls.a)

    @classmethod
    def tearDownClass(cls):
        cls.b.stop()
        cls.a.stop()

    def test_one_winner_per_slot_across_servers(self):
        admin = self.a.login("admin@cite.escale.test")
        status, residents, _ = admin.get("/api/v1/residents")
        emails = [r["email"] for r in residents if r["role"] == "agent"][:200]
        servers = [self.a, self.b]
        with ThreadPoolExecutor(8) as pool:
            clients = list(pool.map(lambda ie: servers[ie[0] % 2].login(ie[1]), enumerate(emails)))
        # Three rounds, each on a fresh slot, all 200 clients at once, half on each server.
        for round_, (desk, date) in enumerate([(7, "2026-03-04"), (8, "2026-03-05"), (9, "2026-03-06")]):
            start = threading.Barrier(len(clients))
            results = [None] * len(clients)

            def race(i):
                start.wait()
                results[i] = clients[i].post("/api/v1/desk-bookings",
                                             {"desk_id": desk, "date": date, "period": "am"})[0]

            threads = [threading.Thread(target=race, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(results.count(201), 1, f"round {round_}: {results}")
            self.assertEqual(results.count(409), len(clients) - 1, f"round {round_}: {results}")
            with self.a.db() as db:
                live = db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE desk_id = ? AND date = ? "
                                  f"AND half = 'am' AND {LIVE}", (desk, date)).fetchone()[0]
            self.assertEqual(live, 1)

    def test_a_desk_change_on_one_server_shows_on_the_other(self):
        admin_a = self.a.login("admin@cite.escale.test")
        agent_b = self.b.login("gestionnaire@cite.escale.test")
        path = "/api/v1/floors/2/availability?date=2026-03-04"
        status, before, _ = agent_b.get(path)  # fills b's cache of floor 2
        self.assertEqual(status, 200)
        desk = before["desks"][3]["id"]
        status, body, _ = admin_a.patch(f"/api/v1/desks/{desk}", {"label": "N1-RENOMME"})
        self.assertEqual(status, 200, body)
        status, after, _ = agent_b.get(path)
        self.assertEqual(next(d for d in after["desks"] if d["id"] == desk)["label"], "N1-RENOMME")

    def test_a_session_works_on_both_servers_and_logout_ends_it_everywhere(self):
        on_a = self.a.login("gestionnaire@cite.escale.test")
        on_b = self.b.client(on_a.token)
        self.assertEqual(on_b.get("/api/v1/me")[0], 200)
        self.assertEqual(on_b.post("/api/v1/auth/logout")[0], 204)
        self.assertEqual(on_a.get("/api/v1/me")[0], 401)


class PeriodicJobsTest(unittest.TestCase):
    def test_each_due_run_happens_once_with_two_servers(self):
        needs_postgres()
        every = ["--session-purge-interval", "1"]
        started = time.monotonic()
        a = Server(demo="pilot", test_clock=None, extra=every + ["--instance", "serveur-a"])
        try:
            b = Server(demo="pilot", test_clock=None, extra=every + ["--instance", "serveur-b"], share_with=a)
            try:
                time.sleep(6.5)
            finally:
                b.stop()
            ran_s = time.monotonic() - started  # the schedule's seconds, start-ups included
            with a.db() as db:
                runs = db.execute("SELECT due_at, run_by FROM job_runs WHERE name = 'purge_expired_sessions' "
                                  "ORDER BY due_at").fetchall()
        finally:
            a.stop()
        dues = [r[0] for r in runs]
        self.assertGreaterEqual(len(dues), 4, runs)
        self.assertEqual(len(dues), len(set(dues)), f"a due run was claimed twice: {runs}")
        # At most one run per second of schedule (6.5 s and the start-ups, measured, since a
        # loaded machine starts servers slowly): were each due run done by both servers, there
        # would be about twice as many.
        self.assertLessEqual(len(dues), int(ran_s) + 2, (ran_s, runs))
        self.assertLessEqual(dues[-1] - dues[0], int(ran_s) + 2, (ran_s, runs))
        self.assertTrue({r[1] for r in runs} <= {"serveur-a", "serveur-b"}, runs)


if __name__ == "__main__":
    unittest.main()
