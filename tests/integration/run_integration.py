#!/usr/bin/env python3
"""Integration tests: where users meet headroom.

Usage: run_integration.py SUITE HEADROOM_BIN [ARGS...] [--only=SUBSTRING]

Suites (one ctest test each, see CMakeLists.txt):
  config     .headroom.yml: discovery, every error case, precedence, exclude,
             per-path-ignores, user knowledge end to end
  suppress   inline `headroom: ignore[...] -- reason` comments, HRN0101/2/3,
             --report-suppressed in text, JSON and SARIF
  baseline   --write-baseline / --baseline: what survives edits, what does not
  formats    --format github (workflow commands, escaping) and gitlab (Code Quality)
  sarif      GitHub code scanning: --max-results, --sarif-category,
             invocations, codeFlows, determinism across --jobs
  validate   tests/sarif/validate_sarif.sh on SARIF from real runs (ARGS: script path)
  hook       --hook: whole project read, only the named files reported
  precommit  .pre-commit-hooks.yaml with the real pre-commit, git commit blocked/allowed
  action     action.yml: shape, and its shell steps run here against the built binary
  man        docs/headroom.1 renders without warnings, lists every flag, is installed
             (ARGS: build dir)
"""

import json
import os
import re
import shutil
import subprocess
import sys

import fixtures as fx
from harness import (REPO, Failed, expect, findings, main, norm, notices, run_cmd,
                     sarif_notifications, sarif_results, write_files)

# The suites test what happens around rules, not the rules: only query-in-loop
# runs, so that rules landing later do not change what the suites see.
SEL = ("--select", "query-in-loop")


# ---------------------------------------------------------------------------------------------
# config

def suite_config(s, args):
    def error_case(name, config, want_line, want_key, want_text):
        def fn():
            root = s.project({"views.py": fx.QUERY_LOOP, ".headroom.yml": config})
            r = s.run("check", *SEL, root)
            expect(r.code == 2, "a bad config must exit 2", r)
            lines = r.err.strip().splitlines()
            expect(len(lines) == 1, "the error must be one line", r)
            expect(".headroom.yml:%d: " % want_line in lines[0],
                   "the error must name the file and line %d" % want_line, r)
            if want_key:
                expect(": %s: " % want_key in lines[0], "the error must name the key '%s'" % want_key, r)
            expect(want_text in lines[0], "the error should say %r" % want_text, r)
            expect(not r.out, "nothing may be reported when the config is bad", r)
        s.case("config error: " + name, fn)

    error_case("unknown key", "scale: 1k\ncolour: red\n", 2, "colour", "unknown key")
    error_case("bad scale", "scale: 5k\n", 1, "scale", "unknown scale '5k'")
    error_case("scale is a list", "scale: [1k]\n", 1, "scale", "unknown scale")
    error_case("select is a string", "select: query-in-loop\n", 1, "select", "must be a list of rule ids")
    error_case("unknown rule in ignore", "ignore:\n  - query-in-loop\n  - no-such-rule\n", 3, "ignore",
               "unknown rule 'no-such-rule'")
    error_case("report-tests not a bool", "report-tests: yes\n", 1, "report-tests", "must be true or false")
    error_case("report-migrations quoted", "report-migrations: \"true\"\n", 1, "report-migrations",
               "must be true or false")
    error_case("jobs zero", "jobs: 0\n", 1, "jobs", "must be a whole number from 1 to 1024")
    error_case("jobs text", "jobs: two\n", 1, "jobs", "must be a whole number")
    error_case("max-file-size negative", "max-file-size: -5\n", 1, "max-file-size", "must be a whole number")
    error_case("exclude is a number", "exclude: 3\n", 1, "exclude", "must be a list of globs")
    error_case("exclude entry is a mapping", "exclude:\n  - {a: b}\n", 2, "exclude", "each entry must be")
    error_case("per-path-ignores is a list", "per-path-ignores: [a]\n", 1, "per-path-ignores",
               "must be a mapping of glob")
    error_case("per-path-ignores unknown rule", "per-path-ignores:\n  \"scripts/**\": [nope]\n", 2,
               "per-path-ignores", "unknown rule 'nope'")
    error_case("duplicate key", "scale: 1k\nscale: 10k\n", 2, "scale", "given twice")
    error_case("not a mapping", "- scale\n", 1, None, "must be a mapping of keys")
    error_case("invalid YAML", "scale: 1k\nselect: [a\n", 3, None, "invalid YAML")
    error_case("knowledge not a mapping", "knowledge: [python]\n", 1, "knowledge", "must be a mapping")
    error_case("knowledge: bad 'on'",
               "scale: 1k\nknowledge:\n  python:\n    queries:\n      - framework: x\n        on: sideways\n"
               "        functions: [a.b]\n", 6, None, "'on' must be one of chain, model, instance, call")
    error_case("knowledge: unknown entry key",
               "knowledge:\n  python:\n    queries:\n      - framework: x\n        on: call\n"
               "        functionz: [a.b]\n", 6, None, "unknown key 'functionz'")
    error_case("knowledge: unknown language",
               "knowledge:\n  cobol:\n    queries: []\n", 2, None, "unknown language section 'cobol'")
    error_case("knowledge: entry without functions",
               "knowledge:\n  python:\n    queries:\n      - framework: x\n        on: call\n", 4, None,
               "needs 'functions'")

    def documented_examples():
        with open(os.path.join(REPO, "docs", "configuration.md"), encoding="utf-8") as fh:
            blocks = re.findall(r"```yaml\n(.*?)```", fh.read(), re.S)
        expect(len(blocks) >= 11, "docs/configuration.md has an example per key")
        root = s.project(dict(fx.WRAPPER_FILES))
        for block in blocks:
            write_files(root, {".headroom.yml": block})
            r = s.run("check", *SEL, root)
            expect(r.code in (0, 1), "the documented example must be a valid config:\n%s" % block, r)
    s.case("config: every example in docs/configuration.md is accepted", documented_examples)

    def empty_config():
        root = s.project({"views.py": fx.QUERY_LOOP, ".headroom.yml": "# nothing yet\n"})
        r, doc = s.check(root)
        expect(r.code == 1 and len(doc["findings"]) == 1, "an empty config changes nothing", r)
    s.case("config: an empty file is fine", empty_config)

    def missing_config_flag():
        root = s.project({"views.py": fx.QUERY_LOOP})
        r = s.run("check", *SEL, "--config", os.path.join(root, "nope.yml"), root)
        expect(r.code == 2 and "cannot read config file" in r.err and "nope.yml" in r.err,
               "--config with a missing file must exit 2 naming it", r)
        r = s.run("check", *SEL, "--config", os.path.join(root, "nope.yml"), "--no-config", root)
        expect(r.code == 2 and "exclude each other" in r.err, "--config with --no-config is a usage error", r)
    s.case("config: --config FILE that does not exist", missing_config_flag)

    def knowledge_end_to_end():
        files = dict(fx.WRAPPER_FILES)
        root = s.project(files)
        r, doc = s.check(root)
        expect(r.code == 0 and not doc["findings"],
               "without the config the project's query wrapper is not known", r)
        write_files(root, {".headroom.yml": fx.wrapper_knowledge()})
        r, doc = s.check(root)
        expect(findings(doc) == [("app/report.py", fx.WRAPPER_LINE)],
               "with the knowledge entry, run_query() in the loop is a finding", r)
        msg = doc["findings"][0]["message"]
        expect("app-db" in msg, "the message names the framework from the config", r)
        r, doc = s.check("--no-config", root)
        expect(not doc["findings"], "--no-config ignores the file", r)
        # from a subfolder: the file is found by walking up to the .git folder
        r, doc = s.check("app", cwd=root)
        expect(findings(doc) == [("app/report.py", fx.WRAPPER_LINE)],
               "the config is found from a subfolder", r)
        # --config FILE elsewhere
        other = s.tmpdir()
        cfg = os.path.join(other, "custom.yml")
        write_files(other, {"custom.yml": fx.wrapper_knowledge("custom-db")})
        os.remove(os.path.join(root, ".headroom.yml"))
        r, doc = s.check("--config", cfg, root)
        expect(len(doc["findings"]) == 1 and "custom-db" in doc["findings"][0]["message"],
               "--config FILE is used wherever it is", r)
    s.case("config: knowledge entry makes a project query wrapper count (end to end)",
           knowledge_end_to_end)

    def search_stops_at_git():
        outer = s.tmpdir()
        write_files(outer, {".headroom.yml": "this: is: not: valid\n"})
        inner = os.path.join(outer, "repo")
        os.makedirs(os.path.join(inner, ".git"))
        write_files(inner, {"views.py": fx.QUERY_LOOP})
        r, doc = s.check(inner)
        expect(r.code == 1 and len(doc["findings"]) == 1,
               "a .headroom.yml above the repository (.git) must not be read", r)
    s.case("config: the search stops at the folder holding .git", search_stops_at_git)

    def precedence():
        files = {"views.py": fx.QUERY_LOOP, "tests/test_views.py": fx.QUERY_LOOP}
        root = s.project(dict(files, **{".headroom.yml": "max-file-size: 10\n"}))
        r, doc = s.check(root)
        expect(not doc["findings"] and notices(doc, "HRN0003"),
               "max-file-size from the file applies (files skipped)", r)
        r, doc = s.check("--max-file-size", "100000", root)
        expect(len(doc["findings"]) == 1 and not notices(doc, "HRN0003"),
               "--max-file-size beats the file", r)
        write_files(root, {".headroom.yml": "report-tests: true\n"})
        r, doc = s.check(root)
        expect(len(doc["findings"]) == 2, "report-tests: true reports the test file", r)
        write_files(root, {".headroom.yml": "report-tests: false\nignore: [query-in-loop]\n"})
        r, doc = s.check(root)
        expect(r.code == 0 and not doc["findings"], "ignore: from the file turns the rule off", r)
        r, doc = s.check("--report-tests", "--ignore", "", root)
        expect(len(doc["findings"]) == 2, "--report-tests and --ignore beat the file", r)
        write_files(root, {".headroom.yml": "select: [query-in-loop]\nscale: 1M\njobs: 2\n"})
        r, doc = s.check(root)
        expect(len(doc["findings"]) == 1 and doc["findings"][0]["fails"], "select/scale/jobs accepted", r)
        r = s.run("check", *SEL, "--scale", "nonsense", root)
        expect(r.code == 2, "a bad flag is still an error with a config", r)
    s.case("config: command-line flags beat the file", precedence)

    def exclude():
        root = s.project({
            "views.py": fx.QUERY_LOOP,
            "legacy/old_views.py": fx.QUERY_LOOP,
            "vendor/pkg/views.py": fx.QUERY_LOOP,
            "gen/a_pb2.py": fx.QUERY_LOOP,
            "gen/keep.py": fx.QUERY_LOOP,
            ".headroom.yml": "exclude:\n  - legacy/\n  - /vendor\n  - \"*_pb2.py\"\n",
        })
        r, doc = s.check(root)
        got = sorted(p for p, _ in findings(doc))
        expect(got == ["gen/keep.py", "views.py"], "exclude must drop legacy/, /vendor, *_pb2.py: %s" % got, r)
        # named on the command line (as pre-commit does): still excluded
        r, doc = s.check(os.path.join(root, "legacy/old_views.py"), cwd=root)
        expect(not doc["findings"], "an excluded file named on the command line stays excluded", r)
    s.case("config: exclude (gitignore-style, relative to the config folder)", exclude)

    def per_path_ignores():
        root = s.project({
            "views.py": fx.QUERY_LOOP,
            "scripts/backfill.py": fx.QUERY_LOOP,
            "scripts/deep/once.py": fx.QUERY_LOOP,
            "reports/monthly.py": fx.QUERY_LOOP,
            ".headroom.yml": "per-path-ignores:\n  \"scripts/**\": [query-in-loop]\n"
                             "  \"monthly.py\": [query-in-loop]\n",
        })
        r, doc = s.check(root)
        got = sorted(p for p, _ in findings(doc))
        expect(got == ["views.py"], "per-path-ignores must drop scripts/** and monthly.py: %s" % got, r)
    s.case("config: per-path-ignores", per_path_ignores)


