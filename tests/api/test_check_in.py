# SPDX-License-Identifier: EUPL-1.2
"""Check-in and no-show release (issue 10, item 3), on a controlled clock: the release job
frees the unconfirmed morning bookings at 10:00 and only them; check-in after the release is
refused in French; walk-in on a free desk, refused on a taken one; "libérer le reste de ma
journée"; every state change and the refused ones; the site settings and their validation;
desks' QR codes (decoded with zbarimg) and `escale qr`; on PostgreSQL, the job run once by
two servers.

The test clock starts on Monday 2 March 2026, 09:00 in Paris (UTC+1). The release job is the
server's periodic job (every 60 s of the server's clock, polled every real second): a test
moves the clock past the release time and waits for the job to have run. Each test works on a
day of its own, later than the previous test's (tests run in name order), because the clock
only moves forward: a job's next run is scheduled on it."""
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from escale_server import BIN, DEMO_PASSWORD, Server, assert_error, database_kind

PUBLIC_URL = "https://escale.example.gouv.fr"
PASSWORD = "bienvenue-2026"


def paris(date, hh_mm):
    """The UTC instant of a local (winter, UTC+1) time in Paris."""
    h, m = map(int, hh_mm.split(":"))
    total = h * 60 + m - 60
    return f"{date}T{total // 60:02d}:{total % 60:02d}:00Z"


def decode_qr_svg(testcase, svg_bytes):
    """The text of a QR code in an SVG, through rsvg-convert (PNG) and zbarimg."""
    if not (shutil.which("rsvg-convert") and shutil.which("zbarimg")):
        testcase.skipTest("rsvg-convert or zbarimg missing (scripts/install-deps.sh --tests)")
    with tempfile.TemporaryDirectory() as d:
        svg, png = os.path.join(d, "code.svg"), os.path.join(d, "code.png")
        with open(svg, "wb") as f:
            f.write(svg_bytes)
        subprocess.run(["rsvg-convert", "-w", "400", "-b", "white", "-o", png, svg], check=True)
        out = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True)
        testcase.assertEqual(out.returncode, 0, out.stderr)
        return out.stdout.strip()


class CheckInTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server(extra=["--public-url", PUBLIC_URL + "/"])
        admin = cls.server.login("admin@pilote.escale.test")
        status, site, _ = admin.patch("/api/v1/sites/1", {"check_in_enabled": True})
        assert status == 200, site
        residents = admin.get("/api/v1/residents?site_id=1")[1]
        agents = [r for r in residents if r["role"] == "agent"]
        cls.emails = {name: agents[i]["email"] for i, name in enumerate(["alice", "bob", "carol", "dave"])}
        cls.ids = {name: agents[i]["id"] for i, name in enumerate(["alice", "bob", "carol", "dave"])}
        status, detail, _ = admin.get("/api/v1/sites/1")
        cls.floor = detail["floors"][0]["id"]
        avail = admin.get(f"/api/v1/floors/{cls.floor}/availability?date=2026-03-02")[1]
        cls.desks = [d["id"] for d in avail["desks"] if d["active"]]
        # A second site, check-in off, with one desk and one agent.
        other = admin.post("/api/v1/sites", {"name": "Site sans pointage"})[1]["id"]
        service = admin.post("/api/v1/services", {"site_id": other, "code": "AUT", "name": "Autre"})[1]["id"]
        other_floor = admin.post("/api/v1/floors", {"site_id": other, "name": "Rez-de-chaussée"})[1]["id"]
        cls.other_desk = admin.post("/api/v1/desks", {"site_id": other, "floor_id": other_floor, "label": "A-01"})[1]["id"]
        cls.emails["eve"] = "eve@ailleurs.escale.test"
        made = admin.post("/api/v1/residents", {"site_id": other, "service_id": service, "email": cls.emails["eve"],
                                                 "display_name": "Ève Ailleurs", "password": PASSWORD})
        assert made[0] == 201, made
        cls.passwords = {"eve": PASSWORD}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.login_all()

    def login_all(self):
        """Fresh sessions: moving the clock ahead may end the old ones."""
        self.admin = self.server.login("admin@pilote.escale.test")
        self.gestionnaire = self.server.login("gestionnaire@pilote.escale.test")
        for name, email in self.emails.items():
            setattr(self, name, self.server.login(email, self.passwords.get(name, DEMO_PASSWORD)))

    def at(self, instant):
        self.server.set_clock(instant)
        self.login_all()

    def book(self, who, desk, date, period):
        status, body, _ = who.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date, "period": period})
        self.assertEqual(status, 201, body)
        return body["bookings"][0]["id"]

    def state(self, booking):
        with self.server.db() as db:
            return db.execute("SELECT state FROM desk_bookings WHERE id = ?", (booking,)).fetchone()[0]

    def wait_for_state(self, booking, wanted, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.state(booking) == wanted:
                return
            time.sleep(0.2)
        self.fail(f"booking {booking} still {self.state(booking)!r}, not {wanted!r}, after {timeout} s")

    def slots(self, date, desk, who=None):
        status, avail, _ = (who or self.admin).get(f"/api/v1/floors/{self.floor}/availability?date={date}")
        self.assertEqual(status, 200, avail)
        return next(d for d in avail["desks"] if d["id"] == desk)

    def audit(self, action, site=1):
        events = self.admin.get(f"/api/v1/audit-events?site_id={site}&limit=1000")[1]
        return [e for e in events if e["action"] == action]

    # ---- Monday 2 March: the release at 10:00 --------------------------------------------

    def test_1_release_at_ten_frees_unconfirmed_morning_bookings_and_only_them(self):
        day = "2026-03-02"
        d = self.desks
        unconfirmed = self.book(self.alice, d[0], day, "am")
        confirmed = self.book(self.bob, d[1], day, "am")
        afternoon = self.book(self.carol, d[2], day, "pm")
        status, other_site, _ = self.eve.post("/api/v1/desk-bookings", {"desk_id": self.other_desk, "date": day,
                                                                          "period": "am"})
        self.assertEqual(status, 201, other_site)
        elsewhere = other_site["bookings"][0]["id"]

        # Bob signals his arrival by scanning his desk's code.
        status, body, _ = self.bob.post(f"/api/v1/desks/{d[1]}/check-in")
        self.assertEqual(status, 200, body)
        self.assertEqual((body["walk_in"], body["booking"]["id"], body["booking"]["state"]), (False, confirmed, "checked_in"))
        self.assertEqual((self.slots(day, d[1])["am"], self.slots(day, d[1])["am_checked_in"]), ("taken", True))
        self.assertFalse(self.slots(day, d[0])["am_checked_in"])
        mine = self.bob.get(f"/api/v1/me/desk-bookings?from={day}&to={day}")[1]
        self.assertEqual([(b["id"], b["state"]) for b in mine], [(confirmed, "checked_in")])

        # 09:59: nothing released yet (the job runs every second of real time).
        self.at(paris(day, "09:59"))
        time.sleep(2.5)
        self.assertEqual(self.state(unconfirmed), "reserved")

        # 10:00:30: the job releases Alice's unconfirmed morning booking, and only it.
        self.server.set_clock(paris(day, "10:00").replace(":00Z", ":30Z"))
        self.wait_for_state(unconfirmed, "no_show")
        self.login_all()
        self.assertEqual(self.state(confirmed), "checked_in")
        self.assertEqual(self.state(afternoon), "reserved")
        self.assertEqual(self.state(elsewhere), "reserved", "check-in is off on the other site")
        released = self.audit("release_no_shows")
        self.assertEqual(len(released), 1, released)
        self.assertEqual(released[0]["actor_id"], None)
        self.assertIn("1 réservation", released[0]["details"])
        self.assertEqual(self.audit("release_no_shows", site=self.other_site_id()), [])

        # Too late for Alice: a clear refusal, in French, naming the release time.
        result = self.alice.post(f"/api/v1/desks/{d[0]}/check-in")
        assert_error(self, result, 422, "booking_released")
        self.assertIn("10:00", result[1]["error"]["message"])
        self.assertIn("libérée", result[1]["error"]["message"])
        assert_error(self, self.alice.post(f"/api/v1/desk-bookings/{unconfirmed}/check-in"), 422, "booking_released")
        # Her booking left her list; the desk is free and bookable again.
        self.assertEqual(self.alice.get(f"/api/v1/me/desk-bookings?from={day}&to={day}")[1], [])
        self.assertEqual(self.slots(day, d[0])["am"], "free")
        again = self.book(self.dave, d[0], day, "am")
        # Booked after 10:00: kept, and Dave can still check in this morning.
        self.server.set_clock(paris(day, "10:02"))
        time.sleep(2.5)
        self.assertEqual(self.state(again), "reserved")
        status, body, _ = self.dave.post(f"/api/v1/desks/{d[0]}/check-in")
        self.assertEqual((status, body["booking"]["id"], body["walk_in"]), (200, again, False), body)

        # 14:30: the afternoon's turn.
        self.at(paris(day, "14:31"))
        self.wait_for_state(afternoon, "no_show")
        self.assertEqual(self.state(elsewhere), "reserved")

    def other_site_id(self):
        return self.admin.get(f"/api/v1/desks/{self.other_desk}")[1]["site_id"]

    # ---- Tuesday 3 March: walk-in ----------------------------------------------------------

    def test_2_walk_in_on_a_free_desk_and_refusals(self):
        day = "2026-03-03"
        d = self.desks
        self.at(paris(day, "07:30"))
        assert_error(self, self.alice.post(f"/api/v1/desks/{d[3]}/check-in"), 422, "check_in_not_now")
        self.at(paris(day, "08:30"))
        status, body, _ = self.alice.post(f"/api/v1/desks/{d[3]}/check-in")
        self.assertEqual(status, 201, body)
        b = body["booking"]
        self.assertEqual((body["walk_in"], b["state"], b["date"], b["half"], b["desk_id"], b["resident_id"]),
                         (True, "checked_in", day, "am", d[3], self.ids["alice"]))
        mine = self.alice.get(f"/api/v1/me/desk-bookings?from={day}&to={day}")[1]
        self.assertEqual([(x["desk_id"], x["state"]) for x in mine], [(d[3], "checked_in")])
        self.assertEqual((self.slots(day, d[3], self.alice)["am"], self.slots(day, d[3])["am_checked_in"]),
                         ("yours", True))
        # Taken: Bob cannot walk in on it; nor can Alice take a second desk this morning.
        assert_error(self, self.bob.post(f"/api/v1/desks/{d[3]}/check-in"), 409, "slot_taken")
        assert_error(self, self.alice.post(f"/api/v1/desks/{d[4]}/check-in"), 422, "already_booked_that_slot")
        # Nothing was written by the refusals.
        with self.server.db() as db:
            n = db.execute("SELECT count(*) FROM desk_bookings WHERE date = ?", (day,)).fetchone()[0]
        self.assertEqual(n, 1)
        # Scanning again: already checked in.
        assert_error(self, self.alice.post(f"/api/v1/desks/{d[3]}/check-in"), 409, "invalid_transition")
        # The walk-in is not released at 10:00: it is confirmed.
        self.at(paris(day, "10:05"))
        time.sleep(2.5)
        self.assertEqual(self.state(b["id"]), "checked_in")
        # Check-in off on the other site; unknown desk; a desk of a site that is not one's own.
        assert_error(self, self.eve.post(f"/api/v1/desks/{self.other_desk}/check-in"), 422, "check_in_disabled")
        assert_error(self, self.alice.post("/api/v1/desks/999999/check-in"), 404, "not_found")
        assert_error(self, self.eve.post(f"/api/v1/desks/{d[5]}/check-in"), 403, "forbidden")
        assert_error(self, self.alice.post("/api/v1/desks/abc/check-in"), 400, "invalid_field")

    def test_2b_walk_in_race_leaves_one_holder(self):
        """Twenty agents scan the same free desk at the same instant: one walks in, the others are
        told it is taken; the database holds one live booking of the slot."""
        day, desk = "2026-03-03", self.desks[10]
        residents = self.admin.get("/api/v1/residents?site_id=1")[1]
        agents = [r["email"] for r in residents if r["role"] == "agent"
                  and r["email"] not in (self.emails["alice"],)][:20]
        clients = [self.server.login(e) for e in agents]
        barrier = threading.Barrier(len(clients))

        def scan(c):
            barrier.wait()
            status, body, _ = c.post(f"/api/v1/desks/{desk}/check-in")
            return status, body["error"]["code"] if status >= 400 else body["walk_in"]

        with ThreadPoolExecutor(len(clients)) as pool:
            results = list(pool.map(scan, clients))
        self.assertEqual(sorted(results).count((201, True)), 1, results)
        self.assertEqual(sorted(results).count((409, "slot_taken")), len(clients) - 1, results)
        with self.server.db() as db:
            live = db.execute("SELECT count(*) FROM desk_bookings WHERE desk_id = ? AND date = ? "
                              "AND state IN ('reserved', 'checked_in')", (desk, day)).fetchone()[0]
        self.assertEqual(live, 1)

    # ---- Wednesday 4 March: each transition -----------------------------------------------

    def test_3_each_state_transition(self):
        day = "2026-03-04"
        d = self.desks
        self.at(paris(day, "07:00"))
        a_am = self.book(self.alice, d[6], day, "am")
        a_pm = self.book(self.alice, d[6], day, "pm")
        b_am = self.book(self.bob, d[7], day, "am")
        c_am = self.book(self.carol, d[8], day, "am")
        # Not during the booking's half-day: refused, nothing changes.
        self.at(paris(day, "08:15"))
        assert_error(self, self.alice.post(f"/api/v1/desk-bookings/{a_pm}/check-in"), 422, "check_in_not_now")
        # reserved → checked_in (one's own).
        status, body, _ = self.alice.post(f"/api/v1/desk-bookings/{a_am}/check-in")
        self.assertEqual((status, body["state"]), (200, "checked_in"), body)
        # reserved → checked_in for someone else: the gestionnaire, audited; an agent may not.
        assert_error(self, self.alice.post(f"/api/v1/desk-bookings/{b_am}/check-in"), 404, "not_found")
        status, body, _ = self.gestionnaire.post(f"/api/v1/desk-bookings/{b_am}/check-in")
        self.assertEqual((status, body["state"]), (200, "checked_in"), body)
        lines = [e for e in self.audit("check_in_for") if e["object_id"] == b_am]
        self.assertEqual(len(lines), 1, lines)
        self.assertEqual(lines[0]["on_behalf_of"], self.ids["bob"])
        # checked_in → checked_in: refused.
        assert_error(self, self.gestionnaire.post(f"/api/v1/desk-bookings/{b_am}/check-in"), 409, "invalid_transition")
        # checked_in → cancelled (cancelling stays possible).
        status, body, _ = self.bob.delete(f"/api/v1/desk-bookings/{b_am}")
        self.assertEqual((status, body["state"]), (200, "cancelled"), body)
        # cancelled → checked_in: refused, in French.
        result = self.bob.post(f"/api/v1/desk-bookings/{b_am}/check-in")
        assert_error(self, result, 409, "invalid_transition")
        self.assertIn("annulée", result[1]["error"]["message"])
        # reserved → cancelled.
        self.assertEqual(self.carol.delete(f"/api/v1/desk-bookings/{c_am}")[1]["state"], "cancelled")
        # checked_in → released and reserved → cancelled: "libérer le reste de ma journée".
        self.at(paris(day, "11:00"))
        status, body, _ = self.alice.post("/api/v1/me/desk-bookings/release-rest-of-day")
        self.assertEqual(status, 200, body)
        self.assertEqual(sorted((b["id"], b["state"]) for b in body["bookings"]),
                         sorted([(a_am, "released"), (a_pm, "cancelled")]))
        # released → anything: refused.
        assert_error(self, self.alice.post(f"/api/v1/desk-bookings/{a_am}/check-in"), 409, "invalid_transition")
        assert_error(self, self.alice.delete(f"/api/v1/desk-bookings/{a_am}"), 409, "booking_not_live")
        with self.server.db() as db:
            states = dict(db.execute("SELECT id, state FROM desk_bookings WHERE date = ?", (day,)).fetchall())
        self.assertEqual(states, {a_am: "released", a_pm: "cancelled", b_am: "cancelled", c_am: "cancelled"})

    # ---- Thursday 5 March: free the rest of my day ------------------------------------------

    def test_4_free_the_rest_of_my_day(self):
        day = "2026-03-05"
        d = self.desks
        self.at(paris(day, "07:00"))
        status, made, _ = self.alice.post("/api/v1/desk-bookings", {"desk_id": d[9], "date": day, "period": "day"})
        self.assertEqual(status, 201, made)
        am, pm = (b["id"] for b in made["bookings"])
        # Nothing to free for Bob: an empty answer.
        self.assertEqual(self.bob.post("/api/v1/me/desk-bookings/release-rest-of-day")[1], {"bookings": []})
        self.at(paris(day, "08:45"))
        self.assertEqual(self.alice.post(f"/api/v1/desks/{d[9]}/check-in")[0], 200)
        self.at(paris(day, "11:30"))
        status, body, _ = self.alice.post("/api/v1/me/desk-bookings/release-rest-of-day")
        self.assertEqual(status, 200, body)
        self.assertEqual({b["id"]: b["state"] for b in body["bookings"]}, {am: "released", pm: "cancelled"})
        # Both halves are free at once: Bob walks in for the morning and books the afternoon.
        slot = self.slots(day, d[9])
        self.assertEqual((slot["am"], slot["pm"], slot["am_checked_in"]), ("free", "free", False))
        status, body, _ = self.bob.post(f"/api/v1/desks/{d[9]}/check-in")
        self.assertEqual((status, body["walk_in"]), (201, True), body)
        self.book(self.bob, d[9], day, "pm")
        self.assertEqual(self.alice.get(f"/api/v1/me/desk-bookings?from={day}&to={day}")[1], [])
        # Again: nothing left.
        self.assertEqual(self.alice.post("/api/v1/me/desk-bookings/release-rest-of-day")[1], {"bookings": []})

    # ---- site settings ----------------------------------------------------------------------

    def test_5_site_settings_are_validated(self):
        status, site, _ = self.admin.get("/api/v1/sites/1")
        s = site["site"]
        self.assertEqual((s["check_in_enabled"], s["release_am_at"], s["release_pm_at"]), (True, "10:00", "14:30"))
        for change, member in [({"release_am_at": "13:30"}, "release_am_at"),  # after the end of the morning
                               ({"release_am_at": "07:00"}, "release_am_at"),  # before opening
                               ({"release_pm_at": "12:00"}, "release_pm_at"),  # in the morning
                               ({"release_pm_at": "19:30"}, "release_pm_at"),  # after closing
                               ({"release_pm_at": "2 h"}, "release_pm_at"),
                               ({"noon_at": "09:30"}, "release_am_at")]:  # the opening hours move under it
            with self.subTest(change=change):
                result = self.gestionnaire.patch("/api/v1/sites/1", change)
                assert_error(self, result, 400, "invalid_field")
                self.assertIn(member, result[1]["error"]["message"])
        assert_error(self, self.gestionnaire.patch("/api/v1/sites/1", {"check_in_enabled": "oui"}), 400, "invalid_field")
        assert_error(self, self.alice.patch("/api/v1/sites/1", {"release_am_at": "10:30"}), 403, "forbidden")
        s = self.admin.get("/api/v1/sites/1")[1]["site"]
        self.assertEqual((s["release_am_at"], s["release_pm_at"], s["noon_at"]), ("10:00", "14:30", "13:00"))
        # A valid change, read back.
        status, changed, _ = self.gestionnaire.patch("/api/v1/sites/1", {"release_am_at": "09:45"})
        self.assertEqual((status, changed["release_am_at"]), (200, "09:45"), changed)
        self.assertEqual(self.gestionnaire.patch("/api/v1/sites/1", {"release_am_at": "10:00"})[0], 200)

    # ---- QR codes --------------------------------------------------------------------------

    def test_6_a_desk_qr_code_points_to_its_check_in_page(self):
        desk = self.desks[0]
        status, svg, resp = self.gestionnaire.get(f"/api/v1/desks/{desk}/qr.svg")
        self.assertEqual(status, 200)
        self.assertTrue(resp.getheader("Content-Type").startswith("image/svg+xml"))
        self.assertIn(b"<svg", svg)
        self.assertEqual(decode_qr_svg(self, svg), f"{PUBLIC_URL}/p/{desk}")
        assert_error(self, self.alice.get(f"/api/v1/desks/{desk}/qr.svg"), 403, "forbidden")
        assert_error(self, self.gestionnaire.get("/api/v1/desks/999999/qr.svg"), 404, "not_found")


class QrCommandTest(unittest.TestCase):
    """`escale qr --floor ID --out FILE` on a stopped server's database."""

    def test_one_printable_sheet_per_floor(self):
        with tempfile.TemporaryDirectory() as d:
            server = Server()
            try:
                admin = server.login("admin@pilote.escale.test")
                floor = admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]
                desks = admin.get(f"/api/v1/floors/{floor}/availability?date=2026-03-02")[1]["desks"]
                labels = sorted(k["label"] for k in desks if k["active"])
                out = os.path.join(d, "codes.html")
                r = subprocess.run([BIN, "qr", "--db", server.db_url, "--floor", str(floor), "--public-url",
                                    PUBLIC_URL, "--out", out], capture_output=True, text=True, timeout=60)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIn("planche des codes QR écrite", r.stdout)
                with open(out, encoding="utf-8") as f:
                    html = f.read()
                self.assertIn("size: A4", html)
                self.assertEqual(html.count("Scannez pour signaler votre arrivée"), len(labels))
                self.assertEqual(re.findall(r'<p class="label">([^<]*)</p>', html), labels)
                self.assertEqual(html.count("<svg"), len(labels))
                first = next(k for k in desks if k["label"] == labels[0])
                svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
                self.assertEqual(decode_qr_svg(self, svg.encode()), f"{PUBLIC_URL}/p/{first['id']}")
                # An unknown floor: a French error, nothing written.
                missing = os.path.join(d, "rien.html")
                r = subprocess.run([BIN, "qr", "--db", server.db_url, "--floor", "999999", "--out", missing],
                                   capture_output=True, text=True, timeout=60)
                self.assertEqual(r.returncode, 1)
                self.assertIn("erreur (not_found)", r.stderr)
                self.assertFalse(os.path.exists(missing))
                help_text = subprocess.run([BIN, "qr", "--help"], capture_output=True, text=True).stdout
                self.assertIn("Utilisation : escale qr", help_text)
                self.assertIn("--public-url", help_text)
            finally:
                server.stop()


