/* gauges.c - instrumentation detection: can this project see its scale
 * problems coming?
 *
 * Everything it looks for is knowledge (rules/knowledge/<lang>.yml,
 * `instrumentation:`, `database_imports:`, `app_entries:`). Evidence comes
 * from four places, in this order (so the first evidence of a tool is stable):
 *   1. imports and calls in the file models (`import sentry_sdk`,
 *      `sentry_sdk.init(...)`),
 *   2. quoted string literals in the sources (`'debug_toolbar'` in
 *      INSTALLED_APPS) and configuration words in them
 *      (`log_min_duration_statement` in DATABASES OPTIONS),
 *   3. package names in manifests (requirements*.txt, pyproject.toml,
 *      Pipfile, setup.cfg, setup.py, package.json),
 *   4. configuration words in configuration files (*.sql, *.conf, *.ini,
 *      *.cfg, *.toml, *.yml, *.yaml, Procfile).
 * Manifests are read only in the folders that hold analysed sources, their
 * ancestors up to the project root, and children of those named like a
 * configuration folder (config, deploy, docker, db, ...): the scan never
 * wanders outside what the run was pointed at. Sizes and counts are capped.
 *
 * Precision: any evidence counts as present. A project that mentions
 * django-silk only in requirements.txt is taken to use it; the rule built on
 * this (no-query-instrumentation) must stay quiet when it cannot know. */
#include "headroom/gauges.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "headroom/project.h"
#include "project_internal.h"

enum {
    MANIFEST_MAX_BYTES = 1024 * 1024, /* larger manifests are skipped */
    MANIFEST_MAX_FILES = 2000,        /* per run */
    DIRS_MAX = 20000,                 /* folders probed per run */
};

static const char *const kind_names[HR_GAUGE_KIND_COUNT] = {
    [HR_GAUGE_QUERY] = "query",     [HR_GAUGE_REQUEST] = "request", [HR_GAUGE_METRICS] = "metrics",
    [HR_GAUGE_POOL] = "pool",       [HR_GAUGE_QUEUE] = "queue",
};

/* Child folders of a scanned folder that often hold database or deployment
 * configuration without any source file next to it. */
static const char *const config_dirs[] = {
    "conf", "config", "configs", "configuration", "db", "database", "deploy", "deployment",
    "docker", "etc", "infra", "ops", "postgres", "postgresql", "sql",
};

const char *hr_gauge_kind_name(hr_gauge_kind k)
{
    return (unsigned)k < HR_GAUGE_KIND_COUNT ? kind_names[k] : "?";
}

int hr_gauge_kind_parse(hr_gauge_kind *out, const char *s)
{
    for (int i = 0; i < HR_GAUGE_KIND_COUNT; i++) {
        if (strcmp(kind_names[i], s) == 0) {
            *out = (hr_gauge_kind)i;
            return 0;
        }
    }
    return -1;
}

static uint32_t entry_kinds(const hr_kn_instrument *e)
{
    uint32_t mask = 0;
    for (uint32_t i = 0; i < e->kinds.n; i++) {
        hr_gauge_kind k;
        if (hr_gauge_kind_parse(&k, e->kinds.v[i]) == 0)
            mask |= 1u << k;
    }
    return mask;
}

/* A language's gauge knowledge indexed once per run (perf3).
 * - The strings and configuration words of its instrumentation entries: one
 *   pass over a source tells which of them occur in it at all, and only
 *   those are searched for (find_quoted and find_word find nothing in a text
 *   that does not contain the word, so the answers are the same). Words of 4
 *   bytes or more are found by a hash of their first 4 bytes; shorter ones
 *   are always searched for.
 * - Their `calls:` globs (hr_glob_index), each entry's and all together: a
 *   call that none matches is no entry's first matching call.
 * - `app_entries:` likewise. */
enum { NEEDLE_BITS = 1 << 16, NEEDLE_QUAD = 4 };

typedef struct needle_ref {
    uint32_t hash; /* quad_hash of the word's first 4 bytes */
    uint32_t id;
} needle_ref;

