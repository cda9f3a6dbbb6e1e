/* suppress.c - finding `headroom: ignore[...] -- reason` comments in source text.
 *
 * The syntax and its limits are described in suppress.h and in
 * docs/configuration.md ("Inline suppressions"). The scan is textual: it looks
 * for the marker and checks that a comment opener precedes it, which needs no
 * parser and works the same for every language. */
#include "suppress.h"

#include <string.h>

#define MARKER "headroom:"

/* The next MARKER in [from, end), or NULL: the text is read up to `len`
 * only (it need not end with a NUL there). */
static const char *find_marker(const char *from, const char *end)
{
    size_t n = sizeof(MARKER) - 1;
    for (const char *p = from; p < end && (size_t)(end - p) >= n; p++) {
        p = memchr(p, MARKER[0], (size_t)(end - p));
        if (!p || (size_t)(end - p) < n)
            return NULL;
        if (memcmp(p, MARKER, n) == 0)
            return p;
    }
    return NULL;
}

static bool blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Where the comment holding the marker at `m` opens (the '#' or the first
 * '/'), or NULL when the marker is not in comment position. */
static const char *comment_opener(const char *line_start, const char *m, hr_lang lang, bool *block)
{
    const char *p = m;
    while (p > line_start && blank(p[-1]))
        p--;
    *block = false;
    if (lang == HR_LANG_PYTHON)
        return p > line_start && p[-1] == '#' ? p - 1 : NULL;
    if (p - line_start >= 2 && p[-1] == '/' && p[-2] == '/')
        return p - 2;
    if (p > line_start && p[-1] == '*') {
        while (p > line_start && p[-1] == '*')
            p--; /* one or more stars after the slash */
        if (p > line_start && p[-1] == '/') {
            *block = true;
            return p - 1;
        }
    }
    return NULL;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && blank(*p))
        p++;
    return p;
}

static void trim(const char **s, const char **e)
{
    while (*s < *e && blank(**s))
        (*s)++;
    while (*e > *s && (blank((*e)[-1]) || (*e)[-1] == '\r'))
        (*e)--;
}

/* Parses what follows "headroom:" up to `end` (the end of the line or of a
 * block comment). Returns false when it is not an ignore at all. */
static bool parse_ignore(hr_arena *a, hr_suppression *s, const char *p, const char *end)
{
    p = skip_blanks(p, end);
    if ((size_t)(end - p) < 6 || strncmp(p, "ignore", 6) != 0 ||
        (end - p > 6 && !blank(p[6]) && p[6] != '['))
        return false;
    p = skip_blanks(p + 6, end);
    if (p == end || *p != '[') {
        s->problem = "an inline ignore needs the rule ids in brackets: "
                     "'headroom: ignore[rule-id, ...] -- reason'";
        return true;
    }
    const char *close = memchr(p, ']', (size_t)(end - p));
    if (!close) {
        s->problem = "an inline ignore lacks its closing ']': "
                     "'headroom: ignore[rule-id, ...] -- reason'";
        return true;
    }
    /* the ids */
    size_t max = 1;
    for (const char *q = p + 1; q < close; q++)
        max += *q == ',';
    s->rules.v = hr_arena_array(a, max, sizeof(char *));
    for (const char *q = p + 1; q <= close;) {
        const char *comma = memchr(q, ',', (size_t)(close - q));
        const char *ie = comma ? comma : close;
        const char *is = q;
        trim(&is, &ie);
        if (is < ie)
            s->rules.v[s->rules.n++] = hr_arena_strndup(a, is, (size_t)(ie - is));
        q = comma ? comma + 1 : close + 1;
    }
    if (!s->rules.n) {
        s->problem = "an inline ignore names no rule: 'headroom: ignore[rule-id, ...] -- reason'";
        return true;
    }
    s->used = hr_arena_array(a, s->rules.n, sizeof(bool));
    /* the reason */
    const char *r = skip_blanks(close + 1, end);
    if ((size_t)(end - r) >= 2 && r[0] == '-' && r[1] == '-') {
        const char *rs = r + 2, *re = end;
        trim(&rs, &re);
        if (rs < re)
            s->reason = hr_arena_strndup(a, rs, (size_t)(re - rs));
    }
    return true;
}

void hr_suppress_scan(hr_arena *a, hr_vec *out, const char *text, size_t len, hr_lang lang)
{
    if (!text)
        return;
    const char *end = text + len;
    const char *counted = text; /* newlines before here are in `line` */
    uint32_t line = 1;
    const char *line_start = text;
    for (const char *m = find_marker(text, end); m; m = find_marker(m + 1, end)) {
        for (const char *q = counted; q < m; q++) {
            if (*q == '\n') {
                line++;
                line_start = q + 1;
            }
        }
        counted = m;
        bool block;
        const char *opener = comment_opener(line_start, m, lang, &block);
        if (!opener)
            continue;
        const char *eol = memchr(m, '\n', (size_t)(end - m));
        if (!eol)
            eol = end;
        const char *stop = eol;
        if (block) {
            const char *close = NULL;
            for (const char *q = m; q + 1 < eol; q++) {
                if (q[0] == '*' && q[1] == '/') {
                    close = q;
                    break;
                }
            }
            if (close)
                stop = close;
        }
        hr_suppression s = {.line = line};
        if (!parse_ignore(a, &s, m + strlen(MARKER), stop))
            continue;
        s.whole_line = true;
        for (const char *q = line_start; q < opener; q++)
            if (!blank(*q))
                s.whole_line = false;
        *HR_VEC_PUSH(a, out, hr_suppression) = s;
    }
}

static bool covers(const hr_suppression *s, uint32_t line)
{
    return s->line == line || (s->whole_line && s->line + 1 == line);
}

const hr_suppression *hr_suppress_match(hr_vec *sups, uint32_t line, const char *rule_id)
{
    for (uint32_t i = 0; i < sups->len; i++) {
        hr_suppression *s = &HR_VEC_AT(*sups, hr_suppression, i);
        if (s->problem || !s->reason || !covers(s, line))
            continue;
        for (uint32_t k = 0; k < s->rules.n; k++) {
            if (strcmp(s->rules.v[k], rule_id) == 0) {
                s->used[k] = true;
                return s;
            }
        }
    }
    return NULL;
}
