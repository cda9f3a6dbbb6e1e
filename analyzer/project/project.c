/* project.c - the project phase: class catalogue and call classification.
 *
 * The catalogue maps qualified class names to their definitions across all
 * files. Classification answers "does this call run a query?" from the
 * knowledge tables, looking through the project's class hierarchy (peewee
 * models deriving from a project BaseModel) and through local variables
 * assigned in the same function. */
#include "headroom/project.h"
#include "project_internal.h"
#include "js_resolve.h"
#include "requests_internal.h"
#include "headroom/gauges.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct class_entry {
    const char *qualname;
    const char *name;
    const hr_class *cls;
    const hr_file_model *model;
} class_entry;

typedef struct file_slot {
    const hr_file_model *model;
    size_t index;
} file_slot;

/* A file's loops grouped by function: the loops of function f are
 * loops[start[f] .. start[f + 1]), in source order. */
typedef struct loop_index {
    uint32_t *start; /* functions.len + 1 */
    uint32_t *loops;
} loop_index;

/* The literal method names of a language's query entries (execute, lazy and
 * except_methods lists), sorted, each with one byte per query entry: bit 0
 * "in execute", bit 1 "in lazy" (method_in's answer, wildcards and
 * except_methods applied). A name not listed can match only an entry with a
 * wildcard in those lists (`wild`). */
typedef struct method_name {
    const char *name;
    const uint8_t *bits; /* queries.len */
} method_name;

typedef struct method_index {
    method_name *names;
    size_t n;
    const uint8_t *wild; /* queries.len: the entry has a '*' or '?' in execute or lazy */
    hr_strs *wild_exec;  /* queries.len: those patterns of execute ... */
    hr_strs *wild_lazy;  /* ... and of lazy (a name the index lacks can match only these) */
} method_index;

struct hr_project {
    hr_arena arena;
    const hr_knowledge *knowledge;
    class_entry *classes; /* sorted by qualname */
    size_t nclasses;
    hr_name_index classes_by_qualname; /* find_exact's hash index over classes (perf3) */
    class_entry *by_name; /* the same, sorted by simple name, then qualname */
    hr_file_model *const *models;
    const hr_source *sources;
    size_t nfiles;
    hr_orm_catalogue *orm;       /* catalogue.c */
    hr_summaries *summaries;     /* summary.c */
    hr_gauges gauges;            /* gauges.c: instrumentation, database use, entry file */
    hr_requests *requests;       /* handlers.c, reach.c: request paths */
    hr_js_modules *js;           /* js_resolve.c: JS/TS modules by id, for re-exports */
    int jobs;                    /* threads the build may use (hr_project_build_jobs) */
    /* Indexes built once at the start of hr_project_build, read-only after
     * (see "Indexes" below): models by address, each file's loops by
     * function, and per language the knowledge's method names. */
    file_slot *by_model;         /* nfiles entries sorted by model address */
    loop_index *loops;           /* per file (NULL model: empty) */
    method_index methods[HR_LANG_COUNT];
};

static int entry_name_cmp(const void *a, const void *b)
{
    const class_entry *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->qualname, y->qualname);
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const class_entry *)a)->qualname, ((const class_entry *)b)->qualname);
}

static bool matches_any(const hr_strs *globs, const char *chain);

/* ---- models made by a factory call ----
 * `const Order = sequelize.define('Order', ...)` or
 * `module.exports = mongoose.model('User', schema)` at module level makes a
 * model class as surely as `class Order extends Model`: such an assignment
 * matching the `factories` of an `on: model` entry enters the catalogue as a
 * class deriving from the entry's first base. */

/* The value of `name` when the module function assigns it exactly once. */
static const char *module_value(const hr_file_model *m, const char *name)
{
    const char *value = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = &HR_VEC_AT(m->assigns, hr_assign, i);
        if (a->function != 0 || strcmp(a->target, name) != 0)
            continue;
        if (value)
            return NULL;
        value = a->value;
    }
    return value && strcmp(value, "?") != 0 ? value : NULL;
}

/* The `on: model` entry whose factories match the call assigned by `a`, or NULL.
 * The callee is tried as spelled, as resolved, and with its root replaced by
 * the module-level value of that name (`sequelize = new Sequelize(...)`). */
static const hr_kn_query *factory_of(const hr_knowledge *k, const hr_file_model *m, const hr_assign *a)
{
    if (a->function != 0 || a->loop >= 0 || a->value_call < 0 || (uint32_t)a->value_call >= m->calls.len)
        return NULL;
    const hr_kn_lang *kl = &k->lang[m->lang];
    const hr_call *c = &HR_VEC_AT(m->calls, hr_call, a->value_call);
    if (!c->callee || !c->resolved)
        return NULL;
    char spelled[512], resolved[512], through[1024];
    snprintf(spelled, sizeof(spelled), "%s()", c->callee);
    snprintf(resolved, sizeof(resolved), "%s()", c->resolved);
    through[0] = 0;
    size_t root = strcspn(c->callee, ".([");
    if (root > 0 && root < 128 && c->callee[root] == '.') {
        char name[128];
        memcpy(name, c->callee, root);
        name[root] = 0;
        const char *v = module_value(m, name);
        if (v)
            snprintf(through, sizeof(through), "%s%s()", v, c->callee + root);
    }
    for (uint32_t i = 0; i < kl->queries.len; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        if (q->on != HR_KN_ON_MODEL || !q->factories.n || !q->bases.n)
            continue;
        if (matches_any(&q->factories, spelled) || matches_any(&q->factories, resolved) ||
            (through[0] && matches_any(&q->factories, through)))
            return q;
    }
    return NULL;
}

/* The class a factory assignment defines, or NULL when its target is not a
 * module-level name or export. */
