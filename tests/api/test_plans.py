# SPDX-License-Identifier: EUPL-1.2
"""Floor plans (issue 14, finding 8): an uploaded SVG is reduced on upload to drawing
elements and presentation attributes; scripts, event attributes, foreignObject, script and
external links are dropped; a DOCTYPE (external entities, "billion laughs"), a malformed or
an oversized document is refused with a French 400 and nothing is written; plans are
served with `Content-Security-Policy: sandbox`."""
import sqlite3
import time
import unittest

from escale_server import Server, assert_error, psql

ADMIN = "admin@pilote.escale.test"
SVG = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'

# What no stored plan may hold, in any letter case.
FORBIDDEN = ["<script", "onload", "onclick", "onmouseover", "foreignobject", "javascript:", "<iframe", "<a ",
             "href", "<image", "<use", "<style", "style=", "url(", "evil.example", "<!doctype", "<!entity",
             "alert("]

HOSTILE = {
    "script": f'<svg {SVG} viewBox="0 0 10 10"><script>alert(1)</script><rect width="5" height="5"/></svg>',
    "script_cdata": f'<svg {SVG}><script><![CDATA[alert(1)]]></script><rect width="5" height="5"/></svg>',
    "onload": f'<svg {SVG} onload="alert(1)"><rect width="5" height="5" onclick="alert(2)" '
              f'onmouseover="alert(3)"/></svg>',
    "foreign_object": f'<svg {SVG}><foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">'
                      f'<iframe src="https://evil.example/"></iframe></div></foreignObject>'
                      f'<rect width="5" height="5"/></svg>',
    "javascript_href": f'<svg {SVG} {XLINK}><a href="javascript:alert(1)"><rect width="5" height="5"/></a>'
                       f'<a xlink:href="jav&#x61;script:alert(2)"><text>lien</text></a>'
                       f'<rect width="5" height="5"/></svg>',
    "external_references": f'<svg {SVG} {XLINK}><use href="https://evil.example/x.svg#a"/>'
                           f'<image xlink:href="https://evil.example/x.png"/>'
                           f'<style>rect {{ fill: url(https://evil.example/f) }}</style>'
                           f'<rect width="5" height="5" fill="url(https://evil.example/#g)" '
                           f'style="fill: red"/></svg>',
    "html_script_namespace": f'<svg {SVG}><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'
                             f'<rect width="5" height="5"/></svg>',
}

XXE = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<svg {SVG}><text>&xxe;</text></svg>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "hahahahahahahahahahahahahahahahahaha">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + f']><svg {SVG}><text>&j;</text></svg>')
REFUSED = {
    "xxe": XXE,
    "billion_laughs": LAUGHS,
    "external_dtd": f'<!DOCTYPE svg SYSTEM "https://evil.example/svg.dtd"><svg {SVG}/>',
    "malformed": f'<svg {SVG}><rect></svg>',
    "not_xml": "ceci n'est pas un plan",
    "not_svg": '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
    "svg_without_namespace": '<svg><rect width="5" height="5"/></svg>',
    "oversized": f'<svg {SVG}>' + "<g/>" * 500_100 + "</svg>",
    "too_deep": f'<svg {SVG}>' + "<g>" * 100 + "</g>" * 100 + "</svg>",
}


