#!/usr/bin/env python3
"""Readiness report tests: `headroom report` rendered by headless Chromium.

Usage: run_report_tests.py HEADROOM_BIN SOURCE_DIR

For a few projects (the example application, small fixture projects) the
report is written as JSON and as HTML from the same run options, then:
  - the HTML is self-contained: no script, no stylesheet or image fetched, no
    link out except the rules' documentation;
  - the same input gives the same bytes (also across --jobs);
  - Chromium (Debian `chromium`, installed by scripts/bootstrap) loads it
    with --dump-dom: the counts per stage in the chart and the stage table
    equal the JSON's, every finding of the JSON has its `path:line` link and
    its rule-doc link, the gauges section lists every gauge as the JSON says;
  - Chromium takes a 1280x2000 screenshot: a PNG of that size, not empty.
Screenshots are kept in the build folder (report-*.png) for a person to look at.

The last line is `N passed, M failed`; exit status 1 when a case failed.
HEADROOM_SKIP_BROWSER=1 skips the browser cases (they count as failed
otherwise when Chromium is missing: run scripts/bootstrap).
"""

import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

RULE_DOC_PREFIX = "https://github.com/headroom-dev/headroom/blob/main/docs/rules/"
STAGES = ["1k", "10k", "100k", "1M"]
GAUGES = ["query", "request", "metrics", "pool", "queue"]
TIMEOUT = 300


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL " + what)
        return ok


def run(argv, cwd=None):
    p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def find_browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(chrome, args, url):
    """Runs headless Chromium with a fresh profile; returns (code, stdout bytes, stderr)."""
    profile = tempfile.mkdtemp(prefix="headroom-chromium-")
    try:
        argv = [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile] + args + [url]
        return run(argv)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


