# SPDX-License-Identifier: EUPL-1.2
"""Agents' surveys (issue 13, item 5), against a real server, on SQLite and on PostgreSQL:
writing one from the built-in « avant / après flex office » questionnaire, answering once
(10 concurrent answers of one resident: one accepted), results per question and per service
with the minimum group size (never derivable by difference), the before/after comparison, the
CSV export, and anonymity checked in the database itself: no column, row order or
transaction id ties an answer to the resident who gave it. On PostgreSQL, many residents
answering at once through two servers: each counted once, nobody twice, the ballot box
emptied into the answers."""
import csv
import io
import sqlite3
import unittest

from escale_server import Server, assert_error, database_kind, race

ADMIN = "admin@pilote.escale.test"
GESTIONNAIRE = "gestionnaire@pilote.escale.test"
REFERENT = "claire.dubreuil@pilote.escale.test"
OPENS, CLOSES = "2026-03-02", "2026-03-13"


class SurveysTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        cls.admin = cls.server.login(ADMIN)
        cls.gestionnaire = cls.server.login(GESTIONNAIRE)
        residents = cls.admin.get("/api/v1/residents?site_id=1")[1]
        cls.by_service = {}
        for r in residents:
            if r["active"] and r["service_id"]:
                cls.by_service.setdefault(r["service_id"], []).append(r)
        # The two largest services of the pilot.
        ordered = sorted(cls.by_service, key=lambda s: -len(cls.by_service[s]))
        cls.s1, cls.s2 = ordered[0], ordered[1]
        cls.sessions = {}

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @classmethod
    def as_(cls, resident):
        if resident["email"] not in cls.sessions:
            cls.sessions[resident["email"]] = cls.server.login(resident["email"])
        return cls.sessions[resident["email"]]

    def travel(self, instant):
        """Moves the server's clock; sessions may have expired meanwhile: everyone logs in again."""
        self.server.set_clock(instant)
        type(self).gestionnaire = self.server.login(GESTIONNAIRE)
        type(self).admin = self.server.login(ADMIN)
        self.sessions.clear()

    def make(self, services, **extra):
        body = {"template_key": "flex_office", "opens_on": OPENS, "closes_on": CLOSES, "service_ids": services, **extra}
        status, survey, _ = self.gestionnaire.post("/api/v1/surveys", body)
        self.assertEqual(status, 201, survey)
        return survey

    @staticmethod
    def sheet(survey, n, text=None):
        """A full answer sheet: scale questions answer 1 + n % 5, choices n % len, free text `text`."""
        answers = []
        for q in survey["questions"]:
            if q["kind"] == "scale":
                answers.append({"question_id": q["id"], "scale": q["scale_min"] + n % (q["scale_max"] - q["scale_min"] + 1)})
            elif q["kind"] == "single_choice":
                answers.append({"question_id": q["id"], "choice": n % len(q["choices"])})
            elif q["kind"] == "multiple_choice":
                answers.append({"question_id": q["id"], "choices": sorted({0, n % len(q["choices"])})})
            elif text is not None:
                answers.append({"question_id": q["id"], "text": text})
        return {"answers": answers}

    def answer(self, resident, survey, n, text=None):
        status, body, _ = self.as_(resident).post(f"/api/v1/surveys/{survey['id']}/answers", self.sheet(survey, n, text))
        self.assertEqual(status, 201, body)

    def rows(self, sql):
        with self.server.db() as db:
            return list(db.execute(sql))

    # ---- writing and answering -----------------------------------------------------------

    def test_the_built_in_questionnaire_and_the_checks_of_a_survey(self):
        status, templates, _ = self.gestionnaire.get("/api/v1/survey-templates")
        self.assertEqual(status, 200, templates)
        flex = next(t for t in templates if t["key"] == "flex_office")
        self.assertEqual(flex["title"], "Avant / après flex office")
        self.assertEqual({q["kind"] for q in flex["questions"]}, {"scale", "single_choice", "multiple_choice", "free_text"})
        survey = self.make([self.s1])
        self.assertEqual(survey["template"], "flex_office")
        self.assertEqual(len(survey["questions"]), len(flex["questions"]))
        bad = [({"closes_on": "2026-03-01"}, 400, "invalid_field"),
               ({"service_ids": []}, 400, "invalid_field"),
               ({"template_key": "inconnu"}, 400, "unknown_survey_template"),
               ({"template_key": None, "title": "Vide", "questions": []}, 400, "invalid_field"),
               ({"template_key": None, "title": "Choix", "questions": [{"kind": "single_choice", "prompt": "?", "choices": ["seul"]}]},
                400, "invalid_field"),
               ({"service_ids": [999999]}, 422, None)]
        for change, status, code in bad:
            with self.subTest(change=change):
                body = {"template_key": "flex_office", "opens_on": OPENS, "closes_on": CLOSES, "service_ids": [self.s1], **change}
                if body["template_key"] is None:
                    del body["template_key"]
                got = self.gestionnaire.post("/api/v1/surveys", body)
                if code:
                    assert_error(self, got, status, code)
                else:
                    self.assertGreaterEqual(got[0], 400, got[1])
        # A référent writes for their own service only.
        referent = self.server.login(REFERENT)
        own = referent.get("/api/v1/me")[1]["service_id"]
        other = next(s for s in self.by_service if s != own)
        made = referent.post("/api/v1/surveys", {"template_key": "flex_office", "opens_on": OPENS, "closes_on": CLOSES,
                                                 "service_ids": [own]})
        self.assertEqual(made[0], 201, made[1])
        assert_error(self, referent.post("/api/v1/surveys", {"template_key": "flex_office", "opens_on": OPENS,
                                                             "closes_on": CLOSES, "service_ids": [own, other]}),
                     403, "forbidden")

    def test_answers_are_checked_and_taken_once_by_the_residents_of_its_services(self):
        survey = self.make([self.s1], opens_on="2026-03-02", closes_on="2026-03-04")
        member, outsider = self.by_service[self.s1][0], self.by_service[self.s2][0]
        mine = self.as_(member).get("/api/v1/me/surveys")[1]
        self.assertIn(survey["id"], [s["id"] for s in mine])
        self.assertNotIn(survey["id"], [s["id"] for s in self.as_(outsider).get("/api/v1/me/surveys")[1]])
        url = f"/api/v1/surveys/{survey['id']}/answers"
        scale = next(q for q in survey["questions"] if q["kind"] == "scale")
        choice = next(q for q in survey["questions"] if q["kind"] == "single_choice")
        for body, code in [({"answers": [{"question_id": scale["id"], "scale": 9}]}, "invalid_field"),
                           ({"answers": [{"question_id": scale["id"], "choice": 1}]}, "invalid_field"),
                           ({"answers": [{"question_id": choice["id"], "choice": 7}]}, "invalid_field"),
                           ({"answers": [{"question_id": 999999, "scale": 1}]}, "invalid_field"),
                           ({"answers": [{"question_id": choice["id"], "choice": 1}]}, "answer_missing"),
                           ({"answers": []}, "answer_missing"),
                           ({"answers": "non"}, "invalid_field")]:
            with self.subTest(body=body):
                assert_error(self, self.as_(member).post(url, body), 400, code)
        self.assertEqual(self.rows(f"SELECT COUNT(*) FROM survey_participations WHERE survey_id = {survey['id']}")[0][0], 0)
        assert_error(self, self.as_(outsider).post(url, self.sheet(survey, 1)), 403, "survey_not_for_you")
        self.answer(member, survey, 1, "Très bien")
        assert_error(self, self.as_(member).post(url, self.sheet(survey, 2)), 409, "already_answered")
        self.assertTrue(next(s for s in self.as_(member).get("/api/v1/me/surveys")[1] if s["id"] == survey["id"])["answered"])
        # Closed after its last day.
        self.travel("2026-03-05T08:00:00Z")
        try:
            late = self.by_service[self.s1][1]
            assert_error(self, self.as_(late).post(url, self.sheet(survey, 3)), 422, "survey_not_open")
        finally:
            self.travel("2026-03-02T08:00:00Z")

    def test_one_resident_answering_ten_times_at_once_is_taken_once(self):
        survey = self.make([self.s1])
        member = self.by_service[self.s1][2]
        clients = [self.server.login(member["email"]) for _ in range(10)]
        url = f"/api/v1/surveys/{survey['id']}/answers"
        results = race([lambda c=c, i=i: c.post(url, self.sheet(survey, i, f"course {i}")) for i, c in enumerate(clients)])
        statuses = sorted(r[0] for r in results)
        self.assertEqual(statuses, [201] + [409] * 9, [r[1] for r in results])
        for status, body, _ in results:
            if status == 409:
                self.assertEqual(body["error"]["code"], "already_answered")
        sid = survey["id"]
        self.assertEqual(self.rows(f"SELECT COUNT(*) FROM survey_participations WHERE survey_id = {sid}")[0][0], 1)
        self.assertEqual(self.rows(f"SELECT COUNT(DISTINCT ballot) FROM survey_ballot_box WHERE survey_id = {sid}")[0][0], 1)
        self.assertEqual(self.rows(f"SELECT COUNT(*) FROM survey_answers WHERE survey_id = {sid}")[0][0], 0)

    # ---- anonymity, in the database ------------------------------------------------------

    def test_no_column_order_or_transaction_ties_an_answer_to_its_resident(self):
        people = self.by_service[self.s1][:6] + self.by_service[self.s2][:6]
        survey = self.make([self.s1, self.s2])
        sid = survey["id"]
        for n, person in enumerate(people):
            self.answer(person, survey, n, f"texte numéro {n:02d}")
        # The tables say nothing but what they must.
        kind = self.server.kind
        def columns(table):
            if kind == "postgres":
                return {r[0] for r in self.rows(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'")}
            return {r[1] for r in self.rows(f"PRAGMA table_info({table})")}
        self.assertEqual(columns("survey_participations"), {"survey_id", "resident_id"})
        self.assertEqual(columns("survey_answers"), {"id", "survey_id", "question_id", "service_id", "value"})
        self.assertEqual(columns("survey_ballot_box"), {"ballot", "question_id", "survey_id", "service_id", "value"})
        # 12 sheets: one batch of 5 left the box at the 10th answer, 7 are still in it.
        self.assertEqual(self.rows(f"SELECT COUNT(DISTINCT ballot) FROM survey_ballot_box WHERE survey_id = {sid}")[0][0], 7)
        texts = [r[0] for r in self.rows(f"SELECT value FROM survey_answers WHERE survey_id = {sid} "
                                         f"AND value LIKE 'texte numéro %'")]
        self.assertEqual(len(texts), 5)
        # Kept answers are numbered at random: neither their ids nor the table's own order
        # follow the order people answered in.
        ids = [r[0] for r in self.rows(f"SELECT id FROM survey_answers WHERE survey_id = {sid}")]
        self.assertGreater(max(ids) - min(ids), 10 ** 12, "ids spread over 63 bits, not a sequence")
        if kind == "sqlite":
            # WITHOUT ROWID: no hidden insertion number to sort by.
            for table in ("survey_answers", "survey_ballot_box", "survey_participations"):
                with self.assertRaises(sqlite3.OperationalError):
                    self.rows(f"SELECT rowid FROM {table}")
            physical = [r[0] for r in self.rows(f"SELECT value FROM survey_answers WHERE survey_id = {sid} "
                                                f"AND value LIKE 'texte numéro %'")]
            ordered_by_id = [r[0] for r in self.rows(f"SELECT value FROM survey_answers WHERE survey_id = {sid} "
                                                     f"AND value LIKE 'texte numéro %' ORDER BY id")]
            self.assertEqual(physical, ordered_by_id, "rows lie in the order of their random keys")
        else:
            # PostgreSQL: every row carries the id of the transaction that wrote it (xmin).
            # The box is rewritten whole by each answer: all its rows share the last one's.
            box_xmins = {r[0] for r in self.rows(f"SELECT xmin::text FROM survey_ballot_box WHERE survey_id = {sid}")}
            self.assertEqual(len(box_xmins), 1, box_xmins)
            # Kept answers came out in one batch of 5 sheets: each transaction id they carry
            # covers at least 5 residents' answers.
            for xmin, n in self.rows(f"SELECT xmin::text, COUNT(*) FROM survey_answers WHERE survey_id = {sid} "
                                     f"AND value LIKE 'texte numéro %' GROUP BY xmin::text"):
                self.assertGreaterEqual(n, 5, xmin)
            # And no participation's transaction but the last answerer's wrote any answer row.
            part_xmins = [r[0] for r in self.rows(f"SELECT xmin::text FROM survey_participations WHERE survey_id = {sid}")]
            answer_xmins = {r[0] for r in self.rows(f"SELECT xmin::text FROM survey_answers WHERE survey_id = {sid}")}
            self.assertLessEqual(len(set(part_xmins) & (answer_xmins | box_xmins)), 2)
        # Nothing in the audit log about answering.
        events = self.admin.get("/api/v1/audit-events?site_id=1&limit=500")[1]
        about_surveys = [e for e in events if "survey" in (e.get("object") or "")]
        self.assertTrue(about_surveys)  # their creation is logged...
        self.assertEqual({e["action"] for e in about_surveys} - {"create", "delete"}, set(), about_surveys)  # ...answers never
        # Once closed, reading the results empties the box: every sheet is counted.
        self.travel("2026-03-16T08:00:00Z")
        try:
            status, results, _ = self.gestionnaire.get(f"/api/v1/surveys/{sid}/results")
        finally:
            self.travel("2026-03-02T08:00:00Z")
        self.assertEqual(status, 200, results)
        self.assertEqual(results["participants"], 12)
        self.assertEqual(self.rows(f"SELECT COUNT(*) FROM survey_ballot_box WHERE survey_id = {sid}")[0][0], 0)
        free = next(q for q in results["questions"] if q["question"]["kind"] == "free_text")
        self.assertEqual(free["overall"]["texts"], sorted(f"texte numéro {n:02d}" for n in range(12)))
        first = results["questions"][0]
        self.assertEqual(first["overall"]["answers"], 12)
        # values 1 + n % 5 for n = 0..11: 1,2,3,4,5,1,2,3,4,5,1,2
        self.assertEqual(first["overall"]["counts"], [3, 3, 2, 2, 2])
        self.assertAlmostEqual(first["overall"]["mean"], 33 / 12)

    # ---- results ------------------------------------------------------------------------

    def test_results_hide_small_groups_even_by_difference(self):
        big, small = self.by_service[self.s1], self.by_service[self.s2]
        survey = self.make([self.s1, self.s2])
        sid = survey["id"]
        for n, person in enumerate(big[:5]):
            self.answer(person, survey, n)
        status, results, _ = self.gestionnaire.get(f"/api/v1/surveys/{sid}/results")
        self.assertEqual(status, 200, results)
        self.assertEqual(results["participants"], 5)
        # 5 sheets are all still in the box: nothing kept yet, nothing shown.
        self.assertTrue(results["questions"][0]["overall"]["hidden"])
        for n, person in enumerate(big[5:7] + small[:3], start=5):
            self.answer(person, survey, n)
        self.travel("2026-03-16T08:00:00Z")
        try:
            status, results, _ = self.gestionnaire.get(f"/api/v1/surveys/{sid}/results")
            status_csv, text, headers = self.gestionnaire.request("GET", f"/api/v1/surveys/{sid}/results.csv")
        finally:
            self.travel("2026-03-02T08:00:00Z")
        q = results["questions"][0]
        self.assertEqual(q["overall"]["answers"], 10)
        groups = {g["service_id"]: g["group"] for g in q["services"]}
        # The small service (3 answers) is hidden; so is the other one, or its count and the
        # total would give the small one's by difference.
        shown = [g for g in groups.values() if not g["hidden"]]
        hidden_total = 10 - sum(g["answers"] for g in shown)
        self.assertTrue(hidden_total == 0 or hidden_total >= 5, groups)
        self.assertTrue(groups[self.s2]["hidden"] if self.s2 in groups else True, groups)
        for g in groups.values():
            if not g["hidden"]:
                self.assertGreaterEqual(g["answers"], 5)
        # The CSV, read back as a French spreadsheet would.
        self.assertEqual(status_csv, 200, text)
        body = text if isinstance(text, str) else text.decode("utf-8")
        self.assertTrue(body.startswith("\ufeff"), body[:20])
        table = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
        self.assertEqual(table[0], ["Question", "Groupe", "Réponse", "Nombre", "Part (%)"])
        first = [r for r in table[1:] if r[0].startswith("1. ") and r[1] == "Ensemble"]
        self.assertEqual(first[0][2:4], ["Réponses", "10"])
        self.assertTrue(any(r[2] == "moins de 5 réponses" for r in table[1:]) or not any(g["hidden"] for g in groups.values()))

    def test_before_and_after(self):
        people = self.by_service[self.s1][:5]
        before = self.make([self.s1], opens_on="2026-03-02", closes_on="2026-03-03")
        for n, person in enumerate(people):
            self.answer(person, before, 0)  # everyone: 1 on the scale
        self.travel("2026-03-05T08:00:00Z")
        try:
            after = self.make([self.s1], opens_on="2026-03-05", closes_on="2026-03-06")
            for n, person in enumerate(people):
                self.answer(person, after, 3)  # everyone: 4 on the scale
            self.travel("2026-03-09T08:00:00Z")
            status, cmp, _ = self.gestionnaire.get(f"/api/v1/surveys/{after['id']}/comparison?before={before['id']}")
            other = self.gestionnaire.post("/api/v1/surveys", {"title": "Autre", "opens_on": "2026-03-09",
                                                                "closes_on": "2026-03-10", "service_ids": [self.s1],
                                                                "questions": [{"kind": "free_text", "prompt": "?"}]})[1]
            mismatch = self.gestionnaire.get(f"/api/v1/surveys/{other['id']}/comparison?before={before['id']}")
        finally:
            self.travel("2026-03-02T08:00:00Z")
        self.assertEqual(status, 200, cmp)
        q = cmp["questions"][0]
        self.assertEqual((q["before"]["mean"], q["after"]["mean"]), (1, 4))
        assert_error(self, mismatch, 422, "surveys_not_comparable")

    def test_personal_data_names_the_surveys_taken_part_in_not_the_answers(self):
        survey = self.make([self.s2])
        person = self.by_service[self.s2][-1]
        self.answer(person, survey, 2, "ma réponse secrète")
        status, data, _ = self.as_(person).get("/api/v1/me/personal-data")
        self.assertEqual(status, 200, data)
        self.assertIn(survey["id"], [s["survey_id"] for s in data["surveys_taken"]])
        self.assertNotIn("ma réponse secrète", str(data))


@unittest.skipUnless(database_kind() == "postgres", "several servers share a PostgreSQL database; this run is on SQLite")
class TwoServersSurveyRaceTest(unittest.TestCase):
    """Every member of two services answers at once, each three times, their requests spread
    over two servers on one PostgreSQL database."""

    def test_each_counted_once_and_the_box_emptied(self):
        first = Server()
        second = Server(share_with=first)
        servers = [first, second]
        try:
            admin = first.login(ADMIN)
            by_service = {}
            for r in admin.get("/api/v1/residents?site_id=1")[1]:
                if r["active"] and r["service_id"]:
                    by_service.setdefault(r["service_id"], []).append(r)
            services = sorted(by_service, key=lambda s: -len(by_service[s]))[:2]
            people = [p for s in services for p in by_service[s]]
            status, survey, _ = first.login(GESTIONNAIRE).post("/api/v1/surveys", {
                "template_key": "flex_office", "opens_on": OPENS, "closes_on": CLOSES, "service_ids": services})
            self.assertEqual(status, 201, survey)
            url = f"/api/v1/surveys/{survey['id']}/answers"
            calls, owner = [], []
            for n, person in enumerate(people):
                for k in range(3):
                    client = servers[(n + k) % 2].login(person["email"])
                    sheet = SurveysTest.sheet(survey, n, f"réponse de la personne {n:02d}")
                    calls.append(lambda c=client, s=sheet: c.post(url, s))
                    owner.append(n)
            results = race(calls)
            taken = [owner[i] for i, r in enumerate(results) if r[0] == 201]
            self.assertEqual(sorted(taken), list(range(len(people))), "each resident counted once")
            refused = [r for r in results if r[0] != 201]
            self.assertEqual(len(refused), 2 * len(people))
            self.assertTrue(all(r[0] == 409 and r[1]["error"]["code"] == "already_answered" for r in refused), refused[:3])
            with first.db() as db:
                sid = survey["id"]
                participations = db.execute(f"SELECT COUNT(*) FROM survey_participations WHERE survey_id = {sid}").fetchone()[0]
                in_box = db.execute(f"SELECT COUNT(DISTINCT ballot) FROM survey_ballot_box WHERE survey_id = {sid}").fetchone()[0]
            self.assertEqual(participations, len(people))
            self.assertLess(in_box, 10)  # batches of 5 left the box as the sheets came in
            for s in servers:
                s.set_clock("2026-03-16T08:00:00Z")  # closed: reading the results empties the box
            status, results, _ = second.login(GESTIONNAIRE).get(f"/api/v1/surveys/{survey['id']}/results")
            self.assertEqual(status, 200, results)
            self.assertEqual(results["participants"], len(people))
            free = next(q for q in results["questions"] if q["question"]["kind"] == "free_text")
            self.assertEqual(free["overall"]["texts"], sorted(f"réponse de la personne {n:02d}" for n in range(len(people))))
            self.assertEqual(results["questions"][0]["overall"]["answers"], len(people))
            with first.db() as db:
                self.assertEqual(db.execute(f"SELECT COUNT(*) FROM survey_ballot_box WHERE survey_id = {sid}").fetchone()[0], 0)
        finally:
            second.stop()
            first.stop()


if __name__ == "__main__":
    unittest.main()
