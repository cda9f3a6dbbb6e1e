/* emit_sample.c - builds synthetic runs and writes them in every format.
 *
 *   emit_sample OUTDIR
 *
 * Writes OUTDIR/root/<sources> (so checks can compare snippets with the
 * files) and OUTDIR/{sample,deterministic,empty,fatal,outside}.sarif,
 * {sample,empty}.json, {sample,sample-color,empty}.txt, rules.{txt,json}.
 * The fixtures cover what SARIF consumers trip over: é and 😀 before a call
 * (UTF-16 columns), tabs, a UTF-8 BOM, CRLF next to the same file with LF,
 * a minified line, a path with a
 * space, '#' and non-ASCII, a multi-line span, related locations and a code
 * flow, two identical snippets in one file, a deferred finding, notices with
 * and without a file, an empty run and a failed run. Fake rule descriptors
 * keep this independent of the real registry. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "headroom/emit.h"

static const hr_rule rule_cache = {
    .id = "cache-miss-in-loop", .name = "CacheMissInLoop", .stage = HR_STAGE_100K,
    .precision = HR_PRECISION_MEDIUM, .languages = HR_LANGBIT(HR_LANG_PYTHON),
    .title = "Cache lookup with a miss path inside a loop.",
    .help = "Fetch all keys with one multi-get before the loop."};
static const hr_rule rule_query = {
    .id = "query-in-loop", .name = "QueryInLoop", .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH, .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .title = "Database query inside a loop.",
    .help = "Fetch all rows with one batched query before the loop."};
static const hr_rule rule_sync = {
    .id = "sync-io-in-handler", .name = "SyncIoInHandler", .stage = HR_STAGE_1M,
    .precision = HR_PRECISION_LOW, .languages = HR_LANGBIT(HR_LANG_PYTHON),
    .title = "Blocking I/O inside a request handler.",
    .help = "Move the call to a worker or use the async client."};
static const hr_rule rule_unbounded = {
    .id = "unbounded-query", .name = "UnboundedQuery", .stage = HR_STAGE_10K,
    .precision = HR_PRECISION_VERY_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGBIT(HR_LANG_C),
    .title = "Query without a limit returns every row.",
    .help = "Paginate or add a limit."};

static const hr_rule *const registry[] = {&rule_cache, &rule_query, &rule_sync,
                                          &rule_unbounded};

/* ---- fixture sources ---- */

static const char app_py[] =
    "# caf\xc3\xa9 \xf0\x9f\x98\x80: non-ASCII before the call sites\n"
    "import db\n"
    "\n"
    "\n"
    "def load(ids):\n"
    "\tfor i in ids:\n"
    "\t\tlabel = \"\xc3\xa9\xf0\x9f\x98\x80\"; user = db.fetch_user(i)\n"
    "\tfor i in ids:\n"
    "\t\tdb.fetch_user(i)\n"
    "\treturn [db.fetch_order(\n"
    "\t\ti) for i in ids]\n";

static const char win_py[] = "def f(xs):\r\n    for x in xs:\r\n        cache.get(x)\r\n";
static const char unix_py[] = "def f(xs):\n    for x in xs:\n        cache.get(x)\n";
static const char odd_py[] = "rows = Order.objects.all()  # caf\xc3\xa9\n";
/* one minified line: the text output shows a window around the span */
#define X10 "x+x+x+x+x+x+x+x+x+x+"
#define X100 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
static const char min_js[] = "var a=" X100 X100 "db.find({})" X100 X100 X100 ";\n";
static const char bom_py[] = "\xef\xbb\xbfrows = db.all()\n";
static const char broken_py[] = "def broken(:\n    pass\n";

enum { SRC_APP, SRC_BOM, SRC_MIN, SRC_ODD, SRC_UNIX, SRC_WIN, SRC_BROKEN, SRC_COUNT };

