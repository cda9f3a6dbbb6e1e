/* reach.c - request paths: what a chain denotes, which function a call runs,
 * and which handlers reach which functions.
 *
 * Every function of the project is a node (file base + function index).
 * Edges are calls resolved to project functions (same file, imports,
 * self/this methods through project base classes, instances of project
 * classes) and, for callbacks, a function nested as a lambda in its parent
 * (`items.map(x => ...)`, `.then(...)`) unless a timer defers it. Handlers are
 * walked in (path, line) order, each breadth first, so every function knows
 * the first handler reaching it, the shortest path from it and how many
 * handlers reach it. Functions passed as values (`map(helper, xs)`,
 * `asyncio.to_thread(helper)`) are not edges: the first is a miss, the second
 * is the fix. Work is capped (REACH_BUDGET visits); past it counts are lower
 * bounds. */
#include "project_internal.h"
#include "requests_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TYPED_DEPTH = 6, BASES_DEPTH = 8, CHAIN_MAX = 1024, DEFER_WALK = 256 };
#define REACH_BUDGET 50000000u

/* ---- lookups ---- */

static int cmp_fn(const void *a, const void *b)
{
    const hr_req_fn *x = a, *y = b;
    int c = strcmp(x->qualname, y->qualname);
    if (c)
        return c;
    if (x->file != y->file)
        return x->file < y->file ? -1 : 1;
    return x->fn < y->fn ? -1 : x->fn > y->fn;
}

static int cmp_module(const void *a, const void *b)
{
    const hr_req_module *x = a, *y = b;
    int c = strcmp(x->module, y->module);
    return c ? c : (x->file < y->file ? -1 : x->file > y->file);
}

static int cmp_assign_key(const void *a, const void *b)
{
    const hr_req_assign_key *x = a, *y = b;
    if (x->function != y->function)
        return x->function < y->function ? -1 : 1;
    int c = strcmp(x->target, y->target);
    return c ? c : (x->assign < y->assign ? -1 : x->assign > y->assign);
}

typedef struct model_pair {
    const hr_file_model *m;
    uint32_t file;
} model_pair;

static int cmp_model_pair(const void *a, const void *b)
{
    const model_pair *x = a, *y = b;
    if (x->m != y->m)
        return (uintptr_t)x->m < (uintptr_t)y->m ? -1 : 1;
    return x->file < y->file ? -1 : x->file > y->file;
}

int32_t hr_req_file_of(const hr_requests *r, const hr_file_model *m)
{
    size_t lo = 0, hi = r->nmodel_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->model_keys[mid] == m)
            return (int32_t)r->model_files[mid];
        if (r->model_keys[mid] < m)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The first function (in fns order) whose qualname is qualname, or NULL. */
static const hr_req_fn *find_fn(const hr_requests *r, const char *qualname)
{
    int64_t i = hr_name_index_find(&r->fns_index, qualname, strlen(qualname));
    return i < 0 ? NULL : &r->fns[i];
}

int64_t hr_req_find_fn(const hr_requests *r, const char *qualname)
{
    return hr_name_index_find(&r->fns_index, qualname, strlen(qualname));
}

/* The first file (in modules order) whose module is module[0..len), or -1. */
static int32_t find_module(const hr_requests *r, const char *module, size_t len)
{
    int64_t i = hr_name_index_find(&r->modules_index, module, len);
    return i < 0 ? -1 : (int32_t)r->modules[i].file;
}

/* The value `target` is assigned in function fn of file, when it is assigned
 * there exactly once (*assigned tells whether it is assigned at all). */
static const char *assigned_value(const hr_requests *r, uint32_t file, int32_t fn, const char *target,
                                  bool *assigned)
{
    *assigned = false;
    const hr_req_assign_key *keys = r->assigns[file];
    size_t lo = 0, hi = r->nassigns[file];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const hr_req_assign_key *k = &keys[mid];
        int c = k->function != fn ? (k->function < fn ? -1 : 1) : strcmp(k->target, target);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= r->nassigns[file] || keys[lo].function != fn || strcmp(keys[lo].target, target) != 0)
        return NULL;
    *assigned = true;
    if (lo + 1 < r->nassigns[file] && keys[lo + 1].function == fn &&
        strcmp(keys[lo + 1].target, target) == 0)
        return NULL; /* assigned more than once: cannot know which */
    const hr_assign *a = HR_ASSIGN(r->models[file], keys[lo].assign);
    return a->value && strcmp(a->value, "?") != 0 ? a->value : NULL;
}

static int cmp_local_fn(const void *a, const void *b)
{
    const hr_req_local_fn *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->fn < y->fn ? -1 : x->fn > y->fn);
}

/* The first function named `name` defined directly in function `parent` of
 * file (not a method), or -1. */
static int32_t local_fn(const hr_requests *r, uint32_t file, int32_t parent, const char *name)
{
    const hr_req_local_fn *v = r->local_fns[file];
    size_t lo = 0, hi = r->nlocal_fns[file];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = v[mid].parent != parent ? (v[mid].parent < parent ? -1 : 1) : strcmp(v[mid].name, name);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < r->nlocal_fns[file] && v[lo].parent == parent && strcmp(v[lo].name, name) == 0)
        return v[lo].fn;
    return -1;
}

/* hr_resolve_ro (catalogue.c) over the file's import index: the chain's root
 * replaced by the target of the last import binding it, else the chain as
 * written. Same answers, a binary search instead of a scan of every import. */
