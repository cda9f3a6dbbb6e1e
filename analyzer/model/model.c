/* model.c - lifecycle of a file model, language names, import resolution. */
#include "headroom/model.h"

#include <stdlib.h>
#include <string.h>

static const char *const lang_names[HR_LANG_COUNT] = {
    [HR_LANG_NONE] = "none",
    [HR_LANG_PYTHON] = "python",
    [HR_LANG_JAVASCRIPT] = "javascript",
    [HR_LANG_TYPESCRIPT] = "typescript",
    [HR_LANG_TSX] = "tsx",
    [HR_LANG_C] = "c",
    [HR_LANG_CPP] = "cpp",
};

const char *hr_lang_name(hr_lang lang)
{
    return (unsigned)lang < HR_LANG_COUNT ? lang_names[lang] : "?";
}

/* The model struct itself is heap-allocated (it holds the arena); everything
 * it points to lives in that arena. Function 0, the module pseudo function,
 * exists from the start so every model honours "index 0 is the module";
 * the frontend fills in its span. */
hr_file_model *hr_file_model_new(hr_lang lang, const char *path, const char *module)
{
    hr_file_model *m = hr_xcalloc(1, sizeof *m);
    hr_arena_init(&m->arena);
    m->lang = lang;
    m->path = hr_arena_strdup(&m->arena, path ? path : "");
    m->module = hr_arena_strdup(&m->arena, module ? module : "");

    hr_function *fn = HR_VEC_PUSH(&m->arena, &m->functions, hr_function);
    fn->name = "<module>";
    fn->qualname = m->module[0] ? m->module : "<module>";
    fn->flags = HR_FN_MODULE;
    fn->span.start_line = fn->span.end_line = 1;
    fn->name_span = fn->span;
    fn->parent = -1;
    fn->class_index = -1;
    return m;
}

void hr_file_model_free(hr_file_model *m)
{
    if (!m)
        return;
    hr_arena_release(&m->arena);
    free(m);
}

/* Length of the root name of a chain: the text before the first '.', '('
 * or '[' ("qs" for "qs.filter().first", "db" for "db[].find_one"). */
static size_t chain_root_len(const char *chain)
{
    return strcspn(chain, ".([");
}

const char *hr_chain_root(hr_arena *a, const char *chain)
{
    return hr_arena_strndup(a, chain, chain_root_len(chain));
}

/* The answer for a chain whose root (its first n bytes) is bound by `imp`. */
static const char *resolve_through(hr_file_model *m, const hr_import *imp, const char *chain, size_t n)
{
    if (!imp || strcmp(imp->target, imp->local) == 0)
        return chain;
    return hr_arena_printf(&m->arena, "%s%s", imp->target, chain + n);
}

/* Most files have few imports, so a backwards scan (the last binding wins)
 * is cheaper than building an index; hr_model_resolve_in is for the rest. */
const char *hr_model_resolve(hr_file_model *m, const char *chain)
{
    if (!chain)
        return NULL;
    size_t n = chain_root_len(chain);
    if (n == 0)
        return chain;
    for (uint32_t i = m->imports.len; i-- > 0;) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (strncmp(imp->local, chain, n) == 0 && imp->local[n] == 0)
            return resolve_through(m, imp, chain, n);
    }
    return chain;
}

static _Thread_local const hr_file_model *sort_model; /* qsort has no context argument in C11 */

static int cmp_import_order(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int c = strcmp(HR_IMPORT(sort_model, x)->local, HR_IMPORT(sort_model, y)->local);
    return c ? c : x > y ? -1 : x < y;
}

void hr_import_index_build(hr_import_index *ix, hr_arena *a, const hr_file_model *m)
{
    ix->order = hr_arena_array(a, m->imports.len ? m->imports.len : 1, sizeof(uint32_t));
    ix->n = 0;
    for (uint32_t i = 0; i < m->imports.len; i++)
        if (HR_IMPORT(m, i)->local)
            ix->order[ix->n++] = i;
    sort_model = m;
    qsort(ix->order, ix->n, sizeof(uint32_t), cmp_import_order);
    sort_model = NULL;
}

/* strcmp of `local` against name[0..len) as if name were NUL-terminated there. */
static int cmp_local(const char *local, const char *name, size_t len)
{
    int c = strncmp(local, name, len);
    return c ? c : local[len] != 0;
}

const hr_import *hr_import_index_find(const hr_import_index *ix, const hr_file_model *m, const char *name,
                                      size_t len)
{
    uint32_t lo = 0, hi = ix->n; /* first entry whose local is >= name */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cmp_local(HR_IMPORT(m, ix->order[mid])->local, name, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ix->n && cmp_local(HR_IMPORT(m, ix->order[lo])->local, name, len) == 0)
        return HR_IMPORT(m, ix->order[lo]); /* the newest binding sorts first */
    return NULL;
}

const char *hr_model_resolve_in(hr_file_model *m, const hr_import_index *ix, const char *chain)
{
    if (!chain)
        return NULL;
    size_t n = chain_root_len(chain);
    if (n == 0)
        return chain;
    return resolve_through(m, hr_import_index_find(ix, m, chain, n), chain, n);
}
