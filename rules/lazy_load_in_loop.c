/* lazy_load_in_loop.c - lazy-load-in-loop (1k): a loop over query results
 * reads a relation of each row that the query did not load, so the ORM runs
 * one more query per row.
 *
 * The rows come from the project (hr_project_loop_rows: the model, and what
 * select_related / prefetch_related / Prefetch / joinedload / selectinload /
 * a peewee join loaded), following local variables and helpers that return
 * the query. Relation names come from the ORM catalogue: reads of anything
 * else (a column such as `order.customer_id`, a property, an unknown
 * attribute) are not loads, and when the model or what the query loaded is
 * not known the rule stays quiet. A prefetch does not serve `.filter()`,
 * `.order_by()`, `.values()`... on the related manager: those are loads too.
 * Each relation path is reported once per loop, at its first read. */
#include "headroom/rule.h"
#include "deep_common.h"

#include <stdio.h>
#include <string.h>

enum { SEEN_MAX = 32, PATH_LEN = 256 };

typedef struct seen_set {
    char paths[SEEN_MAX][PATH_LEN];
    int n;
} seen_set;

static bool seen_add(seen_set *s, const char *path)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->paths[i], path) == 0)
            return false;
    if (s->n < SEEN_MAX)
        snprintf(s->paths[s->n++], PATH_LEN, "%s", path);
    return true;
}

typedef struct loop_ctx {
    hr_rule_ctx *ctx;
    int32_t loop;
    const char *var;
    hr_rows rows;
    seen_set seen;
    char loop_desc[160];
} loop_ctx;

/* Whether call ci's value is evaluated: iterated, or the first argument of
 * an evaluator (list(), len(), ...). */
static bool evaluated(const hr_rule_ctx *ctx, const hr_file_model *m, int32_t ci)
{
    const hr_call *c = HR_CALL(m, ci);
    if (c->flags & HR_CALL_LOOP_ITERABLE)
        return true;
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (int32_t k = ci - 1; k >= 0 && k >= ci - 4; k--) {
        const hr_call *e = HR_CALL(m, k);
        /* list.extend(qs) iterates its argument too */
        bool extend = e->receiver && strcmp(e->name, "extend") == 0;
        if ((e->receiver && !extend) || !e->args.n || (!extend && !hr_strs_contains(&kl->evaluators, e->name)) ||
            c->span.start_byte < e->span.start_byte || c->span.end_byte > e->span.end_byte)
            continue;
        size_t n = strlen(c->callee);
        return strncmp(e->args.v[0], c->callee, n) == 0 && strcmp(e->args.v[0] + n, "()") == 0;
    }
    return false;
}

static bool lazy_method(const hr_rule_ctx *ctx, const hr_file_model *m, const char *framework, const char *name)
{
    const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
    for (uint32_t i = 0; i < kl->queries.len; i++) {
        const hr_kn_query *q = &HR_VEC_AT(kl->queries, hr_kn_query, i);
        if (q->framework && strcmp(q->framework, framework) == 0 && hr_strs_contains(&q->lazy, name))
            return true;
    }
    return false;
}

/* What to add to the query, by ORM and relation kind. */
static void advice(char *out, size_t cap, const hr_orm_model *om, const hr_orm_model *owner,
                   const hr_orm_relation *rel, const char *path)
{
    switch (om->style) {
    case HR_KN_STYLE_DJANGO:
        if (rel->kind == HR_REL_TO_ONE)
            snprintf(out, cap, "add .select_related(\"%s\") to it", path);
        else
            snprintf(out, cap, "add .prefetch_related(\"%s\") to it", path);
        break;
    case HR_KN_STYLE_SQLALCHEMY:
        snprintf(out, cap, "add .options(%s(%s.%s)) to it, or lazy=\"%s\" on the relationship",
                 rel->kind == HR_REL_TO_ONE ? "joinedload" : "selectinload", owner->name, rel->name,
                 rel->kind == HR_REL_TO_ONE ? "joined" : "selectin");
        break;
    case HR_KN_STYLE_PEEWEE:
        if (rel->kind == HR_REL_TO_ONE)
            snprintf(out, cap, "select the related rows with a join (%s.select(%s, ...).join(...))", om->name,
                     om->name);
        else
            snprintf(out, cap, "load them with prefetch(query, ...) before the loop");
        break;
    case HR_KN_STYLE_SEQUELIZE:
        snprintf(out, cap, "add include: [{ association: '%s' }] to it and read the included rows", path);
        break;
    case HR_KN_STYLE_TYPEORM:
        snprintf(out, cap, "add relations: ['%s'] to it (or leftJoinAndSelect), or make the relation eager",
                 path);
        break;
    case HR_KN_STYLE_MONGOOSE:
        snprintf(out, cap, "add .populate('%s') to it", path);
        break;
    default:
        snprintf(out, cap, "load '%s' with the query", path);
        break;
    }
    (void)owner;
}

