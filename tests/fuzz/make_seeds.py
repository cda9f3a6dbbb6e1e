#!/usr/bin/env python3
"""Builds the fuzz seed corpus from the repository's own test inputs.

Usage: make_seeds.py --repo REPO --out DIR

Writes DIR/<target>/<sha1> for every target in tests/fuzz (python, javascript,
typescript, tsx, knowledge_yaml, gitignore, emit, pipeline, model_read). Nothing is committed: the
seeds are the fixtures of the day, so a new fixture (a JavaScript one when the
JS lowering lands, say) becomes a seed without anyone touching this script.

  frontends       the source part of every lowering golden (before the
                  `# ---- model ----` / `// ---- model ----` line) and every
                  source file under tests/rules and examples/, by extension
  knowledge_yaml  rules/knowledge/*.yml, every .headroom.yml under tests/ and
                  examples/, and a few hand-written edge cases
  gitignore       every .gitignore under tests/ and examples/, plus pattern
                  sets with a `--` line and paths to match
  emit            12 control bytes + fixture text (see fuzz_emit.c)
  pipeline        a language byte + every rule fixture and example source, and
                  pairs of files from one fixture folder joined by a `#%%` line
                  (see fuzz_pipeline.c)
  model_read      the serialised models in tests/fuzz/corpus/model_read/
  config          every .headroom.yml under tests/ and examples/, and a few
                  hand-written ones (see fuzz_config.c)
  suppress        a language byte + every source under tests/ and examples/
                  holding `headroom: ignore`, and hand-written comment shapes
                  (see fuzz_suppress.c)
  schema          a selector byte ('p' Prisma, 's' SQL, 'q' one raw query) +
                  every *.prisma / *.sql file under tests/ and examples/, and
                  the SELECT/UPDATE/DELETE string literals of the rule
                  fixtures (see fuzz_schema.c)

The folder is rebuilt from scratch on every run (stale seeds go away).
Prints one line per target and exits 1 when no Python fixture or knowledge
file was found (a moved fixture folder would otherwise go unnoticed).
"""

import argparse
import hashlib
import os
import re
import shutil
import struct
import sys

EXTS = {
    "python": (".py",),
    "javascript": (".js", ".mjs", ".cjs", ".jsx"),
    "typescript": (".ts", ".mts", ".cts"),
    "tsx": (".tsx",),
}
SEPARATOR = re.compile(rb"^\s*(#|//) ---- model ----\s*$", re.M)
MAX_SEED = 64 * 1024

