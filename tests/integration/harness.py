"""Shared helpers for the integration suites (run_integration.py).

A Suite runs cases; each case builds projects in fresh temporary folders, runs
the headroom binary and checks what it printed. `expect` raises Failed with
the command line and its output, so a failure says what was run. Nothing here
skips silently: a missing tool fails the case with what to install.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

TIMEOUT = 180
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


class Failed(Exception):
    pass


class Result:
    def __init__(self, argv, code, out, err, cwd=None):
        self.argv, self.code, self.out, self.err, self.cwd = argv, code, out, err, cwd

    @property
    def crashed(self):
        return self.code not in (0, 1, 2)

    def describe(self):
        how = "timed out" if self.code is None else (
            "killed by signal %d" % -self.code if self.code < 0 else "exit %d" % self.code)
        text = "`%s` -> %s" % (" ".join(str(a) for a in self.argv), how)
        if self.cwd:
            text += " (in %s)" % self.cwd
        if self.out.strip():
            text += "\n       stdout: " + self.out.strip()[:3000].replace("\n", "\n               ")
        if self.err.strip():
            text += "\n       stderr: " + self.err.strip()[:3000].replace("\n", "\n               ")
        return text

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError as e:
            raise Failed("invalid JSON (%s): %s" % (e, self.describe()))


def expect(cond, what, result=None):
    if not cond:
        raise Failed(what + ("\n       " + result.describe() if result is not None else ""))


def run_cmd(argv, cwd=None, env=None, stdin=None):
    full_env = dict(os.environ)
    for k in ("NO_COLOR", "CI"):
        full_env.pop(k, None)
    if env:
        for k, v in env.items():
            if v is None:
                full_env.pop(k, None)
            else:
                full_env[k] = v
    try:
        p = subprocess.run([str(a) for a in argv], cwd=cwd, env=full_env,
                           input=stdin.encode() if stdin else None,
                           stdin=None if stdin else subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        return Result(argv, p.returncode, p.stdout.decode("utf-8", "replace"),
                      p.stderr.decode("utf-8", "replace"), cwd)
    except subprocess.TimeoutExpired:
        return Result(argv, None, "", "", cwd)


class Suite:
    def __init__(self, headroom, only=None):
        self.headroom = os.path.abspath(headroom)
        self.only = only or []
        self.passed = self.failed = 0
        self.tmpdirs = []

    def run(self, *args, cwd=None, env=None):
        r = run_cmd([self.headroom] + list(args), cwd=cwd, env=env)
        if r.crashed:
            raise Failed("crashed: " + r.describe())
        return r

    def check(self, *args, fmt="json", cwd=None, env=None, codes=(0, 1)):
        """`headroom check --format FMT --select query-in-loop ARGS`; returns
        (result, parsed JSON or None). One rule only: the suites test what
        happens around rules, and rules that land later must not change it."""
        r = self.run("check", "--format", fmt, "--no-color", "--select", "query-in-loop", *args,
                     cwd=cwd, env=env)
        expect(r.code in codes, "expected exit status in %s" % (codes,), r)
        return r, (r.json() if fmt in ("json", "sarif", "gitlab") else None)

    def tmpdir(self):
        d = os.path.realpath(tempfile.mkdtemp(prefix="headroom-int-"))
        self.tmpdirs.append(d)
        return d

    def project(self, files, git_marker=True):
        """A temporary project {relpath: text | bytes}; a `.git` folder marks its root."""
        root = self.tmpdir()
        if git_marker:
            os.mkdir(os.path.join(root, ".git"))
        write_files(root, files)
        return root

    def cleanup(self):
        for d in self.tmpdirs:
            shutil.rmtree(d, ignore_errors=True)

    def case(self, name, fn):
        if self.only and not any(s in name for s in self.only):
            return
        try:
            fn()
        except Failed as e:
            self.failed += 1
            print("FAIL %s: %s" % (name, e))
            return
        except Exception:  # a bug in the test or an unexpected output shape
            self.failed += 1
            print("FAIL %s: unexpected error\n%s" % (name, traceback.format_exc()))
            return
        self.passed += 1
        print("ok   %s" % name)

    def finish(self):
        self.cleanup()
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed or not self.passed else 0


def write_files(root, files):
    for rel, content in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode, **({} if isinstance(content, bytes) else {"encoding": "utf-8"})) as fh:
            fh.write(content)


TMP_PREFIX = re.compile(r"^.*/headroom-int-[^/]+/")


def norm(path):
    """A display path with the temporary project folder cut off."""
    return TMP_PREFIX.sub("", path) if path else path


def findings(doc, rule=None):
    """(path, line) of each finding of a `--format json` document, paths
    relative to the temporary project."""
    return sorted((norm(f["path"]), f["line"]) for f in doc["findings"] if rule in (None, f["rule"]))


def notices(doc, code=None):
    """Notices (with project-relative paths) of a `--format json` document."""
    out = []
    for n in doc["notices"]:
        if code in (None, n["code"]):
            n = dict(n)
            n["path"] = norm(n["path"])
            out.append(n)
    return out


def sarif_results(doc):
    runs = doc.get("runs")
    expect(isinstance(runs, list) and len(runs) == 1, "a SARIF log must hold exactly one run")
    return runs[0].get("results", [])


def sarif_notifications(doc):
    inv = doc["runs"][0].get("invocations", [{}])
    return inv[0].get("toolExecutionNotifications", [])


def main(suites):
    if len(sys.argv) < 3 or sys.argv[1] not in suites:
        print("usage: %s {%s} HEADROOM_BIN [ARGS...]" % (sys.argv[0], "|".join(sorted(suites))),
              file=sys.stderr)
        return 2
    name, headroom, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not os.access(headroom, os.X_OK):
        print("not an executable: %s" % headroom, file=sys.stderr)
        return 2
    s = Suite(headroom, [a[len("--only="):] for a in rest if a.startswith("--only=")])
    suites[name](s, [a for a in rest if not a.startswith("--only=")])
    return s.finish()
