/* summary.c - function summaries: which project function a call runs, and
 * what each function does when it runs (a query, an HTTP call, a blocking
 * call), transitively, with one witness per effect.
 *
 * Functions get a global id (the file's offset plus the function's index).
 * Building is one pass over every call and attribute read (direct effects
 * and edges to the project functions they run, properties included) and a
 * worklist over the reversed edges: when a function gains an effect bit its
 * callers gain it too, with the edge as witness. A bit is set once, so the
 * pass is linear in the edges and cycles end by themselves; following the
 * witnesses from any function reaches a direct effect in at most as many
 * steps as there are functions (rules cap the shown chain). */
#include "project_internal.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NBITS = 3, RESOLVE_MAX_DEPTH = 8, NAME_LEN = 512 };

typedef struct witness {
    int32_t callee;       /* gid of the function the effect comes through, or -1 (direct) */
    hr_span span;         /* the call, loop head or attribute read in this function */
    const char *what;     /* as written */
    const char *relation; /* conditional: a lazy read of this relation of self */
    int32_t stmt_param;   /* the query's SQL text is this parameter of the function, or -1 */
} witness;

typedef struct fn_sum {
    uint32_t effects;
    witness w[NBITS];
} fn_sum;

typedef struct edge {
    uint32_t caller, callee;
    hr_span span;
    const char *what;
    bool self_call; /* on self / cls: a relation read in the callee stays conditional */
    const hr_file_model *m; /* the call, for statement parameters */
    int32_t call;           /* or -1 for a property read */
} edge;

typedef struct qual_entry {
    const char *qualname;
    uint32_t gid;
} qual_entry;

typedef struct file_entry {
    const hr_file_model *m;
    uint32_t index;
} file_entry;

typedef struct many_use {
    const hr_class *cls;
    const hr_file_model *m;
    hr_span span;
} many_use;


enum { BLOCK_LIST, BLOCK_EFFECT, BLOCK_UNLESS_AWAITED, BLOCK_KINDS };

struct hr_summaries {
    hr_arena arena;
    hr_glob_index blocking[HR_LANG_COUNT][BLOCK_KINDS]; /* is_blocking's globs */
    hr_glob_index *http[HR_LANG_COUNT]; /* per `http:` entry, its functions (perf3) */
    hr_glob_index http_any[HR_LANG_COUNT]; /* all of them: a callee none matches skips the entries */
    bool http_indexed;                  /* http is built: hr_project_http_entry reads it */
    hr_file_model *const *models;
    size_t nfiles;
    uint32_t *offset;      /* per file: gid of its function 0 */
    uint32_t total;
    fn_sum *sums;          /* by gid */
    qual_entry *byq;       /* sorted by qualname */
    size_t nq;
    qual_entry *bytail;    /* the same by the last two segments of the qualname (those with
                            * three or more), for imports that spell another package path */
    size_t ntail;
    hr_name_index byq_index;    /* hash indexes over byq and bytail (perf3) */
    hr_name_index bytail_index;
    file_entry *files;     /* sorted by model address */
    size_t nfe;
    many_use *many;        /* serializers used for many objects, sorted by class address */
    size_t nmany;
    hr_arena *scan_arenas; /* one per scanning thread: witness texts and edges (scan_all) */
    int nscan_arenas;
};

static int bit_index(hr_effect e)
{
    return e == HR_EFFECT_QUERY ? 0 : e == HR_EFFECT_HTTP ? 1 : e == HR_EFFECT_BLOCKING ? 2 : -1;
}

static bool copy_n(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return false;
    memcpy(out, s, n);
    out[n] = 0;
    return true;
}

static bool matches_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

/* matches_any for callee chains. (A tail prefilter used to sit here: since
 * hr_dotted_glob rejects on the first and last characters before scanning
 * segments, the prefilter costs more than it saves.) */
static bool callee_matches_any(const hr_strs *globs, const char *chain)
{
    return matches_any(globs, chain);
}

static int qual_cmp(const void *a, const void *b)
{
    const qual_entry *x = a, *y = b;
    int c = strcmp(x->qualname, y->qualname);
    return c ? c : (x->gid > y->gid) - (x->gid < y->gid);
}

static int file_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const file_entry *)a)->m, y = (uintptr_t)((const file_entry *)b)->m;
    return x < y ? -1 : x > y;
}

