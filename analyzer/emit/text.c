/* text.c - findings for people, in the style of ruff and good compilers:
 *
 *   src/app.py:7:24: [1k] query-in-loop: query 'db.fetch_user' runs once per item of the loop.
 *    7 |         user = db.fetch_user(i)
 *      |                ^^^^^^^^^^^^^^^^
 *     note: src/app.py:6:2: loop over 'ids'
 *     = help: Fetch all rows with one batched query before the loop.
 *
 * then notices (`path:line: warning[HRN0001]: ...`) and a summary by stage.
 * Columns are 1-based code points; source lines keep their tabs and the
 * caret line copies them so carets line up. Colour only when in->color:
 * bold locations, red failing findings, yellow deferred ones, cyan notes. */
#include "emit_internal.h"

#include <string.h>

/* Lines longer than this many bytes are shown as a window around the span. */
enum { TEXT_MAX_SHOWN = 240, TEXT_CONTEXT = 60 };

typedef struct text_style {
    const char *bold, *fail, *defer, *note, *reset;
} text_style;

static const text_style style_plain = {"", "", "", "", ""};
static const text_style style_ansi = {"\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[36m",
                                      "\x1b[0m"};

static bool is_cont(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

/* Display width of a code point as text_show prints it. */
static int char_width(uint32_t cp)
{
    if (cp == '\t' || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
        return 1;
    return hr_codepoint_width(cp);
}

/* Appends src[s..e) for a terminal: control characters (but tabs) become '?',
 * invalid UTF-8 becomes U+FFFD. Returns the display width. */
static uint32_t text_show(hr_buf *b, const char *src, size_t len, uint32_t s, uint32_t e)
{
    uint32_t width = 0;
    for (size_t i = s; i < e;) {
        uint32_t cp;
        size_t k = hr_utf8_decode(src + i, len - i, &cp);
        if (cp == '\t') {
            hr_buf_putc(b, '\t');
            width++;
        } else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            hr_buf_putc(b, '?');
            width++;
        } else if (cp == 0xfffd && k == 1) {
            hr_buf_puts(b, "\xef\xbf\xbd");
            width++;
        } else {
            hr_buf_add(b, src + i, k);
            width += (uint32_t)char_width(cp);
        }
        i += k;
    }
    return width;
}

/* Appends a path or message: invalid UTF-8 and control characters cannot
 * reach the terminal. */
static void text_put(hr_buf *b, const char *s)
{
    if (s)
        text_show(b, s, strlen(s), 0, (uint32_t)strlen(s));
}

/* Display width of src[s..e), as text_show prints it. */
static uint32_t text_width(const char *src, size_t len, uint32_t s, uint32_t e)
{
    uint32_t width = 0;
    for (size_t i = s; i < e;) {
        uint32_t cp;
        i += hr_utf8_decode(src + i, len - i, &cp);
        width += (uint32_t)char_width(cp);
    }
    return width;
}

/* Whitespace under src[s..e) that keeps tabs, so carets line up. */
static void text_pad(hr_buf *b, const char *src, size_t len, uint32_t s, uint32_t e)
{
    for (size_t i = s; i < e;) {
        uint32_t cp;
        size_t k = hr_utf8_decode(src + i, len - i, &cp);
        if (cp == '\t') {
            hr_buf_putc(b, '\t');
        } else {
            for (int j = 0; j < char_width(cp); j++)
                hr_buf_putc(b, ' ');
        }
        i += k;
    }
}

static int digits(uint32_t v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* The source line of a location with a caret underline under its span (up to
 * the end of the line when the span goes on). */
static void text_source(hr_buf *b, const hr_location *loc, const text_style *st,
                        const char *colour)
{
    uint32_t s, e;
    if (!hr_emit_span_bytes(&s, &e, loc))
        return;
    const char *src = loc->file->text;
    size_t len = loc->file->len;
    uint32_t ls, le;
    hr_emit_line_bounds(&ls, &le, src, len, s);
    if (s > le)
        s = le;
    uint32_t ue = e <= le ? e : le;
    if (ue < s)
        ue = s;

    uint32_t ws = ls, we = le;
    if (le - ls > TEXT_MAX_SHOWN) {
        ws = s - ls > TEXT_CONTEXT ? s - TEXT_CONTEXT : ls;
        while (ws > ls && is_cont(src[ws]))
            ws--;
        we = le - ws > TEXT_MAX_SHOWN ? ws + TEXT_MAX_SHOWN : le;
        while (we > ws && we < le && is_cont(src[we]))
            we--;
        if (s > we)
            s = we;
        if (ue > we)
            ue = we;
    }

    uint32_t line = loc->span.start_line ? loc->span.start_line : 1;
    int w = digits(line);
    hr_buf_printf(b, " %*u | ", w, line);
    if (ws > ls)
        hr_buf_puts(b, "\xe2\x80\xa6"); /* … */
    text_show(b, src, len, ws, we);
    if (we < le)
        hr_buf_puts(b, "\xe2\x80\xa6");
    hr_buf_printf(b, "\n %*s | ", w, "");
    if (ws > ls)
        hr_buf_putc(b, ' ');
    text_pad(b, src, len, ws, s);
    hr_buf_puts(b, colour);
    uint32_t carets = text_width(src, len, s, ue);
    for (uint32_t i = 0; i < (carets ? carets : 1); i++)
        hr_buf_putc(b, '^');
    hr_buf_puts(b, st->reset);
    hr_buf_putc(b, '\n');
}

static void text_where(hr_buf *b, const hr_location *loc)
{
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, loc, HR_COL_CODEPOINTS);
    text_put(b, loc->file ? loc->file->path : "?");
    hr_buf_printf(b, ":%u:%u", pos.line, pos.col);
}

/* Appends a finding message with SARIF links "[loop](1)" shown as "loop":
 * the note lines below already say where the loop is. */
static void text_message(hr_buf *b, const char *msg)
{
    const char *run = msg;
    for (const char *p = msg; *p; p++) {
        if (*p != '[')
            continue;
        const char *close = strchr(p + 1, ']');
        if (!close || close[1] != '(' || close[2] < '0' || close[2] > '9')
            continue;
        const char *q = close + 2;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q != ')')
            continue;
        text_show(b, run, (size_t)(p - run), 0, (uint32_t)(p - run));
        text_show(b, p + 1, (size_t)(close - p - 1), 0, (uint32_t)(close - p - 1));
        run = q + 1;
        p = q;
    }
    text_put(b, run);
}