static void report(loop_ctx *lc, hr_span span, const char *read, const hr_orm_model *owner,
                   const hr_orm_relation *rel, const char *path, bool defeated, const char *method)
{
    hr_rule_ctx *ctx = lc->ctx;
    const hr_file_model *m = ctx->model;
    if (!seen_add(&lc->seen, path))
        return;
    const hr_orm_model *target = rel->target ? hr_project_orm_by_qualname(ctx->project, rel->target) : NULL;
    const char *tname = target ? target->name : rel->name;
    const hr_orm_model *om = lc->rows.model;
    char where[300], from[600], adv[300];
    dc_where_here(where, sizeof(where), ctx, lc->rows.file, lc->rows.span);
    if (lc->rows.via)
        snprintf(from, sizeof(from), "%s (returned by %s())", where, lc->rows.via);
    else
        snprintf(from, sizeof(from), "%s", where);
    advice(adv, sizeof(adv), om, owner, rel, path);
    hr_finding *f;
    if (defeated)
        f = hr_report(ctx, span,
                      "'%s' runs a query on every iteration of the %s (N+1): .%s() on the related manager "
                      "'%s' does not read what prefetch_related(\"%s\") loaded; prefetch the filtered rows "
                      "with Prefetch(\"%s\", queryset=..., to_attr=...) and read that attribute.",
                      read, lc->loop_desc, method, rel->name, path, path);
    else if (method)
        f = hr_report(ctx, span,
                      "'%s' runs a query on every iteration of the %s (N+1): the rows come from the query "
                      "at %s, which does not load '%s'; %s%s.",
                      read, lc->loop_desc, from, path,
                      strcmp(method, "all") == 0 ? "" : "prefetch the filtered rows with Prefetch(queryset=...) or ",
                      adv);
    else
        f = hr_report(ctx, span,
                      "'%s' loads the related %s%s with a query on every iteration of the %s (N+1): the "
                      "rows come from the query at %s, which does not load '%s'; %s.",
                      read, tname, rel->kind == HR_REL_TO_MANY ? " rows" : "", lc->loop_desc, from, path, adv);
    const hr_loop *l = HR_LOOP(m, lc->loop);
    hr_finding_relate(ctx, f, l->head, lc->loop_desc);
    dc_relate_at(ctx, f, lc->rows.file, lc->rows.span, "the query that produces the rows");
    dc_relate_at(ctx, f, rel->file, rel->span, "the relation is declared here");
    dc_step_at(ctx, f, lc->rows.file, lc->rows.span, "the rows are fetched here without the relation");
    char step[200];
    snprintf(step, sizeof(step), "%s starts here", lc->loop_desc);
    hr_finding_step(ctx, f, ctx->file, l->head, step);
    hr_finding_step(ctx, f, ctx->file, span, "the relation is loaded on every iteration");
}

/* Walks `rest` (the segments after the loop variable, up to the first call)
 * through the relations of the rows' model: reports the first relation that
 * is read without having been loaded. `to_many_attr` says whether reading a
 * to-many relation as an attribute loads it (SQLAlchemy, peewee) or yields
 * a manager (Django). */
