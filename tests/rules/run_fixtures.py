#!/usr/bin/env python3
"""Rule fixture runner for headroom.

Usage:
  run_fixtures.py HEADROOM_BIN FIXTURES_DIR [RULE...]
      Fixture mode. Every directory under FIXTURES_DIR whose name is a rule id
      (kebab-case) holds that rule's fixtures. The directory is analysed as one
      project with `HEADROOM_BIN check --format json --report-tests --no-color DIR`
      and the findings are compared by (file, line) with the markers:

        # expect: RULE[, RULE...]       the line must be flagged (or `// expect:`)
        # todo-expect: RULE             a known gap: must NOT fire yet; if it
                                        fires, promote the mark to expect
        # todo-ok: RULE                 a known false positive: fires and is
                                        tolerated; if it stops, remove the mark

      Rules checked in a directory: the directory's rule and every rule named by
      a marker in it. Any finding of those rules on a line without a matching
      marker is unexpected. Other rules' findings are listed, not judged.
      A notice about a fixture file fails the run (fixtures must parse), unless
      the file is named `*_invalid.*`.
      A sub-folder holding a `.fixture-project` file is a project of its own:
      when a rule directory has such folders, each is analysed alone (for
      project-level rules, or fixtures with their own schema files), and the
      directory's other top-level entries are analysed together in one run.
      Such a project that also holds a `.fixture-all-rules` file is judged
      against every rule: each finding in it, of any rule, needs a marker
      (so a line marked with one rule proves no other rule reports it too),
      and its markers do not add rules to the rest of the directory.

  run_fixtures.py --self-check --docs DOCS_DIR HEADROOM_BIN FIXTURES_DIR
      Every rule that `HEADROOM_BIN rules --format json` lists must have a fixture
      directory with at least one `expect:` marker and at least one file with no
      expect marker (a negative file), and DOCS_DIR/<id>.md whose first line is
      `# <id>: ...` and which states the rule's title sentence.

  run_fixtures.py --docs-examples DOCS_DIR HEADROOM_BIN
      For each DOCS_DIR/<id>.md, every fenced code block under `## Example` must
      produce at least one finding of <id>, and every block under `## Use instead`
      must produce none. Each block is analysed alone in a temporary directory.

  run_fixtures.py --expected FILE HEADROOM_BIN ROOT
      Runs `check --format json --no-color ROOT` and compares the findings of the
      rules named in FILE (lines `path:line:rule`, path relative to ROOT, `#`
      starts a comment) exactly with FILE.

Each comparison is one case. The last line is `N passed, M failed`; the exit
status is 1 when a case failed, 2 on bad usage.
"""

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKER_RE = re.compile(
    r"(?:#|//)\s*(todo-expect|todo-ok|expect)\s*:\s*([a-z0-9]+(?:-[a-z0-9]+)*(?:\s*,\s*[a-z0-9]+(?:-[a-z0-9]+)*)*)"
)
RULE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_EXTS = (".py", ".pyi", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".c", ".h", ".cc", ".cpp", ".hpp")
SKIP_DIRS = ("__pycache__", "node_modules")
FENCE_EXT = {
    "python": ".py", "py": ".py", "python3": ".py",
    "js": ".js", "javascript": ".js", "jsx": ".jsx",
    "ts": ".ts", "typescript": ".ts", "tsx": ".tsx",
    "c": ".c", "cpp": ".cpp", "c++": ".cpp",
}
RUN_TIMEOUT = 300