class ReleaseOnceWithTwoServersTest(unittest.TestCase):
    def test_the_release_runs_once_across_two_servers(self):
        if database_kind() != "postgres":
            raise unittest.SkipTest("several servers share a PostgreSQL database; this run is on SQLite")
        a = Server()
        try:
            b = Server(share_with=a)
            try:
                admin = a.login("admin@pilote.escale.test")
                self.assertEqual(admin.patch("/api/v1/sites/1", {"check_in_enabled": True})[0], 200)
                floor = admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]
                desks = [k["id"] for k in admin.get(f"/api/v1/floors/{floor}/availability?date=2026-03-02")[1]["desks"]]
                agents = [r for r in admin.get("/api/v1/residents?site_id=1")[1] if r["role"] == "agent"][:6]
                booked = []
                for i, person in enumerate(agents):
                    who = (a if i % 2 else b).login(person["email"])
                    status, made, _ = who.post("/api/v1/desk-bookings", {"desk_id": desks[i], "date": "2026-03-02",
                                                                         "period": "am"})
                    self.assertEqual(status, 201, made)
                    booked.append(made["bookings"][0]["id"])
                # Both servers' clocks pass 10:00 together; each polls its jobs every second.
                for s in (a, b):
                    s.set_clock("2026-03-02T09:00:30Z")
                ids = ", ".join(map(str, booked))
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline:
                    with a.db() as db:
                        left = db.execute(f"SELECT count(*) FROM desk_bookings WHERE id IN ({ids}) "
                                          "AND state <> 'no_show'").fetchone()[0]
                    if left == 0:
                        break
                    time.sleep(0.2)
                self.assertEqual(left, 0)
                time.sleep(2.5)  # both servers have polled again
                with a.db() as db:
                    runs = db.execute("SELECT due_at, run_by FROM job_runs WHERE name = 'release_no_shows' "
                                      "ORDER BY due_at").fetchall()
                    lines = db.execute("SELECT details FROM audit_events WHERE action = 'release_no_shows'").fetchall()
            finally:
                b.stop()
        finally:
            a.stop()
        dues = [r[0] for r in runs]
        self.assertEqual(len(dues), len(set(dues)), f"a due run was claimed twice: {runs}")
        self.assertEqual(len(lines), 1, lines)
        self.assertIn(f"{len(booked)} réservation", lines[0][0])


if __name__ == "__main__":
    unittest.main()