# Small hand-written inputs, so every target starts from something even
# before its language has fixtures.
BUILTIN = {
    "javascript": [
        b"for (const u of users) { await db.query('select 1', [u.id]); }\n",
        b"async function f(ids) { return Promise.all(ids.map(id => User.findOne({ id }))); }\n",
        b"import x from 'y';\nexport default class A extends B { m() { for (;;) { this.x?.y(); } } }\n",
        b"const a = `t${b}` + /re/g.test(c) ? d : e;\nlabel: while (x) { break label; }\n",
        b"function* g() { yield* h(); }\nclass C { #p = 1; static { } get x() { return this.#p; } }\n",
    ],
    "typescript": [
        b"interface A { x: number }\nexport async function f(ids: number[]): Promise<void> {\n"
        b"  for (const id of ids) { await repo.findOne({ where: { id } }); }\n}\n",
        b"enum E { A = 1 }\ntype T<U> = U extends string ? 'a' : never;\nnamespace N { export const x = 1 as const; }\n",
        b"class S { constructor(private readonly r: Repo) {} async m() { return this.r.find()!; } }\n",
    ],
    "tsx": [
        b"export function L({ items }: { items: I[] }) {\n"
        b"  return <ul>{items.map(i => <li key={i.id}>{i.name}</li>)}</ul>;\n}\n",
        b"const x = <T,>(a: T) => <div {...a} />;\n",
    ],
    "python": [
        b"for u in User.objects.all():\n    print(u.profile.name)\n",
        b"async def f():\n    async for x in g():\n        await x\n",
        b"class A(models.Model):\n    x = models.ForeignKey('B', on_delete=models.CASCADE)\n",
    ],
    "knowledge_yaml": [
        b"python:\n  queries:\n    - framework: demo\n      on: chain\n      receivers: ['**.objects']\n"
        b"      execute: [get]\n      lazy: [filter]\n      writes: [create]\n  evaluators: [list]\n",
        b"javascript:\n  queries:\n    - framework: prisma\n      on: chain\n      receivers: ['prisma.*']\n"
        b"      execute: [findMany]\n",
        b"python:\n  queries:\n    - framework: x\n      on: model\n      bases: [a.B]\n      execute: [save]\n",
        b"python:\n  queries:\n    - framework: x\n      on: call\n      functions: [pandas.read_sql]\n",
        b"python: &a\n  evaluators: *a\n",
        b"python:\n  queries: [ {framework: x, on: nowhere} ]\n",
        b"%YAML 1.1\n---\n!!map { ? a : b }\n...\n",
        b"",
        b"- just\n- a list\n",
        b"python:\n  queries:\n    - framework: \"\\u00e9\\U0001F600\"\n      on: chain\n      receivers: []\n",
    ],
    "gitignore": [
        b"*.pyc\n/build/\n!keep.py\n**/generated/**\nsrc/*.min.js\n\\#literal\n\\!bang\ntrailing\\ \n"
        b"\n--\nbuild/\nsrc/app.min.js\nsrc/deep/app.min.js\na/generated/b/c.py\nkeep.py\n#literal\n",
        b"[a-c]*.py\n?.js\ndocs/**\n*\n!*/\n!*.py\n\n--\nb.py\nx.js\ndocs/a/b\nsub/dir/q.py\n",
        b"# comment only\n\n\n",
        b"a/**/b\n**/c\nd/**\n\r\n--\na/b\na/x/y/b\nz/c\nd/e/f/\n",
    ],
    "config": [
        b"scale: 10k\nexclude:\n  - build/\n  - \"**/generated/*.py\"\n",
        b"per-path-ignores:\n  \"tests/**\": [query-in-loop]\n  \"migrations/\": [\"*\"]\n",
        b"cache: false\ncache-dir: .cache/headroom\nbaseline: headroom-baseline.json\n",
        b"knowledge:\n  python:\n    queries:\n      - framework: mine\n        on: chain\n"
        b"        receivers: [\"app.db.*\"]\n        execute: [fetch]\n",
        b"scale: 1M\nselect: [query-in-loop, unbounded-query]\nignore: []\njobs: 2\n",
        b"exclude: [\"\", \"/\", \"!x\", \"a/**/b\", \"[a-\"]\nscale: 7k\n",
    ],
    "suppress": [
        b"pfor o in orders:\n    o.customer.name  # headroom: ignore[lazy-load-in-loop] -- prefetched above\n",
        b"p# headroom: ignore[query-in-loop, unbounded-query] -- at most 3 ids\nx = Order.objects.get(id=i)\n",
        b"p# headroom: ignore[query-in-loop]\n# headroom: ignore[] -- empty\n# headroom: ignore[a -- b\n",
        b"jconst x = await db.q(i); // headroom: ignore[query-in-loop] -- cached by the caller\n",
        b"j/* headroom: ignore[query-in-loop] -- one row */\nfor (const u of us) await f(u);\n",
        b"j// headroom: ignore[ -- ]\n// headroom:ignore[x]--y\ns = '// headroom: ignore[z] -- in a string';\n",
    ],
}

EMIT_TEXTS = [
    b"rows = db.query(x)\n",
    b"\xef\xbb\xbffor r in rows:\n    db.get(r)\n",
    b"# caf\xc3\xa9 \xf0\x9f\x98\x80\nfor x in xs:\r\n\tdb.fetch(\"\xc3\xa9\xf0\x9f\x98\x80\", x)\r\n",
    b"a\rb\rc = db.all()\r",
    b"x" * 3000 + b"db.find()" + b"y" * 3000 + b"\n",
    b"bad \xff\xfe utf8 \xc3 here\n\x00nul\n",
    b"",
]