static int32_t file_index(const hr_summaries *s, const hr_file_model *m)
{
    size_t lo = 0, hi = s->nfe;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t k = (uintptr_t)s->files[mid].m;
        if (k == (uintptr_t)m)
            return (int32_t)s->files[mid].index;
        if (k < (uintptr_t)m)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int64_t gid_of(const hr_summaries *s, const hr_file_model *m, int32_t fn)
{
    int32_t fi = file_index(s, m);
    if (fi < 0 || fn < 0 || (uint32_t)fn >= m->functions.len)
        return -1;
    return (int64_t)s->offset[fi] + fn;
}

/* The file and function of a gid. */
static const hr_file_model *fn_of(const hr_summaries *s, uint32_t gid, int32_t *fn)
{
    size_t lo = 0, hi = s->nfiles;
    while (hi - lo > 1) { /* last file whose offset <= gid */
        size_t mid = lo + (hi - lo) / 2;
        if (s->offset[mid] <= gid)
            lo = mid;
        else
            hi = mid;
    }
    /* skipped files have no functions: step to the one that holds gid */
    while (lo < s->nfiles && (!s->models[lo] || gid >= s->offset[lo] + s->models[lo]->functions.len))
        lo++;
    if (lo >= s->nfiles)
        return NULL;
    *fn = (int32_t)(gid - s->offset[lo]);
    return s->models[lo];
}

/* The first function (in byq order) whose qualname is q, or -1. */
static int64_t find_qual(const hr_summaries *s, const char *q)
{
    int64_t i = hr_name_index_find(&s->byq_index, q, strlen(q));
    return i < 0 ? -1 : (int64_t)s->byq[i].gid;
}

/* A function whose qualname ends with `tail` (at a segment boundary), when
 * exactly one does: the import spells a longer or shorter package path than
 * the module names discovery derived. */
static int64_t find_qual_tail(const hr_summaries *s, const char *tail)
{
    int64_t at = hr_name_index_find(&s->bytail_index, tail, strlen(tail));
    if (at < 0)
        return -1;
    size_t lo = (size_t)at; /* the first entry equal to tail */
    if (lo + 1 < s->ntail && strcmp(s->bytail[lo + 1].qualname, tail) == 0)
        return -1; /* ambiguous: stay quiet */
    return s->bytail[lo].gid;
}

/* The last two segments of a qualname with three or more, or NULL. */
static const char *qual_tail(const char *q)
{
    const char *last = strrchr(q, '.');
    if (!last)
        return NULL;
    const char *p = last;
    while (p > q && p[-1] != '.')
        p--;
    return p > q ? p : NULL;
}

/* ---- resolution ---- */

/* Method `name` of class cls (in cm) or of its project bases. */
static int64_t method_of(const hr_project *p, const hr_summaries *s, const hr_file_model *cm,
                         const hr_class *cls, const char *name, int depth)
{
    if (!cls || depth > RESOLVE_MAX_DEPTH)
        return -1;
    char q[NAME_LEN];
    int w = snprintf(q, sizeof(q), "%s.%s", cls->qualname, name);
    if (w > 0 && (size_t)w < sizeof(q)) {
        int64_t g = find_qual(s, q);
        if (g >= 0) {
            int32_t fn;
            const hr_file_model *fm = fn_of(s, (uint32_t)g, &fn);
            if (fm && HR_FUNC(fm, fn)->class_index >= 0 && HR_CLASS(fm, HR_FUNC(fm, fn)->class_index) == cls)
                return g;
        }
    }
    for (uint32_t i = 0; i < cls->bases.n; i++) {
        const hr_file_model *bm = NULL;
        const hr_class *bc = hr_project_class(p, cm, cls->bases.v[i], &bm);
        if (bc && bc != cls) {
            int64_t g = method_of(p, s, bm, bc, name, depth + 1);
            if (g >= 0)
                return g;
        }
    }
    return -1;
}

static const hr_class *enclosing_class(const hr_file_model *m, int32_t fn, const hr_file_model **cm)
{
    for (int guard = 0; fn > 0 && guard < 64; guard++) {
        const hr_function *f = HR_FUNC(m, fn);
        if (f->class_index >= 0) {
            *cm = m;
            return HR_CLASS(m, f->class_index);
        }
        fn = f->parent;
    }
    return NULL;
}

/* The class of a receiver chain read in function fn: a variable, self,
 * self.attr, or var.relation... through the catalogue. */
static const hr_class *receiver_class(const hr_project *p, const hr_file_model *m, int32_t fn, const char *recv,
                                      const hr_file_model **cm, int depth)
{
    *cm = NULL;
    if (strpbrk(recv, "(["))
        return NULL;
    const hr_class *c = hr_rows_var_class_d(p, m, fn, recv, cm, depth + 1);
    if (c)
        return c;
    /* o.customer.method(): through relations of a known model */
    const char *dot = strchr(recv, '.');
    char var[NAME_LEN];
    if (!dot || !copy_n(var, sizeof(var), recv, (size_t)(dot - recv)))
        return NULL;
    const hr_orm_model *om = hr_rows_var_model_d(p, m, fn, var, NULL, depth + 1);
    for (const char *seg = dot + 1; om && seg && *seg;) {
        const char *next = strchr(seg, '.');
        char name[NAME_LEN];
        if (!copy_n(name, sizeof(name), seg, next ? (size_t)(next - seg) : strlen(seg)))
            return NULL;
        const hr_orm_relation *rel = hr_orm_find_relation(om, name);
        if (!rel || rel->kind != HR_REL_TO_ONE)
            return NULL;
        om = hr_project_orm_by_qualname(p, rel->target);
        seg = next ? next + 1 : NULL;
    }
    if (!om)
        return NULL;
    *cm = om->file;
    return om->cls;
}

static int64_t resolve(const hr_project *p, const hr_summaries *s, const hr_file_model *m, int32_t ci,
                       bool *self_call, int depth)
{
    const hr_call *c = HR_CALL(m, ci);
    if (self_call)
        *self_call = false;
    if (!c->resolved || strcmp(c->name, "?") == 0 || strcmp(c->name, "()") == 0 || strcmp(c->name, "[]") == 0)
        return -1;
    if (!(c->flags & HR_CALL_METHOD)) {
        const char *name = c->resolved;
        if (strpbrk(name, "(["))
            return -1;
        char q[NAME_LEN];
        if (!strchr(name, '.')) {
            /* a def nested in an enclosing function, then a module-level one */
            for (int32_t f = c->function; f >= 0 && (uint32_t)f < m->functions.len;) {
                const hr_function *fn = HR_FUNC(m, f);
                int w = f == 0 ? (m->module[0] ? snprintf(q, sizeof(q), "%s.%s", m->module, name)
                                               : snprintf(q, sizeof(q), "%s", name))
                               : snprintf(q, sizeof(q), "%s.%s", fn->qualname, name);
                if (w > 0 && (size_t)w < sizeof(q)) {
                    int64_t g = find_qual(s, q);
                    int32_t gfn;
                    const hr_file_model *gm = g >= 0 ? fn_of(s, (uint32_t)g, &gfn) : NULL;
                    if (gm == m && HR_FUNC(m, gfn)->parent == f && HR_FUNC(m, gfn)->class_index < 0)
                        return g;
                }
                if (f == 0)
                    break;
                f = fn->parent;
            }
            return -1;
        }
        int64_t g = find_qual(s, name);
        if (g < 0) {
            /* last two segments: module.function */
            const char *last = strrchr(name, '.');
            const char *tail = last - 1;
            while (tail > name && tail[-1] != '.')
                tail--;
            g = find_qual_tail(s, tail);
        }
        if (g >= 0) {
            int32_t gfn;
            const hr_file_model *gm = fn_of(s, (uint32_t)g, &gfn);
            if (!gm || HR_FUNC(gm, gfn)->parent != 0) /* module-level functions only */
                return -1;
        }
        return g;
    }
    const char *recv = c->receiver;
    if (!recv)
        return -1;
    const hr_file_model *cm = NULL;
    const hr_class *cls = NULL;
    if (strcmp(recv, "super()") == 0) {
        const hr_class *own = enclosing_class(m, c->function, &cm);
        for (uint32_t i = 0; own && i < own->bases.n; i++) {
            const hr_file_model *bm = NULL;
            const hr_class *bc = hr_project_class(p, m, own->bases.v[i], &bm);
            int64_t g = bc ? method_of(p, s, bm, bc, c->name, 0) : -1;
            if (g >= 0) {
                if (self_call)
                    *self_call = true;
                return g;
            }
        }
        return -1;
    }
    if (strpbrk(recv, "(["))
        return -1;
    bool is_self = strcmp(recv, "self") == 0 || strcmp(recv, "cls") == 0;
    cls = receiver_class(p, m, c->function, recv, &cm, depth);
    if (cls) {
        if (self_call)
            *self_call = is_self;
        return method_of(p, s, cm, cls, c->name, 0);
    }
    if (is_self)
        return -1;
    /* Class.method() (static and class methods) */
    cls = hr_project_class(p, m, recv, &cm);
    if (cls)
        return method_of(p, s, cm, cls, c->name, 0);
    /* module.function() */
    if (strchr(c->resolved, '.') && strcmp(c->resolved, c->callee) != 0) {
        int64_t g = find_qual(s, c->resolved);
        int32_t gfn;
        const hr_file_model *gm = g >= 0 ? fn_of(s, (uint32_t)g, &gfn) : NULL;
        if (gm && HR_FUNC(gm, gfn)->parent == 0)
            return g;
    }
    return -1;
}

bool hr_project_resolve_call(const hr_project *p, const hr_file_model *m, int32_t call,
                             const hr_file_model **out_m, int32_t *out_fn)
{
    return hr_summary_resolve_d(p, m, call, out_m, out_fn, 0);
}

bool hr_summary_resolve_d(const hr_project *p, const hr_file_model *m, int32_t call,
                          const hr_file_model **out_m, int32_t *out_fn, int depth)
{
    const hr_summaries *s = hr_project_summaries(p);
    if (out_m)
        *out_m = NULL;
    if (out_fn)
        *out_fn = -1;
    if (!s || call < 0 || (uint32_t)call >= m->calls.len || depth > HR_DEEP_MAX)
        return false;
    int64_t g = resolve(p, s, m, call, NULL, depth);
    if (g < 0)
        return false;
    int32_t fn;
    const hr_file_model *fm = fn_of(s, (uint32_t)g, &fn);
    if (!fm)
        return false;
    if (out_m)
        *out_m = fm;
    if (out_fn)
        *out_fn = fn;
    return true;
}

/* The property a read attribute denotes: `x.prop...` with x of a known class
 * whose `prop` is a property. */
static int64_t resolve_attr(const hr_project *p, const hr_summaries *s, const hr_file_model *m,
                            const hr_attr *a, bool *self_call)
{
    *self_call = false;
    const char *dot = strchr(a->chain, '.');
    if (!dot)
        return -1;
    const char *name = dot + 1;
    size_t n = strcspn(name, ".");
    char prop[NAME_LEN];
    if (!copy_n(prop, sizeof(prop), name, n))
        return -1;
    const hr_file_model *cm = NULL;
    const hr_class *cls = hr_project_var_class(p, m, a->function, a->root, &cm);
    if (!cls)
        return -1;
    int64_t g = method_of(p, s, cm, cls, prop, 0);
    if (g < 0)
        return -1;
    int32_t fn;
    const hr_file_model *fm = fn_of(s, (uint32_t)g, &fn);
    if (!fm || !(HR_FUNC(fm, fn)->flags & HR_FN_PROPERTY))
        return -1;
    *self_call = strcmp(a->root, "self") == 0;
    return g;
}

/* ---- direct effects ---- */

/* The value a local name holds in fn (assigned once there, or in an
 * enclosing function that neither assigns nor binds it). */
static const char *var_value(const hr_file_model *m, int32_t fn, const char *name)
{
    for (int guard = 0; fn >= 0 && (uint32_t)fn < m->functions.len && guard < 64; guard++) {
        const hr_assign *first = NULL;
        uint32_t count = hr_model_assigns_to(m, fn, name, &first);
        if (count == 1)
            return strcmp(first->value, "?") ? first->value : NULL;
        if (count > 1 || fn == 0 || hr_strs_contains(&HR_FUNC(m, fn)->params, name))
            return NULL;
        fn = HR_FUNC(m, fn)->parent;
    }
    return NULL;
}

/* `self.session` assigned in a method of the same class: its value. */
static const char *self_attr_value(const hr_file_model *m, int32_t fn, const char *chain)
{
    const hr_file_model *cm = NULL;
    const hr_class *own = enclosing_class(m, fn, &cm);
    if (!own)
        return NULL;
    const char *v = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (strcmp(a->target, chain) != 0)
            continue;
        const hr_file_model *am = NULL;
        if (enclosing_class(m, a->function, &am) != own)
            continue;
        if (v && strcmp(v, a->value) != 0)
            return NULL;
        v = a->value;
    }
    return v && strcmp(v, "?") ? v : NULL;
}

