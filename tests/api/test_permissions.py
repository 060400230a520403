# SPDX-License-Identifier: EUPL-1.2
"""The permissions matrix, route by route: every operation of the OpenAPI document is tried
by every kind of actor (anonymous, agent, référent, référent of another service,
gestionnaire, gestionnaire of another site, lecteur, admin), and each answer is checked
against the matrix as docs/permissions.md documents it and the permission each operation
declares (x-permission). A write is tried on a fresh target each time, so one actor's
success does not change what the next one meets."""
import itertools
import json
import os
import re
import time
import unittest

from escale_server import DEMO_PASSWORD, Server, assert_error, open_events

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"
PASSWORD = "bienvenue-2026"
ROLES = ["agent", "referent", "gestionnaire", "lecteur", "admin"]


def documented_matrix():
    """{permission: {role: reach}} read from the table of docs/permissions.md."""
    matrix = {}
    with open(os.path.join(ROOT, "docs", "permissions.md"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\| `([a-z_]+)` \|[^|]*\|" + r"([^|]*)\|" * len(ROLES) + r"\s*$", line)
            if m:
                matrix[m.group(1)] = dict(zip(ROLES, (c.strip() for c in m.groups()[1:])))
    return matrix


def allowed(matrix, roles, permission, site, service=None):
    """Whether roles [(role, site, service)] give `permission` on (site, service); None: anonymous."""
    for role, held_site, held_service in roles or []:
        reach = matrix[permission][role]
        if reach == "partout":
            return True
        if reach == "site" and held_site == site:
            return True
        if reach == "service" and held_site == site and service is not None and held_service == service:
            return True
    return False


def allowed_within(matrix, roles, permission, site):
    """Whether roles give `permission` on at least part of `site` (enough to ask for a list)."""
    return any(matrix[permission][role] == "partout" or (matrix[permission][role] != "—" and held == site)
               for role, held, _ in roles or [])


class PermissionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.matrix = documented_matrix()
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        with open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8") as f:
            cls.openapi = json.load(f)
        cls.counter = itertools.count(1)
        cls.passwords = {}  # {email: password} of those whose password is not the demo one
        status, site, _ = cls.admin.get("/api/v1/sites/1")
        assert status == 200, site
        cls.floor = site["floors"][0]["id"]
        me = cls.server.login(REFERENT).get("/api/v1/me")[1]
        cls.s1 = me["service_id"]
        cls.s1_code = next(s["code"] for s in site["services"] if s["id"] == cls.s1)
        cls.s2 = next(s["id"] for s in site["services"] if s["id"] != cls.s1)
        residents = cls.admin.get("/api/v1/residents?site_id=1")[1]
        agents = [r for r in residents if r["role"] == "agent" and r["service_id"] == cls.s1]
        cls.holder = agents[1]  # owns the bookings and is the resident others act on
        # A second site with its own gestionnaire.
        cls.site_b = cls.make("sites", {"name": "Site B — droits"})["id"]
        service_b = cls.make("services", {"site_id": cls.site_b, "code": "SB", "name": "Service B"})["id"]
        actors = {
            "agent": (agents[0]["email"], [("agent", 1, None)]),
            "referent": (REFERENT, [("agent", 1, None), ("referent", 1, cls.s1)]),
            "referent_other_service": (cls.person(1, cls.s2, "referent"), [("agent", 1, None), ("referent", 1, cls.s2)]),
            "gestionnaire": (GESTIONNAIRE, [("agent", 1, None), ("gestionnaire", 1, None)]),
            "gestionnaire_other_site": (cls.person(cls.site_b, service_b, "gestionnaire"),
                                        [("agent", cls.site_b, None), ("gestionnaire", cls.site_b, None)]),
            "lecteur": (cls.person(1, cls.s1, "lecteur"), [("agent", 1, None), ("lecteur", 1, None)]),
            "admin": (ADMIN, [("agent", 1, None), ("admin", 1, None)]),
        }
        cls.actors = {"anonymous": (cls.server.client(), None)}
        cls.emails = {name: email for name, (email, _) in actors.items()}
        for name, (email, roles) in actors.items():
            # The administrator acts in the fixtures' session: changing one's password ends
            # one's other sessions.
            cls.actors[name] = (cls.admin if email == ADMIN else cls.sign_in(email), roles)
        # Read targets, on site 1 and the holder's service.
        cls.read_targets = {c: cls.fresh(c) for c in
                            ["floors", "zones", "services", "desks", "spaces", "lockers", "closures", "role-grants",
                             "resident-categories"]}
        cls.read_targets["residents"] = cls.holder["id"]
        cls.read_targets["sites"] = 1
        # lockers: a floor and a locker on site B, for its gestionnaire's own locker.
        floor_b = cls.make("floors", {"site_id": cls.site_b, "name": "RDC B"})["id"]
        cls.make("lockers", {"site_id": cls.site_b, "floor_id": floor_b, "label": "CB-1"})
        # Check-in on at site 1 (issue 10, item 3), for its routes.
        assert cls.admin.patch("/api/v1/sites/1", {"check_in_enabled": True})[0] == 200

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    # ---- fixtures, made by the administrator ------------------------------------------

    @classmethod
    def make(cls, collection, body):
        status, made, _ = cls.admin.post(f"/api/v1/{collection}", body)
        assert status == 201, (collection, body, made)
        return made

    @classmethod
    def sign_in(cls, email):
        return cls.server.login(email, cls.passwords.get(email, DEMO_PASSWORD))

    @classmethod
    def person(cls, site, service, role):
        n = next(cls.counter)
        email = f"droits-{role}-{n}@pilote.escale.test"
        cls.make("residents", {"site_id": site, "service_id": service, "email": email, "role": role,
                               "display_name": f"Droits {role} {n}", "password": PASSWORD})
        cls.passwords[email] = PASSWORD
        return email

    @classmethod
    def body(cls, collection):
        """A valid creation body on site 1 (the holder's service where one applies)."""
        n = next(cls.counter)
        if collection == "role-grants":
            return {"site_id": 1, "resident_id": cls.fresh("residents"), "role": "lecteur"}
        return {
            "sites": {"name": f"Site jetable {n}"},
            "floors": {"site_id": 1, "name": f"Niveau {n}"},
            "zones": {"site_id": 1, "floor_id": cls.floor, "service_id": cls.s1, "name": f"Quartier {n}"},
            "services": {"site_id": 1, "code": f"S{n}", "name": f"Service {n}"},
            "residents": {"site_id": 1, "service_id": cls.s1, "email": f"cible-{n}@pilote.escale.test",
                          "display_name": f"Cible {n}"},
            "desks": {"site_id": 1, "floor_id": cls.floor, "label": f"D-{n}"},
            "spaces": {"site_id": 1, "floor_id": cls.floor, "name": f"Espace {n}"},
            "lockers": {"site_id": 1, "floor_id": cls.floor, "label": f"C-{n}"},
            "closures": {"site_id": 1, "date": f"{2030 + n // 300}-{1 + n % 300 // 28:02d}-{1 + n % 28:02d}"},
            "resident-categories": {"site_id": 1, "name": f"Catégorie {n}", "weight": 0.5},
        }[collection]

    @classmethod
    def fresh(cls, collection):
        return cls.make(collection, cls.body(collection))["id"]

    @classmethod
    def fresh_booking(cls, date="2026-03-03"):
        desk = cls.fresh("desks")
        status, made, _ = cls.admin.post("/api/v1/desk-bookings", {"desk_id": desk, "date": date, "period": "am",
                                                                   "resident_id": cls.holder["id"]})
        assert status == 201, made
        return made["bookings"][0]["id"]

    # ---- planning engine (issue 12) ---------------------------------------------------

    SCENARIO = {"site_id": 1, "desks": 10, "quartiers": [{"name": "Q", "desks": 5}],
                "services": [{"name": "S", "residents": 6, "presence": [0.5] * 5, "quartier": "Q"},
                             {"name": "T", "residents": 4, "floating_days": 2, "team_days": 1}]}

    @staticmethod
    def finished(client, accepted):
        status, job, _ = accepted
        assert status == 202, job
        for _ in range(400):
            status, job, _ = client.get(f"/api/v1/planning/jobs/{job['id']}")
            if job["state"] in ("done", "failed"):
                return job
            time.sleep(0.05)
        raise AssertionError(job)

    def saved_scenario(self):
        job = self.finished(self.admin, self.admin.post("/api/v1/planning/scenario", self.SCENARIO))
        status, saved, _ = self.admin.post("/api/v1/sites/1/scenarios", {"name": "Balayage", "job_id": job["id"]})
        assert status == 201, saved
        return saved["id"]

    def attempt_planning(self, path, method, permission, client, roles):
        may = roles is not None and allowed(self.matrix, roles, "plan_sites", 1)
        if path == "/api/v1/planning/jobs/{id}":  # one's own job; anyone else's is not found
            if roles is None:
                return client.get("/api/v1/planning/jobs/x"), False, 401
            site = next((site for _, site, _ in roles if allowed(self.matrix, roles, "plan_sites", site)), None)
            if site is None:
                return client.get("/api/v1/planning/jobs/x"), False, 404
            accepted = client.post("/api/v1/planning/days", {"site_id": site, "services": [
                {"name": "A", "members": [{"residents": 3}]}]})
            assert accepted[0] == 202, accepted
            return client.get(f"/api/v1/planning/jobs/{accepted[1]['id']}"), True, 404
        if path == "/api/v1/planning/size":
            return client.post(path, {"site_id": 1, "residents": 10, "presence": 0.5, "desks": 8}), may, 403
        if path == "/api/v1/planning/days":
            return client.post(path, {"site_id": 1, "services": [{"name": "A", "members": [{"residents": 3}]}]}), may, 403
        if path == "/api/v1/planning/scenario":
            return client.post(path, self.SCENARIO), may, 403
        if path == "/api/v1/planning/zones":
            return client.post(path, {"site_id": 1, "quartiers": [{"name": "Q", "desks": 4}],
                                      "services": [{"name": "A", "members": [{"residents": 3}]}]}), may, 403
        if path == "/api/v1/sites/{id}/scenarios" and method == "post":
            job_id = "x"
            if may:
                job_id = self.finished(client, client.post("/api/v1/planning/scenario", self.SCENARIO))["id"]
            return client.post("/api/v1/sites/1/scenarios", {"name": "Balayage", "job_id": job_id}), may, 403
        if path == "/api/v1/sites/{id}/scenarios/{scenario_id}":
            target = self.saved_scenario()
            return client.request(method.upper(), f"/api/v1/sites/1/scenarios/{target}"), may, 403
        if path.startswith("/api/v1/sites/{id}/scenario-comparison"):
            ids = f"{self.saved_scenario()},{self.saved_scenario()}"
            return client.get(path.replace("{id}", "1") + f"?ids={ids}"), may, 403
        return client.get(path.replace("{id}", "1")), may, 403

    # ---- one operation, as one actor --------------------------------------------------

    def attempt(self, path, method, permission, name, client, roles):
        """Sends the operation; returns (answer, expected allowed?, status when refused)."""
        m = re.match(r"^/api/v1/([a-z-]+)(/\{id\})?$", path)
        collection = m.group(1) if m else None
        patches = {"sites": None, "floors": {"name": "Renommé"}, "zones": {"name": "Renommé"},
                   "services": {"name": "Renommé"}, "residents": {"display_name": "Renommée"},
                   "desks": {"label": f"R-{next(self.counter)}"}, "spaces": {"name": "Renommé"},
                   "lockers": {"label": f"R-{next(self.counter)}"}, "closures": {"reason": "Renommé"},
                   "role-grants": {"role": "agent"}, "resident-categories": {"weight": 0.75}}
        here = (1, self.s1)  # the scope of targets made on site 1
        if path.startswith("/api/v1/sites/{id}/occupancy"):  # and its exports (issue 13)
            answer = client.get(path.replace("{id}", "1") + "?from=2026-03-02&to=2026-03-06")
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if path.startswith("/api/v1/sites/{id}/indicators"):  # the State's indicators (issue 13)
            return client.get(path.replace("{id}", "1")), allowed(self.matrix, roles, permission, 1), 403
        # occupancy analytics (issue 13, item 1): a site's figures, its flash counts
        if path.startswith("/api/v1/sites/{id}/analytics"):
            answer = client.get(path.replace("{id}", "1") + "?from=2026-03-02&to=2026-03-06")
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/sites/{id}/flash-counts" and method == "get":
            answer = client.get("/api/v1/sites/1/flash-counts?from=2026-03-02&to=2026-03-06")
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/sites/{id}/flash-counts":
            answer = client.post("/api/v1/sites/1/flash-counts", {"people": 12})
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if path.startswith("/api/v1/indicators"):  # the portfolio: every site one may read the figures of
            anywhere = roles is not None and any(allowed(self.matrix, roles, permission, site)
                                                 for site in (1, self.site_b))
            return client.get(path), anywhere, 403
        if path == "/api/v1/calendar-feeds/{token}":  # public: the token is the key (issue 13, item 4)
            url = self.admin.get("/api/v1/me/calendar")[1]["url"]
            return client.get(url[url.index("/api/v1/"):]), True, 401
        # calendar (issue 13, item 4): a booking as .ics (the holder's, or for who may book for
        # them: else 404), a space's door-screen feed (its site's gestionnaires), the feed itself
        if path == "/api/v1/desk-bookings/{id}/calendar.ics":
            booking = self.fresh_booking()
            answer = client.get(f"/api/v1/desk-bookings/{booking}/calendar.ics")
            self.admin.delete(f"/api/v1/desk-bookings/{booking}")  # frees the holder's slot for the next try
            return answer, allowed(self.matrix, roles, "book_for_others", *here), 404
        if path == "/api/v1/space-bookings/{id}/calendar.ics":
            status, made, _ = self.admin.post("/api/v1/space-bookings", {
                "space_id": self.fresh("spaces"), "start": "2026-03-03T10:00:00+01:00",
                "end": "2026-03-03T11:00:00+01:00", "attendees": 1, "subject": "Balayage",
                "resident_id": self.holder["id"]})
            assert status == 201, made
            answer = client.get(f"/api/v1/space-bookings/{made['bookings'][0]['id']}/calendar.ics")
            return answer, allowed(self.matrix, roles, "book_for_others", *here), 404
        if path == "/api/v1/spaces/{id}/calendar":
            answer = client.request(method.upper(), f"/api/v1/spaces/{self.read_targets['spaces']}/calendar")
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/space-calendar-feeds/{token}":  # public: the token is the key
            url = self.admin.get(f"/api/v1/spaces/{self.read_targets['spaces']}/calendar")[1]["url"]
            return client.get(url[url.index("/api/v1/"):]), True, 401
        if path == "/api/v1/sites/{id}/calendar":  # web app (issue 11)
            return client.get("/api/v1/sites/1/calendar"), allowed(self.matrix, roles, permission, 1), 403
        if path in ("/api/v1/audit-events.csv", "/api/v1/audit-events.xlsx"):
            return client.get(f"{path}?site_id=1"), allowed(self.matrix, roles, permission, 1), 403
        if "/auth/oidc/" in path:  # public, and off on this server (test_oidc covers it switched on)
            return client.get(path), False, 404
        if path == "/api/v1/auth/login":  # on a connection of its own: a login ends the session it presents
            answer = self.server.client().post(path, {"email": ADMIN, "password": self.passwords.get(ADMIN, DEMO_PASSWORD)})
            return answer, True, 401
        if path == "/api/v1/auth/logout":  # on a session of its own, for the same reason
            answer = (self.sign_in(self.emails[name]) if roles else self.server.client()).post(path)
            return answer, roles is not None, 401
        if path == "/api/v1/me/password":  # one's own, from the actor's session (which stays open)
            if roles is None:
                return client.post(path, {}), False, 401
            email, new = self.emails[name], f"balayage-{next(self.counter)}-mot-de-passe"
            answer = client.post(path, {"current_password": self.passwords.get(email, DEMO_PASSWORD), "new_password": new})
            if answer[0] == 200:
                self.passwords[email] = new
            return answer, True, 401
        if path == "/api/v1/me/api-tokens/{id}":  # one's own token
            made = client.post("/api/v1/me/api-tokens", {"name": "à révoquer"}) if roles else (0, {"id": 1}, None)
            return client.delete(f"/api/v1/me/api-tokens/{made[1]['id']}"), roles is not None, 401
        if path == "/api/v1/me/api-tokens" and method == "post":
            return client.post(path, {"name": "intégration"}), roles is not None, 401
        # lockers
        if path.startswith("/api/v1/me/") and "locker" in path:  # one's own, on one's own site
            if roles is None:
                return client.request(method.upper(), path), False, 401
            own_site = roles[0][1]
            client.delete("/api/v1/me/locker")  # the demo gives most people a locker: start from none
            if path == "/api/v1/me/free-lockers":
                return client.get(path), allowed(self.matrix, roles, permission, own_site), 403
            if method == "post":
                answer = client.post(path, {})
                client.delete(path)
                return answer, allowed(self.matrix, roles, permission, own_site), 403
            took = client.post(path, {})
            assert took[0] == 201, took
            answer = client.request(method.upper(), path)
            client.delete(path)
            return answer, True, 401
        if path == "/api/v1/locker-assignments":
            body = {"locker_id": self.fresh("lockers"), "resident_id": self.fresh("residents")}
            return client.post(path, body), allowed(self.matrix, roles, permission, *here), 403
        if path == "/api/v1/locker-assignments/{id}":
            made = self.admin.post("/api/v1/locker-assignments",
                                   {"locker_id": self.fresh("lockers"), "resident_id": self.fresh("residents")})
            assert made[0] == 201, made
            answer = client.delete(f"/api/v1/locker-assignments/{made[1]['id']}")
            return answer, allowed(self.matrix, roles, permission, *here), 404
        if path.startswith("/api/v1/sites/{id}/locker-assignments"):
            return client.get(path.replace("{id}", "1")), allowed(self.matrix, roles, permission, 1), 403
        # presence planning: one's own (any session), someone's (book_for_others, else 404), a
        # service's week (read_service_presence on the other service s2, whose members are
        # only its référent here), finding a colleague (any session)
        if path.startswith("/api/v1/me/presence") or path == "/api/v1/colleagues":
            bodies = {"/api/v1/me/presence": {"days": [{"date": "2026-03-04", "status": "mission"}],
                                              "cancel_bookings": True},
                      "/api/v1/me/presence-pattern": {"days": [{"weekday": 1, "am": "sur_site", "pm": "teletravail"}]},
                      "/api/v1/me/presence-settings": {"visible_to_colleagues": False}}
            target = "/api/v1/colleagues?q=cl" if path == "/api/v1/colleagues" else path
            body = bodies.get(path) if method == "put" else None
            return client.request(method.upper(), target, body), roles is not None, 401
        if path == "/api/v1/residents/{id}/presence":
            target = f"/api/v1/residents/{self.holder['id']}/presence"
            body = {"days": [{"date": "2026-03-04", "status": "mission"}], "cancel_bookings": True} if method == "put" else None
            if roles is None:
                return client.request(method.upper(), target, body), False, 401
            return client.request(method.upper(), target, body), allowed(self.matrix, roles, permission, *here), 404
        if path == "/api/v1/services/{id}/presence":
            answer = client.get(f"/api/v1/services/{self.s2}/presence")
            return answer, roles is not None and allowed(self.matrix, roles, permission, 1, self.s2), 403
        # waitlist (issue 10, item 5): on a fresh floor without desks, nothing is free
        if path == "/api/v1/waitlist":
            floor = self.make("floors", {"site_id": 1, "name": f"Attente {next(self.counter)}"})["id"]
            answer = client.post(path, {"floor_id": floor, "date": "2026-03-05", "half": "pm"})
            return answer, allowed(self.matrix, roles, "book_own", 1), 403
        if path == "/api/v1/waitlist/{id}" and roles is None:
            return client.delete("/api/v1/waitlist/1"), False, 401
        if path == "/api/v1/waitlist/{id}":  # one's own entry, on one's own site
            site = self.site_b if name == "gestionnaire_other_site" else 1
            floor = self.make("floors", {"site_id": site, "name": f"Attente {next(self.counter)}"})["id"]
            status, entry, _ = client.post("/api/v1/waitlist", {"floor_id": floor, "date": "2026-03-06", "half": "am"})
            assert status == 201, entry
            return client.delete(f"/api/v1/waitlist/{entry['id']}"), True, 404
        # notifications: one's own, by its number; someone else's (or none) is not found
        if path == "/api/v1/me/notifications/{id}/read":
            if roles is None:
                return client.post(path.replace("{id}", "1")), False, 401
            mine = client.get("/api/v1/me/notifications")[1]["notifications"]
            if not mine:
                return client.post(path.replace("{id}", "999999")), False, 404
            return client.post(path.replace("{id}", str(mine[0]["id"]))), True, 404
        # planning engine (issue 12): questions about site 1, jobs one's own, saved scenarios of site 1
        if path.startswith("/api/v1/planning/") or "scenario" in path or path.endswith("/presence-history"):
            return self.attempt_planning(path, method, permission, client, roles)
        # surveys and remontées (issue 13, items 5 and 6)
        if path.startswith("/api/v1/surveys/{id}") or path.startswith("/api/v1/remontees") or \
                path == "/api/v1/surveys" and method == "post" or path == "/api/v1/sites/{id}/remontee-counts":
            return self.attempt_voice(path, method, permission, name, client, roles)
        if permission in ("public", "authenticated"):
            return client.request(method.upper(), path), permission == "public" or roles is not None, 401
        if roles is None:
            return client.request(method.upper(), path.replace("{id}", "1"), body={}), False, 401
        if path == "/api/v1/residents/{id}/password":  # a fresh agent of the holder's service, with a password
            target = self.make("residents", {**self.body("residents"), "password": PASSWORD})["id"]
            answer = client.request("PUT", f"/api/v1/residents/{target}/password",
                                    {"new_password": f"balayage-{next(self.counter)}-nouveau"})
            return answer, allowed(self.matrix, roles, permission, 1), self.resident_refusal(roles)
        if path == "/api/v1/sites/{id}" and method == "get":
            return client.get("/api/v1/sites/1"), allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/floors/{id}/availability":
            return (client.get(f"/api/v1/floors/{self.floor}/availability?date=2026-03-03"),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path == "/api/v1/floors/{id}/events":  # live updates (issue 11): a stream, read to its first event
            status, body, hdrs, sock = open_events(client, f"/api/v1/floors/{self.floor}/events")
            if sock:
                sock.close()
            return (status, body, hdrs), allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/sites/{id}/events":  # Ma semaine live (issue 11): the same, for site 1
            status, body, hdrs, sock = open_events(client, "/api/v1/sites/1/events")
            if sock:
                sock.close()
            return (status, body, hdrs), allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/floors/{id}/plan":
            return client.get(f"/api/v1/floors/{self.floor}/plan"), allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/sites/{id}/residents/import":
            csv = f"email;nom;service\nimport-{next(self.counter)}@pilote.escale.test;Importée;{self.s1_code}\n"
            answer = client.request("POST", "/api/v1/sites/1/residents/import", raw=csv.encode(),
                                    headers={"Content-Type": "text/csv"})
            return answer, allowed(self.matrix, roles, permission, 1), 403
        # collective spaces: each try on a fresh space, so that no range is taken already
        if path == "/api/v1/space-bookings":
            body = {"space_id": self.fresh("spaces"), "start": "2026-03-03T10:00:00+01:00",
                    "end": "2026-03-03T11:00:00+01:00", "attendees": 1, "subject": "Balayage"}
            return client.post(path, body), allowed(self.matrix, roles, "book_own", 1), 403
        if path == "/api/v1/space-bookings/{id}":
            status, made, _ = self.admin.post("/api/v1/space-bookings", {
                "space_id": self.fresh("spaces"), "start": "2026-03-03T10:00:00+01:00",
                "end": "2026-03-03T11:00:00+01:00", "attendees": 1, "subject": "Balayage",
                "resident_id": self.holder["id"]})
            assert status == 201, made
            answer = client.delete(f"/api/v1/space-bookings/{made['bookings'][0]['id']}")
            return answer, allowed(self.matrix, roles, "book_for_others", *here), 404
        if path == "/api/v1/spaces/{id}/bookings":
            return (client.get(f"/api/v1/spaces/{self.read_targets['spaces']}/bookings?date=2026-03-03"),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path == "/api/v1/sites/{id}/free-spaces":
            return (client.get("/api/v1/sites/1/free-spaces?start=2026-03-03T10:00:00%2B01:00"
                               "&end=2026-03-03T11:00:00%2B01:00&people=2"),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path == "/api/v1/desk-bookings":
            body = {"desk_id": self.fresh("desks"), "date": "2026-03-03"}
            return client.post(path, body), allowed(self.matrix, roles, "book_own", 1), 403
        if path == "/api/v1/desk-bookings/{id}":
            booking = self.fresh_booking()
            answer = client.delete(f"/api/v1/desk-bookings/{booking}")
            self.admin.delete(f"/api/v1/desk-bookings/{booking}")  # frees the holder's slot for the next try
            return answer, allowed(self.matrix, roles, "book_for_others", *here), 404
        # ---- check-in (issue 10, item 3): the test clock stands on Monday 2 March, 09:00 ----
        if path == "/api/v1/desks/{id}/check-in":  # a walk-in on a fresh desk of site 1
            return client.post(f"/api/v1/desks/{self.fresh('desks')}/check-in"), allowed(self.matrix, roles, "book_own", 1), 403
        if path == "/api/v1/desk-bookings/{id}/check-in":  # the holder's booking of this morning
            booking = self.fresh_booking(date="2026-03-02")
            answer = client.post(f"/api/v1/desk-bookings/{booking}/check-in")
            self.admin.delete(f"/api/v1/desk-bookings/{booking}")  # frees the holder's slot for the next try
            return answer, allowed(self.matrix, roles, "book_for_others", *here), 404
        if path == "/api/v1/desks/{id}/qr.svg":
            answer = client.get(f"/api/v1/desks/{self.fresh('desks')}/qr.svg")
            return answer, allowed(self.matrix, roles, permission, 1), 403
        if method == "get" and not m.group(2):
            return (client.get(f"{path}?site_id=1"), allowed_within(self.matrix, roles, permission, 1), 403)
        refusal = self.resident_refusal(roles) if collection == "residents" else 403
        if method == "get":
            target = self.read_targets[collection]
            scope = (1, self.s1) if collection in ("residents", "zones") else (1, None)
            return client.get(f"/api/v1/{collection}/{target}"), allowed(self.matrix, roles, permission, *scope), refusal
        if method == "post":
            return (client.post(path, self.body(collection)),
                    allowed(self.matrix, roles, permission, 1, self.s1 if collection == "residents" else None), 403)
        if collection == "sites" and method == "patch":
            name = self.admin.get("/api/v1/sites/1")[1]["site"]["name"]
            return client.patch("/api/v1/sites/1", {"name": name}), allowed(self.matrix, roles, permission, 1), 403
        if collection == "sites":  # delete: a fresh site, where nobody holds a role
            site = self.fresh("sites")
            return client.delete(f"/api/v1/sites/{site}"), allowed(self.matrix, roles, permission, site), 403
        target = self.fresh(collection)
        scope = (1, self.s1) if collection in ("residents", "zones") else (1, None)
        if method == "patch":
            answer = client.patch(f"/api/v1/{collection}/{target}", patches[collection])
        else:
            answer = client.delete(f"/api/v1/{collection}/{target}")
        return answer, allowed(self.matrix, roles, permission, *scope), refusal

    def resident_refusal(self, roles):
        """The refusal about a resident of site 1's first service (issue 14, finding 5): who
        reads residents somewhere but not this one gets the answer of an unknown id (404), who
        reads none gets 403."""
        reads_some = roles is not None and any(allowed_within(self.matrix, roles, "read_residents", site)
                                               for site in (1, self.site_b))
        return 404 if reads_some and not allowed(self.matrix, roles, "read_residents", 1, self.s1) else 403

    # surveys and remontées (issue 13, items 5 and 6)
    @classmethod
    def fresh_survey(cls, services):
        status, made, _ = cls.admin.post("/api/v1/surveys", {
            "title": f"Balayage {next(cls.counter)}", "opens_on": "2026-03-02", "closes_on": "2026-03-13",
            "service_ids": services, "questions": [{"kind": "scale", "prompt": "Satisfait ?"}]})
        assert status == 201, made
        return made

    @classmethod
    def fresh_remontee(cls, client=None):
        status, made, _ = (client or cls.admin).post("/api/v1/remontees", {"kind": "idee", "theme": "autre",
                                                                            "title": f"Idée {next(cls.counter)}"})
        assert status == 201, made
        return made["id"]

    def attempt_voice(self, path, method, permission, name, client, roles):
        here = (1, self.s1)
        if roles is None:
            target = path.replace("{id}", "1") + ("?before=1" if path.endswith("comparison") else "")
            return client.request(method.upper(), target, {}), False, 401
        if path == "/api/v1/surveys":
            body = {"template_key": "flex_office", "opens_on": "2026-03-02", "closes_on": "2026-03-13",
                    "service_ids": [self.s1]}
            return client.post(path, body), allowed(self.matrix, roles, permission, *here), 403
        if path == "/api/v1/surveys/{id}" and method == "get":  # its residents (of s1), and who manages it
            survey = self.fresh_survey([self.s1])
            expected = name not in ("referent_other_service", "gestionnaire_other_site")
            return client.get(f"/api/v1/surveys/{survey['id']}"), expected, 404
        if path == "/api/v1/surveys/{id}/answers":  # a survey for every service of site 1
            services = [s["id"] for s in self.admin.get("/api/v1/sites/1")[1]["services"]]
            survey = self.fresh_survey(services)
            body = {"answers": [{"question_id": survey["questions"][0]["id"], "scale": 3}]}
            return (client.post(f"/api/v1/surveys/{survey['id']}/answers", body),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path.startswith("/api/v1/surveys/{id}"):  # results, export, comparison, deletion
            survey = self.fresh_survey([self.s1])
            target = path.replace("{id}", str(survey["id"])) + (f"?before={survey['id']}" if path.endswith("comparison") else "")
            return client.request(method.upper(), target), allowed(self.matrix, roles, permission, *here), 403
        if path == "/api/v1/remontees" and method == "post":  # on one's own site
            body = {"kind": "irritant", "theme": "bruit", "title": "Balayage"}
            return client.post(path, body), allowed(self.matrix, roles, permission, roles[0][1]), 403
        if path == "/api/v1/remontees":
            return client.get(f"{path}?site_id=1"), allowed(self.matrix, roles, permission, 1), 403
        if path == "/api/v1/remontees/{id}":  # one's own signed one
            own = self.fresh_remontee(client)
            body = {"title": "Modifiée"} if method == "patch" else None
            return client.request(method.upper(), f"/api/v1/remontees/{own}", body), True, 404
        if path == "/api/v1/remontees/{id}/support":
            target = self.fresh_remontee()
            if method == "delete":
                client.post(f"/api/v1/remontees/{target}/support")
            return (client.request(method.upper(), f"/api/v1/remontees/{target}/support"),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path == "/api/v1/remontees/{id}/answer":
            target = self.fresh_remontee()
            return (client.request("PUT", f"/api/v1/remontees/{target}/answer", {"status": "en_cours"}),
                    allowed(self.matrix, roles, permission, 1), 403)
        if path == "/api/v1/sites/{id}/remontee-counts":
            return client.get("/api/v1/sites/1/remontee-counts"), allowed(self.matrix, roles, permission, 1), 403
        raise AssertionError(f"no attempt for {method} {path}")

    def test_the_documented_matrix_is_complete(self):
        # lockers: assign_lockers; presence: read_service_presence; planning (issue 12): plan_sites;
        # occupancy analytics (issue 13): record_flash_counts; surveys and remontées: take_part,
        # manage_surveys, manage_remontees
        self.assertEqual(len(self.matrix), 18, self.matrix)
        for permission, row in self.matrix.items():
            self.assertEqual(set(row), set(ROLES))
            self.assertTrue(set(row.values()) <= {"—", "service", "site", "partout"}, row)

    def test_every_route_for_every_actor(self):
        unexpected_allows, unexpected_refusals, tried = [], [], 0
        for path, operations in self.openapi["paths"].items():
            for method, op in operations.items():
                if method == "parameters":
                    continue
                permission = op.get("x-permission")
                self.assertIsNotNone(permission, f"{method.upper()} {path} declares no x-permission")
                self.assertTrue(permission in self.matrix or permission in ("public", "authenticated"), permission)
                for name, (client, roles) in self.actors.items():
                    (status, body, _), expected, refusal = self.attempt(path, method, permission, name, client, roles)
                    tried += 1
                    where = f"{method.upper()} {path} as {name}: {status} {str(body)[:200]}"
                    refused_status = 401 if roles is None and permission != "public" else refusal
                    if expected and not 200 <= status < 300:
                        unexpected_refusals.append(where)
                    elif not expected and status != refused_status:
                        unexpected_allows.append(where)
        self.assertEqual(unexpected_allows, [], "zero unexpected allows")
        self.assertEqual(unexpected_refusals, [])
        self.assertGreater(tried, 8 * 60)

    # ---- what the route sweep does not show --------------------------------------------

    def test_a_granted_role_works_at_once_and_its_revocation_too(self):
        agent, _ = self.actors["agent"]
        me = agent.get("/api/v1/me")[1]
        floor_b = self.make("floors", {"site_id": self.site_b, "name": "Niveau B"})["id"]
        assert_error(self, agent.patch(f"/api/v1/floors/{floor_b}", {"name": "B renommé"}), 403, "forbidden")
        grant = self.make("role-grants", {"site_id": self.site_b, "resident_id": me["id"], "role": "gestionnaire"})
        status, floor, _ = agent.patch(f"/api/v1/floors/{floor_b}", {"name": "B renommé"})
        self.assertEqual((status, floor["name"]), (200, "B renommé"), floor)
        # Gestionnaire of site B, still only agent of site 1.
        assert_error(self, agent.patch(f"/api/v1/floors/{self.floor}", {"name": "Non"}), 403, "forbidden")
        self.assertEqual(self.admin.delete(f"/api/v1/role-grants/{grant['id']}")[0], 204)
        assert_error(self, agent.patch(f"/api/v1/floors/{floor_b}", {"name": "Encore"}), 403, "forbidden")

    def test_nobody_raises_a_role_beyond_their_own(self):
        referent, _ = self.actors["referent"]
        gestionnaire, _ = self.actors["gestionnaire"]
        target = self.fresh("residents")
        assert_error(self, referent.patch(f"/api/v1/residents/{target}", {"role": "gestionnaire"}), 403, "forbidden")
        assert_error(self, referent.patch(f"/api/v1/residents/{target}", {"service_id": self.s2}), 403, "forbidden")
        assert_error(self, gestionnaire.patch(f"/api/v1/residents/{target}", {"role": "admin"}), 403, "forbidden")
        status, changed, _ = gestionnaire.patch(f"/api/v1/residents/{target}", {"role": "referent"})
        self.assertEqual((status, changed["role"]), (200, "referent"), changed)
        # Now a référent: no longer the référent's to manage, nor to delete.
        assert_error(self, referent.patch(f"/api/v1/residents/{target}", {"display_name": "X"}), 403, "forbidden")
        assert_error(self, referent.delete(f"/api/v1/residents/{target}"), 403, "forbidden")
        # Grants are for one site: a gestionnaire of site 1 grants nothing on site B, and
        # nobody grants administration per site.
        me = referent.get("/api/v1/me")[1]
        assert_error(self, gestionnaire.post("/api/v1/role-grants", {"site_id": self.site_b, "resident_id": me["id"],
                                                                     "role": "gestionnaire"}), 403, "forbidden")
        assert_error(self, self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": me["id"],
                                                                   "role": "admin"}), 400, "invalid_field")
        assert_error(self, self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": me["id"],
                                                                   "role": "referent"}), 400, "invalid_field")
        ok = self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": me["id"], "role": "referent",
                                                     "service_id": self.s2})
        self.assertEqual(ok[0], 201, ok[1])
        again = self.admin.post("/api/v1/role-grants", {"site_id": 1, "resident_id": me["id"], "role": "referent",
                                                        "service_id": self.s2})
        assert_error(self, again, 409, "already_exists")

    def test_a_grant_goes_only_to_a_resident_the_granter_may_read(self):
        # Issue 14, finding 5: the gestionnaire of site B granting a role on B to a resident
        # of site 1 would take that resident away from site 1's gestionnaire, unseen from
        # site 1. Refused, and with the very answer an unknown resident id gets (no way to
        # learn which ids exist elsewhere).
        other, _ = self.actors["gestionnaire_other_site"]
        gestionnaire, _ = self.actors["gestionnaire"]
        target = self.fresh("residents")  # on site 1
        foreign = other.post("/api/v1/role-grants", {"site_id": self.site_b, "resident_id": target,
                                                     "role": "lecteur"})
        unknown = other.post("/api/v1/role-grants", {"site_id": self.site_b, "resident_id": 987654321,
                                                     "role": "lecteur"})
        assert_error(self, foreign, 422, "unknown_reference")
        assert_error(self, unknown, 422, "unknown_reference")
        self.assertEqual(foreign[1]["error"]["message"], unknown[1]["error"]["message"])
        # Nor by changing the resident of one of site B's grants.
        mine = self.person(self.site_b, None, "agent")
        mine_id = next(r["id"] for r in other.get(f"/api/v1/residents?site_id={self.site_b}")[1]
                       if r["email"] == mine)
        status, grant, _ = other.post("/api/v1/role-grants", {"site_id": self.site_b, "resident_id": mine_id,
                                                              "role": "lecteur"})
        self.assertEqual(status, 201, grant)
        assert_error(self, other.patch(f"/api/v1/role-grants/{grant['id']}", {"resident_id": target}),
                     422, "unknown_reference")
        # Site 1's gestionnaire still manages the resident, and sees no grant elsewhere.
        self.assertEqual(gestionnaire.patch(f"/api/v1/residents/{target}", {"display_name": "Toujours d'ici"})[0], 200)
        # An administrator (who reads every resident) still grants across sites.
        self.assertEqual(self.admin.post("/api/v1/role-grants", {"site_id": self.site_b, "resident_id": target,
                                                                 "role": "lecteur"})[0], 201)

    def test_a_referent_cannot_take_over_someone_through_their_record(self):
        referent, _ = self.actors["referent"]
        gestionnaire, _ = self.actors["gestionnaire"]
        # An agent of the référent's service who is gestionnaire of site B by a grant.
        target = self.fresh("residents")
        self.make("role-grants", {"site_id": self.site_b, "resident_id": target, "role": "gestionnaire"})
        for change in [{"display_name": "Repris"}, {"active": False}, {"email": "repris@pilote.escale.test"}]:
            with self.subTest(change=change):
                assert_error(self, referent.patch(f"/api/v1/residents/{target}", change), 403, "forbidden")
        assert_error(self, referent.delete(f"/api/v1/residents/{target}"), 403, "forbidden")
        # Nor the email (what a ProConnect login is matched by) of a plain agent.
        plain = self.fresh("residents")
        assert_error(self, referent.patch(f"/api/v1/residents/{plain}", {"email": "moi-bis@pilote.escale.test"}),
                     403, "forbidden")
        self.assertEqual(referent.patch(f"/api/v1/residents/{plain}", {"display_name": "Renommée"})[0], 200)
        self.assertEqual(gestionnaire.patch(f"/api/v1/residents/{plain}", {"email": "nouvelle@pilote.escale.test"})[0], 200)
        # The gestionnaire of site 1 does not manage the roles of site B either.
        assert_error(self, gestionnaire.patch(f"/api/v1/residents/{target}", {"active": False}), 403, "forbidden")
        # Only an administrator chooses where ProConnect registers unknown people.
        service = self.make("services", {"site_id": 1, "code": "ACCUEIL", "name": "Accueil"})["id"]
        assert_error(self, gestionnaire.patch("/api/v1/sites/1", {"oidc_self_registration_service_id": service}),
                     403, "forbidden")

    def test_lists_hold_only_what_the_actor_may_see(self):
        referent, _ = self.actors["referent"]
        other, _ = self.actors["gestionnaire_other_site"]
        status, seen, _ = referent.get("/api/v1/residents")
        self.assertEqual(status, 200, seen)
        self.assertEqual({r["service_id"] for r in seen}, {self.s1})
        status, sites, _ = other.get("/api/v1/sites")
        self.assertEqual([s["id"] for s in sites], [self.site_b])
        status, residents, _ = other.get("/api/v1/residents")
        self.assertEqual({r["site_id"] for r in residents}, {self.site_b})
        assert_error(self, other.get("/api/v1/residents?site_id=1"), 403, "forbidden")


if __name__ == "__main__":
    unittest.main()