static bool resolve_imports(const hr_requests *r, uint32_t file, const char *chain, char *out, size_t cap)
{
    size_t n = strcspn(chain, ".([");
    const hr_import *imp = n ? hr_import_index_find(&r->imports[file], r->models[file], chain, n) : NULL;
    if (imp) {
        int w = snprintf(out, cap, "%s%s", imp->target, chain + n);
        return w >= 0 && (size_t)w < cap;
    }
    size_t len = strlen(chain);
    if (len >= cap)
        return false;
    memcpy(out, chain, len + 1);
    return true;
}

static bool is_param(const hr_function *f, const char *name)
{
    return hr_strs_contains(&f->params, name);
}

/* The class whose method (or a function nested in one) fn is, or -1. */
static int32_t enclosing_class(const hr_file_model *m, int32_t fn)
{
    for (int guard = 0; fn > 0 && guard < 64; guard++) {
        const hr_function *f = HR_FUNC(m, fn);
        if (f->class_index >= 0)
            return f->class_index;
        fn = f->parent;
    }
    return -1;
}

static int cmp_dotted_key(const void *a, const void *b)
{
    const hr_req_assign_key *x = a, *y = b;
    int c = strcmp(x->target, y->target);
    return c ? c : (x->assign < y->assign ? -1 : x->assign > y->assign);
}

/* The value of `self.<attr>` in class ci: one distinct value assigned to it
 * in the class's methods, or the class-body field. */
/* A target self_value looks up (its roots are `self` and `this`). */
static bool self_target(const char *t)
{
    return strncmp(t, "self.", 5) == 0 || strncmp(t, "this.", 5) == 0;
}

static const char *self_value(const hr_requests *r, uint32_t file, int32_t ci, const char *self,
                              const char *attr)
{
    const hr_file_model *m = r->models[file];
    char target[256];
    if ((size_t)snprintf(target, sizeof(target), "%s.%s", self, attr) >= sizeof(target))
        return NULL;
    const char *value = NULL;
    /* the assignments to target, from the file's index of `self.`/`this.` targets */
    const hr_req_assign_key *keys = r->dotted[file];
    size_t lo = 0, hi = r->ndotted[file];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(keys[mid].target, target) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < r->ndotted[file] && strcmp(keys[k].target, target) == 0; k++) {
        const hr_assign *a = HR_ASSIGN(m, keys[k].assign);
        if (enclosing_class(m, a->function) != ci)
            continue;
        if (!a->value || strcmp(a->value, "?") == 0)
            return NULL;
        if (value && strcmp(value, a->value) != 0)
            return NULL;
        value = a->value;
    }
    if (value)
        return value;
    const hr_class *c = HR_CLASS(m, ci);
    for (uint32_t i = 0; i < c->fields.len; i++) {
        const hr_field *f = HR_FIELD(c, i);
        if (strcmp(f->name, attr) == 0 && f->value && strcmp(f->value, "?") != 0 && f->value_call >= 0)
            return f->value;
    }
    return NULL;
}

/* "a.b" into out when it fits in cap (snprintf's `< cap` test, without
 * snprintf's cost on the per-call path: perf3); out is untouched otherwise. */
static bool join_dotted(char *out, size_t cap, const char *a, const char *b)
{
    size_t al = strlen(a), bl = strlen(b);
    if (al + 1 + bl >= cap)
        return false;
    memcpy(out, a, al);
    out[al] = '.';
    memcpy(out + al + 1, b, bl + 1);
    return true;
}

/* The length of the first segment of a chain. */
static size_t root_len(const char *chain)
{
    return strcspn(chain, ".([");
}

/* What the root of `chain` holds in scope fn of file: a single assignment in
 * fn or the nearest enclosing function that assigns it, the module level
 * included. NULL when it is a parameter, assigned twice, or unknown. */
static const char *scope_value(const hr_requests *r, uint32_t file, int32_t fn, const char *root)
{
    const hr_file_model *m = r->models[file];
    for (int guard = 0; fn >= 0 && guard < 64; guard++) {
        bool assigned;
        const char *v = assigned_value(r, file, fn, root, &assigned);
        if (assigned)
            return v;
        if (is_param(HR_FUNC(m, fn), root))
            return NULL;
        fn = HR_FUNC(m, fn)->parent;
    }
    return NULL;
}

/* `app.http.session.get`: a module-level name of another project file. */
static const char *module_value(const hr_requests *r, const char *chain, size_t *consumed, char *qual,
                                size_t qcap)
{
    size_t ends[32];
    int n = 0;
    for (size_t i = 0; chain[i] && n < 32; i++) {
        if (chain[i] == '(' || chain[i] == '[')
            break;
        if (chain[i] == '.')
            ends[n++] = i;
    }
    for (int k = n - 1; k >= 0; k--) {
        int32_t f = find_module(r, chain, ends[k]);
        if (f < 0)
            continue;
        const char *name = chain + ends[k] + 1;
        size_t nl = root_len(name);
        char buf[256];
        if (nl == 0 || nl >= sizeof(buf))
            return NULL;
        memcpy(buf, name, nl);
        buf[nl] = 0;
        bool assigned;
        const char *v = assigned_value(r, (uint32_t)f, 0, buf, &assigned);
        if (!v)
            return NULL;
        *consumed = ends[k] + 1 + nl;
        /* `Reporter()` read in that file names its own class: qualify it */
        const hr_file_model *fm = r->models[f];
        size_t vl = root_len(v);
        for (uint32_t c = 0; c < fm->classes.len; c++) {
            const hr_class *cls = HR_CLASS(fm, c);
            if (cls->parent_class < 0 && strlen(cls->name) == vl && strncmp(cls->name, v, vl) == 0 &&
                fm->module && fm->module[0])
                return join_dotted(qual, qcap, fm->module, v) ? qual : NULL;
        }
        return v;
    }
    return NULL;
}

