# SPDX-License-Identifier: EUPL-1.2
"""The preview of a residents CSV import (web app, issue 11): POST
/api/v1/sites/{id}/residents/import?dry_run=true checks the file as the import does, names each
wrong line, lists what would be created with its line number, and writes nothing."""
import unittest

from escale_server import Server, assert_error


class ImportPreviewTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.manager = cls.server.login("gestionnaire@pilote.escale.test")
        services = cls.manager.get("/api/v1/services?site_id=1")[1]
        cls.code = services[0]["code"]

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def send(self, csv, dry_run):
        path = "/api/v1/sites/1/residents/import" + ("?dry_run=true" if dry_run else "")
        return self.manager.request("POST", path, raw=csv.encode(), headers={"Content-Type": "text/csv"})

    def count(self):
        return len(self.manager.get("/api/v1/residents?site_id=1")[1])

    def test_a_preview_names_the_wrong_line_then_lists_the_good_file_and_writes_nothing(self):
        before = self.count()
        bad = (f"email;nom;service;quotité\napercu-1@pilote.escale.test;Aperçu Un;{self.code};80\n"
               f"apercu-2@pilote.escale.test;Aperçu Deux;INCONNU;100\n")
        answer = self.send(bad, True)
        assert_error(self, answer, 400, "invalid_csv")
        self.assertEqual([d["line"] for d in answer[1]["error"]["details"]], [3])
        self.assertIn("Ligne 3", answer[1]["error"]["details"][0]["message"])
        good = bad.replace("INCONNU", self.code)
        status, body, _ = self.send(good, True)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["created"], 0)
        self.assertEqual([(r["line"], r["email"], r["fte_percent"]) for r in body["residents"]],
                         [(2, "apercu-1@pilote.escale.test", 80), (3, "apercu-2@pilote.escale.test", 100)])
        self.assertEqual(self.count(), before, "a preview writes nothing")
        status, body, _ = self.send(good, False)
        self.assertEqual(status, 201, body)
        self.assertEqual(body, {"created": 2})
        self.assertEqual(self.count(), before + 2)
        # Imported now: the same file is refused, line by line.
        answer = self.send(good, True)
        assert_error(self, answer, 400, "invalid_csv")
        self.assertEqual([d["line"] for d in answer[1]["error"]["details"]], [2, 3])


if __name__ == "__main__":
    unittest.main()
