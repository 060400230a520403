# SPDX-License-Identifier: EUPL-1.2
"""Notifications (issue 10, item 7), against a real SMTP server (aiosmtpd on a loopback port):
a desk booked or cancelled for you by someone else, your booking released as no-show, your
space booking cancelled by a gestionnaire: each in the app (GET /api/v1/me/notifications, read
one or all) and by one email, in French, with the one-click link under --public-url. An SMTP
outage delays the mails and loses none (the retry waits on the server's test clock); no relay,
no mail; bad input writes nothing; on PostgreSQL, two servers draining one outbox send each
mail once.

The test clock starts on Monday 2 March 2026, 09:00 in Paris (UTC+1) and only moves forward;
tests run in name order."""
import email
import email.header
import email.policy
import socket
import threading
import time
import unittest

from aiosmtpd.controller import Controller

from escale_server import Server, assert_error, database_kind

PUBLIC_URL = "https://escale.pilote.gouv.fr"
FROM = "escale@pilote.gouv.fr"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """A real SMTP server on 127.0.0.1:port that keeps every message it accepts; stop() and
    start() again make an outage."""

    def __init__(self, port):
        self.port = port
        self.messages = []  # (envelope recipients, parsed message, bytes as received)
        self.lock = threading.Lock()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message, raw))
        return "250 OK"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def to(self, address):
        with self.lock:
            return [m for rcpt, m, _ in self.messages if address in rcpt]

    def raw_to(self, address):
        with self.lock:
            return [raw for rcpt, _, raw in self.messages if address in rcpt]

    def wait_for(self, address, count, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.to(address)) >= count:
                return self.to(address)
            time.sleep(0.2)
        return self.to(address)


def paris(date, hh_mm_ss):
    """The UTC instant of a local (winter, UTC+1) time in Paris."""
    h, m, s = (list(map(int, hh_mm_ss.split(":"))) + [0])[:3]
    total = h * 60 + m - 60
    return f"{date}T{total // 60:02d}:{total % 60:02d}:{s:02d}Z"


class NotificationsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.smtp = SmtpSink(free_port())
        cls.smtp.start()
        cls.server = Server(extra=["--public-url", PUBLIC_URL + "/", "--smtp-url", f"smtp://127.0.0.1:{cls.smtp.port}",
                                   "--smtp-from", FROM, "--mail-retry-seconds", "60"])
        admin = cls.server.login("admin@pilote.escale.test")
        status, site, _ = admin.patch("/api/v1/sites/1", {"check_in_enabled": True})
        assert status == 200, site
        residents = admin.get("/api/v1/residents?site_id=1")[1]
        cls.agents = [r for r in residents if r["role"] == "agent"][:6]
        detail = admin.get("/api/v1/sites/1")[1]
        cls.floor = detail["floors"][0]["id"]
        avail = admin.get(f"/api/v1/floors/{cls.floor}/availability?date=2026-03-03")[1]
        cls.desks = [d for d in avail["desks"] if d["active"]]
        cls.spaces = {s["name"]: s["id"] for s in detail["spaces"]}
        gest = next(r for r in residents if r["email"] == "gestionnaire@pilote.escale.test")
        cls.gestionnaire_name = gest["display_name"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.smtp.stop()

    def setUp(self):
        self.gestionnaire = self.server.login("gestionnaire@pilote.escale.test")

    def agent(self, i):
        return self.server.login(self.agents[i]["email"])

    def book_for(self, i, desk, date, period="am"):
        status, body, _ = self.gestionnaire.post("/api/v1/desk-bookings", {"desk_id": self.desks[desk]["id"], "date": date,
                                                                           "period": period,
                                                                           "resident_id": self.agents[i]["id"]})
        self.assertEqual(status, 201, body)
        return body["bookings"][0]["id"]

    def notifications(self, who, query=""):
        status, body, _ = who.get("/api/v1/me/notifications" + query)
        self.assertEqual(status, 200, body)
        return body

    def wait_for_notifications(self, who, count, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page = self.notifications(who)
            if len(page["notifications"]) >= count:
                return page
            time.sleep(0.2)
        return self.notifications(who)

    def count(self, sql):
        with self.server.db() as db:
            return db.execute(sql).fetchone()[0]

    # ---- Tuesday 3 March: booked and cancelled for you ------------------------------------

    def test_1_booked_and_cancelled_for_you_in_app_and_by_one_mail(self):
        alice = self.agent(0)
        address = self.agents[0]["email"]
        # Her own booking tells her nothing.
        status, own, _ = alice.post("/api/v1/desk-bookings", {"desk_id": self.desks[1]["id"], "date": "2026-03-05",
                                                                "period": "am"})
        self.assertEqual(status, 201, own)
        self.assertEqual(self.notifications(alice)["notifications"], [])

        booking = self.book_for(0, 0, "2026-03-03", "day")
        page = self.notifications(alice)
        self.assertEqual(page["unread"], 1)
        self.assertIsNone(page["next_before"])
        [n] = page["notifications"]
        self.assertEqual((n["kind"], n["read"], n["read_at"]), ("booked_for_you", False, None))
        self.assertEqual(n["title"], "Un poste a été réservé pour vous")
        self.assertIn(self.gestionnaire_name, n["body"])
        self.assertIn(self.desks[0]["label"], n["body"])
        self.assertIn("mardi 3 mars 2026, la journée", n["body"])
        self.assertEqual(n["link"], "/semaine?date=2026-03-03")

        # One mail, in French, with the absolute link, proper headers.
        mails = self.smtp.wait_for(address, 1)
        self.assertEqual(len(mails), 1)
        m = mails[0]
        self.assertEqual(str(m["Subject"]), "Escale : Un poste a été réservé pour vous")
        self.assertIn(b"\r\nSubject: =?UTF-8?B?", self.smtp.raw_to(address)[0])  # RFC 2047
        self.assertEqual(m["From"].addresses[0].addr_spec, FROM)
        self.assertEqual(m["To"].addresses[0].addr_spec, address)
        self.assertTrue(m["Date"] and m["Message-ID"].startswith("<escale."), dict(m))
        self.assertEqual(m["MIME-Version"], "1.0")
        self.assertEqual(m.get_content_type(), "text/plain")
        self.assertEqual(m.get_content_charset(), "utf-8")
        text = m.get_content()
        self.assertIn("Bonjour " + self.agents[0]["display_name"], text)
        self.assertIn("mardi 3 mars 2026", text)
        self.assertIn(f"{PUBLIC_URL}/semaine?date=2026-03-03", text)
        self.assertIn("automatiquement", text)

        # The gestionnaire cancels one half: a second notification, a second mail.
        status, cancelled, _ = self.gestionnaire.delete(f"/api/v1/desk-bookings/{booking}")
        self.assertEqual(status, 200, cancelled)
        page = self.notifications(alice)
        self.assertEqual([x["kind"] for x in page["notifications"]], ["cancelled_for_you", "booked_for_you"])
        self.assertEqual(page["unread"], 2)
        self.assertIn("le matin", page["notifications"][0]["body"])
        mails = self.smtp.wait_for(address, 2)
        self.assertEqual(str(mails[1]["Subject"]), "Escale : Votre réservation a été annulée")
        time.sleep(3)  # further passes of the outbox send nothing again
        self.assertEqual(len(self.smtp.to(address)), 2)
        self.assertEqual(self.count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"), 0)

        # Read one, then all.
        first, second = page["notifications"]
        self.assertEqual(alice.post(f"/api/v1/me/notifications/{second['id']}/read")[0], 204)
        self.assertEqual(alice.post(f"/api/v1/me/notifications/{second['id']}/read")[0], 204)  # already read: same
        page = self.notifications(alice)
        self.assertEqual(page["unread"], 1)
        self.assertTrue(page["notifications"][1]["read"])
        self.assertIsNotNone(page["notifications"][1]["read_at"])
        status, body, _ = alice.post("/api/v1/me/notifications/read-all")
        self.assertEqual((status, body), (200, {"marked": 1}))
        self.assertEqual(self.notifications(alice)["unread"], 0)

        # Someone else's notification is not found; nor is the gestionnaire's own list Alice's.
        bob = self.agent(1)
        assert_error(self, bob.post(f"/api/v1/me/notifications/{first['id']}/read"), 404, "not_found")
        self.assertEqual(self.notifications(self.gestionnaire)["notifications"], [])

    def test_2_pages_and_bad_input_write_nothing(self):
        carol = self.agent(2)
        for day in ("2026-03-09", "2026-03-10", "2026-03-11"):
            self.book_for(2, 2, day)
        page = self.notifications(carol, "?limit=2")
        self.assertEqual(len(page["notifications"]), 2)
        self.assertEqual(page["unread"], 3)
        ids = [n["id"] for n in page["notifications"]]
        self.assertEqual(ids, sorted(ids, reverse=True))
        self.assertIsNotNone(page["next_before"])
        rest = self.notifications(carol, f"?limit=2&before={page['next_before']}")
        self.assertEqual(len(rest["notifications"]), 1)
        self.assertIsNone(rest["next_before"])
        self.assertIn("lundi 9 mars 2026", rest["notifications"][0]["body"])

        before = self.count("SELECT count(*) FROM notifications WHERE read_at IS NULL")
        for query in ("?limit=0", "?limit=101", "?limit=abc", "?limit=", "?before=0", "?before=-3", "?before=x"):
            assert_error(self, carol.get("/api/v1/me/notifications" + query), 400, "invalid_field")
        for path in ("/api/v1/me/notifications/abc/read", "/api/v1/me/notifications/0/read"):
            assert_error(self, carol.post(path), 400, "invalid_field")
        assert_error(self, carol.post("/api/v1/me/notifications/999999/read"), 404, "not_found")
        self.assertEqual(self.server.client().get("/api/v1/me/notifications")[0], 401)
        self.assertEqual(self.count("SELECT count(*) FROM notifications WHERE read_at IS NULL"), before)

    def test_3_an_smtp_outage_delays_mails_and_loses_none(self):
        dave = self.agents[3]["email"]
        self.smtp.stop()
        try:
            for day in ("2026-03-16", "2026-03-17", "2026-03-18"):
                self.book_for(3, 3, day)  # the bookings succeed while the relay is down
            deadline = time.monotonic() + 15
            waiting = ("SELECT count(*) FROM mail_outbox WHERE attempts > 0 AND sent_at IS NULL "
                       f"AND last_error IS NOT NULL AND recipient = '{dave}'")
            while time.monotonic() < deadline and self.count(waiting) < 3:
                time.sleep(0.2)
            self.assertEqual(self.count(waiting), 3)
        finally:
            self.smtp.start()
        # The relay is back, but the retry waits (60 s of the server's clock).
        time.sleep(2.5)
        self.assertEqual(self.smtp.to(dave), [])
        self.server.set_clock("2026-03-02T08:05:00Z")
        self.gestionnaire = self.server.login("gestionnaire@pilote.escale.test")
        mails = self.smtp.wait_for(dave, 3)
        time.sleep(2.5)
        mails = self.smtp.to(dave)
        self.assertEqual(len(mails), 3, [m["Subject"] for m in mails])
        bodies = sorted(m.get_content() for m in mails)
        for day, body in zip(("lundi 16 mars", "mardi 17 mars", "mercredi 18 mars"), bodies):
            self.assertIn(day, body)
        self.assertEqual(len({m["Message-ID"] for m in mails}), 3)
        self.assertEqual(self.count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL"), 0)

    def test_4_released_as_no_show(self):
        erin = self.agent(4)
        day = "2026-03-02"
        status, made, _ = erin.post("/api/v1/desk-bookings", {"desk_id": self.desks[4]["id"], "date": day, "period": "am"})
        self.assertEqual(status, 201, made)
        self.server.set_clock(paris(day, "10:00:30"))
        page = self.wait_for_notifications(self.agent(4), 1)
        [n] = page["notifications"]
        self.assertEqual(n["kind"], "no_show_released")
        self.assertIn("10:00", n["body"])
        self.assertIn("lundi 2 mars 2026, le matin", n["body"])
        [m] = self.smtp.wait_for(self.agents[4]["email"], 1)
        self.assertEqual(str(m["Subject"]), "Escale : Votre réservation a été libérée")
        self.assertIn(f"{PUBLIC_URL}/semaine?date={day}", m.get_content())

    def test_5_space_booking_cancelled_by_a_gestionnaire(self):
        frank = self.agent(5)
        status, made, _ = frank.post("/api/v1/space-bookings", {
            "space_id": self.spaces["Salle Liberté"], "start": "2026-03-12T10:00:00+01:00",
            "end": "2026-03-12T11:30:00+01:00", "attendees": 3, "subject": "Point d'équipe"})
        self.assertEqual(status, 201, made)
        booking = made["bookings"][0]["id"]
        status, cancelled, _ = self.gestionnaire.delete(f"/api/v1/space-bookings/{booking}")
        self.assertEqual(status, 200, cancelled)
        [n] = self.notifications(frank)["notifications"]
        self.assertEqual(n["kind"], "space_cancelled_for_you")
        self.assertIn("« Salle Liberté »", n["body"])
        self.assertIn("jeudi 12 mars 2026, de 10 h 00 à 11 h 30", n["body"])
        [m] = self.smtp.wait_for(self.agents[5]["email"], 1)
        self.assertEqual(str(m["Subject"]), "Escale : Votre réservation d'espace a été annulée")

    def test_6_personal_data_export_holds_notifications_and_mails(self):
        alice = self.agent(0)
        status, data, _ = alice.get("/api/v1/me/personal-data")
        self.assertEqual(status, 200, data)
        self.assertEqual([n["kind"] for n in data["notifications"]], ["booked_for_you", "cancelled_for_you"])
        self.assertEqual(len(data["mails"]), 2)
        self.assertTrue(all(m["recipient"] == self.agents[0]["email"] and m["sent_at"] for m in data["mails"]))


class NoRelayNoMailTest(unittest.TestCase):
    def test_without_smtp_url_notifications_stay_in_the_app(self):
        with Server() as server:
            admin = server.login("admin@pilote.escale.test")
            agent = [r for r in admin.get("/api/v1/residents?site_id=1")[1] if r["role"] == "agent"][0]
            floor = admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]
            desk = admin.get(f"/api/v1/floors/{floor}/availability?date=2026-03-03")[1]["desks"][0]["id"]
            status, body, _ = admin.post("/api/v1/desk-bookings", {"desk_id": desk, "date": "2026-03-03",
                                                                   "period": "pm", "resident_id": agent["id"]})
            self.assertEqual(status, 201, body)
            page = server.login(agent["email"]).get("/api/v1/me/notifications")[1]
            self.assertEqual([n["kind"] for n in page["notifications"]], ["booked_for_you"])
            with server.db() as db:
                self.assertEqual(db.execute("SELECT count(*) FROM mail_outbox").fetchone()[0], 0)


class TwoServersOneOutboxTest(unittest.TestCase):
    def test_each_mail_is_sent_once_by_two_servers(self):
        if database_kind() != "postgres":
            raise unittest.SkipTest("several servers share a PostgreSQL database; this run is on SQLite")
        smtp = SmtpSink(free_port())
        smtp.start()
        extra = ["--smtp-url", f"smtp://127.0.0.1:{smtp.port}", "--smtp-from", FROM]
        a = Server(extra=extra)
        try:
            b = Server(share_with=a, extra=extra)
            try:
                admin = a.login("admin@pilote.escale.test")
                agents = [r for r in admin.get("/api/v1/residents?site_id=1")[1] if r["role"] == "agent"][:20]
                floor = admin.get("/api/v1/sites/1")[1]["floors"][0]["id"]
                desks = [d["id"] for d in admin.get(f"/api/v1/floors/{floor}/availability?date=2026-03-03")[1]["desks"]
                         if d["active"]]
                gest_a = a.login("gestionnaire@pilote.escale.test")
                gest_b = b.login("gestionnaire@pilote.escale.test")
                # Booked on both servers in turn, while both drain the outbox every second.
                for i, person in enumerate(agents):
                    for half in ("am", "pm"):
                        who = gest_a if i % 2 else gest_b
                        status, body, _ = who.post("/api/v1/desk-bookings", {"desk_id": desks[i], "date": "2026-03-03",
                                                                             "period": half,
                                                                             "resident_id": person["id"]})
                        self.assertEqual(status, 201, body)
                expected = 2 * len(agents)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and len(smtp.messages) < expected:
                    time.sleep(0.2)
                time.sleep(3)  # both servers have passed again
                with a.db() as db:
                    unsent = db.execute("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL").fetchone()[0]
                    senders = db.execute("SELECT DISTINCT split_part(claimed_by, '#', 1) FROM mail_outbox").fetchall()
            finally:
                b.stop()
        finally:
            a.stop()
            smtp.stop()
        ids = [m["Message-ID"] for _, m, _ in smtp.messages]
        self.assertEqual(len(ids), expected)
        self.assertEqual(len(set(ids)), expected, "a mail was sent twice")
        self.assertEqual(unsent, 0)
        print(f"two servers: {expected} mails sent once each, by {len(senders)} server(s)")


if __name__ == "__main__":
    unittest.main()
