/* rows.c - what a query yields: the model of its rows and the relations it
 * loads with them, and the model or class a local variable holds.
 *
 * A query expression is read as the chain of its calls (hr_call.receiver_call
 * links each call to the one before it): the root says which model
 * (`Order.objects...`, `session.query(Order)`, `select(Order)`, `Order.select()`,
 * `Order.query...`, a relation of a known row `order.lines`, or a project
 * function returning a query), and the calls after it say what is loaded
 * (`select_related`, `prefetch_related`/`Prefetch`, `.options(joinedload(...))`,
 * peewee `select(Order, Customer)`). A method the knowledge does not list
 * (a custom queryset method) may load anything: the rows are then marked
 * `loads_unknown` and rules stay quiet about their relations. */
#include "project_internal.h"
#include "catalogue_js.h"

#include <stdio.h>
#include <string.h>

enum { CHAIN_CALLS_MAX = 32, NAME_LEN = 512 };

static bool copy_n(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return false;
    memcpy(out, s, n);
    out[n] = 0;
    return true;
}

static bool is_ident(const char *s)
{
    return s && *s && !strpbrk(s, ".([?\"") && strcmp(s, "?") != 0;
}

static const hr_kn_lang *lang_of(const hr_project *p, const hr_file_model *m);

/* Whether `method` is a query method the knowledge lists for `framework`
 * (lazy or executing, on any entry of that framework). */
static bool known_method(const hr_kn_lang *kl, const char *framework, const char *method, bool execute_only)
{
    for (uint32_t i = 0; i < kl->queries.len; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        if (!q->framework || strcmp(q->framework, framework) != 0)
            continue;
        if (hr_strs_contains(&q->execute, method) || (!execute_only && hr_strs_contains(&q->lazy, method)))
            return true;
    }
    return false;
}


/* ---- the model a class-like chain names ---- */

/* The longest prefix of `chain` (before any call) naming an ORM model, read
 * in m; *rest_out points after it. */
static const hr_orm_model *model_prefix(const hr_project *p, const hr_file_model *m, const char *chain,
                                        const char **rest_out)
{
    size_t limit = strcspn(chain, "([");
    char buf[NAME_LEN];
    for (size_t end = limit; end > 0; end--) {
        if (end != limit && chain[end] != '.')
            continue;
        if (end == limit && chain[end] != 0 && chain[end] != '.')
            continue;
        if (!copy_n(buf, sizeof(buf), chain, end))
            continue;
        const hr_orm_model *om = hr_project_orm_model(p, m, buf);
        if (om) {
            if (rest_out)
                *rest_out = chain + end;
            return om;
        }
    }
    return NULL;
}

/* A model named by an argument value text (unresolved spelling) in m. */
static const hr_orm_model *model_arg(const hr_project *p, const hr_file_model *m, const char *v)
{
    char resolved[NAME_LEN];
    if (!v || strchr(v, '(') || strchr(v, '[') || strcmp(v, "?") == 0 || v[0] == '"')
        return NULL;
    if (!hr_resolve_ro(resolved, sizeof(resolved), m, v))
        return NULL;
    return hr_project_orm_model(p, m, resolved);
}

/* ---- rows ---- */

typedef struct rows_ctx {
    const hr_project *p;
    const hr_kn_lang *kl;
} rows_ctx;

static bool rows_of(const rows_ctx *rc, const hr_file_model *m, int32_t fn, const char *chain, int32_t call,
                    hr_rows *out, int depth);

static void add_loaded(hr_rows *r, const char *path)
{
    if (!path || !*path)
        return;
    for (uint32_t i = 0; i < r->nloaded; i++)
        if (strcmp(hr_rows_path(r, i), path) == 0)
            return;
    size_t n = strlen(path);
    if (r->nloaded >= HR_ROWS_LOADED_MAX || r->text_len + n + 1 > HR_ROWS_TEXT_MAX) {
        r->loads_unknown = true;
        return;
    }
    memcpy(r->text + r->text_len, path, n + 1);
    r->loaded[r->nloaded++] = (uint16_t)r->text_len;
    r->text_len += (uint32_t)n + 1;
}

/* The relation path of a SQLAlchemy loader argument: `Order.customer` or
 * "customer" gives "customer". */
