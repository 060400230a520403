#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The layering check: arrows between the layers of src/ point down only.

Reads every `#include` line of the C++ files under src/ and fails, naming file and line,
when one points the wrong way. A layer is a top-level folder of src/; an include names the
layer of the file it reaches (resolved beside the including file, then under src/).

    python3 check_includes.py SRC_DIR     check the tree (exit status 1 on any breach)
    python3 check_includes.py --self-test check that the check catches what it should

Standard library only; runs in well under a second.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

# Layers that may include only these layers (themselves included).
ONLY = {
    "core": {"core"},
    "planning": {"core", "planning"},
    "indicators": {"core", "indicators"},
    "demo": {"core", "demo"},
    "export": {"core", "export"},  # file formats written through outside libraries (XLSX)
}
# Layers that must never include these ones.
NEVER = {
    "store": {"app", "http", "cli", "indicators", "planning", "oidc_client", "mail_client"},
    "app": {"http", "cli", "oidc_client", "mail_client"},  # the app knows the OIDC provider through app/oidc_http.hpp only
    "oidc_client": {"http", "cli"},
    "http": {"cli", "oidc_client", "mail_client"},
    # notifications: the SMTP relay (the app knows it through app/mail_sender.hpp only)
    "mail_client": {"http", "cli", "oidc_client"},
}
# Nothing includes the command line (the binary's main).
NOBODY_INCLUDES = {"cli"}
# Third-party headers that belong to one layer: Beast/Asio in http, database drivers in store.
CONFINED = [
    (re.compile(r"^boost/(beast|asio)([/.]|$)"), "http", "Boost.Beast and Boost.Asio appear in src/http only"),
    (re.compile(r"^(sqlite3\.h|SQLiteCpp/|libpq-fe\.h|pqxx/)"), "store", "database drivers appear in src/store only"),
    (re.compile(r"^xlsxwriter"), "export", "libxlsxwriter appears in src/export only"),
]
KNOWN = set(ONLY) | set(NEVER) | NOBODY_INCLUDES

# Exceptions, each with its reason: (including file relative to src/, include as written).
# An entry that matches nothing any more is an error too, so this list cannot go stale.
ALLOWED: set = set()

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
SOURCES = {".hpp", ".cpp", ".h", ".cc", ".ipp", ".inl"}


def layer_of(src: Path, path: Path) -> str:
    return path.relative_to(src).parts[0]


def included_layer(src: Path, including: Path, target: str, quoted: bool):
    """The layer an include reaches, or None for a header from outside src/."""
    if quoted:
        for base in (including.parent, src):
            candidate = (base / target).resolve()
            if candidate.is_file() and candidate.is_relative_to(src):
                return layer_of(src, candidate)
        if target.startswith("."):  # a relative path to a file not (yet) there
            candidate = Path(os.path.normpath(including.parent / target))
            return layer_of(src, candidate) if candidate.is_relative_to(src) else None
    first = target.split("/")[0]
    if "/" in target and (first in KNOWN or (src / first).is_dir()):
        return first
    return None if not quoted or "/" in target else layer_of(src, including)


def breaches(src: Path):
    """Yields (file, line number, message) for every include that points the wrong way."""
    src = src.resolve()
    used = set()
    for path in sorted(p for p in src.rglob("*") if p.suffix in SOURCES and p.is_file()):
        rel = path.relative_to(src).as_posix()
        layer = layer_of(src, path)
        if path.parent == src:
            yield rel, 0, "a source file directly under src/ belongs to no layer"
            continue
        if layer not in KNOWN:
            yield rel, 0, f"src/{layer}/ is a layer with no rule: add it to {Path(__file__).name}"
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quoted, target = m.group(1) == '"', m.group(2)
            problems = []
            for pattern, home, rule in CONFINED:
                if pattern.match(target) and layer != home:
                    problems.append(rule)
            to = included_layer(src, path, target, quoted)
            if to is not None and to != layer:
                if layer in ONLY and to not in ONLY[layer]:
                    problems.append(f"{layer} includes only {' and '.join(sorted(ONLY[layer]))}, not {to}")
                if to in NEVER.get(layer, ()):
                    problems.append(f"{layer} never includes {to}")
                if to in NOBODY_INCLUDES:
                    problems.append(f"nothing includes {to}")
            if problems and (rel, target) in ALLOWED:
                used.add((rel, target))
                continue
            for problem in problems:
                yield rel, number, f'#include {m.group(1)}{target}{">" if m.group(1) == "<" else chr(34)}: {problem}'
    for rel, target in sorted(ALLOWED - used):
        yield rel, 0, f'allow-list entry for "{target}" matches no breach any more: remove it'