static void walk(loop_ctx *lc, hr_span span, const char *read, const char *rest)
{
    const hr_project *p = lc->ctx->project;
    const hr_orm_model *cur = lc->rows.model;
    char path[PATH_LEN] = "";
    bool chain_loaded = true; /* every hop so far came with the rows */
    while (cur && rest && *rest) {
        size_t n = strcspn(rest, ".");
        char seg[PATH_LEN];
        if (n == 0 || n >= sizeof(seg))
            return;
        memcpy(seg, rest, n);
        seg[n] = 0;
        const hr_orm_relation *rel = hr_orm_find_relation(cur, seg);
        if (!rel)
            return; /* a column, a property, something else */
        size_t pl = strlen(path);
        if (snprintf(path + pl, sizeof(path) - pl, "%s%s", pl ? "__" : "", seg) >= (int)(sizeof(path) - pl))
            return;
        bool loaded = rel->load == HR_LOAD_EAGER || rel->load == HR_LOAD_NONE ||
                      (chain_loaded && hr_rows_loaded(&lc->rows, path, rel->kind));
        if (rel->load == HR_LOAD_DYNAMIC)
            return; /* a query object: its calls are query-in-loop's */
        if (rel->kind == HR_REL_TO_MANY) {
            if (cur->style == HR_KN_STYLE_DJANGO)
                return; /* a manager: reading it loads nothing; its calls are checked */
            if (!loaded)
                report(lc, span, read, cur, rel, path, false, NULL);
            return;
        }
        if (!loaded) {
            report(lc, span, read, cur, rel, path, false, NULL);
            return;
        }
        chain_loaded = chain_loaded && (rel->load != HR_LOAD_EAGER || hr_rows_loaded(&lc->rows, path, rel->kind));
        if (rel->load == HR_LOAD_EAGER)
            chain_loaded = true; /* eager: its own eager relations come along; others do not */
        cur = rel->target ? hr_project_orm_by_qualname(p, rel->target) : NULL;
        rest = rest[n] ? rest + n + 1 : NULL;
    }
}

/* The receiver part of a callee after `var.`: "o.customer.get_full_name"
 * gives "customer", "o.lines.all" gives "lines". */
static bool after_var(char *out, size_t cap, const char *callee, const char *var)
{
    size_t vn = strlen(var);
    if (strncmp(callee, var, vn) != 0 || callee[vn] != '.')
        return false;
    const char *rest = callee + vn + 1;
    size_t n = strcspn(rest, "([");
    if (rest[n]) /* a call or subscript before the method: not a plain receiver */
        return false;
    if (n == 0 || n >= cap)
        return false;
    memcpy(out, rest, n);
    out[n] = 0;
    char *dot = strrchr(out, '.');
    if (!dot)
        return false;
    *dot = 0;
    return true;
}

static bool in_loop(const hr_loop *l, hr_span s)
{
    return s.start_byte >= l->span.start_byte && s.end_byte <= l->span.end_byte;
}

