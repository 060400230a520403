# SPDX-License-Identifier: EUPL-1.2
"""Every source file of the repository names its licence in an SPDX line near its top, so
that a file copied out of Escale still says under which terms (README: Licences). Fails
naming the files that do not. Run by CTest (label unit) with the repository's root as
argument."""
import subprocess
import sys

TAG = "SPDX-License-Identifier: EUPL-1.2"
SOURCES = (".cpp", ".hpp", ".py", ".sh", ".mjs", ".lua", ".cmake", ".html")


def is_source(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.endswith(SOURCES) or name == "CMakeLists.txt" or path == ".ci/run"


def main() -> int:
    root = sys.argv[1]
    files = subprocess.run(["git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard"],
                           check=True, capture_output=True, text=True).stdout.split()
    checked, missing = 0, []
    for path in files:
        if "node_modules/" in path or not is_source(path):
            continue
        try:
            with open(f"{root}/{path}", encoding="utf-8") as f:
                head = "".join(f.readline() for _ in range(3))
        except FileNotFoundError:  # deleted in the working tree, not yet in the index
            continue
        checked += 1
        if TAG not in head:
            missing.append(path)
    for path in missing:
        print(f"{path}: no « {TAG} » line in its first three lines")
    print(f"{checked - len(missing)} passed, {len(missing)} failed")
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
