/* common.c - helpers shared by the emitters: columns, URIs, sentences,
 * fingerprints, counting. No cJSON here (see json.c). */
#include "emit_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *hr_precision_name(hr_precision p)
{
    switch (p) {
    case HR_PRECISION_VERY_HIGH: return "very-high";
    case HR_PRECISION_HIGH: return "high";
    case HR_PRECISION_MEDIUM: return "medium";
    case HR_PRECISION_LOW: return "low";
    }
    return "medium";
}

const char *hr_notice_level_name(hr_notice_level l)
{
    switch (l) {
    case HR_NOTE_INFO: return "info";
    case HR_NOTE_WARNING: return "warning";
    case HR_NOTE_ERROR: return "error";
    }
    return "warning";
}

/* ---- UTF-8 ---- */

size_t hr_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2, v = c & 0x1f, min = 0x80;
    } else if ((c >> 4) == 0xe) {
        len = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xfffd;
        return 1;
    }
    if (len > n)
        goto bad;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            goto bad;
        v = (v << 6) | (s[k] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        goto bad;
    *cp = v;
    return len;
bad:
    *cp = 0xfffd;
    return 1;
}

void hr_utf8_sanitize(hr_buf *out, const char *s, size_t n)
{
    size_t run = 0; /* start of the pending valid run */
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = hr_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xfffd && k == 1 && (unsigned char)s[i] >= 0x80) {
            hr_buf_add(out, s + run, i - run);
            hr_buf_puts(out, "\xef\xbf\xbd");
            run = i + 1;
        }
        i += k;
    }
    hr_buf_add(out, s + run, n - run);
}

int hr_codepoint_width(uint32_t cp)
{
    if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
        (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
        (cp >= 0x20d0 && cp <= 0x20ff))
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) ||
        (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
        (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
        (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

/* ---- positions ---- */

static bool has_bom(const char *src, size_t len)
{
    return len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0;
}

uint32_t hr_emit_column(const char *src, size_t len, uint32_t line_start, uint32_t col,
                        hr_col_unit unit)
{
    size_t start = line_start < len ? line_start : len;
    size_t end = (size_t)col > len - start ? len : start + col;
    if (start == 0 && has_bom(src, len) && end >= 3)
        start = 3;
    uint32_t n = 1;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        i += hr_utf8_decode(src + i, len - i, &cp);
        n += (unit == HR_COL_UTF16 && cp >= 0x10000) ? 2 : 1;
    }
    return n;
}

uint32_t hr_utf16_column(const char *src, size_t len, uint32_t line_start_byte, uint32_t col)
{
    return hr_emit_column(src, len, line_start_byte, col, HR_COL_UTF16);
}

void hr_emit_line_bounds(uint32_t *out_start, uint32_t *out_end, const char *src, size_t len,
                         uint32_t at)
{
    size_t s = at < len ? at : len, e;
    while (s > 0 && src[s - 1] != '\n')
        s--;
    if (s == 0 && has_bom(src, len))
        s = 3;
    e = s;
    while (e < len && src[e] != '\n')
        e++;
    if (e > s && src[e - 1] == '\r')
        e--;
    *out_start = (uint32_t)s;
    *out_end = (uint32_t)e;
}

void hr_emit_pos_of(hr_emit_pos *out, const hr_location *loc, hr_col_unit unit)
{
    const hr_span *sp = &loc->span;
    const hr_source *f = loc->file;
    out->line = sp->start_line ? sp->start_line : 1;
    out->end_line = sp->end_line >= out->line ? sp->end_line : out->line;
    if (!f || !f->text) {
        out->col = sp->start_col + 1;
        out->end_col = sp->end_col + 1;
    } else {
        uint32_t ls = sp->start_byte >= sp->start_col ? sp->start_byte - sp->start_col : 0;
        uint32_t le = sp->end_byte >= sp->end_col ? sp->end_byte - sp->end_col : ls;
        out->col = hr_emit_column(f->text, f->len, ls, sp->start_col, unit);
        out->end_col = hr_emit_column(f->text, f->len, le, sp->end_col, unit);
    }
    if (out->end_line == out->line && out->end_col < out->col)
        out->end_col = out->col;
}

bool hr_emit_span_bytes(uint32_t *out_start, uint32_t *out_end, const hr_location *loc)
{
    const hr_source *f = loc->file;
    if (!f || !f->text)
        return false;
    size_t len = f->len;
    size_t s = loc->span.start_byte < len ? loc->span.start_byte : len;
    size_t e = loc->span.end_byte < len ? loc->span.end_byte : len;
    if (s < 3 && has_bom(f->text, len))
        s = 3;
    if (e < s)
        e = s;
    *out_start = (uint32_t)s;
    *out_end = (uint32_t)e;
    return true;
}

/* ---- messages and URIs ---- */

void hr_emit_capitalized(hr_buf *out, const char *msg)
{
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && (msg[n - 1] == '.' || msg[n - 1] == ' ' || msg[n - 1] == '\n'))
        n--;
    if (n == 0)
        return;
    if (msg[0] >= 'a' && msg[0] <= 'z') {
        hr_buf_putc(out, (char)(msg[0] - 'a' + 'A'));
        hr_utf8_sanitize(out, msg + 1, n - 1);
    } else {
        hr_utf8_sanitize(out, msg, n);
    }
}

void hr_emit_sentence(hr_buf *out, const char *msg)
{
    size_t n = msg ? strlen(msg) : 0;
    while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '\n'))
        n--;
    size_t before = out->len;
    if (n > 0 && (msg[n - 1] == '!' || msg[n - 1] == '?')) {
        if (msg[0] >= 'a' && msg[0] <= 'z') {
            hr_buf_putc(out, (char)(msg[0] - 'a' + 'A'));
            hr_utf8_sanitize(out, msg + 1, n - 1);
        } else {
            hr_utf8_sanitize(out, msg, n);
        }
        return;
    }
    hr_emit_capitalized(out, msg);
    if (out->len > before)
        hr_buf_putc(out, '.');
}