/* A parameter's annotation as a constructed value: `client: httpx.AsyncClient`
 * gives "httpx.AsyncClient()". */
static const char *param_value(const hr_file_model *m, int32_t fn, const char *name, char *buf, size_t cap)
{
    for (int guard = 0; fn > 0 && (uint32_t)fn < m->functions.len && guard < 64; guard++) {
        const hr_function *f = HR_FUNC(m, fn);
        for (uint32_t i = 0; i < f->params.n; i++) {
            if (strcmp(f->params.v[i], name) != 0)
                continue;
            const char *t = i < f->param_types.n ? f->param_types.v[i] : NULL;
            if (!t || strpbrk(t, "[]|\"'"))
                return NULL;
            char resolved[NAME_LEN];
            if (!hr_resolve_ro(resolved, sizeof(resolved), m, t))
                return NULL;
            int w = snprintf(buf, cap, "%s()", resolved);
            return w > 0 && (size_t)w < cap ? buf : NULL;
        }
        fn = f->parent;
    }
    return NULL;
}

bool hr_project_is_http(const hr_project *p, const hr_file_model *m, int32_t call, const char **framework)
{
    const hr_kn_http *e = hr_project_http_entry(p, m, call);
    if (e && framework)
        *framework = e->framework;
    return e != NULL;
}

/* The receiver of c with its root replaced by what the variable (or
 * `self.` attribute, or parameter default) holds, into subst; false when
 * there is none. */
static bool http_subst(const hr_file_model *m, const hr_call *c, char subst[NAME_LEN])
{
    const char *recv = c->receiver;
    bool have_subst = false;
    if (recv && !strpbrk(recv, "([")) {
        size_t root = strcspn(recv, ".");
        char name[NAME_LEN];
        const char *v = NULL;
        size_t consumed = root;
        if (hr_str_starts_with(recv, "self.")) {
            size_t n2 = 5 + strcspn(recv + 5, ".");
            if (copy_n(name, sizeof(name), recv, n2))
                v = self_attr_value(m, c->function, name);
            consumed = n2;
        } else if (copy_n(name, sizeof(name), recv, root)) {
            v = var_value(m, c->function, name);
            char pbuf[NAME_LEN];
            if (!v)
                v = param_value(m, c->function, name, pbuf, sizeof(pbuf));
            if (v == pbuf) { /* keep it past this block */
                int w = snprintf(subst, NAME_LEN, "%s%s", pbuf, recv + root);
                have_subst = w > 0 && (size_t)w < NAME_LEN;
                v = NULL;
            }
        }
        if (v) {
            int w = snprintf(subst, NAME_LEN, "%s%s", v, recv + consumed);
            have_subst = w > 0 && (size_t)w < NAME_LEN;
        }
    }
    return have_subst;
}

