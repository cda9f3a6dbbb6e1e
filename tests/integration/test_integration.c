/* test_integration.c - unit tests for the integration pieces below the CLI:
 * the inline-ignore scanner, config globs, baseline keys, and the github and
 * gitlab emitters on synthetic findings (deferred, multi-line, escaping). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../analyzer/engine/baseline.h"
#include "../../analyzer/engine/config.h"
#include "../../analyzer/engine/ignore.h"
#include "../../analyzer/engine/suppress.h"
#include "headroom/emit.h"
#include "headroom/rule.h"

static int passed, failed;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            passed++;                                                                \
        } else {                                                                     \
            failed++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* ---- inline ignores ---- */

static hr_vec scan(hr_arena *a, const char *text, hr_lang lang)
{
    hr_vec v = {0};
    hr_suppress_scan(a, &v, text, strlen(text), lang);
    return v;
}

#define SUP(v, i) (&HR_VEC_AT((v), hr_suppression, (i)))

static void test_suppress(void)
{
    hr_arena a;
    hr_arena_init(&a);
    hr_vec v = scan(&a,
                    "x = 1\n"
                    "y = q()  # headroom: ignore[query-in-loop] -- small list\n"
                    "    # headroom:ignore[a, b ,c]--why\n"
                    "z = '# headroom: ignore[query-in-loop] -- in a string, counted (limitation)'\n"
                    "w = 1  # note: headroom: ignore[x] -- not at the comment start, still a comment\n"
                    "v = 'headroom: ignore[x] -- no comment opener'\n"
                    "# headroom: ignored[x] -- not the keyword\n"
                    "# headroom: something else\n"
                    "# headroom: ignore[] -- empty\n"
                    "# headroom: ignore[a -- unclosed\n"
                    "# headroom: ignore[a]\n",
                    HR_LANG_PYTHON);
    CHECK(v.len == 6);
    if (v.len == 6) {
        CHECK(SUP(v, 0)->line == 2 && !SUP(v, 0)->whole_line && SUP(v, 0)->rules.n == 1 &&
              strcmp(SUP(v, 0)->rules.v[0], "query-in-loop") == 0 &&
              strcmp(SUP(v, 0)->reason, "small list") == 0 && !SUP(v, 0)->problem);
        CHECK(SUP(v, 1)->line == 3 && SUP(v, 1)->whole_line && SUP(v, 1)->rules.n == 3 &&
              strcmp(SUP(v, 1)->rules.v[1], "b") == 0 && strcmp(SUP(v, 1)->rules.v[2], "c") == 0 &&
              strcmp(SUP(v, 1)->reason, "why") == 0);
        CHECK(SUP(v, 2)->line == 4 && SUP(v, 2)->reason); /* the documented limitation */
        CHECK(SUP(v, 3)->line == 9 && SUP(v, 3)->problem);
        CHECK(SUP(v, 4)->line == 10 && SUP(v, 4)->problem);
        CHECK(SUP(v, 5)->line == 11 && !SUP(v, 5)->problem && !SUP(v, 5)->reason);
    }
    /* line 5: "# note: headroom: ..." - the marker is not right after '#' */
    for (uint32_t i = 0; i < v.len; i++)
        CHECK(SUP(v, i)->line != 5 && SUP(v, i)->line != 6);

    /* matching: own line, next line only for whole-line comments, reason needed */
    CHECK(hr_suppress_match(&v, 2, "query-in-loop") == SUP(v, 0));
    CHECK(SUP(v, 0)->used[0]);
    CHECK(hr_suppress_match(&v, 3, "query-in-loop") == NULL);
    CHECK(hr_suppress_match(&v, 4, "b") == SUP(v, 1)); /* line above, whole line */
    CHECK(hr_suppress_match(&v, 3, "c") == SUP(v, 1));
    CHECK(!SUP(v, 1)->used[0] && SUP(v, 1)->used[1] && SUP(v, 1)->used[2]);
    CHECK(hr_suppress_match(&v, 12, "a") == NULL); /* no reason */

    hr_vec js = scan(&a,
                     "a(); // headroom: ignore[r] -- x\n"
                     "/* headroom: ignore[r] -- block reason */ b();\n"
                     "/** headroom: ignore[r] -- doc */\n"
                     "c(); # headroom: ignore[r] -- not a JS comment\n"
                     "d(); /* headroom: ignore[r] */\n",
                     HR_LANG_TYPESCRIPT);
    CHECK(js.len == 4);
    if (js.len == 4) {
        CHECK(!SUP(js, 0)->whole_line && strcmp(SUP(js, 0)->reason, "x") == 0);
        CHECK(SUP(js, 1)->whole_line && strcmp(SUP(js, 1)->reason, "block reason") == 0);
        CHECK(SUP(js, 2)->line == 3 && strcmp(SUP(js, 2)->reason, "doc") == 0);
        CHECK(SUP(js, 3)->line == 5 && !SUP(js, 3)->reason && !SUP(js, 3)->problem);
    }
    hr_vec crlf = scan(&a, "a\r\nb()  # headroom: ignore[r] -- crlf\r\n", HR_LANG_PYTHON);
    CHECK(crlf.len == 1 && SUP(crlf, 0)->line == 2 && strcmp(SUP(crlf, 0)->reason, "crlf") == 0);
    hr_arena_release(&a);
}