void hr_emit_unlinked(hr_buf *out, const char *msg)
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
        hr_buf_add(out, run, (size_t)(p - run));
        hr_buf_add(out, p + 1, (size_t)(close - p - 1));
        run = q + 1;
        p = q;
    }
    hr_buf_puts(out, run);
}

void hr_emit_uri_encode(hr_buf *out, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            hr_buf_putc(out, (char)c);
        } else {
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            hr_buf_add(out, esc, 3);
        }
    }
}

void hr_emit_file_uri(hr_buf *out, const char *path)
{
    hr_buf abs, norm;
    hr_buf_init(&abs);
    hr_buf_init(&norm);
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        hr_buf_puts(&abs, cwd ? cwd : "");
        free(cwd);
        hr_buf_putc(&abs, '/');
    }
    hr_buf_puts(&abs, path);
    /* fold "." and ".." segments and repeated slashes */
    const char *p = abs.data;
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t n = (size_t)(p - seg);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (norm.len > 0 && norm.data[norm.len - 1] != '/')
                norm.len--;
            if (norm.len > 0)
                norm.len--;
            if (norm.data)
                norm.data[norm.len] = 0;
            continue;
        }
        hr_buf_putc(&norm, '/');
        hr_buf_add(&norm, seg, n);
    }
    hr_buf_puts(out, "file://");
    hr_emit_uri_encode(out, norm.len ? norm.data : "/");
    hr_buf_free(&abs);
    hr_buf_free(&norm);
}

/* ---- fingerprints ---- */

enum { HR_LH_BLOCK = 100, HR_LH_EOF = 65535 };

/* Occurrence counts of hash values: open addressing, count 0 = empty. */
typedef struct lh_slot {
    uint64_t key;
    uint32_t count;
} lh_slot;

typedef struct lh_state {
    uint32_t window[HR_LH_BLOCK];
    size_t line_at[HR_LH_BLOCK]; /* line starting at this window slot, 0 = none */
    uint64_t h, first_mod;
    size_t index, line;
    bool line_start, prev_cr;
    hr_line_hash *out;
    size_t out_cap;
    lh_slot *counts;
    size_t counts_mask;
} lh_state;

static uint32_t lh_count(lh_state *st, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 29)) & st->counts_mask;
    while (st->counts[i].count && st->counts[i].key != key)
        i = (i + 1) & st->counts_mask;
    st->counts[i].key = key;
    return ++st->counts[i].count;
}

static void lh_output(lh_state *st)
{
    size_t line = st->line_at[st->index];
    if (line >= 1 && line <= st->out_cap) {
        st->out[line - 1].hash = st->h;
        st->out[line - 1].count = lh_count(st, st->h);
    }
    st->line_at[st->index] = 0;
}