bool hr_req_typed(const hr_requests *r, uint32_t file, int32_t fn, const char *chain, char *out,
                  size_t cap)
{
    const hr_file_model *m = r->models[file];
    char cur[CHAIN_MAX], next[CHAIN_MAX], qual[CHAIN_MAX];
    if (!chain || strlen(chain) >= sizeof(cur))
        return false;
    strcpy(cur, chain);
    for (int depth = 0; depth < TYPED_DEPTH; depth++) {
        size_t rl = root_len(cur);
        if (rl == 0 || rl >= 128)
            break;
        char root[128];
        memcpy(root, cur, rl);
        root[rl] = 0;
        const char *v = NULL;
        size_t consumed = rl;
        if ((strcmp(root, "self") == 0 || strcmp(root, "this") == 0) && cur[rl] == '.') {
            int32_t ci = enclosing_class(m, fn);
            const char *attr = cur + rl + 1;
            size_t al = root_len(attr);
            char a[128];
            if (ci < 0 || al == 0 || al >= sizeof(a))
                break;
            memcpy(a, attr, al);
            a[al] = 0;
            v = self_value(r, file, ci, root, a);
            consumed = rl + 1 + al;
        } else {
            v = scope_value(r, file, fn, root);
            if (!v)
                v = module_value(r, cur, &consumed, qual, sizeof(qual));
        }
        if (!v)
            break;
        size_t vl = strlen(v), tl = strlen(cur + consumed);
        if (vl + tl >= sizeof(next))
            break;
        memcpy(next, v, vl);
        memcpy(next + vl, cur + consumed, tl + 1);
        if (strcmp(next, cur) == 0)
            break;
        strcpy(cur, next);
        /* `agenda = new Agenda()` (agenda.Agenda()): the value's root is the
         * package, not the variable again */
        if (root_len(v) == rl && strncmp(v, root, rl) == 0)
            break;
    }
    if (strlen(cur) >= cap)
        return false;
    strcpy(out, cur);
    return true;
}

/* ---- calls to functions ---- */

/* Method `name` of class ci in file (or of its project base classes). */
static bool class_method(const hr_requests *r, const hr_file_model *cm, int32_t ci, const char *name,
                         uint32_t *out_file, int32_t *out_fn, int depth)
{
    if (depth > BASES_DEPTH || ci < 0)
        return false;
    int32_t file = hr_req_file_of(r, cm);
    if (file < 0)
        return false;
    for (uint32_t i = 0; i < cm->functions.len; i++) {
        const hr_function *f = HR_FUNC(cm, i);
        if (f->class_index == ci && strcmp(f->name, name) == 0) {
            *out_file = (uint32_t)file;
            *out_fn = (int32_t)i;
            return true;
        }
    }
    const hr_class *c = HR_CLASS(cm, ci);
    for (uint32_t b = 0; b < c->bases.n; b++) {
        const hr_file_model *bm = NULL;
        const hr_class *bc = hr_project_class(r->p, cm, c->bases.v[b], &bm);
        if (!bc || !bm || bc == c)
            continue;
        int32_t bci = (int32_t)(bc - (const hr_class *)bm->classes.data);
        if (class_method(r, bm, bci, name, out_file, out_fn, depth + 1))
            return true;
    }
    return false;
}

static bool by_qualname(const hr_requests *r, const char *q, uint32_t *out_file, int32_t *out_fn)
{
    const hr_req_fn *e = find_fn(r, q);
    if (!e)
        return false;
    *out_file = e->file;
    *out_fn = e->fn;
    return true;
}

/* The per-file cache behind hr_req_call_typed. hr_req_typed reads only what
 * index_files builds, so an answer is final once the cache exists (it is
 * made after index_files); it is switched to another file when asked about
 * one, and dropped at the end of hr_requests_build. */
struct hr_req_call_cache {
    uint32_t file;
    bool used;         /* holds a file */
    int8_t *state;     /* per call of file: 0 not asked, 1 typed[call], -1 no typed form */
    const char **typed;
    size_t cap;        /* entries allocated in state and typed */
    hr_arena arena;    /* the typed texts of the file */
};

static void call_cache_switch(hr_req_call_cache *cc, const hr_file_model *m, uint32_t file)
{
    if (m->calls.len > cc->cap) {
        free(cc->state);
        free(cc->typed);
        cc->cap = m->calls.len;
        cc->state = hr_xcalloc(cc->cap, sizeof(*cc->state));
        cc->typed = hr_xcalloc(cc->cap, sizeof(*cc->typed));
    } else if (m->calls.len) {
        memset(cc->state, 0, m->calls.len * sizeof(*cc->state));
    }
    hr_arena_release(&cc->arena);
    hr_arena_init(&cc->arena);
    cc->file = file;
    cc->used = true;
}

const char *hr_req_call_typed(const hr_requests *r, uint32_t file, uint32_t ci, char *buf)
{
    const hr_file_model *m = r->models[file];
    const hr_call *c = HR_CALL(m, ci);
    hr_req_call_cache *cc = r->call_cache;
    if (!c->resolved)
        return NULL;
    if (!cc)
        return hr_req_typed(r, file, c->function, c->resolved, buf, HR_REQ_CHAIN_MAX) &&
                       strcmp(buf, c->resolved) != 0
                   ? buf
                   : NULL;
    if (!cc->used || cc->file != file)
        call_cache_switch(cc, m, file);
    if (!cc->state[ci]) {
        char typed[HR_REQ_CHAIN_MAX];
        bool ok = hr_req_typed(r, file, c->function, c->resolved, typed, sizeof(typed)) &&
                  strcmp(typed, c->resolved) != 0;
        cc->state[ci] = ok ? 1 : -1;
        if (ok)
            cc->typed[ci] = hr_arena_strdup(&cc->arena, typed);
    }
    return cc->state[ci] > 0 ? cc->typed[ci] : NULL;
}

