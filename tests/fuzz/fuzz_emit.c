/* fuzz_emit.c - the emitters on a synthetic finding over fuzzed source text.
 *
 * Input: 12 control bytes, then the file's text. The control bytes pick
 * byte offsets for the finding, a related location and a flow step; each
 * span is computed from its offsets the way a frontend does (1-based lines,
 * 0-based byte columns), so what varies is the text around it: multi-byte
 * and astral characters (UTF-16 columns), BOMs, CR/CRLF, tabs, long lines,
 * invalid bytes. The finding's message quotes the span's text, as rules
 * quote a callee. Everything is written in text (with and without colour),
 * SARIF and JSON.
 * Oracles: every emitter returns 0; SARIF and JSON parse (cJSON) and are
 * valid UTF-8; text is valid UTF-8; columns from hr_emit_column are >= 1 and
 * never more than the byte column + 1. */
#define _GNU_SOURCE /* open_memstream */
#include <cjson/cJSON.h>
#include <string.h>

#include "emit_internal.h"
#include "fuzz.h"

static const hr_rule fuzz_rule = {
    .id = "query-in-loop", .name = "QueryInLoop", .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH, .languages = HR_LANGBIT(HR_LANG_PYTHON),
    .title = "Database query inside a loop.", .help = "Fetch all rows before the loop."};
static const hr_rule *const registry[] = {&fuzz_rule};

/* Back to the start of the character holding byte i (frontends' spans
 * start and end on character boundaries). */
static size_t char_start(const char *text, size_t len, size_t i)
{
    if (i > len)
        i = len;
    while (i > 0 && i < len && ((unsigned char)text[i] & 0xc0) == 0x80)
        i--;
    return i;
}

static hr_span span_at(const char *text, size_t len, size_t a, size_t b)
{
    a = char_start(text, len, a);
    b = char_start(text, len, b);
    if (b < a) {
        size_t t = a;
        a = b;
        b = t;
    }
    hr_span sp = {.start_byte = (uint32_t)a, .end_byte = (uint32_t)b, .start_line = 1, .end_line = 1};
    size_t line_start = 0;
    for (size_t i = 0; i < b; i++) {
        if (i == a) {
            sp.start_line = sp.end_line;
            sp.start_col = (uint32_t)(a - line_start);
        }
        if (text[i] == '\n') {
            sp.end_line++;
            line_start = i + 1;
        }
    }
    if (a == b) {
        sp.start_line = sp.end_line;
        sp.start_col = (uint32_t)(a - line_start);
    }
    sp.end_col = (uint32_t)(b - line_start);
    return sp;
}

typedef int (*emit_fn)(FILE *, const hr_emit_input *);

static void emit_one(emit_fn fn, const hr_emit_input *in, bool json)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    HR_FUZZ_CHECK(f != NULL, "open_memstream");
    HR_FUZZ_CHECK(fn(f, in) == 0, "emitter failed");
    HR_FUZZ_CHECK(fclose(f) == 0, "fclose");
    HR_FUZZ_CHECK(hr_utf8_valid(buf, n), "output is not valid UTF-8");
    if (json) {
        cJSON *doc = cJSON_ParseWithLength(buf, n);
        HR_FUZZ_CHECK(doc != NULL, "output is not JSON");
        cJSON_Delete(doc);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { CTRL = 12 };
    if (size < CTRL || size > (1u << 20))
        return 0;
    size_t off[6];
    for (int i = 0; i < 6; i++)
        off[i] = (size_t)data[2 * i] | (size_t)data[2 * i + 1] << 8;
    size_t len = size - CTRL;
    char *text = malloc(len + 1);
    HR_FUZZ_CHECK(text != NULL, "out of memory");
    memcpy(text, data + CTRL, len);
    text[len] = 0;
    bool no_text = (off[5] & 0x8000) && (off[4] & 0x8000); /* a file that was not read */

    hr_source src = {.path = "src/my dir/caf\xc3\xa9 #1.py", .relpath = "src/my dir/caf\xc3\xa9 #1.py",
                     .text = no_text ? NULL : text, .len = no_text ? 0 : len, .lang = HR_LANG_PYTHON};
    hr_report_set r = {0};
    hr_arena_init(&r.arena);
    hr_finding *f = HR_VEC_PUSH(&r.arena, &r.findings, hr_finding);
    f->rule = &fuzz_rule;
    f->stage = HR_STAGE_1K;
    f->loc.file = &src;
    f->loc.span = span_at(text, len, off[0], off[1]);
    f->fails = off[0] & 1;
    size_t qlen = f->loc.span.end_byte - f->loc.span.start_byte;
    f->message = hr_arena_printf(&r.arena, "query '%.*s' runs once per item of the [loop](1).",
                                 (int)(qlen > 200 ? 200 : qlen), text + f->loc.span.start_byte);
    hr_location *rel = HR_VEC_PUSH(&r.arena, &f->related, hr_location);
    rel->file = &src;
    rel->span = span_at(text, len, off[2], off[3]);
    rel->message = "loop over 'rows'";
    hr_location *step = HR_VEC_PUSH(&r.arena, &f->flow, hr_location);
    *step = *rel;
    step = HR_VEC_PUSH(&r.arena, &f->flow, hr_location);
    step->file = &src;
    step->span = f->loc.span;
    step->message = "Query executes on every iteration.";
    hr_notice *nt = HR_VEC_PUSH(&r.arena, &r.notices, hr_notice);
    nt->level = HR_NOTE_WARNING;
    nt->code = "HRN0001";
    nt->file = &src;
    nt->line = (uint32_t)(off[4] & 0xff);
    nt->message = "syntax error; the analysis of this file may be incomplete";

    if (src.text) {
        for (int i = 0; i < 4; i++) {
            hr_span sp = span_at(text, len, off[i], off[i]);
            uint32_t ls = sp.start_byte - sp.start_col;
            uint32_t c16 = hr_emit_column(text, len, ls, sp.start_col, HR_COL_UTF16);
            uint32_t ccp = hr_emit_column(text, len, ls, sp.start_col, HR_COL_CODEPOINTS);
            HR_FUZZ_CHECK(c16 >= 1 && c16 <= sp.start_col + 1, "UTF-16 column out of range");
            HR_FUZZ_CHECK(ccp >= 1 && ccp <= c16, "code point column out of range");
            uint32_t lstart, lend;
            hr_emit_line_bounds(&lstart, &lend, text, len, sp.start_byte);
            HR_FUZZ_CHECK(lstart <= lend && lend <= len, "line bounds out of the text");
        }
    }

    hr_emit_input in = {
        .reports = &r, .rules = registry, .rule_count = HR_ARRAY_LEN(registry),
        .root_uri = (off[5] & 1) ? NULL : "file:///tmp/fuzz%20root/", .version = "0.0.0-fuzz",
        .has_scale = off[5] & 2, .scale = (hr_stage)((off[5] >> 2) & 3), .exit_code = 1,
        .files_analyzed = 1, .color = off[5] & 16};
    emit_one(hr_emit_sarif, &in, true);
    emit_one(hr_emit_json, &in, true);
    emit_one(hr_emit_text, &in, false);
    in.color = !in.color;
    emit_one(hr_emit_text, &in, false);

    hr_arena_release(&r.arena);
    free(text);
    return 0;
}