static void text_finding(hr_buf *b, const hr_finding *f, const text_style *st)
{
    const char *colour = f->fails ? st->fail : st->defer;
    hr_buf_puts(b, st->bold);
    text_where(b, &f->loc);
    hr_buf_printf(b, ":%s %s[%s] %s%s: ", st->reset, colour, hr_stage_name(f->stage),
                  f->rule ? f->rule->id : "?", st->reset);
    text_message(b, f->message ? f->message : "");
    hr_buf_putc(b, '\n');
    text_source(b, &f->loc, st, colour);
    for (uint32_t i = 0; i < f->related.len; i++) {
        const hr_location *loc = &HR_VEC_AT(f->related, hr_location, i);
        hr_buf_printf(b, "  %snote%s: ", st->note, st->reset);
        text_where(b, loc);
        if (loc->message) {
            hr_buf_puts(b, ": ");
            text_put(b, loc->message);
        }
        hr_buf_putc(b, '\n');
    }
    if (f->rule && f->rule->help) {
        hr_buf_printf(b, "  %s= help:%s ", st->bold, st->reset);
        text_put(b, f->rule->help);
        hr_buf_putc(b, '\n');
    }
    if (f->suppressed) { /* only with --report-suppressed */
        hr_buf_printf(b, "  %s= suppressed:%s ", st->note, st->reset);
        text_put(b, f->justification ? f->justification : "");
        hr_buf_putc(b, '\n');
    }
}

