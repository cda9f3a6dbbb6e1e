/* query_in_loop.c - query-in-loop (1k): a database query runs on every
 * iteration of a loop.
 *
 * Which calls are queries is knowledge (rules/knowledge/python.yml and friends), decided by
 * the project phase (hr_project_classify_call). This rule decides whether the
 * query runs per iteration: it walks out from the innermost enclosing loop,
 * passing loops over small literal collections, and stays quiet when the call
 * runs once (returned, or directly followed by break/return/raise). In a
 * `while` loop only queries that depend on what the loop changes are
 * reported: a loop-invariant query there is polling or batching. */
#include "headroom/rule.h"
#include "deep_common.h"

#include <stdio.h>
#include <string.h>

enum { TAINT_MAX = 64, TAINT_ROUNDS = 8 };


typedef struct taint {
    const char *names[TAINT_MAX];
    bool mutated[TAINT_MAX]; /* varies only because a call inside the loop fills it */
    int n;
} taint;

static bool taint_has(const taint *t, const char *name)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->names[i], name) == 0)
            return true;
    return false;
}

static void taint_add(taint *t, const char *name)
{
    if (t->n < TAINT_MAX && !taint_has(t, name)) {
        t->mutated[t->n] = false;
        t->names[t->n++] = name;
    }
}

/* Whether loop `inner` is `outer` or nested in it (same function). */
static bool loop_within(const hr_file_model *m, int32_t inner, int32_t outer)
{
    for (int guard = 0; inner >= 0 && guard < 1000; guard++) {
        if (inner == outer)
            return true;
        inner = HR_LOOP(m, inner)->parent;
    }
    return false;
}

/* The root identifier of a chain target such as "self.items" -> "self". */
static bool target_is(const char *target, const char *name)
{
    size_t n = strlen(name);
    return strncmp(target, name, n) == 0 && (target[n] == 0 || target[n] == '.' || target[n] == '[');
}

/* Names that change from one iteration of loop `li` to the next: its
 * variables, the variables of loops nested in it, and locals assigned inside
 * it from those (to a fixpoint). */
static void loop_taint(taint *t, const hr_file_model *m, int32_t li)
{
    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *l = HR_LOOP(m, i);
        if (loop_within(m, (int32_t)i, li))
            for (uint32_t v = 0; v < l->vars.n; v++)
                taint_add(t, l->vars.v[v]);
    }
    const hr_loop *loop = HR_LOOP(m, li);
    bool is_while = loop->kind == HR_LOOP_WHILE || loop->kind == HR_LOOP_DO;
    for (int round = 0; round < TAINT_ROUNDS; round++) {
        int before = t->n;
        for (uint32_t i = 0; i < m->assigns.len; i++) {
            const hr_assign *a = HR_ASSIGN(m, i);
            if (a->loop < 0 || !loop_within(m, a->loop, li) || taint_has(t, a->target))
                continue;
            /* In a while loop anything assigned inside varies by design. */
            bool varies = is_while;
            for (uint32_t k = 0; k < a->names.n && !varies; k++)
                varies = taint_has(t, a->names.v[k]);
            if (varies)
                taint_add(t, a->target);
        }
        /* A local filled inside the loop from what varies: kwargs.update(x=row.x) */
        for (uint32_t i = 0; i < m->calls.len; i++) {
            const hr_call *c = HR_CALL(m, i);
            if (c->loop < 0 || !c->receiver || !loop_within(m, c->loop, li) ||
                strpbrk(c->receiver, ".([") || taint_has(t, c->receiver))
                continue;
            for (uint32_t k = 0; k < c->names.n; k++) {
                if (strcmp(c->names.v[k], c->receiver) != 0 && taint_has(t, c->names.v[k])) {
                    taint_add(t, c->receiver);
                    if (taint_has(t, c->receiver))
                        t->mutated[t->n - 1] = true;
                    break;
                }
            }
        }
        if (t->n == before)
            break;
    }
}

/* The first name the call reads that varies per iteration, or NULL. */
static const char *dependence(const hr_file_model *m, const hr_call *c, int32_t li)
{
    taint t = {.n = 0};
    loop_taint(&t, m, li);
    for (uint32_t i = 0; i < c->names.n; i++) {
        for (int k = 0; k < t.n; k++) {
            if (!target_is(t.names[k], c->names.v[i]) && strcmp(t.names[k], c->names.v[i]) != 0)
                continue;
            /* `cursor.execute(f"... {x}")` fills nothing: its own receiver does not count */
            if (t.mutated[k] && c->receiver && target_is(c->receiver, t.names[k]))
                continue;
            return c->names.v[i];
        }
    }
    return NULL;
}

/* `for sql in statements: cursor.execute(sql)` runs a list of different
 * statements (a script, DDL), not the same query once per row. */