static bool loader_segment(char *out, size_t cap, const char *v)
{
    if (hr_value_string(out, cap, v))
        return true;
    if (strchr(v, '(') || strchr(v, '[') || strcmp(v, "?") == 0)
        return false;
    const char *dot = strrchr(v, '.');
    return dot && copy_n(out, cap, dot + 1, strlen(dot + 1));
}

static bool is_loader(const char *name)
{
    static const char *const loaders[] = {"joinedload", "selectinload", "subqueryload", "immediateload",
                                          "contains_eager"};
    for (size_t i = 0; i < HR_ARRAY_LEN(loaders); i++)
        if (strcmp(name, loaders[i]) == 0)
            return true;
    return false;
}

/* The path a loader call loads, its receiver loader's path first:
 * joinedload(A.b).joinedload(B.c) gives "b__c". */
static bool loader_path(char *out, size_t cap, const hr_file_model *m, int32_t ci, int depth)
{
    const hr_call *c = HR_CALL(m, ci);
    if (depth > 8 || !is_loader(c->name) || !c->argvalues.n)
        return false;
    out[0] = 0;
    if (c->receiver_call >= 0 && !loader_path(out, cap, m, c->receiver_call, depth + 1))
        return false;
    for (uint32_t k = 0; k < c->argvalues.n; k++) { /* joinedload(A.b, B.c): a path too */
        char seg[NAME_LEN];
        if (!loader_segment(seg, sizeof(seg), c->argvalues.v[k]))
            return false;
        size_t n = strlen(out);
        int w = snprintf(out + n, cap - n, "%s%s", n ? "__" : "", seg);
        if (w < 0 || (size_t)w >= cap - n)
            return false;
    }
    return true;
}

/* What call c (a link of a query chain) loads. */
static void chain_call_loads(const rows_ctx *rc, const hr_file_model *m, int32_t ci, hr_rows *r)
{
    const hr_call *c = HR_CALL(m, ci);
    const hr_orm_model *om = r->model;
    char s[NAME_LEN];
    if (hr_kn_style_js(om->style)) { /* include / relations / populate: rows_js.c */
        hr_rows_js_loads(rc->p, m, ci, r);
        return;
    }
    if (om->style == HR_KN_STYLE_DJANGO) {
        if (strcmp(c->name, "select_related") == 0) {
            if (!c->argvalues.n)
                r->all_to_one = true;
            for (uint32_t k = 0; k < c->argvalues.n; k++) {
                if (hr_value_string(s, sizeof(s), c->argvalues.v[k]))
                    add_loaded(r, s);
                else
                    r->loads_unknown = true; /* select_related(*fields) */
            }
        } else if (strcmp(c->name, "prefetch_related") == 0) {
            for (uint32_t k = 0; k < c->argvalues.n; k++) {
                if (hr_value_string(s, sizeof(s), c->argvalues.v[k])) {
                    add_loaded(r, s);
                    continue;
                }
                /* Prefetch("lines", queryset=..., to_attr=...) */
                bool found = false;
                for (uint32_t i = (uint32_t)ci + 1; i < m->calls.len; i++) {
                    const hr_call *pc = HR_CALL(m, i);
                    if (pc->span.start_byte >= c->span.end_byte)
                        break;
                    if (strcmp(pc->name, "Prefetch") != 0 || !pc->argvalues.n)
                        continue;
                    if (hr_value_string(s, sizeof(s), pc->argvalues.v[0])) {
                        add_loaded(r, s);
                        found = true;
                    }
                    for (uint32_t kk = 0; kk < pc->kwargs.n && kk < pc->kwvalues.n; kk++)
                        if (strcmp(pc->kwargs.v[kk], "to_attr") == 0 &&
                            hr_value_string(s, sizeof(s), pc->kwvalues.v[kk]))
                            add_loaded(r, s);
                }
                if (!found)
                    r->loads_unknown = true;
            }
        } else if (strcmp(c->name, "values") == 0 || strcmp(c->name, "values_list") == 0) {
            r->not_models = true;
        } else if (!known_method(rc->kl, om->framework, c->name, false) && strcmp(c->name, "iterator") != 0) {
            r->loads_unknown = true; /* a custom queryset or manager method */
        }
        return;
    }
    if (om->style == HR_KN_STYLE_SQLALCHEMY) {
        if (strcmp(c->name, "options") == 0) {
            for (uint32_t i = (uint32_t)ci + 1; i < m->calls.len; i++) {
                const hr_call *lc = HR_CALL(m, i);
                if (lc->span.start_byte >= c->span.end_byte)
                    break;
                if (!is_loader(lc->name))
                    continue;
                char path[NAME_LEN];
                if (loader_path(path, sizeof(path), m, (int32_t)i, 0))
                    add_loaded(r, path);
                else
                    r->loads_unknown = true;
            }
        } else if (strcmp(c->name, "with_entities") == 0 || strcmp(c->name, "values") == 0 ||
                   strcmp(c->name, "add_columns") == 0) {
            r->not_models = true;
        }
        return;
    }
    if (om->style == HR_KN_STYLE_PEEWEE) {
        if (strcmp(c->name, "select") == 0 && c->argvalues.n > 1) {
            /* Order.select(Order, Customer).join(Customer): the joined rows come along */
            for (uint32_t k = 1; k < c->argvalues.n; k++) {
                const hr_orm_model *jm = model_arg(rc->p, m, c->argvalues.v[k]);
                if (!jm) {
                    r->loads_unknown = true;
                    continue;
                }
                for (uint32_t i = 0; i < om->relations.len; i++) {
                    const hr_orm_relation *rel = &HR_VEC_AT(om->relations, hr_orm_relation, i);
                    if (rel->target && strcmp(rel->target, jm->qualname) == 0)
                        add_loaded(r, rel->name);
                }
            }
        } else if (strcmp(c->name, "dicts") == 0 || strcmp(c->name, "tuples") == 0 ||
                   strcmp(c->name, "namedtuples") == 0) {
            r->not_models = true;
        }
    }
}