static hr_source sources[SRC_COUNT] = {
    [SRC_APP] = {.path = "src/app.py", .relpath = "src/app.py", .text = app_py,
                 .len = sizeof app_py - 1, .lang = HR_LANG_PYTHON},
    [SRC_BOM] = {.path = "src/bom.py", .relpath = "src/bom.py", .text = bom_py,
                 .len = sizeof bom_py - 1, .lang = HR_LANG_PYTHON},
    [SRC_MIN] = {.path = "src/min.js", .relpath = "src/min.js", .text = min_js,
                 .len = sizeof min_js - 1, .lang = HR_LANG_JAVASCRIPT},
    [SRC_ODD] = {.path = "src/my dir/caf\xc3\xa9 #1.py", .relpath = "src/my dir/caf\xc3\xa9 #1.py",
                 .text = odd_py, .len = sizeof odd_py - 1, .lang = HR_LANG_PYTHON},
    [SRC_UNIX] = {.path = "src/unix.py", .relpath = "src/unix.py", .text = unix_py,
                  .len = sizeof unix_py - 1, .lang = HR_LANG_PYTHON},
    [SRC_WIN] = {.path = "src/win.py", .relpath = "src/win.py", .text = win_py,
                 .len = sizeof win_py - 1, .lang = HR_LANG_PYTHON},
    [SRC_BROKEN] = {.path = "src/broken.py", .relpath = "src/broken.py", .text = broken_py,
                    .len = sizeof broken_py - 1, .lang = HR_LANG_PYTHON},
};

/* The span of the nth (0-based) occurrence of needle in src, computed like a
 * frontend would: 1-based lines, 0-based byte columns. */
static hr_span span_of(const hr_source *src, const char *needle, int nth)
{
    const char *p = src->text;
    for (int i = 0;; i++) {
        p = strstr(p, needle);
        if (!p) {
            fprintf(stderr, "emit_sample: '%s' not in %s\n", needle, src->path);
            exit(2);
        }
        if (i == nth)
            break;
        p++;
    }
    uint32_t start = (uint32_t)(p - src->text), end = start + (uint32_t)strlen(needle);
    hr_span sp = {.start_byte = start, .end_byte = end, .start_line = 1, .end_line = 1};
    uint32_t line_start = 0;
    for (uint32_t i = 0; i < end; i++) {
        if (i == start) {
            sp.start_col = start - line_start;
            sp.start_line = sp.end_line;
        }
        if (src->text[i] == '\n') {
            sp.end_line++;
            line_start = i + 1;
        }
    }
    if (start == end)
        sp.start_line = sp.end_line, sp.start_col = start - line_start;
    sp.end_col = end - line_start;
    return sp;
}

static hr_finding *add_finding(hr_report_set *r, const hr_rule *rule, int src,
                               const char *needle, int nth, const char *message, bool fails)
{
    hr_finding *f = HR_VEC_PUSH(&r->arena, &r->findings, hr_finding);
    f->rule = rule;
    f->stage = rule->stage;
    f->loc.file = &sources[src];
    f->loc.span = span_of(&sources[src], needle, nth);
    f->message = message;
    f->fails = fails;
    return f;
}

static void add_loc(hr_report_set *r, hr_vec *v, int src, const char *needle, int nth,
                    const char *message)
{
    hr_location *l = HR_VEC_PUSH(&r->arena, v, hr_location);
    l->file = &sources[src];
    l->span = span_of(&sources[src], needle, nth);
    l->message = message;
}

static void add_notice(hr_report_set *r, hr_notice_level level, const char *code, int src,
                       uint32_t line, const char *message)
{
    hr_notice *n = HR_VEC_PUSH(&r->arena, &r->notices, hr_notice);
    n->level = level;
    n->code = code;
    n->file = src >= 0 ? &sources[src] : NULL;
    n->line = line;
    n->message = message;
}