static bool statement_varies(const hr_file_model *m, const hr_call *c, const hr_kn_query *entry,
                             int32_t li)
{
    if (!entry || entry->statement_arg < 0 || (uint32_t)entry->statement_arg >= c->args.n)
        return false;
    const char *arg = c->args.v[entry->statement_arg];
    if (strcmp(arg, "?") == 0)
        return false; /* an f-string or concatenation: the same query with values spliced in */
    char root[128];
    size_t n = strcspn(arg, ".([");
    if (n == 0 || n >= sizeof(root))
        return false;
    memcpy(root, arg, n);
    root[n] = 0;
    taint t = {.n = 0};
    loop_taint(&t, m, li);
    return taint_has(&t, root);
}

static void describe_loop(char *out, size_t cap, const hr_file_model *m, const hr_loop *l)
{
    const char *what = l->kind == HR_LOOP_COMPREHENSION ? "comprehension"
                       : l->kind == HR_LOOP_CALLBACK    ? "callback loop"
                       : l->kind == HR_LOOP_WHILE       ? "while loop"
                       : l->kind == HR_LOOP_DO          ? "do-while loop"
                                                        : "loop";
    char spelled[256];
    if (l->iterable)
        hr_model_spell(spelled, sizeof(spelled), m, l->iterable);
    if (l->iterable && strcmp(l->iterable, "?") != 0 && strlen(spelled) < 80)
        snprintf(out, cap, "%s over '%s'", what, spelled);
    else
        snprintf(out, cap, "%s", what);
}

/* The spelled callee, shortened for messages: "Order.objects.get()",
 * "len(Order.objects.filter())" for an evaluator. */
static void describe_call(char *out, size_t cap, const hr_call *c, bool via_evaluator)
{
    const char *callee = c->callee ? c->callee : c->name;
    if (via_evaluator && c->args.n && strlen(c->args.v[0]) < 60)
        snprintf(out, cap, "%s(%s)", callee, c->args.v[0]);
    else if (strlen(callee) > 60 && c->name)
        snprintf(out, cap, "...%s()", c->name);
    else
        snprintf(out, cap, "%s()", callee);
}

/* Whether another call uses call `index` as its receiver (`where()` in
 * `knex("t").where().first()`): only the outermost call of a chain runs. */
static bool is_receiver(const hr_file_model *m, int32_t index)
{
    for (uint32_t i = 0; i < m->calls.len; i++)
        if (HR_CALL(m, i)->receiver_call == index)
            return true;
    return false;
}

/* A lazy query that runs without being iterated: a thenable (a knex,
 * Objection or Drizzle builder, a Mongoose query) runs when it is awaited, and
 * when a callback inside Promise.all returns it. */
static bool thenable_runs(const hr_file_model *m, const hr_call *c, int32_t index)
{
    if (c->flags & HR_CALL_AWAITED)
        return true;
    if (!(c->flags & HR_CALL_RETURNED) || c->loop < 0)
        return false;
    const hr_loop *l = HR_LOOP(m, c->loop);
    return l->kind == HR_LOOP_CALLBACK && (l->flags & HR_LOOP_CONCURRENT) && !is_receiver(m, index);
}

/* `qb.where("u.teamId = :id", { id })` inside the loop, then `qb.getMany()`:
 * the builder the query runs was filled from what the loop varies by a call
 * on it that is not a query itself. Returns the name that varies, or NULL. */
static const char *builder_dependence(const hr_rule_ctx *ctx, const hr_call *c, int32_t index, int32_t li)
{
    const hr_file_model *m = ctx->model;
    if (!c->receiver || strpbrk(c->receiver, ".(["))
        return NULL;
    taint t = {.n = 0};
    loop_taint(&t, m, li);
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *k = HR_CALL(m, i);
        if ((int32_t)i == index || k->loop < 0 || !loop_within(m, k->loop, li) || !k->receiver ||
            !target_is(k->receiver, c->receiver))
            continue;
        const char *name = NULL;
        for (uint32_t n = 0; n < k->names.n && !name; n++)
            if (strcmp(k->names.v[n], c->receiver) != 0 && taint_has(&t, k->names.v[n]))
                name = k->names.v[n];
        /* a builder step, not a query of its own (cursor.execute(sql) fills nothing) */
        if (name && hr_project_classify_call(ctx->project, m, (int32_t)i).kind != HR_QUERY_EXECUTE)
            return name;
    }
    return NULL;
}

/* ---- JS/TS relation reads on the rows of a loop ----
 * `order.getCustomer()` (a Sequelize association getter) and
 * `post.populate("author")` (Mongoose) on the variable of a loop over rows
 * whose model the catalogue knows. When the rows did not load the relation,
 * lazy-load-in-loop reports the read (with the include / populate to add)
 * and this rule stays quiet, as it does for Python relation reads. When the
 * rows did load it, the call still queries: a Sequelize getter always runs
 * a query and Mongoose populates a populated path again (forceRepopulate is
 * on by default), so this rule reports it, saying to read the loaded value. */

