/* js_resolve.c - JavaScript/TypeScript class names through re-exports (see
 * js_resolve.h).
 *
 * A name is split into a module id and the rest at a '.' (module ids may hold
 * dots themselves: "src/user.model.User", so every split is tried, longest
 * module first). The module's re-export entries then give candidates: the
 * entry named by the rest's first segment, the default export (a module
 * that is `module.exports = { ... }` or one class), and every `export *`.
 * Each candidate is looked up as a class, then resolved the same way. Depth
 * and the number of candidates tried are capped, so cycles of `export *`
 * end. */
#include "js_resolve.h"

#include <stdlib.h>
#include <string.h>

enum { JS_RESOLVE_MAX_DEPTH = 8, JS_RESOLVE_MAX_STEPS = 64, JS_NAME_MAX = 1024 };

typedef struct js_module_entry {
    const char *id;
    const hr_file_model *m;
} js_module_entry;

struct hr_js_modules {
    js_module_entry *v; /* sorted by id, then path */
    size_t n;
};

static bool is_js(const hr_file_model *m)
{
    return m->lang == HR_LANG_JAVASCRIPT || m->lang == HR_LANG_TYPESCRIPT || m->lang == HR_LANG_TSX;
}

static int entry_cmp(const void *a, const void *b)
{
    const js_module_entry *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->m->path, y->m->path);
}

hr_js_modules *hr_js_modules_build(hr_file_model *const *models, size_t n)
{
    hr_js_modules *mods = hr_xcalloc(1, sizeof *mods);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (models[i] && is_js(models[i]))
            count++;
    if (!count)
        return mods;
    mods->v = hr_xcalloc(count, sizeof *mods->v);
    for (size_t i = 0; i < n; i++) {
        const hr_file_model *m = models[i];
        if (!m || !is_js(m))
            continue;
        mods->v[mods->n].id = m->module ? m->module : "";
        mods->v[mods->n].m = m;
        mods->n++;
    }
    qsort(mods->v, mods->n, sizeof *mods->v, entry_cmp);
    return mods;
}

void hr_js_modules_free(hr_js_modules *mods)
{
    if (!mods)
        return;
    free(mods->v);
    free(mods);
}

/* The first entry whose id is s[0..len), or NULL. */
static const js_module_entry *find_n(const hr_js_modules *mods, const char *s, size_t len)
{
    size_t lo = 0, hi = mods->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *id = mods->v[mid].id;
        int c = strncmp(id, s, len);
        if (c == 0 && id[len] != 0)
            c = 1; /* id is longer than s[0..len) */
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < mods->n && strncmp(mods->v[lo].id, s, len) == 0 && mods->v[lo].id[len] == 0)
        return &mods->v[lo];
    return NULL;
}

typedef struct resolver {
    const hr_js_modules *mods;
    hr_js_class_lookup lookup;
    const void *ctx;
    int steps;
    const hr_file_model *found_model;
} resolver;

static const hr_class *resolve_name(resolver *r, const char *name, int depth);

/* Tries candidate a + b (b may be empty): as a class, then through re-exports. */
static const hr_class *try_candidate(resolver *r, const char *a, const char *b, int depth)
{
    if (++r->steps > JS_RESOLVE_MAX_STEPS)
        return NULL;
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > JS_NAME_MAX)
        return NULL;
    char cand[JS_NAME_MAX];
    memcpy(cand, a, la);
    memcpy(cand + la, b, lb + 1);
    const hr_file_model *cm = NULL;
    const hr_class *cls = r->lookup(r->ctx, cand, &cm);
    if (cls) {
        r->found_model = cm;
        return cls;
    }
    return resolve_name(r, cand, depth + 1);
}

/* `rest` ("" or "Order" or "Order.x") read through the exports of module m. */
static const hr_class *through_module(resolver *r, const hr_file_model *m, const char *rest, int depth)
{
    size_t seg = strcspn(rest, ".");
    const char *tail = rest + seg; /* "" or ".x" */
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = &HR_VEC_AT(m->imports, hr_import, i);
        if (!imp->reexport || !imp->target || !imp->target[0])
            continue;
        const hr_class *cls = NULL;
        bool is_default = strcmp(imp->local, "default") == 0, is_star = strcmp(imp->local, "*") == 0;
        if (!rest[0]) {
            if (is_default)
                cls = try_candidate(r, imp->target, "", depth);
        } else if (strlen(imp->local) == seg && strncmp(imp->local, rest, seg) == 0) {
            cls = try_candidate(r, imp->target, tail, depth);
        } else if (is_star || is_default) {
            /* export * from './x'; module.exports = require('./x') or an object */
            char dotted[JS_NAME_MAX];
            size_t n = strlen(rest);
            if (n + 2 > sizeof dotted)
                continue;
            dotted[0] = '.';
            memcpy(dotted + 1, rest, n + 1);
            cls = try_candidate(r, imp->target, dotted, depth);
        }
        if (cls)
            return cls;
        if (r->steps > JS_RESOLVE_MAX_STEPS)
            return NULL;
    }
    return NULL;
}

static const hr_class *resolve_name(resolver *r, const char *name, int depth)
{
    if (depth > JS_RESOLVE_MAX_DEPTH || r->steps > JS_RESOLVE_MAX_STEPS)
        return NULL;
    /* module ids that are name itself or a prefix of it ending before a '.',
     * longest first */
    size_t len = strlen(name);
    for (size_t end = len + 1; end-- > 0;) {
        if (end < len && name[end] != '.')
            continue;
        if (end == 0)
            break;
        const js_module_entry *e = find_n(r->mods, name, end);
        if (!e)
            continue;
        const char *rest = end < len ? name + end + 1 : "";
        /* every file with this id (a.js and a.ts), in path order */
        for (const js_module_entry *x = e; x < r->mods->v + r->mods->n && strcmp(x->id, e->id) == 0; x++) {
            const hr_class *cls = through_module(r, x->m, rest, depth);
            if (cls)
                return cls;
            if (r->steps > JS_RESOLVE_MAX_STEPS)
                return NULL;
        }
    }
    return NULL;
}

const hr_class *hr_js_resolve_class(const hr_js_modules *mods, const char *name,
                                    hr_js_class_lookup lookup, const void *ctx,
                                    const hr_file_model **out_model)
{
    if (out_model)
        *out_model = NULL;
    if (!mods || !mods->n || !name || !name[0])
        return NULL;
    resolver r = {mods, lookup, ctx, 0, NULL};
    const hr_class *cls = resolve_name(&r, name, 0);
    if (cls && out_model)
        *out_model = r.found_model;
    return cls;
}
