/* test_emit.c - emitter helpers: GitHub's line hash (golden vectors from
 * codeql-action src/fingerprints.test.ts, see shared/spec/sarif.md §3.4),
 * columns, URIs, sentences, logical fingerprints. */
#include "unit.h"

#include <stdlib.h>

#include "emit_internal.h"

/* Checks every line's "hash:count" of text against want[0..n). */
static void check_hashes(const char *name, const char *text, size_t len, const char *const *want,
                         size_t n)
{
    hr_line_hash *h = NULL;
    size_t lines = hr_line_hashes(&h, text, len);
    if (lines != n) {
        unit_totals.failed++;
        fprintf(stderr, "fingerprint %s: %zu lines, want %zu\n", name, lines, n);
    } else {
        unit_totals.passed++;
    }
    for (size_t i = 0; i < n && i < lines; i++) {
        char buf[32];
        hr_line_hash_format(buf, h[i]);
        if (strcmp(buf, want[i]) == 0) {
            unit_totals.passed++;
        } else {
            unit_totals.failed++;
            fprintf(stderr, "fingerprint %s line %zu: got %s, want %s\n", name, i + 1, buf,
                    want[i]);
        }
    }
    free(h);
}

#define HASHES(name, text, ...)                                                          \
    do {                                                                                 \
        static const char *const want_[] = {__VA_ARGS__};                                \
        check_hashes(name, text, sizeof(text) - 1, want_, HR_ARRAY_LEN(want_));           \
    } while (0)

void test_fingerprint(void)
{
    HASHES("empty", "", "c129715d7a2bc9a3:1");
    HASHES("short", " a\nb\n  \t\tc\n d", "271789c17abda88f:1", "54703d4cd895b18:1",
           "180aee12dab6264:1", "a23a3dc5e078b07b:1");

    static const char lorem[] = "Lorem ipsum dolor sit amet.\n";
    char text[sizeof lorem * 10] = "";
    for (int i = 0; i < 10; i++)
        strcat(text, lorem);
    static const char *const lorem_want[] = {
        "a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
        "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
        "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"};
    check_hashes("lorem", text, strlen(text), lorem_want, HR_ARRAY_LEN(lorem_want));

#define GREETINGS_WANT                                                                   \
    "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1", \
        "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"
    HASHES("greetings-lf", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", GREETINGS_WANT);
    HASHES("greetings-cr", " hello; \t\rworld!!!\r\r\r  \t\tGreetings\r End\r", GREETINGS_WANT);
    HASHES("greetings-crlf", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
           GREETINGS_WANT);

    HASHES("repeats", "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
           "e54938cc54b302f1:1", "bb609acbe9138d60:1", "1131fd5871777f34:1",
           "5c482a0f8b35ea28:1", "54517377da7028d2:1", "2c644846cb18d53e:1",
           "f1b89f20de0d133:1", "c129715d7a2bc9a3:1");

    /* Inserting unrelated lines above changes neither the hash of a line far
     * enough below nor (for distinct content) its count. */
    static const char a[] = "def f(ids):\n    for i in ids:\n        q(i)\n";
    static const char b[] = "import os\n\ndef f(ids):\n    for i in ids:\n        q(i)\n";
    hr_line_hash *ha = NULL, *hb = NULL;
    size_t na = hr_line_hashes(&ha, a, sizeof a - 1), nb = hr_line_hashes(&hb, b, sizeof b - 1);
    CHECK(na == 4 && nb == 6);
    if (na == 4 && nb == 6) {
        CHECK(ha[2].hash == hb[4].hash && ha[2].count == hb[4].count);
        CHECK(ha[0].hash == hb[2].hash);
    }
    free(ha);
    free(hb);

    /* non-BMP characters count as two UTF-16 units; a BOM is one unit */
    hr_line_hash *h = NULL;
    CHECK_INT(hr_line_hashes(&h, "\xf0\x9f\x98\x80\n", 5), 2);
    free(h);
    CHECK_INT(hr_line_hashes(&h, "\xef\xbb\xbf" "a\nb", 6), 2);
    free(h);
}

static void check_uri(const char *path, const char *want)
{
    hr_buf b;
    hr_buf_init(&b);
    hr_emit_uri_encode(&b, path);
    CHECK_STR(b.data ? b.data : "", want);
    hr_buf_free(&b);
}

static void check_file_uri(const char *path, const char *want)
{
    hr_buf b;
    hr_buf_init(&b);
    hr_emit_file_uri(&b, path);
    CHECK_STR(b.data, want);
    hr_buf_free(&b);
}

static void check_sentence(const char *msg, bool period, const char *want)
{
    hr_buf b;
    hr_buf_init(&b);
    if (period)
        hr_emit_sentence(&b, msg);
    else
        hr_emit_capitalized(&b, msg);
    CHECK_STR(b.data ? b.data : "", want);
    hr_buf_free(&b);
}

static uint32_t rnd(uint64_t *seed, uint32_t n)
{
    *seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)((*seed >> 33) % n);
}