/* hr_req_resolve_ref; call >= 0 says chain is the resolved chain of that
 * call of file and fn its function (its typed form is hr_req_call_typed's). */
static bool resolve_ref(const hr_requests *r, uint32_t file, int32_t fn, const char *chain, int64_t call,
                        uint32_t *out_file, int32_t *out_fn)
{
    const hr_file_model *m = r->models[file];
    if (!chain || !chain[0] || strcmp(chain, "?") == 0 || strchr(chain, '['))
        return false;
    size_t n = strlen(chain);
    if (n >= CHAIN_MAX || chain[n - 1] == ')')
        return false;
    if (!strchr(chain, '.') && !strchr(chain, '(')) {
        /* a function defined in this scope, an enclosing one or the module */
        for (int32_t scope = fn, guard = 0; scope >= 0 && guard < 64; guard++) {
            int32_t local = local_fn(r, file, scope, chain);
            if (local >= 0) {
                *out_file = file;
                *out_fn = local;
                return true;
            }
            bool assigned;
            (void)assigned_value(r, file, scope, chain, &assigned);
            if (assigned || is_param(HR_FUNC(m, scope), chain))
                break; /* a variable: see the typed chain below */
            scope = HR_FUNC(m, scope)->parent;
        }
    }
    size_t rl = root_len(chain);
    if ((strncmp(chain, "self", rl) == 0 && rl == 4) || (strncmp(chain, "this", rl) == 0 && rl == 4) ||
        (strncmp(chain, "cls", rl) == 0 && rl == 3)) {
        const char *name = chain + rl + 1;
        int32_t ci = enclosing_class(m, fn);
        if (chain[rl] == '.' && !strpbrk(name, ".(") && ci >= 0 &&
            class_method(r, m, ci, name, out_file, out_fn, 0))
            return true;
    }
    if (by_qualname(r, chain, out_file, out_fn))
        return true;
    char buf[CHAIN_MAX];
    /* argument chains are spelled as written: resolve them through the imports */
    if (resolve_imports(r, file, chain, buf, sizeof(buf)) && strcmp(buf, chain) != 0 &&
        by_qualname(r, buf, out_file, out_fn))
        return true;
    if (m->module && m->module[0] && join_dotted(buf, sizeof(buf), m->module, chain) &&
        by_qualname(r, buf, out_file, out_fn))
        return true;
    if (call >= 0) {
        const char *typed = hr_req_call_typed(r, file, (uint32_t)call, buf);
        if (!typed)
            return false;
        if (typed != buf)
            strcpy(buf, typed); /* shorter than CHAIN_MAX, as hr_req_typed keeps it */
    } else if (!hr_req_typed(r, file, fn, chain, buf, sizeof(buf)) || strcmp(buf, chain) == 0) {
        return false;
    }
    if (by_qualname(r, buf, out_file, out_fn))
        return true;
    /* `OrderService().notify`: a method of a project class's instance */
    char *open = strstr(buf, "().");
    if (!open || strstr(open + 3, "(") || strchr(open + 3, '.'))
        return false;
    *open = 0;
    const hr_file_model *cm = NULL;
    const hr_class *c = hr_project_class(r->p, m, buf, &cm);
    if (!c || !cm)
        return false;
    return class_method(r, cm, (int32_t)(c - (const hr_class *)cm->classes.data), open + 3, out_file,
                        out_fn, 0);
}

bool hr_req_resolve_ref(const hr_requests *r, uint32_t file, int32_t fn, const char *chain,
                        uint32_t *out_file, int32_t *out_fn)
{
    return resolve_ref(r, file, fn, chain, -1, out_file, out_fn);
}

bool hr_project_typed_chain(const hr_project *p, const hr_file_model *m, int32_t fn, const char *chain,
                            char *out, size_t cap)
{
    const hr_requests *r = hr_project_requests(p);
    int32_t file = r ? hr_req_file_of(r, m) : -1;
    if (file < 0 || !chain) {
        if (!chain || strlen(chain) >= cap)
            return false;
        strcpy(out, chain);
        return true;
    }
    return hr_req_typed(r, (uint32_t)file, fn, chain, out, cap);
}

int32_t hr_project_root_call(const hr_project *p, const hr_file_model *m, int32_t fn, const char *chain,
                             const hr_file_model **out_file)
{
    const hr_requests *r = hr_project_requests(p);
    int32_t file = r ? hr_req_file_of(r, m) : -1;
    if (out_file)
        *out_file = NULL;
    if (file < 0 || !chain)
        return -1;
    size_t rl = root_len(chain);
    char root[128];
    if (rl == 0 || rl >= sizeof(root))
        return -1;
    memcpy(root, chain, rl);
    root[rl] = 0;
    /* the assignment of the root in scope: local, enclosing, module */
    for (int32_t scope = fn, guard = 0; scope >= 0 && guard < 64; guard++) {
        bool assigned;
        const char *v = assigned_value(r, (uint32_t)file, scope, root, &assigned);
        if (assigned) {
            if (!v)
                return -1;
            const hr_req_assign_key *keys = r->assigns[file];
            for (uint32_t i = 0; i < r->nassigns[file]; i++)
                if (keys[i].function == scope && strcmp(keys[i].target, root) == 0) {
                    const hr_assign *a = HR_ASSIGN(m, keys[i].assign);
                    if (out_file)
                        *out_file = m;
                    return a->value_call;
                }
            return -1;
        }
        if (is_param(HR_FUNC(m, scope), root))
            return -1;
        scope = HR_FUNC(m, scope)->parent;
    }
    return -1;
}

