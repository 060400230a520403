# SPDX-License-Identifier: EUPL-1.2
"""Concurrency: many real clients on separate connections against a real server, then the
database itself is checked for invariants 1 and 3 of docs/architecture.md."""
import random
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor

from escale_server import Server

LIVE = "state IN ('reserved', 'checked_in')"


def violations(db):
    """Slots held twice, by desk or by resident, counted in the database."""
    desk = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM desk_bookings WHERE {LIVE} "
                      "GROUP BY desk_id, date, half HAVING COUNT(*) > 1) AS t").fetchone()[0]
    resident = db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM desk_bookings WHERE {LIVE} "
                          "GROUP BY resident_id, date, half HAVING COUNT(*) > 1) AS t").fetchone()[0]
    return desk, resident


def login_all(server, emails, workers=8):
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(server.login, emails))


class SameSlotRaceTest(unittest.TestCase):
    """200 different residents POST the same desk slot at the same instant."""

    def test_exactly_one_winner(self):
        with Server(demo="cite") as server:
            admin = server.login("admin@cite.escale.test")
            status, residents, _ = admin.get("/api/v1/residents")
            self.assertEqual(status, 200)
            agents = [r["email"] for r in residents if r["role"] == "agent"][:200]
            self.assertEqual(len(agents), 200)
            clients = login_all(server, agents)
            for c in clients:  # open every connection before the start signal
                self.assertEqual(c.get("/api/v1/me")[0], 200)

            start = threading.Barrier(len(clients))
            results = [None] * len(clients)

            def race(i):
                start.wait()
                results[i] = clients[i].post("/api/v1/desk-bookings",
                                             {"desk_id": 1, "date": "2026-03-04", "period": "am"})[:2]

            threads = [threading.Thread(target=race, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

            statuses = [r[0] for r in results]
            self.assertEqual(statuses.count(201), 1, statuses)
            self.assertEqual(statuses.count(409), 199, statuses)
            self.assertTrue(all(r[1]["error"]["code"] == "slot_taken" for r in results if r[0] == 409))
            with server.db() as db:
                live = db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE desk_id = 1 AND date = '2026-03-04' "
                                  f"AND half = 'am' AND {LIVE}").fetchone()[0]
                self.assertEqual(live, 1)
                self.assertEqual(violations(db), (0, 0))
            self.assertEqual(admin.get("/healthz")[0], 200)


class StormTest(unittest.TestCase):
    """All 36 pilot residents book and cancel random slots at once."""

    def test_no_double_holding_under_a_storm(self):
        with Server(demo="pilot") as server:
            admin = server.login("admin@pilote.escale.test")
            status, residents, _ = admin.get("/api/v1/residents")
            clients = login_all(server, [r["email"] for r in residents])
            self.assertEqual(len(clients), 36)
            status, avail, _ = admin.get("/api/v1/floors/1/availability?date=2026-03-04")
            desks = [d["id"] for d in avail["desks"]]
            dates = ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
            ops_per_client = 100
            counts = {"201": 0, "409": 0, "422": 0, "200": 0, "other": []}
            lock = threading.Lock()
            start = threading.Barrier(len(clients))

            def storm(i):
                rng = random.Random(1000 + i)
                c = clients[i]
                mine = []
                start.wait()
                for _ in range(ops_per_client):
                    if mine and rng.random() < 0.35:
                        booking = mine.pop(rng.randrange(len(mine)))
                        status, body, _ = c.delete(f"/api/v1/desk-bookings/{booking}")
                    else:
                        status, body, _ = c.post("/api/v1/desk-bookings", {
                            "desk_id": rng.choice(desks), "date": rng.choice(dates),
                            "period": rng.choice(["am", "pm", "day"])})
                        if status == 201:
                            mine.extend(b["id"] for b in body["bookings"])
                    with lock:
                        key = str(status)
                        if key in counts:
                            counts[key] += 1
                        else:
                            counts["other"].append((status, body))

            threads = [threading.Thread(target=storm, args=(i,)) for i in range(len(clients))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()

            self.assertEqual(counts["other"], [])
            total = counts["201"] + counts["409"] + counts["422"] + counts["200"]
            self.assertEqual(total, 36 * ops_per_client)
            self.assertGreater(counts["201"], 100)
            self.assertGreater(counts["409"], 100, "the storm must actually collide")
            with server.db() as db:
                self.assertEqual(violations(db), (0, 0))
                # Every resident's own view matches the database.
                for c, r in zip(clients, residents):
                    status, mine, _ = c.get("/api/v1/me/desk-bookings?from=2026-03-03&to=2026-03-06")
                    stored = db.execute(f"SELECT COUNT(*) FROM desk_bookings WHERE resident_id = ? AND {LIVE} "
                                        "AND date BETWEEN '2026-03-03' AND '2026-03-06'",
                                        (mine[0]["resident_id"] if mine else -1,)).fetchone()[0]
                    self.assertEqual(len(mine), stored if mine else 0)


if __name__ == "__main__":
    unittest.main()