const hr_kn_http *hr_project_http_entry(const hr_project *p, const hr_file_model *m, int32_t call)
{
    if (call < 0 || (uint32_t)call >= m->calls.len)
        return NULL;
    const hr_kn_lang *kl = hr_project_kn(p, m->lang);
    const hr_call *c = HR_CALL(m, call);
    const char *recv = c->receiver;
    char subst[NAME_LEN];
    int have_subst = 0; /* 0: not computed yet (only an entry's receivers need it: perf3) */
    const hr_summaries *s = hr_project_summaries(p);
    const hr_glob_index *gi = s && s->http_indexed ? s->http[m->lang] : NULL;
    /* no entry's functions can match a callee none of them together matches */
    bool any_fn = !gi || hr_glob_index_any(&s->http_any[m->lang], c->resolved);
    for (uint32_t i = 0; i < kl->http.len; i++) {
        const hr_kn_http *e = &HR_VEC_AT(kl->http, hr_kn_http, i);
        bool hit = e->functions.n && any_fn &&
                   (gi ? hr_glob_index_any(&gi[i], c->resolved) : callee_matches_any(&e->functions, c->resolved));
        if (!hit && e->receivers.n && recv && hr_strs_contains(&e->methods, c->name)) {
            if (matches_any(&e->receivers, recv) && !matches_any(&e->except_receivers, recv))
                hit = true;
            else {
                if (!have_subst)
                    have_subst = http_subst(m, c, subst) ? 1 : -1;
                if (have_subst > 0 && matches_any(&e->receivers, subst) &&
                    !matches_any(&e->except_receivers, subst))
                    hit = true;
            }
        }
        if (hit)
            return e;
    }
    return NULL;
}

static void build_blocking_index(hr_summaries *s, const hr_project *p)
{
    for (int lang = 0; lang < HR_LANG_COUNT; lang++) {
        const hr_kn_lang *kl = hr_project_kn(p, (hr_lang)lang);
        for (int kind = 0; kind < BLOCK_KINDS; kind++) {
            hr_vec tmp = {0};
            if (kind == BLOCK_LIST)
                hr_glob_index_add(&tmp, &s->arena, &kl->blocking);
            for (uint32_t i = 0; kind != BLOCK_LIST && i < kl->effects.len; i++) {
                const hr_kn_effect *e = &HR_VEC_AT(kl->effects, hr_kn_effect, i);
                if ((e->kinds & HR_KN_EFFECT_BLOCKING) && e->unless_awaited == (kind == BLOCK_UNLESS_AWAITED))
                    hr_glob_index_add(&tmp, &s->arena, &e->functions);
            }
            hr_glob_index_build(&s->blocking[lang][kind], &s->arena, &tmp);
        }
        s->http[lang] = hr_arena_array(&s->arena, kl->http.len ? kl->http.len : 1, sizeof(hr_glob_index));
        hr_vec all = {0};
        for (uint32_t i = 0; i < kl->http.len; i++) {
            hr_vec tmp = {0};
            hr_glob_index_add(&tmp, &s->arena, &HR_VEC_AT(kl->http, hr_kn_http, i).functions);
            hr_glob_index_add(&all, &s->arena, &HR_VEC_AT(kl->http, hr_kn_http, i).functions);
            hr_glob_index_build(&s->http[lang][i], &s->arena, &tmp);
        }
        hr_glob_index_build(&s->http_any[lang], &s->arena, &all);
    }
    s->http_indexed = true;
}

/* A call the `blocking:` list names, or the `effects:` knowledge says blocks
 * its thread (typed callee globs: the resolved callee, or the method on what
 * the receiver's variable holds). The globs come from s's index. */
static bool is_blocking(const hr_summaries *s, const hr_file_model *m, const hr_call *c)
{
    const hr_glob_index *gi = s->blocking[m->lang];
    char typed[NAME_LEN];
    bool have_typed = false;
    if (c->receiver && !strpbrk(c->receiver, "([")) {
        char root[NAME_LEN];
        size_t n = strcspn(c->receiver, ".");
        const char *v = copy_n(root, sizeof(root), c->receiver, n) ? var_value(m, c->function, root) : NULL;
        if (v) {
            int w = snprintf(typed, sizeof(typed), "%s%s.%s", v, c->receiver + n, c->name);
            have_typed = w > 0 && (size_t)w < sizeof(typed);
        }
    }
    if (hr_glob_index_any(&gi[BLOCK_LIST], c->resolved) || hr_glob_index_any(&gi[BLOCK_EFFECT], c->resolved) ||
        (have_typed && hr_glob_index_any(&gi[BLOCK_EFFECT], typed)))
        return true;
    if (c->flags & HR_CALL_AWAITED)
        return false;
    return hr_glob_index_any(&gi[BLOCK_UNLESS_AWAITED], c->resolved) ||
           (have_typed && hr_glob_index_any(&gi[BLOCK_UNLESS_AWAITED], typed));
}

/* Whether call ci's value is evaluated: iterated, or the first argument of
 * an evaluator such as list() or len(). */
static bool evaluated(const hr_project *p, const hr_file_model *m, int32_t ci)
{
    const hr_call *c = HR_CALL(m, ci);
    if (c->flags & HR_CALL_LOOP_ITERABLE)
        return true;
    const hr_kn_lang *kl = hr_project_kn(p, m->lang);
    for (int32_t k = ci - 1; k >= 0 && k >= ci - 4; k--) {
        const hr_call *e = HR_CALL(m, k);
        if (e->receiver || !e->args.n || !hr_strs_contains(&kl->evaluators, e->name) ||
            c->span.start_byte < e->span.start_byte || c->span.end_byte > e->span.end_byte)
            continue;
        size_t n = strlen(c->callee);
        return strncmp(e->args.v[0], c->callee, n) == 0 && strcmp(e->args.v[0] + n, "()") == 0;
    }
    return false;
}

static bool lazy_method(const hr_kn_lang *kl, const char *framework, const char *name);

bool hr_project_related_query(const hr_project *p, const hr_file_model *m, int32_t call,
                              const hr_orm_relation **out_rel, const hr_orm_model **out_model)
{
    if (out_rel)
        *out_rel = NULL;
    if (out_model)
        *out_model = NULL;
    if (call < 0 || (uint32_t)call >= m->calls.len)
        return false;
    const hr_call *c = HR_CALL(m, call);
    /* order.lines.filter(...).count(): the chain's root call is on the relation */
    const hr_call *root = c;
    for (int guard = 0; root->receiver_call >= 0 && guard < 32; guard++)
        root = HR_CALL(m, root->receiver_call);
    const char *recv = root->receiver;
    if (!recv || strpbrk(recv, "(["))
        return false;
    const char *dot = strchr(recv, '.');
    char var[NAME_LEN];
    if (!dot || strchr(dot + 1, '.') || !copy_n(var, sizeof(var), recv, (size_t)(dot - recv)))
        return false;
    const hr_orm_model *om = hr_project_var_model(p, m, c->function, var, NULL);
    const hr_orm_relation *rel = om ? hr_orm_find_relation(om, dot + 1) : NULL;
    if (!rel || (rel->kind != HR_REL_TO_MANY && rel->load != HR_LOAD_DYNAMIC))
        return false;
    if (om->style == HR_KN_STYLE_SQLALCHEMY && rel->load != HR_LOAD_DYNAMIC)
        return false; /* a plain list: its methods are list methods */
    const hr_kn_lang *kl = hr_project_kn(p, m->lang);
    bool exec = false;
    for (uint32_t i = 0; i < kl->queries.len && !exec; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        if (q->framework && strcmp(q->framework, om->framework) == 0 && q->on != HR_KN_ON_INSTANCE &&
            hr_strs_contains(&q->execute, c->name))
            exec = true;
    }
    if (!exec)
        return false;
    /* the calls between the relation and c only refine the query */
    for (const hr_call *k = c; k != root; k = HR_CALL(m, k->receiver_call))
        if (k != c && !lazy_method(kl, om->framework, k->name))
            return false;
    if (root != c && !lazy_method(kl, om->framework, root->name))
        return false;
    if (out_rel)
        *out_rel = rel;
    if (out_model)
        *out_model = om;
    return true;
}