def sha(data):
    return hashlib.sha1(data).hexdigest()


def put(out, target, data, counts):
    if len(data) > MAX_SEED:
        data = data[:MAX_SEED]
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, sha(data)), "wb") as fh:
        fh.write(data)
    counts[target] = counts.get(target, 0) + 1


def walk(root):
    skip = {"node_modules", "__pycache__", ".git"}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        for f in sorted(filenames):
            yield os.path.join(dirpath, f)


def read(path):
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def lang_of(path):
    for lang, exts in EXTS.items():
        if path.endswith(exts):
            return lang
    return None


SQL_LITERAL = re.compile(rb"""(["'`])((?:SELECT|UPDATE|DELETE)\b[^"'`\n]*)\1""", re.I)
SCHEMA_BUILTIN = [
    b"pmodel User {\n  id Int @id\n  email String @unique @map(\"e\")\n  posts Post[]\n  @@index([email, id])\n"
    b"  @@map(\"users\")\n}\nmodel Post {\n  id Int @id\n  author User @relation(fields: [authorId], "
    b"references: [id])\n  authorId Int\n}\n",
    b"sCREATE TABLE IF NOT EXISTS public.\"orders\" (id serial PRIMARY KEY, user_id int REFERENCES users(id),\n"
    b"  status text, CONSTRAINT u UNIQUE (user_id, status));\nCREATE INDEX i ON orders (lower(status));\n"
    b"ALTER TABLE orders ADD COLUMN x int, DROP CONSTRAINT u;\nDROP INDEX i;\nDROP TABLE orders;\n",
    b"sCREATE TABLE `t` (`a` int AUTO_INCREMENT, KEY k (`a`), FOREIGN KEY (a) REFERENCES u(id)) ENGINE=InnoDB;\n",
    b"s/* unterminated", b"p/// doc\nmodel X {", b"s'oops", b"scReAtE tAbLe (",
    b"qSELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE o.status = $1 AND u.age BETWEEN 1 AND 2 "
    b"ORDER BY o.id LIMIT 5",
    b"qUPDATE orders SET status = ? WHERE id IN (?, ?)",
    b"qDELETE FROM events WHERE actor_id = :a AND created_at >= now()",
    b"qSELECT * FROM t WHERE a = 1 OR b = 2",
    b"q", b"x", b"",
]