/* The calls of a chain, root first. */
static int chain_calls(const hr_file_model *m, int32_t call, int32_t *out)
{
    int n = 0;
    for (int32_t c = call; c >= 0 && n < CHAIN_CALLS_MAX; c = HR_CALL(m, c)->receiver_call)
        out[n++] = c;
    for (int i = 0; i < n / 2; i++) {
        int32_t t = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = t;
    }
    return n;
}

/* The call in m that is the whole argument `arg` of call ci (its outermost
 * call), or -1. */
static int32_t arg_call(const hr_file_model *m, int32_t ci, const char *arg)
{
    const hr_call *c = HR_CALL(m, ci);
    size_t n = strlen(arg);
    if (n < 3 || strcmp(arg + n - 2, "()") != 0)
        return -1;
    for (uint32_t i = (uint32_t)ci + 1; i < m->calls.len; i++) {
        const hr_call *a = HR_CALL(m, i);
        if (a->span.start_byte >= c->span.end_byte)
            break;
        if (strlen(a->callee) == n - 2 && strncmp(a->callee, arg, n - 2) == 0)
            return (int32_t)i;
    }
    return -1;
}

/* Rows of a project function's return values. */
static bool rows_of_function(const rows_ctx *rc, const hr_file_model *fm, int32_t fn, hr_rows *out, int depth)
{
    bool any = false;
    for (uint32_t i = 0; i < fm->returns.len; i++) {
        const hr_return *ret = HR_RETURN(fm, i);
        if (ret->function != fn || !ret->value)
            continue;
        hr_rows r;
        if (!rows_of(rc, fm, fn, ret->value, ret->value_call, &r, depth + 1))
            return false; /* some path returns something else */
        if (!any) {
            *out = r;
            any = true;
        } else if (r.model != out->model) {
            return false;
        } else {
            for (uint32_t k = 0; k < r.nloaded; k++)
                add_loaded(out, hr_rows_path(&r, k));
            out->all_to_one |= r.all_to_one;
            out->loads_unknown |= r.loads_unknown;
            out->not_models |= r.not_models;
        }
    }
    if (any)
        out->via = HR_FUNC(fm, fn)->qualname;
    return any;
}

/* The assignments of `name` in function fn, in source order, as positions
 * [*lo, *hi) for assign_at: the model's (function, target) index when it has
 * one (hr_model_build_index), else every assignment (the caller filters). */
