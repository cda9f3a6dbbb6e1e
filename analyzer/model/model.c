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

/* Imports are few per file, so a backwards scan (the last binding wins) is
 * cheaper than building an index; frontends resolve once per entity. */
const char *hr_model_resolve(hr_file_model *m, const char *chain)
{
    if (!chain)
        return NULL;
    size_t n = chain_root_len(chain);
    if (n == 0)
        return chain;
    for (uint32_t i = m->imports.len; i-- > 0;) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (strncmp(imp->local, chain, n) != 0 || imp->local[n] != 0)
            continue;
        if (strcmp(imp->target, imp->local) == 0)
            return chain;
        return hr_arena_printf(&m->arena, "%s%s", imp->target, chain + n);
    }
    return chain;
}
