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
            if (t.mutated[k] && c->receiver && strcmp(c->receiver, t.names[k]) == 0)
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

static void check_call(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    if (c->loop < 0)
        return;
    hr_query_match q = hr_project_classify_call(ctx->project, m, index);
    bool iterated = q.kind == HR_QUERY_LAZY && (c->flags & HR_CALL_LOOP_ITERABLE);
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
        if (l->flags & HR_LOOP_SMALL_LITERAL)
            continue;
        dep = dependence(m, c, li);
        if ((l->kind == HR_LOOP_WHILE || l->kind == HR_LOOP_DO) && !dep)
            continue; /* polling or batching: not reported */
        break;
    }
    if (li < 0)
        return;
    const hr_loop *l = HR_LOOP(m, li);
    if (statement_varies(m, c, q.entry, li))
        return;

    char loop_desc[160], call_desc[160];
    describe_loop(loop_desc, sizeof(loop_desc), m, l);
    describe_call(call_desc, sizeof(call_desc), c, q.via_evaluator);
    const char *fw = q.entry && q.entry->framework ? q.entry->framework : "database";
    const char *verb = iterated ? "is iterated, running a query," : "runs";
    hr_finding *f;
    if (dep && q.write)
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

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_CALL)
        check_call(ctx, index);
    else if (ev == HR_EV_LOOP)
        check_loop(ctx, index);
}

const hr_rule hr_rule_query_in_loop = {
    .id = "query-in-loop",
    .name = "QueryInLoop",
    .stage = HR_STAGE_1K,
    .precision = HR_PRECISION_HIGH,
    .languages = HR_LANGBIT(HR_LANG_PYTHON),
    .events = HR_EV_CALL | HR_EV_LOOP,
    .title = "A database query runs on every iteration of a loop.",
    .help = "Load what the loop needs with one query before it (an IN filter, select_related / "
            "prefetch_related, joinedload / selectinload), hoist loop-invariant queries out, and "
            "write rows with the bulk API (bulk_create, bulk_update, executemany).",
    .check = check,
};