static void assign_range(const hr_file_model *m, int32_t fn, const char *name, uint32_t *lo, uint32_t *hi)
{
    *lo = 0;
    *hi = m->assigns.len;
    if (!m->assign_order)
        return;
    uint32_t a = 0, b = m->assigns.len;
    while (a < b) { /* first not below (fn, name) */
        uint32_t mid = a + (b - a) / 2;
        const hr_assign *as = HR_ASSIGN(m, m->assign_order[mid]);
        if (as->function < fn || (as->function == fn && strcmp(as->target, name) < 0))
            a = mid + 1;
        else
            b = mid;
    }
    *lo = a;
    while (b < m->assigns.len) {
        const hr_assign *as = HR_ASSIGN(m, m->assign_order[b]);
        if (as->function != fn || strcmp(as->target, name) != 0)
            break;
        b++;
    }
    *hi = b;
}

static const hr_assign *assign_at(const hr_file_model *m, uint32_t i)
{
    return HR_ASSIGN(m, m->assign_order ? m->assign_order[i] : i);
}

static bool rows_of(const rows_ctx *rc, const hr_file_model *m, int32_t fn, const char *chain, int32_t call,
                    hr_rows *out, int depth)
{
    memset(out, 0, sizeof(*out));
    if (depth > HR_DEEP_MAX || !chain || strcmp(chain, "?") == 0)
        return false;
    if (is_ident(chain)) {
        /* a local variable: one base query, refined in place any number of times */
        bool any = false;
        uint32_t lo, hi;
        assign_range(m, fn, chain, &lo, &hi);
        for (uint32_t i = lo; i < hi; i++) {
            const hr_assign *as = assign_at(m, i);
            if (as->function != fn || strcmp(as->target, chain) != 0)
                continue;
            size_t n = strlen(chain);
            bool refine = strncmp(as->value, chain, n) == 0 && as->value[n] == '.';
            if (refine)
                continue;
            hr_rows r;
            if (!rows_of(rc, m, fn, as->value, as->value_call, &r, depth + 1))
                return false;
            if (any && r.model != out->model)
                return false;
            if (!any)
                *out = r;
            else
                for (uint32_t k = 0; k < r.nloaded; k++)
                    add_loaded(out, hr_rows_path(&r, k));
            any = true;
        }
        if (!any)
            return false;
        for (uint32_t i = lo; i < hi; i++) {
            const hr_assign *as = assign_at(m, i);
            size_t n = strlen(chain);
            if (as->function != fn || strcmp(as->target, chain) != 0 || strncmp(as->value, chain, n) != 0 ||
                as->value[n] != '.')
                continue;
            int32_t calls[CHAIN_CALLS_MAX];
            int nc = as->value_call >= 0 ? chain_calls(m, as->value_call, calls) : 0;
            for (int k = 0; k < nc; k++)
                chain_call_loads(rc, m, calls[k], out);
        }
        return true;
    }
    if (call < 0)
        return false;
    int32_t calls[CHAIN_CALLS_MAX];
    int nc = chain_calls(m, call, calls);
    if (!nc)
        return false;
    const hr_call *root = HR_CALL(m, calls[0]);
    int first_load = 0;
    const hr_orm_model *om = NULL;

    if (root->receiver) {
        const char *rest = NULL;
        om = model_prefix(rc->p, m, root->receiver, &rest);
        if (om && *rest && om->style == HR_KN_STYLE_SQLALCHEMY && strcmp(rest, ".query") != 0)
            om = NULL; /* Model.query only */
        out->direct = om != NULL;
        if (!om) {
            /* a relation of a known row: order.lines.all() */
            const char *dot = strchr(root->receiver, '.');
            char var[NAME_LEN];
            if (dot && !strchr(dot + 1, '.') && !strpbrk(root->receiver, "([") &&
                copy_n(var, sizeof(var), root->receiver, (size_t)(dot - root->receiver))) {
                hr_rows outer;
                const hr_orm_model *vm = hr_rows_var_model_d(rc->p, m, fn, var, &outer, depth + 1);
                const hr_orm_relation *rel = vm ? hr_orm_find_relation(vm, dot + 1) : NULL;
                const hr_orm_model *tm = rel && rel->kind == HR_REL_TO_MANY
                                             ? hr_project_orm_by_qualname(rc->p, rel->target)
                                             : NULL;
                if (tm) {
                    out->model = tm;
                    out->related = true;
                    if (outer.model) { /* inherit `lines__product` as `product` */
                        size_t rn = strlen(rel->name);
                        for (uint32_t k = 0; k < outer.nloaded; k++) {
                            const char *lp = hr_rows_path(&outer, k);
                            if (strncmp(lp, rel->name, rn) == 0 && strncmp(lp + rn, "__", 2) == 0)
                                add_loaded(out, lp + rn + 2);
                        }
                        out->loads_unknown = outer.loads_unknown;
                    }
                    om = tm;
                }
            }
        }
        if (!om && strcmp(root->name, "select") == 0 && root->argvalues.n) {
            /* sa.select(Order), db.select(Order) (Flask-SQLAlchemy) */
            om = model_arg(rc->p, m, root->argvalues.v[0]);
            if (om && root->argvalues.n > 1)
                out->not_models = true;
            out->direct = om != NULL;
            first_load = 1;
        }
        if (!om && strcmp(root->name, "query") == 0 && root->argvalues.n) {
            om = model_arg(rc->p, m, root->argvalues.v[0]); /* session.query(Order) */
            if (om && root->argvalues.n > 1)
                out->not_models = true;
            out->direct = om != NULL;
            first_load = 1;
        }
        if (!om && (strcmp(root->name, "scalars") == 0 || strcmp(root->name, "execute") == 0) &&
            root->argvalues.n) {
            /* session.scalars(select(Order)...), session.scalars(stmt) */
            const char *arg = root->argvalues.v[0];
            int32_t ac = arg_call(m, calls[0], arg);
            hr_rows inner;
            if (rows_of(rc, m, fn, arg, ac, &inner, depth + 1)) {
                *out = inner;
                om = inner.model;
                first_load = 1;
            }
        }
    } else if (nc == 1 && root->args.n && hr_strs_contains(&rc->kl->evaluators, root->name) &&
               strcmp(root->resolved, root->name) == 0 &&
               (strcmp(root->name, "list") == 0 || strcmp(root->name, "sorted") == 0 ||
                strcmp(root->name, "tuple") == 0)) {
        /* list(qs), sorted(qs, key=...): the same rows, evaluated */
        const char *arg = root->args.v[0];
        return rows_of(rc, m, fn, arg, arg_call(m, calls[0], arg), out, depth + 1);
    } else if (strcmp(root->name, "select") == 0 && root->argvalues.n) {
        om = model_arg(rc->p, m, root->argvalues.v[0]); /* select(Order) */
        if (om && root->argvalues.n > 1)
            out->not_models = true;
        out->direct = om != NULL;
        first_load = 1;
    }
    if (!om) {
        /* JS/TS: a TypeORM repository or entity manager (rows_js.c) */
        om = hr_rows_js_root(rc->p, m, fn, calls[0]);
        out->direct = om != NULL;
    }
    if (!om) {
        /* a project function returning a query */
        const hr_file_model *fm = NULL;
        int32_t f = -1;
        if (hr_summary_resolve_d(rc->p, m, calls[0], &fm, &f, depth + 1) &&
            rows_of_function(rc, fm, f, out, depth)) {
            om = out->model;
            first_load = 1;
        }
    }
    if (!om)
        return false;
    out->model = om;
    if (!out->file) {
        out->file = m;
        out->span = HR_CALL(m, call)->span;
    }
    for (int k = first_load; k < nc; k++)
        chain_call_loads(rc, m, calls[k], out);
    return true;
}