typedef enum { JS_REL_NONE, JS_REL_UNLOADED, JS_REL_LOADED } js_rel_read;

/* Whether `name` is the Sequelize getter of relation `rel` (`getCustomer`). */
static bool js_is_getter(const char *name, const hr_orm_relation *rel)
{
    if (strncmp(name, "get", 3) != 0 || !name[3] || !rel->name[0])
        return false;
    char first = rel->name[0] >= 'a' && rel->name[0] <= 'z' ? (char)(rel->name[0] - 'a' + 'A') : rel->name[0];
    return name[3] == first && strcmp(name + 4, rel->name + 1) == 0;
}

/* What call c reads of the relations of its loop rows; *out_rel receives
 * the (first) relation, *out_var the loop variable. */
static js_rel_read js_relation_read(const hr_rule_ctx *ctx, const hr_call *c, const hr_orm_relation **out_rel,
                                    char *out_var, size_t var_cap)
{
    const hr_file_model *m = ctx->model;
    if (!(HR_LANGBIT(m->lang) & HR_LANGS_JS) || !c->receiver || !c->name || strpbrk(c->receiver, ".(["))
        return JS_REL_NONE;
    int32_t bl = dc_binding_loop(m, c->function, c->receiver, c->span);
    hr_rows rows;
    if (bl < 0 || HR_LOOP(m, bl)->vars.n != 1 || !hr_project_loop_rows(ctx->project, m, bl, &rows) ||
        !rows.model || rows.not_models || rows.loads_unknown || !hr_kn_style_js(rows.model->style))
        return JS_REL_NONE;
    snprintf(out_var, var_cap, "%s", c->receiver);
    const hr_orm_model *om = rows.model;
    if (om->style == HR_KN_STYLE_SEQUELIZE) {
        for (uint32_t k = 0; k < om->relations.len; k++) {
            const hr_orm_relation *rel = &HR_VEC_AT(om->relations, hr_orm_relation, k);
            if (!js_is_getter(c->name, rel))
                continue;
            *out_rel = rel;
            return hr_rows_loaded(&rows, rel->name, rel->kind) ? JS_REL_LOADED : JS_REL_UNLOADED;
        }
        return JS_REL_NONE;
    }
    if (om->style != HR_KN_STYLE_MONGOOSE || strcmp(c->name, "populate") != 0 || !c->argvalues.n)
        return JS_REL_NONE;
    /* populate("author") / ("author comments") */
    const char *v = c->argvalues.v[0];
    size_t n = strlen(v);
    char paths[256];
    if (n < 3 || v[0] != '"' || v[n - 1] != '"' || n - 2 >= sizeof(paths))
        return JS_REL_NONE;
    memcpy(paths, v + 1, n - 2);
    paths[n - 2] = 0;
    /* one relation the rows did not load: lazy-load-in-loop reports the call;
     * all loaded: the call only populates again; a path the catalogue does
     * not know (a virtual) may need the call: not judged */
    bool unknown = false;
    js_rel_read out = JS_REL_NONE;
    for (char *tok = paths; *tok;) {
        size_t tn = strcspn(tok, " ");
        bool last = tok[tn] == 0;
        tok[tn] = 0;
        const hr_orm_relation *rel = tn ? hr_orm_find_relation(om, tok) : NULL;
        tok = last ? tok + tn : tok + tn + 1;
        if (!tn)
            continue;
        if (!rel) {
            unknown = true;
            continue;
        }
        if (!hr_rows_loaded(&rows, rel->name, rel->kind)) {
            *out_rel = rel;
            return JS_REL_UNLOADED;
        }
        if (!*out_rel)
            *out_rel = rel;
        out = JS_REL_LOADED;
    }
    return unknown ? JS_REL_NONE : out;
}