static void check_calls(loop_ctx *lc)
{
    hr_rule_ctx *ctx = lc->ctx;
    const hr_file_model *m = ctx->model;
    const hr_loop *l = HR_LOOP(m, lc->loop);
    const hr_orm_model *om = lc->rows.model;
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function != l->function || !in_loop(l, c->span) || !c->receiver)
            continue;
        if (c->span.start_byte >= l->span.end_byte)
            break;
        char var[256];
        dc_root(var, sizeof(var), c->callee);
        if (strcmp(var, lc->var) != 0 || dc_binding_loop(m, l->function, lc->var, c->span) != lc->loop)
            continue;
        /* the root call of the chain: is it on a relation (o.lines.all())? */
        const hr_call *root = c;
        for (int guard = 0; root->receiver_call >= 0 && guard < 32; guard++)
            root = HR_CALL(m, root->receiver_call);
        char rest[PATH_LEN];
        if (!after_var(rest, sizeof(rest), root->callee, lc->var))
            continue;
        /* to-one hops first: o.customer.tenant.users.all() */
        const hr_orm_model *cur = om;
        char path[PATH_LEN] = "";
        const char *seg = rest;
        const hr_orm_relation *rel = NULL;
        const hr_orm_model *owner = NULL;
        while (cur && seg) {
            const char *dot = strchr(seg, '.');
            char name[PATH_LEN];
            size_t n = dot ? (size_t)(dot - seg) : strlen(seg);
            if (n >= sizeof(name))
                break;
            memcpy(name, seg, n);
            name[n] = 0;
            rel = hr_orm_find_relation(cur, name);
            if (!rel)
                break;
            size_t pl = strlen(path);
            if (pl + n + 3 > sizeof(path))
                break;
            if (pl) {
                memcpy(path + pl, "__", 2);
                pl += 2;
            }
            memcpy(path + pl, name, n + 1);
            owner = cur;
            if (!dot)
                break;
            if (rel->kind != HR_REL_TO_ONE) {
                rel = NULL;
                break;
            }
            cur = rel->target ? hr_project_orm_by_qualname(ctx->project, rel->target) : NULL;
            seg = dot + 1;
        }
        char read[300];
        snprintf(read, sizeof(read), "%s()", c->callee);
        if (strlen(read) > 80)
            snprintf(read, sizeof(read), "%s.%s...", lc->var, rest);
        if (rel && rel->kind == HR_REL_TO_MANY && owner && owner->style == HR_KN_STYLE_DJANGO &&
            rel->load == HR_LOAD_LAZY) {
            /* a related manager: all() reads a prefetch; other lazy methods query */
            if (!evaluated(ctx, m, (int32_t)i))
                continue;
            bool chain_lazy = true;
            for (const hr_call *k = c;; k = HR_CALL(m, k->receiver_call)) {
                chain_lazy = chain_lazy && lazy_method(ctx, m, owner->framework, k->name);
                if (k == root)
                    break;
            }
            if (!chain_lazy)
                continue; /* count(), get()...: query-in-loop's */
            bool plain_all = c == root && strcmp(c->name, "all") == 0;
            bool loaded = hr_rows_loaded(&lc->rows, path, HR_REL_TO_MANY);
            if (plain_all && loaded)
                continue;
            if (plain_all)
                report(lc, c->span, read, owner, rel, path, false, "all");
            else if (loaded)
                report(lc, c->span, read, owner, rel, path, true, root->name);
            else
                report(lc, c->span, read, owner, rel, path, false, root->name);
            continue;
        }
        /* o.customer.get_full_name(): the to-one relations on the way load */
        if (c == root) {
            snprintf(read, sizeof(read), "%s.%s", lc->var, rest);
            walk(lc, c->span, read, rest);
        }
    }
}

/* ---- JS/TS: association getters and populate() per row ---- */

/* Whether `name` is the Sequelize getter of relation `rel` (`getCustomer`). */
static bool is_getter(const char *name, const hr_orm_relation *rel)
{
    return strncmp(name, "get", 3) == 0 && name[3] && rel->name[0] &&
           (unsigned char)name[3] == (unsigned char)(rel->name[0] >= 'a' && rel->name[0] <= 'z'
                                                         ? rel->name[0] - 'a' + 'A'
                                                         : rel->name[0]) &&
           strcmp(name + 4, rel->name + 1) == 0;
}

static void check_js_calls(loop_ctx *lc)
{
    hr_rule_ctx *ctx = lc->ctx;
    const hr_file_model *m = ctx->model;
    const hr_loop *l = HR_LOOP(m, lc->loop);
    const hr_orm_model *om = lc->rows.model;
    size_t vn = strlen(lc->var);
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->span.start_byte >= l->span.end_byte)
            break;
        if (c->function != l->function || !in_loop(l, c->span) || !c->receiver ||
            strncmp(c->callee, lc->var, vn) != 0 || c->callee[vn] != '.' || strchr(c->callee + vn + 1, '.') ||
            dc_binding_loop(m, l->function, lc->var, c->span) != lc->loop)
            continue;
        char read[300];
        snprintf(read, sizeof(read), "%s()", c->callee);
        if (om->style == HR_KN_STYLE_SEQUELIZE) {
            for (uint32_t k = 0; k < om->relations.len; k++) {
                const hr_orm_relation *rel = &HR_VEC_AT(om->relations, hr_orm_relation, k);
                if (!is_getter(c->name, rel))
                    continue;
                if (!hr_rows_loaded(&lc->rows, rel->name, rel->kind))
                    report(lc, c->span, read, om, rel, rel->name, false, NULL);
                break;
            }
        } else if (om->style == HR_KN_STYLE_MONGOOSE && strcmp(c->name, "populate") == 0 && c->argvalues.n) {
            /* doc.populate("author") / ("author comments"): one query per row and path */
            const char *v = c->argvalues.v[0];
            size_t n = strlen(v);
            if (n < 3 || v[0] != '"' || v[n - 1] != '"')
                continue;
            char paths[PATH_LEN];
            if (n - 2 >= sizeof(paths))
                continue;
            memcpy(paths, v + 1, n - 2);
            paths[n - 2] = 0;
            for (char *tok = paths; *tok;) {
                size_t tn = strcspn(tok, " ");
                bool last = tok[tn] == 0;
                tok[tn] = 0;
                const hr_orm_relation *rel = tn ? hr_orm_find_relation(om, tok) : NULL;
                if (rel && !hr_rows_loaded(&lc->rows, rel->name, rel->kind))
                    report(lc, c->span, read, om, rel, rel->name, false, NULL);
                tok = last ? tok + tn : tok + tn + 1;
            }
        }
    }
}