bool hr_project_rows(const hr_project *p, const hr_file_model *m, int32_t function, const char *chain,
                     int32_t call, hr_rows *out)
{
    rows_ctx rc = {p, lang_of(p, m)};
    return rows_of(&rc, m, function, chain, call, out, 0);
}

bool hr_project_loop_rows(const hr_project *p, const hr_file_model *m, int32_t loop, hr_rows *out)
{
    return hr_rows_loop_d(p, m, loop, out, 0);
}

bool hr_rows_loop_d(const hr_project *p, const hr_file_model *m, int32_t loop, hr_rows *out, int depth)
{
    memset(out, 0, sizeof(*out));
    if (loop < 0 || (uint32_t)loop >= m->loops.len || depth > HR_DEEP_MAX)
        return false;
    const hr_loop *l = HR_LOOP(m, loop);
    if (!l->iterable)
        return false;
    rows_ctx rc = {p, lang_of(p, m)};
    /* for i, o in enumerate(rows) */
    if (l->iter_call >= 0) {
        const hr_call *c = HR_CALL(m, l->iter_call);
        if (strcmp(c->resolved, "enumerate") == 0 && c->args.n >= 1) {
            const char *arg = c->args.v[0];
            return rows_of(&rc, m, l->function, arg, arg_call(m, l->iter_call, arg), out, depth + 1);
        }
    }
    if (l->iter_call < 0 && !is_ident(l->iterable)) {
        /* for a in user.addresses: a relation attribute (SQLAlchemy, peewee backrefs) */
        const char *dot = strchr(l->iterable, '.');
        char var[NAME_LEN];
        if (!dot || strchr(dot + 1, '.') || strpbrk(l->iterable, "([") ||
            !copy_n(var, sizeof(var), l->iterable, (size_t)(dot - l->iterable)))
            return false;
        hr_rows outer;
        const hr_orm_model *vm = hr_rows_var_model_d(p, m, l->function, var, &outer, depth + 1);
        const hr_orm_relation *rel = vm ? hr_orm_find_relation(vm, dot + 1) : NULL;
        const hr_orm_model *tm =
            rel && rel->kind == HR_REL_TO_MANY ? hr_project_orm_by_qualname(p, rel->target) : NULL;
        if (!tm)
            return false;
        out->model = tm;
        out->file = m;
        out->span = l->head;
        if (outer.model) {
            size_t rn = strlen(rel->name);
            for (uint32_t k = 0; k < outer.nloaded; k++) {
                const char *lp = hr_rows_path(&outer, k);
                if (strncmp(lp, rel->name, rn) == 0 && strncmp(lp + rn, "__", 2) == 0)
                    add_loaded(out, lp + rn + 2);
            }
            out->loads_unknown = outer.loads_unknown;
        }
        return true;
    }
    /* a callback loop's iterable is read in the function that passes the callback */
    int32_t fn = l->kind == HR_LOOP_CALLBACK && HR_FUNC(m, l->function)->parent >= 0 ? HR_FUNC(m, l->function)->parent
                                                                                     : l->function;
    return rows_of(&rc, m, fn, l->iterable, l->iter_call, out, depth + 1);
}