# ---------------------------------------------------------------------------------------------
# suppressions

SUPPRESSED_SAME_LINE = fx.QUERY_LOOP.replace(
    ".count()))\n", ".count()))  # headroom: ignore[query-in-loop] -- at most 5 customers\n")
SUPPRESSED_ABOVE = fx.QUERY_LOOP.replace(
    "        rows.append((customer.name,",
    "        # headroom: ignore[query-in-loop] -- report runs nightly on 20 rows\n"
    "        rows.append((customer.name,")


def suite_suppress(s, args):
    def same_line():
        root = s.project({"views.py": SUPPRESSED_SAME_LINE})
        r, doc = s.check(root)
        expect(r.code == 0 and not doc["findings"] and not doc["notices"],
               "a justified ignore on the line suppresses the finding", r)
    s.case("suppress: same line with a reason", same_line)

    def line_above():
        root = s.project({"views.py": SUPPRESSED_ABOVE})
        r, doc = s.check(root)
        expect(r.code == 0 and not doc["findings"], "a whole-line ignore above suppresses", r)
    s.case("suppress: whole-line comment above", line_above)

    def trailing_above_does_not_cover():
        src = fx.QUERY_LOOP.replace(
            "    for customer in customers:\n",
            "    for customer in customers:  # headroom: ignore[query-in-loop] -- no\n")
        root = s.project({"views.py": src})
        r, doc = s.check("--report-stale-ignores", root)
        expect(r.code == 1 and findings(doc) == [("views.py", fx.QUERY_LINE)],
               "an ignore after code on the line above does not cover the next line", r)
        expect([n["line"] for n in notices(doc, "HRN0102")] == [fx.QUERY_LINE - 1],
               "... and it is stale", r)
    s.case("suppress: a trailing comment covers only its own line", trailing_above_does_not_cover)

    def no_reason():
        for comment in ("# headroom: ignore[query-in-loop]", "# headroom: ignore[query-in-loop] --",
                        "# headroom: ignore[query-in-loop] because"):
            src = fx.QUERY_LOOP.replace(".count()))\n", ".count()))  %s\n" % comment)
            root = s.project({"views.py": src})
            r, doc = s.check(root)
            expect(r.code == 1 and len(doc["findings"]) == 1,
                   "an ignore without ` -- reason` must not suppress (%s)" % comment, r)
            ns = notices(doc, "HRN0101")
            expect(len(ns) == 1 and ns[0]["line"] == fx.QUERY_LINE and ns[0]["level"] == "warning",
                   "HRN0101 warning at the comment's line", r)
            expect("reason" in ns[0]["message"] and "-- " in ns[0]["message"],
                   "HRN0101 says how to write it", r)
    s.case("suppress: a bare ignore does not suppress and gets HRN0101", no_reason)

    def malformed_and_unknown():
        src = fx.QUERY_LOOP.replace(
            ".count()))\n", ".count()))  # headroom: ignore[query-in-loop, no-such-rule] -- fine\n")
        src = src.replace("    rows = []\n", "    rows = []  # headroom: ignore query-in-loop -- x\n")
        root = s.project({"views.py": src})
        r, doc = s.check(root)
        expect(r.code == 0 and not doc["findings"], "the known id in the list still suppresses", r)
        ns = notices(doc, "HRN0103")
        expect(sorted(n["line"] for n in ns) == [7, fx.QUERY_LINE],
               "HRN0103 for the unknown id and for the ignore without brackets", r)
        expect(any("no-such-rule" in n["message"] for n in ns), "the unknown id is named", r)
    s.case("suppress: malformed ignores and unknown rule ids (HRN0103)", malformed_and_unknown)

    def stale():
        src = SUPPRESSED_SAME_LINE.replace(
            "    rows = []\n", "    rows = []  # headroom: ignore[query-in-loop] -- nothing here\n")
        root = s.project({"views.py": src})
        r, doc = s.check(root)
        expect(not notices(doc, "HRN0102"), "stale ignores are not reported by default", r)
        r, doc = s.check("--report-stale-ignores", root)
        ns = notices(doc, "HRN0102")
        expect([n["line"] for n in ns] == [7], "HRN0102 for the ignore that matches nothing", r)
        r, doc = s.check(root, env={"CI": "true"})
        expect(len(notices(doc, "HRN0102")) == 1, "CI=true turns stale reporting on", r)
        r, doc = s.check("--no-report-stale-ignores", root, env={"CI": "true"})
        expect(not notices(doc, "HRN0102"), "--no-report-stale-ignores turns it off", r)
        r, doc = s.check("--report-stale-ignores", "--select", "query-in-loop", "--ignore",
                         "query-in-loop", root)
        expect(not notices(doc, "HRN0102"), "an ignore of a rule that did not run is not stale", r)
    s.case("suppress: stale ignores (HRN0102)", stale)

    def js_comments():
        src = ("export function f(xs) {\n"
               "  // headroom: ignore[query-in-loop]\n"
               "  /* headroom: ignore[query-in-loop] */\n"
               "  /** headroom: ignore[query-in-loop] -- fine */\n"
               "  const s = 'headroom: ignore[query-in-loop]';\n"
               "  return xs;\n"
               "}\n")
        root = s.project({"app.js": src})
        r, doc = s.check(root)
        expect(sorted(n["line"] for n in notices(doc, "HRN0101")) == [2, 3],
               "// and /* */ ignores are recognised in JS; a string without a comment opener is not", r)
    s.case("suppress: JavaScript comment forms", js_comments)

    def report_suppressed():
        root = s.project({"a_views.py": SUPPRESSED_SAME_LINE, "b_views.py": fx.QUERY_LOOP})
        r, doc = s.check("--report-suppressed", root)
        expect(r.code == 1, "the unsuppressed finding still fails", r)
        by = {norm(f["path"]): f for f in doc["findings"]}
        expect(set(by) == {"a_views.py", "b_views.py"}, "both findings are listed", r)
        expect(by["a_views.py"]["suppressed"] is True and
               by["a_views.py"]["justification"] == "at most 5 customers" and
               by["a_views.py"]["fails"] is False, "the suppressed one is marked, with its reason", r)
        expect(by["b_views.py"]["suppressed"] is False, "every finding carries 'suppressed'", r)
        r, _ = s.check(root)
        expect("suppressed" not in r.out, "without the flag there is no 'suppressed' key", r)
        r, doc = s.check("--report-suppressed", root, fmt="sarif")
        res = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: x for x in sarif_results(doc)}
        expect(res["a_views.py"].get("suppressions") ==
               [{"kind": "inSource", "status": "accepted", "justification": "at most 5 customers"}],
               "SARIF: an accepted inSource suppression with the justification", r)
        expect(res["b_views.py"].get("suppressions") == [], "SARIF: [] on the others", r)
        r, doc = s.check(root, fmt="sarif")
        expect(all("suppressions" not in x for x in sarif_results(doc)) and len(sarif_results(doc)) == 1,
               "SARIF without the flag: the suppressed result is omitted, no suppressions keys", r)
        r, _ = s.check("--report-suppressed", root, fmt="text")
        expect("= suppressed: at most 5 customers" in r.out and "1 suppressed" in r.out,
               "text shows the suppression and counts it", r)
        only = s.project({"views.py": SUPPRESSED_SAME_LINE})
        r, doc = s.check("--report-suppressed", only)
        expect(r.code == 0 and len(doc["findings"]) == 1, "suppressed findings never fail", r)
        r, _ = s.check("--report-suppressed", only, fmt="github", codes=(0,))
        expect(r.out == "", "github output leaves suppressed findings out", r)
        r, doc = s.check("--report-suppressed", only, fmt="gitlab", codes=(0,))
        expect(doc == [], "gitlab output leaves suppressed findings out", r)
    s.case("suppress: --report-suppressed in JSON, SARIF, text", report_suppressed)