static void check_loop(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_loop *l = HR_LOOP(m, index);
    if (l->flags & HR_LOOP_SMALL_LITERAL)
        return;
    const char *var = NULL;
    if (l->vars.n == 1)
        var = l->vars.v[0];
    else if (l->vars.n == 2 && l->iter_call >= 0 && strcmp(HR_CALL(m, l->iter_call)->resolved, "enumerate") == 0)
        var = l->vars.v[1];
    if (!var)
        return;
    loop_ctx lc;
    memset(&lc, 0, sizeof(lc));
    lc.ctx = ctx;
    lc.loop = index;
    lc.var = var;
    if (!hr_project_loop_rows(ctx->project, m, index, &lc.rows) || !lc.rows.model || lc.rows.not_models ||
        lc.rows.loads_unknown)
        return;
    dc_describe_loop(lc.loop_desc, sizeof(lc.loop_desc), m, l);
    /* attribute reads rooted at the loop variable, in source order */
    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *a = HR_ATTR(m, i);
        if (a->function != l->function || strcmp(a->root, var) != 0 || !in_loop(l, a->span) ||
            dc_binding_loop(m, l->function, var, a->span) != index)
            continue;
        walk(&lc, a->span, a->chain, a->chain + strlen(var) + 1);
    }
    if (hr_kn_style_js(lc.rows.model->style))
        check_js_calls(&lc);
    else
        check_calls(&lc);
}

/* ---- Django REST framework: serialising many rows is a loop too ---- */

static const char *const drf_serializers[] = {"rest_framework.serializers.Serializer",
                                              "rest_framework.serializers.ModelSerializer",
                                              "rest_framework.serializers.HyperlinkedModelSerializer"};

/* DRF fields that read the related object itself (not just its key). */
static bool reads_related(const char *callee)
{
    return hr_str_ends_with(callee, "StringRelatedField") || hr_str_ends_with(callee, "SlugRelatedField");
}

/* Serializer S (class sc of file sm) serialising every row of `rows`: its
 * nested serializers and `source="relation.field"` fields read relations. */