bool hr_rows_loaded(const hr_rows *r, const char *path, hr_orm_rel_kind kind)
{
    if (kind == HR_REL_TO_ONE && r->all_to_one)
        return true;
    /* "customer__tenant" loads "customer" on the way */
    size_t n = strlen(path);
    for (uint32_t i = 0; i < r->nloaded; i++) {
        const char *lp = hr_rows_path(r, i);
        if (strncmp(lp, path, n) == 0 && (lp[n] == 0 || strncmp(lp + n, "__", 2) == 0))
            return true;
    }
    return false;
}

/* ---- variables ---- */

static bool is_single_row(const char *name)
{
    static const char *const single[] = {"get", "first", "last", "earliest", "latest", "get_or_none",
                                         "get_by_id", "one", "one_or_none", "create", "get_or_404",
                                         "first_or_404", "one_or_404", "aget", "afirst", "alast",
                                         "acreate"};
    for (size_t i = 0; i < HR_ARRAY_LEN(single); i++)
        if (strcmp(name, single[i]) == 0)
            return true;
    return false;
}

/* A type text's class name: `Order`, `"Order"`, `Optional[Order]`, `Order | None`. */
static bool type_name(char *out, size_t cap, const char *type)
{
    const char *s = type;
    if (hr_str_starts_with(s, "Optional["))
        s += 9;
    else if (hr_str_starts_with(s, "typing.Optional["))
        s += 16;
    if (*s == '"' || *s == '\'')
        s++;
    size_t n = strcspn(s, "\"'[]|,");
    if (!n || (s[n] == '[' ))
        return false;
    return copy_n(out, cap, s, n);
}