/* Emitters must survive whatever spans and bytes they are handed: invalid
 * UTF-8, lone CRs, a BOM, control characters, spans past the end or
 * inverted. Output must stay valid UTF-8 (ASan/UBSan builds check memory). */
static void test_emit_robust(void)
{
    static const hr_rule rule = {.id = "query-in-loop", .name = "QueryInLoop",
                                 .stage = HR_STAGE_10K, .title = "Query in a loop.",
                                 .help = "Batch it."};
    const hr_rule *const rules[] = {&rule};
    static const char *const pieces[] = {"a", "b", " ", "\t", "\n", "\r", "\r\n", "\xc3\xa9",
                                         "\xf0\x9f\x98\x80", "\xff", "\x80", "\xc3", "\x1b",
                                         "\xef\xbb\xbf", "\"", "\\", "\xe4\xb8\xad"};
    uint64_t seed = 0x9e3779b97f4a7c15ull;
#define RND(n) rnd(&seed, (uint32_t)(n))
    bool ok = true;
    for (int iter = 0; iter < 300 && ok; iter++) {
        hr_buf text;
        hr_buf_init(&text);
        if (iter % 7 == 0)
            hr_buf_puts(&text, "\xef\xbb\xbf");
        uint32_t n = RND(120);
        for (uint32_t i = 0; i < n; i++)
            hr_buf_puts(&text, pieces[RND(HR_ARRAY_LEN(pieces))]);
        hr_source src = {.path = "p \xff.py", .relpath = iter % 5 ? "p \xff.py" : NULL,
                         .text = iter % 11 ? (text.data ? text.data : "") : NULL, .len = text.len};
        hr_report_set r;
        memset(&r, 0, sizeof r);
        hr_arena_init(&r.arena);
        for (int k = 0; k < 3; k++) {
            hr_finding *f = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
            f->rule = &rule;
            f->stage = (hr_stage)RND(HR_STAGE_COUNT);
            f->fails = RND(2);
            f->message = k ? "bad \xc3 message [x](1)" : "";
            f->loc.file = &src;
            uint32_t lim = (uint32_t)text.len + 5;
            f->loc.span = (hr_span){.start_byte = RND(lim), .end_byte = RND(lim),
                                    .start_line = RND(8), .start_col = RND(lim),
                                    .end_line = RND(8), .end_col = RND(lim)};
            hr_location *l = HR_VEC_PUSH(&r.arena, &f->related, hr_location);
            *l = f->loc;
            l->message = k == 1 ? NULL : "loop";
            l = HR_VEC_PUSH(&r.arena, &f->flow, hr_location);
            *l = f->loc;
        }
        hr_notice *nt = HR_VEC_PUSH(&r.arena, &r.notices, hr_notice);
        nt->level = (hr_notice_level)RND(3);
        nt->code = "HRN0001";
        nt->file = iter % 2 ? &src : NULL;
        nt->line = RND(3);
        nt->message = "x\xff";
        hr_emit_input in = {.reports = &r, .rules = rules, .rule_count = 1,
                            .root_uri = "file:///r/", .version = "0.1.0",
                            .has_scale = iter % 2, .exit_code = (int)RND(3),
                            .color = iter % 3 == 0};
        int (*const fns[])(FILE *, const hr_emit_input *) = {hr_emit_text, hr_emit_sarif,
                                                             hr_emit_json};
        for (size_t k = 0; k < HR_ARRAY_LEN(fns); k++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *mem = open_memstream(&buf, &len);
            int rc = fns[k](mem, &in);
            fclose(mem);
            if (rc != 0 || !hr_utf8_valid(buf, len) || len == 0 || buf[len - 1] != '\n') {
                fprintf(stderr, "robust: iteration %d emitter %zu: rc %d, bad output:\n%.*s\n", iter, k, rc, (int)len, buf ? buf : "");
                ok = false;
            }
            free(buf);
        }
        hr_arena_release(&r.arena);
        hr_buf_free(&text);
    }
#undef RND
    CHECK(ok);
}

