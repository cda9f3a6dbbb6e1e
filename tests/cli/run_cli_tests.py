#!/usr/bin/env python3
"""Command-line tests for headroom.

Usage: run_cli_tests.py HEADROOM_BIN [NAME_SUBSTRING...]

Each check below builds its projects in fresh temporary directories, runs the
binary and checks exit status and output. Every check is one case; the last
line is `N passed, M failed, K skipped`; the exit status is 1 when a case failed.
A run that ends with any exit status but 0, 1 or 2 (a crash, a signal) fails the
case it belongs to.
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
RULE_DOC = os.path.join(REPO, "docs", "rules", "query-in-loop.md")
TIMEOUT = 120

# A Django view with an N+1 query on line QUERY_LINE.
QUERY_LOOP = '''from django.shortcuts import render

from shop.models import Customer, Order


def customer_report(request):
    rows = []
    for customer in Customer.objects.order_by("name"):
        rows.append((customer.name, Order.objects.filter(customer=customer).count()))
    return render(request, "report.html", {"rows": rows})
'''
QUERY_LINE = 9

CLEAN = '''from django.db.models import Count

from shop.models import Customer


def customer_report():
    customers = Customer.objects.annotate(order_count=Count("orders"))
    return [(c.name, c.order_count) for c in customers]


def total(prices):
    return sum(p * 2 for p in prices)
'''

SYNTAX_ERROR = '''def broken(:
    return 1
'''


class Result:
    def __init__(self, argv, code, out, err):
        self.argv, self.code, self.out, self.err = argv, code, out, err

    @property
    def crashed(self):
        return self.code not in (0, 1, 2)

    def describe(self):
        if self.code is None:
            how = "timed out"
        elif self.code < 0:
            how = "killed by signal %d" % -self.code
        else:
            how = "exit %d" % self.code
        text = "`%s` -> %s" % (" ".join(self.argv[1:]), how)
        if self.err.strip():
            text += "\n       stderr: " + self.err.strip().replace("\n", "\n               ")
        return text

    def json(self):
        return json.loads(self.out)


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


class Suite:
    def __init__(self, headroom, only):
        self.headroom = headroom
        self.only = only
        self.passed = self.failed = self.skipped = 0
        self.tmpdirs = []

    # -- running -------------------------------------------------------------

    def run(self, *args, cwd=None, env=None):
        argv = [self.headroom] + [str(a) for a in args]
        full_env = dict(os.environ)
        full_env.pop("NO_COLOR", None)
        if env:
            full_env.update(env)
        try:
            p = subprocess.run(argv, cwd=cwd, env=full_env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
            r = Result(argv, p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))
        except subprocess.TimeoutExpired:
            r = Result(argv, None, "", "")
        if r.crashed:
            raise Failed("crashed: " + r.describe())
        return r

    def check_json(self, *args, **kw):
        r = self.run("check", "--format", "json", "--no-color", *args, **kw)
        expect(r.code in (0, 1), "expected exit 0 or 1", r)
        try:
            return r, r.json()
        except ValueError as e:
            raise Failed("invalid JSON (%s): %s\n       stdout starts: %r" % (e, r.describe(), r.out[:200]))

    # -- projects ------------------------------------------------------------

    def project(self, files, git=False):
        """A temporary project: {relpath: str | bytes | ('symlink', target)}."""
        root = os.path.realpath(tempfile.mkdtemp(prefix="headroom-cli-"))
        self.tmpdirs.append(root)
        for rel, content in files.items():
            path = os.path.join(root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if isinstance(content, tuple) and content[0] == "symlink":
                os.symlink(content[1], path)
            elif isinstance(content, bytes):
                with open(path, "wb") as fh:
                    fh.write(content)
            else:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(content)
        if git:
            subprocess.run(["git", "init", "-q", root], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        return root

    def tmpdir(self):
        d = os.path.realpath(tempfile.mkdtemp(prefix="headroom-cli-"))
        self.tmpdirs.append(d)
        return d

    def cleanup(self):
        for d in self.tmpdirs:
            for dirpath, dirnames, _ in os.walk(d):
                for name in dirnames:
                    try:
                        os.chmod(os.path.join(dirpath, name), 0o755)
                    except OSError:
                        pass
            shutil.rmtree(d, ignore_errors=True)

    # -- cases ---------------------------------------------------------------

    def case(self, name, fn):
        if self.only and not any(s in name for s in self.only):
            return
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


def expect(cond, what, result=None):
    if not cond:
        raise Failed(what + ("\n       " + result.describe() if result is not None else ""))


def rel_findings(doc, root, rule=None):
    """{(relpath, line, rule)} of a JSON report; relpath relative to root."""
    out = set()
    for f in doc.get("findings", []):
        if rule and f.get("rule") != rule:
            continue
        out.add((relpath(f.get("path"), root), f.get("line"), f.get("rule")))
    return out


def relpath(path, root):
    if path is None:
        return None
    full = path if os.path.isabs(path) else os.path.join(root, path)
    if not os.path.lexists(full):
        full = os.path.join(os.getcwd(), path)
    return os.path.relpath(os.path.realpath(full) if os.path.exists(full) else os.path.normpath(full),
                           root).replace(os.sep, "/")


def notices_for(doc, root, rel):
    return [n for n in doc.get("notices", []) if n.get("path") and relpath(n["path"], root) == rel]


def one_line_error(r):
    lines = [ln for ln in r.err.splitlines() if ln.strip()]
    return len(lines) == 1


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    headroom = os.path.abspath(sys.argv[1])
    if not os.access(headroom, os.X_OK):
        print("run_cli_tests.py: %s is not an executable; build headroom first" % headroom, file=sys.stderr)
        return 2
    s = Suite(headroom, sys.argv[2:])
    try:
        register(s)
    finally:
        s.cleanup()
    print("\n%d passed, %d failed, %d skipped" % (s.passed, s.failed, s.skipped))
    return 1 if s.failed else 0


def register(s):
    finding_root = s.project({"app/views.py": QUERY_LOOP, "app/__init__.py": ""})
    clean_root = s.project({"app/views.py": CLEAN, "app/__init__.py": ""})
    expected = {("app/views.py", QUERY_LINE, "query-in-loop")}

    # -- basics ----------------------------------------------------------------

    def version():
        r = s.run("--version")
        expect(r.code == 0 and r.out.strip() == "headroom 0.1.0", "expected `headroom 0.1.0` and exit 0", r)
    s.case("version", version)

    def help_():
        r = s.run("--help")
        expect(r.code == 0, "expected exit 0", r)
        expect("check" in r.out and "--scale" in r.out, "help on stdout should mention `check` and `--scale`", r)
    s.case("help", help_)

    def unknown_flag():
        r = s.run("check", "--bogus-flag", finding_root)
        expect(r.code == 2, "expected exit 2", r)
        expect(r.out == "", "nothing on stdout", r)
        expect(one_line_error(r), "expected a one-line message on stderr", r)
        expect("--bogus-flag" in r.err, "the message should name the flag", r)
        expect("--help" in r.err, "the message should say what to do (e.g. see --help)", r)
    s.case("unknown flag: exit 2, one line on stderr", unknown_flag)

    def missing_path():
        r = s.run("check", os.path.join(s.tmpdir(), "does-not-exist"))
        expect(r.code == 2, "expected exit 2", r)
        expect(r.err.strip(), "expected a message on stderr", r)
    s.case("check on a missing path: exit 2", missing_path)

    def bad_format():
        r = s.run("check", "--format", "bogus", finding_root)
        expect(r.code == 2 and r.err.strip(), "expected exit 2 with a message", r)
    s.case("--format bogus: exit 2", bad_format)

    def bad_scale():
        r = s.run("check", "--scale", "5k", finding_root)
        expect(r.code == 2 and r.err.strip(), "expected exit 2 with a message", r)
    s.case("--scale 5k: exit 2", bad_scale)

    # -- exit status and text output --------------------------------------------

    def clean():
        r = s.run("check", "--no-color", clean_root)
        expect(r.code == 0, "expected exit 0 on a clean project", r)
        expect(re.search(r"no findings|no problems|nothing found|0 findings", r.out, re.I),
               "expected a `no findings` message, got: %r" % r.out[:300], r)
    s.case("clean project: exit 0, `no findings`", clean)

    def finding_text():
        r = s.run("check", "--no-color", finding_root)
        expect(r.code == 1, "expected exit 1", r)
        expect("[1k] query-in-loop" in r.out, "expected `[1k] query-in-loop` in: %r" % r.out[:500], r)
        expect("views.py:%d" % QUERY_LINE in r.out, "expected the location views.py:%d" % QUERY_LINE, r)
    s.case("query in a loop: exit 1, `[1k] query-in-loop`", finding_text)

    def no_color():
        r = s.run("check", "--no-color", finding_root)
        expect("\x1b[" not in r.out + r.err, "--no-color output has escape sequences", r)
        r = s.run("check", finding_root, env={"NO_COLOR": "1"})
        expect("\x1b[" not in r.out + r.err, "NO_COLOR=1 output has escape sequences", r)
    s.case("--no-color and NO_COLOR: no escape sequences", no_color)

    def scale_1k():
        r = s.run("check", "--scale", "1k", finding_root)
        expect(r.code == 1, "a 1k finding fails at --scale 1k", r)
    s.case("--scale 1k: a 1k finding fails", scale_1k)

    def scale_1m():
        r = s.run("check", "--scale", "1M", finding_root)
        expect(r.code == 1, "a 1k finding is below 1M, so it fails at --scale 1M", r)
        r, doc = s.check_json("--scale", "1M", finding_root)
        expect(all(f.get("fails") is True for f in doc["findings"]), "every 1k finding has fails: true", r)
    s.case("--scale 1M: a 1k finding fails", scale_1m)

    def scale_above():
        rules = json.loads(s.run("rules", "--format", "json").out)
        later = [r for r in rules if r.get("stage") != "1k"]
        if not later:
            raise Skipped("every rule is at stage 1k: no finding above a scale to test with")
        raise Skipped("rules above 1k exist (%s): add a project for them here" %
                      ", ".join(r["id"] for r in later))
    s.case("--scale: findings at later stages do not fail", scale_above)

    def select_ignore():
        r = s.run("check", "--select", "query-in-loop", finding_root)
        expect(r.code == 1, "--select query-in-loop keeps the finding", r)
        r = s.run("check", "--ignore", "query-in-loop", finding_root)
        expect(r.code == 0, "--ignore query-in-loop: exit 0", r)
        r, doc = s.check_json("--ignore", "query-in-loop", finding_root)
        expect(not rel_findings(doc, finding_root, "query-in-loop"), "no query-in-loop finding with --ignore", r)
    s.case("--select / --ignore query-in-loop", select_ignore)

    # -- --output ------------------------------------------------------------------

    def output_file():
        out = os.path.join(s.tmpdir(), "report.json")
        r = s.run("check", "--format", "json", "--output", out, finding_root)
        expect(r.code == 1, "expected exit 1", r)
        expect(os.path.isfile(out), "--output file was not written", r)
        with open(out, encoding="utf-8") as fh:
            doc = json.load(fh)
        expect(rel_findings(doc, finding_root) >= expected, "the written report lacks the finding", r)
        expect("query-in-loop" not in r.out, "the report went to stdout as well", r)
        leftovers = [f for f in os.listdir(os.path.dirname(out)) if f != "report.json"]
        expect(not leftovers, "temporary files left next to the report: %s" % leftovers, r)
    s.case("--output FILE writes the report", output_file)

    def output_on_error():
        d = s.tmpdir()
        out = os.path.join(d, "report.json")
        r = s.run("check", "--format", "json", "--output", out, os.path.join(d, "missing"))
        expect(r.code == 2, "expected exit 2 for a missing path", r)
        expect(not os.listdir(d), "an error left files behind: %s" % os.listdir(d), r)
        with open(out, "w") as fh:
            fh.write("previous report\n")
        r = s.run("check", "--format", "json", "--output", out, os.path.join(d, "missing"))
        expect(r.code == 2, "expected exit 2 for a missing path", r)
        with open(out) as fh:
            expect(fh.read() == "previous report\n", "an error changed the existing --output file", r)
        expect(sorted(os.listdir(d)) == ["report.json"], "an error left files behind: %s" % os.listdir(d), r)
    s.case("--output: nothing written, nothing partial on error", output_on_error)

    def output_unwritable():
        out = os.path.join(s.tmpdir(), "no", "such", "dir", "report.json")
        r = s.run("check", "--output", out, finding_root)
        expect(r.code == 2 and r.err.strip(), "expected exit 2 with a message for an unwritable --output", r)
    s.case("--output into a missing directory: exit 2", output_unwritable)

    # -- formats -------------------------------------------------------------------

    def sarif():
        r = s.run("check", "--format", "sarif", finding_root)
        expect(r.code == 1, "expected exit 1", r)
        doc = r.json()
        expect(doc.get("version") == "2.1.0", "SARIF version must be 2.1.0, got %r" % doc.get("version"), r)
        runs = doc.get("runs")
        expect(isinstance(runs, list) and len(runs) == 1, "expected one run", r)
        driver = runs[0].get("tool", {}).get("driver", {})
        expect(driver.get("name") == "headroom", "tool.driver.name should be headroom", r)
        ids = [res.get("ruleId") for res in runs[0].get("results", [])]
        expect("query-in-loop" in ids, "no query-in-loop result: %s" % ids, r)
        res = [x for x in runs[0]["results"] if x.get("ruleId") == "query-in-loop"][0]
        region = res["locations"][0]["physicalLocation"]["region"]
        expect(region.get("startLine") == QUERY_LINE, "result startLine %r, want %d" % (region.get("startLine"), QUERY_LINE), r)
    s.case("--format sarif: valid SARIF 2.1.0", sarif)

    def json_format():
        r, doc = s.check_json(finding_root)
        expect(r.code == 1, "expected exit 1", r)
        expect(doc.get("version") == "0.1.0", "version should be 0.1.0", r)
        got = rel_findings(doc, finding_root)
        expect(got >= expected, "expected %s in %s" % (expected, got), r)
        f = [x for x in doc["findings"] if x.get("rule") == "query-in-loop"][0]
        for key in ("stage", "fails", "path", "line", "column", "end_line", "end_column", "message", "help"):
            expect(key in f, "finding has no %r" % key, r)
        expect(f["stage"] == "1k" and f["fails"] is True, "stage 1k, fails true", r)
        summary = doc.get("summary", {})
        expect(summary.get("findings") == len(doc["findings"]), "summary.findings != number of findings", r)
        expect(summary.get("by_stage", {}).get("1k", 0) >= 1, "summary.by_stage.1k should count the finding", r)
        expect(isinstance(doc.get("notices"), list), "notices should be an array", r)
    s.case("--format json parses and has the finding", json_format)

    def rules_text():
        r = s.run("rules")
        expect(r.code == 0, "expected exit 0", r)
        lines = [ln for ln in r.out.splitlines() if "query-in-loop" in ln]
        expect(lines and "1k" in lines[0], "expected a line with query-in-loop and 1k", r)
    s.case("rules lists query-in-loop with stage 1k", rules_text)

    def rules_json():
        r = s.run("rules", "--format", "json")
        expect(r.code == 0, "expected exit 0", r)
        rules = r.json()
        expect(isinstance(rules, list), "expected an array", r)
        q = [x for x in rules if x.get("id") == "query-in-loop"]
        expect(q, "query-in-loop missing", r)
        expect(q[0].get("stage") == "1k" and "python" in q[0].get("languages", []),
               "query-in-loop: stage 1k, languages include python: %r" % q[0], r)
        for key in ("name", "precision", "title", "help"):
            expect(q[0].get(key), "rule has no %s" % key, r)
    s.case("rules --format json", rules_json)

    def explain():
        r = s.run("explain", "query-in-loop")
        expect(r.code == 0, "expected exit 0", r)
        expect("query-in-loop" in r.out, "the doc should name the rule", r)
        if os.path.isfile(RULE_DOC):
            with open(RULE_DOC, encoding="utf-8") as fh:
                doc_lines = [ln.strip() for ln in fh.read().splitlines()]
            sample = [ln for ln in doc_lines if ln.startswith("## ")]
            missing = [ln for ln in sample if ln[3:] not in r.out]
            expect(not missing, "explain output lacks the doc's sections %s" % missing, r)
    s.case("explain query-in-loop prints the doc", explain)

    def explain_unknown():
        r = s.run("explain", "nope")
        expect(r.code == 2 and r.err.strip(), "expected exit 2 with a message", r)
    s.case("explain nope: exit 2", explain_unknown)

    # -- bad input is data --------------------------------------------------------------

    big = QUERY_LOOP + "\n" + "\n".join("# padding line %04d to exceed the size cap" % i for i in range(40)) + "\n"
    assert len(big.encode()) > 1000
    bad_files = {
        "binary.py": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(256)) * 4,
        "badutf8.py": b"def greet():\n    return 'caf\xe9 \xff\xfe'\n",
        "syntax.py": SYNTAX_ERROR,
        "empty.py": "",
        "big.py": big,
    }
    wants_notice = ("binary.py", "badutf8.py", "syntax.py", "big.py")

    def bad_input_alone(name):
        def fn():
            root = s.project({name: bad_files[name]})
            r, doc = s.check_json("--max-file-size", "1000", root)
            if name in wants_notice:
                expect(notices_for(doc, root, name), "expected a notice for %s, got %s" % (name, doc.get("notices")), r)
            if name == "big.py":
                expect(not rel_findings(doc, root), "a file over --max-file-size was analysed", r)
        return fn
    for name in bad_files:
        s.case("bad input alone: %s" % name, bad_input_alone(name))

    def bad_input_mixed():
        files = dict(bad_files)
        files["good.py"] = QUERY_LOOP
        root = s.project(files)
        r, doc = s.check_json("--max-file-size", "1000", root)
        expect(r.code == 1, "the good file's finding should still fail the run", r)
        expect(("good.py", QUERY_LINE, "query-in-loop") in rel_findings(doc, root),
               "the run stopped reporting after bad input", r)
        missing = [n for n in wants_notice if not notices_for(doc, root, n)]
        expect(not missing, "no notice for %s" % missing, r)
    s.case("bad input among good files: notices, run completes", bad_input_mixed)

    def big_schema_files():
        # A schema file over the cap is most often a data dump: an info notice, not a warning.
        dump = "CREATE TABLE t (id int PRIMARY KEY);\n" + "INSERT INTO t VALUES (1);\n" * 100
        model = "model T {\n  id Int @id\n" + "  // padding line to exceed the size cap\n" * 40 + "}\n"
        root = s.project({"db/dump.sql": dump, "prisma/schema.prisma": model, "big.py": big})
        r, doc = s.check_json("--max-file-size", "1000", root)
        for name, level in (("db/dump.sql", "info"), ("prisma/schema.prisma", "info"), ("big.py", "warning")):
            got = [(n.get("code"), n.get("level")) for n in notices_for(doc, root, name)]
            expect(got == [("HRN0003", level)], "%s over the size cap: notices %s, want HRN0003 %s" % (name, got, level), r)
        msg = [n.get("message", "") for n in notices_for(doc, root, "db/dump.sql")]
        expect(msg and "max-file-size" in msg[0] and "schema file" in msg[0], "the schema size notice: %s" % msg, r)
    s.case("schema files over the size cap: info notices", big_schema_files)

    def unreadable():
        root = s.project({"locked.py": QUERY_LOOP, "good.py": CLEAN})
        path = os.path.join(root, "locked.py")
        os.chmod(path, 0)
        if os.access(path, os.R_OK):
            raise Skipped("running as a user who can read a chmod 000 file (root)")
        r, doc = s.check_json(root)
        expect(notices_for(doc, root, "locked.py"), "expected a notice for an unreadable file", r)
    s.case("unreadable file: a notice", unreadable)

    # -- discovery ----------------------------------------------------------------------

    def gitignored():
        root = s.project({
            ".gitignore": "generated/\nlegacy_*.py\n",
            "app/views.py": QUERY_LOOP,
            "generated/views.py": QUERY_LOOP,
            "legacy_views.py": QUERY_LOOP,
            "sub/.gitignore": "local.py\n",
            "sub/local.py": QUERY_LOOP,
            "sub/kept.py": QUERY_LOOP,
        }, git=True)
        r, doc = s.check_json(root)
        got = {f[0] for f in rel_findings(doc, root)}
        expect(got == {"app/views.py", "sub/kept.py"}, "expected findings only in app/views.py and sub/kept.py, got %s" % sorted(got), r)
    s.case(".gitignore'd files are not reported", gitignored)

    skipped = {
        "hidden dir": ".cache/views.py",
        "node_modules": "node_modules/pkg/views.py",
        "__pycache__": "app/__pycache__/views.py",
        "venv (by pyvenv.cfg)": "py311env/lib/python3.11/site/views.py",
    }

    def skipped_dir(label, rel):
        def fn():
            files = {"app/views.py": QUERY_LOOP, rel: QUERY_LOOP}
            if label.startswith("venv"):
                files["py311env/pyvenv.cfg"] = "home = /usr/bin\nversion = 3.11.7\n"
            root = s.project(files)
            r, doc = s.check_json(root)
            got = {f[0] for f in rel_findings(doc, root)}
            expect("app/views.py" in got, "the control file was not reported", r)
            expect(rel not in got, "%s was analysed and reported" % rel, r)
        return fn
    for label, rel in skipped.items():
        s.case("skipped: %s" % label, skipped_dir(label, rel))

    tests_project = {
        "app/views.py": QUERY_LOOP,
        "tests/test_views.py": QUERY_LOOP,
        "app/migrations/0002_backfill.py": QUERY_LOOP,
    }

    def tests_default():
        root = s.project(tests_project)
        r, doc = s.check_json(root)
        got = {f[0] for f in rel_findings(doc, root)}
        expect(got == {"app/views.py"}, "by default only app/views.py is reported, got %s" % sorted(got), r)
    s.case("tests/ and migrations/ not reported by default", tests_default)

    def report_tests():
        root = s.project(tests_project)
        r, doc = s.check_json("--report-tests", root)
        got = {f[0] for f in rel_findings(doc, root)}
        expect(got == {"app/views.py", "tests/test_views.py"}, "--report-tests: got %s" % sorted(got), r)
    s.case("--report-tests reports tests/", report_tests)

    def report_migrations():
        root = s.project(tests_project)
        r, doc = s.check_json("--report-migrations", root)
        got = {f[0] for f in rel_findings(doc, root)}
        expect(got == {"app/views.py", "app/migrations/0002_backfill.py"}, "--report-migrations: got %s" % sorted(got), r)
    s.case("--report-migrations reports migrations/", report_migrations)

    def symlinks_outside():
        outside = s.project({"views.py": QUERY_LOOP, "pkg/views.py": QUERY_LOOP})
        root = s.project({
            "app/views.py": QUERY_LOOP,
            "linked.py": ("symlink", os.path.join(outside, "views.py")),
            "linkeddir": ("symlink", os.path.join(outside, "pkg")),
        })
        r, doc = s.check_json(root)
        got = {f[0] for f in rel_findings(doc, root)}
        expect(got == {"app/views.py"}, "symlinks out of the root were followed: %s" % sorted(got), r)
        expect(not any(str(f.get("path", "")).startswith(outside) for f in doc["findings"]),
               "a file outside the root was reported", r)
    s.case("symlinks pointing outside the root are not followed", symlinks_outside)

    def jobs_identical():
        files = {"pkg/__init__.py": ""}
        for i in range(24):
            files["pkg/mod%02d.py" % i] = QUERY_LOOP if i % 3 else CLEAN
        files["pkg/broken.py"] = SYNTAX_ERROR
        root = s.project(files)
        outs = {}
        for fmt in ("json", "text"):
            for jobs in ("1", "2"):
                r = s.run("check", "--format", fmt, "--no-color", "--jobs", jobs, root)
                expect(r.code == 1, "expected exit 1", r)
                outs[(fmt, jobs)] = r.out
            expect(outs[(fmt, "1")] == outs[(fmt, "2")], "--jobs 1 and --jobs 2 differ in %s output" % fmt)
        doc = json.loads(outs[("json", "1")])
        expect(len(doc["findings"]) == 16, "expected 16 findings, got %d" % len(doc["findings"]))
    s.case("--jobs 1 and --jobs 2 give identical output", jobs_identical)


if __name__ == "__main__":
    sys.exit(main())