static void check_call(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (c->loop < 0)
        return;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    bool iterated = q.kind == HR_QUERY_LAZY && (c->flags & HR_CALL_LOOP_ITERABLE);
    if (q.kind == HR_QUERY_LAZY && thenable_runs(m, c, index)) {
        q.kind = HR_QUERY_EXECUTE;
        iterated = false;
    }
    if (q.kind != HR_QUERY_EXECUTE && !iterated)
        return;
    /* insert_many(batch) in a loop over batches is the fix, not the problem;
     * bulk_create([Row(...)]) of a literal per row is not. */
    if (q.bulk && c->args.n && strcmp(c->args.v[0], "?") != 0)
        return;

    /* Find the loop the call runs per iteration of. A call that is returned
     * leaves every statement loop around it; one directly followed by break,
     * return or raise leaves the innermost. Comprehensions inside the
     * statement still iterate: `return [q(x) for x in xs]`. */
    bool returned = c->flags & HR_CALL_RETURNED, exits = c->flags & HR_CALL_THEN_EXIT;
    int32_t li = c->loop;
    const char *dep = NULL;
    for (; li >= 0; li = HR_LOOP(m, li)->parent) {
        const hr_loop *l = HR_LOOP(m, li);
        bool statement = l->kind != HR_LOOP_COMPREHENSION && l->kind != HR_LOOP_CALLBACK;
        if (statement && returned)
            return;
        if (statement && exits) {
            exits = false; /* runs once, then leaves this loop */
            continue;
        }
        if (l->flags & HR_LOOP_SMALL_LITERAL) {
            /* leaving a callback: its return says nothing of the loops around it */
            if (l->kind == HR_LOOP_CALLBACK)
                returned = exits = false;
            continue;
        }
        dep = dependence(m, c, li);
        if (!dep)
            dep = builder_dependence(ctx, c, index, li);
        if ((l->kind == HR_LOOP_WHILE || l->kind == HR_LOOP_DO) && !dep)
            continue; /* polling or batching: not reported */
        break;
    }
    if (li < 0)
        return;
    const hr_loop *l = HR_LOOP(m, li);
    if (statement_varies(m, c, q.entry, li))
        return;
    /* Prisma merges findUnique calls started in the same tick into one query:
     * only awaiting them one at a time in a statement loop makes N queries. */
    bool concurrent = l->kind == HR_LOOP_CALLBACK || !(c->flags & HR_CALL_AWAITED);
    if (q.entry && concurrent && c->name && hr_strs_contains(&q.entry->batched, c->name))
        return;

    const hr_orm_relation *rel = NULL;
    char rel_var[256] = "";
    js_rel_read rr = js_relation_read(ctx, c, &rel, rel_var, sizeof(rel_var));
    if (rr == JS_REL_UNLOADED)
        return; /* lazy-load-in-loop's: it names the include / populate to add */

    char loop_desc[160], call_desc[160];
    describe_loop(loop_desc, sizeof(loop_desc), m, l);
    describe_call(call_desc, sizeof(call_desc), c, q.via_evaluator);
    const char *fw = q.entry && q.entry->framework ? q.entry->framework : "database";
    const char *verb = iterated ? "is iterated, running a query," : "runs";
    hr_finding *f;
    bool together = l->kind == HR_LOOP_CALLBACK && (l->flags & HR_LOOP_CONCURRENT);
    if (rr == JS_REL_LOADED && strcmp(c->name, "populate") == 0)
        f = hr_report(ctx, c->span,
                      "%s query '%s' runs on every iteration of the %s (N+1) although the rows' query "
                      "already populated '%s': populate() on a populated path queries again; drop the "
                      "call and read %s.%s.",
                      fw, call_desc, loop_desc, rel->name, rel_var, rel->name);
    else if (rr == JS_REL_LOADED)
        f = hr_report(ctx, c->span,
                      "%s query '%s' runs on every iteration of the %s (N+1) although the rows' query "
                      "included '%s': an association getter always queries; read the included %s.%s "
                      "instead.",
                      fw, call_desc, loop_desc, rel->name, rel_var, rel->name);
    else if (dep && together && q.write)
        f = hr_report(ctx, c->span,
                      "%s write '%s' %s once per element of the %s: the writes run concurrently "
                      "but are still one round trip each and hold a pooled connection each; "
                      "write the rows with one bulk call (bulkCreate, createMany, insertMany, a "
                      "multi-row INSERT).",
                      fw, call_desc, verb, loop_desc);
    else if (dep && together)
        f = hr_report(ctx, c->span,
                      "%s query '%s' %s once per element of the %s and depends on '%s': the "
                      "queries run concurrently but are still N queries, each holding a pooled "
                      "connection; fetch the rows with one IN query before it (where: { id: ids }, "
                      "findMany({ where: { id: { in: ids } } }), $in, whereIn, = ANY($1)).",
                      fw, call_desc, verb, loop_desc, dep);
    else if (dep && q.write)
        f = hr_report(ctx, c->span,
                      "%s write '%s' %s on every iteration of the %s, one round trip per row; "
                      "collect the rows and write them once after the loop with the bulk API.",
                      fw, call_desc, verb, loop_desc);
    else if (q.write)
        f = hr_report(ctx, c->span,
                      "%s write '%s' %s on every iteration of the %s but does not depend on it; "
                      "run it once after the loop.",
                      fw, call_desc, verb, loop_desc);
    else if (dep)
        f = hr_report(ctx, c->span,
                      "%s query '%s' %s on every iteration of the %s and depends on '%s' (N+1); "
                      "fetch what the loop needs with one query before it.",
                      fw, call_desc, verb, loop_desc, dep);
    else
        f = hr_report(ctx, c->span,
                      "%s query '%s' %s on every iteration of the %s but does not depend on it; "
                      "run it once before the loop.",
                      fw, call_desc, verb, loop_desc);
    hr_finding_relate(ctx, f, l->head, loop_desc);
    char step[200];
    snprintf(step, sizeof(step), "%s starts here", loop_desc);
    hr_finding_step(ctx, f, ctx->file, l->head, step);
    hr_finding_step(ctx, f, ctx->file, c->span, "the query runs on every iteration");
}