typedef struct kn_index {
    const char **v;     /* the words by id: each entry's strings, then its config words */
    size_t *len;
    uint32_t n;
    uint32_t *sbase;    /* per instrumentation entry: the id of its first string ... */
    uint32_t *cbase;    /* ... and of its first configuration word */
    needle_ref *refs;   /* the words of 4+ bytes, sorted by hash */
    uint32_t nrefs;
    uint64_t bits[NEEDLE_BITS / 64]; /* the hashes in refs */
    uint8_t *present;   /* per word: occurs in the source scanned last */
    hr_arena arena;
    hr_glob_index *calls; /* per instrumentation entry: its `calls:` globs, indexed */
    hr_glob_index calls_any; /* all of them: only calls matching these can match an entry */
    uint32_t *cand;       /* the calls of the current model matching calls_any, in order */
    size_t cand_cap;
    hr_glob_index apps;   /* app_entries (app_candidate) */
} kn_index;

typedef struct scan {
    hr_gauges *g;
    const hr_knowledge *k;
    kn_index index[HR_LANG_COUNT]; /* per language */
} scan;

static uint32_t quad_hash(const char *p)
{
    uint32_t w;
    memcpy(&w, p, sizeof(w));
    return (w * 2654435761u) >> 16;
}

static int needle_ref_cmp(const void *a, const void *b)
{
    const needle_ref *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void kn_index_init(kn_index *ns, const hr_kn_lang *L)
{
    memset(ns, 0, sizeof(*ns));
    uint32_t n = 0;
    for (uint32_t e = 0; e < L->instrumentation.len; e++) {
        const hr_kn_instrument *ins = &HR_VEC_AT(L->instrumentation, hr_kn_instrument, e);
        n += ins->strings.n + ins->config.n;
    }
    ns->v = hr_xcalloc(n ? n : 1, sizeof(*ns->v));
    ns->len = hr_xcalloc(n ? n : 1, sizeof(*ns->len));
    ns->refs = hr_xcalloc(n ? n : 1, sizeof(*ns->refs));
    ns->present = hr_xcalloc(n ? n : 1, 1);
    ns->sbase = hr_xcalloc(L->instrumentation.len ? L->instrumentation.len : 1, sizeof(*ns->sbase));
    ns->cbase = hr_xcalloc(L->instrumentation.len ? L->instrumentation.len : 1, sizeof(*ns->cbase));
    hr_arena_init(&ns->arena);
    ns->calls = hr_arena_array(&ns->arena, L->instrumentation.len ? L->instrumentation.len : 1, sizeof(*ns->calls));
    hr_vec all = {0};
    for (uint32_t e = 0; e < L->instrumentation.len; e++) {
        const hr_kn_instrument *ins = &HR_VEC_AT(L->instrumentation, hr_kn_instrument, e);
        hr_vec tmp = {0};
        hr_glob_index_add(&tmp, &ns->arena, &ins->calls);
        hr_glob_index_add(&all, &ns->arena, &ins->calls);
        hr_glob_index_build(&ns->calls[e], &ns->arena, &tmp);
    }
    hr_glob_index_build(&ns->calls_any, &ns->arena, &all);
    hr_vec apps = {0};
    hr_glob_index_add(&apps, &ns->arena, &L->app_entries);
    hr_glob_index_build(&ns->apps, &ns->arena, &apps);
    for (uint32_t e = 0; e < L->instrumentation.len; e++) {
        const hr_kn_instrument *ins = &HR_VEC_AT(L->instrumentation, hr_kn_instrument, e);
        ns->sbase[e] = ns->n;
        for (uint32_t i = 0; i < ins->strings.n; i++)
            ns->v[ns->n++] = ins->strings.v[i];
        ns->cbase[e] = ns->n;
        for (uint32_t i = 0; i < ins->config.n; i++)
            ns->v[ns->n++] = ins->config.v[i];
    }
    for (uint32_t id = 0; id < ns->n; id++) {
        ns->len[id] = strlen(ns->v[id]);
        if (ns->len[id] < NEEDLE_QUAD)
            continue;
        uint32_t h = quad_hash(ns->v[id]);
        ns->refs[ns->nrefs].hash = h;
        ns->refs[ns->nrefs++].id = id;
        ns->bits[h >> 6] |= (uint64_t)1 << (h & 63);
    }
    if (ns->nrefs)
        qsort(ns->refs, ns->nrefs, sizeof(*ns->refs), needle_ref_cmp);
}

static void kn_index_free(kn_index *ns)
{
    free(ns->v);
    free(ns->len);
    free(ns->refs);
    free(ns->present);
    free(ns->sbase);
    free(ns->cbase);
    free(ns->cand);
    hr_arena_release(&ns->arena);
}

/* Sets ns->present for text[0..len). */
static void needles_scan(kn_index *ns, const char *text, size_t len)
{
    for (uint32_t id = 0; id < ns->n; id++)
        ns->present[id] = ns->len[id] < NEEDLE_QUAD;
    for (size_t i = 0; ns->nrefs && i + NEEDLE_QUAD <= len; i++) {
        uint32_t h = quad_hash(text + i);
        if (!((ns->bits[h >> 6] >> (h & 63)) & 1))
            continue;
        size_t lo = 0, hi = ns->nrefs;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ns->refs[mid].hash < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < ns->nrefs && ns->refs[lo].hash == h; lo++) {
            uint32_t id = ns->refs[lo].id;
            if (!ns->present[id] && ns->len[id] <= len - i && memcmp(text + i, ns->v[id], ns->len[id]) == 0)
                ns->present[id] = 1;
        }
    }
}