static hr_class *factory_class(hr_arena *a, const hr_file_model *m, const hr_assign *as,
                               const hr_kn_query *q)
{
    const char *module = m->module ? m->module : "";
    const char *t = as->target, *name = NULL, *qualname = NULL;
    if (strncmp(t, "module.exports", 14) == 0 && (t[14] == 0 || t[14] == '.'))
        t = t[14] ? t + 15 : "";
    else if (strncmp(t, "exports.", 8) == 0)
        t += 8;
    if (strpbrk(t, ".[(") || strcmp(t, "?") == 0)
        return NULL;
    if (t[0] == 0 || strcmp(t, "default") == 0) { /* the module's own export */
        if (!module[0])
            return NULL;
        const char *slash = strrchr(module, '/');
        name = slash ? slash + 1 : module;
        qualname = module;
    } else {
        name = t;
        qualname = module[0] ? hr_arena_printf(a, "%s.%s", module, t) : t;
    }
    for (uint32_t i = 0; i < m->classes.len; i++)
        if (strcmp(HR_VEC_AT(m->classes, hr_class, i).qualname, qualname) == 0)
            return NULL; /* a real class of that name wins */
    hr_class *cls = hr_arena_alloc(a, sizeof(*cls));
    cls->name = hr_arena_strdup(a, name);
    cls->qualname = qualname;
    cls->span = as->span;
    cls->name_span = as->span;
    cls->bases.v = hr_arena_array(a, 1, sizeof(*cls->bases.v));
    cls->bases.v[0] = q->bases.v[0];
    cls->bases.n = 1;
    cls->parent_class = -1;
    cls->function = 0;
    return cls;
}

/* `export default mongoose.model(...)` is an export, not an assignment: as
 * one (target "default", the outermost module-level call in the export as its
 * value) when import `i` is such an export. NULL otherwise. */
static const hr_assign *export_default(hr_assign *out, const hr_file_model *m, uint32_t i)
{
    const hr_import *imp = &HR_VEC_AT(m->imports, hr_import, i);
    if (!imp->reexport || strcmp(imp->local, "default") != 0)
        return NULL;
    int32_t best = -1;
    for (uint32_t c = 0; c < m->calls.len; c++) {
        const hr_call *call = &HR_VEC_AT(m->calls, hr_call, c);
        if (call->function != 0 || call->span.start_byte < imp->span.start_byte ||
            call->span.end_byte > imp->span.end_byte)
            continue;
        if (best < 0 || call->span.end_byte - call->span.start_byte >
                            HR_VEC_AT(m->calls, hr_call, best).span.end_byte -
                                HR_VEC_AT(m->calls, hr_call, best).span.start_byte)
            best = (int32_t)c;
    }
    if (best < 0)
        return NULL;
    memset(out, 0, sizeof(*out));
    out->target = "default";
    out->value = "?";
    out->value_call = best;
    out->function = 0;
    out->loop = -1;
    out->span = imp->span;
    return out;
}

/* ---- Indexes ----
 * Built once before anything reads the project, so that the lookups the
 * project phase and the rules make per call cost O(log n) rather than a scan
 * of every file, every loop of a file, or every method name of the
 * knowledge (docs/performance.md). */

static bool method_in(const hr_kn_query *q, const hr_strs *list, const char *name);

static int slot_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const file_slot *)a)->model, y = (uintptr_t)((const file_slot *)b)->model;
    return x < y ? -1 : x > y;
}

static int method_name_cmp(const void *a, const void *b)
{
    return strcmp(((const method_name *)a)->name, ((const method_name *)b)->name);
}

static bool has_wildcard(const hr_strs *list)
{
    for (uint32_t i = 0; i < list->n; i++)
        if (strpbrk(list->v[i], "*?"))
            return true;
    return false;
}

static void build_method_index(hr_arena *a, method_index *out, const hr_kn_lang *kl)
{
    memset(out, 0, sizeof(*out));
    uint32_t nq = kl->queries.len;
    if (!nq)
        return;
    size_t total = 0;
    uint8_t *wild = hr_arena_array(a, nq, 1);
    for (uint32_t i = 0; i < nq; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        total += (size_t)q->execute.n + q->lazy.n + q->except_methods.n;
        wild[i] = has_wildcard(&q->execute) || has_wildcard(&q->lazy);
    }
    out->wild = wild;
    out->wild_exec = hr_arena_array(a, nq, sizeof(hr_strs));
    out->wild_lazy = hr_arena_array(a, nq, sizeof(hr_strs));
    for (uint32_t i = 0; i < nq; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        const hr_strs *from[] = {&q->execute, &q->lazy};
        hr_strs *to[] = {&out->wild_exec[i], &out->wild_lazy[i]};
        for (size_t l = 0; l < HR_ARRAY_LEN(from); l++) {
            to[l]->v = hr_arena_array(a, from[l]->n ? from[l]->n : 1, sizeof(const char *));
            for (uint32_t k = 0; k < from[l]->n; k++)
                if (strpbrk(from[l]->v[k], "*?"))
                    to[l]->v[to[l]->n++] = from[l]->v[k];
        }
    }
    if (!total)
        return;
    method_name *names = hr_arena_array(a, total, sizeof(method_name));
    size_t n = 0;
    for (uint32_t i = 0; i < nq; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        const hr_strs *lists[] = {&q->execute, &q->lazy, &q->except_methods};
        for (size_t l = 0; l < HR_ARRAY_LEN(lists); l++)
            for (uint32_t k = 0; k < lists[l]->n; k++)
                if (!strpbrk(lists[l]->v[k], "*?"))
                    names[n++].name = lists[l]->v[k];
    }
    if (!n)
        return;
    qsort(names, n, sizeof(method_name), method_name_cmp);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || strcmp(names[u - 1].name, names[i].name) != 0)
            names[u++] = names[i];
    for (size_t i = 0; i < u; i++) {
        uint8_t *bits = hr_arena_array(a, nq, 1);
        for (uint32_t k = 0; k < nq; k++) {
            const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, k);
            bits[k] = (uint8_t)((method_in(q, &q->execute, names[i].name) ? 1 : 0) |
                                (method_in(q, &q->lazy, names[i].name) ? 2 : 0));
        }
        names[i].bits = bits;
    }
    out->names = names;
    out->n = u;
}

static void build_indexes(hr_project *p)
{
    size_t n = p->nfiles;
    p->by_model = hr_arena_array(&p->arena, n ? n : 1, sizeof(file_slot));
    p->loops = hr_arena_array(&p->arena, n ? n : 1, sizeof(loop_index));
    for (size_t i = 0; i < n; i++) {
        p->by_model[i].model = p->models[i];
        p->by_model[i].index = i;
        const hr_file_model *m = p->models[i];
        if (!m)
            continue;
        /* counting sort of the loops by function */
        uint32_t nf = m->functions.len, nl = m->loops.len;
        uint32_t *start = hr_arena_array(&p->arena, (size_t)nf + 2, sizeof(uint32_t));
        uint32_t *loops = hr_arena_array(&p->arena, nl ? nl : 1, sizeof(uint32_t));
        for (uint32_t l = 0; l < nl; l++) {
            int32_t f = HR_VEC_AT(m->loops, hr_loop, l).function;
            if (f >= 0 && (uint32_t)f < nf)
                start[f + 2]++;
        }
        for (uint32_t f = 2; f <= nf + 1; f++)
            start[f] += start[f - 1];
        for (uint32_t l = 0; l < nl; l++) {
            int32_t f = HR_VEC_AT(m->loops, hr_loop, l).function;
            if (f >= 0 && (uint32_t)f < nf)
                loops[start[f + 1]++] = l;
        }
        p->loops[i].start = start;
        p->loops[i].loops = loops;
    }
    if (n)
        qsort(p->by_model, n, sizeof(file_slot), slot_cmp);
    for (int l = 0; l < HR_LANG_COUNT; l++)
        build_method_index(&p->arena, &p->methods[l], &p->knowledge->lang[l]);
}