/* Whether method `name` is a lazy query method of `framework`. */
static bool lazy_method(const hr_kn_lang *kl, const char *framework, const char *name)
{
    for (uint32_t i = 0; i < kl->queries.len; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        if (q->framework && strcmp(q->framework, framework) == 0 && hr_strs_contains(&q->lazy, name))
            return true;
    }
    return false;
}

/* A relation of self read by call ci (`self.lines.all()` evaluated,
 * `self.lines.count()`): the relation, and whether a prefetch serves it. */
static const hr_orm_relation *self_relation_call(const hr_project *p, const hr_file_model *m, int32_t ci,
                                                 bool *conditional)
{
    const hr_call *c = HR_CALL(m, ci);
    *conditional = false;
    if (!c->receiver || !hr_str_starts_with(c->receiver, "self.") || strpbrk(c->receiver + 5, ".(["))
        return NULL;
    const hr_orm_model *om = hr_project_var_model(p, m, c->function, "self", NULL);
    const hr_orm_relation *rel = om ? hr_orm_find_relation(om, c->receiver + 5) : NULL;
    if (!rel || rel->kind != HR_REL_TO_MANY || rel->load == HR_LOAD_EAGER || rel->load == HR_LOAD_NONE)
        return NULL;
    if (om->style == HR_KN_STYLE_SQLALCHEMY && rel->load != HR_LOAD_DYNAMIC)
        return NULL;
    const hr_kn_lang *kl = hr_project_kn(p, m->lang);
    bool served = (strcmp(c->name, "all") == 0 || strcmp(c->name, "count") == 0 ||
                   strcmp(c->name, "exists") == 0) && c->receiver_call < 0;
    const hr_orm_relation *r2 = NULL;
    const hr_orm_model *m2 = NULL;
    if (hr_project_related_query(p, m, ci, &r2, &m2)) {
        *conditional = served;
        return rel;
    }
    if (lazy_method(kl, om->framework, c->name) && evaluated(p, m, ci)) {
        *conditional = served;
        return rel;
    }
    return NULL;
}

typedef struct builder {
    const hr_project *p;
    hr_summaries *s;
    hr_arena *a;  /* texts and edges of this builder (its thread's arena) */
    hr_vec edges; /* edge */
} builder;

static void set_direct(fn_sum *f, int bit, hr_span span, const char *what, const char *relation,
                       int32_t stmt_param)
{
    uint32_t mask = 1u << bit;
    if (f->effects & mask) {
        /* prefer a witness that holds whatever the caller loaded or passed */
        if ((f->w[bit].relation || f->w[bit].stmt_param >= 0) && !relation && stmt_param < 0) {
            f->w[bit].span = span;
            f->w[bit].what = what;
            f->w[bit].relation = NULL;
            f->w[bit].stmt_param = -1;
        }
        return;
    }
    f->effects |= mask;
    f->w[bit].callee = -1;
    f->w[bit].span = span;
    f->w[bit].what = what;
    f->w[bit].relation = relation;
    f->w[bit].stmt_param = stmt_param;
}

/* The parameter of function fn named by argument chain `arg`, or -1. */
static int32_t param_index(const hr_file_model *m, int32_t fn, const char *arg)
{
    const hr_function *f = HR_FUNC(m, fn);
    for (uint32_t i = 0; arg && i < f->params.n; i++)
        if (strcmp(f->params.v[i], arg) == 0)
            return (int32_t)i;
    return -1;
}

/* The positional argument of call c that binds parameter p of the function
 * it runs (fm, fn): methods called on an object skip `self`. -1 when none. */
static int32_t arg_for_param(const hr_call *c, const hr_file_model *fm, int32_t fn, int32_t p)
{
    const hr_function *f = HR_FUNC(fm, fn);
    bool bound = (f->flags & HR_FN_METHOD) && (c->flags & HR_CALL_METHOD) && f->params.n &&
                 (strcmp(f->params.v[0], "self") == 0 || strcmp(f->params.v[0], "cls") == 0);
    int32_t a = bound ? p - 1 : p;
    return a >= 0 && (uint32_t)a < c->args.n ? a : -1;
}

static const char *call_text(hr_arena *a, const hr_call *c)
{
    const char *callee = c->callee ? c->callee : c->name;
    if (strlen(callee) > 80)
        return hr_arena_printf(a, "...%s()", c->name);
    return hr_arena_printf(a, "%s()", callee);
}

/* `new Promise((resolve, reject) => ...)`: the executor runs at once, as
 * part of the function that builds the promise, so what it does is that
 * function's (an edge to it, like a call). Other callbacks may run later,
 * elsewhere or never, and are not counted. */
static void promise_executor(builder *b, const hr_file_model *m, uint32_t base, int32_t ci)
{
    const hr_call *c = HR_CALL(m, ci);
    if (!(c->flags & HR_CALL_CONSTRUCTOR) || !c->resolved || strcmp(c->resolved, "Promise") != 0 ||
        !(HR_LANGS_JS & HR_LANGBIT(m->lang)))
        return;
    for (uint32_t i = 1; i < m->functions.len; i++) {
        const hr_function *f = HR_FUNC(m, i);
        if (f->parent != c->function || !(f->flags & HR_FN_LAMBDA) ||
            f->span.start_byte < c->span.start_byte || f->span.end_byte > c->span.end_byte)
            continue;
        edge *e = HR_VEC_PUSH(b->a, &b->edges, edge);
        e->caller = base + (uint32_t)c->function;
        e->callee = base + i;
        e->span = c->span;
        e->what = "new Promise()";
        e->self_call = false;
        e->m = m;
        e->call = -1;
        return; /* the executor is the first function argument */
    }
}