static const char *src_path(const hr_source *s)
{
    return s->relpath ? s->relpath : s->path;
}

/* Records the first evidence of a tool (by name). */
static void add_hit(scan *S, const hr_kn_instrument *e, const char *path, uint32_t line, const char *evidence)
{
    hr_gauges *g = S->g;
    for (uint32_t i = 0; i < g->hits.len; i++)
        if (strcmp(HR_VEC_AT(g->hits, hr_gauge_hit, i).tool, e->framework) == 0)
            return;
    hr_gauge_hit *h = HR_VEC_PUSH(&g->arena, &g->hits, hr_gauge_hit);
    h->tool = hr_arena_strdup(&g->arena, e->framework);
    h->kinds = entry_kinds(e);
    h->path = path ? hr_arena_strdup(&g->arena, path) : NULL;
    h->line = line;
    h->evidence = hr_arena_strdup(&g->arena, evidence);
    g->present |= h->kinds;
}

static bool have_tool(const scan *S, const char *tool)
{
    for (uint32_t i = 0; i < S->g->hits.len; i++)
        if (strcmp(HR_VEC_AT(S->g->hits, hr_gauge_hit, i).tool, tool) == 0)
            return true;
    return false;
}

static bool glob_any(const hr_strs *globs, const char *text)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], text))
            return true;
    return false;
}

/* The first occurrence of needle[0..nl) in hay[0..hl), or NULL (memmem is
 * not in POSIX). */
static const char *find_bytes(const char *hay, size_t hl, const char *needle, size_t nl)
{
    if (!nl || nl > hl)
        return NULL;
    const char *end = hay + (hl - nl) + 1;
    for (const char *p = hay; p < end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p));
        if (!p)
            return NULL;
        if (memcmp(p, needle, nl) == 0)
            return p;
    }
    return NULL;
}