def schema_seeds(repo, out, counts, from_repo):
    """Seeds of the schema target (fuzz_schema.c)."""
    n = 0
    for top in ("tests", "examples"):
        for path in walk(os.path.join(repo, top)):
            sel = b"p" if path.endswith(".prisma") else b"s" if path.endswith(".sql") else None
            data = read(path)
            if data is None:
                continue
            if sel:
                put(out, "schema", sel + data, counts)
                n += 1
            elif top == "tests" and lang_of(path):
                for m in SQL_LITERAL.finditer(data):
                    put(out, "schema", b"q" + m.group(2), counts)
                    n += 1
    for data in SCHEMA_BUILTIN:
        put(out, "schema", data, counts)
    from_repo["schema"] = n
    print("seeds: %-15s %4d inputs (%d from the repository)"
          % ("schema", len(os.listdir(os.path.join(out, "schema"))), n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    repo, out = os.path.abspath(args.repo), os.path.abspath(args.out)
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    counts, from_repo = {}, {}
    sources = []  # for the emit seeds
    selector = {"python": b"p", "javascript": b"j", "typescript": b"t", "tsx": b"x"}
    by_dir = {}   # (folder, lang) -> sources, for two-file pipeline seeds

    # Lowering goldens: tests/lowering/<anything>/*.golden
    for path in walk(os.path.join(repo, "tests", "lowering")):
        if not path.endswith(".golden"):
            continue
        data = read(path)
        m = SEPARATOR.search(data or b"")
        if not m:
            continue
        src = data[: m.start()]
        # the golden's language: the folder name, else the extension before .golden
        folder = os.path.basename(os.path.dirname(path))
        lang = folder if folder in EXTS else lang_of(path[: -len(".golden")])
        if lang:
            put(out, lang, src, counts)
            from_repo[lang] = from_repo.get(lang, 0) + 1
            sources.append(src)

    # Rule fixtures and the example app, by extension.
    for top in ("tests/rules", "examples"):
        for path in walk(os.path.join(repo, top)):
            lang = lang_of(path)
            base = os.path.basename(path)
            data = read(path)
            if data is None:
                continue
            if lang:
                put(out, lang, data, counts)
                from_repo[lang] = from_repo.get(lang, 0) + 1
                sources.append(data)
                put(out, "pipeline", selector[lang] + data, counts)
                by_dir.setdefault((os.path.dirname(path), lang), []).append(data)
                if b"headroom: ignore" in data:
                    put(out, "suppress", (b"p" if lang == "python" else b"j") + data, counts)
                    from_repo["suppress"] = from_repo.get("suppress", 0) + 1
            elif base in (".headroom.yml", ".headroom.yaml"):
                put(out, "knowledge_yaml", data, counts)
                put(out, "config", data, counts)
                from_repo["config"] = from_repo.get("config", 0) + 1
            elif base == ".gitignore":
                put(out, "gitignore", data, counts)

    for path in walk(os.path.join(repo, "rules", "knowledge")):
        if path.endswith((".yml", ".yaml")):
            data = read(path)
            if data is not None:
                put(out, "knowledge_yaml", data, counts)
                from_repo["knowledge_yaml"] = from_repo.get("knowledge_yaml", 0) + 1
    root_ignore = read(os.path.join(repo, ".gitignore"))
    if root_ignore:
        put(out, "gitignore", root_ignore, counts)

    for target, seeds in BUILTIN.items():
        for data in seeds:
            put(out, target, data, counts)
            if target in selector:
                put(out, "pipeline", selector[target] + data, counts)
    for (folder, lang), datas in sorted(by_dir.items()):
        for a, b in zip(datas, datas[1:]):
            put(out, "pipeline", selector[lang] + a + b"\n#%%\n" + b, counts)

    # The cache's model reader: serialised fixture models, committed in
    # corpus/model_read/ (made by hr-cache-roundtrip with HR_ROUNDTRIP_SEEDS).
    corpus = os.path.join(repo, "tests", "fuzz", "corpus", "model_read")
    for path in walk(corpus):
        data = read(path)
        if data is not None and not os.path.basename(path).startswith("."):
            put(out, "model_read", data, counts)
            from_repo["model_read"] = from_repo.get("model_read", 0) + 1
    os.makedirs(os.path.join(out, "model_read"), exist_ok=True)

    schema_seeds(repo, out, counts, from_repo)

    # Emit seeds: each text with a few span choices in the control bytes.
    texts = EMIT_TEXTS + sorted(sources, key=len)[:40]
    for i, text in enumerate(texts):
        n = len(text)
        picks = [(0, n), (n // 3, n // 2), (n // 2, n // 2), (max(n - 5, 0), n + 10)]
        a, b = picks[i % len(picks)]
        c, d = picks[(i + 1) % len(picks)]
        ctrl = struct.pack("<6H", a & 0xFFFF, b & 0xFFFF, c & 0xFFFF, d & 0xFFFF, i * 7, i)
        put(out, "emit", ctrl + text, counts)

    for target in ("python", "javascript", "typescript", "tsx", "knowledge_yaml", "gitignore", "emit",
                   "pipeline", "model_read", "config", "suppress"):
        print("seeds: %-15s %4d inputs (%d from the repository)"
              % (target, len(os.listdir(os.path.join(out, target))), from_repo.get(target, 0)))
    if not from_repo.get("python") or not from_repo.get("knowledge_yaml"):
        print("seeds: no Python fixtures or knowledge files found under %s" % repo, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
