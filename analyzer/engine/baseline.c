/* baseline.c - writing and reading baseline files (format in baseline.h).
 *
 * The file is written by hand (sorted, one finding per line, so that a
 * baseline diffs well in review) and read with cJSON. cJSON is otherwise kept
 * to the emitters; a committed input file needs a real JSON parser, and this
 * is the one the project already depends on (docs/architecture.md). */
#include "baseline.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "headroom/rule.h"

enum { CODE_MAX = 200, CODE_KEEP = 120, BASELINE_MAX_SIZE = 256 * 1024 * 1024 };

#define BASELINE_VERSION 1

/* ---- keys ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* The line holding byte `at`, blanks collapsed to one space and trimmed. Long
 * lines (minified code) keep a prefix and a hash of the whole. */
static const char *normalised_line(hr_arena *a, const hr_source *src, uint32_t at)
{
    if (!src || !src->text)
        return "";
    const char *t = src->text;
    size_t len = src->len, s = at < len ? at : len, e;
    while (s > 0 && t[s - 1] != '\n')
        s--;
    if (s == 0 && len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
        s = 3;
    for (e = s; e < len && t[e] != '\n'; e++)
        ;
    hr_buf b;
    hr_buf_init(&b);
    bool space = false;
    for (size_t i = s; i < e; i++) {
        if (is_blank(t[i])) {
            space = b.len > 0;
            continue;
        }
        if (space)
            hr_buf_putc(&b, ' ');
        space = false;
        hr_buf_putc(&b, t[i]);
    }
    const char *out;
    if (b.len > CODE_MAX) {
        size_t keep = CODE_KEEP;
        while (keep > 0 && ((unsigned char)b.data[keep] & 0xc0) == 0x80)
            keep--; /* do not cut a UTF-8 sequence */
        out = hr_arena_printf(a, "%.*s...#%016" PRIx64, (int)keep, b.data,
                              hr_hash_bytes(b.data, b.len));
    } else {
        out = hr_arena_strdup(a, b.data ? b.data : "");
    }
    hr_buf_free(&b);
    return out;
}

static int cmp_key(const hr_baseline_key *x, const hr_baseline_key *y)
{
    int c = strcmp(x->path, y->path);
    if (!c)
        c = strcmp(x->rule, y->rule);
    if (!c)
        c = strcmp(x->function, y->function);
    if (!c)
        c = strcmp(x->code, y->code);
    if (!c && x->occurrence != y->occurrence)
        c = x->occurrence < y->occurrence ? -1 : 1;
    return c;
}

static int cmp_key_qsort(const void *a, const void *b)
{
    return cmp_key(a, b);
}

/* Orders key indexes by key (occurrence still 0), then by position. */
typedef struct key_order {
    const hr_baseline_key *keys;
    size_t index;
} key_order;

static int cmp_order(const void *a, const void *b)
{
    const key_order *x = a, *y = b;
    int c = cmp_key(&x->keys[x->index], &y->keys[y->index]);
    if (c)
        return c;
    return x->index < y->index ? -1 : x->index > y->index;
}

void hr_baseline_keys(hr_arena *a, hr_baseline_key *out, const hr_finding *findings, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const hr_finding *f = &findings[i];
        const hr_source *src = f->loc.file;
        hr_baseline_key *k = &out[i];
        k->rule = f->rule ? f->rule->id : "";
        k->path = src ? (src->relpath ? src->relpath : src->path) : "";
        k->function = f->function ? f->function : "";
        k->code = normalised_line(a, src, f->loc.span.start_byte);
        k->occurrence = 0;
    }
    if (n == 0)
        return;
    key_order *order = hr_xmalloc(n * sizeof(*order));
    uint32_t *occ = hr_xmalloc(n * sizeof(*occ));
    for (size_t i = 0; i < n; i++)
        order[i] = (key_order){out, i};
    qsort(order, n, sizeof(*order), cmp_order);
    /* occurrences are counted with every key's occurrence still 0 */
    for (size_t i = 0; i < n; i++) {
        bool same = i > 0 && cmp_key(&out[order[i - 1].index], &out[order[i].index]) == 0;
        occ[order[i].index] = same ? occ[order[i - 1].index] + 1 : 1;
    }
    for (size_t i = 0; i < n; i++)
        out[i].occurrence = occ[i];
    free(occ);
    free(order);
}

/* ---- writing ---- */

static void json_string(hr_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    hr_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            hr_buf_putc(b, '\\');
            hr_buf_putc(b, (char)*p);
        } else if (*p < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
            hr_buf_add(b, esc, 6);
        } else {
            hr_buf_putc(b, (char)*p);
        }
    }
    hr_buf_putc(b, '"');
}

