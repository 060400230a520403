# SPDX-License-Identifier: EUPL-1.2
"""The cite rush: every resident books a whole day on each of the next working days, all at
once over a fixed number of keep-alive connections, then the database is checked.

The client is asyncio with a minimal HTTP/1.1 client (Content-Length bodies only), so that
one Python process can drive 64 connections. Two ways of choosing a desk:
  avail  each resident asks the availability of a floor (their service's floors first) and
         tries its free desks in random order; after a 409 slot_taken, the next free one;
  plan   each resident walks a precomputed shuffled list of desks (their service's floors
         first), skipping desks this client already saw taken (no GET at all).
Either way a resident makes at most MAX_POSTS attempts per day, then gives up.
"""
import asyncio
import collections
import json
import random
import resource
import time

MAX_POSTS = 10
LIVE = "state IN ('reserved', 'checked_in')"


class Http:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(self, method, path, token, body=b""):
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        self.writer.write(head.encode() + body)
        raw = (await self.reader.readuntil(b"\r\n\r\n")).lower()
        status = int(raw[9:12])
        start = raw.index(b"content-length:") + 15
        length = int(raw[start:raw.index(b"\r\n", start)])
        payload = await self.reader.readexactly(length)
        if b"\r\nconnection: close" in raw:
            self.writer.close()
            await self.open()
        return status, payload


class Stats:
    def __init__(self, days):
        self.taken = {d: set() for d in days}  # desks this client saw booked, per date
        self.booked = self.conflicts = self.gets = self.posts = 0
        self.no_desk = self.gave_up = 0
        self.rule_refusals = 0  # 422 of the site's rules (bench --rules): next desk, or the day given up (quota)
        self.errors = collections.Counter()
        self.first_error = ""
        self.latencies = []  # seconds, every request


async def timed(http, stats, *args):
    t = time.perf_counter()
    result = await http.request(*args)
    stats.latencies.append(time.perf_counter() - t)
    return result


async def book_day(http, stats, mode, rng, resident, date):
    """One resident books one whole day. Returns when booked, refused or given up."""
    token, floors, plan = resident["token"], resident["floors"], resident["plan"]
    posts = 0
    for floor in floors if mode == "avail" else [None]:
        if mode == "avail":
            status, body = await timed(http, stats, "GET", f"/api/v1/floors/{floor}/availability?date={date}", token)
            stats.gets += 1
            if status != 200:
                stats.errors[f"GET {status}"] += 1
                return
            free = [d["id"] for d in json.loads(body)["desks"]
                    if d["active"] and d["am"] == "free" and d["pm"] == "free"]
            rng.shuffle(free)
        else:
            free = plan
        for desk in free:
            if mode == "plan" and desk in stats.taken[date]:
                continue
            if posts == MAX_POSTS:
                stats.gave_up += 1
                return
            posts += 1
            stats.posts += 1
            body = f'{{"desk_id":{desk},"date":"{date}","period":"day"}}'.encode()
            status, answer = await timed(http, stats, "POST", "/api/v1/desk-bookings", token, body)
            if status == 201:
                stats.booked += 1
                stats.taken[date].add(desk)
                return
            if status == 409 and b"slot_taken" in answer:
                stats.conflicts += 1
                stats.taken[date].add(desk)
                continue
            if status == 422 and (b"quartier_reserved" in answer or b"adapted_desk_reserved" in answer):
                stats.rule_refusals += 1
                continue
            if status == 422 and b"weekly_quota_reached" in answer:
                stats.rule_refusals += 1
                return
            stats.errors[f"POST {status}"] += 1
            stats.first_error = stats.first_error or f"{status} {answer[:200]!r}"
            return
    stats.no_desk += 1


def make_residents(tokens, resident_floors, desks_by_floor, seed):
    """Each resident: token, floors to try (their service's first), shuffled desk plan."""
    rng = random.Random(seed)
    out = []
    for rid, token in tokens:
        home = resident_floors.get(rid, [])
        others = [f for f in desks_by_floor if f not in home]
        rng.shuffle(others)
        floors = home + others
        plan = []
        for f in floors:
            plan += rng.sample(desks_by_floor[f], len(desks_by_floor[f]))
        out.append({"id": rid, "token": token, "floors": floors, "plan": plan})
    rng.shuffle(out)  # arrival order
    return out


async def rush(port, residents, days, mode, connections, seed=1):
    stats = Stats(days)
    queue = asyncio.Queue()
    for r in residents:
        queue.put_nowait(r)
    conns = [Http(port) for _ in range(connections)]
    await asyncio.gather(*(c.open() for c in conns))

    async def worker(http, n):
        rng = random.Random(seed * 1000 + n)
        while not queue.empty():
            resident = queue.get_nowait()
            for date in days:
                await book_day(http, stats, mode, rng, resident, date)

    cpu0, t0 = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    await asyncio.gather(*(worker(c, n) for n, c in enumerate(conns)))
    wall, cpu1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF)
    for c in conns:
        c.writer.close()
    stats.wall = wall
    stats.client_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    return stats


def run(port, residents, days, mode="avail", connections=64):
    return asyncio.run(rush(port, residents, days, mode, connections))


def check(one, days, n_desks, n_residents, acknowledged, everyone_seated=True):
    """Invariants, read-only from the database (`one(sql)`: the first column of the first row,
    on SQLite or PostgreSQL): no slot held twice (by desk or by resident), every day booking
    whole (am and pm, same desk), every acknowledged day booking present (`acknowledged`
    half-days: 2 per 201), and, when no rule refused anyone (`everyone_seated`), every desk or
    every resident seated each day."""
    dates = ",".join(f"'{d}'" for d in days)
    live = f"FROM desk_bookings WHERE {LIVE} AND date IN ({dates})"
    result = {
        "desk_dup": one(f"SELECT COUNT(*) FROM (SELECT 1 {live} GROUP BY desk_id, date, half HAVING COUNT(*) > 1) x"),
        "resident_dup": one(f"SELECT COUNT(*) FROM (SELECT 1 {live} GROUP BY resident_id, date, half HAVING COUNT(*) > 1) x"),
        "split_days": one(f"SELECT COUNT(*) FROM (SELECT 1 {live} GROUP BY resident_id, date "
                          "HAVING COUNT(*) != 2 OR COUNT(DISTINCT desk_id) != 1) x"),
        "live": one(f"SELECT COUNT(*) {live}"),
        "acknowledged": acknowledged,
        "expected": min(n_desks, n_residents) * len(days) * 2 if everyone_seated else None,
    }
    result["ok"] = (result["desk_dup"] == 0 and result["resident_dup"] == 0 and result["split_days"] == 0
                    and result["live"] == acknowledged
                    and (result["expected"] is None or result["live"] == result["expected"]))
    return result