static void check_serializer_rows(hr_rule_ctx *ctx, const hr_rows *rows, const hr_file_model *sm,
                                  const hr_class *sc, hr_span at, const char *use)
{
    hr_strs drf = {(const char **)drf_serializers, (uint32_t)HR_ARRAY_LEN(drf_serializers)};
    seen_set seen;
    memset(&seen, 0, sizeof(seen));
    for (uint32_t k = 0; k < sc->fields.len; k++) {
        const hr_field *fd = HR_FIELD(sc, k);
        if (fd->value_call < 0)
            continue;
        const hr_call *fc = HR_CALL(sm, fd->value_call);
        /* the attribute path the field reads: its name, or source="customer.tenant.name" */
        char source[PATH_LEN];
        snprintf(source, sizeof(source), "%s", fd->name);
        bool source_dotted = false;
        for (uint32_t j = 0; j < fc->kwargs.n && j < fc->kwvalues.n; j++) {
            const char *v = fc->kwvalues.v[j];
            size_t n = strlen(v);
            if (strcmp(fc->kwargs.v[j], "source") != 0 || n < 3 || v[0] != '"' || n - 2 >= sizeof(source))
                continue;
            memcpy(source, v + 1, n - 2);
            source[n - 2] = 0;
            source_dotted = strchr(source, '.') != NULL;
        }
        const hr_file_model *nm = NULL;
        const hr_class *nested = strpbrk(fc->resolved, "([") ? NULL : hr_project_class(ctx->project, sm, fc->resolved, &nm);
        bool is_nested = nested && hr_project_class_derives(ctx->project, sm, fc->resolved, &drf);
        if (!is_nested && !reads_related(fc->resolved) && !source_dotted)
            continue;
        /* the first relation on the path that the rows did not load */
        const hr_orm_model *cur = rows->model;
        const hr_orm_relation *rel = NULL;
        char rel_name[PATH_LEN] = "";
        for (const char *seg = source; cur && seg && *seg;) {
            const char *dot = strchr(seg, '.');
            size_t n = dot ? (size_t)(dot - seg) : strlen(seg);
            size_t pl = strlen(rel_name);
            char name[PATH_LEN];
            if (n == 0 || n >= sizeof(name) || pl + n + 3 > sizeof(rel_name))
                break;
            memcpy(name, seg, n);
            name[n] = 0;
            const hr_orm_relation *r = hr_orm_find_relation(cur, name);
            if (!r || r->load == HR_LOAD_NONE || r->load == HR_LOAD_DYNAMIC)
                break;
            if (pl) {
                memcpy(rel_name + pl, "__", 2);
                pl += 2;
            }
            memcpy(rel_name + pl, name, n + 1);
            if (r->load != HR_LOAD_EAGER && !hr_rows_loaded(rows, rel_name, r->kind)) {
                rel = r;
                break;
            }
            if (r->kind != HR_REL_TO_ONE || (!dot && !is_nested))
                break;
            cur = r->target ? hr_project_orm_by_qualname(ctx->project, r->target) : NULL;
            seg = dot ? dot + 1 : NULL;
        }
        if (!rel || !seen_add(&seen, rel_name))
            continue;
        const hr_orm_model *target = rel->target ? hr_project_orm_by_qualname(ctx->project, rel->target) : NULL;
        char where[300], adv[300], what[200];
        dc_where_here(where, sizeof(where), ctx, rows->file, rows->span);
        advice(adv, sizeof(adv), rows->model, rows->model, rel, rel_name);
        if (is_nested)
            snprintf(what, sizeof(what), "the nested %s '%s'", nested->name, fd->name);
        else
            snprintf(what, sizeof(what), "the field '%s'", fd->name);
        hr_finding *f = hr_report(ctx, at,
                                  "%s serialises %s of every row, which loads the related %s%s with a query "
                                  "per row (N+1): the rows come from the query at %s, which does not load "
                                  "'%s'; %s.",
                                  use, what, target ? target->name : rel->name,
                                  rel->kind == HR_REL_TO_MANY ? " rows" : "", where, rel_name, adv);
        dc_relate_at(ctx, f, sm, fd->span, "the serializer field that reads the relation");
        dc_relate_at(ctx, f, rows->file, rows->span, "the query that produces the rows");
        dc_relate_at(ctx, f, rel->file, rel->span, "the relation is declared here");
        dc_step_at(ctx, f, rows->file, rows->span, "the rows are fetched here without the relation");
        hr_finding_step(ctx, f, ctx->file, at, "every row is serialised here");
        dc_step_at(ctx, f, sm, fd->span, "the field loads the relation for each row");
    }
}

/* `OrderSerializer(Order.objects.all(), many=True)`. */
static void check_serializer_call(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (m->lang != HR_LANG_PYTHON || !c->args.n || strpbrk(c->resolved, "(["))
        return;
    bool many = false;
    for (uint32_t j = 0; j < c->kwargs.n && j < c->kwvalues.n; j++)
        many |= strcmp(c->kwargs.v[j], "many") == 0 && strcmp(c->kwvalues.v[j], "True") == 0;
    if (!many)
        return;
    hr_strs drf = {(const char **)drf_serializers, (uint32_t)HR_ARRAY_LEN(drf_serializers)};
    const hr_file_model *sm = NULL;
    const hr_class *sc = hr_project_class(ctx->project, m, c->resolved, &sm);
    if (!sc || !hr_project_class_derives(ctx->project, m, c->resolved, &drf))
        return;
    const char *arg = c->args.v[0];
    int32_t arg_call = -1;
    size_t an = strlen(arg);
    for (uint32_t k = (uint32_t)index + 1; an > 2 && strcmp(arg + an - 2, "()") == 0 && k < m->calls.len; k++) {
        const hr_call *a = HR_CALL(m, k);
        if (a->span.start_byte >= c->span.end_byte)
            break;
        if (strlen(a->callee) == an - 2 && strncmp(a->callee, arg, an - 2) == 0) {
            arg_call = (int32_t)k;
            break;
        }
    }
    hr_rows rows;
    if (!hr_project_rows(ctx->project, m, c->function, arg, arg_call, &rows) || !rows.model || rows.not_models ||
        rows.loads_unknown)
        return;
    char use[200];
    snprintf(use, sizeof(use), "'%s(..., many=True)'", c->callee);
    check_serializer_rows(ctx, &rows, sm, sc, c->span, use);
}