static hr_lang lang_family(hr_lang l)
{
    return l == HR_LANG_TYPESCRIPT || l == HR_LANG_TSX ? HR_LANG_JAVASCRIPT : l == HR_LANG_CPP ? HR_LANG_C : l;
}

bool hr_project_mentions(const hr_project *p, hr_lang lang, const char *word)
{
    const hr_requests *r = hr_project_requests(p);
    size_t wl = word ? strlen(word) : 0;
    if (!r || !wl)
        return false;
    for (size_t f = 0; f < r->nfiles; f++) {
        const hr_source *s = &r->sources[f];
        if (!s->text || lang_family(s->lang) != lang_family(lang) || s->len < wl)
            continue;
        if (strstr(s->text, word))
            return true;
    }
    return false;
}

/* ---- the graph ---- */

/* Callbacks handed to a timer run later, not while the request waits. */
static bool deferred_lambda(const hr_file_model *m, const hr_function *g)
{
    static const char *const timers[] = {"setTimeout", "setImmediate", "setInterval", "nextTick",
                                         "queueMicrotask", "call_later", "call_soon", "add_task",
                                         "create_task", "ensure_future"};
    /* calls are in source order of their start: find the last one starting
     * before the lambda, then walk back (a bounded way) to the innermost call
     * of the parent that encloses it */
    size_t lo = 0, hi = m->calls.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (HR_CALL(m, mid)->span.start_byte <= g->span.start_byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    const hr_call *inner = NULL;
    for (size_t i = lo, steps = 0; i-- > 0 && steps < DEFER_WALK; steps++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function == g->parent && c->span.end_byte >= g->span.end_byte) {
            inner = c;
            break;
        }
    }
    if (!inner || !inner->name)
        return false;
    for (size_t i = 0; i < HR_ARRAY_LEN(timers); i++)
        if (strcmp(inner->name, timers[i]) == 0)
            return true;
    return false;
}

typedef struct edge_tmp {
    uint32_t from;
    hr_req_edge e;
} edge_tmp;

static int cmp_edge(const void *a, const void *b)
{
    const edge_tmp *x = a, *y = b;
    if (x->from != y->from)
        return x->from < y->from ? -1 : 1;
    if (x->e.call != y->e.call)
        return x->e.call < y->e.call ? -1 : 1;
    return x->e.to < y->e.to ? -1 : x->e.to > y->e.to;
}

/* The edges of file f into *ctx (an hr_vec of edge_tmp). Run for each file
 * right after the file's handler detection (hr_req_detect's after_file), so
 * the typed chains of its calls are still in the call cache. */
static void graph_file(hr_requests *r, uint32_t f, void *ctx)
{
    hr_vec *tmp = ctx;
    const hr_file_model *m = r->models[f];
    if (!m)
        return;
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if ((c->flags & HR_CALL_CONSTRUCTOR) || !c->resolved || c->function < 0)
            continue;
        uint32_t of;
        int32_t ofn;
        if (!resolve_ref(r, f, c->function, c->resolved, (int64_t)i, &of, &ofn))
            continue;
        edge_tmp *e = HR_VEC_PUSH(&r->arena, tmp, edge_tmp);
        e->from = r->file_base[f] + (uint32_t)c->function;
        e->e.to = r->file_base[of] + (uint32_t)ofn;
        e->e.call = (int32_t)i;
    }
    for (uint32_t i = 1; i < m->functions.len; i++) {
        const hr_function *g = HR_FUNC(m, i);
        if (!(g->flags & HR_FN_LAMBDA) || g->parent <= 0 || deferred_lambda(m, g) ||
            hr_req_offloaded_lambda(r, f, (int32_t)i))
            continue;
        edge_tmp *e = HR_VEC_PUSH(&r->arena, tmp, edge_tmp);
        e->from = r->file_base[f] + (uint32_t)g->parent;
        e->e.to = r->file_base[f] + i;
        e->e.call = -1;
    }
}

/* The graph (CSR) from every file's edges in tmp. */
static void build_graph(hr_requests *r, hr_vec *tmp)
{
    if (tmp->len)
        qsort(tmp->data, tmp->len, sizeof(edge_tmp), cmp_edge);
    r->edge_start = hr_arena_array(&r->arena, r->nnodes + 1, sizeof(uint32_t));
    r->edges = hr_arena_array(&r->arena, tmp->len ? tmp->len : 1, sizeof(hr_req_edge));
    uint32_t k = 0;
    for (uint32_t v = 0; v < r->nnodes; v++) {
        r->edge_start[v] = k;
        while (k < tmp->len && HR_VEC_AT(*tmp, edge_tmp, k).from == v) {
            r->edges[k] = HR_VEC_AT(*tmp, edge_tmp, k).e;
            k++;
        }
    }
    r->edge_start[r->nnodes] = k;
}