def check(src: Path) -> int:
    found = list(breaches(src))
    for rel, number, message in found:
        print(f"src/{rel}:{number}: {message}", file=sys.stderr)
    if found:
        print(f"layering: {len(found)} breach(es); arrows point down only (see the header of {__file__})",
              file=sys.stderr)
        return 1
    print("layering: every include points down")
    return 0


def self_test() -> int:
    """Builds small trees and checks that each rule catches its breach and passes a sound tree."""
    global ALLOWED
    ALLOWED = set()
    sound = {
        "core/a.hpp": '#include <string>\n#include "core/b.hpp"\n',
        "core/b.hpp": "",
        "planning/p.cpp": '#include "planning/p.hpp"\n#include "core/a.hpp"\n',
        "planning/p.hpp": "",
        "indicators/i.cpp": '#include "core/a.hpp"\n',
        "demo/d.cpp": '#include "core/a.hpp"\n',
        "store/s.hpp": '#include "core/a.hpp"\n#include <sqlite3.h>\n',
        "store/sqlite/x.cpp": '#include "y.hpp"\n#include "store/s.hpp"\n',
        "store/sqlite/y.hpp": "",
        "app/u.cpp": '#include "store/s.hpp"\n#include "indicators/i.hpp"\n#include "planning/p.hpp"\n',
        "http/h.cpp": '#include <boost/beast/http.hpp>\n#include "app/u.hpp"\n',
        "oidc_client/o.cpp": '#include "app/u.hpp"\n',
        "cli/main.cpp": '#include "http/h.hpp"\n#include "oidc_client/o.hpp"\n',
    }
    wrong = {
        "core/bad.hpp": '#include "app/u.hpp"',
        "planning/bad.cpp": '#include "store/s.hpp"',
        "indicators/bad.cpp": ' #  include "planning/p.hpp"',
        "demo/bad.cpp": '#include "indicators/i.hpp"',
        "store/bad.cpp": '#include "indicators/i.hpp"',
        "store/sqlite/bad.cpp": '#include "../../app/u.hpp"',
        "app/bad.cpp": '#include "http/h.hpp"',
        "app/bad2.cpp": "#include <boost/asio.hpp>",
        "http/bad.cpp": '#include "cli/main.hpp"',
        "http/bad2.cpp": "#include <SQLiteCpp/SQLiteCpp.h>",
        "newlayer/n.cpp": "",
    }
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        for rel, text in sound.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_text(text)
        found = list(breaches(src))
        if found:
            print(f"self-test: a sound tree was refused: {found}", file=sys.stderr)
            failures += 1
        for rel, text in wrong.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_text(text + "\n")
            hits = [b for b in breaches(src) if b[0] == rel]
            if not hits:
                print(f"self-test: src/{rel} ({text.strip()}) was not caught", file=sys.stderr)
                failures += 1
            (src / rel).unlink()
        ALLOWED = {("core/bad.hpp", "app/u.hpp")}
        if not any("matches no breach" in b[2] for b in breaches(src)):
            print("self-test: a stale allow-list entry was not reported", file=sys.stderr)
            failures += 1
    print("layering self-test: " + ("failed" if failures else "every breach caught"))
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(check(Path(sys.argv[1])))