class PlanUploads(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def floors(self):
        status, floors, _ = self.admin.get("/api/v1/floors?site_id=1")
        self.assertEqual(status, 200, floors)
        return floors

    def stored_plan(self, floor_id):
        status, body, resp = self.admin.get(f"/api/v1/floors/{floor_id}/plan")
        self.assertEqual(status, 200, body)
        return body.decode(), resp

    def check_harmless(self, plan):
        lowered = plan.lower()
        for bad in FORBIDDEN:
            self.assertNotIn(bad, lowered, plan)

    def test_hostile_plans_are_stored_without_what_could_act(self):
        for name, svg in HOSTILE.items():
            with self.subTest(name=name):
                status, floor, _ = self.admin.post("/api/v1/floors", {"site_id": 1, "name": f"Plan {name}",
                                                                      "plan_svg": svg})
                self.assertEqual(status, 201, floor)
                self.check_harmless(floor["plan_svg"])
                plan, _ = self.stored_plan(floor["id"])
                self.check_harmless(plan)
                self.assertIn("<rect", plan)  # the drawing is kept
                self.assertTrue(plan.startswith("<svg"), plan)

    def test_a_change_of_plan_is_cleaned_too(self):
        status, floor, _ = self.admin.post("/api/v1/floors", {"site_id": 1, "name": "Plan modifié"})
        self.assertEqual(status, 201, floor)
        status, changed, _ = self.admin.patch(f"/api/v1/floors/{floor['id']}", {"plan_svg": HOSTILE["onload"]})
        self.assertEqual(status, 200, changed)
        self.check_harmless(self.stored_plan(floor["id"])[0])

    def test_refused_plans_write_nothing(self):
        status, floor, _ = self.admin.post("/api/v1/floors", {"site_id": 1, "name": "Plan gardé",
                                                              "plan_svg": HOSTILE["script"]})
        self.assertEqual(status, 201, floor)
        kept, _ = self.stored_plan(floor["id"])
        for name, svg in REFUSED.items():
            with self.subTest(name=name):
                before = len(self.floors())
                started = time.monotonic()
                answer = self.admin.post("/api/v1/floors", {"site_id": 1, "name": f"Refusé {name}", "plan_svg": svg})
                self.assertLess(time.monotonic() - started, 5)  # no entity expansion
                assert_error(self, answer, 400, "invalid_field")
                self.assertIn("plan_svg", answer[1]["error"]["message"])
                self.assertNotIn("root:", str(answer[1]))  # /etc/passwd never read into anything
                self.assertEqual(len(self.floors()), before)
                assert_error(self, self.admin.patch(f"/api/v1/floors/{floor['id']}", {"plan_svg": svg}),
                             400, "invalid_field")
                self.assertEqual(self.stored_plan(floor["id"])[0], kept)

    def test_the_demo_plan_survives_and_plans_are_served_sandboxed(self):
        floor = self.floors()[0]
        plan, resp = self.stored_plan(floor["id"])
        self.assertIn("<rect", plan)
        self.assertEqual(resp.getheader("Content-Type"), "image/svg+xml")
        csp = resp.getheader("Content-Security-Policy")
        self.assertIn("sandbox", csp.split(";")[0].strip(), csp)
        self.assertIn("default-src 'none'", csp)
        self.assertEqual(len(resp.headers.get_all("Content-Security-Policy")), 1)
        # Sending the demo plan again keeps it whole: every rectangle and text of the drawing.
        status, again, _ = self.admin.patch(f"/api/v1/floors/{floor['id']}", {"plan_svg": plan})
        self.assertEqual(status, 200, again)
        cleaned, _ = self.stored_plan(floor["id"])
        for element in ["<rect", "<text", "<title", "<g"]:
            self.assertEqual(cleaned.count(element), plan.count(element), element)


class PlansStoredBeforeCleaning(unittest.TestCase):
    """Plans stored before uploads were cleaned (an older version, a restored backup) are
    cleaned by the next server that starts: once, audited, refused ones taken off."""

    def write_plan(self, server, floor_id, svg):
        if server.kind == "postgres":
            quoted = svg.replace("'", "''")
            psql(server.pg_url, f"UPDATE floors SET plan_svg = '{quoted}' WHERE id = {floor_id}")
        else:
            with sqlite3.connect(server.db_path, timeout=30) as db:
                db.execute("UPDATE floors SET plan_svg = ? WHERE id = ?", (svg, floor_id))

    def test_the_next_start_cleans_them_once(self):
        with Server() as first:
            admin = first.login(ADMIN)
            made = [admin.post("/api/v1/floors", {"site_id": 1, "name": name})[1]["id"] for name in ("Ancien", "Illisible")]
            self.write_plan(first, made[0], HOSTILE["javascript_href"])
            self.write_plan(first, made[1], REFUSED["not_xml"])
            with Server(share_with=first) as second:
                admin = second.login(ADMIN)
                plans = {f["id"]: f["plan_svg"] for f in admin.get("/api/v1/floors?site_id=1")[1]}
                for bad in FORBIDDEN:
                    self.assertNotIn(bad, plans[made[0]].lower())
                self.assertIn("<rect", plans[made[0]])
                self.assertEqual(plans[made[1]], "")
                self.assertTrue(any("2 plan(s) de niveau nettoyé(s)" in l for l in second.log_lines), second.log_lines)
                events = admin.get("/api/v1/audit-events?site_id=1")[1]
                cleaned = {e["object_id"]: e["details"] for e in events if e["object"] == "floors" and e["action"] == "update"}
                self.assertEqual(cleaned, {made[0]: "plan nettoyé", made[1]: "plan refusé par le nettoyage, retiré"})
                # The demo's own plan was clean: untouched.
                self.assertNotIn(min(plans), cleaned)
            with Server(share_with=first) as third:
                self.assertFalse(any("nettoyé" in l for l in third.log_lines), third.log_lines)
                events = third.login(ADMIN).get("/api/v1/audit-events?site_id=1")[1]
                self.assertEqual(sum(e["object"] == "floors" and e["action"] == "update" for e in events), 2)


if __name__ == "__main__":
    unittest.main()