/* The file and function of a node. */
static void node_split(const hr_requests *r, uint32_t v, uint32_t *file, int32_t *fn)
{
    size_t lo = 0, hi = r->nfiles;
    while (hi - lo > 1) { /* last file whose base <= v */
        size_t mid = lo + (hi - lo) / 2;
        if (r->file_base[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    while (lo + 1 < r->nfiles && r->file_base[lo + 1] <= v)
        lo++;
    *file = (uint32_t)lo;
    *fn = (int32_t)(v - r->file_base[lo]);
}

/* Functions that leave the event loop when called (sync_to_async). */
static bool offloaded(const hr_requests *r, uint32_t v)
{
    uint32_t file;
    int32_t fn;
    node_split(r, v, &file, &fn);
    const hr_file_model *m = r->models[file];
    const hr_kn_lang *kl = &r->k->lang[m->lang];
    const hr_function *f = HR_FUNC(m, fn);
    for (uint32_t d = 0; d < f->decorators.n; d++) {
        char dec[CHAIN_MAX];
        const char *s = f->decorators.v[d];
        size_t n = strlen(s);
        if (n >= sizeof(dec))
            continue;
        strcpy(dec, s);
        if (n > 2 && strcmp(dec + n - 2, "()") == 0)
            dec[n - 2] = 0;
        if (hr_strs_contains(&kl->offload, dec))
            return true;
    }
    return false;
}

static void compute_reach(hr_requests *r, hr_reach_mode mode)
{
    hr_req_reach *R = hr_arena_array(&r->arena, r->nnodes ? r->nnodes : 1, sizeof(hr_req_reach));
    for (size_t v = 0; v < r->nnodes; v++) {
        R[v].first = -1;
        R[v].pred = -1;
        R[v].pred_call = -1;
    }
    r->reach[mode] = R;
    uint32_t *stamp = hr_xcalloc(r->nnodes ? r->nnodes : 1, sizeof(uint32_t));
    uint32_t *queue = hr_xmalloc((r->nnodes ? r->nnodes : 1) * sizeof(uint32_t));
    int32_t *from = hr_xmalloc((r->nnodes ? r->nnodes : 1) * sizeof(int32_t));
    int32_t *via = hr_xmalloc((r->nnodes ? r->nnodes : 1) * sizeof(int32_t));
    uint64_t budget = REACH_BUDGET;
    uint8_t *off = NULL; /* per node: leaves the loop when called (sync_to_async) */
    if (mode == HR_REACH_LOOP) {
        off = hr_xcalloc(r->nnodes ? r->nnodes : 1, 1);
        for (size_t f = 0; f < r->nfiles; f++)
            for (uint32_t fn = 1; r->models[f] && fn < r->models[f]->functions.len; fn++)
                if (HR_FUNC(r->models[f], fn)->decorators.n)
                    off[r->file_base[f] + fn] = offloaded(r, r->file_base[f] + fn);
    }
    for (size_t h = 0; h < r->nhandlers && budget; h++) {
        const hr_handler *hd = r->handlers[h];
        if (mode == HR_REACH_LOOP && !hd->loop)
            continue;
        int32_t file = hr_req_file_of(r, hd->file);
        if (file < 0)
            continue;
        uint32_t s = r->file_base[file] + (uint32_t)hd->function;
        size_t qh = 0, qt = 0;
        queue[qt++] = s;
        stamp[s] = (uint32_t)h + 1;
        from[s] = -1;
        via[s] = -1;
        while (qh < qt && budget) {
            uint32_t v = queue[qh++];
            budget--;
            R[v].count++;
            if (R[v].first < 0) {
                R[v].first = (int32_t)h;
                R[v].pred = from[v];
                R[v].pred_call = via[v];
            }
            for (uint32_t e = r->edge_start[v]; e < r->edge_start[v + 1]; e++) {
                uint32_t w = r->edges[e].to;
                if (stamp[w] == (uint32_t)h + 1)
                    continue;
                if (off && off[w])
                    continue;
                if (r->context_of[w] >= 0 && r->contexts[r->context_of[w]].background)
                    continue; /* a task called directly: Huey enqueues it; precision first */
                stamp[w] = (uint32_t)h + 1;
                from[w] = (int32_t)v;
                via[w] = r->edges[e].call;
                queue[qt++] = w;
            }
        }
    }
    free(off);
    free(stamp);
    free(queue);
    free(from);
    free(via);
}

/* ---- building ---- */

static void index_files(hr_requests *r)
{
    r->file_base = hr_arena_array(&r->arena, r->nfiles + 1, sizeof(uint32_t));
    r->assigns = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(*r->assigns));
    r->nassigns = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(uint32_t));
    r->local_fns = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(*r->local_fns));
    r->nlocal_fns = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(uint32_t));
    r->imports = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(*r->imports));
    r->dotted = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(*r->dotted));
    r->ndotted = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(uint32_t));
    r->model_keys = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(*r->model_keys));
    r->model_files = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(uint32_t));
    r->modules = hr_arena_array(&r->arena, r->nfiles ? r->nfiles : 1, sizeof(hr_req_module));
    size_t nodes = 0, nfns = 0;
    for (size_t f = 0; f < r->nfiles; f++) {
        r->file_base[f] = (uint32_t)nodes;
        const hr_file_model *m = r->models[f];
        if (!m)
            continue;
        nodes += m->functions.len;
        nfns += m->functions.len;
        r->model_keys[r->nmodel_keys++] = m;
        if (m->module && m->module[0]) {
            r->modules[r->nmodules].module = m->module;
            r->modules[r->nmodules++].file = (uint32_t)f;
        }
        hr_req_assign_key *keys = hr_arena_array(&r->arena, m->assigns.len ? m->assigns.len : 1,
                                                 sizeof(hr_req_assign_key));
        for (uint32_t i = 0; i < m->assigns.len; i++) {
            keys[i].function = HR_ASSIGN(m, i)->function;
            keys[i].target = HR_ASSIGN(m, i)->target;
            keys[i].assign = (int32_t)i;
        }
        if (m->assigns.len)
            qsort(keys, m->assigns.len, sizeof(*keys), cmp_assign_key);
        r->assigns[f] = keys;
        r->nassigns[f] = m->assigns.len;
        hr_req_local_fn *lf = hr_arena_array(&r->arena, m->functions.len ? m->functions.len : 1,
                                             sizeof(hr_req_local_fn));
        uint32_t nlf = 0;
        for (uint32_t i = 1; i < m->functions.len; i++) {
            const hr_function *fn = HR_FUNC(m, i);
            if (fn->class_index >= 0 || !fn->name)
                continue;
            lf[nlf].parent = fn->parent;
            lf[nlf].name = fn->name;
            lf[nlf++].fn = (int32_t)i;
        }
        if (nlf)
            qsort(lf, nlf, sizeof(*lf), cmp_local_fn);
        r->local_fns[f] = lf;
        r->nlocal_fns[f] = nlf;
        hr_import_index_build(&r->imports[f], &r->arena, m);
        uint32_t ndk = 0;
        for (uint32_t i = 0; i < m->assigns.len; i++)
            ndk += self_target(HR_ASSIGN(m, i)->target);
        hr_req_assign_key *dk = hr_arena_array(&r->arena, ndk ? ndk : 1, sizeof(hr_req_assign_key));
        ndk = 0;
        for (uint32_t i = 0; i < m->assigns.len; i++) {
            if (!self_target(HR_ASSIGN(m, i)->target))
                continue;
            dk[ndk].function = HR_ASSIGN(m, i)->function;
            dk[ndk].target = HR_ASSIGN(m, i)->target;
            dk[ndk++].assign = (int32_t)i;
        }
        if (ndk)
            qsort(dk, ndk, sizeof(*dk), cmp_dotted_key);
        r->dotted[f] = dk;
        r->ndotted[f] = ndk;
    }
    r->file_base[r->nfiles] = (uint32_t)nodes;
    r->nnodes = nodes;
    /* the file index of a model: sort pointers with their indexes (the
     * first file holding a model, as a scan would find) */
    model_pair *pairs = hr_xcalloc(r->nmodel_keys ? r->nmodel_keys : 1, sizeof(*pairs));
    for (size_t f = 0, i = 0; f < r->nfiles; f++)
        if (r->models[f]) {
            pairs[i].m = r->models[f];
            pairs[i++].file = (uint32_t)f;
        }
    if (r->nmodel_keys)
        qsort(pairs, r->nmodel_keys, sizeof(*pairs), cmp_model_pair);
    for (size_t i = 0; i < r->nmodel_keys; i++) {
        r->model_keys[i] = pairs[i].m;
        r->model_files[i] = i && pairs[i - 1].m == pairs[i].m ? r->model_files[i - 1] : pairs[i].file;
    }
    free(pairs);
    if (r->nmodules)
        qsort(r->modules, r->nmodules, sizeof(hr_req_module), cmp_module);
    r->fns = hr_arena_array(&r->arena, nfns ? nfns : 1, sizeof(hr_req_fn));
    for (size_t f = 0; f < r->nfiles; f++) {
        const hr_file_model *m = r->models[f];
        for (uint32_t i = 1; m && i < m->functions.len; i++) {
            const hr_function *fn = HR_FUNC(m, i);
            if (!fn->qualname || (fn->flags & HR_FN_LAMBDA))
                continue;
            r->fns[r->nfns].qualname = fn->qualname;
            r->fns[r->nfns].file = (uint32_t)f;
            r->fns[r->nfns++].fn = (int32_t)i;
        }
    }
    if (r->nfns)
        qsort(r->fns, r->nfns, sizeof(hr_req_fn), cmp_fn);
    hr_name_index_build(&r->fns_index, r->fns, r->nfns, sizeof(hr_req_fn), offsetof(hr_req_fn, qualname));
    hr_name_index_build(&r->modules_index, r->modules, r->nmodules, sizeof(hr_req_module),
                        offsetof(hr_req_module, module));
}