static void lh_update(lh_state *st, uint32_t c)
{
    uint32_t begin = st->window[st->index];
    st->window[st->index] = c;
    st->h = 37u * st->h + c - st->first_mod * begin;
    st->index = (st->index + 1) % HR_LH_BLOCK;
}

static void lh_char(lh_state *st, uint32_t c)
{
    if (c == ' ' || c == '\t' || (st->prev_cr && c == '\n')) {
        st->prev_cr = false;
        return;
    }
    if (c == '\r') {
        c = '\n';
        st->prev_cr = true;
    } else {
        st->prev_cr = false;
    }
    if (st->line_at[st->index])
        lh_output(st);
    if (st->line_start) {
        st->line_start = false;
        st->line++;
        st->line_at[st->index] = st->line;
    }
    if (c == '\n')
        st->line_start = true;
    lh_update(st, c);
}

size_t hr_line_hashes(hr_line_hash **out, const char *text, size_t len)
{
    size_t lines = 2; /* every terminator starts a line; +1 for the sentinel's line */
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n' || text[i] == '\r';
    size_t slots = 16;
    while (slots < 2 * lines)
        slots *= 2;
    lh_state *st = hr_xcalloc(1, sizeof *st);
    st->out = hr_xcalloc(lines, sizeof *st->out);
    st->out_cap = lines;
    st->counts = hr_xcalloc(slots, sizeof *st->counts);
    st->counts_mask = slots - 1;
    st->first_mod = 1;
    for (int i = 0; i < HR_LH_BLOCK; i++)
        st->first_mod *= 37u;
    st->line_start = true;

    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += hr_utf8_decode(text + i, len - i, &cp);
        if (cp >= 0x10000) {
            lh_char(st, 0xd800 + ((cp - 0x10000) >> 10));
            lh_char(st, 0xdc00 + ((cp - 0x10000) & 0x3ff));
        } else {
            lh_char(st, cp);
        }
    }
    lh_char(st, HR_LH_EOF);
    for (int i = 0; i < HR_LH_BLOCK; i++) {
        if (st->line_at[st->index])
            lh_output(st);
        lh_update(st, 0);
    }
    size_t n = st->line;
    *out = st->out;
    free(st->counts);
    free(st);
    return n;
}

void hr_line_hash_format(char buf[static 32], hr_line_hash h)
{
    snprintf(buf, 32, "%" PRIx64 ":%" PRIu32, h.hash, h.count);
}

static uint64_t fnv_add(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t hr_logical_hash(const char *rule_id, const char *path, const char *region,
                         size_t region_len, uint32_t occurrence)
{
    uint64_t h = 14695981039346656037ull; /* FNV-1a 64 offset basis */
    h = fnv_add(h, rule_id, strlen(rule_id) + 1);
    h = fnv_add(h, path, strlen(path) + 1);
    for (size_t i = 0; i < region_len; i++) {
        char c = region[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f')
            h = fnv_add(h, &c, 1);
    }
    char num[16];
    int k = snprintf(num, sizeof num, "%" PRIu32, occurrence);
    h = fnv_add(h, "", 1);
    return fnv_add(h, num, (size_t)k);
}

/* ---- counting and writing ---- */

void hr_emit_count(hr_emit_counts *out, const hr_report_set *r)
{
    memset(out, 0, sizeof *out);
    const char *prev = NULL;
    for (uint32_t i = 0; i < r->findings.len; i++) {
        const hr_finding *f = &HR_VEC_AT(r->findings, hr_finding, i);
        if (f->suppressed) {
            out->suppressed++;
            continue;
        }
        out->findings++;
        if (f->fails)
            out->failing++;
        else
            out->deferred++;
        if ((unsigned)f->stage < HR_STAGE_COUNT)
            out->by_stage[f->stage]++;
        const char *path = f->loc.file ? f->loc.file->path : "";
        if (!prev || strcmp(prev, path) != 0)
            out->files_with_findings++;
        prev = path;
    }
    out->notices = r->notices.len;
}

int hr_emit_write(FILE *out, const char *s, size_t n)
{
    errno = 0;
    if (n && fwrite(s, 1, n, out) != n)
        return errno ? -errno : -EIO;
    return 0;
}

int hr_emit_status(FILE *out)
{
    errno = 0;
    if (fflush(out) != 0 || ferror(out))
        return errno ? -errno : -EIO;
    return 0;
}