/* A list view: `queryset = Order.objects.all()` with `serializer_class = S`. */
static void check_list_view(hr_rule_ctx *ctx, int32_t index)
{
    static const char *const views[] = {
        "rest_framework.generics.ListAPIView", "rest_framework.generics.ListCreateAPIView",
        "rest_framework.viewsets.ModelViewSet", "rest_framework.viewsets.ReadOnlyModelViewSet"};
    const hr_file_model *m = ctx->model;
    const hr_class *view = HR_CLASS(m, index);
    hr_strs vb = {(const char **)views, (uint32_t)HR_ARRAY_LEN(views)};
    hr_strs drf = {(const char **)drf_serializers, (uint32_t)HR_ARRAY_LEN(drf_serializers)};
    if (m->lang != HR_LANG_PYTHON || !hr_project_class_derives(ctx->project, m, view->qualname, &vb))
        return;
    const hr_field *qs = NULL, *sc_field = NULL;
    for (uint32_t k = 0; k < view->fields.len; k++) {
        const hr_field *fd = HR_FIELD(view, k);
        if (strcmp(fd->name, "queryset") == 0)
            qs = fd;
        else if (strcmp(fd->name, "serializer_class") == 0)
            sc_field = fd;
    }
    if (!qs || !sc_field || qs->value_call < 0 || strpbrk(sc_field->value, "([?"))
        return;
    /* get_queryset() or get_serializer_class() may replace either */
    for (uint32_t f = 0; f < m->functions.len; f++) {
        const hr_function *fn = HR_FUNC(m, f);
        if (fn->class_index == index &&
            (strcmp(fn->name, "get_queryset") == 0 || strcmp(fn->name, "get_serializer_class") == 0))
            return;
    }
    const hr_file_model *sm = NULL;
    const hr_class *sc = hr_project_class(ctx->project, m, sc_field->value, &sm);
    if (!sc || !hr_project_class_derives(ctx->project, m, sc_field->value, &drf))
        return;
    hr_rows rows;
    if (!hr_project_rows(ctx->project, m, 0, qs->value, qs->value_call, &rows) || !rows.model || rows.not_models ||
        rows.loads_unknown)
        return;
    char use[200];
    snprintf(use, sizeof(use), "the list view %s (serializer_class = %s)", view->name, sc->name);
    check_serializer_rows(ctx, &rows, sm, sc, qs->span, use);
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_LOOP)
        check_loop(ctx, index);
    else if (ev == HR_EV_CALL)
        check_serializer_call(ctx, index);
    else if (ev == HR_EV_CLASS)
        check_list_view(ctx, index);
}

const hr_rule hr_rule_lazy_load_in_loop = {
    .id = "lazy-load-in-loop",
    .name = "LazyLoadInLoop",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_LOOP | HR_EV_CALL | HR_EV_CLASS,
    .title = "A loop reads a relation of each row that its query did not load.",
    .help = "Load the relation with the query that produces the rows: select_related / "
            "prefetch_related (Prefetch for filtered relations) in Django, "
            ".options(joinedload(...)) / selectinload(...) in SQLAlchemy, a join or prefetch() in "
            "peewee, include (Sequelize), relations / leftJoinAndSelect (TypeORM) or populate() "
            "(Mongoose) in JS; read the foreign key column (order.customer_id) when only the id is needed.",
    .check = check,
};
