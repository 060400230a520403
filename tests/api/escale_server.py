# SPDX-License-Identifier: EUPL-1.2
"""Starts a real `escale serve` on a free loopback port for API tests, and speaks HTTP to it.

Only the Python standard library is used, jsonschema (Debian's python3-jsonschema) to
check every answer against docs/openapi.json (openapi_check.py), and psycopg (Debian's
python3-psycopg) for the checks at the source on PostgreSQL. The binary comes from $ESCALE_BIN (set by CTest).
The database is SQLite, or PostgreSQL when $ESCALE_TEST_DB is "postgres": then every server
gets a fresh database on the cluster named by $ESCALE_TEST_PG_URL (scripts/test.sh starts
one), and checks at the source go through psycopg (psql, a process per statement, took
seconds of each test).
"""
import http.client
import json
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import threading
import unittest

try:
    import psycopg  # Debian's python3-psycopg: the PostgreSQL checks at the source
    import psycopg.adapt
except ImportError:  # the SQLite runs do without
    psycopg = None
import urllib.parse
import uuid

from openapi_check import check_answer

BIN = os.environ.get("ESCALE_BIN", os.path.join(os.path.dirname(__file__), "../../build/escale"))


# ---- sanitizers (issue 14) ----
# In the sanitized build (CTest sets ESCALE_SANITIZED), every process a test starts, servers
# and command-line runs alike, writes its AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer reports to files of its own (NAME.PID) in one folder: a server's
# are its test's failure at stop(), any other's the whole file's failure at exit.
# Memory figures (RSS) mean nothing there: AddressSanitizer adds red zones around every block
# and keeps freed ones in quarantine (256 MB); tests of memory bounds skip them (SANITIZED).
SANITIZED = bool(os.environ.get("ESCALE_SANITIZED"))
SANITIZER_REPORTS = None
if SANITIZED:
    import atexit
    import glob
    import shutil
    import sys

    SANITIZER_REPORTS = tempfile.mkdtemp(prefix="escale-sanitizer-")
    for var, name in (("ASAN_OPTIONS", "asan"), ("UBSAN_OPTIONS", "ubsan")):
        os.environ[var] = ":".join(filter(None, [os.environ.get(var), f"log_path={SANITIZER_REPORTS}/{name}"]))

    def take_sanitizer_reports(pid="*"):
        """The text of the reports written by process `pid` (all processes by default), whose
        files are then removed."""
        texts = []
        for path in sorted(glob.glob(os.path.join(SANITIZER_REPORTS, f"*.{pid}"))):
            with open(path, errors="replace") as f:
                texts.append(f"--- {os.path.basename(path)}\n" + f.read())
            os.remove(path)
        return "\n".join(texts)

    @atexit.register
    def fail_on_sanitizer_reports():
        reports = take_sanitizer_reports()
        shutil.rmtree(SANITIZER_REPORTS, ignore_errors=True)
        if reports:
            sys.stderr.write("sanitizer reports:\n" + reports + "\n")
            sys.stderr.flush()
            os._exit(1)
# ---- end of sanitizers ----
DEMO_PASSWORD = "escale-demo"
# Monday 2 March 2026, 09:00 in Paris: the instant test servers start at.
TEST_NOW = "2026-03-02T08:00:00Z"


def database_kind():
    return os.environ.get("ESCALE_TEST_DB", "sqlite")


def pg_admin_url():
    url = os.environ.get("ESCALE_TEST_PG_URL")
    if not url:
        raise unittest.SkipTest("ESCALE_TEST_PG_URL is not set: no PostgreSQL server to test against")
    return url


class _AsText(psycopg.adapt.Loader if psycopg else object):
    """Every value as PostgreSQL writes it in text, as psql prints it."""

    def load(self, data):
        return bytes(data).decode()


def _connect(url):
    """A connection in autocommit whose statements run as psql's would (several in one string,
    without parameters) and whose values all come back as text."""
    if psycopg is None:
        raise unittest.SkipTest("python3-psycopg is not installed (scripts/install-deps.sh --tests installs it)")
    conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
    for t in psycopg.postgres.types:
        for oid in (t.oid, getattr(t, "array_oid", 0)):
            if oid:
                conn.adapters.register_loader(oid, _AsText)
    return conn


def _rows(cursor):
    """Rows as tuples of str (int where the text is an integer, None for NULL)."""
    if cursor.description is None:
        return []
    return [tuple(v if v is None else int(v) if re.fullmatch(r"-?\d+", v) else v for v in r) for r in cursor.fetchall()]


def psql(url, sql):
    """Rows of a statement (or of the last of several) run on the database at `url`."""
    with _connect(url) as conn:
        return _rows(conn.execute(sql))


class PgCursor:
    def __init__(self, rows):
        self.rows = rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def fetchall(self):
        return self.rows

    def __iter__(self):
        return iter(self.rows)


