/* ignore.c - .gitignore semantics: per-directory files, negation, dir-only,
 * anchored patterns and '**'. */
#include "ignore.h"

#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void hr_ignore_parse(hr_arena *a, hr_ignore_file *out, const char *base, const char *text)
{
    out->base = hr_arena_strdup(a, base);
    out->patterns = (hr_vec){0};
    const char *line = text;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char *s = hr_arena_strndup(a, line, n);
        line += n + (end ? 1 : 0);
        size_t len = strlen(s);
        if (len && s[len - 1] == '\r')
            s[--len] = 0;
        /* trailing spaces are ignored unless escaped */
        while (len && s[len - 1] == ' ' && !(len >= 2 && s[len - 2] == '\\'))
            s[--len] = 0;
        if (!len || s[0] == '#')
            continue;
        hr_ignore_pattern p = {0};
        if (s[0] == '!') {
            p.negate = true;
            s++;
            len--;
        } else if (s[0] == '\\' && (s[1] == '#' || s[1] == '!')) {
            s++;
            len--;
        }
        if (len && s[len - 1] == '/') {
            p.dir_only = true;
            s[--len] = 0;
        }
        if (!len)
            continue;
        if (s[0] == '/') {
            p.anchored = true;
            s++;
        } else if (strchr(s, '/')) {
            p.anchored = true;
        }
        p.glob = s;
        *HR_VEC_PUSH(a, &out->patterns, hr_ignore_pattern) = p;
    }
}

/* Backtracking glob with a memo of (pattern, text) positions already known
 * not to match: without it "*a*a*a*a...b" against a long path takes
 * exponential time (a hang on a hostile .gitignore; found by
 * tests/fuzz/fuzz_gitignore.c). With it every position pair fails at most
 * once, so a match costs O(|pattern| * |path|^2) at worst. */
typedef struct glob_ctx {
    const char *p0, *s0;
    size_t slen;
    unsigned char *failed; /* bit per (p - p0) * (slen + 1) + (s - s0) */
} glob_ctx;

static bool glob_rec(glob_ctx *g, const char *p, const char *s, int depth)
{
    if (depth > 64)
        return false;
    size_t key = (size_t)(p - g->p0) * (g->slen + 1) + (size_t)(s - g->s0);
    if (g->failed[key >> 3] & (1u << (key & 7)))
        return false;
    bool hit = false;
    while (*p) {
        if (p[0] == '*' && p[1] == '*') {
            /* "**" alone or "**" followed by '/': any number of segments */
            const char *rest = p + 2;
            if (*rest == '/')
                rest++;
            for (const char *t = s;; t++) {
                if (glob_rec(g, rest, t, depth + 1)) {
                    hit = true;
                    goto done;
                }
                if (!*t)
                    goto done;
            }
        }
        if (*p == '*') {
            for (const char *t = s;; t++) {
                if (glob_rec(g, p + 1, t, depth + 1)) {
                    hit = true;
                    goto done;
                }
                if (!*t || *t == '/')
                    goto done;
            }
        }
        if (!*s)
            goto done;
        if (*p == '?') {
            if (*s == '/')
                goto done;
            p++;
            s++;
            continue;
        }
        if (*p == '[') {
            const char *close = strchr(p + 1, ']');
            if (close && *s != '/') {
                char cls[128], ch[2] = {*s, 0};
                size_t n = (size_t)(close - p + 1);
                if (n < sizeof(cls)) {
                    memcpy(cls, p, n);
                    cls[n] = 0;
                    if (fnmatch(cls, ch, 0) != 0)
                        goto done;
                    p = close + 1;
                    s++;
                    continue;
                }
            }
        }
        if (*p == '\\' && p[1])
            p++;
        if (*p != *s)
            goto done;
        p++;
        s++;
    }
    hit = *s == 0;
done:
    if (!hit)
        g->failed[key >> 3] |= (unsigned char)(1u << (key & 7));
    return hit;
}

bool hr_glob_path(const char *pattern, const char *path)
{
    size_t plen = strlen(pattern), slen = strlen(path);
    if (slen && plen > (SIZE_MAX / 2) / (slen + 1))
        return false; /* no real pattern and path are that long */
    size_t bytes = ((plen + 1) * (slen + 1) + 7) / 8;
    unsigned char small[512];
    unsigned char *failed = bytes <= sizeof(small) ? small : hr_xcalloc(bytes, 1);
    if (failed == small)
        memset(small, 0, bytes);
    glob_ctx g = {pattern, path, slen, failed};
    bool hit = glob_rec(&g, pattern, path, 0);
    if (failed != small)
        free(failed);
    return hit;
}

bool hr_ignore_match(const hr_ignore_file *const *files, size_t n, const char *relpath, bool is_dir)
{
    bool ignored = false;
    const char *name = strrchr(relpath, '/');
    name = name ? name + 1 : relpath;
    for (size_t f = 0; f < n; f++) {
        const hr_ignore_file *file = files[f];
        size_t blen = strlen(file->base);
        const char *rel = relpath;
        if (blen) {
            if (strncmp(relpath, file->base, blen) != 0 || relpath[blen] != '/')
                continue;
            rel = relpath + blen + 1;
        }
        for (uint32_t i = 0; i < file->patterns.len; i++) {
            const hr_ignore_pattern *p = &HR_VEC_AT(file->patterns, hr_ignore_pattern, i);
            if (p->dir_only && !is_dir)
                continue;
            bool hit = p->anchored ? hr_glob_path(p->glob, rel) : hr_glob_path(p->glob, name);
            if (hit)
                ignored = !p->negate;
        }
    }
    return ignored;
}