static uint32_t line_of(const char *text, size_t at)
{
    uint32_t line = 1;
    for (size_t i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

static bool is_word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Offset of `word` in text[0..len) as a whole word (not inside a longer
 * identifier), or -1. */
static long find_word(const char *text, size_t len, const char *word)
{
    size_t wl = strlen(word);
    if (!wl || wl > len)
        return -1;
    const char *p = text, *end = text + len;
    while ((p = find_bytes(p, (size_t)(end - p), word, wl)) != NULL) {
        bool left = p == text || !is_word_byte(p[-1]);
        bool right = p + wl == end || !is_word_byte(p[wl]);
        if (left && right)
            return (long)(p - text);
        p++;
    }
    return -1;
}

/* Offset of `s` written as a quoted string literal ('s', "s" or `s`), or -1. */
static long find_quoted(const char *text, size_t len, const char *s)
{
    size_t sl = strlen(s);
    if (!sl || sl + 2 > len)
        return -1;
    const char *p = text + 1, *end = text + len;
    while (p < end && (p = find_bytes(p, (size_t)(end - p), s, sl)) != NULL) {
        if (p + sl < end && (p[-1] == '\'' || p[-1] == '"' || p[-1] == '`') && p[sl] == p[-1])
            return (long)(p - 1 - text);
        p++;
    }
    return -1;
}

static bool lower_eq_pkg(char a, char b)
{
    if (a >= 'A' && a <= 'Z')
        a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z')
        b = (char)(b - 'A' + 'a');
    if (a == '_' || a == '.')
        a = '-';
    if (b == '_' || b == '.')
        b = '-';
    return a == b;
}

static bool is_pkg_byte(char c)
{
    return is_word_byte(c) || c == '-' || c == '.' || c == '/' || c == '@';
}

/* Offset of package `name` in a Python dependency list (case-insensitive,
 * '-', '_' and '.' equal, as pip normalises names), or -1. */
static long find_package(const char *text, size_t len, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; nl && i + nl <= len; i++) {
        if (i > 0 && is_pkg_byte(text[i - 1]))
            continue;
        size_t k = 0;
        while (k < nl && lower_eq_pkg(text[i + k], name[k]))
            k++;
        if (k == nl && (i + nl == len || !is_pkg_byte(text[i + nl])))
            return (long)i;
    }
    return -1;
}

/* Offset of `"name"` used as a key in package.json ("name": ...), or -1. */
static long find_json_key(const char *text, size_t len, const char *name)
{
    long at = 0;
    size_t nl = strlen(name);
    while (at >= 0 && (size_t)at < len) {
        long hit = find_quoted(text + at, len - (size_t)at, name);
        if (hit < 0)
            return -1;
        size_t after = (size_t)(at + hit) + nl + 2;
        while (after < len && (text[after] == ' ' || text[after] == '\t'))
            after++;
        if (after < len && text[after] == ':' && text[at + hit] == '"')
            return at + hit;
        at += hit + 1;
    }
    return -1;
}

/* ---- 1 and 2: the sources ---- */

static void scan_model(scan *S, const hr_file_model *m, const hr_source *src)
{
    const hr_kn_lang *L = &S->k->lang[m->lang];
    kn_index *ns = &S->index[m->lang];
    bool scanned = false; /* ns->present is for this source */
    int64_t ncand = -1;   /* ns->cand[0 .. ncand) is for this model */
    char ev[512];
    for (uint32_t e = 0; e < L->instrumentation.len; e++) {
        const hr_kn_instrument *ins = &HR_VEC_AT(L->instrumentation, hr_kn_instrument, e);
        if (have_tool(S, ins->framework))
            continue;
        bool found = false;
        for (uint32_t i = 0; i < m->imports.len && !found && ins->imports.n; i++) {
            const hr_import *im = HR_IMPORT(m, i);
            if (im->target && glob_any(&ins->imports, im->target)) {
                snprintf(ev, sizeof(ev), "import %s", im->target);
                add_hit(S, ins, src_path(src), im->span.start_line, ev);
                found = true;
            }
        }
        if (!found && ins->calls.n && ncand < 0) {
            if (m->calls.len > ns->cand_cap) {
                free(ns->cand);
                ns->cand_cap = m->calls.len;
                ns->cand = hr_xcalloc(ns->cand_cap, sizeof(*ns->cand));
            }
            ncand = 0;
            for (uint32_t i = 0; i < m->calls.len; i++) {
                const hr_call *c = HR_CALL(m, i);
                if (c->resolved && hr_glob_index_any(&ns->calls_any, c->resolved))
                    ns->cand[ncand++] = i;
            }
        }
        /* the first call matching the entry is the first such candidate */
        for (int64_t k = 0; k < ncand && !found && ins->calls.n; k++) {
            const hr_call *c = HR_CALL(m, ns->cand[k]);
            if (hr_glob_index_any(&ns->calls[e], c->resolved)) {
                snprintf(ev, sizeof(ev), "call %s()", c->resolved);
                add_hit(S, ins, src_path(src), c->span.start_line, ev);
                found = true;
            }
        }
        if (!found && src->text && (ins->strings.n || ins->config.n) && !scanned) {
            needles_scan(ns, src->text, src->len);
            scanned = true;
        }
        for (uint32_t i = 0; i < ins->strings.n && !found && src->text; i++) {
            if (!ns->present[ns->sbase[e] + i])
                continue;
            long at = find_quoted(src->text, src->len, ins->strings.v[i]);
            if (at >= 0) {
                snprintf(ev, sizeof(ev), "'%s' in source", ins->strings.v[i]);
                add_hit(S, ins, src_path(src), line_of(src->text, (size_t)at), ev);
                found = true;
            }
        }
        for (uint32_t i = 0; i < ins->config.n && !found && src->text; i++) {
            if (!ns->present[ns->cbase[e] + i])
                continue;
            long at = find_word(src->text, src->len, ins->config.v[i]);
            if (at >= 0) {
                snprintf(ev, sizeof(ev), "%s in source", ins->config.v[i]);
                add_hit(S, ins, src_path(src), line_of(src->text, (size_t)at), ev);
                found = true;
            }
        }
    }
}

/* ---- database use ---- */

static void find_database(scan *S, hr_file_model *const *models, const hr_source *sources, size_t n,
                          const hr_project *project)
{
    hr_gauges *g = S->g;
    char ev[512];
    for (size_t i = 0; i < n && !g->uses_database; i++) {
        const hr_file_model *m = models[i];
        if (!m)
            continue;
        const hr_strs *globs = &S->k->lang[m->lang].database_imports;
        for (uint32_t k = 0; k < m->imports.len && globs->n; k++) {
            const hr_import *im = HR_IMPORT(m, k);
            if (im->target && glob_any(globs, im->target)) {
                snprintf(ev, sizeof(ev), "import %s", im->target);
                g->uses_database = true;
                g->database_file = &sources[i];
                g->database_span = im->span;
                g->database_evidence = hr_arena_strdup(&g->arena, ev);
                break;
            }
        }
    }
    for (size_t i = 0; i < n && !g->uses_database && project; i++) {
        const hr_file_model *m = models[i];
        if (!m)
            continue;
        for (uint32_t k = 0; k < m->calls.len; k++) {
            hr_query_match q = hr_project_classify_call(project, m, (int32_t)k);
            if (q.kind == HR_QUERY_NONE)
                continue;
            const hr_call *c = HR_CALL(m, k);
            snprintf(ev, sizeof(ev), "query %s()", c->callee ? c->callee : c->name);
            g->uses_database = true;
            g->database_file = &sources[i];
            g->database_span = c->span;
            g->database_evidence = hr_arena_strdup(&g->arena, ev);
            break;
        }
    }
}

/* ---- the entry file ---- */

typedef struct candidate {
    hr_entry_kind kind;
    const hr_source *src;
    hr_span span;
    char what[96];
} candidate;

static bool testlike(const char *path)
{
    const char *p = path;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t seg = slash ? (size_t)(slash - p) : strlen(p);
        if ((seg == 5 && strncmp(p, "tests", 5) == 0) || (seg == 4 && strncmp(p, "test", 4) == 0) ||
            (seg == 8 && strncmp(p, "fixtures", 8) == 0) || strncmp(p, "test_", 5) == 0)
            return true;
        if (!slash)
            return false;
        p = slash + 1;
    }
}