class PgDb:
    """The slice of sqlite3.Connection the tests use ('?' placeholders), over one connection
    opened at the first statement and closed at the end of the `with` block."""

    def __init__(self, url):
        self.url = url
        self.conn = None

    def execute(self, sql, params=()):
        for p in params:
            literal = str(p) if isinstance(p, int) else "'" + str(p).replace("'", "''") + "'"
            sql = sql.replace("?", literal, 1)
        if self.conn is None:
            self.conn = _connect(self.url)
        return PgCursor(_rows(self.conn.execute(sql)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        return False


class Server:
    """A running server with its own temporary database. Use as a context manager."""

    def __init__(self, demo="pilot", test_clock=TEST_NOW, extra=(), db=None, share_with=None, db_url=None, port=0,
                 history="past", rules=False, nofile=None, real_passwords=False):
        """`history`: the demo's booking history (--demo-history): "past" by default, so that the
        days the tests book (from TEST_NOW on) start free while the weeks before have a life;
        "full" adds the demo's bookings of the coming days. `share_with`: another Server whose database this one uses too (it stays the
        owner: it drops the database when it stops). `db_url`: an existing database
        ("sqlite:PATH" or "postgresql://..."), used and left as it is. `port`: the port to
        listen on (0: a free one, chosen by the server). `rules`: keep the demo's fair-booking rules
        (issue 10, item 4: the pilot's weekly quota, quartier priority and adapted desks); by
        default a server this harness starts on a fresh demo database has them switched off,
        so that tests of other capabilities book any desk (tests/api/test_desk_rules.py keeps them).
        `nofile`: the server process's limit of open files (soft and hard), as `ulimit -n` would
        set it. `real_passwords`: hash passwords at the production cost (argon2id, 64 MiB, about
        0.1 s a hash), for the tests of what that cost does (login floods, a stop during a login);
        by default the server hashes at libsodium's minimum (--test-cheap-passwords), or the
        suite's thousands of logins would take most of its time."""
        self.dir = tempfile.TemporaryDirectory(prefix="escale-api-")
        self.kind = db or database_kind()
        self.pg_url = None
        self.shared_pg_url = None
        if db_url is not None:
            self.db_url = db_url
            self.kind = "sqlite" if db_url.startswith("sqlite:") else "postgres"
            if self.kind == "sqlite":
                self.db_path = db_url[len("sqlite:"):]
            else:
                self.shared_pg_url = db_url
        elif share_with is not None:
            self.kind = share_with.kind
            self.db_url = share_with.db_url
            self.db_path = getattr(share_with, "db_path", None)
            self.shared_pg_url = share_with.pg_url
        elif self.kind == "postgres":
            admin = pg_admin_url()
            self.pg_name = "escale_api_" + uuid.uuid4().hex[:12]
            psql(admin, f"CREATE DATABASE {self.pg_name}")
            self.pg_url = admin[:admin.rindex("/") + 1] + self.pg_name
            self.db_url = self.pg_url
        else:
            self.db_path = os.path.join(self.dir.name, "escale.db")
            self.db_url = "sqlite:" + self.db_path
        args = [BIN, "serve", "--listen", f"127.0.0.1:{port}", "--db", self.db_url, "--demo", demo, "--demo-history", history]
        if test_clock:
            args += ["--test-clock", test_clock]
        if not real_passwords:
            args.append("--test-cheap-passwords")
        args += list(extra)
        preexec = None
        if nofile is not None:
            import resource

            def preexec():
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec)
        # What the server wrote to standard error (its log): the number of lines, and the
        # lines themselves (the first ones, up to a bound, so a flood cannot fill the test's memory).
        self.log_line_count = 0
        self.log_lines = []
        self.port = None
        for line in self.proc.stdout:
            m = re.match(r"escale: listening on http://127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            raise RuntimeError("server did not start: " + self.proc.stderr.read())
        # Keep draining output so the server never blocks on a full pipe.
        threading.Thread(target=self.proc.stdout.read, daemon=True).start()
        threading.Thread(target=self._read_log, daemon=True).start()
        if not rules and share_with is None and db_url is None and demo:
            self.switch_off_rules()

    def switch_off_rules(self):
        """The demo sites' fair-booking rules off, written straight into the database (no audit
        line, nothing cached: the rules are read in each booking's transaction)."""
        sql = ("UPDATE sites SET weekly_half_day_quota = NULL, quartier_priority_hours = NULL, "
               "adapted_desks_reserved = FALSE")
        if self.kind == "postgres":
            psql(self.pg_url, sql)
        else:
            with sqlite3.connect(self.db_path, timeout=30) as db:
                db.execute(sql)

    def _read_log(self):
        for line in self.proc.stderr:
            self.log_line_count += 1
            if len(self.log_lines) < 20000:
                self.log_lines.append(line)

    def rss_kib(self, field="VmRSS"):
        """The server process's resident memory (VmRSS) or its peak (VmHWM), in KiB."""
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise RuntimeError(field + " not found")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.dir.cleanup()
        if self.pg_url:
            psql(pg_admin_url(), f"DROP DATABASE IF EXISTS {self.pg_name} WITH (FORCE)")
            self.pg_url = None
        if SANITIZER_REPORTS:  # sanitizers (issue 14): this server's reports fail its test
            reports = take_sanitizer_reports(self.proc.pid)
            if reports:
                raise AssertionError("sanitizer reports of the server:\n" + reports)
        return self.proc.returncode

    def client(self, token=None, headers=None):
        return Client(self.port, token, headers)

    def login(self, email, password=DEMO_PASSWORD):
        c = self.client()
        status, body, _ = c.post("/api/v1/auth/login", {"email": email, "password": password})
        if status != 200:
            raise AssertionError(f"login {email}: {status} {body}")
        c.token = body["token"]
        return c

    def set_clock(self, instant):
        status, body, _ = self.client().request("PUT", "/api/v1/test/clock", {"now": instant})
        assert status == 200, body

    def db(self):
        """A read-only connection to the server's database, to check invariants at the source."""
        if self.kind == "postgres":
            return PgDb(self.pg_url or self.shared_pg_url)
        return sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)

    def table_names(self):
        if self.kind == "postgres":
            return {r[0] for r in psql(self.pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
        with self.db() as db:
            return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


class Client:
    """One keep-alive HTTP/1.1 connection; not thread-safe. Every answer is checked against
    docs/openapi.json (openapi_check.check_answer): one that its description does not allow
    fails the test that received it."""

    def __init__(self, port, token=None, headers=None):
        """`headers` go with every request (e.g. a Cookie, as a browser sends it)."""
        self.port = port
        self.token = token
        self.headers = dict(headers or {})
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, body=None, headers=None, raw=None):
        h = {**self.headers, **(headers or {})}
        if self.token:
            h.setdefault("Authorization", "Bearer " + self.token)
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            try:
                self.conn.request(method, on_the_wire(path), body=data, headers=h)
                resp = self.conn.getresponse()
                payload = resp.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        ctype = resp.getheader("Content-Type", "")
        check_answer(method, path, resp.status, ctype, payload)
        parsed = json.loads(payload) if payload and ctype.startswith("application/json") else payload
        return resp.status, parsed, resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def close(self):
        self.conn.close()


def on_the_wire(path):
    """The path as a browser sends it: characters outside printable ASCII percent-encoded
    (UTF-8), the rest (separators and existing escapes) as written."""
    return urllib.parse.quote(path, safe="".join(map(chr, range(0x21, 0x7f))))


def parse_head(data):
    """(status, headers with lower-case names, rest) of raw bytes holding one HTTP/1.1 answer."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def race(calls):
    """Runs every call at once (one thread each, released together); returns their results."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i):
        start.wait()
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def assert_error(testcase, result, status, code):
    """Checks an error answer: its status, its stable code, and a French message."""
    got_status, body, _ = result
    testcase.assertEqual(got_status, status, body)
    testcase.assertIsInstance(body, dict, body)
    testcase.assertEqual(body["error"]["code"], code, body)
    testcase.assertTrue(body["error"]["message"], body)


# live updates (issue 11)
def open_events(client, path, headers=None, until=b"event: ready", timeout=10):
    """Opens an event stream (GET `path`) with `client`'s credentials on a connection of its
    own and reads until `until` has arrived (or the answer is an error, which is read whole).
    Returns (status, body: parsed JSON for an error, else the bytes read, headers, socket);
    the caller closes the socket (None for an error)."""
    import socket
    import time
    h = {**client.headers, **(headers or {})}
    if client.token:
        h.setdefault("Authorization", "Bearer " + client.token)
    sock = socket.create_connection(("127.0.0.1", client.port), timeout=timeout)
    head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in h.items()) + "\r\n"
    sock.sendall(head.encode())
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if b"\r\n\r\n" in data:
            status, hdrs, body = parse_head(data)
            if status != 200:
                length = int(hdrs.get("content-length", "0"))
                if len(body) >= length:
                    sock.close()
                    ctype = hdrs.get("content-type", "")
                    check_answer("GET", path.split("?")[0], status, ctype, body)
                    return status, json.loads(body) if ctype.startswith("application/json") else body, hdrs, None
            elif until in body:
                check_answer("GET", path.split("?")[0], status, hdrs.get("content-type", ""), b"")
                return status, body, hdrs, sock
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    sock.close()
    raise AssertionError(f"no {until!r} from {path} in {timeout} s: {data[:300]!r}")
