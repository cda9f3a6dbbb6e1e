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

/* Dotted globs are matched segment by segment, straight on the two strings:
 * no splitting into arrays up front, so a pattern that fails on its first
 * segment (most of them, for most chains) costs a few bytes of scanning.
 * A segment ends at a '.' outside () and [] or at the end; depth is zero at
 * every segment boundary, so scanning can restart at any boundary. A cursor
 * is the start of the next segment, or NULL when no segment is left ("a."
 * has two segments, "a" and ""; "" has one, ""). At most HR_GLOB_MAX_SEGS
 * segments on either side: longer strings never match. */
enum { HR_GLOB_MAX_SEGS = 64 };

static const char *seg_end(const char *s)
{
    int depth = 0;
    for (;; s++) {
        char c = *s;
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth > 0)
            depth--;
        else if (c == 0 || (c == '.' && depth == 0))
            return s;
    }
}

static bool seg_count_ok(const char *s)
{
    int n = 0;
    for (; s; n++) {
        if (n == HR_GLOB_MAX_SEGS)
            return false;
        const char *e = seg_end(s);
        s = *e ? e + 1 : NULL;
    }
    return true;
}

/* Depth of '**' recursion: each level consumes one pattern segment, so it is
 * bounded by the pattern's segment count (the caller checks that on success
 * only; a pattern longer than the limit fails through `depth`). */
static bool glob_from(const char *p, const char *t, int depth)
{
    if (depth > HR_GLOB_MAX_SEGS)
        return false;
    for (;;) {
        if (!p)
            return !t;
        const char *pe = seg_end(p);
        const char *pnext = *pe ? pe + 1 : NULL;
        if (pe - p == 2 && p[0] == '*' && p[1] == '*') {
            for (const char *u = t;;) {
                if (glob_from(pnext, u, depth + 1))
                    return true;
                if (!u)
                    return false;
                const char *ue = seg_end(u);
                u = *ue ? ue + 1 : NULL;
            }
        }
        if (!t)
            return false;
        const char *te = seg_end(t);
        if (!wild_n(p, (size_t)(pe - p), t, (size_t)(te - t)))
            return false;
        p = pnext;
        t = *te ? te + 1 : NULL;
        depth++;
        if (depth > HR_GLOB_MAX_SEGS)
            return false;
    }
}

bool hr_dotted_glob(const char *pattern, const char *text)
{
    /* Necessary conditions first. A pattern starting (ending) with a
     * character that is not a wildcard matches only a non-empty text that
     * starts (ends) with that character: its first (last) segment is either
     * non-empty and starts (ends) with it, or empty, and then that character
     * is the boundary '.' the text must have too. */
    char p0 = pattern[0], t0 = text[0];
    if (t0 && p0 && p0 != '*' && p0 != '?' && p0 != t0)
        return false;
    size_t pl = strlen(pattern), tl = strlen(text);
    if (tl && pl) {
        char pz = pattern[pl - 1];
        if (pz != '*' && pz != '?' && pz != text[tl - 1])
            return false;
    }
    return glob_from(pattern, text, 0) && seg_count_ok(pattern) && seg_count_ok(text);
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