static void scan_file(builder *b, const hr_file_model *m, uint32_t base)
{
    const hr_project *p = b->p;
    hr_summaries *s = b->s;
    hr_arena *a = b->a;
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        fn_sum *f = &s->sums[base + (uint32_t)c->function];
        hr_query_match q = hr_project_classify_call(p, m, (int32_t)i);
        if (q.kind == HR_QUERY_EXECUTE || (q.kind == HR_QUERY_LAZY && (c->flags & HR_CALL_LOOP_ITERABLE))) {
            int32_t sp = -1;
            if (q.entry && q.entry->statement_arg >= 0 && (uint32_t)q.entry->statement_arg < c->args.n)
                sp = param_index(m, c->function, c->args.v[q.entry->statement_arg]);
            set_direct(f, 0, c->span, call_text(a, c), NULL, sp);
        } else {
            bool conditional = false;
            const hr_orm_relation *rel = self_relation_call(p, m, (int32_t)i, &conditional);
            if (rel)
                set_direct(f, 0, c->span, call_text(a, c), conditional ? rel->name : NULL, -1);
            else if (hr_project_related_query(p, m, (int32_t)i, NULL, NULL))
                set_direct(f, 0, c->span, call_text(a, c), NULL, -1);
        }
        if (hr_project_is_http(p, m, (int32_t)i, NULL))
            set_direct(f, 1, c->span, call_text(a, c), NULL, -1);
        if (is_blocking(s, m, c))
            set_direct(f, 2, c->span, call_text(a, c), NULL, -1);
        bool self_call = false;
        int64_t g = resolve(p, s, m, (int32_t)i, &self_call, 0);
        if (g >= 0 && (uint32_t)g != base + (uint32_t)c->function) {
            edge *e = HR_VEC_PUSH(a, &b->edges, edge);
            e->caller = base + (uint32_t)c->function;
            e->callee = (uint32_t)g;
            e->span = c->span;
            e->what = call_text(a, c);
            e->self_call = self_call;
            e->m = m;
            e->call = (int32_t)i;
        }
        promise_executor(b, m, base, (int32_t)i);
    }
    /* a loop over a lazy query held in a variable runs it */
    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *l = HR_LOOP(m, i);
        if (l->iter_call >= 0 || !l->iterable || strpbrk(l->iterable, ".(["))
            continue;
        hr_query_match q = hr_project_classify_value(p, m, l->function, l->iterable);
        if (q.kind == HR_QUERY_LAZY)
            set_direct(&s->sums[base + (uint32_t)l->function], 0, l->head,
                       hr_arena_printf(a, "for ... in %s", l->iterable), NULL, -1);
    }
    /* attribute reads: properties, and lazy to-one relations of self */
    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *at = HR_ATTR(m, i);
        bool self_call = false;
        int64_t g = resolve_attr(p, s, m, at, &self_call);
        uint32_t caller = base + (uint32_t)at->function;
        if (g >= 0 && (uint32_t)g != caller) {
            edge *e = HR_VEC_PUSH(a, &b->edges, edge);
            e->caller = caller;
            e->callee = (uint32_t)g;
            e->span = at->span;
            e->what = at->chain;
            e->self_call = self_call;
            e->m = m;
            e->call = -1;
            continue;
        }
        if (strcmp(at->root, "self") != 0)
            continue;
        const hr_orm_model *om = hr_project_var_model(p, m, at->function, "self", NULL);
        const char *name = at->chain + 5;
        char rel_name[NAME_LEN];
        if (!om || !copy_n(rel_name, sizeof(rel_name), name, strcspn(name, ".")))
            continue;
        const hr_orm_relation *rel = hr_orm_find_relation(om, rel_name);
        if (rel && rel->kind == HR_REL_TO_ONE && rel->load == HR_LOAD_LAZY)
            set_direct(&s->sums[caller], 0, at->span, at->chain, rel->name, -1);
    }
}

/* ---- direct effects and edges of every file, on the project's threads ---- */

/* scan_file reads the project and the summaries' tables, which are final
 * before it runs, and writes only the summaries of its own file's functions,
 * its builder's edges and its thread's arena. So files are scanned on
 * hr_project_jobs threads, each file's edges kept apart and appended in file
 * order afterwards: the edges (and everything propagated over them) are the
 * same whatever the thread timing. */
typedef struct scan_work {
    const hr_project *p;
    hr_summaries *s;
    atomic_size_t next;
    hr_vec *file_edges; /* by file */
} scan_work;

typedef struct scan_thread {
    scan_work *w;
    hr_arena *arena;
} scan_thread;

static void *scan_main(void *arg)
{
    scan_thread *t = arg;
    scan_work *w = t->w;
    hr_summaries *s = w->s;
    for (;;) {
        size_t i = atomic_fetch_add(&w->next, 1);
        if (i >= s->nfiles)
            break;
        if (!s->models[i])
            continue;
        builder b = {w->p, s, t->arena, {0}};
        scan_file(&b, s->models[i], s->offset[i]);
        w->file_edges[i] = b.edges;
    }
    return NULL;
}

static void scan_all(const hr_project *p, hr_summaries *s, hr_vec *out)
{
    enum { MAX_SCAN_THREADS = 64 };
    int jobs = hr_project_jobs(p);
    if (jobs < 1)
        jobs = 1;
    if (jobs > MAX_SCAN_THREADS)
        jobs = MAX_SCAN_THREADS;
    if ((size_t)jobs > s->nfiles)
        jobs = s->nfiles ? (int)s->nfiles : 1;
    s->scan_arenas = hr_xcalloc((size_t)jobs, sizeof(hr_arena));
    s->nscan_arenas = jobs;
    scan_work w = {.p = p, .s = s, .file_edges = hr_xcalloc(s->nfiles ? s->nfiles : 1, sizeof(hr_vec))};
    atomic_init(&w.next, 0);
    scan_thread ts[MAX_SCAN_THREADS];
    for (int t = 0; t < jobs; t++) {
        hr_arena_init(&s->scan_arenas[t]);
        ts[t] = (scan_thread){&w, &s->scan_arenas[t]};
    }
    hr_parallel(jobs, scan_main, ts, sizeof(scan_thread));
    size_t total = 0;
    for (size_t i = 0; i < s->nfiles; i++)
        total += w.file_edges[i].len;
    if (total > UINT32_MAX)
        hr_die_oom(SIZE_MAX);
    *out = (hr_vec){0};
    if (total) {
        out->data = hr_arena_array(&s->arena, total, sizeof(edge));
        out->cap = out->len = (uint32_t)total;
        size_t at = 0;
        for (size_t i = 0; i < s->nfiles; i++) {
            if (w.file_edges[i].len)
                memcpy((edge *)out->data + at, w.file_edges[i].data, w.file_edges[i].len * sizeof(edge));
            at += w.file_edges[i].len;
        }
    }
    free(w.file_edges);
}

/* ---- DRF serializers used for many objects ---- */

static const char *const list_views[] = {
    "rest_framework.generics.ListAPIView", "rest_framework.generics.ListCreateAPIView",
    "rest_framework.viewsets.ModelViewSet", "rest_framework.viewsets.ReadOnlyModelViewSet",
    "rest_framework.mixins.ListModelMixin",
};

static void add_many(hr_arena *a, hr_vec *v, const hr_class *cls, const hr_file_model *m, hr_span span)
{
    for (uint32_t i = 0; i < v->len; i++)
        if (HR_VEC_AT(*v, many_use, i).cls == cls)
            return; /* the first use in (path, line) order stays */
    many_use *u = HR_VEC_PUSH(a, v, many_use);
    u->cls = cls;
    u->m = m;
    u->span = span;
}

