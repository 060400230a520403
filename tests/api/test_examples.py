# SPDX-License-Identifier: EUPL-1.2
"""The README's shell examples, run as written against a real server.

The examples are read from README.md (the ```sh blocks that follow an `<!-- example: ... -->`
comment), never copied here. Only the
port changes: 8080 becomes the test server's. They run with the real bash and curl, and the
real clock (they compute their dates with `date`). Also checked: the demo accounts that the
README says the first start prints are the ones it prints.
"""
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest

from escale_server import BIN, DEMO_PASSWORD, Client, Server

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DEFAULT_URL = "http://127.0.0.1:8080"


def readme_examples():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return re.findall(r"<!-- example:[^>]*-->\n```sh\n(.*?)```", text, re.S)


def json_documents(text):
    """Every JSON value printed one after the other (curl -s prints answers without separators)."""
    decoder, docs, i = json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return docs
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)


def next_monday():
    """What `date -d 'next monday 2 weeks' +%F` prints: two weeks after the Monday after today
    (a week on if today is one). Beyond the days the demo's history already books."""
    today = datetime.date.today()
    return today + datetime.timedelta(days=((7 - today.weekday()) or 7) + 14)


class ExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in ("bash", "curl", "sed", "date"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is not installed: run scripts/install-deps.sh")

    def run_examples(self, blocks):
        """Runs each block in order in bash against one fresh pilot server (real clock);
        returns the server and the JSON answers of each block."""
        self.assertTrue(blocks, "no example found")
        # The demo as a newcomer gets it: with its history, coming days included.
        server = Server(demo="pilot", test_clock=None, history="full")
        self.addCleanup(server.stop)
        answers = []
        for block in blocks:
            self.assertIn(DEFAULT_URL, block, "an example that does not speak to the server")
            script = block.replace(DEFAULT_URL, f"http://127.0.0.1:{server.port}")
            r = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], capture_output=True, text=True,
                               timeout=60)
            self.assertEqual(r.returncode, 0, f"{block}\n{r.stdout}\n{r.stderr}")
            self.assertEqual(r.stderr, "", block)
            docs = json_documents(r.stdout)
            self.assertTrue(docs, f"no answer printed by\n{block}")
            answers.append(docs)
        return server, answers

    def check_booking(self, server, answers, email):
        bookings = [b for docs in answers for d in docs if isinstance(d, dict) for b in d.get("bookings", [])]
        errors = [d["error"] for docs in answers for d in docs if isinstance(d, dict) and "error" in d]
        if [e for e in errors if e["code"] == "closed_day"]:
            self.skipTest(f"{next_monday()} is a public holiday: the example's booking is refused as it should be")
        self.assertEqual(errors, [])
        # A day booking is the morning and the afternoon of desk 1, next Monday.
        self.assertEqual(sorted((b["desk_id"], b["date"], b["half"]) for b in bookings),
                         [(1, next_monday().isoformat(), "am"), (1, next_monday().isoformat(), "pm")], answers)
        # Booked for the person who logged in, as the server itself says.
        me = server.login(email)
        status, mine, _ = me.get("/api/v1/me/desk-bookings")
        self.assertEqual(status, 200, mine)
        self.assertIn((1, next_monday().isoformat()), [(b["desk_id"], b["date"]) for b in mine], mine)

    def test_readme_examples(self):
        blocks = readme_examples()
        self.assertEqual(len(blocks), 2, "README.md: the login block and the token/booking block")
        server, answers = self.run_examples(blocks)
        [login] = answers[0]
        self.assertTrue(login["token"])
        me, availability, booking = answers[1]
        self.assertEqual(me["email"], "claire.dubreuil@pilote.escale.test")
        self.assertNotIn("error", availability)
        self.check_booking(server, [[booking]], "claire.dubreuil@pilote.escale.test")


class FirstStartTest(unittest.TestCase):
    """What the README says the first start prints is what it prints."""

    def start(self, db, demo="pilot"):
        proc = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--db", db, "--demo", demo],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        first = proc.stdout.readline()
        port = int(re.match(r"escale: listening on http://127\.0\.0\.1:(\d+)", first).group(1))
        status, _, _ = Client(port).get("/healthz")
        self.assertEqual(status, 200)
        residents = None
        if demo != "none":
            c = Client(port)
            status, body, _ = c.post("/api/v1/auth/login", {"email": self.admin(demo), "password": DEMO_PASSWORD})
            if status == 200:
                c.token = body["token"]
                status, residents, _ = c.get("/api/v1/residents")
                self.assertEqual(status, 200, residents)
        proc.send_signal(signal.SIGTERM)
        out = proc.stdout.read()  # what readline() left in the buffer, then the rest
        proc.wait(timeout=30)
        return out, residents

    @staticmethod
    def admin(demo):
        return "admin@pilote.escale.test" if demo == "pilot" else "admin@cite.escale.test"

    def test_pilot_prints_every_account_once_then_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            db = "sqlite:" + os.path.join(d, "escale.db")
            out, residents = self.start(db)
            emails = set(re.findall(r"[\w.-]+@pilote\.escale\.test", out))
            self.assertEqual(len(residents), 36)
            self.assertEqual(emails, {r["email"] for r in residents})
            self.assertIn(f"mot de passe « {DEMO_PASSWORD} »", out)
            readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
            for email in re.findall(r"`([\w.-]+@pilote\.escale\.test)`", readme):
                self.assertIn(email, emails, "README names an account the server does not print")
            # Grouped by service: each service's code heads its residents.
            for code in ("SGAR-MCM", "DRDFE"):
                self.assertRegex(out, rf"\n  {code} — .*\(\d+\) :\n    ")
            again, _ = self.start(db)
            self.assertNotIn("@pilote.escale.test", again)

    def test_cite_prints_staff_a_summary_and_where_to_find_the_rest(self):
        with tempfile.TemporaryDirectory() as d:
            out, residents = self.start("sqlite:" + os.path.join(d, "cite.db"), demo="cite")
            self.assertEqual(len(residents), 850)
            self.assertIn("admin@cite.escale.test", out)
            self.assertIn("gestionnaire@cite.escale.test", out)
            self.assertIn("GET /api/v1/residents?site_id=1", out)
            printed = set(re.findall(r"[\w.-]+@cite\.escale\.test", out))
            self.assertTrue(printed <= {r["email"] for r in residents})
            self.assertLess(len(out.splitlines()), 20)


if __name__ == "__main__":
    unittest.main()