/* ---- config globs ---- */

static bool glob(const char *patterns, const char *rel)
{
    hr_arena a;
    hr_arena_init(&a);
    hr_ignore_file f;
    hr_ignore_parse(&a, &f, "", patterns);
    bool r = hr_config_glob_match(&f, rel);
    hr_arena_release(&a);
    return r;
}

static void test_globs(void)
{
    CHECK(glob("legacy/\n", "legacy/a.py"));
    CHECK(glob("legacy/\n", "src/legacy/deep/a.py"));
    CHECK(!glob("legacy/\n", "legacy.py"));
    CHECK(glob("/vendor\n", "vendor/x/y.py"));
    CHECK(!glob("/vendor\n", "src/vendor/y.py"));
    CHECK(glob("*_pb2.py\n", "gen/deep/a_pb2.py"));
    CHECK(glob("scripts/**\n", "scripts/a/b.py"));
    CHECK(!glob("scripts/**\n", "src/scripts/b.py"));
    CHECK(glob("src/**/old_*.py\n", "src/a/b/old_x.py"));
    CHECK(glob("gen/\n!gen/keep.py\n", "gen/keep.py")); /* like git: a folder excluded stays excluded */
    CHECK(!glob("*.py\n!keep.py\n", "keep.py"));
}

/* ---- baseline keys ---- */

static const hr_rule rule_a = {.id = "rule-a", .name = "RuleA", .stage = HR_STAGE_1K,
                               .title = "A title.", .help = "Do this: a, b."};
static const hr_rule rule_b = {.id = "rule-b", .name = "RuleB", .stage = HR_STAGE_10K,
                               .title = "B title.", .help = "Do that."};

static hr_span span_at(const char *text, const char *needle, size_t len)
{
    const char *p = strstr(text, needle);
    hr_span s = {0};
    if (!p)
        return s;
    s.start_byte = (uint32_t)(p - text);
    s.end_byte = s.start_byte + (uint32_t)len;
    s.start_line = s.end_line = 1;
    for (const char *q = text; q < p; q++)
        s.start_line += *q == '\n';
    const char *ls = p;
    while (ls > text && ls[-1] != '\n')
        ls--;
    s.start_col = (uint32_t)(p - ls);
    s.end_col = s.start_col + (uint32_t)len;
    s.end_line = s.start_line;
    return s;
}