static int depth_of(const char *path)
{
    int d = 0;
    for (; *path; path++)
        d += *path == '/';
    return d;
}

/* Whether a beats b as the project's entry: kind, then not a test, then
 * closer to the root, then path order. */
static bool better(const candidate *a, const candidate *b)
{
    if (!b->src)
        return true;
    if (a->kind != b->kind)
        return a->kind < b->kind;
    const char *pa = src_path(a->src), *pb = src_path(b->src);
    bool ta = testlike(pa), tb = testlike(pb);
    if (ta != tb)
        return !ta;
    int da = depth_of(pa), db = depth_of(pb);
    if (da != db)
        return da < db;
    int c = strcmp(pa, pb);
    if (c)
        return c < 0;
    return a->span.start_byte < b->span.start_byte;
}

/* Django settings: settings.py or a module of a settings/ package that
 * assigns INSTALLED_APPS or DATABASES at module level. */
static void settings_candidate(candidate *best, const hr_file_model *m, const hr_source *src)
{
    if (m->lang != HR_LANG_PYTHON)
        return;
    const char *p = src_path(src);
    bool named = strcmp(hr_path_basename(p), "settings.py") == 0 || hr_str_starts_with(p, "settings/") ||
                 strstr(p, "/settings/") != NULL;
    if (!named)
        return;
    const hr_assign *apps = NULL, *dbs = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->function != 0 || !a->target)
            continue;
        if (!apps && strcmp(a->target, "INSTALLED_APPS") == 0)
            apps = a;
        else if (!dbs && strcmp(a->target, "DATABASES") == 0)
            dbs = a;
    }
    const hr_assign *at = apps ? apps : dbs;
    if (!at)
        return;
    candidate c = {.kind = HR_ENTRY_SETTINGS, .src = src, .span = at->span};
    snprintf(c.what, sizeof(c.what), "Django settings");
    if (better(&c, best))
        *best = c;
}

