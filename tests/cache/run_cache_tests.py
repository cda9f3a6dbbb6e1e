#!/usr/bin/env python3
"""The per-file result cache, end to end.

Usage: run_cache_tests.py HEADROOM_BIN [NAME_SUBSTRING...]

Every case copies its projects into fresh temporary folders (each with a .git
folder, so the folder is the project root and .headroom-cache/ lands in it),
runs the binary with --stats and compares outputs byte for byte:

  - cold and warm runs give the same text, SARIF and JSON (and the same as
    --no-cache), on the example app and on fixture projects; --jobs 1 and
    --jobs 2 too; a warm run parses nothing but C/C++ files with a header
    not found (never stored);
  - one changed file is the only one parsed again; a moved package too;
  - corrupt entries (a flipped byte in the header or the payload, truncated,
    empty, garbage, another version, another key's entry, a folder in its
    place) are rejected, recomputed and overwritten, with the same output;
  - a cache folder that cannot be created or written gives one HRN0401
    notice and the same findings;
  - --no-cache writes nothing; the cache folder holds `.gitignore` (`*`) and
    CACHEDIR.TAG and is never scanned, wherever --cache-dir puts it;
  - `cache:` and `cache-dir:` in .headroom.yml, and the flags beating them;
  - --hook and `headroom report` read the cache and give the same output;
  - C/C++: cold, warm and --no-cache agree with and without a
    compile_commands.json; a changed (or touched, or removed) header makes
    the files including it parse again, with the output of --no-cache;
    changed compile flags miss; a file with a header not found is parsed
    on every run (and a header created later is seen); a corrupt dependency
    section is rejected and rewritten.

Prints one line per failed case and `N passed, M failed`; exit 1 on failure.
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
TIMEOUT = 600
CACHE = ".headroom-cache"
STATS = re.compile(r"headroom: stats: files (\d+), parsed (\d+), cached (\d+), "
                   r"cache rejected (\d+), cache stored (\d+);")
C_EXTS = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".hxx")

# Projects: the example app and a few fixture projects of both languages.
PROJECTS = {
    "examples": os.path.join(REPO, "examples"),
    "django_shop": os.path.join(REPO, "tests", "project", "cases", "django_shop"),
    "python_frameworks": os.path.join(REPO, "tests", "requests", "cases", "python_frameworks"),
    "js_frameworks": os.path.join(REPO, "tests", "requests", "cases", "js_frameworks"),
    "query-in-loop": os.path.join(REPO, "tests", "rules", "query-in-loop"),
}

N_PLUS_ONE = '''from shop.models import Customer, Order


def report():
    out = []
    for c in Customer.objects.all():
        out.append(Order.objects.filter(customer=c).count())
    return out
'''


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)


class Run:
    def __init__(self, argv, code, out, err):
        self.argv, self.code, self.out, self.err = argv, code, out, err
        m = STATS.search(err.decode(errors="replace"))
        self.stats = None
        if m:
            keys = ("files", "parsed", "cached", "rejected", "stored")
            self.stats = dict(zip(keys, (int(g) for g in m.groups())))

    def describe(self):
        return "`%s` -> exit %s, stderr: %s" % (" ".join(self.argv[1:]), self.code,
                                               self.err.decode(errors="replace").strip()[:500])


class Suite:
    def __init__(self, headroom, only):
        self.headroom = os.path.abspath(headroom)
        self.only = only
        self.passed = self.failed = 0
        self.tmpdirs = []

    def run(self, *args, cwd=None):
        argv = [self.headroom] + list(args)
        p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=TIMEOUT)
        r = Run(argv, p.returncode, p.stdout, p.stderr)
        expect(r.code in (0, 1), "unexpected exit: " + r.describe())
        return r

    def check(self, root, *args, fmt="text"):
        """A run of root with --stats; SARIF without the absolute root."""
        extra = ["--deterministic"] if fmt == "sarif" else []
        r = self.run("check", "--format", fmt, "--stats", *extra, *args, root, cwd=root)
        expect(r.stats is not None, "no stats line: " + r.describe())
        return r

    def tmpdir(self):
        d = tempfile.mkdtemp(prefix="headroom-cache-")
        self.tmpdirs.append(d)
        return d

    def copy_project(self, name):
        root = os.path.join(self.tmpdir(), name)
        shutil.copytree(PROJECTS[name], root,
                        ignore=shutil.ignore_patterns(CACHE, "__pycache__", "node_modules"))
        os.makedirs(os.path.join(root, ".git"))
        return root

    def write_project(self, files):
        root = self.tmpdir()
        os.makedirs(os.path.join(root, ".git"))
        for rel, text in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        return root

    def case(self, name, fn, *args):
        if self.only and not any(s in name for s in self.only):
            return
        try:
            fn(self, *args)
            self.passed += 1
        except Failure as e:
            self.failed += 1
            print("FAIL %s: %s" % (name, e))
        except Exception as e:  # a broken harness is a failure too
            self.failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))

    def cleanup(self):
        for d in self.tmpdirs:
            shutil.rmtree(d, ignore_errors=True)


MISSING = re.compile(r"(\d+) C/C\+\+ files? includes? headers that were not found")


def missing_headers(run_json):
    """How many C/C++ files of a JSON run had a header not found (HRN0303)."""
    for n in json.loads(run_json.out).get("notices", []):
        m = MISSING.search(n.get("message", "")) if n.get("code") == "HRN0303" else None
        if m:
            return int(m.group(1))
    return 0


def cacheable(s, root):
    """Files the cache stores: every source file (the projects hold no schema
    files) but C/C++ files with a header not found, which are never stored."""
    ref = s.check(root, "--no-cache", fmt="json")
    return ref.stats["files"] - missing_headers(ref)


def entries(cache_dir):
    out = []
    for dirpath, _, filenames in os.walk(os.path.join(cache_dir, "v1")):
        out += [os.path.join(dirpath, f) for f in filenames if f.endswith(".bin")]
    return sorted(out)


def same(a, b, what):
    expect(a.out == b.out, "%s: outputs differ (%d vs %d bytes)\n  %s\n  %s" %
           (what, len(a.out), len(b.out), a.describe(), b.describe()))
    expect(a.code == b.code, "%s: exit codes differ" % what)


# ---- cases ----

def cold_warm(s, name):
    root = s.copy_project(name)
    n = cacheable(s, root)
    for fmt in ("text", "sarif", "json"):
        ref = s.check(root, "--no-cache", fmt=fmt)
        shutil.rmtree(os.path.join(root, CACHE), ignore_errors=True)
        cold = s.check(root, fmt=fmt)
        warm = s.check(root, fmt=fmt)
        warm1 = s.check(root, "--jobs", "1", fmt=fmt)
        warm2 = s.check(root, "--jobs", "2", fmt=fmt)
        same(ref, cold, "%s --no-cache vs cold" % fmt)
        same(cold, warm, "%s cold vs warm" % fmt)
        same(warm1, warm2, "%s warm --jobs 1 vs --jobs 2" % fmt)
        expect(cold.stats["cached"] == 0 and cold.stats["stored"] == n,
               "%s cold: expected %d stored, got %s" % (fmt, n, cold.stats))
        expect(warm.stats["cached"] == n and warm.stats["parsed"] == warm.stats["files"] - n,
               "%s warm: expected %d cached and only files with a missing header parsed, got %s" %
               (fmt, n, warm.stats))
        expect(warm.stats["stored"] == 0 and warm.stats["rejected"] == 0,
               "%s warm wrote or rejected entries: %s" % (fmt, warm.stats))
    expect(len(entries(os.path.join(root, CACHE))) == n, "one entry per cached file")


def warm_parses_nothing(s):
    root = s.copy_project("django_shop")
    s.check(root)
    warm = s.check(root)
    expect(warm.stats["parsed"] == 0 and warm.stats["cached"] == warm.stats["files"] > 0,
           "a warm run parsed: %s" % warm.stats)


def one_changed(s):
    root = s.copy_project("examples")
    n = cacheable(s, root)
    s.check(root)
    with open(os.path.join(root, "shop", "views.py"), "a") as f:
        f.write("\n\ndef added_later(ids):\n    from shop.models import Order\n"
                "    return [Order.objects.get(id=i) for i in ids]\n")
    warm = s.check(root, "--format", "json")
    ref = s.check(root, "--format", "json", "--no-cache")
    same(ref, warm, "one changed file: warm vs --no-cache")
    c_files = warm.stats["files"] - n
    expect(warm.stats["parsed"] == 1 + c_files and warm.stats["cached"] == n - 1,
           "expected 1 file parsed again, got %s" % warm.stats)


def moved_package(s):
    """The module name is part of the key: the same bytes in a moved package
    are lowered again (qualified names change)."""
    files = {
        "pkg_a/__init__.py": "",
        "pkg_a/models.py": "from django.db import models\n\n\nclass Customer(models.Model):\n"
                           "    name = models.CharField(max_length=10)\n",
        "pkg_a/views.py": N_PLUS_ONE.replace("shop.models", "pkg_a.models"),
    }
    root = s.write_project(files)
    s.check(root)
    os.rename(os.path.join(root, "pkg_a"), os.path.join(root, "pkg_b"))
    warm = s.check(root, "--format", "json")
    ref = s.check(root, "--format", "json", "--no-cache")
    same(ref, warm, "moved package: warm vs --no-cache")
    expect(warm.stats["cached"] == 0 and warm.stats["parsed"] == 3,
           "every file of the moved package (its module changed) is parsed again: %s" % warm.stats)


def corrupt(s, how):
    root = s.copy_project("examples")
    n = cacheable(s, root)
    cold = s.check(root, "--format", "json")
    cache = os.path.join(root, CACHE)
    files = entries(cache)
    expect(len(files) == n, "expected %d entries, found %d" % (n, len(files)))
    for i, path in enumerate(files):
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if how == "flip-payload":
            data[len(data) - 1 - (i % max(1, len(data) - 80))] ^= 0x41
        elif how == "flip-header":
            data[3] ^= 0x01
        elif how == "flip-checksum":
            data[70] ^= 0x80
        elif how == "truncate-half":
            data = data[: len(data) // 2]
        elif how == "truncate-header":
            data = data[:10]
        elif how == "empty":
            data = bytearray()
        elif how == "garbage":
            data = bytearray(os.urandom(len(data)))
        elif how == "other-version":
            data[12:44] = b"0.0.0-other".ljust(32, b"\0")
        elif how == "other-format":
            data[8] ^= 0xff
        elif how == "other-key":
            other = files[(i + 1) % len(files)]
            with open(other, "rb") as f:
                data = bytearray(f.read())
        elif how == "folder":
            os.remove(path)
            os.makedirs(path)
            continue
        elif how == "fifo":  # must not hang the run
            os.remove(path)
            os.mkfifo(path)
            continue
        elif how == "symlink":  # an entry is never followed, even to a valid entry
            os.remove(path)
            os.symlink(files[(i + 1) % len(files)] if len(files) > 1 else "/dev/null", path)
            continue
        if how == "other-key" and len(files) < 2:
            continue
        with open(path + ".new", "wb") as f:
            f.write(data)
        os.replace(path + ".new", path)
    warm = s.check(root, "--format", "json")
    expect(warm.stats["cached"] == 0, "%s: a corrupt entry was trusted: %s" % (how, warm.stats))
    expect(warm.stats["rejected"] == n, "%s: expected %d rejected, got %s" % (how, n, warm.stats))
    if how == "folder":
        # a folder where an entry belongs cannot be replaced: one notice, same findings
        doc, cold_doc = json.loads(warm.out), json.loads(cold.out)
        notices = [x for x in doc.get("notices", []) if x.get("code") == "HRN0401"]
        expect(len(notices) == 1, "folder: expected one HRN0401 notice, got %s" % notices)
        expect(doc["findings"] == cold_doc["findings"], "folder: findings differ")
        return
    same(cold, warm, "%s: cold vs run over corrupt entries" % how)
    expect(warm.stats["stored"] == n, "%s: corrupt entries were not overwritten: %s" % (how, warm.stats))
    again = s.check(root, "--format", "json")
    same(cold, again, "%s: run after the overwrite" % how)
    expect(again.stats["cached"] == n, "%s: overwritten entries not used: %s" % (how, again.stats))


def unwritable(s, how):
    root = s.copy_project("examples")
    ref = s.check(root, "--format", "json", "--no-cache")
    if how == "file":
        target = os.path.join(s.tmpdir(), "not-a-folder")
        open(target, "w").close()
        args = ["--cache-dir", target]
    elif how == "below-file":
        target = os.path.join(s.tmpdir(), "not-a-folder")
        open(target, "w").close()
        args = ["--cache-dir", os.path.join(target, "cache")]
    else:  # every entry folder is a file: each write fails, one notice
        target = os.path.join(s.tmpdir(), "cache")
        os.makedirs(os.path.join(target, "v1"))
        for i in range(256):
            open(os.path.join(target, "v1", "%02x" % i), "w").close()
        args = ["--cache-dir", target]
    r = s.check(root, "--format", "json", *args)
    doc, ref_doc = json.loads(r.out), json.loads(ref.out)
    notices = [n for n in doc.get("notices", []) if n.get("code") == "HRN0401"]
    expect(len(notices) == 1, "%s: expected one HRN0401 notice, got %s" % (how, notices))
    expect(doc["findings"] == ref_doc["findings"], "%s: findings differ from --no-cache" % how)
    expect(r.code == ref.code, "%s: exit code differs" % how)
    text = s.check(root, *args)
    expect(text.out.decode().count("HRN0401") == 1, "%s: text output: one HRN0401" % how)


def no_cache_writes_nothing(s):
    root = s.copy_project("examples")
    r = s.check(root, "--no-cache")
    expect(not os.path.exists(os.path.join(root, CACHE)), "--no-cache created .headroom-cache")
    expect(r.stats["cached"] == 0 and r.stats["stored"] == 0, "--no-cache used the cache: %s" % r.stats)


def markers_and_not_scanned(s):
    root = s.copy_project("django_shop")
    inside = os.path.join(root, "cachedir")  # not hidden: only CACHEDIR.TAG keeps it out
    first = s.check(root, "--format", "json", "--cache-dir", inside)
    expect(not os.path.exists(os.path.join(root, CACHE)), "--cache-dir still wrote the default folder")
    with open(os.path.join(inside, ".gitignore")) as f:
        expect("*" in f.read().split(), "the cache's .gitignore does not ignore everything")
    with open(os.path.join(inside, "CACHEDIR.TAG")) as f:
        expect(f.read().startswith("Signature: 8a477f597d28d172789f06886806bc55"), "CACHEDIR.TAG signature")
    with open(os.path.join(inside, "v1", "planted.py"), "w") as f:
        f.write(N_PLUS_ONE)
    second = s.check(root, "--format", "json", "--cache-dir", inside)
    same(first, second, "a source file inside the cache folder")
    expect(second.stats["files"] == first.stats["files"], "the cache folder was scanned")
    # git sees nothing of the default folder either
    s.check(root)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", root], check=True, capture_output=True)
        st = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, check=True).stdout.decode()
        expect(CACHE not in st and "cachedir" not in st, "git status shows the cache: " + st)


def config_keys(s):
    root = s.copy_project("django_shop")
    with open(os.path.join(root, ".headroom.yml"), "w") as f:
        f.write("cache: false\n")
    r = s.check(root)
    expect(not os.path.exists(os.path.join(root, CACHE)) and r.stats["stored"] == 0,
           "`cache: false` still wrote the cache: %s" % r.stats)
    with open(os.path.join(root, ".headroom.yml"), "w") as f:
        f.write("cache-dir: build-cache/hr\n")
    r = s.check(root)
    expect(r.stats["stored"] > 0 and entries(os.path.join(root, "build-cache", "hr")),
           "`cache-dir:` (relative to the config folder) not used: %s" % r.stats)
    elsewhere = os.path.join(s.tmpdir(), "c")
    r = s.check(root, "--cache-dir", elsewhere)
    expect(r.stats["stored"] > 0 and entries(elsewhere), "--cache-dir does not beat `cache-dir:`")
    with open(os.path.join(root, ".headroom.yml"), "w") as f:
        f.write("cache: maybe\n")
    p = subprocess.run([s.headroom, "check", root], capture_output=True, timeout=TIMEOUT)
    expect(p.returncode == 2 and b"cache" in p.stderr, "a bad `cache:` value is not an error")


def hook_mode(s):
    root = s.copy_project("examples")
    target = os.path.join("shop", "views.py")
    ref = s.run("check", "--hook", "--format", "json", "--stats", "--no-cache", target, cwd=root)
    cold = s.run("check", "--hook", "--format", "json", "--stats", target, cwd=root)
    warm = s.run("check", "--hook", "--format", "json", "--stats", target, cwd=root)
    same(ref, cold, "--hook --no-cache vs cold")
    same(cold, warm, "--hook cold vs warm")
    n = cacheable(s, root)
    expect(warm.stats and warm.stats["cached"] == n, "--hook warm run: %s" % warm.stats)


def report_command(s):
    root = s.copy_project("examples")
    ref = s.run("report", "--format", "json", "--stats", "--no-cache", root, cwd=root)
    cold = s.run("report", "--format", "json", "--stats", root, cwd=root)
    warm = s.run("report", "--format", "json", "--stats", root, cwd=root)
    same(ref, cold, "report --no-cache vs cold")
    same(cold, warm, "report cold vs warm")
    expect(warm.stats and warm.stats["cached"] == cacheable(s, root), "report warm: %s" % warm.stats)


# ---- C and C++ ----

DB_H = """#ifndef DB_H
#define DB_H
#include <sqlite3.h>