class Report:
    """Collects cases; prints failures as they come and a closing line."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.gaps = []
        self.tolerated = []

    def ok(self):
        self.passed += 1

    def fail(self, text):
        self.failed += 1
        print("FAIL " + text)

    def close(self):
        if self.gaps:
            print("\nknown gaps (todo-expect, not flagged yet):")
            for g in self.gaps:
                print("  " + g)
        if self.tolerated:
            print("\nknown false positives (todo-ok, still flagged):")
            for t in self.tolerated:
                print("  " + t)
        print("\n%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0


def run_headroom(argv, cwd=None):
    """Runs headroom; returns (exit code, stdout, stderr) or raises RuntimeError."""
    try:
        p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=RUN_TIMEOUT)
    except OSError as e:
        raise RuntimeError("cannot run %s: %s" % (argv[0], e))
    except subprocess.TimeoutExpired:
        raise RuntimeError("%s timed out after %ds" % (" ".join(argv), RUN_TIMEOUT))
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_json(headroom, root, extra=(), paths=None):
    """`headroom check --format json` on root (or on `paths`, relative to root);
    returns the parsed document.

    Exit codes 0 (nothing failing) and 1 (failing findings) are both fine here."""
    argv = [headroom, "check", "--format", "json", "--no-color"] + list(extra) + (list(paths) if paths else [root])
    code, out, err = run_headroom(argv, cwd=root)
    if code not in (0, 1):
        raise RuntimeError("%s exited with %s%s" % (" ".join(argv), describe_exit(code),
                                                    ("\n  stderr: " + err.strip()) if err.strip() else ""))
    try:
        doc = json.loads(out)
    except ValueError as e:
        raise RuntimeError("%s printed invalid JSON (%s); first 300 chars: %r" % (" ".join(argv), e, out[:300]))
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise RuntimeError("%s: JSON has no 'findings' array" % " ".join(argv))
    return doc


def describe_exit(code):
    if code < 0:
        return "signal %d (crash)" % -code
    return "code %d" % code


def list_rules(headroom):
    code, out, err = run_headroom([headroom, "rules", "--format", "json"])
    if code != 0:
        raise RuntimeError("`headroom rules --format json` exited with %s: %s" % (describe_exit(code), err.strip()))
    try:
        rules = json.loads(out)
    except ValueError as e:
        raise RuntimeError("`headroom rules --format json` printed invalid JSON: %s" % e)
    if not isinstance(rules, list) or not all(isinstance(r, dict) and "id" in r for r in rules):
        raise RuntimeError("`headroom rules --format json` is not an array of objects with an 'id'")
    return rules


def rel_to(root, path, cwd):
    """The '/'-separated path of a reported file relative to root, or None if outside.

    A reported path is as discovered (absolute, or relative to the run's cwd)."""
    if path is None:
        return None
    candidates = [path] if os.path.isabs(path) else [os.path.join(cwd, path), os.path.join(root, path)]
    real_root = os.path.realpath(root)
    for c in candidates:
        if os.path.exists(c):
            r = os.path.relpath(os.path.realpath(c), real_root)
            if r == os.pardir or r.startswith(os.pardir + os.sep):
                return None
            return r.replace(os.sep, "/")
    # The file does not exist on disk (should not happen): compare textually.
    r = os.path.relpath(os.path.normpath(candidates[0]), real_root)
    return r.replace(os.sep, "/")


def source_files(root):
    """Analysable files under root, relative '/'-paths, sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        for f in sorted(filenames):
            if f.endswith(SOURCE_EXTS) and not f.startswith("."):
                rel = os.path.relpath(os.path.join(dirpath, f), root)
                out.append(rel.replace(os.sep, "/"))
    return out


PROJECT_MARK = ".fixture-project"
ALL_RULES_MARK = ".fixture-all-rules"


def fixture_projects(root):
    """Sub-folders of a rule directory that hold a `.fixture-project` file, sorted.

    A rule that looks at a whole project (no-query-instrumentation) needs several
    small projects: each such folder is analysed alone, and its findings are judged
    against the markers like any other fixture."""
    out = []
    for d in sorted(os.listdir(root)):
        if os.path.isfile(os.path.join(root, d, PROJECT_MARK)):
            out.append(d)
    return out


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read().splitlines()


def parse_markers(root, files):
    """{(file, line): {rule: kind}} for every marker in files."""
    markers = {}
    for rel in files:
        for lineno, text in enumerate(read_lines(os.path.join(root, rel)), 1):
            for m in MARKER_RE.finditer(text):
                kind = m.group(1)
                for rule in (r.strip() for r in m.group(2).split(",")):
                    slot = markers.setdefault((rel, lineno), {})
                    if rule in slot and slot[rule] != kind:
                        raise RuntimeError("%s:%d: conflicting marks for %s" % (rel, lineno, rule))
                    slot[rule] = kind
    return markers


def source_line(root, rel, line, cache):
    if rel not in cache:
        try:
            cache[rel] = read_lines(os.path.join(root, rel))
        except OSError:
            cache[rel] = []
    lines = cache[rel]
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def display(path):
    """A path for messages: relative to the cwd when below it, absolute otherwise."""
    r = os.path.relpath(os.path.abspath(path))
    return os.path.abspath(path) if r == os.pardir or r.startswith(os.pardir + os.sep) else r


def is_invalid_fixture(rel):
    return fnmatch.fnmatch(os.path.basename(rel), "*_invalid.*")


# ---------------------------------------------------------------------------
# Fixture mode

def run_fixture_dir(headroom, fixtures_dir, rule_id, known_ids, report):
    root = os.path.join(fixtures_dir, rule_id)
    shown = display(root)
    print("== %s (%s)" % (rule_id, shown))
    if known_ids is not None and rule_id not in known_ids:
        report.fail("%s: directory is named after no rule that `headroom rules` lists" % shown)
        return
    files = source_files(root)
    if not files:
        report.fail("%s: no fixture files" % shown)
        return
    try:
        markers = parse_markers(root, files)
    except RuntimeError as e:
        report.fail(str(e))
        return
    # Projects judged against every rule: their markers stay theirs.
    all_rules = [p for p in fixture_projects(root) if os.path.isfile(os.path.join(root, p, ALL_RULES_MARK))]

    def in_all_rules(rel):
        return any(rel.startswith(p + "/") for p in all_rules)

    checked = {rule_id}
    for (rel, _), slot in markers.items():
        if not in_all_rules(rel):
            checked.update(slot)
    if known_ids is not None:
        for (rel, line), slot in sorted(markers.items()):
            for rule in sorted(slot):
                if rule not in known_ids:
                    report.fail("%s/%s:%d: marker names unknown rule '%s'" % (shown, rel, line, rule))
    projects = fixture_projects(root)
    loose_entries = []
    if projects:
        loose = [f for f in files if not any(f.startswith(p + "/") for p in projects)]
        # A directory may mix both: its loose top-level entries are analysed
        # together in one run (as a directory without projects is), each project
        # alone. Only a directory without loose entries of its own holds
        # projects only (no-query-instrumentation).
        loose_entries = sorted({f.split("/")[0] for f in loose})
    try:
        if projects:
            # Project-level rules: each marked sub-folder is one project, run alone.
            doc = {"findings": [], "notices": []}
            for proj in projects:
                part = check_json(headroom, os.path.abspath(os.path.join(root, proj)), ["--report-tests"])
                doc["findings"] += part["findings"]
                doc["notices"] += part.get("notices", []) or []
            if loose_entries:
                part = check_json(headroom, os.path.abspath(root), ["--report-tests"], paths=loose_entries)
                doc["findings"] += part["findings"]
                doc["notices"] += part.get("notices", []) or []
        else:
            doc = check_json(headroom, os.path.abspath(root), ["--report-tests"])
    except RuntimeError as e:
        report.fail(str(e))
        return

    cache = {}
    got = {}      # (file, line, rule) -> [messages]
    other = []
    outside = []
    for f in doc["findings"]:
        rel = rel_to(os.path.abspath(root), f.get("path"), os.path.abspath(root))
        if rel is None:
            outside.append(f)
            continue
        key = (rel, int(f.get("line", 0)), f.get("rule"))
        if f.get("rule") in checked or in_all_rules(rel):
            got.setdefault(key, []).append(f.get("message", ""))
        else:
            other.append(key)
    for f in outside:
        report.fail("%s: finding outside the fixture directory: %s:%s %s" %
                    (shown, f.get("path"), f.get("line"), f.get("rule")))

    for n in doc.get("notices", []) or []:
        rel = rel_to(os.path.abspath(root), n.get("path"), os.path.abspath(root))
        where = "%s/%s:%s" % (shown, rel, n.get("line", 0)) if rel else shown
        text = "%s: notice %s %s: %s" % (where, n.get("code", "?"), n.get("level", "?"), n.get("message", ""))
        if rel and is_invalid_fixture(rel):
            print("note " + text + " (expected: *_invalid file)")
        elif rel:
            report.fail(text + " (fixtures must parse cleanly; name the file *_invalid.* if intended)")
        else:
            print("note " + text)

    counts = {"expect": 0, "todo-expect": 0, "todo-ok": 0}
    for (rel, line), slot in sorted(markers.items()):
        for rule, kind in sorted(slot.items()):
            counts[kind] += 1
            fired = got.pop((rel, line, rule), None)
            where = "%s/%s:%d" % (shown, rel, line)
            code = source_line(root, rel, line, cache)
            if kind == "expect":
                if fired:
                    report.ok()
                else:
                    report.fail("%s: expected %s, got nothing\n     | %s" % (where, rule, code))
            elif kind == "todo-expect":
                if fired:
                    report.fail("%s: %s fires now (%s): promote `todo-expect` to `expect`\n     | %s" %
                                (where, rule, fired[0], code))
                else:
                    report.ok()
                    report.gaps.append("%s: %s | %s" % (where, rule, code))
            else:  # todo-ok
                if fired:
                    report.ok()
                    report.tolerated.append("%s: %s | %s" % (where, rule, code))
                else:
                    report.fail("%s: %s no longer fires: remove the `todo-ok` mark\n     | %s" % (where, rule, code))
    for (rel, line, rule), messages in sorted(got.items()):
        report.fail("%s/%s:%d: unexpected %s: %s\n     | %s" %
                    (shown, rel, line, rule, messages[0], source_line(root, rel, line, cache)))
    if other:
        print("note %d finding(s) of other rules not judged here: %s" %
              (len(other), ", ".join(sorted({k[2] for k in other}))))
    print("   %d files, %d expect, %d todo-expect, %d todo-ok markers; %d findings" %
          (len(files), counts["expect"], counts["todo-expect"], counts["todo-ok"], len(doc["findings"])))


def fixture_mode(args, report):
    fixtures_dir = args.fixtures_dir
    if not os.path.isdir(fixtures_dir):
        report.fail("%s: not a directory" % fixtures_dir)
        return
    try:
        known_ids = {r["id"] for r in list_rules(args.headroom)}
    except RuntimeError as e:
        report.fail(str(e))
        known_ids = None
    dirs = sorted(d for d in os.listdir(fixtures_dir)
                  if os.path.isdir(os.path.join(fixtures_dir, d)) and RULE_ID_RE.match(d))
    if args.rules:
        missing = [r for r in args.rules if r not in dirs]
        for r in missing:
            report.fail("%s: no fixture directory for rule '%s'" % (fixtures_dir, r))
        dirs = [d for d in dirs if d in args.rules]
    if not dirs and not args.rules:
        report.fail("%s: no rule directories" % fixtures_dir)
    for d in dirs:
        run_fixture_dir(args.headroom, fixtures_dir, d, known_ids, report)


# ---------------------------------------------------------------------------
# Self-check mode

def normalise_sentence(s):
    return re.sub(r"\s+", " ", s).strip().rstrip(".").lower()


def self_check_mode(args, report):
    if not args.docs:
        print("--self-check needs --docs DOCS_DIR", file=sys.stderr)
        sys.exit(2)
    try:
        rules = list_rules(args.headroom)
    except RuntimeError as e:
        report.fail(str(e))
        return
    if not rules:
        report.fail("`headroom rules` lists no rules")
    for r in rules:
        rid = r["id"]
        for field in ("name", "stage", "title", "help"):
            if not r.get(field):
                report.fail("%s: `rules --format json` has no %s" % (rid, field))
        fdir = os.path.join(args.fixtures_dir, rid)
        if not os.path.isdir(fdir):
            report.fail("%s: no fixture directory %s" % (rid, fdir))
        else:
            files = source_files(fdir)
            markers = parse_markers(fdir, files)
            with_expect = {rel for (rel, _), slot in markers.items() if "expect" in slot.values()}
            if any(rid in slot and slot[rid] == "expect" for slot in markers.values()):
                report.ok()
            else:
                report.fail("%s: no `expect: %s` marker under %s" % (rid, rid, fdir))
            negatives = [f for f in files if f not in with_expect]
            if negatives:
                report.ok()
            else:
                report.fail("%s: no negative fixture file (one with no expect marker) under %s" % (rid, fdir))
        doc = os.path.join(args.docs, rid + ".md")
        if not os.path.isfile(doc):
            report.fail("%s: no rule doc %s" % (rid, doc))
            continue
        report.ok()
        lines = read_lines(doc)
        first = lines[0] if lines else ""
        if first.startswith("# %s:" % rid):
            report.ok()
        else:
            report.fail("%s: %s must start with `# %s: ...`, found %r" % (rid, doc, rid, first))
        title = r.get("title") or ""
        # The title sentence must be stated before the first `## ` section.
        head = []
        for ln in lines[1:]:
            if ln.startswith("## "):
                break
            head.append(ln)
        if title and normalise_sentence(title) in normalise_sentence(" ".join(head)):
            report.ok()
        else:
            report.fail("%s: %s does not state the rule's title %r before its first section" % (rid, doc, title))


# ---------------------------------------------------------------------------
# Docs examples mode

def doc_sections(lines):
    """{heading: [(lang, code, line)]} for fenced blocks under each `## ` heading."""
    sections = {}
    heading = None
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("## "):
            heading = ln[3:].strip()
            sections.setdefault(heading, [])
        m = re.match(r"^(```+|~~~+)\s*([A-Za-z0-9+_-]*)", ln)
        if m:
            fence, lang, start = m.group(1), m.group(2).lower(), i + 1
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith(fence):
                body.append(lines[i])
                i += 1
            if heading is not None:
                sections[heading].append((lang, "\n".join(body) + "\n", start))
        i += 1
    return sections


def docs_examples_mode(args, report):
    docs_dir = args.docs_examples
    docs = sorted(f for f in os.listdir(docs_dir) if f.endswith(".md")) if os.path.isdir(docs_dir) else []
    if not docs:
        report.fail("%s: no rule docs" % docs_dir)
    for name in docs:
        rid = name[:-3]
        path = os.path.join(docs_dir, name)
        sections = doc_sections(read_lines(path))
        for heading, want in (("Example", True), ("Use instead", False)):
            blocks = [b for b in sections.get(heading, []) if b[0] in FENCE_EXT]
            if not blocks:
                report.fail("%s: no code block under `## %s`" % (path, heading))
                continue
            for lang, code, start in blocks:
                where = "%s:%d (## %s, ```%s)" % (path, start, heading, lang)
                tmp = tempfile.mkdtemp(prefix="headroom-doc-")
                try:
                    fname = os.path.join(tmp, "example" + FENCE_EXT[lang])
                    with open(fname, "w", encoding="utf-8") as fh:
                        fh.write(code)
                    try:
                        doc = check_json(args.headroom, tmp)
                    except RuntimeError as e:
                        report.fail("%s: %s" % (where, e))
                        continue
                    hits = [f for f in doc["findings"] if f.get("rule") == rid]
                    notices = [n for n in doc.get("notices", []) or [] if n.get("path")]
                    if notices:
                        report.fail("%s: the block does not analyse cleanly: %s" %
                                    (where, "; ".join(n.get("message", "") for n in notices)))
                    elif want and not hits:
                        report.fail("%s: must produce a %s finding, got none" % (where, rid))
                    elif not want and hits:
                        report.fail("%s: must stay quiet, got %s at block line %s: %s" %
                                    (where, rid, hits[0].get("line"), hits[0].get("message", "")))
                    else:
                        report.ok()
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# Expected-findings mode (the example application)

def expected_mode(args, report):
    root = os.path.abspath(args.fixtures_dir)
    want = set()
    for lineno, ln in enumerate(read_lines(args.expected), 1):
        ln = ln.split("#", 1)[0].strip()
        if not ln:
            continue
        parts = ln.rsplit(":", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            print("%s:%d: expected `path:line:rule`, found %r" % (args.expected, lineno, ln), file=sys.stderr)
            sys.exit(2)
        want.add((parts[0], int(parts[1]), parts[2]))
    rules = {w[2] for w in want}
    try:
        doc = check_json(args.headroom, root)
    except RuntimeError as e:
        report.fail(str(e))
        return
    for n in doc.get("notices", []) or []:
        if n.get("path"):
            report.fail("notice for %s: %s" % (n.get("path"), n.get("message", "")))
    got = {}
    for f in doc["findings"]:
        if f.get("rule") in rules:
            rel = rel_to(root, f.get("path"), root)
            got[(rel, int(f.get("line", 0)), f.get("rule"))] = f.get("message", "")
    cache = {}
    for key in sorted(want):
        if key in got:
            report.ok()
        else:
            report.fail("%s:%d: expected %s, got nothing\n     | %s" %
                        (key[0], key[1], key[2], source_line(root, key[0], key[1], cache)))
    for key in sorted(set(got) - want):
        report.fail("%s:%d: unexpected %s: %s\n     | %s" %
                    (key[0], key[1], key[2], got[key], source_line(root, key[0], key[1], cache)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("headroom", help="path to the headroom binary")
    ap.add_argument("fixtures_dir", nargs="?", help="directory of rule fixture directories (or ROOT with --expected)")
    ap.add_argument("rules", nargs="*", help="only these rule ids")
    ap.add_argument("--self-check", action="store_true", help="check every rule has fixtures and docs")
    ap.add_argument("--docs", metavar="DOCS_DIR", help="rule docs directory for --self-check")
    ap.add_argument("--docs-examples", metavar="DOCS_DIR", help="check the Example / Use instead blocks of rule docs")
    ap.add_argument("--expected", metavar="FILE", help="compare findings on ROOT with FILE (path:line:rule lines)")
    args = ap.parse_args()
    args.headroom = os.path.abspath(args.headroom)

    if not os.path.isfile(args.headroom) or not os.access(args.headroom, os.X_OK):
        print("run_fixtures.py: %s is not an executable; build headroom first" % args.headroom, file=sys.stderr)
        return 2
    if not args.docs_examples and not args.fixtures_dir:
        ap.error("FIXTURES_DIR is required")

    report = Report()
    if args.docs_examples:
        docs_examples_mode(args, report)
    elif args.self_check:
        self_check_mode(args, report)
    elif args.expected:
        expected_mode(args, report)
    else:
        fixture_mode(args, report)
    return report.close()


if __name__ == "__main__":
    sys.exit(main())