static int many_cmp(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)((const many_use *)x)->cls, b = (uintptr_t)((const many_use *)y)->cls;
    return a < b ? -1 : a > b;
}

static void find_many_uses(const hr_project *p, hr_summaries *s)
{
    hr_vec v = {0};
    hr_strs views = {(const char **)list_views, (uint32_t)HR_ARRAY_LEN(list_views)};
    /* files are in path order: the first use found is the one to name */
    for (size_t i = 0; i < s->nfiles; i++) {
        const hr_file_model *m = s->models[i];
        if (!m || m->lang != HR_LANG_PYTHON)
            continue;
        for (uint32_t k = 0; k < m->calls.len; k++) {
            const hr_call *c = HR_CALL(m, k);
            bool many = false;
            for (uint32_t j = 0; j < c->kwargs.n && j < c->kwvalues.n; j++)
                many |= strcmp(c->kwargs.v[j], "many") == 0 && strcmp(c->kwvalues.v[j], "True") == 0;
            if (!many || strpbrk(c->resolved, "(["))
                continue;
            const hr_class *cls = hr_project_class(p, m, c->resolved, NULL);
            if (cls)
                add_many(&s->arena, &v, cls, m, c->span);
        }
        for (uint32_t k = 0; k < m->classes.len; k++) {
            const hr_class *view = HR_CLASS(m, k);
            bool is_view = false;
            for (uint32_t b = 0; b < view->bases.n && !is_view; b++)
                is_view = hr_strs_contains(&views, view->bases.v[b]);
            if (!is_view && !hr_project_class_derives(p, m, view->qualname, &views))
                continue;
            for (uint32_t f = 0; f < view->fields.len; f++) {
                const hr_field *fd = HR_FIELD(view, f);
                if (strcmp(fd->name, "serializer_class") != 0 || !fd->value || strpbrk(fd->value, "([?"))
                    continue;
                const hr_class *cls = hr_project_class(p, m, fd->value, NULL);
                if (cls)
                    add_many(&s->arena, &v, cls, m, fd->span);
            }
        }
    }
    s->many = v.data;
    s->nmany = v.len;
    if (s->nmany)
        qsort(s->many, s->nmany, sizeof(many_use), many_cmp);
}

bool hr_project_serializer_many(const hr_project *p, const hr_class *cls, const hr_file_model **out_m,
                                hr_span *out_span)
{
    const hr_summaries *s = hr_project_summaries(p);
    size_t lo = 0, hi = s ? s->nmany : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t k = (uintptr_t)s->many[mid].cls;
        if (k == (uintptr_t)cls) {
            if (out_m)
                *out_m = s->many[mid].m;
            if (out_span)
                *out_span = s->many[mid].span;
            return true;
        }
        if (k < (uintptr_t)cls)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static int edge_callee_cmp(const void *x, const void *y)
{
    const edge *a = x, *b = y;
    return (a->callee > b->callee) - (a->callee < b->callee);
}

hr_summaries *hr_summaries_build(hr_project *p, hr_file_model *const *models, size_t n,
                                 const hr_knowledge *k)
{
    (void)k;
    hr_summaries *s = hr_xcalloc(1, sizeof(*s));
    hr_arena_init(&s->arena);
    s->models = models;
    s->nfiles = n;
    s->offset = hr_arena_array(&s->arena, n ? n : 1, sizeof(uint32_t));
    s->files = hr_arena_array(&s->arena, n ? n : 1, sizeof(file_entry));
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++) {
        s->offset[i] = total;
        if (!models[i])
            continue;
        s->files[s->nfe].m = models[i];
        s->files[s->nfe++].index = (uint32_t)i;
        if (models[i]->functions.len > UINT32_MAX - total)
            hr_die_oom(SIZE_MAX);
        total += models[i]->functions.len;
    }
    s->total = total;
    if (s->nfe)
        qsort(s->files, s->nfe, sizeof(file_entry), file_cmp);
    s->sums = hr_arena_array(&s->arena, total ? total : 1, sizeof(fn_sum));
    s->byq = hr_arena_array(&s->arena, total ? total : 1, sizeof(qual_entry));
    for (size_t i = 0; i < n; i++) {
        const hr_file_model *m = models[i];
        for (uint32_t f = 0; m && f < m->functions.len; f++) {
            const hr_function *fn = HR_FUNC(m, f);
            if (fn->flags & (HR_FN_MODULE | HR_FN_LAMBDA))
                continue;
            s->byq[s->nq].qualname = fn->qualname;
            s->byq[s->nq++].gid = s->offset[i] + f;
        }
    }
    if (s->nq)
        qsort(s->byq, s->nq, sizeof(qual_entry), qual_cmp);
    s->bytail = hr_arena_array(&s->arena, s->nq ? s->nq : 1, sizeof(qual_entry));
    for (size_t i = 0; i < s->nq; i++) {
        const char *t = qual_tail(s->byq[i].qualname);
        if (t) {
            s->bytail[s->ntail].qualname = t;
            s->bytail[s->ntail++].gid = s->byq[i].gid;
        }
    }
    if (s->ntail)
        qsort(s->bytail, s->ntail, sizeof(qual_entry), qual_cmp);
    hr_name_index_build(&s->byq_index, s->byq, s->nq, sizeof(qual_entry), offsetof(qual_entry, qualname));
    hr_name_index_build(&s->bytail_index, s->bytail, s->ntail, sizeof(qual_entry),
                        offsetof(qual_entry, qualname));

    /* direct effects and edges (the tables above are complete: resolution works) */
    hr_project_attach_summaries(p, s);
    build_blocking_index(s, p);
    hr_vec all_edges;
    scan_all(p, s, &all_edges);

    /* propagate over reversed edges */
    size_t ne = all_edges.len;
    edge *edges = all_edges.data;
    if (ne)
        qsort(edges, ne, sizeof(edge), edge_callee_cmp);
    uint32_t *first = hr_arena_array(&s->arena, (size_t)total + 1, sizeof(uint32_t));
    for (size_t i = 0, g = 0; g <= total; g++) {
        while (i < ne && edges[i].callee < g)
            i++;
        first[g] = (uint32_t)i;
    }
    uint32_t *queue = hr_xmalloc(((size_t)total + 1) * sizeof(uint32_t) * (NBITS + 1));
    size_t qh = 0, qt = 0, qcap = ((size_t)total + 1) * (NBITS + 1);
    for (uint32_t g = 0; g < total; g++)
        if (s->sums[g].effects)
            queue[qt++] = g;
    while (qh < qt) {
        uint32_t g = queue[qh++];
        const fn_sum *callee = &s->sums[g];
        for (uint32_t i = first[g]; i < first[g + 1]; i++) {
            const edge *e = &edges[i];
            fn_sum *caller = &s->sums[e->caller];
            uint32_t gained = callee->effects & ~caller->effects;
            if (!gained)
                continue;
            for (int bit = 0; bit < NBITS; bit++) {
                if (!(gained & (1u << bit)))
                    continue;
                caller->w[bit].callee = (int32_t)g;
                caller->w[bit].span = e->span;
                caller->w[bit].what = e->what;
                caller->w[bit].relation = e->self_call ? callee->w[bit].relation : NULL;
                caller->w[bit].stmt_param = -1;
                if (callee->w[bit].stmt_param >= 0 && e->call >= 0) {
                    int32_t cfn;
                    const hr_file_model *cm = fn_of(s, g, &cfn);
                    const hr_call *ec = HR_CALL(e->m, e->call);
                    int32_t ai = cm ? arg_for_param(ec, cm, cfn, callee->w[bit].stmt_param) : -1;
                    if (ai >= 0)
                        caller->w[bit].stmt_param = param_index(e->m, ec->function, ec->args.v[ai]);
                }
            }
            caller->effects |= gained;
            if (qt < qcap) /* each function is queued at most once per bit it gains */
                queue[qt++] = e->caller;
        }
    }
    free(queue);
    find_many_uses(p, s);
    return s;
}

