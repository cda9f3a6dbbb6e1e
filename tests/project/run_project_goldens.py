#!/usr/bin/env python3
"""Project-phase goldens for hr-dump-project.

usage: run_project_goldens.py TOOL CASES_DIR

Every folder CASES_DIR/<name>/ is a small project; CASES_DIR/<name>.expected
holds what `hr-dump-project CASES_DIR/<name>` must print (the ORM catalogue
and the function summaries). On mismatch a unified diff is printed.
HEADROOM_UPDATE_GOLDENS=1 rewrites the expected files. The last line is
`N passed, M failed`.
"""
import difflib
import os
import subprocess
import sys


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tool, cases = sys.argv[1], sys.argv[2]
    update = os.environ.get("HEADROOM_UPDATE_GOLDENS") == "1"
    passed = failed = 0
    names = sorted(d for d in os.listdir(cases) if os.path.isdir(os.path.join(cases, d)))
    if not names:
        print("no cases under %s" % cases)
        failed += 1
    for name in names:
        p = subprocess.run([tool, os.path.join(cases, name)], capture_output=True, timeout=120)
        got = p.stdout.decode("utf-8", "replace")
        expected_path = os.path.join(cases, name + ".expected")
        if p.returncode != 0:
            print("FAIL %s: exit %d: %s" % (name, p.returncode, p.stderr.decode("utf-8", "replace")))
            failed += 1
            continue
        if update:
            with open(expected_path, "w", encoding="utf-8") as fh:
                fh.write(got)
        try:
            with open(expected_path, encoding="utf-8") as fh:
                want = fh.read()
        except OSError:
            print("FAIL %s: no %s" % (name, expected_path))
            failed += 1
            continue
        if got == want:
            passed += 1
        else:
            failed += 1
            print("FAIL %s" % name)
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       expected_path, "hr-dump-project"))
    print("\n%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