/* The class of a parameter from its annotation. */
static const hr_class *param_class(const hr_project *p, const hr_file_model *m, int32_t fn, const char *var,
                                   const hr_file_model **cm)
{
    const hr_function *f = HR_FUNC(m, fn);
    for (uint32_t i = 0; i < f->params.n && i < f->param_types.n; i++) {
        if (strcmp(f->params.v[i], var) != 0 || !f->param_types.v[i])
            continue;
        char name[NAME_LEN], resolved[NAME_LEN];
        if (!type_name(name, sizeof(name), f->param_types.v[i]) ||
            !hr_resolve_ro(resolved, sizeof(resolved), m, name))
            return NULL;
        return hr_project_class(p, m, resolved, cm);
    }
    return NULL;
}

/* The class whose method (or a function nested in one) fn is. */
static const hr_class *self_class(const hr_file_model *m, int32_t fn)
{
    for (int guard = 0; fn > 0 && guard < 64; guard++) {
        const hr_function *f = HR_FUNC(m, fn);
        if (f->class_index >= 0)
            return HR_CLASS(m, f->class_index);
        fn = f->parent;
    }
    return NULL;
}

static bool binds_param(const hr_file_model *m, int32_t fn, const char *var)
{
    return hr_strs_contains(&HR_FUNC(m, fn)->params, var);
}

const hr_orm_model *hr_project_var_model(const hr_project *p, const hr_file_model *m, int32_t function,
                                         const char *var, hr_rows *rows)
{
    return hr_rows_var_model_d(p, m, function, var, rows, 0);
}

const hr_orm_model *hr_rows_var_model_d(const hr_project *p, const hr_file_model *m, int32_t function,
                                        const char *var, hr_rows *rows, int depth)
{
    if (rows)
        memset(rows, 0, sizeof(*rows));
    if (function < 0 || (uint32_t)function >= m->functions.len || !is_ident(var) || depth > HR_DEEP_MAX)
        return NULL;
    rows_ctx rc = {p, lang_of(p, m)};
    if (strcmp(var, "self") == 0 || strcmp(var, "cls") == 0) {
        const hr_class *c = self_class(m, function);
        return c ? hr_project_orm_of_class(p, c) : NULL;
    }
    if (binds_param(m, function, var)) {
        const hr_file_model *cm = NULL;
        const hr_class *c = param_class(p, m, function, var, &cm);
        return c ? hr_project_orm_of_class(p, c) : NULL;
    }
    /* a loop variable: the loops binding it must agree */
    const hr_orm_model *found = NULL;
    int loops = 0;
    const uint32_t *fn_loops;
    uint32_t fn_nloops;
    bool indexed = hr_project_fn_loops(p, m, function, &fn_loops, &fn_nloops);
    for (uint32_t k = 0; k < (indexed ? fn_nloops : m->loops.len); k++) {
        uint32_t i = indexed ? fn_loops[k] : k;
        const hr_loop *l = HR_LOOP(m, i);
        if (l->function != function)
            continue;
        bool single = l->vars.n == 1 && strcmp(l->vars.v[0], var) == 0;
        bool enumerated = l->vars.n == 2 && strcmp(l->vars.v[1], var) == 0 && l->iter_call >= 0 &&
                          strcmp(HR_CALL(m, l->iter_call)->resolved, "enumerate") == 0;
        if (!single && !enumerated && !hr_strs_contains(&l->vars, var))
            continue;
        hr_rows r;
        if (!(single || enumerated) || !hr_rows_loop_d(p, m, (int32_t)i, &r, depth + 1) || r.not_models)
            return NULL;
        if (found && found != r.model)
            return NULL;
        found = r.model;
        if (rows && !loops)
            *rows = r;
        loops++;
    }
    if (loops) {
        if (rows && loops > 1)
            memset(rows, 0, sizeof(*rows)); /* which loop's rows is not known here */
        return found;
    }
    /* a local assigned once */
    const hr_assign *as = NULL;
    uint32_t lo, hi;
    assign_range(m, function, var, &lo, &hi);
    for (uint32_t i = lo; i < hi; i++) {
        const hr_assign *a = assign_at(m, i);
        if (a->function != function || strcmp(a->target, var) != 0)
            continue;
        if (as)
            return NULL;
        as = a;
    }
    if (!as || as->value_call < 0)
        return NULL;
    const hr_call *c = HR_CALL(m, as->value_call);
    /* Order(...) */
    const hr_orm_model *om = hr_project_orm_model(p, m, c->resolved);
    if (om)
        return om;
    /* get_object_or_404(Order, ...), session.get(Order, id) */
    if ((strcmp(c->name, "get_object_or_404") == 0 || (strcmp(c->name, "get") == 0 && c->receiver &&
                                                       hr_str_ends_with(c->receiver, "session"))) &&
        c->argvalues.n)
        return model_arg(p, m, c->argvalues.v[0]);
    if (!is_single_row(c->name))
        return NULL;
    if (c->receiver_call >= 0) {
        hr_rows r;
        const hr_call *rcall = HR_CALL(m, c->receiver_call);
        char chain[NAME_LEN];
        int w = snprintf(chain, sizeof(chain), "%s()", rcall->resolved);
        if (w < 0 || (size_t)w >= sizeof(chain))
            return NULL;
        return rows_of(&rc, m, function, chain, c->receiver_call, &r, depth + 1) && !r.not_models ? r.model : NULL;
    }
    if (!c->receiver)
        return NULL;
    const char *rest = NULL;
    om = model_prefix(p, m, c->receiver, &rest);
    return om && *rest ? om : NULL; /* Order.objects.get(): a manager after the model */
}