void hr_summaries_free(hr_summaries *s)
{
    if (!s)
        return;
    hr_name_index_free(&s->byq_index);
    hr_name_index_free(&s->bytail_index);
    for (int t = 0; t < s->nscan_arenas; t++)
        hr_arena_release(&s->scan_arenas[t]);
    free(s->scan_arenas);
    hr_arena_release(&s->arena);
    free(s);
}

/* ---- queries ---- */

uint32_t hr_project_function_effects(const hr_project *p, const hr_file_model *m, int32_t fn)
{
    const hr_summaries *s = hr_project_summaries(p);
    int64_t g = s ? gid_of(s, m, fn) : -1;
    return g >= 0 ? s->sums[g].effects : 0;
}

/* Fills chain from function g down to the direct effect of `bit`. */
static void fill_chain(const hr_summaries *s, uint32_t g, int bit, hr_effect_chain *chain)
{
    memset(chain, 0, sizeof(*chain));
    chain->relation = s->sums[g].w[bit].relation;
    chain->statement_arg = -1;
    uint32_t cur = g;
    for (uint32_t guard = 0; guard <= s->total; guard++) {
        const witness *w = &s->sums[cur].w[bit];
        int32_t fn;
        const hr_file_model *fm = fn_of(s, cur, &fn);
        if (chain->n == HR_EFFECT_CHAIN_MAX) {
            chain->truncated = true;
            return;
        }
        hr_effect_step *st = &chain->steps[chain->n++];
        st->file = fm;
        st->span = w->span;
        st->function = fm ? HR_FUNC(fm, fn)->qualname : "?";
        st->what = w->what;
        if (w->callee < 0)
            return;
        cur = (uint32_t)w->callee;
    }
}

uint32_t hr_project_call_effects(const hr_project *p, const hr_file_model *m, int32_t call,
                                 hr_effect which, hr_effect_chain *chain)
{
    const hr_summaries *s = hr_project_summaries(p);
    if (chain)
        memset(chain, 0, sizeof(*chain));
    if (!s || call < 0 || (uint32_t)call >= m->calls.len)
        return 0;
    bool self_call = false;
    int64_t g = resolve(p, s, m, call, &self_call, 0);
    if (g < 0)
        return 0;
    uint32_t effects = s->sums[g].effects;
    int bit = bit_index(which);
    if (chain && bit >= 0 && (effects & (1u << bit))) {
        fill_chain(s, (uint32_t)g, bit, chain);
        int32_t sp = s->sums[g].w[bit].stmt_param, cfn;
        const hr_file_model *cm = sp >= 0 ? fn_of(s, (uint32_t)g, &cfn) : NULL;
        chain->statement_arg = cm ? arg_for_param(HR_CALL(m, call), cm, cfn, sp) : -1;
    }
    return effects;
}

uint32_t hr_project_attr_effects(const hr_project *p, const hr_file_model *m, int32_t attr,
                                 hr_effect which, hr_effect_chain *chain, const hr_file_model **out_m,
                                 int32_t *out_fn)
{
    const hr_summaries *s = hr_project_summaries(p);
    if (chain)
        memset(chain, 0, sizeof(*chain));
    if (out_m)
        *out_m = NULL;
    if (out_fn)
        *out_fn = -1;
    if (!s || attr < 0 || (uint32_t)attr >= m->attrs.len)
        return 0;
    bool self_call = false;
    int64_t g = resolve_attr(p, s, m, HR_ATTR(m, attr), &self_call);
    if (g < 0)
        return 0;
    int32_t fn;
    const hr_file_model *fm = fn_of(s, (uint32_t)g, &fn);
    if (out_m)
        *out_m = fm;
    if (out_fn)
        *out_fn = fn;
    uint32_t effects = s->sums[g].effects;
    int bit = bit_index(which);
    if (chain && bit >= 0 && (effects & (1u << bit)))
        fill_chain(s, (uint32_t)g, bit, chain);
    return effects;
}

void hr_project_dump_summaries(hr_buf *out, const hr_project *p)
{
    static const char *const names[NBITS] = {"query", "http", "blocking"};
    const hr_summaries *s = hr_project_summaries(p);
    if (!s)
        return;
    /* in qualname order, so the dump does not depend on file order */
    for (size_t i = 0; i < s->nq; i++) {
        uint32_t g = s->byq[i].gid;
        const fn_sum *f = &s->sums[g];
        if (!f->effects)
            continue;
        int32_t fn;
        const hr_file_model *fm = fn_of(s, g, &fn);
        hr_buf_printf(out, "function %s", s->byq[i].qualname);
        for (int bit = 0; bit < NBITS; bit++)
            if (f->effects & (1u << bit))
                hr_buf_printf(out, " %s", names[bit]);
        hr_buf_printf(out, " at=%s:%u\n", fm ? fm->path : "?", fm ? HR_FUNC(fm, fn)->name_span.start_line : 0);
        for (int bit = 0; bit < NBITS; bit++) {
            if (!(f->effects & (1u << bit)))
                continue;
            hr_effect_chain ch;
            fill_chain(s, g, bit, &ch);
            hr_buf_printf(out, "  %s", names[bit]);
            if (ch.relation)
                hr_buf_printf(out, " (relation %s)", ch.relation);
            hr_buf_puts(out, ":");
            for (uint32_t k = 0; k < ch.n; k++)
                hr_buf_printf(out, "%s %s@%s:%u", k ? " ->" : "", ch.steps[k].what,
                              ch.steps[k].file ? ch.steps[k].file->path : "?", ch.steps[k].span.start_line);
            if (ch.truncated)
                hr_buf_puts(out, " ...");
            hr_buf_putc(out, '\n');
        }
    }
}
