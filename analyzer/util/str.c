/* str.c - heap buffers, globs, hashing, UTF-8/UTF-16 helpers. */
#include "headroom/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hr_buf_init(hr_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void hr_buf_free(hr_buf *b)
{
    free(b->data);
    hr_buf_init(b);
}

void hr_buf_clear(hr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

static void buf_reserve(hr_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        hr_die_oom(SIZE_MAX);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = hr_xrealloc(b->data, cap, 1);
    b->cap = cap;
}

void hr_buf_add(hr_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void hr_buf_puts(hr_buf *b, const char *s) { hr_buf_add(b, s, strlen(s)); }
void hr_buf_putc(hr_buf *b, char c) { hr_buf_add(b, &c, 1); }

void hr_buf_printf(hr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

bool hr_str_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool hr_str_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

uint64_t hr_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* Wildcard match with '*' and '?' (iterative, linear backtracking). */
static bool wild_n(const char *p, size_t pn, const char *t, size_t tn)
{
    size_t pi = 0, ti = 0, star = (size_t)-1, mark = 0;
    while (ti < tn) {
        if (pi < pn && (p[pi] == '?' || p[pi] == t[ti])) {
            pi++;
            ti++;
        } else if (pi < pn && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (star != (size_t)-1) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

bool hr_wildcard(const char *pattern, const char *text)
{
    return wild_n(pattern, strlen(pattern), text, strlen(text));
}

/* Splits dotted text into segments, ignoring dots inside () and []. */
enum { HR_GLOB_MAX_SEGS = 64 };
typedef struct seg { const char *s; size_t n; } seg;

static int split_dotted(seg *out, const char *text)
{
    int n = 0, depth = 0;
    const char *start = text;
    for (const char *c = text;; c++) {
        if (*c == '(' || *c == '[')
            depth++;
        else if ((*c == ')' || *c == ']') && depth > 0)
            depth--;
        if (*c == 0 || (*c == '.' && depth == 0)) {
            if (n == HR_GLOB_MAX_SEGS)
                return -1;
            out[n].s = start;
            out[n].n = (size_t)(c - start);
            n++;
            if (*c == 0)
                break;
            start = c + 1;
        }
    }
    return n;
}

static bool glob_segs(const seg *p, int pn, const seg *t, int tn)
{
    if (pn == 0)
        return tn == 0;
    if (p[0].n == 2 && memcmp(p[0].s, "**", 2) == 0) {
        for (int k = 0; k <= tn; k++)
            if (glob_segs(p + 1, pn - 1, t + k, tn - k))
                return true;
        return false;
    }
    if (tn == 0)
        return false;
    if (!wild_n(p[0].s, p[0].n, t[0].s, t[0].n))
        return false;
    return glob_segs(p + 1, pn - 1, t + 1, tn - 1);
}

bool hr_dotted_glob(const char *pattern, const char *text)
{
    seg p[HR_GLOB_MAX_SEGS], t[HR_GLOB_MAX_SEGS];
    int pn = split_dotted(p, pattern), tn = split_dotted(t, text);
    if (pn < 0 || tn < 0)
        return false;
    return glob_segs(p, pn, t, tn);
}

uint32_t hr_utf16_units(const char *s, size_t n)
{
    uint32_t units = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + len > n)
            len = 1;
        units += len == 4 ? 2 : 1;
        i += len;
    }
    return units;
}

bool hr_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c >> 5) == 6) {
            len = 2;
            cp = c & 0x1f;
        } else if ((c >> 4) == 14) {
            len = 3;
            cp = c & 0x0f;
        } else if ((c >> 3) == 30) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += len;
    }
    return true;
}
