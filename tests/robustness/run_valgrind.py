#!/usr/bin/env python3
"""valgrind-clean check: `headroom check examples --format sarif` under memcheck.

Usage: run_valgrind.py VALGRIND HEADROOM_BIN REPO

Runs valgrind --error-exitcode=99 --leak-check=full (definite and possible
leaks count as errors) with HEADROOM_ARENA_MALLOC=1 on examples/ with two
workers (the threaded path; one run keeps the suite's cost down). headroom
itself exits 0 or 1 (findings); 99 means valgrind found errors, which are
printed. The last line is `N passed, M failed`.
"""

import os
import re
import subprocess
import sys


def main():
    valgrind, headroom, repo = sys.argv[1:4]
    env = dict(os.environ, HEADROOM_ARENA_MALLOC="1")
    runs = [
        ["check", "examples", "--format", "sarif", "--jobs", "2"],
    ]
    passed = failed = 0
    for args in runs:
        cmd = [valgrind, "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite,possible", "--show-leak-kinds=definite,possible",
               "--track-origins=yes", "--num-callers=30", "-q",
               # ld.so's own strncmp when dlopen loads libclang (see the file)
               "--suppressions=" + os.path.join(repo, "tests", "libclang", "valgrind.supp"),
               headroom] + args
        p = subprocess.run(cmd, cwd=repo, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=800)
        err = p.stderr.decode("utf-8", "replace")
        label = "valgrind headroom " + " ".join(args)
        if p.returncode in (0, 1) and not re.search(r"^==\d+==", err, re.M):
            passed += 1
            print("ok    %s (headroom exit %d)" % (label, p.returncode))
        else:
            failed += 1
            print("FAIL  %s: exit %d" % (label, p.returncode))
            print(err[-20000:])
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