# ---------------------------------------------------------------------------------------------
# baseline

def suite_baseline(s, args):
    def baseline_roundtrip():
        root = s.project({"svc/__init__.py": "", "svc/orders.py": fx.TWO_FUNCS})
        base = os.path.join(root, "headroom-baseline.json")
        r = s.run("check", *SEL, "--no-color", "--write-baseline", base, root)
        expect(r.code == 0, "--write-baseline accepts the current findings (exit 0)", r)
        expect("wrote 2 findings to the baseline" in r.out, "text output says what was written", r)
        with open(base, encoding="utf-8") as fh:
            text = fh.read()
        data = json.loads(text)
        expect(data["headroom_baseline"] == 1 and len(data["findings"]) == 2, "two entries", r)
        e = data["findings"][0]
        expect(set(e) == {"rule", "path", "function", "code", "occurrence"}, "entry keys: %s" % sorted(e))
        expect([x["function"] for x in data["findings"]] == ["svc.orders.names", "svc.orders.report"],
               "entries are sorted and name the enclosing function: %s" % data["findings"])
        expect(data["findings"][1]["code"] == "rows.append(Order.objects.filter(customer=c).count())",
               "the code is the normalised line")
        expect(all(str(n) not in json.dumps(data) for n in ("\"line\"",)), "no line numbers in the baseline")
        # deterministic
        r2 = s.run("check", *SEL, "--write-baseline", base + "2", "--jobs", "1", root)
        r3 = s.run("check", *SEL, "--write-baseline", base + "3", "--jobs", "2", root)
        expect(r2.code == 0 and r3.code == 0, "rewrites work", r3)
        for other in (base + "2", base + "3"):
            with open(other, encoding="utf-8") as fh:
                expect(fh.read() == text, "baseline bytes differ between runs / --jobs")
        r, doc = s.check("--baseline", base, root)
        expect(r.code == 0 and not doc["findings"], "with the baseline nothing is reported", r)
        ns = notices(doc, "HRN0202")
        expect(len(ns) == 1 and "2 findings recorded in the baseline" in ns[0]["message"] and
               ns[0]["level"] == "info", "a notice says how many were baselined", r)
        r = s.run("check", *SEL, "--no-color", "--baseline", base, root)
        expect("2 findings recorded in the baseline" in r.out, "text output prints the count", r)
        r, doc = s.check("--baseline", base, root, fmt="sarif")
        texts = [n["message"]["text"] for n in sarif_notifications(doc)]
        expect(any("2 findings recorded in the baseline" in t for t in texts),
               "SARIF carries the count as a toolExecutionNotification", r)

        path = os.path.join(root, "svc/orders.py")

        def edit(new_text):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(new_text)

        # lines added above and a re-indent (4 -> 2 spaces) keep both baselined
        moved = "import os\nimport sys\n\n\nCONSTANT = 1\n" + fx.TWO_FUNCS
        edit(moved)
        r, doc = s.check("--baseline", base, root)
        expect(r.code == 0 and not doc["findings"], "lines added above do not resurrect findings", r)
        reindented = re.sub(r"(?m)^((?:    )+)", lambda m: "  " * (len(m.group(1)) // 4), fx.TWO_FUNCS)
        edit(reindented)
        r, doc = s.check("--baseline", base, root)
        expect(r.code == 0 and not doc["findings"], "re-indenting does not resurrect findings", r)
        # editing the offending line does
        edit(fx.TWO_FUNCS.replace("rows.append(Order.objects.filter(customer=c).count())",
                                  "rows.append(Order.objects.filter(customer=c, paid=True).count())"))
        r, doc = s.check("--baseline", base, root)
        expect(findings(doc) == [("svc/orders.py", 7)], "editing the offending line resurrects it", r)
        expect("1 baseline entry no longer matches" in notices(doc, "HRN0202")[0]["message"],
               "the notice counts the entry that no longer matches", r)
        # a new finding in the same function appears, the old one stays baselined
        edit(fx.TWO_FUNCS.replace(
            "        rows.append(Order.objects.filter(customer=c).count())\n",
            "        rows.append(Order.objects.filter(customer=c).count())\n"
            "        rows.append(Order.objects.filter(customer=c).exists())\n"))
        r, doc = s.check("--baseline", base, root)
        expect(findings(doc) == [("svc/orders.py", 8)], "a new finding in the same function appears", r)
        # the same line twice: the second copy is new (occurrence 2)
        edit(fx.TWO_FUNCS.replace(
            "        rows.append(Order.objects.filter(customer=c).count())\n",
            "        rows.append(Order.objects.filter(customer=c).count())\n"
            "        rows.append(Order.objects.filter(customer=c).count())\n"))
        r, doc = s.check("--baseline", base, root)
        expect(len(doc["findings"]) == 1, "a duplicate of a baselined line is a new finding", r)
    s.case("baseline: write, apply, and what edits resurrect", baseline_roundtrip)

    def bad_baseline():
        root = s.project({"views.py": fx.QUERY_LOOP})
        r = s.run("check", *SEL, "--baseline", os.path.join(root, "missing.json"), root)
        expect(r.code == 2 and "cannot read baseline" in r.err and len(r.err.strip().splitlines()) == 1,
               "a missing baseline is an error (exit 2, one line)", r)
        for content in ("not json", "{\"findings\": []}", "{\"headroom_baseline\": 1, \"findings\": [{}]}"):
            write_files(root, {"b.json": content})
            r = s.run("check", *SEL, "--baseline", os.path.join(root, "b.json"), root)
            expect(r.code == 2 and "is not a headroom baseline" in r.err, "bad baseline %r: exit 2" % content, r)
        r = s.run("check", *SEL, "--write-baseline", os.path.join(root, "no", "dir", "b.json"), root)
        expect(r.code == 2 and "cannot write baseline" in r.err, "an unwritable baseline: exit 2", r)
    s.case("baseline: unreadable, invalid, unwritable", bad_baseline)


# ---------------------------------------------------------------------------------------------
# CI formats

GH_LINE = re.compile(r"^::(error|warning|notice) (?:file=([^,:]*),line=(\d+)(?:,endLine=(\d+))?"
                     r"(?:,col=(\d+),endColumn=(\d+))?,)?title=([^,:]*)::(.*)$")


def gh_unescape(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def suite_formats(s, args):
    def github_escaping():
        files = dict(fx.WRAPPER_FILES)
        files["app/re,port:x%.py"] = files.pop("app/report.py")
        files[".headroom.yml"] = fx.wrapper_knowledge("acme%db, v2: legacy")
        files["broken.py"] = fx.SYNTAX_ERROR
        root = s.project(files)
        r, doc = s.check(root)
        expect(len(doc["findings"]) == 1, "the fixture has one finding", r)
        f = doc["findings"][0]
        r = s.run("check", *SEL, "--format", "github", root)
        expect(r.code == 1, "findings fail: exit 1", r)
        lines = r.out.splitlines()
        expect(len(lines) == 2, "one line per finding and per notice", r)
        m = GH_LINE.match(lines[0])
        expect(m, "not a workflow command: %r" % lines[0], r)
        level, file, line, end_line, col, end_col, title, msg = m.groups()
        expect(level == "error", "a failing finding is ::error", r)
        expect(file == "app/re%2Cport%3Ax%25.py", "file property escaped: %r" % file, r)
        expect((int(line), int(end_line), int(col), int(end_col)) ==
               (f["line"], f["end_line"], f["column"], f["end_column"]), "positions as in JSON", r)
        expect(gh_unescape(title) == "query-in-loop [1k]", "title: %r" % title, r)
        expect("%25db, v2: legacy" in msg and "%0A" in msg and "\r" not in msg,
               "message data escapes %% and newlines but keeps ',' and ':': %r" % msg, r)
        want = f["message"][0].upper() + f["message"][1:]
        expect(gh_unescape(msg).startswith(want) and "Scale stage: 1k." in gh_unescape(msg) and
               gh_unescape(msg).endswith(f["help"]), "message = finding + stage + help: %r" % msg, r)
        m = GH_LINE.match(lines[1])
        expect(m and m.group(1) == "warning" and m.group(2) == "broken.py" and m.group(7) == "HRN0001",
               "a notice is ::warning with file, line and its code as title: %r" % lines[1], r)
        r2 = s.run("check", *SEL, "--format", "github", "--jobs", "1", root)
        expect(r2.out == r.out, "github output is deterministic", r2)
    s.case("github: workflow commands and escaping", github_escaping)

    def gitlab():
        root = s.project({"a.py": fx.TWO_FUNCS, "b/views.py": fx.QUERY_LOOP, "c.py": fx.TWO_FUNCS})
        r, doc = s.check(root, fmt="gitlab")
        expect(r.code == 1 and isinstance(doc, list) and len(doc) == 5, "five issues", r)
        for issue in doc:
            expect(set(issue) == {"description", "check_name", "fingerprint", "severity", "location"},
                   "issue keys: %s" % sorted(issue), r)
            expect(issue["severity"] in ("info", "minor", "major", "critical", "blocker"), "severity enum", r)
            expect(issue["check_name"] == "query-in-loop" and issue["description"].endswith("."), "fields", r)
            expect(set(issue["location"]) == {"path", "lines"} and
                   isinstance(issue["location"]["lines"]["begin"], int), "location.path + lines.begin", r)
            expect(not issue["location"]["path"].startswith("/"), "paths are relative", r)
        fps = [i["fingerprint"] for i in doc]
        expect(len(set(fps)) == len(fps), "fingerprints are unique", r)
        expect(doc[0]["severity"] == "major", "failing findings are major", r)
        with open(os.path.join(root, "a.py"), "w", encoding="utf-8") as fh:
            fh.write("import os\n\n" + fx.TWO_FUNCS)
        r, doc2 = s.check(root, fmt="gitlab")
        expect([i["fingerprint"] for i in doc2] == fps, "fingerprints survive lines added above", r)
        clean = s.project({"views.py": fx.CLEAN})
        r = s.run("check", *SEL, "--format", "gitlab", clean)
        expect(r.code == 0 and r.out.strip() == "[]", "clean: []", r)
    s.case("gitlab: Code Quality JSON", gitlab)

    def exit_codes_all_formats():
        finding = s.project({"views.py": fx.QUERY_LOOP})
        clean = s.project({"views.py": fx.CLEAN})
        for fmt in ("text", "json", "sarif", "github", "gitlab"):
            expect(s.run("check", *SEL, "--format", fmt, clean).code == 0, "%s: clean exits 0" % fmt)
            expect(s.run("check", *SEL, "--format", fmt, finding).code == 1, "%s: findings exit 1" % fmt)
            r = s.run("check", *SEL, "--format", fmt, os.path.join(clean, "missing"))
            expect(r.code == 2 and not r.out, "%s: an error exits 2 with nothing on stdout" % fmt, r)
        r = s.run("check", *SEL, "--format", "xml", clean)
        expect(r.code == 2 and "github or gitlab" in r.err, "unknown format lists all formats", r)
    s.case("formats: exit codes are the same in every format", exit_codes_all_formats)


# ---------------------------------------------------------------------------------------------
# SARIF for GitHub code scanning

def many_findings_project(s):
    files = {"p/__init__.py": ""}
    for i in range(5):
        files["p/m%d.py" % i] = fx.QUERY_LOOP
    files["p/m0.py"] = SUPPRESSED_SAME_LINE
    return s.project(files)


def suite_sarif(s, args):
    def max_results():
        root = many_findings_project(s)
        r, doc = s.check("--max-results", "2", root, fmt="sarif")
        res = sarif_results(doc)
        uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in res]
        expect(uris == ["p/m1.py", "p/m2.py"], "the first two by path: %s" % uris, r)
        notes = [n for n in sarif_notifications(doc) if n["descriptor"]["id"] == "HRN0201"]
        expect(len(notes) == 1 and "2 of 4 findings were left out by --max-results 2" in notes[0]["message"]["text"],
               "a notification says how many were cut", r)
        expect(r.code == 1 and doc["runs"][0]["invocations"][0]["exitCode"] == 1, "exit code counts all", r)
        # the suppressed one (first by path) is the least urgent
        r, doc = s.check("--max-results", "4", "--report-suppressed", root, fmt="sarif")
        uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in sarif_results(doc)]
        expect(uris == ["p/m1.py", "p/m2.py", "p/m3.py", "p/m4.py"],
               "suppressed results are cut before failing ones: %s" % uris, r)
        r, doc = s.check("--max-results", "0", root, fmt="sarif")
        expect(len(sarif_results(doc)) == 4, "--max-results 0 keeps everything", r)
        r, doc = s.check(root, fmt="sarif")
        expect(len(sarif_results(doc)) == 4 and not [n for n in sarif_notifications(doc)
                                                      if n["descriptor"]["id"] == "HRN0201"],
               "under the default 5000 nothing is cut", r)
        r = s.run("check", *SEL, "--max-results", "-1", root)
        expect(r.code == 2, "a negative --max-results is a usage error", r)
    s.case("sarif: --max-results keeps the most urgent and says so", max_results)

    def category():
        root = s.project({"views.py": fx.QUERY_LOOP})
        r, doc = s.check(root, fmt="sarif")
        expect("automationDetails" not in doc["runs"][0], "no automationDetails by default", r)
        r, doc = s.check("--sarif-category", "headroom", root, fmt="sarif")
        expect(doc["runs"][0].get("automationDetails") == {"id": "headroom/"}, "category -> id 'headroom/'", r)
        r, doc = s.check("--sarif-category", "backend/", root, fmt="sarif")
        expect(doc["runs"][0]["automationDetails"]["id"] == "backend/", "a trailing '/' is not doubled", r)
        r = s.run("check", *SEL, "--sarif-category", "", root)
        expect(r.code == 2, "an empty category is a usage error", r)
    s.case("sarif: --sarif-category", category)

    def invocations():
        finding = s.project({"views.py": fx.QUERY_LOOP})
        clean = s.project({"views.py": fx.CLEAN})
        for root, code in ((clean, 0), (finding, 1)):
            r, doc = s.check(root, fmt="sarif")
            inv = doc["runs"][0]["invocations"][0]
            expect(r.code == code and inv["exitCode"] == code and inv["executionSuccessful"] is True,
                   "exit %d: exitCode %d, executionSuccessful true" % (code, code), r)
        out = os.path.join(s.tmpdir(), "x.sarif")
        r = s.run("check", *SEL, "--format", "sarif", "--output", out, os.path.join(clean, "missing"))
        expect(r.code == 2 and not os.path.exists(out), "exit 2 writes no SARIF (nothing to upload)", r)
    s.case("sarif: invocations exitCode / executionSuccessful", invocations)

    def code_flows():
        root = s.project(dict(fx.SHOP_FILES, **{"views.py": fx.QUERY_LOOP}))
        r, doc = s.check(root, fmt="sarif")
        res = sarif_results(doc)
        expect(len(res) >= 2, "findings expected", r)
        for x in res:
            flows = x.get("codeFlows")
            expect(flows and flows[0]["threadFlows"][0]["locations"], "every result has a codeFlow", r)
            for step in flows[0]["threadFlows"][0]["locations"]:
                loc = step["location"]
                expect(loc["message"]["text"] and "index" not in loc and
                       "startLine" in loc["physicalLocation"]["region"], "inline steps with messages", r)
    s.case("sarif: codeFlows on findings", code_flows)

    def determinism():
        files = {"pkg/__init__.py": "", "pkg/broken.py": fx.SYNTAX_ERROR}
        for i in range(12):
            files["pkg/m%02d.py" % i] = [fx.QUERY_LOOP, fx.TWO_FUNCS, SUPPRESSED_SAME_LINE, fx.CLEAN][i % 4]
        root = s.project(files)
        base = os.path.join(s.tmpdir(), "b.json")
        s.run("check", *SEL, "--write-baseline", base, os.path.join(root, "pkg/m01.py"))
        for fmt in ("text", "json", "sarif", "github", "gitlab"):
            outs = []
            for jobs in ("1", "2"):
                r = s.run("check", *SEL, "--format", fmt, "--no-color", "--jobs", jobs, "--report-suppressed",
                          "--report-stale-ignores", "--baseline", base, "--max-results", "6",
                          "--sarif-category", "hr", "--deterministic", root)
                expect(r.code == 1, "exit 1 expected", r)
                outs.append(r.out)
            expect(outs[0] == outs[1], "%s output differs between --jobs 1 and 2" % fmt)
    s.case("sarif: byte-identical across --jobs with every feature on", determinism)


def suite_validate(s, args):
    script = args[0] if args else os.path.join(REPO, "tests", "sarif", "validate_sarif.sh")

    def validate():
        root = many_findings_project(s)
        write_files(root, {"p/broken.py": fx.SYNTAX_ERROR,
                           "p/stale.py": "x = 1  # headroom: ignore[query-in-loop] -- nothing\n"
                                         "y = 2  # headroom: ignore[query-in-loop]\n"})
        out = s.tmpdir()
        base = os.path.join(out, "baseline.json")
        s.run("check", *SEL, "--write-baseline", base, os.path.join(root, "p/m1.py"))
        runs = {
            "plain": [],
            "suppressed": ["--report-suppressed", "--report-stale-ignores"],
            "cut": ["--max-results", "1"],
            "category": ["--sarif-category", "headroom"],
            "baseline": ["--baseline", base],
            "all": ["--report-suppressed", "--max-results", "2", "--sarif-category", "x/y",
                    "--baseline", base, "--deterministic"],
        }
        files = []
        for name, extra in runs.items():
            path = os.path.join(out, name + ".sarif")
            r = s.run("check", *SEL, "--format", "sarif", "--output", path, *(extra + [root]))
            expect(r.code == 1 and os.path.isfile(path), "%s: SARIF written" % name, r)
            files.append(path)
        clean = s.project({"views.py": fx.CLEAN})
        path = os.path.join(out, "clean.sarif")
        r = s.run("check", *SEL, "--format", "sarif", "--output", path, clean)
        expect(r.code == 0, "clean run", r)
        files.append(path)
        r = run_cmd(["sh", script] + files)
        expect(r.code == 0, "validate_sarif.sh must accept every file", r)
    s.case("validate: ajv + SARIF multitool (Sarif;Ghas) on real runs", validate)


# ---------------------------------------------------------------------------------------------
# hook mode

def suite_hook(s, args):
    def cross_file():
        root = s.project(fx.SHOP_FILES)
        r, doc = s.check(root)
        expect(findings(doc) == [("shop/services.py", fx.SHOP_SAVE_LINE)],
               "the whole project finds product.save()", r)
        r, doc = s.check(os.path.join(root, "shop/services.py"), cwd=root)
        expect(not doc["findings"], "one file alone does not know Product is a model "
               "(this is what --hook fixes)", r)
        r, doc = s.check("--hook", "shop/services.py", cwd=root)
        expect(findings(doc) == [("shop/services.py", fx.SHOP_SAVE_LINE)],
               "--hook reads the project and reports the named file", r)
        r, doc = s.check("--hook", "shop/models.py", cwd=root)
        expect(not doc["findings"], "--hook reports only the named files", r)
        r, doc = s.check("--hook", cwd=root)
        expect(r.code == 0 and not doc["findings"], "--hook without files reports nothing", r)
    s.case("hook: reads the whole project, reports the named files", cross_file)

    def batching():
        files = dict(fx.SHOP_FILES)
        names = []
        for i in range(10):
            name = "shop/svc%02d.py" % i
            files[name] = fx.SHOP_FILES["shop/services.py"] if i % 2 else fx.CLEAN
            names.append(name)
        root = s.project(files)
        _, whole = s.check("--hook", *names, cwd=root)
        got = []
        for part in (names[:3], names[3:7], names[7:]):
            _, doc = s.check("--hook", *part, cwd=root)
            got += doc["findings"]
        key = lambda f: (f["path"], f["line"], f["message"])
        expect(sorted(map(key, got)) == sorted(map(key, whole["findings"])) and len(got) == 5,
               "findings do not depend on how the files are batched")
    s.case("hook: batches give the same findings", batching)

    def policy_and_notices():
        root = s.project({"views.py": fx.QUERY_LOOP, "tests/test_views.py": fx.QUERY_LOOP,
                          "other_broken.py": fx.SYNTAX_ERROR, "broken.py": fx.SYNTAX_ERROR,
                          ".headroom.yml": "exclude: [\"legacy/**\"]\n",
                          "legacy/x.py": fx.QUERY_LOOP})
        r, doc = s.check("--hook", "views.py", "tests/test_views.py", "broken.py", "legacy/x.py", cwd=root)
        expect(findings(doc) == [("views.py", fx.QUERY_LINE)],
               "tests and excluded files follow the same policy as a folder scan", r)
        expect([n["path"] for n in notices(doc)] == ["broken.py"],
               "notices only about the named files", r)
        r, doc = s.check("--hook", "--report-tests", "tests/test_views.py", cwd=root)
        expect(len(doc["findings"]) == 1, "--report-tests applies in hook mode", r)
        r = s.run("check", *SEL, "--hook", "missing.py", cwd=root)
        expect(r.code == 2, "a named file that does not exist is an error", r)
    s.case("hook: test/exclude policy and notices", policy_and_notices)


# ---------------------------------------------------------------------------------------------
# pre-commit

def git(root, *args, env=None):
    r = run_cmd(["git", "-C", root] + list(args), env=env)
    expect(r.code == 0, "git %s failed" % " ".join(args), r)
    return r


def suite_precommit(s, args):
    pre_commit = shutil.which("pre-commit")
    manifest = os.path.join(REPO, ".pre-commit-hooks.yaml")

    def need():
        expect(pre_commit is not None,
               "pre-commit is not installed; run scripts/bootstrap (Debian package pre-commit)")
        expect(shutil.which("git") is not None, "git is not installed; run scripts/bootstrap")

    def env_for(home):
        return {"HOME": home, "PRE_COMMIT_HOME": os.path.join(home, "pc-cache"),
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
                "PATH": os.path.dirname(s.headroom) + os.pathsep + os.environ.get("PATH", "")}

    def new_repo(files, hooks_yaml):
        home = s.tmpdir()
        root = s.tmpdir()
        env = env_for(home)
        git(root, "init", "-q", env=env)
        git(root, "config", "commit.gpgsign", "false", env=env)
        write_files(root, dict(files, **{".pre-commit-config.yaml": hooks_yaml}))
        git(root, "add", "-A", env=env)
        return root, env

    def manifest_shape():
        need()
        import yaml
        with open(manifest, encoding="utf-8") as fh:
            hooks = yaml.safe_load(fh)
        expect(isinstance(hooks, list) and hooks, "the manifest is a list of hooks")
        for h in hooks:
            expect(h.get("language") == "system", "language: system (Debian's 3.0.4 has no 'unsupported')")
            expect("stages" not in h, "no stages key (3.0.4 and 4.x disagree on the names)")
            expect(h.get("types_or") == ["python", "javascript", "jsx", "ts", "tsx"], "types_or")
            expect("--hook" in h.get("entry", ""), "the entry runs hook mode")
        r = run_cmd([pre_commit, "validate-manifest", manifest])
        expect(r.code == 0, "pre-commit validate-manifest must pass", r)
    s.case("pre-commit: the manifest validates with Debian's pre-commit", manifest_shape)

    local_hooks = """repos:
  - repo: local
    hooks:
      - id: headroom
        name: headroom (scale antipatterns)
        entry: %s check --hook --select query-in-loop
        language: system
        types_or: [python, javascript, jsx, ts, tsx]
        require_serial: true
"""

    def run_all_files():
        need()
        hooks = local_hooks % s.headroom
        root, env = new_repo({"app/views.py": fx.QUERY_LOOP, "README.md": "hi\n"}, hooks)
        r = run_cmd([pre_commit, "run", "--all-files"], cwd=root, env=env)
        expect(r.code == 1 and "query-in-loop" in r.out and "app/views.py:9:" in r.out,
               "pre-commit run --all-files fails on the finding and shows it", r)
        clean, env = new_repo({"app/views.py": fx.CLEAN}, hooks)
        r = run_cmd([pre_commit, "run", "--all-files"], cwd=clean, env=env)
        expect(r.code == 0 and "Passed" in r.out, "a clean repository passes", r)
        none, env = new_repo({"README.md": "hi\n"}, hooks)
        r = run_cmd([pre_commit, "run", "--all-files"], cwd=none, env=env)
        expect(r.code == 0, "no matching files: passes", r)
    s.case("pre-commit: run --all-files with a local system hook", run_all_files)

    def published_manifest():
        need()
        hookrepo = s.tmpdir()
        env0 = env_for(s.tmpdir())
        git(hookrepo, "init", "-q", env=env0)
        shutil.copy(manifest, os.path.join(hookrepo, ".pre-commit-hooks.yaml"))
        git(hookrepo, "add", "-A", env=env0)
        git(hookrepo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "hooks", env=env0)
        sha = git(hookrepo, "rev-parse", "HEAD", env=env0).out.strip()
        bindir = s.tmpdir()
        os.symlink(s.headroom, os.path.join(bindir, "headroom"))
        hooks = "repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: headroom\n" % (hookrepo, sha)
        root, env = new_repo(dict(fx.SHOP_FILES), hooks)
        env["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
        r = run_cmd([pre_commit, "run", "--all-files"], cwd=root, env=env)
        expect(r.code == 1 and "shop/services.py:%d:" % fx.SHOP_SAVE_LINE in r.out,
               "the published hook (by local path) finds the cross-file finding", r)
        r = run_cmd([pre_commit, "run", "--files", "shop/services.py"], cwd=root, env=env)
        expect(r.code == 1 and "shop/services.py:%d:" % fx.SHOP_SAVE_LINE in r.out,
               "one staged file still sees the models in the rest of the project", r)
    s.case("pre-commit: the published manifest, referenced by path", published_manifest)

    def commit_flow():
        need()
        hooks = local_hooks % s.headroom
        root, env = new_repo({"README.md": "hi\n"}, hooks)
        git(root, "commit", "-q", "-m", "init", env=env)
        r = run_cmd([pre_commit, "install"], cwd=root, env=env)
        expect(r.code == 0, "pre-commit install", r)
        write_files(root, {"app/views.py": fx.QUERY_LOOP})
        git(root, "add", "-A", env=env)
        r = run_cmd(["git", "commit", "-m", "n+1"], cwd=root, env=env)
        expect(r.code != 0 and "query-in-loop" in r.out + r.err, "a commit with a finding is blocked", r)
        write_files(root, {"app/views.py": fx.QUERY_LOOP.replace(
            ".count()))\n", ".count()))  # headroom: ignore[query-in-loop]\n")})
        git(root, "add", "-A", env=env)
        r = run_cmd(["git", "commit", "-m", "bare ignore"], cwd=root, env=env)
        expect(r.code != 0 and "HRN0101" in r.out + r.err, "an ignore without a reason still blocks", r)
        write_files(root, {"app/views.py": SUPPRESSED_SAME_LINE})
        git(root, "add", "-A", env=env)
        r = run_cmd(["git", "commit", "-m", "justified"], cwd=root, env=env)
        expect(r.code == 0, "a justified suppression lets the commit through", r)
        write_files(root, {"app/views.py": fx.CLEAN})
        git(root, "add", "-A", env=env)
        r = run_cmd(["git", "commit", "-m", "clean"], cwd=root, env=env)
        expect(r.code == 0, "a clean commit goes through", r)
        log = git(root, "log", "--format=%s", env=env).out.split()
        expect(log == ["clean", "justified", "init"], "commits made: %s" % log)
    s.case("pre-commit: git commit blocked by a finding, allowed when clean or justified", commit_flow)


# ---------------------------------------------------------------------------------------------
# GitHub Action

EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def suite_action(s, args):
    import yaml
    path = os.path.join(REPO, "action.yml")
    with open(path, encoding="utf-8") as fh:
        action = yaml.safe_load(fh)
    inputs = {"paths", "scale", "args", "sarif-file", "category", "upload", "fail-on-findings"}

    def shape():
        expect(isinstance(action, dict) and action.get("name") and action.get("description"),
               "name and description")
        expect(set(action.get("inputs", {})) == inputs, "inputs: %s" % sorted(action.get("inputs", {})))
        for name, spec in action["inputs"].items():
            expect(spec.get("description") and "default" in spec, "input %s needs description and default" % name)
        expect(action["inputs"]["upload"]["default"] == "true", "uploads by default")
        expect(set(action.get("outputs", {})) >= {"sarif-file", "exit-code"}, "outputs")
        runs = action.get("runs", {})
        expect(runs.get("using") == "composite", "a composite action")
        steps = runs.get("steps", [])
        uploads = [st for st in steps if st.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
        expect(len(uploads) == 1 and uploads[0]["uses"].endswith("@v4"), "one upload-sarif@v4 step")
        w = uploads[0].get("with", {})
        expect("inputs.category" in w.get("category", "") and "sarif_file" in w, "upload with category")
        expect("inputs.upload" in str(uploads[0].get("if", "")), "upload only when asked")
        for st in steps:
            if "run" in st:
                expect(st.get("shell") == "bash", "run steps declare shell: bash")
                expect("${{" not in st["run"], "inputs reach scripts through env, not ${{ }} in run")
    s.case("action: action.yml shape", shape)

    def step_script(step_id):
        for st in action["runs"]["steps"]:
            if st.get("id") == step_id:
                return st
        raise Failed("no step with id %s" % step_id)

    def evaluate(value, ctx):
        def one(m):
            expr = m.group(1)
            if expr not in ctx:
                raise Failed("the test does not know the expression %r" % expr)
            return ctx[expr]
        return EXPR.sub(one, str(value))

    def run_step(step, ctx, workspace):
        out_file = os.path.join(s.tmpdir(), "github_output")
        open(out_file, "w").close()
        env = {k: evaluate(v, ctx) for k, v in step.get("env", {}).items()}
        env["GITHUB_OUTPUT"] = out_file
        bindir = s.tmpdir()
        os.symlink(s.headroom, os.path.join(bindir, "headroom"))
        env["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
        r = run_cmd(["bash", "-e", "-c", step["run"]], cwd=workspace, env=env)
        outputs = {}
        with open(out_file, encoding="utf-8") as fh:
            for line in fh:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    outputs[k] = v
        return r, outputs

    def run_action(workspace, **given):
        ctx = {"github.action_path": REPO, "runner.temp": s.tmpdir(), "github.workspace": workspace}
        for name, spec in action["inputs"].items():
            ctx["inputs.%s" % name] = given.get(name, spec["default"])
        if "--select" not in ctx["inputs.args"]:
            ctx["inputs.args"] = (ctx["inputs.args"] + " --select query-in-loop").strip()
        r1, out1 = run_step(step_script("setup"), ctx, workspace)
        expect(r1.code == 0 and out1.get("bin"), "the setup step finds headroom on PATH", r1)
        for k, v in out1.items():
            ctx["steps.setup.outputs.%s" % k] = v
        r2, out2 = run_step(step_script("run"), ctx, workspace)
        return r2, out2

    def runs_here():
        ws = s.project({"views.py": fx.QUERY_LOOP, "clean/ok.py": fx.CLEAN})
        r, out = run_action(ws)
        expect(r.code == 0, "exit 1 (findings) does not fail the run step", r)
        expect(out.get("exit-code") == "1" and out.get("sarif-file") == "headroom.sarif", "outputs: %s" % out, r)
        with open(os.path.join(ws, "headroom.sarif"), encoding="utf-8") as fh:
            doc = json.load(fh)
        expect(doc["runs"][0]["automationDetails"]["id"] == "headroom/" and len(sarif_results(doc)) == 1,
               "SARIF written with the category", r)
        r, out = run_action(ws, paths="clean", **{"sarif-file": "out/h.sarif", "category": "py"})
        expect(r.code == 0 and out.get("exit-code") == "0", "clean path: exit-code 0", r)
        with open(os.path.join(ws, "out/h.sarif"), encoding="utf-8") as fh:
            doc = json.load(fh)
        expect(doc["runs"][0]["automationDetails"]["id"] == "py/", "category input reaches the SARIF", r)
        r, out = run_action(ws, args="--select no-such-rule")
        expect(r.code != 0 and out.get("exit-code") == "2", "exit 2 fails the step", r)
        r, out = run_action(ws, scale="1M", args="--max-results 1 --report-suppressed")
        expect(r.code == 0 and out.get("exit-code") == "1", "scale and args are passed", r)
    s.case("action: the setup and run steps work against the built binary", runs_here)

    def conditions():
        steps = {st.get("id", st.get("name")): st for st in action["runs"]["steps"]}
        fail = [st for st in action["runs"]["steps"] if "fail-on-findings" in str(st.get("if", ""))]
        expect(len(fail) == 1 and "exit-code" in str(fail[0]["if"]) and "exit 1" in fail[0].get("run", ""),
               "a last step fails the job on findings when fail-on-findings is true")
        expect(list(steps)[0] == "setup", "setup comes first")
    s.case("action: upload and fail-on-findings conditions", conditions)

    def docs_workflow():
        with open(os.path.join(REPO, "docs", "integrations.md"), encoding="utf-8") as fh:
            text = fh.read()
        blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
        workflows = [yaml.safe_load(b) for b in blocks if "jobs:" in b]
        expect(workflows, "docs/integrations.md has an example workflow")
        wf = workflows[0]
        steps = [st for job in wf["jobs"].values() for st in job["steps"]]
        expect(any("headroom" in str(st.get("uses", "")) for st in steps), "the workflow uses the action")
        perms = wf.get("permissions") or list(wf["jobs"].values())[0].get("permissions", {})
        expect(perms.get("security-events") == "write", "the workflow grants security-events: write")
    s.case("action: the documented workflow parses and uses the action", docs_workflow)


# ---------------------------------------------------------------------------------------------
# man page

def man_text(path):
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    return re.sub(r"\\f[BIRP]|\\f\(..", "", src).replace("\\-", "-").replace("\\(em", "--")


def suite_man(s, args):
    page = os.path.join(REPO, "docs", "headroom.1")
    build = args[0] if args else None

    def renders():
        if shutil.which("man"):
            r = run_cmd(["man", "--warnings", "-E", "UTF-8", "-l", page], env={"MANWIDTH": "80", "MANPAGER": "cat",
                                                                             "PAGER": "cat"})
        elif shutil.which("groff"):
            r = run_cmd(["groff", "-man", "-ww", "-z", "-Tutf8", page])
        else:
            r = None
        if r is not None:
            expect(r.code == 0 and not r.err.strip(), "the man page must render without warnings", r)
            if shutil.which("man"):
                expect("EXIT STATUS" in r.out and "headroom" in r.out, "rendered text", r)
        # structure, checked by hand too (works without groff)
        with open(page, encoding="utf-8") as fh:
            src = fh.read()
        expect(src.startswith(".TH HEADROOM 1 "), "starts with .TH HEADROOM 1")
        for sec in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS",
                    "FILES", "ENVIRONMENT", "SEE ALSO"):
            expect(re.search(r"(?m)^\.SH \"?%s\"?$" % sec, src), "section %s missing" % sec)
        for line in src.splitlines():
            expect(not line.startswith("'"), "no line may start with an apostrophe: %r" % line)
            expect(not re.match(r"^\.\s*$", line) or True, "")
    s.case("man: renders without warnings", renders)

    def every_flag():
        r = s.run("--help")
        flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", r.out))
        r2 = s.run("report", "--help")
        expect(r2.code == 0, "headroom report --help", r2)
        flags |= set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", r2.out))
        expect(len(flags) > 15, "flags found in --help: %s" % sorted(flags), r)
        text = man_text(page)
        missing = sorted(f for f in flags if f not in text)
        expect(not missing, "flags in --help but not in docs/headroom.1: %s" % missing)
        for code in ("HRN0001", "HRN0101", "HRN0102", "HRN0103", "HRN0201", "HRN0202"):
            expect(code in text, "notice code %s is documented" % code)
        for word in (".headroom.yml", "NO_COLOR", "CI", "0", "1", "2"):
            expect(word in text, "%s is documented" % word)
        for fmt in ("text", "sarif", "json", "github", "gitlab"):
            expect(fmt in text, "format %s documented" % fmt)
    s.case("man: every flag of --help is documented", every_flag)

    def installed():
        expect(build, "the build directory is needed (ARGS)")
        prefix = s.tmpdir()
        r = run_cmd(["cmake", "--install", build, "--prefix", prefix])
        expect(r.code == 0, "cmake --install", r)
        man = os.path.join(prefix, "share", "man", "man1", "headroom.1")
        expect(os.path.isfile(man), "share/man/man1/headroom.1 is installed", r)
        with open(man, encoding="utf-8") as a, open(page, encoding="utf-8") as b:
            expect(a.read() == b.read(), "the installed page is docs/headroom.1")
        expect(os.access(os.path.join(prefix, "bin", "headroom"), os.X_OK), "bin/headroom installed", r)
    s.case("man: installed by cmake --install", installed)


SUITES = {
    "config": suite_config,
    "suppress": suite_suppress,
    "baseline": suite_baseline,
    "formats": suite_formats,
    "sarif": suite_sarif,
    "validate": suite_validate,
    "hook": suite_hook,
    "precommit": suite_precommit,
    "action": suite_action,
    "man": suite_man,
}

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.exit(main(SUITES))