/* The main sample, sorted by path, line, column, rule id like the engine. */
static void build_sample(hr_report_set *r)
{
    hr_finding *f = add_finding(r, &rule_query, SRC_APP, "db.fetch_user(i)", 0,
                                "query 'db.fetch_user' runs once per item of the [loop](1); at "
                                "the 1k stage that is 1k round trips.",
                                true);
    add_loc(r, &f->related, SRC_APP, "for i in ids", 0, "loop over 'ids'");
    add_loc(r, &f->flow, SRC_APP, "for i in ids", 0, "Loop over 'ids' starts here.");
    add_loc(r, &f->flow, SRC_APP, "db.fetch_user(i)", 0, "Query executes on every iteration.");

    f = add_finding(r, &rule_query, SRC_APP, "db.fetch_user(i)", 1,
                    "query 'db.fetch_user' runs once per item of the [loop](1).", true);
    add_loc(r, &f->related, SRC_APP, "for i in ids", 1, "loop over 'ids'");

    f = add_finding(r, &rule_query, SRC_APP, "db.fetch_order(\n\t\ti)", 0,
                    "query 'db.fetch_order' runs once per item of the [comprehension](1).", true);
    add_loc(r, &f->related, SRC_APP, "for i in ids]", 0, "comprehension over 'ids'");
    add_loc(r, &f->related, SRC_APP, "def load(ids)", 0, NULL);

    add_finding(r, &rule_unbounded, SRC_BOM, "db.all()", 0,
                "query 'db.all' has no limit and returns every row.", true);
    add_finding(r, &rule_unbounded, SRC_MIN, "db.find({})", 0,
                "query 'db.find' has no limit and returns every row.", true);
    add_finding(r, &rule_unbounded, SRC_ODD, "Order.objects.all()", 0,
                "query 'Order.objects.all' has no limit and returns every row.", true);

    f = add_finding(r, &rule_cache, SRC_UNIX, "cache.get(x)", 0,
                    "cache lookup 'cache.get' runs once per item of the [loop](1).", false);
    add_loc(r, &f->related, SRC_UNIX, "for x in xs", 0, "loop over 'xs'");
    f = add_finding(r, &rule_cache, SRC_WIN, "cache.get(x)", 0,
                    "cache lookup 'cache.get' runs once per item of the [loop](1).", false);
    add_loc(r, &f->related, SRC_WIN, "for x in xs", 0, "loop over 'xs'");

    add_notice(r, HR_NOTE_WARNING, "HRN0001", SRC_BROKEN, 1,
               "file has syntax errors; the model may be partial");
    add_notice(r, HR_NOTE_INFO, "HRN0004", -1, 0, "no configuration file found; using defaults");
}

static int write_file(const char *dir, const char *name, const char *data, size_t len)
{
    hr_buf path;
    hr_buf_init(&path);
    hr_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.data, "wb");
    int rc = 0;
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "emit_sample: cannot write %s: %s\n", path.data, strerror(errno));
        rc = -1;
    }
    hr_buf_free(&path);
    return rc;
}

typedef int (*emit_fn)(FILE *, const hr_emit_input *);

static int emit_to(const char *dir, const char *name, emit_fn fn, const hr_emit_input *in)
{
    hr_buf path;
    hr_buf_init(&path);
    hr_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.data, "wb");
    int rc = -1;
    if (!f) {
        fprintf(stderr, "emit_sample: cannot open %s: %s\n", path.data, strerror(errno));
        goto cleanup;
    }
    rc = fn(f, in);
    if (fclose(f) != 0 && rc == 0)
        rc = -errno;
    if (rc != 0)
        fprintf(stderr, "emit_sample: writing %s failed: %d\n", path.data, rc);
cleanup:
    hr_buf_free(&path);
    return rc;
}

static int emit_rules_text(FILE *f, const hr_emit_input *unused)
{
    return hr_emit_rules_text(f, registry, HR_ARRAY_LEN(registry));
}

static int emit_rules_json(FILE *f, const hr_emit_input *unused)
{
    return hr_emit_rules_json(f, registry, HR_ARRAY_LEN(registry));
}