hr_requests *hr_requests_build(const hr_project *p, hr_file_model *const *models,
                               const hr_source *sources, size_t n, const hr_knowledge *k)
{
    hr_requests *r = hr_xcalloc(1, sizeof(*r));
    hr_arena_init(&r->arena);
    r->p = p;
    r->k = k;
    r->models = models;
    r->sources = sources;
    r->nfiles = n;
    index_files(r);
    /* handler detection and the call edges, file by file, sharing the typed
     * chains of the file's calls (from here hr_req_typed's tables are final) */
    hr_req_call_cache cache = {0};
    hr_arena_init(&cache.arena);
    r->call_cache = &cache;
    hr_vec edges = {0};
    hr_req_detect(r, graph_file, &edges);
    r->call_cache = NULL;
    free(cache.state);
    free(cache.typed);
    hr_arena_release(&cache.arena);
    build_graph(r, &edges);
    compute_reach(r, HR_REACH_ANY);
    compute_reach(r, HR_REACH_LOOP);
    return r;
}

void hr_requests_free(hr_requests *r)
{
    if (!r)
        return;
    hr_name_index_free(&r->fns_index);
    hr_name_index_free(&r->modules_index);
    hr_arena_release(&r->arena);
    free(r);
}

/* ---- queries ---- */