/* An application object created by a call the knowledge names
 * (`app_entries`: flask.Flask, fastapi.FastAPI, express, ...). */
static void app_candidate(candidate *best, const hr_knowledge *k, const hr_file_model *m,
                          const hr_source *src, const hr_glob_index *apps)
{
    const hr_strs *entries = &k->lang[m->lang].app_entries;
    for (uint32_t i = 0; i < m->calls.len && entries->n; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (!c->resolved || !hr_glob_index_any(apps, c->resolved))
            continue;
        candidate cand = {.kind = HR_ENTRY_APP, .src = src, .span = c->span};
        const char *name = c->name && c->name[0] ? c->name : c->resolved;
        snprintf(cand.what, sizeof(cand.what), "%.60s app", name);
        if (cand.what[0] >= 'a' && cand.what[0] <= 'z')
            cand.what[0] = (char)(cand.what[0] - 'a' + 'A');
        if (better(&cand, best))
            *best = cand;
        return;
    }
}

/* ---- 3 and 4: manifests and configuration files ---- */

typedef enum file_role {
    ROLE_NONE = 0,
    ROLE_PY_MANIFEST = 1 << 0, /* Python dependency list */
    ROLE_PACKAGE_JSON = 1 << 1,
    ROLE_CONFIG = 1 << 2,      /* configuration words */
} file_role;

static uint32_t role_of(const char *name)
{
    if (name[0] == '.')
        return ROLE_NONE;
    if (strcmp(name, "package.json") == 0)
        return ROLE_PACKAGE_JSON;
    if ((hr_str_starts_with(name, "requirements") && hr_str_ends_with(name, ".txt")) ||
        (hr_str_starts_with(name, "requirements") && hr_str_ends_with(name, ".in")) ||
        strcmp(name, "Pipfile") == 0 || strcmp(name, "setup.py") == 0)
        return ROLE_PY_MANIFEST;
    if (strcmp(name, "pyproject.toml") == 0 || strcmp(name, "setup.cfg") == 0)
        return ROLE_PY_MANIFEST | ROLE_CONFIG;
    static const char *const exts[] = {".sql", ".conf", ".ini", ".cfg", ".toml", ".yml", ".yaml"};
    for (size_t i = 0; i < HR_ARRAY_LEN(exts); i++)
        if (hr_str_ends_with(name, exts[i]))
            return ROLE_CONFIG;
    if (strcmp(name, "Procfile") == 0 || strcmp(name, "Dockerfile") == 0)
        return ROLE_CONFIG;
    return ROLE_NONE;
}

typedef struct dir_ref {
    const char *rel;  /* relative to the root, "" for the root */
    const char *disp; /* openable path */
} dir_ref;

static int dir_ref_cmp(const void *a, const void *b)
{
    return strcmp(((const dir_ref *)a)->rel, ((const dir_ref *)b)->rel);
}

typedef struct file_ref {
    const char *rel, *disp;
    uint32_t role;
} file_ref;

static int file_ref_cmp(const void *a, const void *b)
{
    return strcmp(((const file_ref *)a)->rel, ((const file_ref *)b)->rel);
}

static char *join_rel(hr_arena *a, const char *dir, const char *name)
{
    return dir[0] ? hr_arena_printf(a, "%s/%s", dir, name) : hr_arena_strdup(a, name);
}

static char *join_disp(hr_arena *a, const char *dir, const char *name)
{
    return dir[0] ? hr_path_join(a, dir, name) : hr_arena_strdup(a, name);
}

/* The folders to probe: every folder holding a source, its ancestors up to
 * the root, and configuration-named children of those. */
