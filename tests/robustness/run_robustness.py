#!/usr/bin/env python3
"""Robustness suite: headroom on hostile trees must finish with valid output.

Usage: run_robustness.py HEADROOM_BIN REPO [NAME_SUBSTRING...]

Every case builds a tree in a fresh temporary folder, runs `headroom check`
on it and checks, for every output format (text, JSON, SARIF) written with
--output:
  - the exit status is 0 or 1 (never 2, never a signal, never a hang: each
    run has a wall-clock cap);
  - the report file is complete (JSON and SARIF parse; text is UTF-8) and no
    temporary or partial file is left next to it;
  - the notices the case expects are there (codes from docs/architecture.md).
The SARIF of a few cases is also checked with tests/sarif/validate_sarif.sh
(the JSON schema and the Microsoft multitool), in one batch at the end.
Cases that cannot run here (no root for the unreadable-file cases) are
reported as skipped with the reason. The last line is
`N passed, M failed, K skipped`; the exit status is 1 when a case failed.

Environment: HEADROOM_ROBUSTNESS_BIG_MB (default 10) sizes the single-line
files; HEADROOM_ROBUSTNESS_KEEP=1 keeps the temporary trees.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

RUN_CAP = 120          # seconds any single run may take before it counts as a hang
BIG_RUN_CAP = 60       # seconds for a 10 MB single-line file with a raised size cap
MANY_FILES = 20000
BIG_MB = int(os.environ.get("HEADROOM_ROBUSTNESS_BIG_MB", "10"))

N_PLUS_ONE_PY = '''from shop.models import Customer, Order


def report():
    for customer in Customer.objects.all():
        print(Order.objects.filter(customer=customer).count())
'''
N_PLUS_ONE_LINE = 6  # the line of the query above

N_PLUS_ONE_JS = '''async function report(db, ids) {
  for (const id of ids) {
    await db.query("select * from orders where customer = $1", [id]);
  }
}
module.exports = { report };
'''


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failed(what)


class Run:
    def __init__(self, argv, code, out, err, seconds):
        self.argv, self.code, self.out, self.err, self.seconds = argv, code, out, err, seconds

    def describe(self):
        how = "timed out" if self.code is None else (
            "killed by signal %d" % -self.code if self.code < 0 else "exit %d" % self.code)
        text = "`%s` -> %s after %.1fs" % (" ".join(self.argv[1:])[:300], how, self.seconds)
        if self.err.strip():
            text += "\n       stderr: " + self.err.strip()[:1500].replace("\n", "\n               ")
        return text


class Suite:
    def __init__(self, headroom, repo, only):
        self.headroom = os.path.abspath(headroom)
        self.repo = os.path.abspath(repo)
        self.only = only
        self.passed = self.failed = self.skipped = 0
        self.tmpdirs = []
        self.sarif_to_validate = []  # (case, path)
        self.validate_dir = None

    # -- running ---------------------------------------------------------------

    def run(self, args, cwd=None, env=None, cap=RUN_CAP, as_user=None):
        argv = [self.headroom] + [str(a) for a in args]
        if as_user:
            import pwd
            pw = pwd.getpwnam(as_user)
            argv = ["setpriv", "--reuid=%d" % pw.pw_uid, "--regid=%d" % pw.pw_gid, "--clear-groups",
                    "--"] + argv
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        if env:
            full_env.update(env)
        start = time.monotonic()
        try:
            p = subprocess.run(argv, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=cap)
            code, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            code, out, err = None, e.stdout or b"", e.stderr or b""
        r = Run(argv, code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
                time.monotonic() - start)
        if r.code is None or r.code < 0 or r.code > 2:
            raise Failed("crashed or hung: " + r.describe())
        return r

    def check(self, root, args=(), cwd=None, env=None, cap=RUN_CAP, formats=("json", "sarif", "text"),
              as_user=None, outdir=None, validate=False):
        """Runs every format with --output; returns the parsed JSON report."""
        outdir = outdir or self.tmpdir()
        doc = None
        for fmt in formats:
            out = os.path.join(outdir, "report." + fmt)
            r = self.run(["check", "--format", fmt, "--no-color", "--output", out] + list(args) + [root],
                         cwd=cwd, env=env, cap=cap, as_user=as_user)
            expect(r.code in (0, 1), "expected exit 0 or 1: " + r.describe())
            expect(os.path.isfile(out), "no report file %s: %s" % (out, r.describe()))
            leftovers = [f for f in os.listdir(outdir) if ".tmp." in f]
            expect(not leftovers, "partial output left behind: %s" % leftovers)
            with open(out, "rb") as fh:
                data = fh.read()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise Failed("%s report is not UTF-8: %s" % (fmt, e))
            if fmt in ("json", "sarif"):
                try:
                    parsed = json.loads(text)
                except ValueError as e:
                    raise Failed("%s report does not parse: %s (starts %r)" % (fmt, e, text[:200]))
                if fmt == "json":
                    doc = parsed
                    expect(all(k in parsed for k in ("findings", "notices", "summary")),
                           "JSON report lacks findings/notices/summary")
                else:
                    expect(parsed.get("version") == "2.1.0" and parsed.get("runs"),
                           "SARIF report without version 2.1.0 and a run")
                    if validate:
                        keep = os.path.join(self.validate_dir, "%02d-%s.sarif" % (
                            len(self.sarif_to_validate), self.current.split(":")[0].replace(" ", "_")))
                        shutil.copyfile(out, keep)
                        self.sarif_to_validate.append((self.current, keep))
            else:
                expect(text.strip(), "empty text report")
            os.unlink(out)
        return doc

    # -- trees -----------------------------------------------------------------

    def tmpdir(self):
        d = os.path.realpath(tempfile.mkdtemp(prefix="headroom-robust-"))
        os.chmod(d, 0o755)
        self.tmpdirs.append(d)
        return d

    def project(self, files, git=True):
        """A temporary project: {relpath: str | bytes}. With git, a .git folder
        makes it the project root."""
        root = self.tmpdir()
        if git:
            os.mkdir(os.path.join(root, ".git"))
        for rel, content in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return root

    def cleanup(self):
        if os.environ.get("HEADROOM_ROBUSTNESS_KEEP") == "1":
            print("kept: " + " ".join(self.tmpdirs))
            return
        for d in self.tmpdirs:
            for dirpath, dirnames, _ in os.walk(d):  # make chmod 000 folders removable
                for name in dirnames:
                    try:
                        os.chmod(os.path.join(dirpath, name), 0o755)
                    except OSError:
                        pass
            shutil.rmtree(d, ignore_errors=True)

    # -- cases -----------------------------------------------------------------

    def case(self, name, fn):
        if self.only and not any(o in name for o in self.only):
            return
        self.current = name
        start = time.monotonic()
        try:
            fn()
        except Skipped as e:
            self.skipped += 1
            print("SKIP  %s: %s" % (name, e))
        except Failed as e:
            self.failed += 1
            print("FAIL  %s\n      %s" % (name, e))
        except Exception as e:  # a bug in the suite is a failure too
            self.failed += 1
            print("FAIL  %s\n      suite error: %r" % (name, e))
        else:
            self.passed += 1
            print("ok    %s (%.1fs)" % (name, time.monotonic() - start))
        sys.stdout.flush()


def notices(doc, code=None, path_end=None):
    out = []
    for n in doc.get("notices", []):
        if code and n.get("code") != code:
            continue
        if path_end and not (n.get("path") or "").endswith(path_end):
            continue
        out.append(n)
    return out


def findings(doc, path_end=None):
    return [f for f in doc.get("findings", []) if not path_end or f.get("path", "").endswith(path_end)]


def expect_notice(doc, code, path_end, what):
    got = notices(doc, code, path_end)
    expect(got, "%s: expected an %s notice for %s; notices: %s" % (
        what, code, path_end, json.dumps(doc.get("notices", []))[:800]))
    return got


def can_drop_privileges():
    if os.geteuid() != 0:
        return None, "not root: chmod 000 is tested as this user"
    if not shutil.which("setpriv"):
        return None, "setpriv (util-linux) is not installed"
    try:
        import pwd
        pwd.getpwnam("nobody")
    except KeyError:
        return None, "no user 'nobody'"
    return "nobody", None


def register(s):
    def binary_files():
        root = s.project({
            "app/data.py": b"x = 1\n\x00\x01\x02\xff" * 50,
            "app/blob.js": bytes(range(256)) * 40,
            "app/views.py": N_PLUS_ONE_PY,
        })
        doc = s.check(root, validate=True)
        expect_notice(doc, "HRN0004", "app/data.py", "binary .py")
        expect_notice(doc, "HRN0004", "app/blob.js", "binary .js")
        expect(findings(doc, "app/views.py"), "the good file next to binary ones was not analysed")
    s.case("binary files are skipped with a notice", binary_files)

    def invalid_utf8():
        root = s.project({
            "latin1.py": "# caf\xe9\nx = 1\n".encode("latin-1"),
            "truncated.js": b"const s = '\xe2\x82';\n",
            "surrogate.ts": b"let s = '\xed\xa0\x80';\n",
            "overlong.py": b"x = '\xc0\xaf'\n",
        })
        doc = s.check(root)
        for f in ("latin1.py", "truncated.js", "surrogate.ts", "overlong.py"):
            expect_notice(doc, "HRN0004", f, "invalid UTF-8")
    s.case("invalid UTF-8 is skipped with a notice", invalid_utf8)

    def utf16():
        root = s.project({
            "le.py": b"\xff\xfe" + N_PLUS_ONE_PY.encode("utf-16-le"),
            "be.js": b"\xfe\xff" + N_PLUS_ONE_JS.encode("utf-16-be"),
        })
        doc = s.check(root, validate=True)
        for f in ("le.py", "be.js"):
            n = expect_notice(doc, "HRN0004", f, "UTF-16 with a BOM")
            expect("UTF-16" in n[0].get("message", ""), "the notice does not say UTF-16: %s" % n)
    s.case("UTF-16 files with a BOM are skipped with a UTF-16 notice", utf16)

    def utf8_bom():
        root = s.project({"shop/views.py": b"\xef\xbb\xbf" + N_PLUS_ONE_PY.encode()})
        doc = s.check(root, validate=True)
        got = findings(doc, "shop/views.py")
        expect(len(got) == 1 and got[0]["line"] == N_PLUS_ONE_LINE,
               "UTF-8 BOM: expected one finding on line %d, got %s" % (N_PLUS_ONE_LINE, got))
        expect(not notices(doc), "UTF-8 BOM: unexpected notices %s" % doc["notices"])
    s.case("a UTF-8 BOM is transparent", utf8_bom)

    def line_endings():
        root = s.project({
            "crlf.py": N_PLUS_ONE_PY.replace("\n", "\r\n"),
            "cr.py": N_PLUS_ONE_PY.replace("\n", "\r"),
            "mixed.js": N_PLUS_ONE_JS.replace("\n", "\r\n", 2).replace("\n", "\r", 1),
        })
        doc = s.check(root, validate=True)
        got = findings(doc, "crlf.py")
        expect(len(got) == 1 and got[0]["line"] == N_PLUS_ONE_LINE,
               "CRLF: expected one finding on line %d, got %s" % (N_PLUS_ONE_LINE, got))
    s.case("CRLF and lone-CR files", line_endings)

    def big_single_line():
        size = BIG_MB * 1024 * 1024
        # minified JavaScript: one line of small functions and calls
        unit = "function f%d(a,b){return a.map(function(x){return x*b+%d})}var v%d=f%d([1,2,3],%d);"
        parts, n, i = [], 0, 0
        while n < size:
            piece = unit % (i, i, i, i, i)
            parts.append(piece)
            n += len(piece)
            i += 1
        js = "".join(parts)
        # Python: one huge expression statement on a single line
        py_unit = "f(a%d, [%d, 'x%d', {'k': b%d}]) + " 
        parts, n, i = ["x = "], 4, 0
        while n < size:
            piece = py_unit % (i, i, i, i)
            parts.append(piece)
            n += len(piece)
            i += 1
        parts.append("0\n")
        py = "".join(parts)
        root = s.project({"dist-min/app.min.js": js + "\n", "gen/big.py": py,
                          "app/views.py": N_PLUS_ONE_PY})
        doc = s.check(root, formats=("json",))
        for f in ("app.min.js", "big.py"):
            n = expect_notice(doc, "HRN0003", f, "default --max-file-size")
            expect("max-file-size" in n[0]["message"], "the size notice does not name the flag: %s" % n)
        expect(findings(doc, "app/views.py"), "the small file was not analysed")
        # raised cap: analysed (or cut by the parse time cap, with a notice), within the cap
        start = time.monotonic()
        doc = s.check(root, ["--max-file-size", str(4 * size)], formats=("json",), cap=BIG_RUN_CAP)
        took = time.monotonic() - start
        expect(not notices(doc, "HRN0003"), "raised cap: still skipped for size: %s" % doc["notices"])
        odd = [n for n in doc["notices"] if n["code"] not in ("HRN0005", "HRN0006")]
        expect(not odd, "raised cap: unexpected notices %s" % odd)
        print("      %d MB single-line files, raised cap: %.1fs, summary %s, notices %s" % (
            BIG_MB, took, doc["summary"], [n["code"] for n in doc["notices"]]))
    s.case("10 MB single-line JS and Python: size notice, then analysed in time", big_single_line)

    def parse_time_cap():
        body = "".join("def f%d(x):\n    return [g(y) for y in x if y]\n" % i for i in range(40000))
        root = s.project({"slow.py": body, "ok.py": "x = 1\n"})
        doc = s.check(root, ["--max-file-size", "100000000"], env={"HEADROOM_PARSE_TIMEOUT_MS": "1"},
                      formats=("json", "sarif"), validate=True)
        n = expect_notice(doc, "HRN0006", "slow.py", "1 ms parse cap")
        expect("cap" in n[0]["message"], "the time-cap notice does not say so: %s" % n)
        expect(not notices(doc, path_end="ok.py"), "the small file got a notice: %s" % doc["notices"])
    s.case("parse time cap: a slow file is skipped with a notice", parse_time_cap)

    def deep_nesting():
        depth = 10000
        files = {
            "deep_list.py": "x = " + "[" * depth + "]" * depth + "\n",
            "deep_call.py": "x = " + "f(" * depth + ")" * depth + "\n",
            "deep_paren.py": "x = " + "(" * depth + "1" + ")" * depth + "\n",
            "deep_array.js": "const x = " + "[" * depth + "]" * depth + ";\n",
            "deep_call.js": "f(" * depth + ")" * depth + ";\n",
            "deep_block.js": "{" * depth + "}" * depth + "\n",
            "deep_fn.js": "(function(){" * depth + "})()" * depth + ";\n",
            "deep_obj.ts": "const x = " + "{a:" * depth + "1" + "}" * depth + ";\n",
            "deep_jsx.tsx": "const x = " + "<a>" * 2000 + "</a>" * 2000 + ";\n",
        }
        # nested blocks in Python need indentation: 1000 levels (5 MB at 10k)
        lines = []
        for i in range(1000):
            lines.append(" " * i + "if x%d:" % i)
        lines.append(" " * 1000 + "pass")
        files["deep_if.py"] = "\n".join(lines) + "\n"
        root = s.project(files)
        doc = s.check(root, ["--max-file-size", "50000000"], validate=True)
        deep_py = [n for n in doc["notices"] if n["path"].endswith(".py") and n["code"] in ("HRN0005", "HRN0001")]
        expect(deep_py, "deep Python nesting gave no depth or syntax notice: %s" % doc["notices"])
        print("      notices: %s" % sorted("%s %s" % (n["code"], os.path.basename(n["path"]))
                                         for n in doc["notices"]))
    s.case("10,000-deep nesting in Python, JS and TS", deep_nesting)

    def vanishing_files():
        for attempt in range(4):
            root = s.tmpdir()
            os.mkdir(os.path.join(root, ".git"))
            paths = []
            for d in range(40):
                dd = os.path.join(root, "pkg%02d" % d)
                os.mkdir(dd)
                for f in range(60):
                    p = os.path.join(dd, "m%03d.py" % f)
                    with open(p, "w") as fh:
                        fh.write(N_PLUS_ONE_PY if f % 7 == 0 else "x = %d\n" % f)
                    paths.append(p)
            rnd = random.Random(attempt)
            rnd.shuffle(paths)
            stop = threading.Event()

            def deleter():
                # delete files, and now and then a whole folder, while headroom runs
                for i, p in enumerate(paths):
                    if stop.is_set():
                        return
                    try:
                        if i % 500 == 250:
                            shutil.rmtree(os.path.dirname(p), ignore_errors=True)
                        else:
                            os.unlink(p)
                    except OSError:
                        pass
                    if i % 20 == 0:
                        time.sleep(0.0005)
            t = threading.Thread(target=deleter)
            t.start()
            try:
                out = os.path.join(s.tmpdir(), "r.json")
                r = s.run(["check", "--format", "json", "--output", out, "--jobs", "2", root])
            finally:
                stop.set()
                t.join()
            expect(r.code in (0, 1), "vanishing files: " + r.describe())
            with open(out) as fh:
                doc = json.load(fh)
            odd = [n for n in doc["notices"] if n["code"] not in ("HRN0002",)]
            expect(not odd, "vanishing files gave notices other than HRN0002: %s" % odd[:5])
        print("      4 races over 2400 files: last run %d findings, %d HRN0002 notices" % (
            len(doc["findings"]), len(notices(doc, "HRN0002"))))
    s.case("files vanishing mid-run", vanishing_files)

    def unreadable():
        user, why = can_drop_privileges()
        if os.geteuid() != 0:
            user = None
        elif not user:
            raise Skipped(why)
        root = s.project({"app/locked.py": N_PLUS_ONE_PY, "app/ok.py": N_PLUS_ONE_PY,
                          "secret/inner.py": N_PLUS_ONE_PY, "noexec/x.py": N_PLUS_ONE_PY})
        for dirpath, dirnames, filenames in os.walk(root):
            for n in dirnames:
                os.chmod(os.path.join(dirpath, n), 0o755)
            for n in filenames:
                os.chmod(os.path.join(dirpath, n), 0o644)
        os.chmod(os.path.join(root, "app/locked.py"), 0)
        os.chmod(os.path.join(root, "secret"), 0)
        os.chmod(os.path.join(root, "noexec"), 0o644)  # listable names, no entry
        outdir = s.tmpdir()
        os.chmod(outdir, 0o777)
        doc = s.check(root, as_user=user, outdir=outdir, validate=True)
        expect_notice(doc, "HRN0002", "locked.py", "chmod 000 file")
        expect_notice(doc, "HRN0002", "secret", "chmod 000 folder")
        expect(findings(doc, "app/ok.py"), "the readable file was not analysed")
        expect(not findings(doc, "locked.py"), "an unreadable file has findings")
        if user:
            print("      ran as '%s' through setpriv" % user)
    s.case("unreadable files and folders (as nobody when root)", unreadable)

    def symlinks():
        outside = s.project({"pkg/views.py": N_PLUS_ONE_PY, "other.py": N_PLUS_ONE_PY}, git=False)
        root = s.project({"app/views.py": N_PLUS_ONE_PY})
        os.symlink("..", os.path.join(root, "app", "up"))              # loop to an ancestor
        os.symlink(".", os.path.join(root, "app", "self"))             # loop to itself
        os.symlink("loop_b", os.path.join(root, "loop_a"))             # a <-> b: ELOOP
        os.symlink("loop_a", os.path.join(root, "loop_b"))
        os.symlink("missing.py", os.path.join(root, "dangling.py"))    # dangling
        os.symlink(os.path.join(outside, "pkg"), os.path.join(root, "outdir"))
        os.symlink(os.path.join(outside, "other.py"), os.path.join(root, "out.py"))
        os.symlink("app/views.py", os.path.join(root, "alias.py"))     # same file twice
        doc = s.check(root, validate=True)
        got = sorted(f["path"] for f in doc["findings"])
        # app/views.py is reached as itself and as alias.py: analysed once,
        # under whichever path discovery met first
        expect(len(got) == 1 and got[0].endswith(("app/views.py", "alias.py")),
               "expected the one real file's finding once, got %s" % got)
        expect_notice(doc, "HRN0007", "outdir", "link out of the root")
        expect_notice(doc, "HRN0007", "out.py", "file link out of the root")
    s.case("symlink loops, dangling links, links out of the root", symlinks)

    def empty_files():
        root = s.project({"empty.py": b"", "empty.js": b"", "empty.ts": b"", "empty.tsx": b"",
                          "pkg/__init__.py": b"", "only_bom.py": b"\xef\xbb\xbf",
                          "newline.js": b"\n"})
        doc = s.check(root, validate=True)
        expect(not doc["findings"] and not doc["notices"],
               "empty files gave findings or notices: %s" % doc)
        expect(doc["summary"]["files"] == 7, "expected 7 files analysed: %s" % doc["summary"])
    s.case("empty files", empty_files)

    def many_files():
        root = s.tmpdir()
        os.mkdir(os.path.join(root, ".git"))
        for d in range(MANY_FILES // 100):
            dd = os.path.join(root, "p%03d" % d)
            os.mkdir(dd)
            for f in range(100):
                ext = (".py", ".js", ".ts", ".py")[f % 4]
                with open(os.path.join(dd, "f%03d%s" % (f, ext)), "w") as fh:
                    fh.write("x = %d\n" % f if ext == ".py" else "let x = %d;\n" % f)
        start = time.monotonic()
        doc = s.check(root, formats=("json",), cap=RUN_CAP)
        took = time.monotonic() - start
        expect(doc["summary"]["files"] == MANY_FILES,
               "expected %d files analysed: %s" % (MANY_FILES, doc["summary"]))
        expect(took < 60, "20,000 tiny files took %.1fs" % took)
        print("      %d files in %.2fs" % (MANY_FILES, took))
    s.case("20,000 tiny files", many_files)

    def odd_paths():
        rel = "my dir/caf\u00e9 #1/\u65e5\u672c [x] %20&;'/views.py"
        root = s.project({rel: N_PLUS_ONE_PY})
        doc = s.check(root, validate=True)
        got = findings(doc, "views.py")
        expect(len(got) == 1 and got[0]["path"].endswith(rel), "odd path: %s" % got)
        out = os.path.join(s.tmpdir(), "r.sarif")
        r = s.run(["check", "--format", "sarif", "--output", out, root])
        with open(out) as fh:
            sarif = json.load(fh)
        uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        expect(" " not in uri and "#" not in uri and "%23" in uri, "SARIF URI not percent-encoded: %r" % uri)
    s.case("paths with spaces, unicode, '#', '%' and quotes", odd_paths)

    def no_partial_output():
        outdir = s.tmpdir()
        out = os.path.join(outdir, "report.sarif")
        r = s.run(["check", "--format", "sarif", "--output", out, os.path.join(outdir, "no-such-dir")])
        expect(r.code == 2, "a missing path should exit 2: " + r.describe())
        expect(not os.listdir(outdir), "a failed run left files: %s" % os.listdir(outdir))
        r = s.run(["check", "--format", "json", "--output", os.path.join(outdir, "nodir", "r.json"),
                   s.project({"a.py": "x = 1\n"})])
        expect(r.code == 2, "an unwritable --output should exit 2: " + r.describe())
        expect(not os.listdir(outdir), "an unwritable --output left files: %s" % os.listdir(outdir))
    s.case("no partial --output file on errors", no_partial_output)

    def determinism():
        for target, extra in ((os.path.join(s.repo, "tests", "rules"), ["--report-tests"]),
                              (os.path.join(s.repo, "examples"), [])):
            outs = {}
            for jobs in ("1", "2"):
                out = os.path.join(s.tmpdir(), "r.sarif")
                r = s.run(["check", "--format", "sarif", "--output", out, "--jobs", jobs] + extra + [target],
                          cwd=s.repo)
                expect(r.code in (0, 1), r.describe())
                with open(out, "rb") as fh:
                    outs[jobs] = fh.read()
            expect(outs["1"] == outs["2"], "--jobs 1 and --jobs 2 SARIF differ on %s" % target)
            expect(b'"results"' in outs["1"], "no results array for %s" % target)
    s.case("--jobs 1 and --jobs 2 give byte-identical SARIF on tests/rules and examples/", determinism)


def validate_sarif(s):
    if not s.sarif_to_validate:
        return
    s.current = "SARIF validators"
    script = os.path.join(s.repo, "tests", "sarif", "validate_sarif.sh")
    files = [p for _, p in s.sarif_to_validate]
    start = time.monotonic()
    p = subprocess.run(["sh", script] + files, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       stdin=subprocess.DEVNULL, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    name = "SARIF of %d runs passes both validators" % len(files)
    if p.returncode == 0:
        s.passed += 1
        print("ok    %s (%.1fs)" % (name, time.monotonic() - start))
    else:
        s.failed += 1
        print("FAIL  %s (validate_sarif.sh exit %d)\n      %s" % (
            name, p.returncode, out.strip().replace("\n", "\n      ")))
        for case, path in s.sarif_to_validate:
            print("      %s: %s" % (path, case))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    s = Suite(sys.argv[1], sys.argv[2], sys.argv[3:])
    s.validate_dir = s.tmpdir()
    try:
        register(s)
        validate_sarif(s)
    finally:
        s.cleanup()
    print("%d passed, %d failed, %d skipped" % (s.passed, s.failed, s.skipped))
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main())
