#!/usr/bin/env python3
"""Lowering goldens for hr-dump-model.

usage: run_goldens.py TOOL GOLDEN_DIR [EXT]   compare every *.golden in GOLDEN_DIR
       run_goldens.py --deep TOOL [EXT]         deep nesting and time cap checks

A golden holds source text, a line `# ---- model ----`, then the expected
dump. Optional header lines at the top of the source (they are comments, so
they stay part of the source and keep line numbers honest; `//` instead of
`#` in JavaScript and TypeScript):
    # module: app.views     module name passed with --module
    # path: app/__init__.py the file name the source is written to
    # max-depth: 20         nesting limit passed with --max-depth
The source is written to a temporary file named after the golden (with EXT,
default .py) or after `# path:`. The deep checks write sources of the
language of EXT (.py, or .js/.ts/.tsx for JavaScript syntax). On mismatch a unified diff is printed and the exit code
is 1. HEADROOM_UPDATE_GOLDENS=1 rewrites the goldens with the current output.
"""
import difflib
import os
import subprocess
import sys
import tempfile

SEPARATOR = "# ---- model ----"
HEADERS = ("module", "path", "max-depth")


def parse_golden(text):
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip("\r\n") == SEPARATOR:
            return "".join(lines[:i]), "".join(lines[i + 1:])
    raise ValueError("no '%s' line" % SEPARATOR)


def headers_of(source):
    found = {}
    for line in source.lstrip("\ufeff").splitlines():
        if line.startswith("#"):
            line = line[1:]
        elif line.startswith("//"):
            line = line[2:]
        else:
            break
        key, sep, value = line.strip().partition(":")
        if sep and key.strip() in HEADERS:
            found[key.strip()] = value.strip()
    return found


def run_tool(tool, file, module=None, max_depth=None, extra=()):
    cmd = [tool]
    if module is not None:
        cmd += ["--module", module]
    if max_depth is not None:
        cmd += ["--max-depth", str(max_depth)]
    cmd += list(extra)
    cmd.append(file)
    return subprocess.run(cmd, capture_output=True, timeout=120)


def check_goldens(tool, golden_dir, ext=".py"):
    update = os.environ.get("HEADROOM_UPDATE_GOLDENS") == "1"
    names = sorted(n for n in os.listdir(golden_dir) if n.endswith(".golden"))
    if not names:
        print("no goldens in %s" % golden_dir)
        return 1
    failed = 0
    for name in names:
        gpath = os.path.join(golden_dir, name)
        with open(gpath, encoding="utf-8", newline="") as f:
            text = f.read()
        try:
            source, expected = parse_golden(text)
        except ValueError as e:
            print("%s: %s" % (name, e))
            failed += 1
            continue
        hdr = headers_of(source)
        with tempfile.TemporaryDirectory() as tmp:
            rel = hdr.get("path") or name[: -len(".golden")] + ext
            src_path = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(src_path), exist_ok=True)
            with open(src_path, "w", encoding="utf-8", newline="") as f:
                f.write(source)
            proc = run_tool(tool, src_path, hdr.get("module"), hdr.get("max-depth"))
        actual = proc.stdout.decode("utf-8", errors="replace")
        if proc.returncode != 0:
            print("%s: hr-dump-model exited %d: %s" % (name, proc.returncode,
                                                      proc.stderr.decode(errors="replace").strip()))
            failed += 1
            continue
        if actual == expected:
            continue
        if update:
            with open(gpath, "w", encoding="utf-8", newline="") as f:
                f.write(source + SEPARATOR + "\n" + actual)
            print("%s: updated" % name)
            continue
        failed += 1
        print("%s: the model differs from the golden:" % name)
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            fromfile=name + " (expected)", tofile=name + " (actual)"))
    print("%d of %d lowering goldens passed" % (len(names) - failed, len(names)))
    return 1 if failed else 0


