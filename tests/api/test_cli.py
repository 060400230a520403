# SPDX-License-Identifier: EUPL-1.2
"""The `escale` command line speaks French: help, labels, every kind of argument error, an
unknown sub-command, --version; the test-only --test-clock is hidden from the help but
accepted. Runs the real binary."""
import os
import re
import subprocess
import tempfile
import unittest

from escale_server import BIN

# Words CLI11 prints when it is left untranslated (whole words).
ENGLISH = ["Usage", "Options:", "REQUIRED", "Print this help", "is required", "Could not convert",
           "A subcommand is required", "Subcommands", "SUBCOMMAND", "TEXT", "INT", "UINT", "not expected",
           "Run with --help", "not in", "Value", "Expected", "Positionals", "for more information", "default",
           "Env", "Needs", "Excludes"]


def english_left(text):
    return [w for w in ENGLISH if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)]


def run(*args, stdin=""):
    return subprocess.run([BIN, *args], capture_output=True, text=True, input=stdin, timeout=60)


class HelpTest(unittest.TestCase):
    def assert_french(self, text):
        self.assertEqual(english_left(text), [], text)
        self.assertEqual(english_left("Usage: escale [OPTIONS] SUBCOMMAND\nOptions:\n  --to TEXT REQUIRED"),
                         ["Usage", "Options:", "REQUIRED", "SUBCOMMAND", "TEXT"])  # the check bites

    def test_every_help_is_french(self):
        for args in ([], ["serve"], ["user"], ["user", "add"], ["backup"], ["restore"], ["migrate-data"], ["plan"],
                     ["plan", "size"], ["plan", "days"], ["qr"]):
            with self.subTest(args=args):
                r = run(*args, "--help")
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertEqual(r.stderr, "")
                self.assertIn("Utilisation : escale" + "".join(" " + a for a in args), r.stdout)
                self.assertIn("-h,--help", r.stdout)
                self.assertIn("Affiche cette aide et quitte", r.stdout)
                self.assert_french(r.stdout)

    def test_root_help_lists_the_subcommands(self):
        out = run("--help").stdout
        self.assertIn("Sous-commandes :", out)
        self.assertIn("SOUS-COMMANDE", out)
        for sub in ("serve", "user", "backup", "restore", "migrate-data", "plan"):
            self.assertRegex(out, rf"\n  {re.escape(sub)} ")
        self.assertIn("--version", out)

    def test_labels_are_french(self):
        out = run("user", "add", "--help").stdout
        self.assertRegex(out, r"--email TEXTE OBLIGATOIRE")
        self.assertIn("--site ENTIER", out)
        self.assertIn("{agent,referent,gestionnaire,lecteur,admin} (par défaut : agent)", out)
        serve = run("serve", "--help").stdout
        self.assertIn("--session-purge-interval ENTIER de 1 à 86400 (par défaut : 600)", serve)

    def test_test_clock_is_hidden_but_accepted(self):
        self.assertNotIn("--test-clock", run("serve", "--help").stdout)
        self.assertNotIn("horloge", run("serve", "--help").stdout)
        # Accepted: a bad value reaches the command's own check rather than the parser.
        with tempfile.TemporaryDirectory() as d:
            r = run("serve", "--test-clock", "hier", "--db", "sqlite:" + os.path.join(d, "e.db"), "--demo", "none")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("erreur : --test-clock attend", r.stderr)
        self.assertNotIn("inconnue", r.stderr)

    def test_instance_default_is_described_not_this_machine(self):
        out = run("serve", "--help").stdout
        self.assertIn("--instance TEXTE (par défaut : nom de la machine:numéro du processus)", out)
        self.assertNotIn(os.uname().nodename + ":", out)

    def test_version(self):
        r = run("--version")
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "escale 0.1.0\n", ""))


class ArgumentErrorTest(unittest.TestCase):
    def assert_error(self, args, message, stdin=""):
        r = run(*args, stdin=stdin)
        self.assertNotEqual(r.returncode, 0, r)
        self.assertEqual(r.stdout, "")
        first = r.stderr.splitlines()[0] if r.stderr else ""
        self.assertEqual(first, "erreur : " + message, r.stderr)
        self.assertRegex(r.stderr, r"\nPour l'aide : escale[a-z -]* --help\n$")
        self.assertEqual(english_left(r.stderr), [], r.stderr)

    def test_missing_subcommand(self):
        self.assert_error([], "sous-commande attendue après « escale » : serve, user, backup, restore, migrate-data, plan, qr")
        self.assert_error(["user"], "sous-commande attendue après « escale user » : add")

    def test_unknown_subcommand(self):
        self.assert_error(["x"], "sous-commande inconnue : « x » (connues : serve, user, backup, restore, migrate-data, plan, qr)")
        self.assert_error(["user", "ajoute"], "sous-commande inconnue : « ajoute » (connues : add)")

    def test_required_option(self):
        self.assert_error(["user", "add", "--name", "A B"], "--email est obligatoire")
        self.assert_error(["backup"], "--to est obligatoire")

    def test_conversion(self):
        self.assert_error(["serve", "--threads", "abc"], "valeur invalide pour --threads : « abc » (un entier attendu)")
        self.assert_error(["user", "add", "--email", "a@b.fr", "--name", "A", "--site", "x1"],
                          "valeur invalide pour --site : « x1 » (un entier attendu)")

    def test_validation(self):
        self.assert_error(["serve", "--demo", "lille"],
                          "valeur invalide pour --demo : « lille » (valeurs admises : pilot, cite ou none)")
        self.assert_error(["serve", "--session-purge-interval", "0"],
                          "valeur invalide pour --session-purge-interval : « 0 » (un entier de 1 à 86400 attendu)")
        self.assert_error(["serve", "--retention-interval", "abc"],
                          "valeur invalide pour --retention-interval : « abc » (un entier attendu)")

    def test_missing_value(self):
        self.assert_error(["user", "add", "--name", "A", "--email"], "--email attend une valeur")

    def test_unknown_option_and_extra_argument(self):
        self.assert_error(["serve", "--port", "9090"], "option inconnue : « --port »")
        self.assert_error(["backup", "--to", "x.db", "encore"], "argument inattendu : « encore »")

    def test_a_valid_command_still_runs(self):
        with tempfile.TemporaryDirectory() as d:
            db = "sqlite:" + os.path.join(d, "e.db")
            r = run("user", "add", "--db", db, "--email", "nouvelle@exemple.fr", "--name", "Nouvelle Personne",
                    "--role", "admin", stdin="un mot de passe assez long\n")
            # No site yet in an empty database: the use case answers, not the parser.
            self.assertNotIn("Pour l'aide", r.stderr)
            self.assertTrue(r.returncode == 0 or r.stderr.startswith("erreur ("), r)


if __name__ == "__main__":
    unittest.main()