#define DB_RUN(db, sql) sqlite3_exec((db), (sql), 0, 0, 0)

#endif
"""

# the same header with one more function, which DB_RUN now calls: no query
DB_H_LOGGED = """#ifndef DB_H
#define DB_H
#include <stdio.h>
#include <sqlite3.h>

static inline int db_log(sqlite3 *db, const char *sql)
{
    (void)db;
    return puts(sql);
}

#define DB_RUN(db, sql) db_log((db), (sql))

#endif
"""

C_LOOP = """#include "db.h"

void close_%s(sqlite3 *db, int n)
{
    for (int i = 0; i < n; i++)
        DB_RUN(db, "UPDATE accounts SET closed = 1");
}
"""

C_PLAIN = """#include <sqlite3.h>

void close_one(sqlite3 *db)
{
    sqlite3_exec(db, "UPDATE accounts SET closed = 1", 0, 0, 0);
}
"""


def c_project(s):
    return s.write_project({"src/db.h": DB_H, "src/a.c": C_LOOP % "a", "src/b.c": C_LOOP % "b",
                            "src/plain.c": C_PLAIN})


def findings(run):
    return json.loads(run.out)["findings"]


def c_cold_warm(s, name):
    """Cold, warm and --no-cache agree; a warm run parses no C/C++ file."""
    if name == "c_headers":
        root = c_project(s)
    else:
        root = os.path.join(s.tmpdir(), name)
        shutil.copytree(os.path.join(REPO, "tests", "rules", "query-in-loop", name), root)
        os.makedirs(os.path.join(root, ".git"))
    n = cacheable(s, root)
    expect(n > 0, "no C/C++ file found")
    for fmt in ("sarif", "json"):
        ref = s.check(root, "--no-cache", fmt=fmt)
        shutil.rmtree(os.path.join(root, CACHE), ignore_errors=True)
        cold = s.check(root, fmt=fmt)
        warm = s.check(root, "--jobs", "2", fmt=fmt)
        same(ref, cold, "%s --no-cache vs cold" % fmt)
        same(cold, warm, "%s cold vs warm" % fmt)
        expect(cold.stats["stored"] == n and warm.stats["cached"] == n and
               warm.stats["parsed"] == warm.stats["files"] - n,
               "%s: expected %d stored, then %d cached: %s, %s" % (fmt, n, n, cold.stats, warm.stats))
        if fmt == "json":
            expect(findings(cold), "the project has no finding: the test proves nothing")


def c_header_changed(s):
    root = c_project(s)
    n = cacheable(s, root)
    cold = s.check(root, fmt="json")
    expect(len(findings(cold)) == 2, "expected two findings (a.c, b.c): %s" % findings(cold))
    header = os.path.join(root, "src", "db.h")
    with open(header, "w") as f:
        f.write(DB_H_LOGGED)
    warm = s.check(root, fmt="json")
    ref = s.check(root, "--no-cache", fmt="json")
    same(ref, warm, "changed header: warm vs --no-cache")
    expect(not findings(warm), "the changed header should remove both findings: %s" % findings(warm))
    # a.c, b.c and db.h itself parse again; plain.c does not include it
    expect(warm.stats["parsed"] == 3 and warm.stats["cached"] == n - 3,
           "expected db.h and the two files including it parsed: %s" % warm.stats)
    again = s.check(root, fmt="json")
    same(ref, again, "changed header: the run after")
    expect(again.stats["cached"] == n, "the rewritten entries are not used: %s" % again.stats)
    # the same bytes with a new modification time: parsed again, same output
    st = os.stat(header)
    os.utime(header, ns=(st.st_atime_ns, st.st_mtime_ns - 2 * 10**9))
    touched = s.check(root, fmt="json")
    same(ref, touched, "touched header")
    expect(touched.stats["parsed"] == 2, "a touched header did not make its includers parse: %s" % touched.stats)
    # back to the first header: the finding comes back
    with open(header, "w") as f:
        f.write(DB_H)
    back = s.check(root, fmt="json")
    same(cold, back, "header restored: vs the first run")
    # a removed header: the includers have a header not found, as --no-cache says
    os.remove(header)
    gone = s.check(root, fmt="json")
    same(s.check(root, "--no-cache", fmt="json"), gone, "removed header: warm vs --no-cache")
    expect(gone.stats["parsed"] == 2, "a removed header did not make its includers parse: %s" % gone.stats)


def c_flags_changed(s):
    """compile_commands.json's -DHAVE_PG=1 compiles the loop in; without it,
    the same bytes lower to nothing."""
    root = os.path.join(s.tmpdir(), "ccdb")
    shutil.copytree(os.path.join(REPO, "tests", "rules", "query-in-loop", "ccdb"), root)
    os.makedirs(os.path.join(root, ".git"))
    cold = s.check(root, fmt="json")
    warm = s.check(root, fmt="json")
    same(cold, warm, "ccdb cold vs warm")
    expect(findings(cold) and warm.stats["parsed"] == 0, "ccdb: %s, %s" % (findings(cold), warm.stats))
    ccdb = os.path.join(root, "compile_commands.json")
    with open(ccdb) as f:
        text = f.read()
    expect('"-DHAVE_PG=1", ' in text, "the fixture's compile_commands.json changed")
    with open(ccdb, "w") as f:
        f.write(text.replace('"-DHAVE_PG=1", ', ""))
    changed = s.check(root, fmt="json")
    ref = s.check(root, "--no-cache", fmt="json")
    same(ref, changed, "changed flags: warm vs --no-cache")
    expect(not findings(changed), "without HAVE_PG the loop is compiled out: %s" % findings(changed))
    expect(changed.stats["parsed"] >= 1, "changed flags were not a miss: %s" % changed.stats)
    # the old flags again: the first entry is still there
    with open(ccdb, "w") as f:
        f.write(text)
    back = s.check(root, fmt="json")
    same(cold, back, "flags restored")
    expect(back.stats["parsed"] == 0, "the entry of the first flags is not used: %s" % back.stats)


def default_libclang():
    """The libclang file a default build opens (Debian 12 places), or None."""
    for cand in ("/usr/lib/x86_64-linux-gnu/libclang-14.so.1", "/usr/lib/llvm-14/lib/libclang.so.1",
                 "/usr/lib/aarch64-linux-gnu/libclang-14.so.1"):
        if os.path.exists(cand):
            return cand
    return None


def c_libclang_changed(s):
    """The libclang file is part of a C/C++ file's key (path after links,
    size, modification time): another libclang, or the same one updated in
    place, misses; the first one again hits its entries."""
    lib = default_libclang()
    if lib is None:
        print("skip  c_libclang_changed: no libclang-14 at the usual places")
        return
    root = c_project(s)
    cold = s.check(root, fmt="json")
    expect(cold.stats["parsed"] >= 1 and findings(cold), "no C file parsed: %s" % cold.stats)
    other = os.path.join(s.tmpdir(), "libclang-copy.so.1")
    shutil.copy2(os.path.realpath(lib), other)
    old = os.environ.get("HEADROOM_LIBCLANG")
    os.environ["HEADROOM_LIBCLANG"] = other
    try:
        moved = s.check(root, fmt="json")
        expect(moved.stats["parsed"] == cold.stats["parsed"], "another libclang hit: %s" % moved.stats)
        same(cold, moved, "another libclang: same output")
        again = s.check(root, fmt="json")
        expect(again.stats["parsed"] == 0, "the copy's own entries missed: %s" % again.stats)
        st = os.stat(other)
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        touched = s.check(root, fmt="json")
        expect(touched.stats["parsed"] == cold.stats["parsed"], "an updated libclang hit: %s" % touched.stats)
    finally:
        if old is None:
            del os.environ["HEADROOM_LIBCLANG"]
        else:
            os.environ["HEADROOM_LIBCLANG"] = old
    back = s.check(root, fmt="json")
    expect(back.stats["parsed"] == 0, "the default libclang's entries missed: %s" % back.stats)
    same(cold, back, "default libclang again")


def c_missing_header(s):
    root = s.write_project({"src/a.c": C_LOOP % "a", "src/plain.c": C_PLAIN})
    runs = [s.check(root, fmt="json") for _ in range(3)]
    for r in runs:
        same(runs[0], r, "missing header: runs differ")
        expect(r.stats["parsed"] >= 1, "a file with a header not found was read from the cache: %s" % r.stats)
    expect(runs[2].stats["parsed"] == 1 and runs[2].stats["cached"] == 1,
           "only the file with a header not found parses again: %s" % runs[2].stats)
    expect(missing_headers(runs[0]) == 1, "expected one file with a header not found")
    # the header appears where the search finds it: seen at once
    with open(os.path.join(root, "src", "db.h"), "w") as f:
        f.write(DB_H)
    r = s.check(root, fmt="json")
    same(s.check(root, "--no-cache", fmt="json"), r, "header created: warm vs --no-cache")
    expect(findings(r), "the created header was not seen: %s" % r.stats)


def c_corrupt_deps(s, how):
    root = c_project(s)
    n = cacheable(s, root)
    cold = s.check(root, fmt="json")
    files = entries(os.path.join(root, CACHE))
    expect(len(files) == n, "expected %d entries, found %d" % (n, len(files)))
    for path in files:
        with open(path, "rb") as f:
            data = bytearray(f.read())
        deps_len = int.from_bytes(data[76:84], "little")
        expect(deps_len > 4, "a C entry without dependencies")
        if how == "flip-path":  # the last byte of the first path
            first = 84 + 4 + 20 + int.from_bytes(data[84 + 4 + 16:84 + 4 + 20], "little") - 1
            data[first] ^= 0x01
        elif how == "count":
            data[84:88] = (0xffffffff).to_bytes(4, "little")
        elif how == "length":
            data[76:84] = (len(data) * 3).to_bytes(8, "little")
        elif how == "truncate":
            data = data[: 84 + deps_len // 2]
        with open(path + ".new", "wb") as f:
            f.write(data)
        os.replace(path + ".new", path)
    warm = s.check(root, fmt="json")
    same(cold, warm, "%s: cold vs run over corrupt dependency sections" % how)
    expect(warm.stats["cached"] == 0 and warm.stats["rejected"] == n and warm.stats["stored"] == n,
           "%s: expected %d rejected and rewritten: %s" % (how, n, warm.stats))
    again = s.check(root, fmt="json")
    same(cold, again, "%s: the run after" % how)
    expect(again.stats["cached"] == n, "%s: rewritten entries not used: %s" % (how, again.stats))


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    s = Suite(argv[1], argv[2:])
    try:
        for name in PROJECTS:
            s.case("cold_warm_" + name, cold_warm, name)
        s.case("warm_parses_nothing", warm_parses_nothing)
        s.case("one_changed_file", one_changed)
        s.case("moved_package", moved_package)
        for how in ("flip-payload", "flip-header", "flip-checksum", "truncate-half", "truncate-header",
                    "empty", "garbage", "other-version", "other-format", "other-key", "folder", "fifo",
                    "symlink"):
            s.case("corrupt_" + how, corrupt, how)
        for how in ("file", "below-file", "entry-folders"):
            s.case("unwritable_" + how, unwritable, how)
        s.case("no_cache_writes_nothing", no_cache_writes_nothing)
        s.case("markers_and_not_scanned", markers_and_not_scanned)
        s.case("config_keys", config_keys)
        s.case("hook_mode", hook_mode)
        s.case("report_command", report_command)
        for name in ("c_headers", "c", "cpp", "ccdb"):
            s.case("c_cold_warm_" + name, c_cold_warm, name)
        s.case("c_header_changed", c_header_changed)
        s.case("c_flags_changed", c_flags_changed)
        s.case("c_missing_header", c_missing_header)
        s.case("c_libclang_changed", c_libclang_changed)
        for how in ("flip-path", "count", "length", "truncate"):
            s.case("c_corrupt_deps_" + how, c_corrupt_deps, how)
    finally:
        s.cleanup()
    print("%d passed, %d failed" % (s.passed, s.failed))
    return 1 if s.failed or not s.passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
