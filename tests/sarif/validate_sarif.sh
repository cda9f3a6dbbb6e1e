#!/bin/sh
# validate_sarif.sh FILE... - checks SARIF files with both validators from
# shared/spec/sarif.md: the JSON Schema (ajv-cli + ajv-formats, draft 2020-12,
# against sarif-2.1.0.json from @microsoft/sarif-multitool-linux) and the
# Microsoft SARIF Multitool (`validate --rule-kind "Sarif;Ghas"` with
# headroom-validate.xml). The multitool always exits 0, so its output SARIF is
# parsed: any result or tool notification at level "error" fails.
# Exit status: 0 all valid, 1 a validator found errors, 2 cannot run.
# Set VALIDATE_SARIF_VERBOSE=1 to also print the multitool's warnings/notes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
nm="$here/node_modules"
MT="$nm/@microsoft/sarif-multitool-linux/Sarif.Multitool"
SCHEMA="$nm/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
AJV="$nm/.bin/ajv"

if [ $# -eq 0 ]; then
    echo "usage: validate_sarif.sh FILE..." >&2
    exit 2
fi
if [ ! -x "$MT" ] || [ ! -f "$SCHEMA" ] || [ ! -x "$AJV" ] || [ ! -d "$nm/ajv-formats" ]; then
    echo "validate_sarif.sh: the SARIF validators are not installed in $nm." >&2
    echo "Run scripts/bootstrap (it runs 'npm ci' in tests/sarif)." >&2
    exit 2
fi
for f in "$@"; do
    if [ ! -f "$f" ]; then
        echo "validate_sarif.sh: no such file: $f" >&2
        exit 2
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/validate-sarif.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

# 1. JSON Schema. ajv-cli wants data files named *.json.
i=0
for f in "$@"; do
    i=$((i + 1))
    cp "$f" "$tmp/$i.json"
done
i=0
for f in "$@"; do
    i=$((i + 1))
    if out=$("$AJV" validate --spec=draft2020 -c ajv-formats -s "$SCHEMA" -d "$tmp/$i.json" \
                --all-errors --errors=text 2>&1); then
        echo "ajv: $f: valid"
    else
        echo "ajv: $f: INVALID"
        printf '%s\n' "$out" | sed "s|$tmp/$i.json|$f|g; s|^|  |"
        status=1
    fi
done

# 2. SARIF Multitool: semantic SARIF rules + GitHub ingestion rules, one process.
if ! "$MT" validate "$@" --rule-kind "Sarif;Ghas" -c "$here/headroom-validate.xml" \
        --max-file-size-in-kb 1000000 -o "$tmp/mt.sarif" --log ForceOverwrite \
        >"$tmp/mt.log" 2>&1 || [ ! -s "$tmp/mt.sarif" ]; then
    echo "multitool: failed to run:"
    sed 's/^/  /' "$tmp/mt.log"
    exit 2
fi
python3 - "$tmp/mt.sarif" "$@" <<'PY' || status=1
import json, os, sys
verbose = os.environ.get("VALIDATE_SARIF_VERBOSE") == "1"
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
errors = 0
per_file = {os.path.abspath(f): [0, 0] for f in sys.argv[2:]}
for r in run.get("results", []):
    level = r.get("level", "warning")
    msg = r.get("message", {})
    text = msg.get("text") or " | ".join(map(str, msg.get("arguments", [])))
    uri = ""
    for loc in r.get("locations", []):
        uri = loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", uri)
    if level == "error":
        errors += 1
    if level == "error" or verbose:
        print(f"multitool: {level}: {r.get('ruleId')}: {uri}: {text}"[:400])
    if uri.startswith("file://"):
        from urllib.parse import unquote, urlparse
        path = unquote(urlparse(uri).path)
        if path in per_file:
            per_file[path][0 if level == "error" else 1] += 1
for inv in run.get("invocations", []):
    for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
        level = n.get("level", "warning")
        print(f"multitool: tool {level}: {n.get('message', {}).get('text', '')}"[:400])
        errors += level == "error"
    if inv.get("executionSuccessful") is False:
        print("multitool: execution not successful")
        errors += 1
for f in sys.argv[2:]:
    e, w = per_file[os.path.abspath(f)]
    print(f"multitool: {f}: {'valid' if e == 0 else 'INVALID'} ({e} errors, {w} warnings/notes)")
sys.exit(1 if errors else 0)
PY
exit $status