static int write_sources(const char *out)
{
    const char *dirs[] = {"root", "root/src", "root/src/my dir"};
    hr_buf dir;
    hr_buf_init(&dir);
    int rc = 0;
    for (size_t i = 0; i < HR_ARRAY_LEN(dirs) && rc == 0; i++) {
        hr_buf_clear(&dir);
        hr_buf_printf(&dir, "%s/%s", out, dirs[i]);
        if (mkdir(dir.data, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "emit_sample: mkdir %s: %s\n", dir.data, strerror(errno));
            rc = -1;
        }
    }
    hr_buf_clear(&dir);
    hr_buf_printf(&dir, "%s/root", out);
    for (int i = 0; i < SRC_COUNT && rc == 0; i++)
        rc = write_file(dir.data, sources[i].relpath, sources[i].text, sources[i].len);
    hr_buf_free(&dir);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: emit_sample OUTDIR\n");
        return 2;
    }
    const char *out = argv[1];
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "emit_sample: mkdir %s: %s\n", out, strerror(errno));
        return 2;
    }
    if (write_sources(out) != 0)
        return 1;

    /* file:///abs/OUTDIR/root/ as the engine would pass it */
    char *abs = realpath(out, NULL);
    if (!abs) {
        fprintf(stderr, "emit_sample: realpath %s: %s\n", out, strerror(errno));
        return 1;
    }
    hr_buf root_uri;
    hr_buf_init(&root_uri);
    hr_buf_puts(&root_uri, "file://");
    for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            hr_buf_putc(&root_uri, (char)*p);
        else
            hr_buf_printf(&root_uri, "%%%02X", *p);
    }
    hr_buf_puts(&root_uri, "/root/");
    free(abs);

    hr_report_set sample, empty, fatal, outside;
    hr_report_set *sets[] = {&sample, &empty, &fatal, &outside};
    for (size_t i = 0; i < HR_ARRAY_LEN(sets); i++) {
        memset(sets[i], 0, sizeof *sets[i]);
        hr_arena_init(&sets[i]->arena);
    }
    build_sample(&sample);
    add_notice(&fatal, HR_NOTE_ERROR, "HRN0009", -1, 0,
               "cannot read the configuration file 'headroom.yml'");

    /* a file outside the project root: absolute file:// URI, no uriBaseId */
    static hr_source outside_src = {.path = "/tmp/outside dir/x.py", .relpath = NULL,
                                    .text = unix_py, .len = sizeof unix_py - 1,
                                    .lang = HR_LANG_PYTHON};
    hr_finding *f = HR_VEC_PUSH(&outside.arena, &outside.findings, hr_finding);
    f->rule = &rule_cache;
    f->stage = rule_cache.stage;
    f->loc.file = &outside_src;
    f->loc.span = span_of(&outside_src, "cache.get(x)", 0);
    f->message = "cache lookup 'cache.get' runs once per item of the loop.";
    f->fails = true;

    hr_emit_input in = {
        .reports = &sample, .rules = registry, .rule_count = HR_ARRAY_LEN(registry),
        .root_uri = root_uri.data, .version = "0.1.0", .has_scale = true,
        .scale = HR_STAGE_10K, .exit_code = 1, .files_analyzed = 8, .color = false};

    int rc = 0;
    rc |= emit_to(out, "sample.sarif", hr_emit_sarif, &in);
    rc |= emit_to(out, "sample.json", hr_emit_json, &in);
    rc |= emit_to(out, "sample.txt", hr_emit_text, &in);
    in.color = true;
    rc |= emit_to(out, "sample-color.txt", hr_emit_text, &in);
    in.color = false;
    in.root_uri = NULL; /* deterministic mode */
    rc |= emit_to(out, "deterministic.sarif", hr_emit_sarif, &in);

    hr_emit_input ein = in;
    ein.reports = &empty;
    ein.exit_code = 0;
    ein.has_scale = false;
    ein.files_analyzed = 3;
    rc |= emit_to(out, "empty.sarif", hr_emit_sarif, &ein);
    rc |= emit_to(out, "empty.json", hr_emit_json, &ein);
    rc |= emit_to(out, "empty.txt", hr_emit_text, &ein);

    hr_emit_input fin = ein;
    fin.reports = &fatal;
    fin.exit_code = 2;
    fin.files_analyzed = 0;
    rc |= emit_to(out, "fatal.sarif", hr_emit_sarif, &fin);
    rc |= emit_to(out, "fatal.txt", hr_emit_text, &fin);

    hr_emit_input oin = in;
    oin.reports = &outside;
    oin.files_analyzed = 1;
    rc |= emit_to(out, "outside.sarif", hr_emit_sarif, &oin);

    rc |= emit_to(out, "rules.txt", emit_rules_text, NULL);
    rc |= emit_to(out, "rules.json", emit_rules_json, NULL);

    for (size_t i = 0; i < HR_ARRAY_LEN(sets); i++)
        hr_arena_release(&sets[i]->arena);
    hr_buf_free(&root_uri);
    return rc ? 1 : 0;
}
