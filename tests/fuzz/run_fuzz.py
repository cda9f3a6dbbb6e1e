#!/usr/bin/env python3
"""Bounded libFuzzer run over every fuzz target (the `fuzz` ctest test).

Usage: run_fuzz.py --seconds S --seeds DIR --regressions DIR --work DIR
                   [--jobs N] NAME=BINARY...

Each target runs for S seconds (-max_total_time) with -max_len and -timeout
set per target, starting from the seed corpus and its regressions folder;
new interesting inputs go to WORK/corpus/<name> (kept between runs, so local
runs get deeper over time). Targets run N at a time (default 2: the machine's
cores). Any crash, leak, timeout or out-of-memory fails the run: the
reproducer path is printed with the command that replays it and where to
copy it (tests/fuzz/regressions/<name>/) once the bug is fixed. The last line
is `N passed, M failed`.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

# Per-target input size caps: big enough for real files' structure, small
# enough for thousands of executions per second.
MAX_LEN = {"python": 16384, "javascript": 16384, "typescript": 16384, "tsx": 16384,
           "knowledge_yaml": 8192, "gitignore": 4096, "emit": 8192, "pipeline": 16384,
           "model_read": 16384}
MAX_LEN["schema"] = 16384  # fuzz_schema.c: a schema file or one raw query
MAX_LEN["config"] = 8192     # fuzz_config.c: a .headroom.yml
MAX_LEN["suppress"] = 8192   # fuzz_suppress.c: a language byte + source with ignore comments
TIMEOUT_S = 10  # one input; the frontends' own parse cap is 5 s


def run_target(name, binary, args):
    corpus = os.path.join(args.work, "corpus", name)
    crashes = os.path.join(args.work, "crashes", name)
    os.makedirs(corpus, exist_ok=True)
    shutil.rmtree(crashes, ignore_errors=True)
    os.makedirs(crashes)
    log = os.path.join(args.work, name + ".log")
    dirs = [corpus]
    for d in (os.path.join(args.seeds, name), os.path.join(args.regressions, name)):
        if os.path.isdir(d):
            dirs.append(d)
    cmd = [binary, "-max_total_time=%d" % args.seconds, "-max_len=%d" % MAX_LEN.get(name, 4096),
           "-timeout=%d" % TIMEOUT_S, "-rss_limit_mb=2048", "-print_final_stats=1",
           "-artifact_prefix=" + crashes + "/"] + dirs
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "abort_on_error=1:detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    start = time.monotonic()
    with open(log, "wb") as fh:
        rc = subprocess.call(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env=env)
    took = time.monotonic() - start
    artifacts = sorted(glob.glob(os.path.join(crashes, "*")))
    stats = {}
    with open(log, "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    for line in text.splitlines():
        if line.startswith("stat::"):
            k, _, v = line[6:].partition(":")
            stats[k.strip()] = v.strip()
        elif " cov: " in line:
            stats["cov"] = line.split(" cov: ")[1].split()[0]
    return name, binary, rc, took, artifacts, log, text, stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--seeds", required=True)
    ap.add_argument("--regressions", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("targets", nargs="+", metavar="NAME=BINARY")
    args = ap.parse_args()
    targets = []
    for t in args.targets:
        name, _, binary = t.partition("=")
        if not binary or not os.access(binary, os.X_OK):
            print("run_fuzz: bad target %r" % t, file=sys.stderr)
            return 2
        targets.append((name, binary))
    os.makedirs(args.work, exist_ok=True)
    passed = failed = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_target, n, b, args) for n, b in targets]
        for fut in futures:
            name, binary, rc, took, artifacts, log, text, stats = fut.result()
            ok = rc == 0 and not artifacts
            print("fuzz: %-15s %s in %.0fs: %s runs, %s exec/s, %s edges, %s new inputs, corpus %d" % (
                name, "ok" if ok else "FAILED (exit %d)" % rc, took,
                stats.get("number_of_executed_units", "?"), stats.get("average_exec_per_sec", "?"),
                stats.get("cov", "?"), stats.get("new_units_added", "?"),
                len(os.listdir(os.path.join(args.work, "corpus", name)))))
            if ok:
                passed += 1
                continue
            failed += 1
            tail = text.strip().splitlines()[-60:]
            print("  --- last lines of %s ---" % log)
            for line in tail:
                print("  " + line)
            for a in artifacts:
                print("  reproducer: %s" % a)
                print("    replay:   %s %s" % (binary, a))
                print("    once fixed, keep it: cp %s tests/fuzz/regressions/%s/" % (a, name))
            if not artifacts:
                print("  no reproducer was written; see %s" % log)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