const hr_class *hr_project_var_class(const hr_project *p, const hr_file_model *m, int32_t function,
                                     const char *var, const hr_file_model **out_model)
{
    return hr_rows_var_class_d(p, m, function, var, out_model, 0);
}

const hr_class *hr_rows_var_class_d(const hr_project *p, const hr_file_model *m, int32_t function,
                                    const char *var, const hr_file_model **out_model, int depth)
{
    if (out_model)
        *out_model = NULL;
    if (function < 0 || (uint32_t)function >= m->functions.len || !var || depth > HR_DEEP_MAX)
        return NULL;
    if (strcmp(var, "self") == 0 || strcmp(var, "cls") == 0) {
        const hr_class *c = self_class(m, function);
        if (c && out_model)
            *out_model = m;
        return c;
    }
    if (!is_ident(var)) {
        /* self.repo with `self.repo = OrderRepo()` in a method of the class */
        if (!hr_str_starts_with(var, "self.") || strchr(var + 5, '.'))
            return NULL;
        const hr_class *sc = self_class(m, function);
        if (!sc)
            return NULL;
        const hr_class *found = NULL;
        for (uint32_t i = 0; i < m->assigns.len; i++) {
            const hr_assign *a = HR_ASSIGN(m, i);
            if (strcmp(a->target, var) != 0 || self_class(m, a->function) != sc)
                continue;
            const hr_file_model *cm = NULL;
            const hr_class *c = a->value_call >= 0 ? hr_project_class(p, m, HR_CALL(m, a->value_call)->resolved, &cm)
                                                   : NULL;
            if (!c || (found && found != c))
                return NULL;
            found = c;
            if (out_model)
                *out_model = cm;
        }
        return found;
    }
    const hr_orm_model *om = hr_rows_var_model_d(p, m, function, var, NULL, depth + 1);
    if (om) {
        if (out_model)
            *out_model = om->file;
        return om->cls;
    }
    if (binds_param(m, function, var))
        return param_class(p, m, function, var, out_model);
    const hr_assign *as = NULL;
    uint32_t lo, hi;
    assign_range(m, function, var, &lo, &hi);
    for (uint32_t i = lo; i < hi; i++) {
        const hr_assign *a = assign_at(m, i);
        if (a->function != function || strcmp(a->target, var) != 0)
            continue;
        if (as)
            return NULL;
        as = a;
    }
    if (!as) {
        /* Not bound here: a nested function reads its enclosing function's
         * binding, a function the module's (`const payments = new
         * Gateway()` at the top of the file), as local_assign (project.c)
         * reads values. A loop variable of this function shadows it. */
        if (function == 0 || hr_project_binds(p, m, function, var))
            return NULL;
        return hr_rows_var_class_d(p, m, HR_FUNC(m, function)->parent, var, out_model, depth + 1);
    }
    if (as->value_call < 0)
        return NULL;
    return hr_project_class(p, m, HR_CALL(m, as->value_call)->resolved, out_model);
}

/* ---- project plumbing ---- */

static const hr_kn_lang *lang_of(const hr_project *p, const hr_file_model *m)
{
    return hr_project_kn(p, m->lang);
}