/* A full disk is reported as a negative errno, never swallowed. */
static void test_emit_write_errors(void)
{
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        return; /* not on this system */
    hr_report_set r;
    memset(&r, 0, sizeof r);
    hr_arena_init(&r.arena);
    hr_emit_input in = {.reports = &r, .version = "0.1.0"};
    CHECK(hr_emit_text(full, &in) < 0);
    clearerr(full);
    CHECK(hr_emit_sarif(full, &in) < 0);
    clearerr(full);
    CHECK(hr_emit_json(full, &in) < 0);
    clearerr(full);
    CHECK(hr_emit_rules_text(full, NULL, 0) == 0); /* nothing to write */
    fclose(full);
    hr_arena_release(&r.arena);
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* Code flows are capped at 100 steps (multitool GH1004). */
static void test_emit_caps(void)
{
    static const hr_rule rule = {.id = "query-in-loop", .name = "QueryInLoop",
                                 .title = "Query in a loop.", .help = "Batch it."};
    const hr_rule *const rules[] = {&rule};
    hr_source src = {.path = "a.py", .relpath = "a.py", .text = "q()\n", .len = 4};
    hr_report_set r;
    memset(&r, 0, sizeof r);
    hr_arena_init(&r.arena);
    hr_finding *f = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
    f->rule = &rule;
    f->message = "query";
    f->loc = (hr_location){.file = &src, .span = {0, 3, 1, 0, 1, 3}};
    for (int i = 0; i < 150; i++) {
        hr_location *l = HR_VEC_PUSH(&r.arena, &f->flow, hr_location);
        *l = f->loc;
        l->message = "loop step";
    }
    hr_emit_input in = {.reports = &r, .rules = rules, .rule_count = 1, .version = "0.1.0"};
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    CHECK_INT(hr_emit_sarif(mem, &in), 0);
    fclose(mem);
    CHECK_INT(count_of(buf, "\"text\": \"Loop step.\""), 100);
    free(buf);
    hr_arena_release(&r.arena);
}

void test_emit_helpers(void)
{
    test_emit_caps();
    test_emit_robust();
    test_emit_write_errors();

    CHECK_STR(hr_precision_name(HR_PRECISION_VERY_HIGH), "very-high");
    CHECK_STR(hr_precision_name(HR_PRECISION_HIGH), "high");
    CHECK_STR(hr_precision_name(HR_PRECISION_MEDIUM), "medium");
    CHECK_STR(hr_precision_name(HR_PRECISION_LOW), "low");

    /* columns: é is 2 bytes / 1 unit, 😀 is 4 bytes / 2 units, tab is 1 */
    static const char line[] = "x = \"\xc3\xa9\xf0\x9f\x98\x80\"\tf(1)\n";
    uint32_t call = (uint32_t)(strstr(line, "f(1)") - line); /* byte 13 */
    CHECK_INT(call, 13);
    CHECK_INT(hr_utf16_column(line, sizeof line - 1, 0, call), 11);
    CHECK_INT(hr_emit_column(line, sizeof line - 1, 0, call, HR_COL_CODEPOINTS), 10);
    CHECK_INT(hr_utf16_column(line, sizeof line - 1, 0, 0), 1);
    /* a column past the end is clamped */
    CHECK_INT(hr_utf16_column(line, sizeof line - 1, 0, 1000), 16);
    /* the second line starts after the first "\n" */
    static const char two[] = "ab\n\xc3\xa9x";
    CHECK_INT(hr_utf16_column(two, sizeof two - 1, 3, 2), 2);
    /* a BOM does not shift columns (byte columns of line 1 include it) */
    static const char bom[] = "\xef\xbb\xbf" "ab";
    CHECK_INT(hr_utf16_column(bom, sizeof bom - 1, 0, 4), 2);
    CHECK_INT(hr_utf16_column(bom, sizeof bom - 1, 0, 3), 1);

    uint32_t s, e;
    hr_emit_line_bounds(&s, &e, "a\r\nbc\r\nd", 8, 4);
    CHECK(s == 3 && e == 5);
    hr_emit_line_bounds(&s, &e, "abc", 3, 1);
    CHECK(s == 0 && e == 3);
    hr_emit_line_bounds(&s, &e, "\xef\xbb\xbfz\n", 5, 3);
    CHECK(s == 3 && e == 4);

    /* a location with a span: positions in code points and UTF-16 */
    hr_source src = {.path = "a.py", .relpath = "a.py", .text = line, .len = sizeof line - 1};
    hr_location loc = {.file = &src,
                       .span = {.start_byte = 13, .end_byte = 17, .start_line = 1,
                                .start_col = 13, .end_line = 1, .end_col = 17}};
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, &loc, HR_COL_UTF16);
    CHECK(pos.line == 1 && pos.col == 11 && pos.end_line == 1 && pos.end_col == 15);
    hr_emit_pos_of(&pos, &loc, HR_COL_CODEPOINTS);
    CHECK(pos.col == 10 && pos.end_col == 14);
    CHECK(hr_emit_span_bytes(&s, &e, &loc) && s == 13 && e == 17);
    src.text = NULL; /* no text: byte columns + 1 */
    hr_emit_pos_of(&pos, &loc, HR_COL_UTF16);
    CHECK(pos.col == 14 && pos.end_col == 18);
    CHECK(!hr_emit_span_bytes(&s, &e, &loc));

    /* URIs (spec checklist 12) */
    check_uri("src/app.py", "src/app.py");
    check_uri("my file.py", "my%20file.py");
    check_uri("caf\xc3\xa9.py", "caf%C3%A9.py");
    check_uri("a#b.py", "a%23b.py");
    check_uri("100%.py", "100%25.py");
    check_uri("a?b[1]:c@d", "a%3Fb%5B1%5D%3Ac%40d");
    check_uri("~user/x-y_z.py", "~user/x-y_z.py");
    check_uri("./src/app.py", "src/app.py");
    check_file_uri("/tmp/a b/../c.py", "file:///tmp/c.py");
    check_file_uri("/x/./y//z\xc3\xa9.py", "file:///x/y/z%C3%A9.py");
    check_file_uri("/../..", "file:///");

    /* sentences */
    check_sentence("query runs in a loop", true, "Query runs in a loop.");
    check_sentence("query runs in a loop.", true, "Query runs in a loop.");
    check_sentence("Already fine!", true, "Already fine!");
    check_sentence("", true, "");
    check_sentence(NULL, true, "");
    check_sentence("\xc3\xa9t\xc3\xa9", true, "\xc3\xa9t\xc3\xa9.");
    check_sentence("bad \xff byte", true, "Bad \xef\xbf\xbd byte.");
    check_sentence("could not parse.  ", false, "Could not parse");

    hr_buf b;
    hr_buf_init(&b);
    hr_utf8_sanitize(&b, "ok\xc3(\xf0\x9f\x98\x80", 8);
    CHECK_STR(b.data, "ok\xef\xbf\xbd(\xf0\x9f\x98\x80");
    hr_buf_free(&b);

    /* logical fingerprint: whitespace-only edits keep it; rule, path, text
     * and occurrence change it */
    const char *r1 = "Order.objects.get(id=i)";
    const char *r2 = "Order.objects.get( id = i )\n";
    uint64_t h1 = hr_logical_hash("query-in-loop", "a.py", r1, strlen(r1), 1);
    CHECK(h1 == hr_logical_hash("query-in-loop", "a.py", r2, strlen(r2), 1));
    CHECK(h1 != hr_logical_hash("query-in-loop", "a.py", r1, strlen(r1), 2));
    CHECK(h1 != hr_logical_hash("other-rule", "a.py", r1, strlen(r1), 1));
    CHECK(h1 != hr_logical_hash("query-in-loop", "b.py", r1, strlen(r1), 1));
    CHECK(h1 != hr_logical_hash("query-in-loop", "a.py", "Order.objects.all()", 19, 1));

    CHECK_STR(hr_notice_level_name(HR_NOTE_INFO), "info");
    CHECK_STR(hr_notice_level_name(HR_NOTE_WARNING), "warning");
    CHECK_STR(hr_notice_level_name(HR_NOTE_ERROR), "error");
    CHECK_INT(hr_codepoint_width('a'), 1);
    CHECK_INT(hr_codepoint_width(0x1f600), 2);
    CHECK_INT(hr_codepoint_width(0x4e2d), 2);
    CHECK_INT(hr_codepoint_width(0x301), 0);
}
