#!/usr/bin/env python3
"""Checks headroom's emitters on the synthetic sample (tests/sarif/emit_sample.c).

    check_sarif.py checks   SAMPLE_BIN WORKDIR   structure, determinism, goldens
    check_sarif.py validate SAMPLE_BIN WORKDIR   both SARIF validators (validate_sarif.sh)

`checks` covers what the validators do not (shared/spec/sarif.md §7): columnKind,
ruleIndex consistency, sentences ending in '.', UTF-16 columns on the é/😀
fixture, CRLF = LF, percent-encoded URIs, relatedLocations ids and links,
codeFlows, GitHub's primaryLocationLineHash (re-implemented here independently
of the C code), determinism across two output directories, and goldens in
tests/sarif/golden/ (regenerate with HEADROOM_UPDATE_GOLDENS=1).
Prints "N passed, M failed" and exits non-zero on any failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from urllib.parse import unquote

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")
STAGES = ["1k", "10k", "100k", "1M"]
REGISTRY = ["cache-miss-in-loop", "query-in-loop", "sync-io-in-handler", "unbounded-query"]
SARIF_FILES = ["sample.sarif", "deterministic.sarif", "empty.sarif", "fatal.sarif", "outside.sarif"]
# outside.sarif holds an absolute file:// URI on purpose (a file outside the
# project root); GitHub rejects those (multitool GH1006), so it is checked for
# schema validity only.
MULTITOOL_FILES = ["sample.sarif", "deterministic.sarif", "empty.sarif", "fatal.sarif"]


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")
        return cond

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


# ---- GitHub's primaryLocationLineHash, from codeql-action src/fingerprints.ts ----

def line_hashes(text):
    mask = (1 << 64) - 1
    block = 100
    first_mod = pow(37, block, 1 << 64)
    window = [0] * block
    line_numbers = [-1] * block
    state = {"h": 0, "index": 0, "line": 0, "line_start": True, "prev_cr": False}
    counts = {}
    out = {}

    def output():
        value = format(state["h"], "x")
        counts[value] = counts.get(value, 0) + 1
        out[line_numbers[state["index"]]] = f"{value}:{counts[value]}"
        line_numbers[state["index"]] = -1

    def update(c):
        i = state["index"]
        begin = window[i]
        window[i] = c
        state["h"] = (37 * state["h"] + c - first_mod * begin) & mask
        state["index"] = (i + 1) % block

    def process(c):
        if c in (0x20, 0x09) or (state["prev_cr"] and c == 0x0A):
            state["prev_cr"] = False
            return
        if c == 0x0D:
            c = 0x0A
            state["prev_cr"] = True
        else:
            state["prev_cr"] = False
        if line_numbers[state["index"]] != -1:
            output()
        if state["line_start"]:
            state["line_start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if c == 0x0A:
            state["line_start"] = True
        update(c)

    data = text.encode("utf-16-le")
    for k in range(0, len(data), 2):
        process(data[k] | (data[k + 1] << 8))
    process(65535)
    for _ in range(block):
        if line_numbers[state["index"]] != -1:
            output()
        update(0)
    return out


# ---- helpers ----

def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def region_text(text, region):
    """The text of a SARIF region (1-based lines, UTF-16 columns, end exclusive)."""
    lines = text.split("\n")
    sl, el = region["startLine"], region["endLine"]
    sc, ec = region["startColumn"], region["endColumn"]

    def offset(line, col):
        prefix = sum(len(l) + 1 for l in lines[: line - 1])
        units = lines[line - 1].encode("utf-16-le")[: (col - 1) * 2].decode("utf-16-le")
        return prefix + len(units)

    return text[offset(sl, sc):offset(el, ec)]


def run_sample(sample, out):
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sample, out], check=True)


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw.decode("utf-8"))


def normalise_sarif(doc):
    doc = json.loads(json.dumps(doc))
    for run in doc["runs"]:
        driver = run["tool"]["driver"]
        for key in ("version", "semanticVersion"):
            if key in driver:
                driver[key] = "<version>"
        run.pop("originalUriBaseIds", None)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def normalise_json(doc):
    doc = json.loads(json.dumps(doc))
    if isinstance(doc, dict) and "version" in doc:
        doc["version"] = "<version>"
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---- checks ----

def check_common(c, name, raw, doc, out):
    c.check(not raw.startswith(b"\xef\xbb\xbf"), f"{name}: no BOM")
    c.check(raw.endswith(b"\n") and not raw.endswith(b"\n\n"), f"{name}: one trailing newline")
    c.check(doc.get("$schema") == "https://json.schemastore.org/sarif-2.1.0.json", f"{name}: $schema")
    c.check(doc.get("version") == "2.1.0", f"{name}: version")
    c.check(len(doc.get("runs", [])) == 1, f"{name}: exactly one run")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    c.check(driver.get("name") == "headroom", f"{name}: driver.name")
    c.check(re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", driver.get("semanticVersion", "")) is not None,
            f"{name}: semanticVersion is SemVer")
    c.check(driver.get("version") == driver.get("semanticVersion"), f"{name}: version == semanticVersion")
    c.check(driver.get("informationUri", "").startswith("https://"), f"{name}: informationUri https")
    c.check("automationDetails" not in run, f"{name}: no automationDetails by default")
    c.check(run.get("columnKind") == "utf16CodeUnits", f"{name}: columnKind utf16CodeUnits")

    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    c.check(ids == REGISTRY, f"{name}: every rule listed in registry order: {ids}")
    for r in rules:
        rid = r["id"]
        c.check(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid) is not None, f"{name}: {rid}: kebab-case id")
        c.check(re.fullmatch(r"([A-Z][a-z0-9]*)+", r.get("name", "")) is not None and r["name"] != rid,
                f"{name}: {rid}: PascalCase name != id")
        for key in ("shortDescription", "fullDescription"):
            text = r.get(key, {}).get("text", "")
            c.check(0 < len(text) <= 1024, f"{name}: {rid}: {key} 1..1024 chars")
        c.check(r["fullDescription"]["text"].startswith(r["shortDescription"]["text"]),
                f"{name}: {rid}: fullDescription = title + help")
        c.check(bool(r.get("help", {}).get("text")) and bool(r["help"].get("markdown")),
                f"{name}: {rid}: help text + markdown")
        c.check(r.get("helpUri") == f"{driver['informationUri']}/blob/main/docs/rules/{rid}.md",
                f"{name}: {rid}: helpUri")
        c.check(r.get("defaultConfiguration", {}).get("level") in ("note", "warning", "error"),
                f"{name}: {rid}: defaultConfiguration.level")
        props = r.get("properties", {})
        c.check(props.get("precision") in ("very-high", "high", "medium", "low"), f"{name}: {rid}: precision")
        c.check(props.get("problem.severity") in ("error", "warning", "recommendation"),
                f"{name}: {rid}: problem.severity")
        c.check("security-severity" not in props, f"{name}: {rid}: no security-severity")
        tags = props.get("tags", [])
        c.check(len(tags) <= 10 and len(set(tags)) == len(tags) and "security" not in tags,
                f"{name}: {rid}: <=10 unique tags, no 'security'")
        stage = props.get("headroom/scaleStage")
        c.check(stage in STAGES, f"{name}: {rid}: headroom/scaleStage")
        c.check([t for t in tags if t.startswith("headroom-stage-")] == [f"headroom-stage-{stage}"],
                f"{name}: {rid}: one headroom-stage tag matching the stage")

    results = run.get("results")
    c.check(isinstance(results, list), f"{name}: results is a list")
    for k, res in enumerate(results or []):
        where = f"{name}: result {k}"
        c.check(res.get("ruleId") in ids, f"{where}: ruleId known")
        c.check(res.get("ruleIndex") is not None and ids[res["ruleIndex"]] == res["ruleId"],
                f"{where}: rules[ruleIndex].id == ruleId")
        text = res.get("message", {}).get("text", "")
        c.check(text.endswith(".") and text[:1].isupper(), f"{where}: message is a sentence ending in '.'")
        stage = res.get("properties", {}).get("headroom/scaleStage")
        c.check(stage in STAGES and text.endswith(f" Scale stage: {stage}."), f"{where}: stage in message")
        c.check(res.get("level") in ("warning", "note"), f"{where}: level")
        c.check(len(res.get("locations", [])) == 1, f"{where}: exactly one location")
        c.check("suppressions" not in res and "fingerprints" not in res, f"{where}: no suppressions/fingerprints")
        fps = res.get("partialFingerprints", {})
        for key in fps:
            c.check("/" not in key or re.search(r"/v\d+$", key), f"{where}: fingerprint key {key} versioned")
        c.check(re.fullmatch(r"[0-9a-f]{16}", fps.get("headroomLogicalFingerprint/v1", "")) is not None,
                f"{where}: headroomLogicalFingerprint/v1 is 16 hex digits")
        rel = res.get("relatedLocations", [])
        rel_ids = [r.get("id") for r in rel]
        c.check(all(isinstance(i, int) for i in rel_ids) and len(set(rel_ids)) == len(rel_ids),
                f"{where}: relatedLocations ids unique ints")
        for link in re.findall(r"\[[^\]]*\]\((\d+)\)", text):
            c.check(int(link) in rel_ids, f"{where}: link ({link}) has a relatedLocation")
        for r in rel:
            c.check(bool(r.get("message", {}).get("text")), f"{where}: related message")
        for flow in res.get("codeFlows", []):
            for tf in flow["threadFlows"]:
                c.check(0 < len(tf["locations"]) <= 1000, f"{where}: 1..1000 thread-flow locations")
                for tfl in tf["locations"]:
                    c.check("index" not in tfl and "location" in tfl, f"{where}: inline thread-flow location")
                    c.check(bool(tfl["location"].get("message", {}).get("text")), f"{where}: step message")
        locs = [l["physicalLocation"] for l in res.get("locations", [])]
        locs += [r["physicalLocation"] for r in rel]
        locs += [t["location"]["physicalLocation"] for f in res.get("codeFlows", [])
                 for tf in f["threadFlows"] for t in tf["locations"]]
        for pl in locs:
            reg = pl.get("region", {})
            c.check(all(k in reg for k in ("startLine", "startColumn", "endLine", "endColumn")),
                    f"{where}: region has all four fields")
            c.check(reg.get("startLine", 0) >= 1 and reg.get("startColumn", 0) >= 1, f"{where}: region >= 1")
            c.check(reg.get("endLine", 0) >= reg.get("startLine", 0), f"{where}: endLine >= startLine")
            if reg.get("endLine") == reg.get("startLine"):
                c.check(reg.get("endColumn", 0) > reg.get("startColumn", 0), f"{where}: endColumn > startColumn")
            art = pl["artifactLocation"]
            uri = art["uri"]
            if art.get("uriBaseId") is not None:
                c.check(art["uriBaseId"] == "%SRCROOT%", f"{where}: uriBaseId")
                c.check(not uri.startswith(("/", "./", "../")) and "/../" not in uri,
                        f"{where}: relative uri {uri}")
                c.check(re.fullmatch(r"([A-Za-z0-9._~/-]|%[0-9A-F]{2})+", uri) is not None,
                        f"{where}: uri percent-encoded: {uri}")
                path = os.path.join(out, "root", unquote(uri))
                with open(path, encoding="utf-8-sig", newline="") as f:  # columns never count a BOM
                    file_text = f.read()
                if "snippet" in reg:
                    c.check(region_text(file_text, reg) == reg["snippet"]["text"],
                            f"{where}: snippet equals the file's region text")
                ctx = pl.get("contextRegion")
                if ctx is not None:
                    lines = file_text.split("\n")
                    whole = "\n".join(lines[ctx["startLine"] - 1:ctx["endLine"]])
                    if whole.endswith("\r"):
                        whole = whole[:-1]
                    c.check((ctx["startLine"], ctx["endLine"]) == (reg["startLine"], reg["endLine"])
                            and ctx["snippet"]["text"] == whole,
                            f"{where}: contextRegion is the region's whole lines")
            else:
                c.check(uri.startswith("file:///"), f"{where}: uri without base is absolute file URI")
        # primaryLocationLineHash, recomputed independently
        pl = locs[0]
        if pl["artifactLocation"].get("uriBaseId"):
            path = os.path.join(out, "root", unquote(pl["artifactLocation"]["uri"]))
            with open(path, encoding="utf-8", newline="") as f:
                hashes = line_hashes(f.read())
            c.check(fps.get("primaryLocationLineHash") == hashes.get(pl["region"]["startLine"]),
                    f"{where}: primaryLocationLineHash {fps.get('primaryLocationLineHash')} "
                    f"== {hashes.get(pl['region']['startLine'])}")

    invs = run.get("invocations", [])
    c.check(len(invs) == 1, f"{name}: one invocation")
    for n in invs[0].get("toolExecutionNotifications", []):
        c.check(n.get("level") in ("note", "warning", "error"), f"{name}: notification level")
        c.check(re.fullmatch(r"HRN\d{4}", n.get("descriptor", {}).get("id", "")) is not None,
                f"{name}: notification descriptor.id")
        text = n.get("message", {}).get("text", "")
        c.check(text.endswith(".") and text[:1].isupper(), f"{name}: notification message sentence")
    return run


def check_sample(c, out):
    raw, doc = load(os.path.join(out, "sample.sarif"))
    run = check_common(c, "sample.sarif", raw, doc, out)
    res = run["results"]
    APP0, APP1, APP2, BOM, MIN, ODD, UNIX, WIN = range(8)
    c.check(len(res) == 8, "sample: 8 results")
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    c.check(base.startswith("file:///") and base.endswith("/root/"), f"sample: %SRCROOT% uri {base}")
    inv = run["invocations"][0]
    c.check(inv.get("executionSuccessful") is True and inv.get("exitCode") == 1,
            "sample: executionSuccessful true with findings (exit 1)")
    notes = inv.get("toolExecutionNotifications", [])
    c.check([n["level"] for n in notes] == ["warning", "note"], "sample: notification levels")
    loc = notes[0]["locations"][0]["physicalLocation"]
    c.check(loc["artifactLocation"] == {"uri": "src/broken.py", "uriBaseId": "%SRCROOT%"}
            and loc["region"]["startLine"] == 1, "sample: notice location")
    c.check(notes[0]["message"]["text"] == "File has syntax errors; the model may be partial ('src/broken.py', line 1).",
            "sample: notice message")
    c.check("locations" not in notes[1], "sample: notice without file has no location")

    def region(k):
        return res[k]["locations"][0]["physicalLocation"]["region"]

    # é (1 unit) and 😀 (2 units) before the call; two tabs count 1 each
    c.check((region(APP0)["startLine"], region(APP0)["startColumn"], region(APP0)["endColumn"]) == (7, 25, 41),
            f"sample: UTF-16 columns after é/😀: {region(APP0)}")
    c.check(region(APP0)["snippet"]["text"] == "db.fetch_user(i)", "sample: snippet")
    # a BOM does not shift columns and is not part of snippets
    c.check((region(BOM)["startColumn"], region(BOM)["endColumn"]) == (8, 16)
            and region(BOM)["snippet"]["text"] == "db.all()"
            and res[BOM]["locations"][0]["physicalLocation"]["contextRegion"]["snippet"]["text"] == "rows = db.all()",
            f"sample: BOM does not shift columns: {region(BOM)}")
    # multi-line span
    r2 = region(APP2)
    c.check((r2["startLine"], r2["startColumn"], r2["endLine"], r2["endColumn"]) == (10, 10, 11, 5),
            f"sample: multi-line region {r2}")
    c.check(r2["snippet"]["text"] == "db.fetch_order(\n\t\ti)", "sample: multi-line snippet")
    # path with a space, '#' and non-ASCII
    art = res[ODD]["locations"][0]["physicalLocation"]["artifactLocation"]
    c.check(art == {"uri": "src/my%20dir/caf%C3%A9%20%231.py", "uriBaseId": "%SRCROOT%"},
            f"sample: percent-encoded uri {art}")
    # CRLF gives the same region and line hash as LF
    c.check(region(UNIX) == region(WIN), "sample: CRLF region == LF region")
    c.check(res[UNIX]["partialFingerprints"]["primaryLocationLineHash"]
            == res[WIN]["partialFingerprints"]["primaryLocationLineHash"], "sample: CRLF line hash == LF")
    # deferred findings are notes, failing ones warnings
    c.check([r["level"] for r in res] == ["warning"] * 6 + ["note"] * 2, "sample: levels from fails")
    # identical snippets in one file get distinct logical fingerprints
    fp = [r["partialFingerprints"]["headroomLogicalFingerprint/v1"] for r in res]
    c.check(len(set(fp)) == len(fp), "sample: logical fingerprints distinct")
    # codeFlow of the first result
    steps = res[APP0]["codeFlows"][0]["threadFlows"][0]["locations"]
    c.check([s["location"]["message"]["text"] for s in steps]
            == ["Loop over 'ids' starts here.", "Query executes on every iteration."], "sample: flow steps")
    c.check(res[APP0]["relatedLocations"][0]["id"] == 1, "sample: related ids start at 1")
    c.check("codeFlows" not in res[APP1], "sample: no codeFlows without flow")
    c.check(res[APP2]["relatedLocations"][1]["message"]["text"] == "Related location.",
            "sample: fallback related message")

    _, det = load(os.path.join(out, "deterministic.sarif"))
    c.check("originalUriBaseIds" not in det["runs"][0], "deterministic: originalUriBaseIds omitted")

    raw, doc = load(os.path.join(out, "empty.sarif"))
    run = check_common(c, "empty.sarif", raw, doc, out)
    c.check(run["results"] == [] and len(run["tool"]["driver"]["rules"]) == 4, "empty: results [] and rules listed")
    c.check(run["invocations"][0] == {"executionSuccessful": True, "exitCode": 0}, "empty: invocation")

    raw, doc = load(os.path.join(out, "fatal.sarif"))
    run = check_common(c, "fatal.sarif", raw, doc, out)
    inv = run["invocations"][0]
    c.check(inv["executionSuccessful"] is False and inv["exitCode"] == 2, "fatal: executionSuccessful false")
    c.check(inv["toolExecutionNotifications"][0]["level"] == "error", "fatal: error notification")

    raw, doc = load(os.path.join(out, "outside.sarif"))
    run = check_common(c, "outside.sarif", raw, doc, out)
    art = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    c.check(art == {"uri": "file:///tmp/outside%20dir/x.py"}, f"outside: absolute uri without base {art}")


def check_json(c, out):
    raw, doc = load(os.path.join(out, "sample.json"))
    c.check(raw.endswith(b"\n"), "sample.json: trailing newline")
    c.check(list(doc) == ["version", "findings", "notices", "summary"], "sample.json: top-level keys")
    keys = ["rule", "stage", "fails", "path", "line", "column", "end_line", "end_column",
            "message", "help", "related", "flow"]
    loc_keys = ["path", "line", "column", "end_line", "end_column", "message"]
    for f in doc["findings"]:
        c.check(list(f) == keys, f"sample.json: finding keys {list(f)}")
        for loc in f["related"] + f["flow"]:
            c.check(list(loc) == loc_keys, "sample.json: location keys")
    f0 = doc["findings"][0]
    # code points: two tabs + 'label = "' + é + 😀 + '"; user = ' = 23 before the call
    c.check((f0["line"], f0["column"], f0["end_line"], f0["end_column"]) == (7, 24, 7, 40),
            "sample.json: code point columns")
    c.check(doc["findings"][5]["path"] == "src/my dir/café #1.py", "sample.json: display path")
    c.check(doc["notices"] == [
        {"level": "warning", "code": "HRN0001", "path": "src/broken.py", "line": 1,
         "message": "file has syntax errors; the model may be partial"},
        {"level": "info", "code": "HRN0004", "path": None, "line": 0,
         "message": "no configuration file found; using defaults"}], "sample.json: notices")
    c.check(doc["summary"] == {"files": 8, "findings": 8, "failing": 6,
                               "by_stage": {"1k": 3, "10k": 3, "100k": 2, "1M": 0}}, "sample.json: summary")
    bom = doc["findings"][3]
    c.check((bom["path"], bom["column"], bom["end_column"]) == ("src/bom.py", 8, 16), "sample.json: BOM columns")
    _, empty = load(os.path.join(out, "empty.json"))
    c.check(empty["findings"] == [] and empty["summary"]["findings"] == 0, "empty.json")
    _, rules = load(os.path.join(out, "rules.json"))
    c.check([r["id"] for r in rules] == REGISTRY, "rules.json: ids")
    c.check(rules[1]["languages"] == ["python", "javascript", "typescript", "tsx"], "rules.json: languages")
    c.check(list(rules[0]) == ["id", "name", "stage", "precision", "languages", "title", "help"],
            "rules.json: keys")


def check_text(c, out):
    with open(os.path.join(out, "sample.txt"), encoding="utf-8") as f:
        text = f.read()
    c.check("\x1b[" not in text, "sample.txt: no colour codes")
    c.check(text.startswith("src/app.py:7:24: [1k] query-in-loop: query 'db.fetch_user' runs once per item of the loop;"),
            "sample.txt: first line")
    c.check("  = help: Fetch all rows with one batched query before the loop.\n" in text, "sample.txt: help line")
    c.check("  note: src/app.py:6:2: loop over 'ids'\n" in text, "sample.txt: note line")
    c.check("src/broken.py:1: warning[HRN0001]: file has syntax errors; the model may be partial\n" in text,
            "sample.txt: notice line")
    c.check("Scale 10k: 6 fix now (at or below 10k), 2 deferred (later stages).\n" in text,
            "sample.txt: scale summary")
    with open(os.path.join(out, "sample-color.txt"), encoding="utf-8") as f:
        color = f.read()
    c.check("\x1b[1;31m[1k] query-in-loop\x1b[0m" in color and "\x1b[1;33m[100k]" in color,
            "sample-color.txt: red failing, yellow deferred")
    c.check(re.sub(r"\x1b\[[0-9;]*m", "", color) == text, "sample-color.txt: same text without colour")
    # the minified line is shown as a window around the span
    block = text[text.index("src/min.js:1:407:"):]
    src_line, caret_line = block.split("\n")[1:3]
    c.check(src_line.startswith(" 1 | …") and src_line.endswith("…") and len(src_line) < 260,
            f"sample.txt: long line windowed: {src_line[:40]}")
    c.check(caret_line.index("^") == src_line.index("db.find") and caret_line.count("^") == 11,
            "sample.txt: carets under the windowed span")
    with open(os.path.join(out, "empty.txt"), encoding="utf-8") as f:
        c.check(f.read().startswith("All clear: no findings."), "empty.txt: all clear")


def check_determinism(c, sample, work):
    a, b = os.path.join(work, "a"), os.path.join(work, "b-other dir")
    run_sample(sample, a)
    run_sample(sample, b)
    for name in sorted(os.listdir(a)):
        pa = os.path.join(a, name)
        if os.path.isdir(pa):
            continue
        with open(pa, "rb") as f:
            da = f.read()
        with open(os.path.join(b, name), "rb") as f:
            db = f.read()
        if name == "sample.sarif":  # only %SRCROOT% differs between the two directories
            strip = re.compile(rb'"originalUriBaseIds": \{[^}]*\}\s*\},\s*')
            c.check(strip.sub(b"", da) == strip.sub(b"", db) and da != db,
                    "sample.sarif: identical apart from %SRCROOT%")
        else:
            c.check(da == db, f"{name}: byte-identical across runs and directories")
    return a


def check_goldens(c, out):
    update = os.environ.get("HEADROOM_UPDATE_GOLDENS") == "1"
    os.makedirs(GOLDEN, exist_ok=True)
    items = []
    for name in ("sample.sarif", "empty.sarif", "fatal.sarif"):
        items.append((name, normalise_sarif(load(os.path.join(out, name))[1])))
    for name in ("sample.json", "rules.json"):
        items.append((name, normalise_json(load(os.path.join(out, name))[1])))
    for name in ("sample.txt", "sample-color.txt", "empty.txt", "fatal.txt", "rules.txt"):
        with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
            items.append((name, f.read()))
    for name, text in items:
        path = os.path.join(GOLDEN, name)
        if update:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            print(f"updated {os.path.relpath(path, HERE)}")
            continue
        try:
            with open(path, encoding="utf-8", newline="") as f:
                want = f.read()
        except FileNotFoundError:
            want = None
        ok = c.check(want == text, f"golden {name} (run with HEADROOM_UPDATE_GOLDENS=1 to regenerate)")
        if not ok and want is not None:
            import difflib
            sys.stdout.writelines(list(difflib.unified_diff(
                want.splitlines(True), text.splitlines(True), f"golden/{name}", "actual"))[:60])


def cmd_checks(sample, work):
    c = Checker()
    c.check(line_hashes("") == {1: "c129715d7a2bc9a3:1"}, "python line hash: golden vector")
    out = check_determinism(c, sample, work)
    check_sample(c, out)
    check_json(c, out)
    check_text(c, out)
    check_goldens(c, out)
    return c.finish()


BROKEN = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [{"tool": {"driver": {"rules": []}},
              "results": [{"ruleId": "x", "level": "severe", "message": {"text": "no period"},
                           "locations": [{"physicalLocation": {
                               "artifactLocation": {"uri": "a b.py"}, "region": {"startLine": 0}}}]}]}],
}


def cmd_validate(sample, work):
    c = Checker()
    script = os.path.join(HERE, "validate_sarif.sh")
    nm = os.path.join(HERE, "node_modules")
    if not os.path.isdir(nm):
        print(f"FAIL: {nm} is missing: run scripts/bootstrap (it runs 'npm ci' in tests/sarif) "
              "to install the SARIF validators")
        c.check(False, "validators installed")
        return c.finish()
    out = os.path.join(work, "v")
    run_sample(sample, out)
    files = [os.path.join(out, f) for f in MULTITOOL_FILES]
    r = subprocess.run([script] + files, capture_output=True, text=True)
    print(r.stdout, end="")
    print(r.stderr, end="", file=sys.stderr)
    c.check(r.returncode == 0, "validate_sarif.sh: sample, deterministic, empty, fatal are valid")
    c.check(r.stdout.count(": valid") == 2 * len(files), "validate_sarif.sh: both validators ran on every file")
    # the absolute-URI file: schema only (GitHub rejects absolute URIs, GH1006)
    schema = os.path.join(nm, "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json")
    shutil.copy(os.path.join(out, "outside.sarif"), os.path.join(out, "outside.json"))
    r = subprocess.run([os.path.join(nm, ".bin", "ajv"), "validate", "--spec=draft2020", "-c", "ajv-formats",
                        "-s", schema, "-d", os.path.join(out, "outside.json"), "--errors=text"],
                       capture_output=True, text=True)
    c.check(r.returncode == 0, f"ajv: outside.sarif valid: {r.stdout}{r.stderr}")
    # the validators must reject a broken file (they are not vacuous)
    bad = os.path.join(out, "broken.sarif")
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(BROKEN, f)
    r = subprocess.run([script, bad], capture_output=True, text=True)
    c.check(r.returncode == 1 and "ajv: " in r.stdout and "INVALID" in r.stdout
            and "multitool: error" in r.stdout, "validate_sarif.sh rejects a broken file")
    return c.finish()


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("checks", "validate"):
        print(__doc__, file=sys.stderr)
        return 2
    sample, work = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    os.makedirs(work, exist_ok=True)
    if sys.argv[1] == "checks":
        return cmd_checks(sample, work)
    return cmd_validate(sample, work)


if __name__ == "__main__":
    sys.exit(main())