class Dom(html.parser.HTMLParser):
    """The parts of the report DOM the tests look at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bars = {}          # stage -> (count, state)
        self.rows = {}          # stage -> count (stage table)
        self.sections = set()
        self.gauges = {}        # kind -> present
        self.findings = []      # (path, line, rule)
        self.links = []         # [href, text]
        self.scripts = 0
        self.external = []      # src= / link rel=stylesheet
        self._a = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "bar" in (a.get("class") or "").split():
            self.bars[a.get("data-stage")] = (int(a.get("data-count", "-1")), a.get("data-state"))
        if tag == "tr" and a.get("data-stage") and a.get("data-count") is not None:
            self.rows[a["data-stage"]] = int(a["data-count"])
        if tag == "tr" and "gauge" in (a.get("class") or "").split():
            self.gauges[a.get("data-gauge")] = a.get("data-present") == "true"
        if tag == "section" and a.get("id"):
            self.sections.add(a["id"])
        if tag == "li" and "finding" in (a.get("class") or "").split():
            self.findings.append((a.get("data-path"), int(a.get("data-line", "0")), a.get("data-rule")))
        if tag == "script":
            self.scripts += 1
        if a.get("src") or (tag == "link" and a.get("href")):
            self.external.append((tag, a.get("src") or a.get("href")))
        if tag == "a":
            self._a = [a.get("href") or "", ""]
            self.links.append(self._a)

    def handle_endtag(self, tag):
        if tag == "a":
            self._a = None

    def handle_data(self, data):
        if self._a is not None:
            self._a[1] += data


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def check_static(rep, name, text):
    """Self-containment checks on the HTML text itself."""
    rep.check("<script" not in text.lower(), "%s: the report has a <script>" % name)
    rep.check(not re.search(r"<link\b", text, re.I), "%s: the report links a stylesheet or resource" % name)
    rep.check(not re.search(r"\bsrc\s*=", text, re.I), "%s: the report loads something through src=" % name)
    rep.check("@import" not in text and not re.search(r"url\(", text), "%s: the CSS fetches something" % name)
    rep.check("@font-face" not in text, "%s: the report declares a web font" % name)
    outside = [h for h in re.findall(r'href="([^"]*)"', text)
               if re.match(r"[a-z]+:", h) and not h.startswith(RULE_DOC_PREFIX)]
    rep.check(not outside, "%s: links out of the report other than rule docs: %s" % (name, outside[:3]))
    rep.check(text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>"),
              "%s: not a complete HTML document" % name)


def check_dom(rep, name, dom, doc, prefix):
    stages = {s["stage"]: s["findings"] for s in doc["stages"]}
    rep.check(sorted(stages) == sorted(STAGES), "%s: JSON stages %s" % (name, sorted(stages)))
    for s in STAGES:
        rep.check(dom.bars.get(s, (None,))[0] == stages.get(s),
                  "%s: chart bar %s shows %s, JSON says %s" % (name, s, dom.bars.get(s), stages.get(s)))
        rep.check(dom.rows.get(s) == stages.get(s),
                  "%s: stage table %s shows %s, JSON says %s" % (name, s, dom.rows.get(s), stages.get(s)))
    rep.check(sum(stages.values()) == doc["findings"] == len(doc["items"]),
              "%s: stage counts %s do not add up to %s findings" % (name, stages, doc["findings"]))
    for sec in ("verdict", "staircase", "gauges", "hotspots", "findings", "rules"):
        rep.check(sec in dom.sections, "%s: no section #%s in the DOM" % (name, sec))
    rep.check(dom.scripts == 0 and not dom.external,
              "%s: the DOM loads scripts or resources: %s" % (name, dom.external[:3]))
    if doc["gauges"]["available"]:
        want = {k["kind"]: k["present"] for k in doc["gauges"]["kinds"]}
        rep.check(dom.gauges == want, "%s: gauges in the DOM %s, JSON %s" % (name, dom.gauges, want))
        rep.check(sorted(dom.gauges) == sorted(GAUGES), "%s: gauges listed %s" % (name, sorted(dom.gauges)))
    links = {(h, t.strip()) for h, t in dom.links}
    hrefs = {h for h, _ in dom.links}
    shown = set(dom.findings)
    for item in doc["items"]:
        key = (item["path"], item["line"], item["rule"])
        where = "%s:%d" % (item["path"], item["line"])
        rep.check(key in shown, "%s: finding %s %s is not in the DOM" % (name, where, item["rule"]))
        href = prefix + item["path"] + "#L%d" % item["line"]
        rep.check((href, where) in links, "%s: no link %r with text %r" % (name, href, where))
        rep.check(item["help_uri"] in hrefs, "%s: no rule doc link %s" % (name, item["help_uri"]))
    rep.check(len(dom.findings) == len(doc["items"]),
              "%s: %d findings in the DOM, %d in the JSON" % (name, len(dom.findings), len(doc["items"])))


def report_case(rep, headroom, chrome, out_dir, name, project, extra, cwd):
    """One project: JSON and HTML, static checks, determinism, DOM and screenshot."""
    print("== %s (%s %s)" % (name, project, " ".join(extra)))
    html_path = os.path.join(out_dir, "report-%s.html" % name)
    code, out, err = run([headroom, "report", "--format", "json"] + extra + [project], cwd=cwd)
    if not rep.check(code == 0, "%s: report --format json exited %d: %s" % (name, code, err.strip())):
        return None
    doc = json.loads(out.decode("utf-8"))
    code, _, err = run([headroom, "report", "--output", html_path] + extra + [project], cwd=cwd)
    if not rep.check(code == 0 and os.path.isfile(html_path),
                     "%s: report --output exited %d: %s" % (name, code, err.strip())):
        return None
    with open(html_path, encoding="utf-8") as fh:
        text = fh.read()
    check_static(rep, name, text)
    again_path = html_path + ".again"
    code, _, _ = run([headroom, "report", "--jobs", "1", "--output", again_path] + extra + [project], cwd=cwd)
    with open(again_path, encoding="utf-8") as fh:
        again = fh.read()
    os.unlink(again_path)
    rep.check(code == 0 and again == text,
              "%s: two runs (--jobs 1 vs default) give different HTML" % name)
    code, again_json, _ = run([headroom, "report", "--format", "json", "--jobs", "2"] + extra + [project], cwd=cwd)
    rep.check(again_json == out, "%s: two runs give different JSON" % name)
    rep.check("generated" not in text and "generated_at" not in doc,
              "%s: a time is printed without --timestamps" % name)
    print("   %d findings, %d bytes of HTML" % (doc["findings"], len(text.encode("utf-8"))))
    if chrome is None:
        return doc
    url = "file://" + os.path.abspath(html_path)
    code, dom_out, err = browser(chrome, ["--dump-dom"], url)
    if rep.check(code == 0 and dom_out.strip(), "%s: chromium --dump-dom failed (%d): %s" % (name, code, err[-400:])):
        dom = Dom()
        dom.feed(dom_out.decode("utf-8", "replace"))
        # The report sits in out_dir; links are relative to it (the --output folder).
        prefix = os.path.relpath(os.path.abspath(cwd), os.path.abspath(out_dir)).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        check_dom(rep, name, dom, doc, prefix)
    png = os.path.join(out_dir, "report-%s.png" % name)
    if os.path.exists(png):
        os.unlink(png)
    code, _, err = browser(chrome, ["--screenshot=" + png, "--window-size=1280,2000", "--hide-scrollbars"], url)
    size = png_size(png) if os.path.exists(png) else None
    rep.check(code == 0 and size == (1280, 2000) and os.path.getsize(png) > 20000,
              "%s: screenshot %s: exit %d, size %s, %s bytes" %
              (name, png, code, size, os.path.getsize(png) if os.path.exists(png) else "no"))
    return doc


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    headroom, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    rep = Report()
    chrome = find_browser()
    if chrome is None:
        if os.environ.get("HEADROOM_SKIP_BROWSER") == "1":
            print("note: no chromium; browser cases skipped (HEADROOM_SKIP_BROWSER=1)")
        else:
            rep.check(False, "chromium is not installed: run scripts/bootstrap (or HEADROOM_SKIP_BROWSER=1)")
    out_dir = os.path.abspath("report-out")
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="headroom-report-")
    try:
        # Projects are copied into a scratch root with .git, so that paths are
        # relative to it and the report sits one folder below (links get ../).
        cases = [
            ("examples", os.path.join(src, "examples"), []),
            ("examples-scale", os.path.join(src, "examples"), ["--scale", "1k"]),
            ("instrumented", os.path.join(src, "tests/rules/no-query-instrumentation/django_sentry_requirements"), []),
            ("clean", os.path.join(src, "tests/rules/no-query-instrumentation/flask_no_database"), ["--scale", "10k"]),
            ("blind", os.path.join(src, "tests/rules/no-query-instrumentation/django_bare"), []),
            ("growth", os.path.join(src, "tests/report/projects/growth"), ["--scale", "10k"]),
        ]
        docs = {}
        for name, project, extra in cases:
            root = os.path.join(work, name)
            shutil.copytree(project, root, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
            os.makedirs(os.path.join(root, ".git"))
            docs[name] = report_case(rep, headroom, chrome, out_dir, name, ".", extra, root)
        # What the cases must show, beyond agreeing with each other.
        ex, sc, ins, cl = docs["examples"], docs["examples-scale"], docs["instrumented"], docs["clean"]
        bl = docs["blind"]
        if ex:
            rep.check(ex["findings"] > 0 and ex["first_stage"] == "1k", "examples: expected findings at 1k first")
            rep.check(ex["hotspots"]["findings_in_handlers"] > 0, "examples: no finding traced to a handler")
        if bl:
            rep.check(not next(k for k in bl["gauges"]["kinds"] if k["kind"] == "query")["present"],
                      "blind: query instrumentation reported present")
            rep.check([i["rule"] for i in bl["items"]] == ["no-query-instrumentation"],
                      "blind: expected one no-query-instrumentation finding: %s" % bl["items"])
            rep.check(bl["gauges"]["entry"]["path"] == "mysite/settings.py", "blind: entry %s" % bl["gauges"]["entry"])
            with open(os.path.join(out_dir, "report-blind.html"), encoding="utf-8") as fh:
                rep.check("You cannot see it coming" in fh.read(), "blind: the verdict does not say it")
        if sc:
            stat = {s["stage"]: s["status"] for s in sc["stages"]}
            rep.check(stat["1k"] == "fix now", "examples --scale 1k: 1k is %s" % stat["1k"])
            later = [s for s in sc["stages"][1:] if s["findings"]]
            rep.check(all(s["status"] == "defer knowingly" for s in later),
                      "examples --scale 1k: later stages %s" % [(s["stage"], s["status"]) for s in later])
            rep.check(sc["fix_now"] + sc["deferred"] == sc["findings"], "examples --scale 1k: fix now + deferred")
        if ins:
            tools = {t["name"] for t in ins["gauges"]["tools"]}
            rep.check("Sentry" in tools, "instrumented: Sentry not found in requirements.txt: %s" % tools)
            rep.check(not any(i["rule"] == "no-query-instrumentation" for i in ins["items"]),
                      "instrumented: no-query-instrumentation fired")
        gr = docs["growth"]
        if gr:
            staged = [s["stage"] for s in gr["stages"] if s["findings"]]
            rep.check(len(staged) >= 2 and "100k" in staged,
                      "growth: expected findings at several stages including 100k: %s" % staged)
            rep.check(next(s for s in gr["stages"] if s["stage"] == "100k")["status"] == "defer knowingly",
                      "growth --scale 10k: 100k is not deferred")
            rep.check(gr["hotspots"]["functions"] and gr["hotspots"]["functions"][0]["handler"],
                      "growth: the first hot spot is not a request handler")
        if cl:
            rep.check(cl["findings"] == 0 and cl["first_stage"] is None and not cl["gauges"]["uses_database"],
                      "clean: expected no findings and no database")
        # Gauges from manifests and configuration files (JSON only).
        for proj, tool, path in (("flask_pg_conf", "slow-query log", "deploy/postgresql.conf"),
                                 ("express_sentry", "Sentry", None)):
            root = os.path.join(work, proj)
            shutil.copytree(os.path.join(src, "tests/rules/no-query-instrumentation", proj), root)
            os.makedirs(os.path.join(root, ".git"))
            code, out, err = run([headroom, "report", "--format", "json", "."], cwd=root)
            doc = json.loads(out.decode()) if code == 0 else {"gauges": {"tools": []}, "items": []}
            hits = {t["name"]: t for t in doc["gauges"]["tools"]}
            rep.check(tool in hits and (path is None or hits[tool]["path"] == path),
                      "%s: %s not found%s: %s" % (proj, tool, " in " + path if path else "", hits))
            rep.check(not any(i["rule"] == "no-query-instrumentation" for i in doc["items"]),
                      "%s: no-query-instrumentation fired" % proj)
        # Models from schema files have no class: hot spots by model name the
        # Prisma model or SQL table and where the schema file declares it (JSON only).
        for proj, prefix, ext in (("prisma_app", "prisma:", ".prisma"), ("sql_app", "sql:", ".sql")):
            root = os.path.join(work, proj)
            shutil.copytree(os.path.join(src, "tests/rules/unindexed-filter", proj), root)
            os.makedirs(os.path.join(root, ".git"))
            code, out, err = run([headroom, "report", "--format", "json", "."], cwd=root)
            doc = json.loads(out.decode()) if code == 0 else {"items": [], "hotspots": {"models": []}}
            models = doc["hotspots"]["models"]
            flagged = sum(1 for i in doc["items"] if i["rule"] == "unindexed-filter")
            rep.check(flagged > 0 and sum(m["findings"] for m in models) == flagged,
                      "%s: %d unindexed-filter findings, hot spots by model %s" % (proj, flagged, models))
            for m in models:
                rep.check(m["name"].startswith(prefix) and (m["path"] or "").endswith(ext) and m["line"] > 0,
                          "%s: hot spot model %s is not a %s model declared in a %s file" % (proj, m, prefix, ext))
            if proj == "prisma_app":
                got = {m["name"]: (m["path"], m["line"]) for m in models}
                want = {"prisma:User": ("prisma/schema.prisma", 12), "prisma:Post": ("prisma/schema.prisma", 35)}
                rep.check(all(got.get(k) == v for k, v in want.items()),
                          "prisma_app: hot spot models %s, want at least %s" % (got, want))
        # --timestamps, link prefix from a sub-folder, bad usage.
        root = os.path.join(work, "examples")
        code, out, _ = run([headroom, "report", "--format", "json", "--timestamps", "."], cwd=root)
        rep.check(code == 0 and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
                                         json.loads(out.decode()).get("generated_at", "")),
                  "--timestamps: no generated_at time")
        os.makedirs(os.path.join(root, "out"), exist_ok=True)
        code, _, _ = run([headroom, "report", "--output", "out/r.html", "."], cwd=root)
        with open(os.path.join(root, "out/r.html"), encoding="utf-8") as fh:
            sub = fh.read()
        rep.check(code == 0 and 'class="loc" href="../shop/' in sub,
                  "--output out/r.html: links are not relative to the report's folder")
        code, _, err = run([headroom, "report", "--format", "sarif", "."], cwd=root)
        rep.check(code == 2 and "html or json" in err, "report --format sarif: exit %d, %s" % (code, err.strip()))
        code, _, err = run([headroom, "report", "--scale", "5k", "."], cwd=root)
        rep.check(code == 2, "report --scale 5k: exit %d" % code)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
