#!/usr/bin/env python3
"""Model serializer round trip over every lowering golden and fixture source.

usage: run_roundtrip.py TOOL REPO

Writes a manifest for hr-cache-roundtrip (see roundtrip.c): the source part of
every lowering golden under tests/lowering/<lang>/ (with its `module:` and
`path:` headers, as run_goldens.py uses them) and every source file under
tests/rules, tests/project/cases, tests/requests/cases, tests/report/projects
and examples. New goldens and fixtures join by themselves. Exits with the
tool's status; fails when fewer than 100 inputs were found (a moved folder
would otherwise pass on nothing).
"""
import os
import re
import subprocess
import sys
import tempfile

SOURCE_EXTS = (".py", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx",
               ".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx")
GOLDEN_DIRS = {"python": ".py", "javascript": ".js", "typescript": ".ts", "c": ".c"}
SOURCE_DIRS = ("tests/rules", "tests/project/cases", "tests/requests/cases",
               "tests/report/projects", "examples")
SEPARATOR = re.compile(r"^(#|//) ---- model ----\r?$", re.M)
HEADERS = ("module", "path")


def headers_of(source):
    found = {}
    for line in source.lstrip("\ufeff").splitlines():
        if line.startswith("#"):
            line = line[1:]
        elif line.startswith("//"):
            line = line[2:]
        else:
            break
        key, sep, value = line.strip().partition(":")
        if sep and key.strip() in HEADERS:
            found[key.strip()] = value.strip()
    return found


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    tool, repo = argv[1], argv[2]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang, ext in sorted(GOLDEN_DIRS.items()):
            gdir = os.path.join(repo, "tests", "lowering", lang)
            if not os.path.isdir(gdir):
                continue
            for name in sorted(os.listdir(gdir)):
                if not name.endswith(".golden"):
                    continue
                with open(os.path.join(gdir, name), encoding="utf-8", newline="") as f:
                    text = f.read()
                m = SEPARATOR.search(text)
                if not m:
                    continue
                source = text[: m.start()]
                hdr = headers_of(source)
                rel = hdr.get("path") or name[: -len(".golden")] + ext
                path = os.path.join(tmp, lang, name, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(source)
                rows.append((path, path, hdr.get("module", "")))
        for sub in SOURCE_DIRS:
            for dirpath, dirnames, filenames in os.walk(os.path.join(repo, sub)):
                dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
                for name in sorted(filenames):
                    if name.endswith(SOURCE_EXTS) and not name.endswith(".d.ts"):
                        path = os.path.join(dirpath, name)
                        rows.append((path, path, ""))
        if len(rows) < 100:
            print("only %d inputs found under %s" % (len(rows), repo))
            return 1
        manifest = os.path.join(tmp, "manifest.tsv")
        with open(manifest, "w", encoding="utf-8") as f:
            for row in rows:
                f.write("\t".join(row) + "\n")
        proc = subprocess.run([tool, manifest], timeout=1800)
        return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