static void test_baseline_keys(void)
{
    static const char text[] = "def f():\n"
                               "    q(1)\n"
                               "    q(1)\n"
                               "\tq( 1 )   \n"
                               "    r(2)\n";
    hr_source src = {.path = "x/a.py", .relpath = "x/a.py", .text = text, .len = sizeof(text) - 1,
                     .lang = HR_LANG_PYTHON};
    hr_finding f[4] = {0};
    const char *needles[4] = {"q(1)", "q(1)\n    r", "q( 1 )", "r(2)"};
    for (int i = 0; i < 4; i++) {
        f[i].rule = i == 3 ? &rule_b : &rule_a;
        f[i].loc.file = &src;
        f[i].loc.span = span_at(text, needles[i], 4);
        f[i].function = "x.a.f";
    }
    f[1].loc.span = span_at(text + 14, "q(1)", 4); /* the second q(1) */
    f[1].loc.span.start_byte += 14;
    f[1].loc.span.start_line += 1;
    hr_arena a;
    hr_arena_init(&a);
    hr_baseline_key k[4];
    hr_baseline_keys(&a, k, f, 4);
    CHECK(strcmp(k[0].code, "q(1)") == 0 && k[0].occurrence == 1);
    CHECK(strcmp(k[1].code, "q(1)") == 0 && k[1].occurrence == 2);
    CHECK(strcmp(k[2].code, "q( 1 )") == 0 && k[2].occurrence == 1); /* blanks inside kept, one space */
    CHECK(strcmp(k[3].rule, "rule-b") == 0 && k[3].occurrence == 1);
    CHECK(strcmp(k[0].function, "x.a.f") == 0 && strcmp(k[0].path, "x/a.py") == 0);

    /* a long (minified) line keeps a prefix and a hash of the whole */
    char long_line[600];
    memset(long_line, 'x', sizeof(long_line) - 1);
    long_line[sizeof(long_line) - 1] = 0;
    hr_source ls = {.path = "m.js", .relpath = "m.js", .text = long_line, .len = sizeof(long_line) - 1};
    hr_finding lf = {.rule = &rule_a, .loc = {.file = &ls}};
    hr_baseline_key lk;
    hr_baseline_keys(&a, &lk, &lf, 1);
    CHECK(strlen(lk.code) == 120 + 3 + 1 + 16 && strstr(lk.code, "...#") == lk.code + 120);

    /* write, read back, find */
    char path[] = "/tmp/headroom-baseline-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        hr_buf err;
        hr_buf_init(&err);
        CHECK(hr_baseline_write(path, k, 4, &err) == 0);
        hr_vec back = {0};
        CHECK(hr_baseline_read(&a, &back, path, &err) == 0 && back.len == 4);
        for (int i = 0; i < 4; i++)
            CHECK(hr_baseline_find(&back, &k[i]) >= 0);
        hr_baseline_key other = k[0];
        other.occurrence = 3;
        CHECK(hr_baseline_find(&back, &other) < 0);
        hr_buf_free(&err);
        remove(path);
    }
    hr_arena_release(&a);
}

/* ---- emitters on synthetic findings ---- */

