# SPDX-License-Identifier: EUPL-1.2
"""The referential over HTTP: admin CRUD on every collection, role checks, references,
duplicates, the site detail, floor plans, and the all-or-nothing CSV import of residents."""
import unittest

from escale_server import Server, assert_error

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"

COLLECTIONS = ["sites", "floors", "zones", "services", "residents", "desks", "spaces", "lockers", "closures"]


def csv_post(client, text, site=1):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.request("POST", f"/api/v1/sites/{site}/residents/import", raw=data,
                          headers={"Content-Type": "text/csv; charset=utf-8"})


class ReferentialTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        cls.referent = cls.server.login(REFERENT)
        status, residents, _ = cls.admin.get("/api/v1/residents")
        assert status == 200, residents
        agent = next(r for r in residents if r["role"] == "agent")
        cls.agent = cls.server.login(agent["email"])
        status, cls.site, _ = cls.admin.get("/api/v1/sites/1")
        assert status == 200, cls.site
        cls.floor = cls.site["floors"][0]["id"]
        cls.zone = next(z["id"] for z in cls.site["zones"] if z["floor_id"] == cls.floor)
        cls.codes = [s["code"] for s in cls.site["services"]]
        cls.service_by_code = {s["code"]: s["id"] for s in cls.site["services"]}
        # Every collection gets at least one row, so that role checks have a target.
        status, closure, _ = cls.admin.post("/api/v1/closures", {"site_id": 1, "date": "2026-07-13", "reason": "pont"})
        assert status == 201, closure

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    # ---- helpers --------------------------------------------------------------------

    def create(self, collection, body, client=None):
        status, created, _ = (client or self.admin).post(f"/api/v1/{collection}", body)
        self.assertEqual(status, 201, created)
        return created

    def count(self, collection):
        status, items, _ = self.admin.get(f"/api/v1/{collection}")
        self.assertEqual(status, 200, items)
        return len(items)

    def assert_stored(self, created, body):
        """The entity as returned matches what was sent (emails come back lower-case)."""
        self.assertIsInstance(created.get("id"), int, created)
        self.assertGreater(created["id"], 0)
        for key, value in body.items():
            if key == "password":
                continue
            expected = value.strip().lower() if key == "email" else value
            self.assertEqual(created[key], expected, f"{key} in {created}")

    def roundtrip(self, collection, body, patch):
        """POST, GET, PATCH (merge), list by site, DELETE, then gone."""
        base = f"/api/v1/{collection}"
        created = self.create(collection, body)
        self.assert_stored(created, body)
        self.assertNotIn("password", created)
        ident = created["id"]

        status, got, _ = self.admin.get(f"{base}/{ident}")
        self.assertEqual(status, 200, got)
        self.assertEqual(got, created)

        status, patched, _ = self.admin.patch(f"{base}/{ident}", patch)
        self.assertEqual(status, 200, patched)
        expected = dict(created, **patch)
        self.assertEqual(patched, expected, "PATCH must change the given fields and keep every other one")
        status, got, _ = self.admin.get(f"{base}/{ident}")
        self.assertEqual(got, expected)

        status, listed, _ = self.admin.get(f"{base}?site_id=1")
        self.assertEqual(status, 200, listed)
        self.assertIn(expected, listed)
        self.assertTrue(all(item["site_id"] == 1 for item in listed))

        status, body_, resp = self.admin.delete(f"{base}/{ident}")
        self.assertEqual(status, 204, body_)
        self.assertEqual(body_, b"")
        assert_error(self, self.admin.get(f"{base}/{ident}"), 404, "not_found")
        assert_error(self, self.admin.delete(f"{base}/{ident}"), 404, "not_found")
        assert_error(self, self.admin.patch(f"{base}/{ident}", patch), 404, "not_found")
        status, listed, _ = self.admin.get(base)
        self.assertNotIn(ident, [item["id"] for item in listed])
        return created

    # ---- CRUD -----------------------------------------------------------------------

    def test_a_weak_initial_password_is_refused_and_nothing_is_created(self):
        for weak in ["court", "MotDePasse123", "aaaaaaaaaaaaaaaa", "azertyuiopqsdf"]:
            with self.subTest(password=weak):
                email = "faible." + str(abs(hash(weak)) % 100000) + "@pilote.escale.test"
                assert_error(self, self.admin.post("/api/v1/residents", {
                    "site_id": 1, "email": email, "display_name": "Faible", "password": weak}), 400, "weak_password")
                status, residents, _ = self.admin.get("/api/v1/residents?site_id=1")
                self.assertNotIn(email, [r["email"] for r in residents])

    def test_crud_services(self):
        self.roundtrip("services", {"site_id": 1, "code": "CRUD-SVC", "name": "Service de test"},
                       {"name": "Service de test renommé"})

    def test_crud_floors(self):
        self.roundtrip("floors", {"site_id": 1, "name": "Niveau CRUD", "level": 4,
                                  "plan_svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
                       {"name": "4e étage"})

    def test_crud_zones(self):
        self.roundtrip("zones", {"site_id": 1, "floor_id": self.floor, "name": "Quartier CRUD", "sub_m2": 30.5,
                                 "service_id": self.service_by_code[self.codes[0]]},
                       {"sub_m2": 42.25, "service_id": None})

    def test_crud_desks(self):
        self.roundtrip("desks", {"site_id": 1, "floor_id": self.floor, "zone_id": self.zone, "label": "CRUD-01",
                                 "x": 10.5, "y": 20.0, "screens": 2, "dock": True},
                       {"standing": True, "zone_id": None})

    def test_crud_spaces(self):
        self.roundtrip("spaces", {"site_id": 1, "floor_id": self.floor, "name": "Bulle CRUD", "type": "bubble",
                                  "capacity": 2, "x": 1.0, "y": 2.0},
                       {"capacity": 3, "type": "silence_room"})

    def test_crud_lockers(self):
        self.roundtrip("lockers", {"site_id": 1, "floor_id": self.floor, "label": "C-CRUD"}, {"label": "C-CRUD-2"})

    def test_crud_closures(self):
        self.roundtrip("closures", {"site_id": 1, "date": "2026-05-15", "reason": "pont"},
                       {"reason": "pont de l'Ascension"})

    def test_crud_residents(self):
        self.roundtrip("residents", {"site_id": 1, "email": "Crud.Resident@Pilote.escale.test",
                                     "display_name": "Rémi Crud", "service_id": self.service_by_code[self.codes[1]],
                                     "fte_percent": 80, "role": "referent"},
                       {"fte_percent": 50, "active": False})

    def test_patch_cannot_move_an_entity_to_another_site(self):
        desk = self.create("desks", {"site_id": 1, "floor_id": self.floor, "label": "MOVE-01"})
        assert_error(self, self.admin.patch(f"/api/v1/desks/{desk['id']}", {"site_id": 2}), 400, "invalid_field")
        assert_error(self, self.admin.patch(f"/api/v1/desks/{desk['id']}", {"colour": "bleu"}), 400, "unknown_field")
        self.assertEqual(self.admin.get(f"/api/v1/desks/{desk['id']}")[1], desk)

    def test_list_filters_by_site(self):
        site_b = self.create("sites", {"name": "Site B — annexe"})
        b = site_b["id"]
        self.assertNotEqual(b, 1)
        self.assertEqual(site_b["time_zone"], "Europe/Paris")
        floor = self.create("floors", {"site_id": b, "name": "RDC annexe", "level": 0})
        service = self.create("services", {"site_id": b, "code": "ANNEXE", "name": "Service de l'annexe"})
        mine = {
            "floors": floor["id"],
            "services": service["id"],
            "zones": self.create("zones", {"site_id": b, "floor_id": floor["id"], "name": "Quartier annexe"})["id"],
            "desks": self.create("desks", {"site_id": b, "floor_id": floor["id"], "label": "A-01"})["id"],
            "spaces": self.create("spaces", {"site_id": b, "floor_id": floor["id"], "name": "Salle annexe"})["id"],
            "lockers": self.create("lockers", {"site_id": b, "floor_id": floor["id"], "label": "CA-01"})["id"],
            "closures": self.create("closures", {"site_id": b, "date": "2026-05-08"})["id"],
            "residents": self.create("residents", {"site_id": b, "email": "annexe@pilote.escale.test",
                                                   "display_name": "Agent de l'annexe",
                                                   "service_id": service["id"]})["id"],
        }
        for collection, ident in mine.items():
            with self.subTest(collection=collection):
                status, only_b, _ = self.admin.get(f"/api/v1/{collection}?site_id={b}")
                self.assertEqual(status, 200, only_b)
                self.assertEqual([item["id"] for item in only_b], [ident])
                status, only_1, _ = self.admin.get(f"/api/v1/{collection}?site_id=1")
                self.assertNotIn(ident, [item["id"] for item in only_1])
                self.assertTrue(all(item["site_id"] == 1 for item in only_1))
                status, every, _ = self.admin.get(f"/api/v1/{collection}")
                ids = [item["id"] for item in every]
                self.assertIn(ident, ids)
                self.assertEqual(ids, sorted(ids), "lists come by increasing id")
                # Without a filter, the list is exactly the union of the per-site lists.
                union = []
                for site in {item["site_id"] for item in every} | {1, b}:
                    union += [item["id"] for item in self.admin.get(f"/api/v1/{collection}?site_id={site}")[1]]
                self.assertEqual(sorted(union), ids)
                assert_error(self, self.admin.get(f"/api/v1/{collection}?site_id=abc"), 400, "invalid_field")
        status, sites, _ = self.admin.get("/api/v1/sites")
        self.assertEqual([s["id"] for s in sites], [1, b])
        # An agent of site 1 holds no role on site B: asking for it is refused, and an
        # unfiltered list shows only what the agent may see.
        assert_error(self, self.agent.get(f"/api/v1/sites?site_id={b}"), 403, "forbidden")
        assert_error(self, self.agent.get(f"/api/v1/floors?site_id={b}"), 403, "forbidden")
        for collection in ["sites", "floors", "desks", "services"]:
            status, items, _ = self.agent.get(f"/api/v1/{collection}")
            self.assertEqual(status, 200, items)
            self.assertNotIn(mine.get(collection, b), [i["id"] for i in items])
        # The same service code is fine on another site, and a site's own detail sees only its own.
        status, detail, _ = self.admin.get(f"/api/v1/sites/{b}")
        self.assertEqual([s["id"] for s in detail["services"]], [service["id"]])
        self.assertEqual([f["id"] for f in detail["floors"]], [floor["id"]])

    # ---- roles ----------------------------------------------------------------------

    def write_attempts(self, tag):
        """One valid write per collection and verb, as an admin would send it."""
        bodies = {
            "sites": {"name": f"Site {tag}"},
            "floors": {"site_id": 1, "name": f"Niveau {tag}"},
            "zones": {"site_id": 1, "floor_id": self.floor, "name": f"Quartier {tag}"},
            "services": {"site_id": 1, "code": f"SVC-{tag}", "name": f"Service {tag}"},
            "residents": {"site_id": 1, "email": f"{tag.lower()}@pilote.escale.test", "display_name": tag},
            "desks": {"site_id": 1, "floor_id": self.floor, "label": f"D-{tag}"},
            "spaces": {"site_id": 1, "floor_id": self.floor, "name": f"Espace {tag}"},
            "lockers": {"site_id": 1, "floor_id": self.floor, "label": f"L-{tag}"},
            "closures": {"site_id": 1, "date": "2026-06-19", "reason": tag},
        }
        patches = {
            "sites": {"name": f"Renommé {tag}"}, "floors": {"name": f"Renommé {tag}"},
            "zones": {"name": f"Renommé {tag}"}, "services": {"name": f"Renommé {tag}"},
            "residents": {"display_name": f"Renommé {tag}"}, "desks": {"label": f"R-{tag}"},
            "spaces": {"name": f"Renommé {tag}"}, "lockers": {"label": f"R-{tag}"},
            "closures": {"reason": f"Renommé {tag}"},
        }
        return bodies, patches

    def snapshot(self):
        state = {}
        for collection in COLLECTIONS:
            status, items, _ = self.admin.get(f"/api/v1/{collection}")
            self.assertEqual(status, 200, items)
            state[collection] = items
        return state

    def assert_no_writes(self, who, tag):
        bodies, patches = self.write_attempts(tag)
        targets = {c: self.admin.get(f"/api/v1/{c}")[1][0]["id"] for c in COLLECTIONS}
        before = self.snapshot()
        for collection in COLLECTIONS:
            with self.subTest(collection=collection):
                base = f"/api/v1/{collection}"
                target = targets[collection]
                assert_error(self, who.post(base, bodies[collection]), 403, "forbidden")
                assert_error(self, who.patch(f"{base}/{target}", patches[collection]), 403, "forbidden")
                assert_error(self, who.delete(f"{base}/{target}"), 403, "forbidden")
        csv = f"email;nom;service\n{tag.lower()}.csv@pilote.escale.test;CSV {tag};{self.codes[0]}\n"
        assert_error(self, csv_post(who, csv), 403, "forbidden")
        self.assertEqual(self.snapshot(), before, "a refused write must leave the referential unchanged")

    def test_agent_cannot_write_nor_read_residents(self):
        self.assert_no_writes(self.agent, "AGENT")
        assert_error(self, self.agent.get("/api/v1/residents"), 403, "forbidden")
        assert_error(self, self.agent.get("/api/v1/residents?site_id=1"), 403, "forbidden")
        assert_error(self, self.agent.get("/api/v1/residents/1"), 403, "forbidden")
        # A référent sees the residents of their own service only.
        referent = self.referent.get("/api/v1/me")[1]
        status, seen, _ = self.referent.get("/api/v1/residents")
        self.assertEqual(status, 200, seen)
        self.assertTrue(seen)
        self.assertEqual({r["service_id"] for r in seen}, {referent["service_id"]})
        other = next(r for r in self.admin.get("/api/v1/residents")[1] if r["service_id"] != referent["service_id"])
        # Out of their reach, a resident answers as an unknown id does (issue 14, finding 5):
        # the ids of other services and sites cannot be told apart; nor can they be changed.
        foreign = self.referent.get(f"/api/v1/residents/{other['id']}")
        unknown = self.referent.get("/api/v1/residents/987654321")
        assert_error(self, foreign, 404, "not_found")
        assert_error(self, unknown, 404, "not_found")
        self.assertEqual(foreign[1]["error"]["message"], unknown[1]["error"]["message"])
        assert_error(self, self.referent.patch(f"/api/v1/residents/{other['id']}", {"display_name": "X"}), 404, "not_found")
        assert_error(self, self.referent.delete(f"/api/v1/residents/{other['id']}"), 404, "not_found")
        # Who reads no resident at all is refused whatever the id.
        assert_error(self, self.agent.get("/api/v1/residents/987654321"), 403, "forbidden")
        # The rest of the referential is readable by every resident.
        for collection in ["floors", "zones", "services", "desks", "spaces", "lockers", "closures", "sites"]:
            with self.subTest(collection=collection):
                status, items, _ = self.agent.get(f"/api/v1/{collection}")
                self.assertEqual(status, 200, items)
        self.assertEqual(self.agent.get("/api/v1/desks/1")[0], 200)
        self.assertEqual(self.agent.get("/api/v1/sites/1")[0], 200)

    # What référents and gestionnaires may write is tested route by route in test_permissions.

    def test_gestionnaire_reads_residents(self):
        status, residents, _ = self.gestionnaire.get("/api/v1/residents")
        self.assertEqual(status, 200, residents)
        self.assertGreaterEqual(len(residents), 36)
        self.assertTrue(all("password" not in r and "password_hash" not in r for r in residents))
        status, one, _ = self.gestionnaire.get(f"/api/v1/residents/{residents[0]['id']}")
        self.assertEqual(status, 200)
        self.assertEqual(one, residents[0])

    # ---- references and duplicates ----------------------------------------------------

    def test_desk_zone_must_be_on_the_desk_floor(self):
        other_floor = self.create("floors", {"site_id": 1, "name": "Niveau sans poste", "level": 5})
        other_zone = self.create("zones", {"site_id": 1, "floor_id": other_floor["id"], "name": "Quartier du 5e"})
        desks = self.count("desks")
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor,
                                                             "zone_id": other_zone["id"], "label": "REF-01"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/spaces", {"site_id": 1, "floor_id": self.floor,
                                                              "zone_id": other_zone["id"], "name": "Salle REF"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": 999999, "label": "REF-02"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor,
                                                             "zone_id": 999999, "label": "REF-03"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/lockers", {"site_id": 1, "floor_id": 999999, "label": "REF-L"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/zones", {"site_id": 1, "floor_id": 999999, "name": "Nulle part"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/floors", {"site_id": 999999, "name": "Sans site"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": "ref@pilote.escale.test",
                                                                 "display_name": "Réf", "service_id": 999999}),
                     422, "unknown_reference")
        self.assertEqual(self.count("desks"), desks, "no desk may be created by a refused request")
        # A PATCH is checked the same way, and leaves the desk as it was.
        desk = self.create("desks", {"site_id": 1, "floor_id": self.floor, "zone_id": self.zone, "label": "REF-04"})
        assert_error(self, self.admin.patch(f"/api/v1/desks/{desk['id']}", {"zone_id": other_zone["id"]}),
                     422, "unknown_reference")
        assert_error(self, self.admin.patch(f"/api/v1/desks/{desk['id']}", {"floor_id": 999999}),
                     422, "unknown_reference")
        # Moving to the other floor while keeping the old floor's zone is refused too.
        assert_error(self, self.admin.patch(f"/api/v1/desks/{desk['id']}", {"floor_id": other_floor["id"]}),
                     422, "unknown_reference")
        self.assertEqual(self.admin.get(f"/api/v1/desks/{desk['id']}")[1], desk)
        # Floor and zone moved together is fine.
        status, moved, _ = self.admin.patch(f"/api/v1/desks/{desk['id']}",
                                            {"floor_id": other_floor["id"], "zone_id": other_zone["id"]})
        self.assertEqual(status, 200, moved)
        self.assertEqual((moved["floor_id"], moved["zone_id"]), (other_floor["id"], other_zone["id"]))

    def test_references_to_another_site_are_unknown(self):
        site_c = self.create("sites", {"name": "Site C"})
        floor_c = self.create("floors", {"site_id": site_c["id"], "name": "Niveau C"})
        service_c = self.create("services", {"site_id": site_c["id"], "code": "SVC-C", "name": "Service C"})
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": floor_c["id"], "label": "X-C"}),
                     422, "unknown_reference")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": "c@pilote.escale.test",
                                                                 "display_name": "C", "service_id": service_c["id"]}),
                     422, "unknown_reference")

    def test_duplicate_email_differing_by_case_is_refused(self):
        first = self.create("residents", {"site_id": 1, "email": "double.emploi@pilote.escale.test",
                                          "display_name": "Double Emploi"})
        self.assertEqual(first["email"], "double.emploi@pilote.escale.test")
        before = self.count("residents")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": "Double.Emploi@PILOTE.escale.test",
                                                                 "display_name": "Autre"}), 409, "already_exists")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": " double.emploi@pilote.escale.test ",
                                                                 "display_name": "Autre"}), 409, "already_exists")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": "ADMIN@pilote.escale.test",
                                                                 "display_name": "Autre", "password": "un-mot-de-passe"}),
                     409, "already_exists")
        # Renaming another resident onto that address is refused as well.
        other = self.create("residents", {"site_id": 1, "email": "autre.personne@pilote.escale.test",
                                          "display_name": "Autre Personne"})
        assert_error(self, self.admin.patch(f"/api/v1/residents/{other['id']}", {"email": "DOUBLE.emploi@pilote.escale.test"}),
                     409, "already_exists")
        self.assertEqual(self.count("residents"), before + 1)
        self.assertEqual(self.admin.get(f"/api/v1/residents/{other['id']}")[1], other)
        # The admin account still logs in with its own password.
        self.server.login(ADMIN)

    def test_duplicate_service_code_on_a_site_is_refused(self):
        code = self.codes[0]
        before = self.count("services")
        assert_error(self, self.admin.post("/api/v1/services", {"site_id": 1, "code": code, "name": "Doublon"}),
                     409, "already_exists")
        svc = self.create("services", {"site_id": 1, "code": "UNIQUE-DUP", "name": "Unique"})
        assert_error(self, self.admin.patch(f"/api/v1/services/{svc['id']}", {"code": code}), 409, "already_exists")
        self.assertEqual(self.count("services"), before + 1)
        self.assertEqual(self.admin.get(f"/api/v1/services/{svc['id']}")[1]["code"], "UNIQUE-DUP")
        # Desk labels are unique on a site too.
        self.create("desks", {"site_id": 1, "floor_id": self.floor, "label": "DUP-01"})
        assert_error(self, self.admin.post("/api/v1/desks", {"site_id": 1, "floor_id": self.floor, "label": "DUP-01"}),
                     409, "already_exists")

    def test_a_floor_with_desks_cannot_be_deleted(self):
        assert_error(self, self.admin.delete(f"/api/v1/floors/{self.floor}"), 409, "in_use")
        status, still, _ = self.admin.get(f"/api/v1/floors/{self.floor}")
        self.assertEqual(status, 200)
        self.assertEqual(self.count("desks"), len(self.admin.get("/api/v1/desks")[1]))
        floor = self.create("floors", {"site_id": 1, "name": "Niveau éphémère", "level": 6})
        desk = self.create("desks", {"site_id": 1, "floor_id": floor["id"], "label": "EPH-01"})
        assert_error(self, self.admin.delete(f"/api/v1/floors/{floor['id']}"), 409, "in_use")
        self.assertEqual(self.admin.get(f"/api/v1/desks/{desk['id']}")[0], 200)
        self.assertEqual(self.admin.delete(f"/api/v1/desks/{desk['id']}")[0], 204)
        self.assertEqual(self.admin.delete(f"/api/v1/floors/{floor['id']}")[0], 204)
        assert_error(self, self.admin.get(f"/api/v1/floors/{floor['id']}"), 404, "not_found")
        # A service that residents belong to is in use as well.
        assert_error(self, self.admin.delete(f"/api/v1/services/{self.service_by_code[self.codes[0]]}"), 409, "in_use")
        # So is a site with content. A resident is removed whatever they hold (test_rgpd), but
        # not by themselves.
        assert_error(self, self.admin.delete("/api/v1/sites/1"), 409, "in_use")
        assert_error(self, self.admin.delete("/api/v1/residents/1"), 422, "self_removal")
        self.assertEqual(self.admin.get("/api/v1/sites/1")[0], 200)
        self.server.login(ADMIN)

    def test_a_zone_holding_desks_cannot_move_to_another_floor(self):
        """A desk's quartier must stay on the desk's floor: moving the quartier alone would break that."""
        floor = self.create("floors", {"site_id": 1, "name": "Niveau de destination", "level": 7})
        status, zone, _ = self.admin.get(f"/api/v1/zones/{self.zone}")
        desks_in_zone = [d for d in self.admin.get("/api/v1/desks")[1] if d["zone_id"] == self.zone]
        self.assertTrue(desks_in_zone, "the pilot quartier holds desks")
        status, body, _ = self.admin.patch(f"/api/v1/zones/{self.zone}", {"floor_id": floor["id"]})
        if status == 200:  # undo, so that the other tests keep a consistent site
            self.admin.patch(f"/api/v1/zones/{self.zone}", {"floor_id": zone["floor_id"]})
        self.assertIn(status, (409, 422), f"moving a quartier away from its desks must be refused, got {status} {body}")
        self.assertEqual(body["error"]["code"], "in_use" if status == 409 else "unknown_reference", body)
        self.assertEqual(self.admin.get(f"/api/v1/zones/{self.zone}")[1], zone)

    # ---- accounts -------------------------------------------------------------------

    def test_resident_created_with_a_password_can_log_in(self):
        body = {"site_id": 1, "email": "Nouvelle.Arrivee@Pilote.escale.test", "display_name": "Nouvelle Arrivée",
                "role": "gestionnaire", "password": "bienvenue-2026"}
        created = self.create("residents", body)
        self.assertNotIn("password", created)
        self.assertEqual(created["email"], "nouvelle.arrivee@pilote.escale.test")
        client = self.server.login("nouvelle.arrivee@pilote.escale.test", "bienvenue-2026")
        status, me, _ = client.get("/api/v1/me")
        self.assertEqual(status, 200)
        self.assertEqual(me["id"], created["id"])
        self.assertEqual(me["role"], "gestionnaire")
        assert_error(self, self.server.client().post("/api/v1/auth/login", {"email": created["email"],
                                                                            "password": "escale-demo"}),
                     401, "bad_credentials")
        # Deactivated: the open session ends and the password no longer opens one.
        status, off, _ = self.admin.patch(f"/api/v1/residents/{created['id']}", {"active": False})
        self.assertEqual(status, 200, off)
        self.assertFalse(off["active"])
        assert_error(self, client.get("/api/v1/me"), 401, "unauthenticated")
        assert_error(self, self.server.client().post("/api/v1/auth/login", {"email": created["email"],
                                                                            "password": "bienvenue-2026"}),
                     401, "bad_credentials")
        self.assertEqual(self.admin.patch(f"/api/v1/residents/{created['id']}", {"active": True})[0], 200)
        self.server.login(created["email"], "bienvenue-2026")
        # Without a password, no local account: nobody logs in as that resident.
        plain = self.create("residents", {"site_id": 1, "email": "sans.compte@pilote.escale.test",
                                          "display_name": "Sans Compte"})
        for password in ["", "escale-demo", "bienvenue-2026"]:
            status, _, _ = self.server.client().post("/api/v1/auth/login", {"email": plain["email"], "password": password})
            self.assertIn(status, (400, 401))
        # Too short a password is refused and nothing is created.
        before = self.count("residents")
        assert_error(self, self.admin.post("/api/v1/residents", {"site_id": 1, "email": "court@pilote.escale.test",
                                                                 "display_name": "Court", "password": "court"}),
                     400, "weak_password")
        self.assertEqual(self.count("residents"), before)

    # ---- site detail and plan -------------------------------------------------------

    def test_site_detail_lists_the_site_without_plans(self):
        status, detail, _ = self.agent.get("/api/v1/sites/1")
        self.assertEqual(status, 200, detail)
        self.assertEqual(detail["site"]["id"], 1)
        self.assertTrue(detail["site"]["name"])
        for part in ["floors", "zones", "services", "spaces"]:
            with self.subTest(part=part):
                self.assertIsInstance(detail[part], list)
                self.assertTrue(detail[part], f"the pilot site has {part}")
                self.assertTrue(all(item["site_id"] == 1 for item in detail[part]))
                listed = self.admin.get(f"/api/v1/{part}?site_id=1")[1]
                self.assertEqual([i["id"] for i in detail[part]], [i["id"] for i in listed])
        for floor in detail["floors"]:
            self.assertFalse(floor.get("plan_svg"), "the site detail leaves the plans out")
        self.assertNotIn("residents", detail)
        status, floor, _ = self.agent.get(f"/api/v1/floors/{self.floor}")
        self.assertTrue(floor["plan_svg"].startswith("<svg"), "the floor itself keeps its plan")
        assert_error(self, self.agent.get("/api/v1/sites/999999"), 404, "not_found")

    def test_floor_plan_is_svg(self):
        status, body, resp = self.agent.get(f"/api/v1/floors/{self.floor}/plan")
        self.assertEqual(status, 200)
        self.assertTrue(resp.getheader("Content-Type").startswith("image/svg+xml"), resp.getheader("Content-Type"))
        self.assertIsInstance(body, bytes)
        self.assertTrue(body.startswith(b"<svg"), body[:80])
        self.assertIn(b"</svg>", body)
        self.assertEqual(body.decode("utf-8"), self.admin.get(f"/api/v1/floors/{self.floor}")[1]["plan_svg"])
        assert_error(self, self.agent.get("/api/v1/floors/999999/plan"), 404, "not_found")
        assert_error(self, self.server.client().get(f"/api/v1/floors/{self.floor}/plan"), 401, "unauthenticated")

    # ---- CSV import -----------------------------------------------------------------

    def residents_by_email(self):
        status, residents, _ = self.admin.get("/api/v1/residents")
        self.assertEqual(status, 200)
        return {r["email"]: r for r in residents}

    def test_import_good_file_with_bom_crlf_and_accents(self):
        c0, c1 = self.codes[0], self.codes[1]
        text = ("\ufeffemail;nom;service;quotité;rôle\r\n"
                f"Helene.Lefevre-import@pilote.escale.test;Hélène Lefèvre;{c0};80;agent\r\n"
                f"francois.cote@pilote.escale.test;François Côté;{c1};50 %;referent\r\n"
                "\r\n"
                f"noel.oeuvre@pilote.escale.test;\"Nœl Œuvre; dit « le Bœuf »\";{c0};;\r\n"
                f"zoe.maitre@pilote.escale.test;Zoé Maître;{c1};100%;gestionnaire\r\n")
        before = self.residents_by_email()
        status, body, _ = csv_post(self.admin, text)
        self.assertEqual(status, 201, body)
        self.assertEqual(body, {"created": 4})
        after = self.residents_by_email()
        self.assertEqual(len(after), len(before) + 4)
        expected = {
            "helene.lefevre-import@pilote.escale.test": ("Hélène Lefèvre", c0, 80, "agent"),
            "francois.cote@pilote.escale.test": ("François Côté", c1, 50, "referent"),
            "noel.oeuvre@pilote.escale.test": ("Nœl Œuvre; dit « le Bœuf »", c0, 100, "agent"),
            "zoe.maitre@pilote.escale.test": ("Zoé Maître", c1, 100, "gestionnaire"),
        }
        for email, (name, code, fte, role) in expected.items():
            with self.subTest(email=email):
                self.assertIn(email, after)
                r = after[email]
                self.assertEqual(r["display_name"], name)
                self.assertEqual(r["service_id"], self.service_by_code[code])
                self.assertEqual(r["fte_percent"], fte)
                self.assertEqual(r["role"], role)
                self.assertEqual(r["site_id"], 1)
                self.assertTrue(r["active"])
        # Imported residents have no local account.
        status, _, _ = self.server.client().post("/api/v1/auth/login", {"email": "zoe.maitre@pilote.escale.test",
                                                                        "password": "escale-demo"})
        self.assertEqual(status, 401)

    def test_import_alternative_header_names(self):
        text = (f"Courriel;Nom affiché;Service;Quotite;Role\n"
                f"alt.header@pilote.escale.test;Alt Header;{self.codes[2]};60;admin\n")
        status, body, _ = csv_post(self.admin, text)
        self.assertEqual(status, 201, body)
        self.assertEqual(body["created"], 1)
        r = self.residents_by_email()["alt.header@pilote.escale.test"]
        self.assertEqual((r["display_name"], r["fte_percent"], r["role"]), ("Alt Header", 60, "admin"))

    def test_import_bad_lines_writes_nothing(self):
        c0 = self.codes[0]
        lines = [
            "email;nom;service;quotité;rôle",                                               # 1
            f"bon.csv.un@pilote.escale.test;Bon Un;{c0};100;agent",                         # 2 fine
            "service.inconnu@pilote.escale.test;Service Inconnu;PAS-UN-SERVICE;100;agent",  # 3
            f"quotite.fausse@pilote.escale.test;Quotité Fausse;{c0};quatre-vingts;agent",  # 4
            f"pas-une-adresse;Adresse Fausse;{c0};100;agent",                               # 5
            f"en.double@pilote.escale.test;Double Un;{c0};100;agent",                       # 6 fine alone
            "",                                                                             # 7 blank
            f"EN.DOUBLE@pilote.escale.test;Double Deux;{c0};100;agent",                     # 8 duplicate of 6
            f"Admin@Pilote.escale.test;Déjà Là;{c0};100;agent",                             # 9 in the database
            f"quotite.haute@pilote.escale.test;Quotité Haute;{c0};150;agent",               # 10 out of range
            f"role.inconnu@pilote.escale.test;Rôle Inconnu;{c0};100;chef",                  # 11
            f"bon.csv.deux@pilote.escale.test;Bon Deux;{c0};;",                             # 12 fine
        ]
        text = "\r\n".join(lines) + "\r\n"
        before = self.residents_by_email()
        result = csv_post(self.admin, text)
        assert_error(self, result, 400, "invalid_csv")
        details = result[1]["error"].get("details")
        self.assertIsInstance(details, list, result[1])
        self.assertEqual(sorted(d["line"] for d in details), [3, 4, 5, 8, 9, 10, 11], details)
        for d in details:
            self.assertIn(f"Ligne {d['line']}", d["message"])
            self.assertIn("field", d)
        by_line = {d["line"]: d for d in details}
        self.assertIn("PAS-UN-SERVICE", by_line[3]["message"])
        self.assertIn("quatre-vingts", by_line[4]["message"])
        after = self.residents_by_email()
        self.assertEqual(after, before, "an import with errors must write nothing")
        for email in ["bon.csv.un@pilote.escale.test", "en.double@pilote.escale.test", "bon.csv.deux@pilote.escale.test"]:
            self.assertNotIn(email, after)

    def test_import_line_numbers_are_physical_lines(self):
        """A quoted name over two lines shifts the numbering of the lines after it (and is
        itself refused: a name holds no line break)."""
        c0 = self.codes[0]
        text = (f"email;nom;service\r\n"
                f"deux.lignes@pilote.escale.test;\"Nom\r\nsur deux lignes\";{c0}\r\n"
                f"faux.service@pilote.escale.test;Faux;NULLE-PART\r\n")
        before = self.residents_by_email()
        result = csv_post(self.admin, text)
        assert_error(self, result, 400, "invalid_csv")
        self.assertEqual([d["line"] for d in result[1]["error"]["details"]], [2, 4])
        result = csv_post(self.admin, f"email;nom;service\r\n\"ouvert@pilote.escale.test;Ouvert;{c0}\r\n")
        assert_error(self, result, 400, "invalid_csv")
        self.assertEqual([d["line"] for d in result[1]["error"]["details"]], [2])
        self.assertEqual(self.residents_by_email(), before)

    def test_import_invalid_utf8_writes_nothing(self):
        c0 = self.codes[0]
        data = ("email;nom;service\n"
                f"utf8.ok@pilote.escale.test;Ok;{c0}\n").encode("utf-8") + \
            f"latin1@pilote.escale.test;Ren\xe9 Latin;{c0}\n".encode("latin-1") + \
            f"utf8.apres@pilote.escale.test;Après;{c0}\n".encode("utf-8")
        before = self.residents_by_email()
        result = csv_post(self.admin, data)
        assert_error(self, result, 400, "invalid_csv")
        details = result[1]["error"].get("details")
        self.assertTrue(details, result[1])
        self.assertEqual([d["line"] for d in details], [3], details)
        self.assertIn("Ligne 3", details[0]["message"])
        self.assertEqual(self.residents_by_email(), before)

    def test_import_refuses_bad_headers_unknown_site_and_non_admins(self):
        before = self.residents_by_email()
        assert_error(self, csv_post(self.admin, "email;nom\nsans.service@pilote.escale.test;Sans Service\n"),
                     400, "invalid_csv")
        assert_error(self, csv_post(self.admin, ""), 400, "invalid_csv")
        good = f"email;nom;service\nrefus.role@pilote.escale.test;Refus;{self.codes[0]}\n"
        assert_error(self, csv_post(self.agent, good), 403, "forbidden")
        assert_error(self, csv_post(self.referent, good), 403, "forbidden")
        assert_error(self, csv_post(self.server.client(), good), 401, "unauthenticated")
        assert_error(self, csv_post(self.admin, good, site=999999), 404, "not_found")
        self.assertEqual(self.residents_by_email(), before)


if __name__ == "__main__":
    unittest.main()