/* `orders = Order.objects.filter(customer=c)` then `for o in orders:` inside
 * another loop: iterating the lazy query runs it once per outer iteration. */
static void check_loop(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_loop *inner = HR_LOOP(m, index);
    if (inner->iter_call >= 0 || !inner->iterable || inner->parent < 0 ||
        strchr(inner->iterable, '.') || strchr(inner->iterable, '('))
        return;
    hr_query_match q = hr_project_classify_value(ctx->project, m, inner->function, inner->iterable);
    if (q.kind != HR_QUERY_LAZY)
        return;
    int32_t li = inner->parent;
    for (; li >= 0; li = HR_LOOP(m, li)->parent) {
        const hr_loop *l = HR_LOOP(m, li);
        if (l->flags & HR_LOOP_SMALL_LITERAL)
            continue;
        if (l->kind == HR_LOOP_WHILE || l->kind == HR_LOOP_DO)
            continue;
        break;
    }
    if (li < 0)
        return;
    /* The query must be built inside that loop; built before it, it is
     * evaluated once and cached by the queryset (Django) or is a plain list. */
    bool built_inside = false;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->function == inner->function && strcmp(a->target, inner->iterable) == 0)
            built_inside = a->loop >= 0 && loop_within(m, a->loop, li);
    }
    if (!built_inside)
        return;
    /* Iterated already in this iteration: a Django queryset caches its rows. */
    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *other = HR_LOOP(m, i);
        if ((int32_t)i != index && other->function == inner->function && other->iterable &&
            strcmp(other->iterable, inner->iterable) == 0 &&
            other->span.start_byte < inner->span.start_byte && loop_within(m, (int32_t)i, li))
            return;
    }
    const hr_loop *l = HR_LOOP(m, li);
    char loop_desc[160];
    describe_loop(loop_desc, sizeof(loop_desc), m, l);
    const char *fw = q.entry && q.entry->framework ? q.entry->framework : "database";
    hr_finding *f = hr_report(ctx, inner->head,
                              "%s query '%s' is iterated, running a query, on every iteration of the %s (N+1); "
                              "fetch what the loop needs with one query before it.",
                              fw, inner->iterable, loop_desc);
    hr_finding_relate(ctx, f, l->head, loop_desc);
    char step[200];
    snprintf(step, sizeof(step), "%s starts here", loop_desc);
    hr_finding_step(ctx, f, ctx->file, l->head, step);
    hr_finding_step(ctx, f, ctx->file, inner->head, "the query runs on every iteration");
}

/* ---- through functions, relations, properties and serializers ----
 * (helpers in deep_common.h; the facts come from the project's catalogue,
 * rows and function summaries) */

/* Whether a prefetch on the rows of loop variable `var` serves relation
 * `rel` at the call site `at`: the rows are known and load it. */
static bool qil_prefetched(const hr_project *p, const hr_file_model *m, int32_t fn, const char *var,
                           hr_span at, const char *rel)
{
    int32_t bl = dc_binding_loop(m, fn, var, at);
    hr_rows rows;
    if (bl < 0 || !hr_project_loop_rows(p, m, bl, &rows))
        return false;
    return rows.loads_unknown || hr_rows_loaded(&rows, rel, HR_REL_TO_MANY) ||
           hr_rows_loaded(&rows, rel, HR_REL_TO_ONE);
}

/* Whether the relation read a summary is conditional on (chain->relation)
 * is served where the call runs: the call is on a loop variable whose rows
 * load it, or cannot be known (then stay quiet). */
static bool qil_relation_served(const hr_project *p, const hr_file_model *m, const hr_call *c,
                                const char *relation)
{
    if (!relation)
        return false;
    char var[256];
    dc_root(var, sizeof(var), c->receiver ? c->receiver : "");
    if (!var[0] || strchr(c->receiver, '.') || strchr(c->receiver, '('))
        return true; /* not a call on a row: which rows is not known */
    int32_t bl = dc_binding_loop(m, c->function, var, c->span);
    hr_rows rows;
    if (bl < 0 || !hr_project_loop_rows(p, m, bl, &rows) || rows.loads_unknown)
        return true;
    return hr_rows_loaded(&rows, relation, HR_REL_TO_MANY) || hr_rows_loaded(&rows, relation, HR_REL_TO_ONE);
}

/* Adds the steps of a summary chain to a finding. */
static void qil_chain_steps(hr_rule_ctx *ctx, hr_finding *f, const hr_effect_chain *chain)
{
    for (uint32_t k = 0; k < chain->n; k++) {
        char step[300];
        bool last = k + 1 == chain->n;
        snprintf(step, sizeof(step), last ? "%s runs the query" : "%s calls %s", chain->steps[k].function,
                 chain->steps[k].what);
        dc_step_at(ctx, f, chain->steps[k].file, chain->steps[k].span, step);
    }
}