/* The slot of model m in the project's files, or SIZE_MAX. */
static size_t file_index(const hr_project *p, const hr_file_model *m)
{
    size_t lo = 0, hi = p->nfiles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t x = (uintptr_t)p->by_model[mid].model;
        if (x == (uintptr_t)m)
            return p->by_model[mid].index;
        if (x < (uintptr_t)m)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

bool hr_project_fn_loops(const hr_project *p, const hr_file_model *m, int32_t f, const uint32_t **out_loops,
                         uint32_t *out_n)
{
    *out_loops = NULL;
    *out_n = 0;
    size_t fi = file_index(p, m);
    if (fi == SIZE_MAX)
        return false;
    if (f >= 0 && (uint32_t)f < m->functions.len) {
        const loop_index *li = &p->loops[fi];
        *out_loops = li->loops + li->start[f];
        *out_n = li->start[f + 1] - li->start[f];
    }
    return true;
}

/* The bits of `name` in a language's method index, or NULL if no list names
 * it literally. */
static const uint8_t *method_bits(const method_index *mi, const char *name)
{
    size_t lo = 0, hi = mi->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(mi->names[mid].name, name);
        if (c == 0)
            return mi->names[mid].bits;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The gauges read the project as the summaries left it (classification,
 * the catalogue) and nothing the request paths build, and the request paths
 * never read the gauges: with two threads they are built side by side.
 * p->requests is set only after both are done, so the gauges never see it
 * (as when they ran first, alone). */
typedef struct gauges_job {
    hr_gauges *out;
    hr_file_model *const *models;
    const hr_source *sources;
    size_t n;
    const hr_knowledge *k;
    const hr_project *p;
} gauges_job;

static void *gauges_main(void *arg)
{
    gauges_job *j = arg;
    hr_gauges_build(j->out, j->models, j->sources, j->n, j->k, j->p);
    return NULL;
}

int hr_project_jobs(const hr_project *p) { return p->jobs; }

hr_project *hr_project_build(hr_file_model *const *models, const hr_source *sources, size_t n,
                             const hr_knowledge *k)
{
    return hr_project_build_jobs(models, sources, n, k, 1);
}

hr_project *hr_project_build_jobs(hr_file_model *const *models, const hr_source *sources, size_t n,
                                  const hr_knowledge *k, int jobs)
{
    hr_project *p = hr_xcalloc(1, sizeof(*p));
    hr_arena_init(&p->arena);
    p->jobs = jobs < 1 ? 1 : jobs;
    p->knowledge = k;
    p->models = models;
    p->sources = sources;
    p->nfiles = n;
    build_indexes(p);
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        if (models[i])
            total += models[i]->classes.len + models[i]->assigns.len + models[i]->imports.len;
    p->classes = hr_arena_array(&p->arena, total ? total : 1, sizeof(class_entry));
    for (size_t i = 0; i < n; i++) {
        const hr_file_model *m = models[i];
        if (!m)
            continue;
        for (uint32_t c = 0; c < m->classes.len; c++) {
            const hr_class *cls = &HR_VEC_AT(m->classes, hr_class, c);
            class_entry *e = &p->classes[p->nclasses++];
            e->qualname = cls->qualname;
            e->name = cls->name;
            e->cls = cls;
            e->model = m;
        }
        size_t first = p->nclasses;
        for (uint32_t a = 0; a < m->assigns.len + m->imports.len; a++) {
            hr_assign exported;
            const hr_assign *as = a < m->assigns.len ? &HR_VEC_AT(m->assigns, hr_assign, a)
                                                     : export_default(&exported, m, a - m->assigns.len);
            const hr_kn_query *q = as && as->function == 0 ? factory_of(k, m, as) : NULL;
            const hr_class *cls = q ? factory_class(&p->arena, m, as, q) : NULL;
            for (size_t e = first; cls && e < p->nclasses; e++)
                if (strcmp(p->classes[e].qualname, cls->qualname) == 0)
                    cls = NULL; /* `module.exports = X` is an assignment and an export */
            if (!cls)
                continue;
            class_entry *e = &p->classes[p->nclasses++];
            e->qualname = cls->qualname;
            e->name = cls->name;
            e->cls = cls;
            e->model = m;
        }
    }
    /* Stable order whatever the thread timing: ties broken by path. */
    if (p->nclasses)
        qsort(p->classes, p->nclasses, sizeof(class_entry), entry_cmp);
    hr_name_index_build(&p->classes_by_qualname, p->classes, p->nclasses, sizeof(class_entry),
                        offsetof(class_entry, qualname));
    p->by_name = hr_arena_array(&p->arena, p->nclasses ? p->nclasses : 1, sizeof(class_entry));
    if (p->nclasses)
        memcpy(p->by_name, p->classes, p->nclasses * sizeof(class_entry));
    if (p->nclasses)
        qsort(p->by_name, p->nclasses, sizeof(class_entry), entry_name_cmp);
    p->js = hr_js_modules_build(models, n);
    /* the ORM catalogue reads classes; the summaries read the catalogue */
    p->orm = hr_orm_catalogue_build(p, models, n, k);
    p->summaries = hr_summaries_build(p, models, n, k);
    gauges_job gj = {&p->gauges, models, sources, n, k, p};
    pthread_t gt;
    bool side = p->jobs > 1 && pthread_create(&gt, NULL, gauges_main, &gj) == 0;
    if (!side)
        gauges_main(&gj);
    hr_requests *requests = hr_requests_build(p, models, sources, n, k);
    if (side)
        pthread_join(gt, NULL);
    p->requests = requests;
    return p;
}

const hr_gauges *hr_project_gauges(const hr_project *p) { return &p->gauges; }

const hr_file_model *hr_project_model_of(const hr_project *p, const hr_source *s)
{
    if (!s || s < p->sources || s >= p->sources + p->nfiles)
        return NULL;
    return p->models[s - p->sources];
}

const hr_orm_catalogue *hr_project_catalogue(const hr_project *p) { return p->orm; }
const hr_summaries *hr_project_summaries(const hr_project *p) { return p->summaries; }
void hr_project_attach_catalogue(hr_project *p, hr_orm_catalogue *c) { p->orm = c; }
void hr_project_attach_summaries(hr_project *p, hr_summaries *s) { p->summaries = s; }
const hr_requests *hr_project_requests(const hr_project *p) { return p->requests; }

const hr_source *hr_project_source(const hr_project *p, const hr_file_model *m)
{
    size_t i = m ? file_index(p, m) : SIZE_MAX;
    return i == SIZE_MAX ? NULL : &p->sources[i];
}

void hr_project_free(hr_project *p)
{
    if (!p)
        return;
    hr_requests_free(p->requests);
    hr_summaries_free(p->summaries);
    hr_gauges_release(&p->gauges);
    hr_orm_catalogue_free(p->orm);
    hr_js_modules_free(p->js);
    hr_name_index_free(&p->classes_by_qualname);
    hr_arena_release(&p->arena);
    free(p);
}

/* The first class (in qualname order) named qualname, or NULL. */
static const class_entry *find_exact(const hr_project *p, const char *qualname)
{
    int64_t i = hr_name_index_find(&p->classes_by_qualname, qualname, strlen(qualname));
    return i < 0 ? NULL : &p->classes[i];
}

/* find_exact for js_resolve.c */
static const hr_class *exact_class(const void *ctx, const char *qualname, const hr_file_model **out_model)
{
    const class_entry *e = find_exact(ctx, qualname);
    if (out_model)
        *out_model = e ? e->model : NULL;
    return e ? e->cls : NULL;
}

/* Python, JavaScript (with TypeScript), C (with C++). */
static int lang_family(hr_lang l)
{
    return l == HR_LANG_TYPESCRIPT || l == HR_LANG_TSX ? HR_LANG_JAVASCRIPT : l == HR_LANG_CPP ? HR_LANG_C : l;
}

const hr_class *hr_project_class(const hr_project *p, const hr_file_model *m, const char *name,
                                 const hr_file_model **out_model)
{
    if (out_model)
        *out_model = NULL;
    if (!name || !name[0] || strchr(name, '(') || strchr(name, '['))
        return NULL;
    const class_entry *e = find_exact(p, name);
    /* A class of another language family (a C++ `struct Order` with no
     * module) is not what a name read in m denotes. */
    if (e && m && lang_family(e->model->lang) != lang_family(m->lang))
        e = NULL;
    if (!e && m && m->module && m->module[0]) {
        char buf[1024];
        size_t a = strlen(m->module), b = strlen(name);
        if (a + b + 2 <= sizeof(buf)) {
            memcpy(buf, m->module, a);
            buf[a] = '.';
            memcpy(buf + a + 1, name, b + 1);
            e = find_exact(p, buf);
        }
    }
    if (!e && !strchr(name, '.') && m) {
        /* a class defined in this very file under its simple name */
        for (uint32_t c = 0; c < m->classes.len; c++) {
            const hr_class *cls = &HR_VEC_AT(m->classes, hr_class, c);
            if (cls->parent_class < 0 && strcmp(cls->name, name) == 0) {
                if (out_model)
                    *out_model = m;
                return cls;
            }
        }
    }
    if (!e && strchr(name, '.')) {
        /* The import spells a longer or shorter package path than the module
         * names discovery derived (a source root above or below ours): accept a
         * unique class whose qualname and `name` agree on their last two
         * segments. */
        const char *simple = strrchr(name, '.') + 1;
        const char *tail = simple - 1;
        while (tail > name && tail[-1] != '.')
            tail--;
        size_t tail_len = strlen(tail);
        const class_entry *found = NULL;
        size_t lo = 0, hi = p->nclasses;
        while (lo < hi) { /* first entry with this simple name */
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(p->by_name[mid].name, simple) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < p->nclasses && strcmp(p->by_name[i].name, simple) == 0; i++) {
            const class_entry *c = &p->by_name[i];
            size_t q = strlen(c->qualname);
            if (q < tail_len)
                continue;
            if (strcmp(c->qualname + q - tail_len, tail) == 0 &&
                (q == tail_len || c->qualname[q - tail_len - 1] == '.')) {
                if (found)
                    return NULL; /* ambiguous: stay quiet */
                found = c;
            }
        }
        e = found;
    }
    if (!e && m && (m->lang == HR_LANG_JAVASCRIPT || m->lang == HR_LANG_TYPESCRIPT || m->lang == HR_LANG_TSX))
        return hr_js_resolve_class(p->js, name, exact_class, p, out_model); /* through re-exports */
    if (!e)
        return NULL;
    if (out_model)
        *out_model = e->model;
    return e->cls;
}

static bool matches_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

enum { DERIVE_MAX_DEPTH = 16 };

static bool derives(const hr_project *p, const hr_file_model *m, const char *name,
                    const hr_strs *bases, int depth)
{
    if (depth > DERIVE_MAX_DEPTH)
        return false;
    const hr_file_model *cm = NULL;
    const hr_class *cls = hr_project_class(p, m, name, &cm);
    if (!cls)
        return false;
    for (uint32_t i = 0; i < cls->bases.n; i++) {
        const char *base = cls->bases.v[i];
        if (matches_any(bases, base))
            return true;
        if (strcmp(base, name) != 0 && derives(p, cm, base, bases, depth + 1))
            return true;
    }
    return false;
}

bool hr_project_class_derives(const hr_project *p, const hr_file_model *m, const char *name,
                              const hr_strs *bases)
{
    return derives(p, m, name, bases, 0);
}

/* ---- call classification ---- */

/* The last segment of a chain without its "()" and the receiver before it. */
typedef struct split_chain {
    char receiver[512];
    char method[128];
    bool is_call;
    bool has_receiver;
} split_chain;

static bool split(split_chain *out, const char *chain)
{
    size_t n = strlen(chain);
    if (n < 3 || n >= sizeof(out->receiver))
        return false;
    out->is_call = n >= 2 && chain[n - 2] == '(' && chain[n - 1] == ')';
    size_t end = out->is_call ? n - 2 : n;
    size_t dot = end;
    while (dot > 0 && chain[dot - 1] != '.')
        dot--;
    size_t mlen = end - dot;
    if (mlen == 0 || mlen >= sizeof(out->method))
        return false;
    memcpy(out->method, chain + dot, mlen);
    out->method[mlen] = 0;
    out->has_receiver = dot > 0;
    if (out->has_receiver) {
        memcpy(out->receiver, chain, dot - 1);
        out->receiver[dot - 1] = 0;
    } else {
        out->receiver[0] = 0;
    }
    return true;
}

/* Copies the first segment of chain into buf. */
static void chain_root(char *buf, size_t cap, const char *chain)
{
    size_t i = 0;
    while (chain[i] && chain[i] != '.' && chain[i] != '(' && chain[i] != '[' && i + 1 < cap) {
        buf[i] = chain[i];
        i++;
    }
    buf[i] = 0;
}

/* The longest prefix of `chain` (at segment boundaries, before any call) that
 * names a project class deriving from one of `bases`. Writes it into out and
 * returns its length, or 0. "shop.models.Order.objects.filter()" gives
 * "shop.models.Order". */
static size_t class_prefix(const hr_project *p, const hr_file_model *m, const char *chain,
                           const hr_strs *bases, char *out, size_t cap)
{
    size_t limit = strcspn(chain, "([");
    for (size_t end = limit; end > 0; end--) {
        if (end != limit && chain[end] != '.')
            continue;
        if (end == limit && chain[end] != 0 && chain[end] != '.') {
            /* the segment that holds the first call is not a class name */
            continue;
        }
        if (end >= cap)
            continue;
        memcpy(out, chain, end);
        out[end] = 0;
        if (hr_project_class_derives(p, m, out, bases))
            return end;
    }
    out[0] = 0;
    return 0;
}

typedef struct classify_ctx {
    const hr_project *p;
    const hr_file_model *m;
    int32_t function;
    const hr_kn_lang *kl;
} classify_ctx;

static hr_query_match classify_chain(const classify_ctx *cx, const char *chain, int depth);

bool hr_project_binds(const hr_project *p, const hr_file_model *m, int32_t f, const char *name)
{
    const hr_function *fn = &HR_VEC_AT(m->functions, hr_function, f);
    if (hr_strs_contains(&fn->params, name))
        return true;
    const uint32_t *loops;
    uint32_t n;
    if (!hr_project_fn_loops(p, m, f, &loops, &n)) { /* not a project file: scan */
        for (uint32_t i = 0; i < m->loops.len; i++) {
            const hr_loop *l = &HR_VEC_AT(m->loops, hr_loop, i);
            if (l->function == f && hr_strs_contains(&l->vars, name))
                return true;
        }
        return false;
    }
    for (uint32_t k = 0; k < n; k++)
        if (hr_strs_contains(&HR_VEC_AT(m->loops, hr_loop, loops[k]).vars, name))
            return true;
    return false;
}

/* The assignment that gives a variable its value, when the function assigns it
 * exactly once; failing that, when the function neither assigns nor binds it,
 * the same in the enclosing functions up to the module (a closure or a
 * module-level `const db = new PrismaClient()`). Loop variables are not
 * covered here. NULL otherwise. */
static const hr_assign *local_assign(const classify_ctx *cx, const char *name)
{
    int32_t f = cx->function;
    for (int guard = 0; f >= 0 && (uint32_t)f < cx->m->functions.len && guard < 64; guard++) {
        const hr_assign *found = NULL;
        if (hr_model_assigns_to(cx->m, f, name, &found) > 1)
            return NULL; /* assigned more than once: cannot know which */
        if (found)
            return strcmp(found->value, "?") == 0 ? NULL : found;
        if (f == 0 || hr_project_binds(cx->p, cx->m, f, name))
            return NULL;
        f = HR_VEC_AT(cx->m->functions, hr_function, f).parent;
    }
    return NULL;
}

static const char *local_value(const classify_ctx *cx, const char *name)
{
    const hr_assign *a = local_assign(cx, name);
    return a ? a->value : NULL;
}

/* A method name against one of an entry's method lists, which may hold `*`
 * and `?` wildcards ("get?*"); the entry's except_methods never match. */
static bool method_in(const hr_kn_query *q, const hr_strs *list, const char *name)
{
    if (q->except_methods.n && hr_strs_contains(&q->except_methods, name))
        return false;
    for (uint32_t i = 0; i < list->n; i++) {
        const char *m = list->v[i];
        if (strpbrk(m, "*?") ? hr_wildcard(m, name) : strcmp(m, name) == 0)
            return true;
    }
    return false;
}

static bool in_list(const hr_strs *s, const char *x) { return hr_strs_contains(s, x); }

/* Whether every segment of `rest` (the part of a chain after its root) is a
 * lazy method call or lazy attribute of q: "select().where()" for peewee,
 * "query.filter_by()" for Flask-SQLAlchemy. */
static bool rest_is_lazy(const hr_kn_query *q, const char *rest)
{
    while (*rest) {
        if (*rest == '.')
            rest++;
        size_t n = strcspn(rest, ".(");
        char seg[128];
        if (n == 0 || n >= sizeof(seg))
            return false;
        memcpy(seg, rest, n);
        seg[n] = 0;
        if (!method_in(q, &q->lazy, seg))
            return false;
        rest += n;
        if (rest[0] == '(') {
            if (rest[1] != ')')
                return false;
            rest += 2;
        }
    }
    return true;
}

/* The model class a variable holds an instance of, in the current function:
 * assigned from `Model(...)`, from a query returning one row, or the variable
 * of a loop over a query of Model. Writes the class name into out. */
static bool instance_class(const classify_ctx *cx, const char *var, const hr_kn_query *entry,
                           char *out, size_t cap, int depth)
{
    const hr_strs *bases = &entry->bases;
    static const char *const single_row[] = {"get", "first", "last", "create", "earliest",
                                             "latest", "get_or_none", "get_by_id", "one",
                                             "one_or_none", "scalar"};
    const char *value = local_value(cx, var);
    if (value) {
        split_chain s;
        if (!split(&s, value) || !s.is_call)
            return false;
        /* Model(...): the whole callee names the class */
        char callee[512];
        size_t vn = strlen(value);
        if (vn - 2 < sizeof(callee)) {
            memcpy(callee, value, vn - 2);
            callee[vn - 2] = 0;
            if (!strchr(callee, '(') && vn - 2 < cap &&
                hr_project_class_derives(cx->p, cx->m, callee, bases)) {
                memcpy(out, callee, vn - 1);
                return true;
            }
        }
        if (!s.has_receiver)
            return false;
        bool one = entry && method_in(entry, &entry->instance_from, s.method);
        for (size_t i = 0; i < HR_ARRAY_LEN(single_row); i++)
            one |= strcmp(s.method, single_row[i]) == 0;
        if (!one)
            return false;
        return class_prefix(cx->p, cx->m, value, bases, out, cap) > 0;
    }
    /* a loop variable over a query of Model */
    for (uint32_t i = 0; i < cx->m->loops.len; i++) {
        const hr_loop *l = &HR_VEC_AT(cx->m->loops, hr_loop, i);
        if (l->function != cx->function || l->vars.n != 1 || strcmp(l->vars.v[0], var) != 0 ||
            !l->iterable)
            continue;
        const char *it = l->iterable;
        char root[256];
        chain_root(root, sizeof(root), it);
        if (strcmp(root, it) == 0 && depth < 2) { /* the iterable is a variable */
            const char *v = local_value(cx, root);
            if (!v)
                continue;
            it = v;
            chain_root(root, sizeof(root), it);
        }
        hr_query_match qm = classify_chain(cx, it, depth + 1);
        if (qm.kind == HR_QUERY_NONE)
            continue;
        if (class_prefix(cx->p, cx->m, it, bases, out, cap) > 0)
            return true;
    }
    return false;
}

/* Whether class `name` (read in file m) defines a method `method` in its body. */
static bool class_defines(const hr_project *p, const hr_file_model *m, const char *name,
                          const char *method)
{
    const hr_file_model *cm = NULL;
    const hr_class *cls = hr_project_class(p, m, name, &cm);
    if (!cls || !cm)
        return false;
    for (uint32_t i = 0; i < cm->classes.len; i++) {
        if (&HR_VEC_AT(cm->classes, hr_class, i) != cls)
            continue;
        for (uint32_t f = 0; f < cm->functions.len; f++) {
            const hr_function *fn = &HR_VEC_AT(cm->functions, hr_function, f);
            if (fn->class_index == (int32_t)i && strcmp(fn->name, method) == 0)
                return true;
        }
    }
    return false;
}

/* Whether a call segment of a receiver chain is a write of q:
 * `db.update(t).set(...)` and `Pet.query().patch(...)` write, whatever the
 * last call (`where`) is. */
static bool receiver_writes(const hr_kn_query *q, const char *receiver)
{
    for (const char *p = receiver; *p;) {
        size_t n = strcspn(p, ".(");
        if (p[n] == '(' && p[n + 1] == ')' && n > 0 && n < 128) {
            char seg[128];
            memcpy(seg, p, n);
            seg[n] = 0;
            if (method_in(q, &q->writes, seg))
                return true;
        }
        p += n;
        while (*p == '(' || *p == ')' || *p == '.' || *p == '[' || *p == ']')
            p++;
    }
    return false;
}

/* `bits`: the method's byte for this entry in the method index, or NULL when
 * no list names the method literally (then only wildcards can match). */
/* Whether one of an entry's wildcard patterns matches name. */
static bool wild_in(const hr_strs *patterns, const char *name)
{
    for (uint32_t i = 0; i < patterns->n; i++)
        if (hr_wildcard(patterns->v[i], name))
            return true;
    return false;
}

static hr_query_match match_entry(const classify_ctx *cx, const hr_kn_query *q, const split_chain *s,
                                  const char *chain, int depth, const uint8_t *bits, bool wild,
                                  const hr_strs *wild_exec, const hr_strs *wild_lazy)
{
    hr_query_match r = {0};
    bool exec, lazy;
    if (bits) {
        exec = *bits & 1;
        lazy = *bits & 2;
    } else if (wild && wild_exec && !strpbrk(s->method, "*?")) {
        /* no list names the method literally (else bits were found), so
         * except_methods does not hold it and only the wildcards can match */
        exec = wild_in(wild_exec, s->method);
        lazy = wild_in(wild_lazy, s->method);
    } else if (wild) {
        exec = method_in(q, &q->execute, s->method);
        lazy = method_in(q, &q->lazy, s->method);
    } else {
        exec = lazy = false;
    }
    switch (q->on) {
    case HR_KN_ON_CALL:
        if (!s->is_call)
            return r;
        {
            char callee[512];
            size_t n = strlen(chain);
            if (n < 2 || n - 2 >= sizeof(callee))
                return r;
            memcpy(callee, chain, n - 2);
            callee[n - 2] = 0;
            if (matches_any(&q->functions, callee))
                r.kind = HR_QUERY_EXECUTE;
        }
        break;
    case HR_KN_ON_CHAIN:
        if (!s->has_receiver || (!exec && !lazy) || !matches_any(&q->receivers, s->receiver) ||
            matches_any(&q->except_receivers, s->receiver))
            return r;
        {
            /* `session = aiohttp.ClientSession()`: what the variable holds may be excluded */
            char root[256];
            chain_root(root, sizeof(root), s->receiver);
            const char *v = local_value(cx, root);
            if (v) {
                char buf[1024];
                snprintf(buf, sizeof(buf), "%s%s", v, s->receiver + strlen(root));
                if (matches_any(&q->except_receivers, buf))
                    return r;
            }
        }
        r.kind = exec ? HR_QUERY_EXECUTE : HR_QUERY_LAZY;
        break;
    case HR_KN_ON_MODEL: {
        if (!s->has_receiver || (!exec && !lazy))
            return r;
        char cls[512];
        size_t n = class_prefix(cx->p, cx->m, s->receiver, &q->bases, cls, sizeof(cls));
        if (!n || !rest_is_lazy(q, s->receiver + n))
            return r;
        r.kind = exec ? HR_QUERY_EXECUTE : HR_QUERY_LAZY;
        break;
    }
    case HR_KN_ON_INSTANCE: {
        if (!s->has_receiver || (!exec && !lazy) || strchr(s->receiver, '.') ||
            strchr(s->receiver, '('))
            return r;
        char cls[256];
        if (!instance_class(cx, s->receiver, q, cls, sizeof(cls), depth))
            return r;
        /* `get?*` stands for association accessors (order.getCustomer()); a
         * method the model class defines itself (user.getFullName()) is not one */
        if (!hr_strs_contains(exec ? &q->execute : &q->lazy, s->method) &&
            class_defines(cx->p, cx->m, cls, s->method))
            return r;
        r.kind = exec ? HR_QUERY_EXECUTE : HR_QUERY_LAZY;
        break;
    }
    }
    if (r.kind != HR_QUERY_NONE) {
        r.entry = q;
        r.write = method_in(q, &q->writes, s->method) ||
                  (q->on != HR_KN_ON_CALL && s->has_receiver && receiver_writes(q, s->receiver));
        r.bulk = method_in(q, &q->bulk, s->method);
    }
    return r;
}

enum { CLASSIFY_MAX_DEPTH = 4 };

static hr_query_match classify_chain(const classify_ctx *cx, const char *chain, int depth)
{
    hr_query_match none = {0};
    split_chain s;
    if (depth > CLASSIFY_MAX_DEPTH || !chain || !split(&s, chain) || !s.is_call)
        return none;
    const method_index *mi = &cx->p->methods[cx->m->lang];
    const uint8_t *bits = method_bits(mi, s.method);
    for (uint32_t i = 0; i < cx->kl->queries.len; i++) {
        const hr_kn_query *q = &HR_VEC_AT(cx->kl->queries, hr_kn_query, i);
        hr_query_match r = match_entry(cx, q, &s, chain, depth, bits ? bits + i : NULL,
                                       mi->wild && mi->wild[i], mi->wild_exec ? &mi->wild_exec[i] : NULL,
                                       mi->wild_lazy ? &mi->wild_lazy[i] : NULL);
        if (r.kind != HR_QUERY_NONE)
            return r;
    }
    /* Look through a local variable at the root: qs = X.objects.filter(); qs.count() */
    if (s.has_receiver) {
        char root[256];
        chain_root(root, sizeof(root), chain);
        const hr_assign *va = local_assign(cx, root);
        const char *v = va ? va->value : NULL;
        hr_query_kind vk = v ? classify_chain(cx, v, depth + 1).kind : HR_QUERY_NONE;
        /* JS: `rows = await knex("t").where(...)` holds the rows, not the builder */
        bool awaited = va && va->value_call >= 0 && (uint32_t)va->value_call < cx->m->calls.len &&
                       (HR_VEC_AT(cx->m->calls, hr_call, va->value_call).flags & HR_CALL_AWAITED);
        /* not through a query's result: `rows = Order.objects.in_bulk(ids)` is a dict */
        if (v && strlen(v) + strlen(chain) < 1000 && vk != HR_QUERY_EXECUTE &&
            !(awaited && vk == HR_QUERY_LAZY)) {
            char buf[1024];
            snprintf(buf, sizeof(buf), "%s%s", v, chain + strlen(root));
            if (strcmp(buf, chain) != 0)
                return classify_chain(cx, buf, depth + 1);
        }
    }
    return none;
}

hr_query_match hr_project_classify_call(const hr_project *p, const hr_file_model *m, int32_t index)
{
    hr_query_match none = {0};
    if (index < 0 || (uint32_t)index >= m->calls.len)
        return none;
    const hr_call *c = &HR_VEC_AT(m->calls, hr_call, index);
    classify_ctx cx = {p, m, c->function, &p->knowledge->lang[m->lang]};
    if (!c->resolved)
        return none;
    char chain[1024];
    size_t rl = strlen(c->resolved);
    if (rl + 3 > sizeof(chain))
        return none;
    memcpy(chain, c->resolved, rl); /* "%s()" without snprintf's cost (perf3) */
    memcpy(chain + rl, "()", 3);
    hr_query_match r = classify_chain(&cx, chain, 0);
    /* An outbound HTTP call is never a query, whatever its receiver is
     * called: `session.get(url)` on `aiohttp.ClientSession() as session`. */
    if (r.kind != HR_QUERY_NONE && c->receiver && hr_project_http_entry(p, m, index))
        return none;
    if (r.kind != HR_QUERY_NONE)
        return r;
    /* list(qs), len(Order.objects.filter(...)): an evaluator forces a lazy query. */
    if (!c->receiver && c->args.n >= 1 && in_list(&cx.kl->evaluators, c->name) &&
        strcmp(c->resolved, c->name) == 0) {
        const char *arg = c->args.v[0];
        if (strcmp(arg, "?") != 0 && !strstr(arg, "()")) {
            const char *v = local_value(&cx, arg);
            if (v)
                arg = v;
        }
        hr_query_match a = classify_chain(&cx, arg, 1);
        if (a.kind == HR_QUERY_LAZY) {
            a.kind = HR_QUERY_EXECUTE;
            a.via_evaluator = true;
            return a;
        }
    }
    return none;
}

hr_query_match hr_project_classify_value(const hr_project *p, const hr_file_model *m,
                                         int32_t function, const char *chain)
{
    hr_query_match none = {0};
    if (!chain || strcmp(chain, "?") == 0)
        return none;
    classify_ctx cx = {p, m, function, &p->knowledge->lang[m->lang]};
    if (!strchr(chain, '(') && !strchr(chain, '.') && !strchr(chain, '[')) {
        const char *v = local_value(&cx, chain);
        if (!v)
            return none;
        chain = v;
    }
    return classify_chain(&cx, chain, 1);
}

/* ---- hash index over string keys (see project_internal.h) ---- */

/* A hash of s[0..n) read 8 bytes at a time (hr_hash_bytes' byte-at-a-time
 * FNV was most of a lookup's cost for long qualified names). */
static uint64_t name_hash(const char *s, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 29;
    }
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

static const char *name_key(const hr_name_index *x, size_t i)
{
    return *(const char *const *)(x->base + i * x->stride + x->key_off);
}

void hr_name_index_build(hr_name_index *out, const void *base, size_t n, size_t stride, size_t key_off)
{
    memset(out, 0, sizeof(*out));
    out->base = base;
    out->stride = stride;
    out->key_off = key_off;
    if (n >= UINT32_MAX / 4) {
        fprintf(stderr, "headroom: out of memory (name index of %zu keys)\n", n);
        abort();
    }
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    out->slots = hr_xcalloc(cap, sizeof(*out->slots));
    out->mask = cap - 1;
    size_t fbits = 512;
    while (fbits < n * 8)
        fbits *= 2;
    out->filter = hr_xcalloc(fbits / 64, sizeof(*out->filter));
    out->fmask = fbits - 1;
    for (size_t i = 0; i < n; i++) {
        const char *k = name_key(out, i);
        size_t len = strlen(k);
        uint64_t h = name_hash(k, len);
        size_t fb = (size_t)(h >> 20) & out->fmask;
        out->filter[fb / 64] |= (uint64_t)1 << (fb % 64);
        uint64_t tag = (h >> 32) << 32;
        size_t at = (size_t)h & out->mask;
        bool seen = false;
        for (; out->slots[at]; at = (at + 1) & out->mask) {
            uint64_t s = out->slots[at];
            if ((s & ~(uint64_t)UINT32_MAX) == tag && strcmp(name_key(out, (s & UINT32_MAX) - 1), k) == 0) {
                seen = true; /* keep the first element with this key */
                break;
            }
        }
        if (!seen)
            out->slots[at] = tag | (uint64_t)(i + 1);
    }
}

int64_t hr_name_index_find(const hr_name_index *x, const char *key, size_t len)
{
    if (!x->slots)
        return -1;
    uint64_t h = name_hash(key, len);
    size_t fb = (size_t)(h >> 20) & x->fmask;
    if (!((x->filter[fb / 64] >> (fb % 64)) & 1))
        return -1; /* no key has this hash */
    uint64_t tag = (h >> 32) << 32;
    for (size_t at = (size_t)h & x->mask; x->slots[at]; at = (at + 1) & x->mask) {
        uint64_t s = x->slots[at];
        if ((s & ~(uint64_t)UINT32_MAX) != tag)
            continue;
        size_t i = (size_t)(s & UINT32_MAX) - 1;
        const char *k = name_key(x, i);
        if (strncmp(k, key, len) == 0 && k[len] == 0)
            return (int64_t)i;
    }
    return -1;
}

void hr_name_index_free(hr_name_index *x)
{
    free(x->slots);
    free(x->filter);
    memset(x, 0, sizeof(*x));
}

/* ---- globs by first character (see project_internal.h) ---- */

static int glob_bucket(const char *g)
{
    unsigned char c = (unsigned char)g[0];
    return c == 0 || c == '*' || c == '?' ? HR_GLOB_WILD : c;
}

void hr_glob_index_add(hr_vec *tmp, hr_arena *a, const hr_strs *globs)
{
    for (uint32_t i = 0; i < globs->n; i++)
        *HR_VEC_PUSH(a, tmp, const char *) = globs->v[i];
}

static int glob_cmp_str_ptr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A glob hr_dotted_glob matches against equal texts only. It needs no
 * wildcard; matching itself rules out one over the segment limit, which
 * matches nothing. */
static bool literal_glob(const char *g)
{
    return !strpbrk(g, "*?") && hr_dotted_glob(g, g);
}

/* Sorts the literal globs collected in tmp and buckets the others (a
 * counting sort: order within a bucket does not matter, the index only
 * answers "does any match"). */
void hr_glob_index_build(hr_glob_index *gi, hr_arena *a, hr_vec *tmp)
{
    memset(gi->start, 0, sizeof(gi->start));
    gi->lit = hr_arena_array(a, tmp->len ? tmp->len : 1, sizeof(const char *));
    gi->nlit = 0;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < tmp->len; i++) {
        const char *g = HR_VEC_AT(*tmp, const char *, i);
        if (literal_glob(g))
            gi->lit[gi->nlit++] = g;
        else if (!strpbrk(g, "*?"))
            continue; /* literal over the segment limit: matches nothing */
        else
            HR_VEC_AT(*tmp, const char *, kept++) = g;
    }
    tmp->len = kept;
    if (gi->nlit)
        qsort(gi->lit, gi->nlit, sizeof(*gi->lit), glob_cmp_str_ptr);
    /* the literal globs by hash: one lookup instead of a binary search of
     * strcmp per text (perf3) */
    size_t cap = 16;
    while (cap < (size_t)gi->nlit * 2)
        cap *= 2;
    gi->lslots = hr_arena_array(a, cap, sizeof(*gi->lslots));
    gi->lmask = cap - 1;
    for (uint32_t i = 0; i < gi->nlit; i++) {
        uint64_t h = name_hash(gi->lit[i], strlen(gi->lit[i]));
        size_t at = (size_t)h & gi->lmask;
        while (gi->lslots[at])
            at = (at + 1) & gi->lmask; /* duplicates may stay: any equal one answers */
        gi->lslots[at] = ((h >> 32) << 32) | (uint64_t)(i + 1);
    }
    for (uint32_t i = 0; i < tmp->len; i++)
        gi->start[glob_bucket(HR_VEC_AT(*tmp, const char *, i)) + 1]++;
    for (int b = 0; b <= HR_GLOB_WILD; b++)
        gi->start[b + 1] += gi->start[b];
    uint32_t fill[HR_GLOB_WILD + 1];
    memcpy(fill, gi->start, sizeof(fill));
    gi->v = hr_arena_array(a, tmp->len ? tmp->len : 1, sizeof(const char *));
    for (uint32_t i = 0; i < tmp->len; i++) {
        const char *g = HR_VEC_AT(*tmp, const char *, i);
        gi->v[fill[glob_bucket(g)]++] = g;
    }
}

static bool glob_bucket_any(const hr_glob_index *gi, int b, const char *text)
{
    for (uint32_t i = gi->start[b]; i < gi->start[b + 1]; i++)
        if (hr_dotted_glob(gi->v[i], text))
            return true;
    return false;
}

/* matches_any over an index. */
bool hr_glob_index_any(const hr_glob_index *gi, const char *text)
{
    if (!text)
        return false;
    if (gi->nlit) {
        uint64_t h = name_hash(text, strlen(text));
        uint64_t tag = (h >> 32) << 32;
        for (size_t at = (size_t)h & gi->lmask; gi->lslots[at]; at = (at + 1) & gi->lmask)
            if ((gi->lslots[at] & ~(uint64_t)UINT32_MAX) == tag &&
                strcmp(gi->lit[(gi->lslots[at] & UINT32_MAX) - 1], text) == 0)
                return true;
    }
    if (gi->start[HR_GLOB_WILD + 1] == 0)
        return false;
    if (!text[0]) { /* every bucket */
        for (uint32_t i = 0; i < gi->start[HR_GLOB_WILD + 1]; i++)
            if (hr_dotted_glob(gi->v[i], text))
                return true;
        return false;
    }
    return glob_bucket_any(gi, (unsigned char)text[0], text) || glob_bucket_any(gi, HR_GLOB_WILD, text);
}