hr_reach hr_project_reach(const hr_project *p, const hr_file_model *m, int32_t fn, hr_reach_mode mode)
{
    hr_reach none = {NULL, 0};
    const hr_requests *r = hr_project_requests(p);
    int32_t file = r ? hr_req_file_of(r, m) : -1;
    if (file < 0 || fn < 0 || (uint32_t)fn >= m->functions.len || (mode != HR_REACH_ANY && mode != HR_REACH_LOOP))
        return none;
    const hr_req_reach *R = &r->reach[mode][r->file_base[file] + (uint32_t)fn];
    if (R->first < 0)
        return none;
    hr_reach out = {r->handlers[R->first], R->count};
    return out;
}

size_t hr_project_reach_path(const hr_project *p, const hr_file_model *m, int32_t fn,
                             hr_reach_mode mode, hr_reach_step *out, size_t cap)
{
    const hr_requests *r = hr_project_requests(p);
    int32_t file = r ? hr_req_file_of(r, m) : -1;
    if (file < 0 || fn < 0 || (uint32_t)fn >= m->functions.len || cap == 0 ||
        (mode != HR_REACH_ANY && mode != HR_REACH_LOOP))
        return 0;
    const hr_req_reach *R = r->reach[mode];
    uint32_t v = r->file_base[file] + (uint32_t)fn;
    if (R[v].first < 0)
        return 0;
    /* walk back to the handler, then write the steps forwards */
    uint32_t path[256];
    size_t n = 0;
    for (int32_t w = (int32_t)v; w >= 0 && n < HR_ARRAY_LEN(path); w = R[w].pred)
        path[n++] = (uint32_t)w;
    size_t k = 0;
    for (size_t i = n; i-- > 0 && k < cap;) {
        uint32_t node = path[i];
        uint32_t nf;
        int32_t nfn;
        node_split(r, node, &nf, &nfn);
        const hr_file_model *nm = r->models[nf];
        if (i == n - 1) { /* the handler */
            out[k].file = nm;
            out[k].function = nfn;
            out[k].call = -1;
            out[k].span = HR_FUNC(nm, nfn)->name_span;
            k++;
            continue;
        }
        uint32_t pf;
        int32_t pfn;
        node_split(r, path[i + 1], &pf, &pfn);
        const hr_file_model *pm = r->models[pf];
        int32_t call = R[node].pred_call;
        out[k].file = pm;
        out[k].function = pfn;
        out[k].call = call;
        out[k].span = call >= 0 ? HR_CALL(pm, call)->span : HR_FUNC(nm, nfn)->name_span;
        k++;
    }
    return k;
}

/* ---- dump ---- */

static const char *fn_label(const hr_file_model *m, int32_t fn)
{
    const hr_function *f = HR_FUNC(m, fn);
    return f->qualname && !(f->flags & HR_FN_LAMBDA) ? f->qualname : "<lambda>";
}

static const char *file_label(const hr_requests *r, uint32_t file)
{
    const hr_source *s = &r->sources[file];
    return s->relpath ? s->relpath : s->path ? s->path : "?";
}

void hr_project_dump_requests(hr_buf *out, const hr_project *p)
{
    const hr_requests *r = hr_project_requests(p);
    if (!r)
        return;
    for (size_t i = 0; i < r->ncontexts; i++) {
        const hr_handler *h = &r->contexts[i];
        int32_t file = hr_req_file_of(r, h->file);
        hr_buf_printf(out, "%s %s:%u %s framework=%s", h->background ? "background" : "handler",
                      file_label(r, (uint32_t)file), HR_FUNC(h->file, h->function)->name_span.start_line,
                      fn_label(h->file, h->function), h->framework);
        if (h->method)
            hr_buf_printf(out, " method=%s", h->method);
        if (h->route)
            hr_buf_printf(out, " route=\"%s\"", h->route);
        if (h->queue)
            hr_buf_printf(out, " queue=\"%s\"", h->queue);
        hr_buf_puts(out, h->background ? "\n" : h->loop ? " loop\n" : " threads\n");
    }
    for (int lang = 0; lang < HR_LANG_COUNT; lang++)
        if (r->queue[lang])
            hr_buf_printf(out, "queue %s %s\n", hr_lang_name((hr_lang)lang), r->queue[lang]);
    for (size_t f = 0; f < r->nfiles; f++) {
        const hr_file_model *m = r->models[f];
        for (uint32_t fn = 1; m && fn < m->functions.len; fn++) {
            uint32_t v = r->file_base[f] + fn;
            if (r->context_of[v] >= 0 && !r->contexts[r->context_of[v]].background)
                continue;
            for (int mode = 0; mode < 2; mode++) {
                const hr_req_reach *R = &r->reach[mode][v];
                if (R->first < 0)
                    continue;
                const hr_handler *h = r->handlers[R->first];
                hr_buf_printf(out, "reach%s %s:%u %s from=%s:%u count=%u path=", mode ? "-loop" : "",
                              file_label(r, (uint32_t)f), HR_FUNC(m, fn)->name_span.start_line, fn_label(m, (int32_t)fn),
                              file_label(r, (uint32_t)hr_req_file_of(r, h->file)),
                              HR_FUNC(h->file, h->function)->name_span.start_line, R->count);
                hr_reach_step steps[16];
                size_t n = hr_project_reach_path(p, m, (int32_t)fn, (hr_reach_mode)mode, steps, 16);
                for (size_t k = 0; k < n; k++)
                    hr_buf_printf(out, "%s%u", k ? ">" : "", steps[k].span.start_line);
                hr_buf_puts(out, "\n");
            }
        }
    }
}