int hr_baseline_write(const char *path, const hr_baseline_key *keys, size_t n, hr_buf *err)
{
    hr_baseline_key *sorted = hr_xmalloc((n ? n : 1) * sizeof(*sorted));
    if (n)
        memcpy(sorted, keys, n * sizeof(*sorted));
    if (n > 1)
        qsort(sorted, n, sizeof(*sorted), cmp_key_qsort);
    hr_buf b;
    hr_buf_init(&b);
    hr_buf_printf(&b, "{\n  \"headroom_baseline\": %d,\n  \"findings\": [", BASELINE_VERSION);
    for (size_t i = 0; i < n; i++) {
        const hr_baseline_key *k = &sorted[i];
        hr_buf_puts(&b, i ? ",\n    {\"rule\": " : "\n    {\"rule\": ");
        json_string(&b, k->rule);
        hr_buf_puts(&b, ", \"path\": ");
        json_string(&b, k->path);
        hr_buf_puts(&b, ", \"function\": ");
        json_string(&b, k->function);
        hr_buf_puts(&b, ", \"code\": ");
        json_string(&b, k->code);
        hr_buf_printf(&b, ", \"occurrence\": %" PRIu32 "}", k->occurrence);
    }
    hr_buf_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");
    free(sorted);

    /* temporary file next to the target, renamed into place */
    hr_buf tmp;
    hr_buf_init(&tmp);
    hr_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    int rc = -1;
    FILE *f = fopen(tmp.data, "wb");
    if (!f) {
        hr_buf_clear(err);
        hr_buf_printf(err, "cannot write baseline '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    bool ok = fwrite(b.data, 1, b.len, f) == b.len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp.data, path) != 0) {
        hr_buf_clear(err);
        hr_buf_printf(err, "cannot write baseline '%s': %s", path, strerror(errno ? errno : EIO));
        unlink(tmp.data);
        goto cleanup;
    }
    rc = 0;
cleanup:
    hr_buf_free(&tmp);
    hr_buf_free(&b);
    return rc;
}

/* ---- reading ---- */

static int bad(hr_buf *err, const char *path, const char *what)
{
    hr_buf_clear(err);
    hr_buf_printf(err, "baseline '%s' is not a headroom baseline: %s (write one with --write-baseline)",
                  path, what);
    return -1;
}

static const char *field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : NULL;
}

int hr_baseline_read(hr_arena *a, hr_vec *out, const char *path, hr_buf *err)
{
    char *text = NULL;
    size_t len = 0;
    int rc = hr_read_file(&text, &len, path, BASELINE_MAX_SIZE);
    if (rc != 0) {
        hr_buf_clear(err);
        hr_buf_printf(err, "cannot read baseline '%s': %s", path, strerror(-rc));
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    rc = -1;
    if (!root) {
        rc = bad(err, path, "invalid JSON");
        goto cleanup;
    }
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "headroom_baseline");
    if (!cJSON_IsNumber(version) || version->valuedouble != BASELINE_VERSION) {
        rc = bad(err, path, "\"headroom_baseline\": 1 is missing");
        goto cleanup;
    }
    const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
    if (!cJSON_IsArray(findings)) {
        rc = bad(err, path, "\"findings\" is not a list");
        goto cleanup;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, findings) {
        const char *rule = field(item, "rule"), *p = field(item, "path");
        const char *fn = field(item, "function"), *code = field(item, "code");
        const cJSON *occ = cJSON_GetObjectItemCaseSensitive(item, "occurrence");
        if (!rule || !p || !fn || !code || !cJSON_IsNumber(occ) || occ->valuedouble < 1 ||
            occ->valuedouble > 4e9 || occ->valuedouble != (double)(uint32_t)occ->valuedouble) {
            rc = bad(err, path, "an entry lacks rule, path, function, code or occurrence");
            goto cleanup;
        }
        hr_baseline_key *k = HR_VEC_PUSH(a, out, hr_baseline_key);
        k->rule = hr_arena_strdup(a, rule);
        k->path = hr_arena_strdup(a, p);
        k->function = hr_arena_strdup(a, fn);
        k->code = hr_arena_strdup(a, code);
        k->occurrence = (uint32_t)occ->valuedouble;
    }
    if (out->len > 1)
        qsort(out->data, out->len, sizeof(hr_baseline_key), cmp_key_qsort);
    rc = 0;
cleanup:
    cJSON_Delete(root);
    return rc;
}

int64_t hr_baseline_find(const hr_vec *sorted, const hr_baseline_key *key)
{
    size_t lo = 0, hi = sorted->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(&HR_VEC_AT(*sorted, hr_baseline_key, mid), key);
        if (c == 0)
            return (int64_t)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}
