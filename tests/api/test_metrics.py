# SPDX-License-Identifier: EUPL-1.2
"""GET /metrics (issue 14): the operations figures in the Prometheus text format, read by a
parser of that format written here (# HELP, # TYPE, samples with labels); the counts move
after requests and bookings; only loopback clients that came through no proxy, or whoever
presents the --metrics-token, may read them."""
import re
import time
import unittest

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
AGENT = "claire.dubreuil@pilote.escale.test"
WEDNESDAY = "2026-03-18"

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)')


def parse_exposition(text):
    """{name: {"type", "help", "samples": [(sample name, {labels}, value)]}}; fails on any line
    the text format does not allow."""
    families, current = {}, None
    for line in text.splitlines():
        if not line:
            continue
        if line.startswith("# HELP "):
            name, _, help_text = line[7:].partition(" ")
            current = families.setdefault(name, {"samples": []})
            current["help"] = help_text
        elif line.startswith("# TYPE "):
            name, _, kind = line[7:].partition(" ")
            assert kind in ("counter", "gauge", "histogram", "summary", "untyped"), line
            assert name in families and "type" not in families[name], f"TYPE after samples or twice: {line}"
            families[name]["type"] = kind
        elif line.startswith("#"):
            continue
        else:
            m = SAMPLE.match(line)
            assert m, f"not a sample line: {line!r}"
            name, _, labels_text, value = m.groups()
            labels = {}
            if labels_text:
                pos = 0
                while pos < len(labels_text):
                    lm = LABEL.match(labels_text, pos)
                    assert lm, f"bad labels in {line!r}"
                    labels[lm.group(1)] = lm.group(2)
                    pos = lm.end()
            base = re.sub(r"_(bucket|sum|count|total)$", "", name)
            family = families.get(name) or families.get(base) or families.get(base + "_total")
            assert family is not None, f"sample without its # TYPE: {line}"
            family["samples"].append((name, labels, float(value)))
    for name, f in families.items():
        assert "type" in f and "help" in f, name
    return families


def value(families, family, sample=None, **labels):
    total = 0.0
    for name, got, v in families[family]["samples"]:
        if (sample is None or name == sample) and all(got.get(k) == str(w) for k, w in labels.items()):
            total += v
    return total


class Metrics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def scrape(self):
        status, body, resp = self.server.client().get("/metrics")
        self.assertEqual(status, 200, body)
        self.assertTrue(resp.getheader("Content-Type").startswith("text/plain; version=0.0.4"))
        return parse_exposition(body.decode("utf-8"))

    def test_the_families_are_there_and_well_formed(self):
        f = self.scrape()
        for name, kind in [("escale_http_requests_total", "counter"),
                           ("escale_http_request_duration_seconds", "histogram"),
                           ("escale_http_open_connections", "gauge"),
                           ("escale_http_waiting_connections", "gauge"), ("escale_pool_waiting_requests", "gauge"),
                           ("escale_bookings_made_total", "counter"), ("escale_database_errors_total", "counter"),
                           ("escale_group_commit_size", "histogram"), ("escale_periodic_job_runs_total", "counter")]:
            with self.subTest(family=name):
                self.assertEqual(f[name]["type"], kind)
        # A histogram's buckets are cumulative and end with +Inf = count.
        buckets = [(s[1]["le"], s[2]) for s in f["escale_group_commit_size"]["samples"]
                   if s[0] == "escale_group_commit_size_bucket"]
        self.assertEqual(buckets[-1][0], "+Inf")
        self.assertEqual([v for _, v in buckets], sorted(v for _, v in buckets))
        self.assertEqual(buckets[-1][1], value(f, "escale_group_commit_size", "escale_group_commit_size_count"))
        self.assertGreaterEqual(value(f, "escale_http_open_connections"), 1)  # this scrape's own

    def test_counts_move_after_requests(self):
        before = self.scrape()
        client = self.server.client()
        for _ in range(5):
            self.assertEqual(client.get("/healthz")[0], 200)
        for _ in range(3):
            self.assertEqual(client.get("/api/v1/nowhere-at-all")[0], 404)
        assert_error(self, client.get("/api/v1/me"), 401, "unauthenticated")
        # A request is counted once its answer is written: the client may read it a moment before.
        me_401 = dict(route="/api/v1/me", status=401)
        deadline = time.monotonic() + 5
        after = self.scrape()
        while (value(after, "escale_http_requests_total", **me_401) == value(before, "escale_http_requests_total", **me_401)
               and time.monotonic() < deadline):
            time.sleep(0.05)
            after = self.scrape()
        key = dict(route="/healthz", method="GET", status=200)
        self.assertEqual(value(after, "escale_http_requests_total", **key) -
                         value(before, "escale_http_requests_total", **key), 5)
        self.assertEqual(value(after, "escale_http_requests_total", route="/api/v1/me", status=401) -
                         value(before, "escale_http_requests_total", route="/api/v1/me", status=401), 1)
        self.assertGreaterEqual(value(after, "escale_http_requests_total", status=404) -
                                value(before, "escale_http_requests_total", status=404), 3)
        count = "escale_http_request_duration_seconds_count"
        self.assertEqual(value(after, "escale_http_request_duration_seconds", count, route="/healthz") -
                         value(before, "escale_http_request_duration_seconds", count, route="/healthz"), 5)

    def test_bookings_and_commits_are_counted(self):
        before = self.scrape()
        agent = self.server.login(AGENT)
        site = agent.get("/api/v1/sites/1")[1]
        avail = agent.get(f"/api/v1/floors/{site['floors'][0]['id']}/availability?date={WEDNESDAY}")[1]
        desk = next(d["id"] for d in avail["desks"] if d.get("am") == "free" and d.get("pm") == "free")
        status, made, _ = agent.post("/api/v1/desk-bookings", {"desk_id": desk, "date": WEDNESDAY, "period": "day"})
        self.assertEqual(status, 201, made)
        # The same desk again: refused by the database's unique index or the check before it.
        agent.post("/api/v1/desk-bookings", {"desk_id": desk, "date": WEDNESDAY, "period": "day"})
        after = self.scrape()
        self.assertEqual(value(after, "escale_bookings_made_total", kind="desk") -
                         value(before, "escale_bookings_made_total", kind="desk"), 2)  # a day is two half-days
        self.assertEqual(value(after, "escale_bookings_made_total", kind="space"),
                         value(before, "escale_bookings_made_total", kind="space"))
        if self.server.kind == "sqlite":
            count = "escale_group_commit_size_count"
            self.assertGreater(value(after, "escale_group_commit_size", count),
                               value(before, "escale_group_commit_size", count))

    def test_only_loopback_without_proxy_or_the_token(self):
        proxied = self.server.client(headers={"X-Forwarded-For": "203.0.113.7"})
        assert_error(self, proxied.get("/metrics"), 403, "forbidden")
        with Server(extra=["--metrics-token", "jeton-de-collecte-0123456789"]) as s:
            assert_error(self, s.client().get("/metrics"), 403, "forbidden")
            assert_error(self, s.client(headers={"Authorization": "Bearer autre"}).get("/metrics"), 403, "forbidden")
            ok = s.client(headers={"Authorization": "Bearer jeton-de-collecte-0123456789"}).get("/metrics")
            self.assertEqual(ok[0], 200, ok[1])
            parse_exposition(ok[1].decode("utf-8"))


if __name__ == "__main__":
    unittest.main()
