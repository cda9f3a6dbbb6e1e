/* deep_common.h - what the rules built on the project's deep facts (the ORM
 * catalogue, rows and function summaries) share: lazy-load-in-loop,
 * unindexed-filter, api-call-in-loop and query-in-loop's cross-function
 * checks. Static inline helpers only; included by those rule files. */
#ifndef HEADROOM_RULES_DEEP_COMMON_H
#define HEADROOM_RULES_DEEP_COMMON_H

#include "headroom/rule.h"

#include <stdio.h>
#include <string.h>

/* A related location in any file of the project (hr_finding_relate is for
 * the current file). */
static inline void dc_relate_at(hr_rule_ctx *ctx, hr_finding *f, const hr_file_model *file, hr_span span,
                                const char *message)
{
    const hr_source *src = file ? hr_project_source(ctx->project, file) : NULL;
    if (!src)
        return;
    hr_location *l = HR_VEC_PUSH(&ctx->out->arena, &f->related, hr_location);
    l->file = src;
    l->span = span;
    l->message = hr_arena_strdup(&ctx->out->arena, message);
}

static inline void dc_step_at(hr_rule_ctx *ctx, hr_finding *f, const hr_file_model *file, hr_span span,
                              const char *message)
{
    const hr_source *src = file ? hr_project_source(ctx->project, file) : NULL;
    if (src)
        hr_finding_step(ctx, f, src, span, message);
}

/* "shop/models.py:31" for messages. */
static inline void dc_where(char *out, size_t cap, const hr_project *p, const hr_file_model *file, hr_span span)
{
    const hr_source *src = file ? hr_project_source(p, file) : NULL;
    const char *path = src ? (src->relpath ? src->relpath : src->path) : file ? file->path : "?";
    snprintf(out, cap, "%s:%u", path, span.start_line);
}

/* As dc_where, but "line 31" when the location is in the current file. */
static inline void dc_where_here(char *out, size_t cap, const hr_rule_ctx *ctx, const hr_file_model *file,
                                 hr_span span)
{
    if (file == ctx->model)
        snprintf(out, cap, "line %u", span.start_line);
    else
        dc_where(out, cap, ctx->project, file, span);
}

/* Whether loop `inner` is `outer` or nested in it (same function). */
static inline bool dc_loop_within(const hr_file_model *m, int32_t inner, int32_t outer)
{
    for (int guard = 0; inner >= 0 && guard < 1000; guard++) {
        if (inner == outer)
            return true;
        inner = HR_LOOP(m, inner)->parent;
    }
    return false;
}

static inline void dc_describe_loop(char *out, size_t cap, const hr_file_model *m, const hr_loop *l)
{
    const char *what = l->kind == HR_LOOP_COMPREHENSION ? "comprehension"
                       : l->kind == HR_LOOP_CALLBACK    ? "callback loop"
                       : l->kind == HR_LOOP_WHILE       ? "while loop"
                       : l->kind == HR_LOOP_DO          ? "do-while loop"
                                                        : "loop";
    char spelled[256];
    spelled[0] = 0;
    if (l->iterable)
        hr_model_spell(spelled, sizeof(spelled), m, l->iterable);
    if (l->iterable && strcmp(l->iterable, "?") != 0 && strlen(spelled) < 80)
        snprintf(out, cap, "%s over '%s'", what, spelled);
    else
        snprintf(out, cap, "%s", what);
}

/* The loop a call runs once per iteration of, as query-in-loop decides it:
 * out from the innermost loop, passing loops over small literal
 * collections; none when the call is returned (it leaves every statement
 * loop) and the innermost statement loop is passed when the call is directly
 * followed by break/return/raise. While loops count only with
 * `while_counts` (api-call-in-loop leaves polling and paging alone). */
static inline int32_t dc_iteration_loop(const hr_file_model *m, const hr_call *c, bool while_counts)
{
    bool returned = c->flags & HR_CALL_RETURNED, exits = c->flags & HR_CALL_THEN_EXIT;
    for (int32_t li = c->loop; li >= 0; li = HR_LOOP(m, li)->parent) {
        const hr_loop *l = HR_LOOP(m, li);
        bool statement = l->kind != HR_LOOP_COMPREHENSION && l->kind != HR_LOOP_CALLBACK;
        if (statement && returned)
            return -1;
        if (statement && exits) {
            exits = false;
            continue;
        }
        if (l->flags & (HR_LOOP_SMALL_LITERAL | HR_LOOP_INFINITE))
            continue;
        if ((l->kind == HR_LOOP_WHILE || l->kind == HR_LOOP_DO) && !while_counts)
            continue;
        return li;
    }
    return -1;
}

/* The innermost loop of function fn binding `var` whose span holds `at`. */
static inline int32_t dc_binding_loop(const hr_file_model *m, int32_t fn, const char *var, hr_span at)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *l = HR_LOOP(m, i);
        if (l->function != fn || !hr_strs_contains(&l->vars, var) || at.start_byte < l->span.start_byte ||
            at.end_byte > l->span.end_byte)
            continue;
        best = (int32_t)i; /* loops are in pre-order: a later one is nested deeper */
    }
    return best;
}

/* The first segment of a chain into out. */
static inline void dc_root(char *out, size_t cap, const char *chain)
{
    size_t n = strcspn(chain, ".([");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, chain, n);
    out[n] = 0;
}

#endif