/* `order_total(order)`, `order.total_price()`, `order.lines.count()` in a loop. */
static void check_call_through(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (c->loop < 0)
        return;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    if (q.kind != HR_QUERY_NONE)
        return; /* check_call's */
    const hr_orm_relation *rel = NULL;
    const hr_orm_model *om = NULL;
    bool related = hr_project_related_query(ctx->project, m, index, &rel, &om);
    hr_effect_chain chain;
    if (!related && !(hr_project_call_effects(ctx->project, m, index, HR_EFFECT_QUERY, &chain) & HR_EFFECT_QUERY))
        return;
    int32_t li = dc_iteration_loop(m, c, true);
    if (li < 0)
        return;
    const char *dep = dependence(m, c, li);
    const hr_loop *l = HR_LOOP(m, li);
    if ((l->kind == HR_LOOP_WHILE || l->kind == HR_LOOP_DO) && !dep)
        return; /* polling or batching */
    char loop_desc[160], call_desc[160], where[300];
    dc_describe_loop(loop_desc, sizeof(loop_desc), m, l);
    describe_call(call_desc, sizeof(call_desc), c, false);
    hr_finding *f;
    if (related) {
        char var[256];
        dc_root(var, sizeof(var), c->receiver);
        /* count()/exists() directly on the relation read a prefetch; after filter() they do not */
        bool served = (strcmp(c->name, "count") == 0 || strcmp(c->name, "exists") == 0 ||
                       strcmp(c->name, "all") == 0) && c->receiver_call < 0;
        if (served && qil_prefetched(ctx->project, m, c->function, var, c->span, rel->name))
            return;
        bool write = false;
        const hr_kn_lang *kl = &ctx->knowledge->lang[m->lang];
        for (uint32_t i = 0; i < kl->queries.len && !write; i++) {
            const hr_kn_query *e = &HR_VEC_AT(kl->queries, hr_kn_query, i);
            write = e->framework && strcmp(e->framework, om->framework) == 0 && hr_strs_contains(&e->writes, c->name);
        }
        if (write)
            f = hr_report(ctx, c->span,
                          "%s write '%s' runs on every iteration of the %s through the relation '%s' of "
                          "%s, one round trip per row; collect the rows and write them once after the "
                          "loop with the bulk API.",
                          om->framework, call_desc, loop_desc, rel->name, om->name);
        else if (served)
            f = hr_report(ctx, c->span,
                          "%s query '%s' runs on every iteration of the %s through the relation '%s' of "
                          "%s (N+1); load it with the loop's query (prefetch_related(\"%s\"), or "
                          "annotate(Count(\"%s\")) for a count).",
                          om->framework, call_desc, loop_desc, rel->name, om->name, rel->name, rel->name);
        else
            f = hr_report(ctx, c->span,
                          "%s query '%s' runs on every iteration of the %s through the relation '%s' of "
                          "%s (N+1); a prefetch does not serve '%s()': fetch what the loop needs with one "
                          "query before it (Prefetch(\"%s\", queryset=...), an IN query, or an aggregate).",
                          om->framework, call_desc, loop_desc, rel->name, om->name, c->name, rel->name);
        dc_relate_at(ctx, f, rel->file, rel->span, "the relation is declared here");
    } else {
        if (qil_relation_served(ctx->project, m, c, chain.relation))
            return;
        /* self.execute(sql) for each sql of a list: a script, not a query per row */
        if (chain.statement_arg >= 0 && (uint32_t)chain.statement_arg < c->args.n) {
            const char *arg = c->args.v[chain.statement_arg];
            taint t = {.n = 0};
            loop_taint(&t, m, li);
            char root[128];
            size_t rn = strcspn(arg, ".([");
            bool varies = false;
            if (strcmp(arg, "?") != 0 && rn > 0 && rn < sizeof(root)) {
                memcpy(root, arg, rn);
                root[rn] = 0;
                varies = taint_has(&t, root);
            }
            /* self._create_index_sql(model, field): a statement built from what the loop varies */
            size_t an = strlen(arg);
            for (uint32_t k = (uint32_t)index + 1; !varies && an > 2 && strcmp(arg + an - 2, "()") == 0 &&
                                                   k < m->calls.len;
                 k++) {
                const hr_call *ac = HR_CALL(m, k);
                if (ac->span.start_byte >= c->span.end_byte)
                    break;
                if (strlen(ac->callee) != an - 2 || strncmp(ac->callee, arg, an - 2) != 0)
                    continue;
                for (uint32_t j = 0; j < ac->names.n && !varies; j++)
                    varies = taint_has(&t, ac->names.v[j]);
                break;
            }
            if (varies)
                return;
        }
        const hr_effect_step *last = &chain.steps[chain.n ? chain.n - 1 : 0];
        dc_where_here(where, sizeof(where), ctx, last->file, last->span);
        if (dep)
            f = hr_report(ctx, c->span,
                          "'%s' runs a database query on every iteration of the %s (N+1): it runs '%s' "
                          "at %s; fetch what the loop needs with one query before it and pass it in.",
                          call_desc, loop_desc, last->what, where);
        else
            f = hr_report(ctx, c->span,
                          "'%s' runs a database query on every iteration of the %s but does not depend on "
                          "it: it runs '%s' at %s; call it once before the loop.",
                          call_desc, loop_desc, last->what, where);
        dc_relate_at(ctx, f, last->file, last->span, "the query");
    }
    hr_finding_relate(ctx, f, l->head, loop_desc);
    char step[200];
    snprintf(step, sizeof(step), "%s starts here", loop_desc);
    hr_finding_step(ctx, f, ctx->file, l->head, step);
    hr_finding_step(ctx, f, ctx->file, c->span, related ? "the query runs on every iteration"
                                                        : "the call runs on every iteration");
    if (!related)
        qil_chain_steps(ctx, f, &chain);
}