static void collect_dirs(hr_arena *a, hr_vec *out, const hr_source *sources, size_t n)
{
    for (size_t i = 0; i < n && out->len < DIRS_MAX; i++) {
        const hr_source *s = &sources[i];
        if (!s->relpath || !hr_str_ends_with(s->path, s->relpath))
            continue;
        size_t plen = strlen(s->path) - strlen(s->relpath);
        if (plen && s->path[plen - 1] != '/')
            continue; /* the display path does not end at a segment boundary */
        char *rel = hr_arena_strdup(a, s->relpath);
        for (;;) {
            char *slash = strrchr(rel, '/');
            if (slash)
                *slash = 0;
            else
                rel[0] = 0;
            dir_ref *d = HR_VEC_PUSH(a, out, dir_ref);
            d->rel = hr_arena_strdup(a, rel);
            char *prefix = hr_arena_strndup(a, s->path, plen);
            if (rel[0])
                d->disp = hr_arena_printf(a, "%s%s", prefix, rel);
            else
                d->disp = plen ? prefix : ".";
            if (!rel[0] || out->len >= DIRS_MAX)
                break;
        }
    }
    if (out->len)
        qsort(out->data, out->len, sizeof(dir_ref), dir_ref_cmp);
    /* de-duplicate */
    uint32_t w = 0;
    for (uint32_t r = 0; r < out->len; r++) {
        dir_ref *d = &HR_VEC_AT(*out, dir_ref, r);
        if (w && strcmp(HR_VEC_AT(*out, dir_ref, w - 1).rel, d->rel) == 0)
            continue;
        HR_VEC_AT(*out, dir_ref, w++) = *d;
    }
    out->len = w;
}

static void list_dir(hr_arena *a, hr_vec *files, const dir_ref *d, bool descend, hr_vec *children)
{
    DIR *dir = opendir(d->disp);
    if (!dir)
        return;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL && files->len < MANIFEST_MAX_FILES) {
        const char *name = de->d_name;
        if (name[0] == '.')
            continue;
        char *disp = join_disp(a, d->disp, name);
        struct stat st;
        if (stat(disp, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (!descend)
                continue;
            for (size_t i = 0; i < HR_ARRAY_LEN(config_dirs); i++) {
                if (strcmp(config_dirs[i], name) == 0) {
                    dir_ref *c = HR_VEC_PUSH(a, children, dir_ref);
                    c->rel = join_rel(a, d->rel, name);
                    c->disp = disp;
                }
            }
            continue;
        }
        uint32_t role = S_ISREG(st.st_mode) ? role_of(name) : ROLE_NONE;
        if (!role || st.st_size > MANIFEST_MAX_BYTES)
            continue;
        file_ref *f = HR_VEC_PUSH(a, files, file_ref);
        f->rel = join_rel(a, d->rel, name);
        f->disp = disp;
        f->role = role;
    }
    closedir(dir);
}

/* The file a package.json's "main" names, as a source of the run. */
static const hr_source *package_main(const char *text, size_t len, const char *json_rel,
                                     const hr_source *sources, size_t n, hr_arena *a)
{
    long at = find_json_key(text, len, "main");
    if (at < 0)
        return NULL;
    size_t i = (size_t)at + 6;
    while (i < len && text[i] != ':')
        i++;
    i++;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i >= len || text[i] != '"')
        return NULL;
    size_t start = ++i;
    while (i < len && text[i] != '"' && text[i] != '\n')
        i++;
    if (i >= len || text[i] != '"' || i == start)
        return NULL;
    const char *main_rel = hr_arena_strndup(a, text + start, i - start);
    while (hr_str_starts_with(main_rel, "./"))
        main_rel += 2;
    char *dir = hr_path_dirname(a, json_rel);
    const char *want = strcmp(dir, ".") == 0 || !dir[0] ? main_rel : hr_arena_printf(a, "%s/%s", dir, main_rel);
    for (size_t k = 0; k < n; k++)
        if (sources[k].relpath && strcmp(sources[k].relpath, want) == 0)
            return &sources[k];
    return NULL;
}

static void scan_file(scan *S, const file_ref *f, const char *text, size_t len)
{
    char ev[512];
    for (int l = 1; l < HR_LANG_COUNT; l++) {
        const hr_kn_lang *L = &S->k->lang[l];
        for (uint32_t e = 0; e < L->instrumentation.len; e++) {
            const hr_kn_instrument *ins = &HR_VEC_AT(L->instrumentation, hr_kn_instrument, e);
            if (have_tool(S, ins->framework))
                continue;
            /* Python packages in Python manifests, npm packages in package.json. */
            bool js = l == HR_LANG_JAVASCRIPT || l == HR_LANG_TYPESCRIPT || l == HR_LANG_TSX;
            bool pkgs = ((f->role & ROLE_PY_MANIFEST) && l == HR_LANG_PYTHON) ||
                        ((f->role & ROLE_PACKAGE_JSON) && js);
            for (uint32_t i = 0; pkgs && i < ins->packages.n; i++) {
                const char *p = ins->packages.v[i];
                long at = (f->role & ROLE_PACKAGE_JSON) ? find_json_key(text, len, p) : find_package(text, len, p);
                if (at >= 0) {
                    snprintf(ev, sizeof(ev), "package %s", p);
                    add_hit(S, ins, f->rel, line_of(text, (size_t)at), ev);
                    pkgs = false;
                }
            }
            if (have_tool(S, ins->framework) || !(f->role & ROLE_CONFIG))
                continue;
            for (uint32_t i = 0; i < ins->config.n; i++) {
                long at = find_word(text, len, ins->config.v[i]);
                if (at >= 0) {
                    snprintf(ev, sizeof(ev), "%s in configuration", ins->config.v[i]);
                    add_hit(S, ins, f->rel, line_of(text, (size_t)at), ev);
                    break;
                }
            }
        }
    }
}

