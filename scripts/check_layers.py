#!/usr/bin/env python3
"""The walls the link graph cannot see, and the size rules (docs/architecture.md).

    scripts/check_layers.py [SOURCE_DIR]

1. Includes: every `#include <schedlab/...>` in a library's sources names a header owned
   by that library or by one below it (the same layering as cmake/SchedlabLayers.cmake),
   and no `#include "..."` reaches into another folder's private files (gui including
   policies/keyed_queue.hpp, cli including kernel/src/...).
2. Sizes: no source file over 400 lines and no function over 80 (counted by pmccabe)
   outside tests/, unless the file says why near its top (a comment with `long file:`) or
   the function just above or at its first lines (a comment with `long function:`).

Prints one line per problem (FILE:LINE: what) and exits 1 if there is any; 0 when clean;
77 (ctest's "skipped") when pmccabe is not installed, after checking the includes.
"""
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

# What each library may include, itself apart: everything below it.
BELOW = {
    "api": set(),
    "policies": {"api"},
    "kernel": {"api"},
    "workload": {"kernel", "api"},
    "real": {"kernel", "api"},
    "registry": {"kernel", "api", "policies", "real"},
    "report": {"kernel", "api"},
    "lab": {"report", "registry", "workload", "real", "kernel", "api", "policies"},
    "cli": {"lab", "report", "registry", "workload", "real", "kernel", "api", "policies"},
    "gui": {"lab", "report", "registry", "workload", "real", "kernel", "api", "policies"},
    "python": {"lab", "report", "registry", "workload", "real", "kernel", "api", "policies"},
}
# Not libraries: they may include any public header, and are not size-checked if tests.
OTHERS = ["tests", "bench", "fuzz", "examples"]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 80

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def sources(root: pathlib.Path, folder: str):
    for p in sorted((root / folder).rglob("*")):
        if p.suffix in (".cpp", ".hpp", ".h") and "build" not in p.relative_to(root).parts[:1]:
            yield p


def header_owners(root: pathlib.Path):
    owners = {}
    for lib in BELOW:
        inc = root / lib / "include"
        if inc.is_dir():
            for h in inc.rglob("*.hpp"):
                owners[h.relative_to(inc).as_posix()] = lib
    return owners


def check_includes(root: pathlib.Path, problems: list):
    owners = header_owners(root)
    own_files = {lib: list(sources(root, lib)) for lib in BELOW}
    for lib, allowed in BELOW.items():
        for path in sources(root, lib):
            rel = path.relative_to(root).as_posix()
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, name = m.groups()
                if kind == "<":
                    if not name.startswith("schedlab/"):
                        continue  # the standard library or a third-party one
                    owner = owners.get(name)
                    if owner is None:
                        problems.append(f"{rel}:{n}: <{name}> is no library's public header")
                    elif owner != lib and owner not in allowed:
                        problems.append(f"{rel}:{n}: {lib}/ includes <{name}> of {owner}/, which is not below it")
                    continue
                # A quoted include must resolve inside the library's own folder (next to
                # the file, or under one of the folder's include directories).
                found = path.parent / name
                if not found.is_file():
                    found = next((c for c in own_files[lib] if c.as_posix().endswith("/" + name)), None)
                if found is None and (path.parent / name).resolve().exists():
                    found = path.parent / name
                if found is None:
                    problems.append(f'{rel}:{n}: "{name}" is not a file of {lib}/ (include another library through <schedlab/...>)')
                    continue
                top = found.resolve().relative_to(root.resolve()).parts[0]
                if top != lib:
                    problems.append(f'{rel}:{n}: "{name}" reaches into {top}/\'s private files')


def has_reason(lines, first: int, last: int, marker: str) -> bool:
    return any(marker in lines[i] for i in range(max(first, 0), min(last, len(lines))))


def check_sizes(root: pathlib.Path, problems: list) -> bool:
    checked = [p for folder in list(BELOW) + [f for f in OTHERS if f != "tests"] for p in sources(root, folder)]
    texts = {p: p.read_text(errors="replace").splitlines() for p in checked}
    for p, lines in texts.items():
        if len(lines) > MAX_FILE_LINES and not has_reason(lines, 0, 12, "long file:"):
            problems.append(f"{p.relative_to(root)}:1: {len(lines)} lines (over {MAX_FILE_LINES}) "
                            "and no `long file:` reason near the top")
    if shutil.which("pmccabe") is None:
        return False
    # pmccabe is a C parser: it silently skips a file that opens `namespace a::b {` and
    # stops at C++14 digit separators (1'000'000). It reads copies with those two
    # rewritten, line for line, so its line numbers are the originals'.
    with tempfile.TemporaryDirectory() as tmp:
        copies = {}
        for i, (p, lines) in enumerate(texts.items()):
            copy = pathlib.Path(tmp, f"{i}{p.suffix}")
            copy.write_text("\n".join(pmccabe_friendly(line) for line in lines) + "\n")
            copies[str(copy)] = p
        out = subprocess.run(["pmccabe", *copies], capture_output=True, text=True).stdout
    # columns: modified McCabe, McCabe, statements, first line, lines, "file(line): name"
    for row in out.splitlines():
        cols = row.split("\t")
        if len(cols) < 6:
            continue
        length, first = int(cols[4]), int(cols[3])
        if length <= MAX_FUNCTION_LINES:
            continue
        file_part, _, name = cols[5].partition(": ")
        original = copies[file_part[: file_part.rfind("(")]]
        if not has_reason(texts[original], first - 4, first + 3, "long function:"):
            problems.append(f"{original.relative_to(root)}:{first}: {name} is {length} lines (over {MAX_FUNCTION_LINES}) "
                            "and no `long function:` reason at its top")
    return True


NESTED_NAMESPACE = re.compile(r"^(\s*namespace\s+)([A-Za-z_][\w:]*::[\w:]+)(\s*\{)")
DIGIT_SEPARATOR = re.compile(r"(?<=[0-9A-Fa-f])'(?=[0-9A-Fa-f])")


def pmccabe_friendly(line: str) -> str:
    line = NESTED_NAMESPACE.sub(lambda m: m.group(1) + m.group(2).replace("::", "_") + m.group(3), line)
    if "'" in line and not line.lstrip().startswith("//"):
        line = DIGIT_SEPARATOR.sub("", line)
    return line


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[1])
    problems: list = []
    check_includes(root, problems)
    sized = check_sizes(root, problems)
    for p in problems:
        print(p)
    if problems:
        print(f"check_layers: {len(problems)} problem(s)")
        return 1
    if not sized:
        print("check_layers: includes clean; skipped: the function-size check needs pmccabe (Debian package pmccabe)")
        return 77
    print("check_layers: includes, file sizes and function sizes clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