static void text_notice(hr_buf *b, const hr_notice *n, const text_style *st)
{
    const char *colour = n->level == HR_NOTE_ERROR     ? st->fail
                         : n->level == HR_NOTE_WARNING ? st->defer
                                                       : st->note;
    if (n->file) {
        hr_buf_puts(b, st->bold);
        text_put(b, n->file->path);
        if (n->line)
            hr_buf_printf(b, ":%u", n->line);
        hr_buf_printf(b, ":%s ", st->reset);
    }
    hr_buf_printf(b, "%s%s%s[%s]: ", colour, hr_notice_level_name(n->level), st->reset,
                  n->code ? n->code : "HRN0000");
    text_put(b, n->message);
    hr_buf_putc(b, '\n');
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

static void text_summary(hr_buf *b, const hr_emit_input *in, const text_style *st)
{
    hr_emit_counts c;
    hr_emit_count(&c, in->reports);
    size_t files = in->files_analyzed;
    if (!c.findings && in->exit_code == 2) {
        hr_buf_printf(b, "%sNo findings, but the run failed%s (see the errors above); %zu %s analyzed",
                      st->fail, st->reset, files, plural(files, "file", "files"));
    } else if (!c.findings) {
        hr_buf_printf(b, "%sAll clear: no findings.%s %zu %s analyzed", st->bold, st->reset,
                      files, plural(files, "file", "files"));
    } else {
        hr_buf_printf(b, "%sFound %zu %s%s in %zu of %zu %s analyzed (", st->bold, c.findings,
                      plural(c.findings, "finding", "findings"), st->reset,
                      c.files_with_findings, files, plural(files, "file", "files"));
        for (int s = 0; s < HR_STAGE_COUNT; s++)
            hr_buf_printf(b, "%s%s: %zu", s ? ", " : "", hr_stage_name((hr_stage)s),
                          c.by_stage[s]);
        hr_buf_putc(b, ')');
    }
    if (c.suppressed)
        hr_buf_printf(b, "; %zu suppressed", c.suppressed);
    if (c.notices)
        hr_buf_printf(b, "; %zu %s", c.notices, plural(c.notices, "notice", "notices"));
    hr_buf_puts(b, ".\n");
    if (c.findings && in->has_scale) {
        const char *scale = hr_stage_name(in->scale);
        hr_buf_printf(b, "Scale %s: %s%zu fix now%s (at or below %s), %s%zu deferred%s (later stages).\n",
                      scale, c.failing ? st->fail : "", c.failing, c.failing ? st->reset : "",
                      scale, c.deferred ? st->defer : "", c.deferred,
                      c.deferred ? st->reset : "");
    }
}

int hr_emit_text(FILE *out, const hr_emit_input *in)
{
    const text_style *st = in->color ? &style_ansi : &style_plain;
    const hr_report_set *r = in->reports;
    hr_buf b;
    hr_buf_init(&b);
    int rc = 0;
    for (uint32_t i = 0; i < r->findings.len; i++) {
        text_finding(&b, &HR_VEC_AT(r->findings, hr_finding, i), st);
        hr_buf_putc(&b, '\n');
        if (b.len > 1 << 16) { /* flush as we go: output can be large */
            if ((rc = hr_emit_write(out, b.data, b.len)) != 0)
                goto cleanup;
            hr_buf_clear(&b);
        }
    }
    for (uint32_t i = 0; i < r->notices.len; i++)
        text_notice(&b, &HR_VEC_AT(r->notices, hr_notice, i), st);
    if (r->notices.len)
        hr_buf_putc(&b, '\n');
    text_summary(&b, in, st);
    if ((rc = hr_emit_write(out, b.data, b.len)) == 0)
        rc = hr_emit_status(out);
cleanup:
    hr_buf_free(&b);
    return rc;
}

/* ---- rules listing ---- */

int hr_emit_rules_text(FILE *out, const hr_rule *const *rules, size_t n)
{
    int wid = 0, wstage = 0;
    for (size_t i = 0; i < n; i++) {
        int a = (int)strlen(rules[i]->id), s = (int)strlen(hr_stage_name(rules[i]->stage));
        wid = a > wid ? a : wid;
        wstage = s > wstage ? s : wstage;
    }
    hr_buf b;
    hr_buf_init(&b);
    for (size_t i = 0; i < n; i++)
        hr_buf_printf(&b, "%-*s  %-*s  %s\n", wid, rules[i]->id, wstage,
                      hr_stage_name(rules[i]->stage), rules[i]->title ? rules[i]->title : "");
    int rc = hr_emit_write(out, b.data, b.len);
    if (rc == 0)
        rc = hr_emit_status(out);
    hr_buf_free(&b);
    return rc;
}