static char *emit(int (*fn)(FILE *, const hr_emit_input *), const hr_emit_input *in)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    int rc = fn(f, in);
    fclose(f);
    if (rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void test_emitters(void)
{
    static const char text[] = "for x in xs:\n    run(x)\nwhile a:\n    b(\n      c)\n";
    hr_source src = {.path = "d/a,b:c.py", .relpath = "d/a,b:c.py", .text = text,
                     .len = sizeof(text) - 1, .lang = HR_LANG_PYTHON};
    hr_report_set r;
    memset(&r, 0, sizeof(r));
    hr_arena_init(&r.arena);
    hr_finding *f1 = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
    f1->rule = &rule_a;
    f1->stage = HR_STAGE_1K;
    f1->loc.file = &src;
    f1->loc.span = span_at(text, "run(x)", 6);
    f1->message = "100% of rows: one [loop](1), then\nmore";
    f1->fails = true;
    hr_finding *f2 = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
    f2->rule = &rule_b;
    f2->stage = HR_STAGE_10K;
    f2->loc.file = &src;
    f2->loc.span = span_at(text, "b(", 2);
    f2->loc.span.end_line = 5; /* multi-line: no columns */
    f2->loc.span.end_col = 8;
    f2->loc.span.end_byte += 10;
    f2->message = "deferred one";
    f2->fails = false;
    hr_finding *f3 = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
    *f3 = *f2;
    f3->suppressed = true;
    f3->justification = "fine";
    hr_notice *n = HR_VEC_PUSH(&r.arena, &r.notices, hr_notice);
    n->level = HR_NOTE_INFO;
    n->code = "HRN0202";
    n->message = "3 findings recorded in the baseline 'b,1.json' were not reported";

    const hr_rule *rules[] = {&rule_a, &rule_b};
    hr_emit_input in = {.reports = &r, .rules = rules, .rule_count = 2, .version = "0.1.0",
                        .exit_code = 1, .files_analyzed = 1};
    char *gh = emit(hr_emit_github, &in);
    CHECK(gh != NULL);
    if (gh) {
        CHECK(strstr(gh, "::error file=d/a%2Cb%3Ac.py,line=2,endLine=2,col=5,endColumn=11,"
                         "title=rule-a [1k]::100%25 of rows: one loop, then%0Amore. Scale stage: 1k."
                         "%0ADo this: a, b.\n") == gh);
        CHECK(strstr(gh, "::notice file=d/a%2Cb%3Ac.py,line=4,endLine=5,title=rule-b [10k]::"
                         "Deferred one. Scale stage: 10k.%0ADo that.\n") != NULL);
        CHECK(strstr(gh, "::notice title=HRN0202::3 findings recorded in the baseline 'b,1.json' "
                         "were not reported.\n") != NULL);
        int lines = 0;
        for (const char *p = gh; *p; p++)
            lines += *p == '\n';
        CHECK(lines == 3); /* the suppressed finding is not written */
    }
    free(gh);

    char *gl = emit(hr_emit_gitlab, &in);
    CHECK(gl != NULL);
    if (gl) {
        CHECK(strstr(gl, "\"severity\": \"major\"") && strstr(gl, "\"severity\": \"info\""));
        CHECK(strstr(gl, "\"path\": \"d/a,b:c.py\"") && strstr(gl, "\"begin\": 4"));
        CHECK(strstr(gl, "\"description\": \"100% of rows: one loop, then\\nmore. Scale stage: 1k.\""));
        int issues = 0;
        for (const char *p = strstr(gl, "check_name"); p; p = strstr(p + 1, "check_name"))
            issues++;
        CHECK(issues == 2);
    }
    free(gl);

    /* SARIF: the category, and a run that failed (exit status 2) */
    in.sarif_category = "headroom";
    in.exit_code = 2;
    char *sarif = emit(hr_emit_sarif, &in);
    CHECK(sarif && strstr(sarif, "\"automationDetails\": {\n        \"id\": \"headroom/\"\n      }"));
    CHECK(sarif && strstr(sarif, "\"executionSuccessful\": false") && strstr(sarif, "\"exitCode\": 2"));
    CHECK(sarif && !strstr(sarif, "suppressions")); /* not asked for: none, not a mix */
    free(sarif);
    in.report_suppressed = true;
    in.exit_code = 0;
    sarif = emit(hr_emit_sarif, &in);
    CHECK(sarif && strstr(sarif, "\"executionSuccessful\": true") && strstr(sarif, "\"exitCode\": 0"));
    CHECK(sarif && strstr(sarif, "\"justification\": \"fine\""));
    int sups = 0;
    for (const char *p = sarif ? strstr(sarif, "\"suppressions\"") : NULL; p; p = strstr(p + 1, "\"suppressions\""))
        sups++;
    CHECK(sups == 3); /* every result carries the key */
    free(sarif);
    in.sarif_category = NULL;
    in.report_suppressed = false;

    hr_report_set empty;
    memset(&empty, 0, sizeof(empty));
    hr_arena_init(&empty.arena);
    in.reports = &empty;
    gl = emit(hr_emit_gitlab, &in);
    CHECK(gl && strcmp(gl, "[]\n") == 0);
    free(gl);
    gh = emit(hr_emit_github, &in);
    CHECK(gh && strcmp(gh, "") == 0);
    free(gh);
    hr_arena_release(&empty.arena);
    hr_arena_release(&r.arena);
}

/* ---- config parsing: every key, then mutated copies ----
 * A deterministic mutation loop (not a fuzzer, but run under ASan/UBSan in the
 * sanitizer build): the parser returns 0 or -1 with a one-line message that
 * names the file, and a parsed config can be applied and queried. */

static const char full_config[] =
    "scale: 10k\n"
    "select: [query-in-loop]\n"
    "ignore: []\n"
    "exclude:\n  - vendor/\n  - \"**/*_pb2.py\"\n  - \"!keep.py\"\n"
    "per-path-ignores:\n  \"scripts/**\": [query-in-loop]\n  legacy/: [query-in-loop]\n"
    "report-tests: true\n"
    "report-migrations: false\n"
    "max-file-size: 4096\n"
    "jobs: 3\n"
    "knowledge:\n"
    "  python:\n"
    "    queries:\n"
    "      - framework: app-db\n"
    "        on: call\n"
    "        functions: [app.db.run_query]\n"
    "      - framework: repo\n"
    "        on: chain\n"
    "        receivers: [\"**.repo\"]\n"
    "        execute: [get]\n"
    "        lazy: [where]\n"
    "    evaluators: [materialize]\n";

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void test_config_parse(void)
{
    hr_buf err;
    hr_buf_init(&err);
    hr_config *c = NULL;
    CHECK(hr_config_parse(&c, full_config, strlen(full_config), "t/.headroom.yml", "/proj", &err) == 0);
    if (c) {
        hr_options opt;
        hr_options_init(&opt);
        hr_config_apply(c, &opt, HR_GIVEN_JOBS);
        CHECK(opt.has_scale && opt.scale == HR_STAGE_10K && strcmp(opt.select, "query-in-loop") == 0);
        CHECK(opt.ignore && strcmp(opt.ignore, "") == 0 && opt.report_tests && !opt.report_migrations);
        CHECK(opt.max_file_size == 4096 && opt.jobs == 0 && opt.config == c); /* jobs given on the CLI */
        CHECK(hr_config_excluded(c, "/proj/a/vendor/x.py") && hr_config_excluded(c, "/proj/g/m_pb2.py"));
        CHECK(!hr_config_excluded(c, "/proj/src/x.py") && !hr_config_excluded(c, "/elsewhere/vendor/x.py"));
        CHECK(hr_config_ignores_rule(c, "/proj/scripts/a/b.py", "query-in-loop"));
        CHECK(hr_config_ignores_rule(c, "/proj/x/legacy/b.py", "query-in-loop"));
        CHECK(!hr_config_ignores_rule(c, "/proj/src/b.py", "query-in-loop"));
        CHECK(!hr_config_ignores_rule(c, "/proj/scripts/b.py", "other-rule"));
        hr_knowledge k;
        hr_knowledge_init(&k);
        CHECK(hr_config_load_knowledge(c, &k, &err) == 0 && k.lang[HR_LANG_PYTHON].queries.len == 2);
        CHECK(strstr(HR_VEC_AT(k.lang[HR_LANG_PYTHON].queries, hr_kn_query, 0).source,
                     "t/.headroom.yml:") != NULL);
        hr_knowledge_release(&k);
        hr_config_free(c);
    }
    static const char specials[] = ":-[]{},#&*!|>'\"%@` \n\t?";
    size_t n = strlen(full_config);
    char *buf = malloc(n + 64);
    int ok = 0, bad = 0, bad_msgs = 0;
    for (int iter = 0; iter < 4000 && buf; iter++) {
        memcpy(buf, full_config, n);
        size_t len = n;
        int edits = 1 + (int)(rng() % 4);
        for (int e = 0; e < edits && len > 1; e++) {
            size_t at = (size_t)(rng() % len);
            switch (rng() % 4) {
            case 0: buf[at] = specials[rng() % (sizeof(specials) - 1)]; break;
            case 1: memmove(buf + at, buf + at + 1, len - at - 1); len--; break;
            case 2:
                if (len < n + 60) {
                    memmove(buf + at + 1, buf + at, len - at);
                    buf[at] = specials[rng() % (sizeof(specials) - 1)];
                    len++;
                }
                break;
            default: len = at + 1; break; /* truncate */
            }
        }
        c = NULL;
        hr_buf_clear(&err);
        int rc = hr_config_parse(&c, buf, len, "m/.headroom.yml", "/proj", &err);
        if (rc == 0) {
            ok++;
            hr_options opt;
            hr_options_init(&opt);
            hr_config_apply(c, &opt, 0);
            (void)hr_config_excluded(c, "/proj/a/b.py");
            (void)hr_config_ignores_rule(c, "/proj/scripts/x.py", "query-in-loop");
            hr_config_free(c);
        } else {
            bad++;
            bool one_line = err.data && !strchr(err.data, '\n');
            if (rc != -1 || c != NULL || !err.len || !one_line ||
                strncmp(err.data, "m/.headroom.yml:", 16) != 0) {
                bad_msgs++;
                if (bad_msgs < 5)
                    fprintf(stderr, "config mutation %d: rc %d, message '%s'\n", iter, rc,
                            err.data ? err.data : "(none)");
            }
        }
    }
    free(buf);
    CHECK(ok > 100 && bad > 100); /* both paths exercised */
    CHECK(bad_msgs == 0);
    hr_buf_free(&err);
}

int main(void)
{
    test_suppress();
    test_globs();
    test_baseline_keys();
    test_emitters();
    test_config_parse();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