/* `order.latest_payment` in a loop, where the property runs a query. One pass
 * over the file's attribute reads (per loop it would be loops x attrs). */
static void check_loop_properties(hr_rule_ctx *ctx)
{
    const hr_file_model *m = ctx->model;
    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *a = HR_ATTR(m, i);
        int32_t index = a->loop;
        if (index < 0)
            continue;
        hr_effect_chain chain;
        const hr_file_model *pm = NULL;
        int32_t pf = -1;
        if (!(hr_project_attr_effects(ctx->project, m, (int32_t)i, HR_EFFECT_QUERY, &chain, &pm, &pf) &
              HR_EFFECT_QUERY))
            continue;
        /* the loop it runs per iteration of (no call flags: an attribute read never leaves the loop) */
        int32_t li = -1;
        for (int32_t k = a->loop; k >= 0; k = HR_LOOP(m, k)->parent) {
            const hr_loop *l = HR_LOOP(m, k);
            if (l->flags & (HR_LOOP_SMALL_LITERAL | HR_LOOP_INFINITE) || l->kind == HR_LOOP_WHILE ||
                l->kind == HR_LOOP_DO)
                continue;
            li = k;
            break;
        }
        if (li < 0)
            continue;
        if (chain.relation) {
            char var[256];
            dc_root(var, sizeof(var), a->chain);
            int32_t bl = dc_binding_loop(m, a->function, var, a->span);
            hr_rows rows;
            if (bl < 0 || !hr_project_loop_rows(ctx->project, m, bl, &rows) || rows.loads_unknown ||
                hr_rows_loaded(&rows, chain.relation, HR_REL_TO_ONE) ||
                hr_rows_loaded(&rows, chain.relation, HR_REL_TO_MANY))
                continue;
        }
        /* one finding per property and loop */
        bool seen = false;
        size_t alen = strcspn(a->chain + strcspn(a->chain, ".") + 1, ".") + strcspn(a->chain, ".") + 1;
        for (uint32_t k = 0; k < i && !seen; k++) {
            const hr_attr *b = HR_ATTR(m, k);
            seen = b->loop == index && strncmp(b->chain, a->chain, alen) == 0 &&
                   (b->chain[alen] == 0 || b->chain[alen] == '.');
        }
        if (seen)
            continue;
        const hr_loop *l = HR_LOOP(m, li);
        char loop_desc[160], where[300], prop[256];
        dc_describe_loop(loop_desc, sizeof(loop_desc), m, l);
        const hr_effect_step *last = &chain.steps[chain.n ? chain.n - 1 : 0];
        dc_where_here(where, sizeof(where), ctx, last->file, last->span);
        snprintf(prop, sizeof(prop), "%.*s", (int)alen, a->chain);
        hr_finding *f = hr_report(ctx, a->span,
                                  "the property '%s' runs a database query on every iteration of the %s "
                                  "(N+1): it runs '%s' at %s; load what it needs with the loop's query "
                                  "(annotate, prefetch_related) or compute it once before the loop.",
                                  prop, loop_desc, last->what, where);
        hr_finding_relate(ctx, f, l->head, loop_desc);
        dc_relate_at(ctx, f, last->file, last->span, "the query");
        char step[200];
        snprintf(step, sizeof(step), "%s starts here", loop_desc);
        hr_finding_step(ctx, f, ctx->file, l->head, step);
        hr_finding_step(ctx, f, ctx->file, a->span, "the property is read on every iteration");
        qil_chain_steps(ctx, f, &chain);
    }
}

/* A DRF serializer used for many rows (`many=True`, a list view) whose
 * SerializerMethodField methods run a query: one query per serialised row. */