def deep_sources_js():
    """JavaScript (and TypeScript) sources nested far beyond the depth limit."""
    out = []
    for n in (5000, 10000):
        out.append(("parens_%d" % n, "x = " + "(" * n + "1" + ")" * n + ";\n"))
        out.append(("calls_%d" % n, "x = " + "f(" * n + "1" + ")" * n + ";\n"))
        out.append(("arrays_%d" % n, "x = " + "[" * n + "1" + "]" * n + ";\n"))
        out.append(("objects_%d" % n, "x = " + "{a: " * n + "1" + "}" * n + ";\n"))
        out.append(("members_%d" % n, "x = a" + ".b" * n + ";\n"))
        out.append(("chain_%d" % n, "x = q" + ".f()" * n + ";\n"))
        out.append(("binop_%d" % n, "x = 1" + " + 1" * n + ";\n"))
        out.append(("arrows_%d" % n, "f = " + "() => " * n + "1;\n"))
        out.append(("callbacks_%d" % n, "xs" + ".map(x => x" * n + ")" * n + ";\n"))
        out.append(("awaits_%d" % n, "async function g() { " + "await " * n + "f(); }\n"))
    out.append(("blocks_2000", "{" * 2000 + "}" * 2000 + "\n"))
    out.append(("ifs_2000", "if (x) " * 2000 + "f();\n"))
    out.append(("functions_2000", "function f() {" * 2000 + "}" * 2000 + "\n"))
    out.append(("for_2000", "for (const x of xs) " * 2000 + "g(x);\n"))
    return out


def deep_sources(ext=".py"):
    """(name, source) pairs nested far beyond the default depth limit."""
    if ext != ".py":
        return deep_sources_js()
    out = []
    for n in (5000, 10000):
        out.append(("parens_%d" % n, "x = " + "(" * n + "1" + ")" * n + "\n"))
        out.append(("calls_%d" % n, "x = " + "f(" * n + "1" + ")" * n + "\n"))
        out.append(("lists_%d" % n, "x = " + "[" * n + "1" + "]" * n + "\n"))
        out.append(("attrs_%d" % n, "x = a" + ".b" * n + "\n"))
        out.append(("chain_%d" % n, "x = q" + ".f()" * n + "\n"))
        out.append(("binop_%d" % n, "x = 1" + " + 1" * n + "\n"))
        out.append(("lambdas_%d" % n, "f = " + "lambda: " * n + "1\n"))
    # statements nest too: one space of indent per level keeps the file small
    out.append(("ifs_1000", "".join(" " * i + "if x:\n" for i in range(1000)) + " " * 1000 + "pass\n"))
    out.append(("defs_1000", "".join(" " * i + "def f():\n" for i in range(1000)) + " " * 1000 + "pass\n"))
    return out


def check_deep(tool, ext=".py"):
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, source in deep_sources(ext):
            path = os.path.join(tmp, name + ext)
            with open(path, "w") as f:
                f.write(source)
            proc = run_tool(tool, path)
            out = proc.stdout.decode(errors="replace")
            if proc.returncode != 0:
                print("%s: hr-dump-model exited %d: %s" % (name, proc.returncode,
                                                          proc.stderr.decode(errors="replace").strip()))
                failed += 1
            elif not any(line.startswith("notice ") and " limit " in line for line in out.splitlines()):
                print("%s: no limit notice in the dump" % name)
                failed += 1

        # The time cap cancels the parse: exit 2 with a message, no crash.
        big = os.path.join(tmp, "big" + ext)
        with open(big, "w") as f:
            f.write("".join("x%d = f(a, b[%d], c.d(e))\n" % (i, i) for i in range(100000)))
        proc = run_tool(tool, big, extra=("--timeout-us", "1"))
        err = proc.stderr.decode(errors="replace")
        if proc.returncode != 2 or "cancelled" not in err:
            print("time cap: expected exit 2 and a cancellation message, got %d: %s"
                  % (proc.returncode, err.strip()))
            failed += 1
    total = len(deep_sources(ext)) + 1
    print("%d of %d deep nesting checks passed" % (total - failed, total))
    return 1 if failed else 0


def main(argv):
    if len(argv) in (3, 4) and argv[1] == "--deep":
        return check_deep(argv[2], *argv[3:])
    if len(argv) in (3, 4):
        return check_goldens(argv[1], argv[2], *argv[3:])
    print(__doc__.strip().splitlines()[2], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
