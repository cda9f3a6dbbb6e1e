/* registry.c - the explicit list of rules, expanded from rules.def, and the
 * API that rule checks use to report. */
#include "headroom/rule.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define HR_RULE(sym) extern const hr_rule hr_rule_##sym;
#include "rules.def"
#undef HR_RULE

const hr_rule *const hr_rules[] = {
#define HR_RULE(sym) &hr_rule_##sym,
#include "rules.def"
#undef HR_RULE
};

const size_t hr_rule_count = HR_ARRAY_LEN(hr_rules);

const hr_rule *hr_rule_find(const char *id)
{
    for (size_t i = 0; i < hr_rule_count; i++)
        if (strcmp(hr_rules[i]->id, id) == 0)
            return hr_rules[i];
    return NULL;
}

hr_finding *hr_report(hr_rule_ctx *ctx, hr_span span, const char *fmt, ...)
{
    hr_report_set *out = ctx->out;
    hr_finding *f = HR_VEC_PUSH(&out->arena, &out->findings, hr_finding);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = hr_arena_alloc(&out->arena, n > 0 ? (size_t)n + 1 : 1);
    va_start(ap, fmt);
    vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    f->rule = ctx->rule;
    f->stage = ctx->rule->stage;
    f->loc.file = ctx->file;
    f->loc.span = span;
    f->message = msg;
    f->fails = true;
    return f;
}

void hr_finding_relate(hr_rule_ctx *ctx, hr_finding *f, hr_span span, const char *message)
{
    hr_location *l = HR_VEC_PUSH(&ctx->out->arena, &f->related, hr_location);
    l->file = ctx->file;
    l->span = span;
    l->message = hr_arena_strdup(&ctx->out->arena, message);
}

void hr_finding_step(hr_rule_ctx *ctx, hr_finding *f, const hr_source *file, hr_span span,
                     const char *message)
{
    hr_location *l = HR_VEC_PUSH(&ctx->out->arena, &f->flow, hr_location);
    l->file = file;
    l->span = span;
    l->message = hr_arena_strdup(&ctx->out->arena, message);
}