/* ---- build ---- */

static int hit_cmp(const void *a, const void *b)
{
    return strcmp(((const hr_gauge_hit *)a)->tool, ((const hr_gauge_hit *)b)->tool);
}

void hr_gauges_build(hr_gauges *out, hr_file_model *const *models, const hr_source *sources, size_t n,
                     const hr_knowledge *k, const struct hr_project *project)
{
    memset(out, 0, sizeof(*out));
    hr_arena_init(&out->arena);
    scan S = {.g = out, .k = k};
    for (int l = 0; l < HR_LANG_COUNT; l++)
        kn_index_init(&S.index[l], &k->lang[l]);
    candidate best = {.kind = HR_ENTRY_NONE};

    for (size_t i = 0; i < n; i++) {
        if (!models[i])
            continue;
        scan_model(&S, models[i], &sources[i]);
        settings_candidate(&best, models[i], &sources[i]);
        app_candidate(&best, k, models[i], &sources[i], &S.index[models[i]->lang].apps);
    }
    find_database(&S, models, sources, n, project);
    for (int l = 0; l < HR_LANG_COUNT; l++)
        kn_index_free(&S.index[l]);

    hr_arena tmp;
    hr_arena_init(&tmp);
    hr_vec dirs = {0}, files = {0}, children = {0};
    collect_dirs(&tmp, &dirs, sources, n);
    for (uint32_t i = 0; i < dirs.len; i++)
        list_dir(&tmp, &files, &HR_VEC_AT(dirs, dir_ref, i), true, &children);
    for (uint32_t i = 0; i < children.len; i++)
        list_dir(&tmp, &files, &HR_VEC_AT(children, dir_ref, i), false, NULL);
    if (files.len)
        qsort(files.data, files.len, sizeof(file_ref), file_ref_cmp);
    for (uint32_t i = 0; i < files.len; i++) {
        const file_ref *f = &HR_VEC_AT(files, file_ref, i);
        if (i && strcmp(HR_VEC_AT(files, file_ref, i - 1).rel, f->rel) == 0)
            continue;
        char *text = NULL;
        size_t len = 0;
        if (hr_read_file(&text, &len, f->disp, MANIFEST_MAX_BYTES) != 0)
            continue;
        out->files_scanned++;
        if (!memchr(text, 0, len)) {
            scan_file(&S, f, text, len);
            if ((f->role & ROLE_PACKAGE_JSON) && best.kind != HR_ENTRY_SETTINGS && best.kind != HR_ENTRY_APP) {
                const hr_source *main_src = package_main(text, len, f->rel, sources, n, &tmp);
                if (main_src) {
                    candidate c = {.kind = HR_ENTRY_PACKAGE_MAIN, .src = main_src};
                    c.span.start_line = c.span.end_line = 1;
                    snprintf(c.what, sizeof(c.what), "package.json main");
                    if (better(&c, &best))
                        best = c;
                }
            }
        }
        free(text);
    }
    hr_arena_release(&tmp);

    if (out->hits.len)
        qsort(out->hits.data, out->hits.len, sizeof(hr_gauge_hit), hit_cmp);
    if (best.src) {
        out->entry_kind = best.kind;
        out->entry = best.src;
        out->entry_span = best.span;
        out->entry_what = hr_arena_strdup(&out->arena, best.what);
    }
}

void hr_gauges_release(hr_gauges *g)
{
    hr_arena_release(&g->arena);
    memset(g, 0, sizeof(*g));
}
