#!/usr/bin/env python3
"""libclang loaded with dlopen on first use (analyzer/frontends/libclang_load.c).

Usage: run_libclang_tests.py HEADROOM_BIN

Checks that the headroom executable does not link libclang or libLLVM
(readelf -d), that a run without C/C++ files never loads them (LD_DEBUG=files),
that C/C++ is analysed with the default library, and that a libclang that
cannot be loaded (HEADROOM_LIBCLANG=<missing file>, or a library without
libclang's functions) skips the C/C++ files with exactly one HRN0301 notice
naming the library, while the other files get their findings in valid SARIF.
The last line is `N passed, M failed, K skipped`; exit 1 when a case failed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
VALIDATE = os.path.join(REPO, "tests", "sarif", "validate_sarif.sh")
TIMEOUT = 300

# A Django view with an N+1 query on line 9 (as in tests/cli).
QUERY_LOOP = '''from django.shortcuts import render

from shop.models import Customer, Order


def customer_report(request):
    rows = []
    for customer in Customer.objects.order_by("name"):
        rows.append((customer.name, Order.objects.filter(customer=customer).count()))
    return render(request, "report.html", {"rows": rows})
'''

C_FILES = {
    "native/server.c": None,  # examples/cserver/server.c: has findings when libclang works
    "native/util.c": "static int twice(int x) { return 2 * x; }\nint use(void) { return twice(2); }\n",
    "native/shape.cpp": "namespace geo { struct Shape { int area() const { return 1; } }; }\n",
    "native/shape.h": "#pragma once\nnamespace geo { int count(); }\n",
}


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def expect(cond, what, r=None):
    if not cond:
        if r is not None:
            what += "\n       `%s` -> exit %s\n       stderr: %s" % (" ".join(r.args[1:]), r.returncode,
                                                                   r.stderr.strip()[-3000:])
        raise Failed(what)


class Suite:
    def __init__(self, headroom):
        self.headroom = headroom
        self.passed = self.failed = self.skipped = 0
        self.tmpdirs = []

    def run(self, *args, env=None, cwd=None):
        full = dict(os.environ)
        full.pop("HEADROOM_LIBCLANG", None)
        full.pop("LD_DEBUG", None)
        if env:
            full.update(env)
        argv = [self.headroom] + [str(a) for a in args]
        try:
            r = subprocess.run(argv, env=full, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=TIMEOUT, text=True, errors="replace")
        except subprocess.TimeoutExpired:
            raise Failed("timed out: " + " ".join(argv[1:]))
        if r.returncode not in (0, 1, 2):
            raise Failed("crashed (exit %d): %s\n       stderr: %s" % (r.returncode, " ".join(argv[1:]),
                                                                     r.stderr.strip()[-3000:]))
        return r

    def project(self, files):
        root = os.path.realpath(tempfile.mkdtemp(prefix="headroom-libclang-"))
        self.tmpdirs.append(root)
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
        return root

    def case(self, name, fn):
        try:
            fn()
        except Failed as e:
            self.failed += 1
            print("FAIL %s: %s" % (name, e))
        except Skipped as e:
            self.skipped += 1
            print("skip %s: %s" % (name, e))
        except Exception as e:  # a bug in this script or an unexpected shape
            self.failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
        else:
            self.passed += 1
            print("ok   %s" % name)

    def cleanup(self):
        for d in self.tmpdirs:
            shutil.rmtree(d, ignore_errors=True)


def sarif_of(r):
    try:
        doc = json.loads(r.stdout)
    except ValueError as e:
        raise Failed("invalid JSON (%s); stdout starts %r" % (e, r.stdout[:200]))
    expect(doc.get("version") == "2.1.0", "SARIF version must be 2.1.0", r)
    expect(isinstance(doc.get("runs"), list) and len(doc["runs"]) == 1, "expected one run", r)
    return doc["runs"][0]


def result_files(run):
    out = []
    for res in run.get("results", []):
        loc = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        out.append((loc, res.get("ruleId")))
    return out


def notifications(run):
    out = []
    for inv in run.get("invocations", []):
        for n in inv.get("toolExecutionNotifications", []):
            out.append((n.get("descriptor", {}).get("id"), n.get("message", {}).get("text", "")))
    return out


def loaded_objects(stderr):
    """Shared objects the dynamic loader opened, from LD_DEBUG=files output."""
    return re.findall(r"file=(\S+)\s+\[\d+\];\s+(?:generating link map|dynamically loaded|needed by)", stderr)


def register(s):
    with open(os.path.join(REPO, "examples", "cserver", "server.c"), encoding="utf-8") as fh:
        server_c = fh.read()
    files = dict(C_FILES)
    files["native/server.c"] = server_c
    files.update({"app/views.py": QUERY_LOOP, "app/__init__.py": ""})
    mixed = s.project(files)
    python_only = s.project({"app/views.py": QUERY_LOOP, "app/__init__.py": ""})
    missing = os.path.join(s.project({}), "no-such-dir", "libclang-missing.so.1")
    n_c = len(C_FILES)

    def not_needed():
        readelf = shutil.which("readelf")
        if not readelf:
            raise Skipped("readelf not found")
        r = subprocess.run([readelf, "-d", s.headroom], stdout=subprocess.PIPE, text=True, check=True)
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", r.stdout)
        expect(needed, "readelf -d shows no NEEDED entry at all:\n" + r.stdout)
        bad = [n for n in needed if re.match(r"lib(clang|LLVM)", n)]
        expect(not bad, "headroom links %s; libclang must be opened with dlopen" % bad)
    s.case("no DT_NEEDED on libclang/libLLVM", not_needed)

    def lazy(label, args, want_loaded):
        def fn():
            r = s.run(*args, env={"LD_DEBUG": "files"})
            objs = loaded_objects(r.stderr)
            expect(objs, "LD_DEBUG=files printed nothing (is this glibc?)", r)
            clang = [o for o in objs if re.search(r"lib(clang|LLVM)", os.path.basename(o))]
            if want_loaded:
                expect(clang, "libclang was not loaded for C/C++ files", r)
            else:
                expect(not clang, "libclang/libLLVM loaded without any C/C++ file: %s" % clang, r)
        s.case("%s: libclang %sloaded" % (label, "" if want_loaded else "not "), fn)

    lazy("--version", ["--version"], False)
    lazy("python-only check", ["check", "--no-cache", "--format", "sarif", python_only], False)
    lazy("mixed check", ["check", "--no-cache", "--format", "sarif", mixed], True)

    def default_library():
        r = s.run("check", "--no-cache", "--format", "sarif", "--jobs", "2", mixed)
        expect(r.returncode == 1, "expected exit 1 (findings)", r)
        run = sarif_of(r)
        files_ = [f for f, _ in result_files(run)]
        expect(any(f.endswith("native/server.c") for f in files_), "no finding in server.c: %s" % files_, r)
        expect(any(f.endswith("app/views.py") for f in files_), "no finding in views.py: %s" % files_, r)
        ids = [i for i, _ in notifications(run)]
        expect("HRN0301" not in ids, "HRN0301 with the default libclang: %s" % notifications(run), r)
    s.case("default libclang: C and Python findings", default_library)

    def one_notice(env, want, label):
        def fn():
            for jobs in ("1", "2"):
                r = s.run("check", "--no-cache", "--format", "sarif", "--jobs", jobs, mixed, env=env)
                expect(r.returncode == 1, "expected exit 1 (the Python finding)", r)
                run = sarif_of(r)
                found = result_files(run)
                expect(any(f.endswith("app/views.py") and rule == "query-in-loop" for f, rule in found),
                       "the Python finding is missing: %s" % found, r)
                expect(not any(re.search(r"\.(c|cpp|h)$", f) for f, _ in found),
                       "results in C/C++ files although libclang did not load: %s" % found, r)
                notes = notifications(run)
                expect(len(notes) == 1, "want exactly one notice, got %s" % notes, r)
                nid, text = notes[0]
                expect(nid == "HRN0301", "want HRN0301, got %s" % nid, r)
                for w in want:
                    expect(w in text, "notice does not say %r: %r" % (w, text), r)
                expect("%d C/C++ files were skipped" % n_c in text, "notice does not count %d files: %r" % (n_c, text), r)
            # the text report says it once, too
            r = s.run("check", "--no-cache", "--no-color", mixed, env=env)
            expect(r.returncode == 1, "expected exit 1", r)
            both = r.stdout + r.stderr
            expect(both.count("HRN0301") == 1, "text output: HRN0301 %d times" % both.count("HRN0301"), r)
            expect("HRN0006" not in both, "a per-file notice leaked into the text output", r)
        s.case(label, fn)

    one_notice({"HEADROOM_LIBCLANG": missing}, ["cannot load libclang", missing],
               "HEADROOM_LIBCLANG=<missing file>: one notice naming it, SARIF for the rest")
    one_notice({"HEADROOM_LIBCLANG": "libc.so.6"}, ["cannot load libclang", "libc.so.6 has no clang_"],
               "HEADROOM_LIBCLANG=<not libclang>: one notice naming the library and the function")

    def empty_variable():
        r = s.run("check", "--no-cache", "--format", "sarif", mixed, env={"HEADROOM_LIBCLANG": ""})
        run = sarif_of(r)
        expect(any(f.endswith("native/server.c") for f, _ in result_files(run)),
               "an empty HEADROOM_LIBCLANG should mean the default library", r)
    s.case("HEADROOM_LIBCLANG empty: default library", empty_variable)

    def python_only_quiet():
        r = s.run("check", "--no-cache", "--format", "sarif", python_only, env={"HEADROOM_LIBCLANG": missing})
        expect(r.returncode == 1, "expected exit 1", r)
        run = sarif_of(r)
        expect(not notifications(run), "notices in a run without C/C++: %s" % notifications(run), r)
    s.case("missing libclang, no C/C++ files: no notice", python_only_quiet)

    def compile_commands():
        ccdir = s.project({"compile_commands.json": "[]\n"})
        r = s.run("check", "--no-cache", "--compile-commands", ccdir, mixed, env={"HEADROOM_LIBCLANG": missing})
        expect(r.returncode == 2, "expected exit 2 (the database cannot be read without libclang)", r)
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        expect(len(lines) == 1 and missing in lines[0], "want one error line naming %s" % missing, r)
    s.case("--compile-commands with libclang missing: one error naming it", compile_commands)

    def validators():
        r = s.run("check", "--no-cache", "--format", "sarif", mixed, env={"HEADROOM_LIBCLANG": missing})
        out = os.path.join(s.project({}), "missing-libclang.sarif")
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(r.stdout)
        v = subprocess.run(["sh", VALIDATE, out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=TIMEOUT)
        if v.returncode == 2:
            raise Skipped("SARIF validators not installed (scripts/bootstrap): " + v.stdout.strip()[-300:])
        expect(v.returncode == 0, "SARIF validators reject the report:\n" + v.stdout[-3000:])
    s.case("missing libclang: SARIF passes both validators", validators)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    s = Suite(os.path.abspath(sys.argv[1]))
    try:
        register(s)
    finally:
        s.cleanup()
    print("\n%d passed, %d failed, %d skipped" % (s.passed, s.failed, s.skipped))
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main())