static void check_serializer(hr_rule_ctx *ctx, int32_t index)
{
    static const char *const drf[] = {"rest_framework.serializers.Serializer",
                                      "rest_framework.serializers.ModelSerializer",
                                      "rest_framework.serializers.HyperlinkedModelSerializer"};
    const hr_file_model *m = ctx->model;
    const hr_class *cls = HR_CLASS(m, index);
    hr_strs bases = {(const char **)drf, (uint32_t)HR_ARRAY_LEN(drf)};
    if (m->lang != HR_LANG_PYTHON || !hr_project_class_derives(ctx->project, m, cls->qualname, &bases))
        return;
    const hr_file_model *um = NULL;
    hr_span use;
    if (!hr_project_serializer_many(ctx->project, cls, &um, &use))
        return;
    char where_use[300];
    dc_where_here(where_use, sizeof(where_use), ctx, um, use);
    for (uint32_t k = 0; k < cls->fields.len; k++) {
        const hr_field *fd = HR_FIELD(cls, k);
        if (fd->value_call < 0 || !hr_str_ends_with(fd->value, "SerializerMethodField()"))
            continue;
        const hr_call *fc = HR_CALL(m, fd->value_call);
        char method[256];
        snprintf(method, sizeof(method), "get_%s", fd->name);
        for (uint32_t j = 0; j < fc->kwargs.n && j < fc->kwvalues.n; j++) {
            const char *v = fc->kwvalues.v[j];
            size_t n = strlen(v);
            if (strcmp(fc->kwargs.v[j], "method_name") == 0 && n > 2 && v[0] == '"')
                snprintf(method, sizeof(method), "%.*s", (int)(n - 2), v + 1);
        }
        /* the method, defined in this class */
        int32_t fn = -1;
        for (uint32_t f = 0; f < m->functions.len && fn < 0; f++)
            if (HR_FUNC(m, f)->class_index == index && strcmp(HR_FUNC(m, f)->name, method) == 0)
                fn = (int32_t)f;
        if (fn < 0 || !(hr_project_function_effects(ctx->project, m, fn) & HR_EFFECT_QUERY))
            continue;
        /* the first query (or call leading to one) in its body */
        hr_effect_chain chain;
        memset(&chain, 0, sizeof(chain));
        int32_t site = -1;
        for (uint32_t i = 0; i < m->calls.len && site < 0; i++) {
            const hr_call *c = HR_CALL(m, i);
            if (c->function != fn)
                continue;
            hr_query_match q = hr_project_classify_call(ctx->project, m, (int32_t)i);
            if (q.kind == HR_QUERY_EXECUTE || (q.kind == HR_QUERY_LAZY && (c->flags & HR_CALL_LOOP_ITERABLE)) ||
                hr_project_related_query(ctx->project, m, (int32_t)i, NULL, NULL) ||
                ((hr_project_call_effects(ctx->project, m, (int32_t)i, HR_EFFECT_QUERY, &chain) & HR_EFFECT_QUERY) &&
                 !chain.relation))
                site = (int32_t)i;
        }
        if (site < 0)
            continue; /* only reads of obj's relations: the view's queryset may load them */
        const hr_call *c = HR_CALL(m, site);
        char call_desc[160];
        describe_call(call_desc, sizeof(call_desc), c, false);
        hr_finding *f = hr_report(ctx, c->span,
                                  "'%s' runs a database query once per serialised object: %s.%s() backs "
                                  "the field '%s' and %s serialises many objects at %s (N+1); annotate or "
                                  "prefetch what it needs on the view's queryset and read that instead.",
                                  call_desc, cls->name, method, fd->name, cls->name, where_use);
        dc_relate_at(ctx, f, um, use, "the serializer is used for many objects here");
        hr_finding_relate(ctx, f, fd->span, "the SerializerMethodField");
        dc_step_at(ctx, f, um, use, "many objects are serialised here");
        hr_finding_step(ctx, f, ctx->file, c->span, "the query runs once per object");
    }
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_CALL) {
        check_call(ctx, index);
        check_call_through(ctx, index);
    } else if (ev == HR_EV_LOOP) {
        check_loop(ctx, index);
    } else if (ev == HR_EV_FILE) {
        check_loop_properties(ctx);
    } else if (ev == HR_EV_CLASS) {
        check_serializer(ctx, index);
    }
}

const hr_rule hr_rule_query_in_loop = {
    .id = "query-in-loop",
    .name = "QueryInLoop",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS | HR_LANGBIT(HR_LANG_C) | HR_LANGBIT(HR_LANG_CPP),
    .events = HR_EV_FILE | HR_EV_CALL | HR_EV_LOOP | HR_EV_CLASS,
    .title = "A database query runs on every iteration of a loop.",
    .help = "Load what the loop needs with one query before it (an IN filter, select_related / "
            "prefetch_related, joinedload / selectinload; in JS where: { id: ids }, include, $in, "
            "whereIn), hoist loop-invariant queries out, and write rows with the bulk API "
            "(bulk_create, bulk_update, executemany; bulkCreate, createMany, insertMany).",
    .check = check,
};
