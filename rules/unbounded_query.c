/* unbounded_query.c - unbounded-query (10k): a handler reads every row of a
 * table into its response.
 *
 * Two shapes. A query chain made only of non-filtering methods (`all()`,
 * `order_by()`, `select_related()`; `findAll()` / `findMany()` without
 * where/limit/take), not sliced, whose value leaves the function whole
 * (returned, iterated, `list()`-ed, serialized with many=True), in a function
 * a handler reaches (hr_rp_unbounded, shared with uncached-hot-read). And a
 * DRF list view (ListAPIView, ModelViewSet...) with no pagination_class while
 * the project sets no DEFAULT_PAGINATION_CLASS, or a Django ListView without
 * paginate_by. Filters of any kind are taken as bounding: precision first. */
#include "request_paths.h"

#include <stdio.h>
#include <string.h>

/* The function paginates (Paginator, paginate(), get_page()). */
static bool paginates(const hr_file_model *m, int32_t fn)
{
    static const char *const names[] = {"Paginator", "paginate", "paginate_queryset", "get_page",
                                        "page", "paginate_by"};
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->function != fn || !c->name)
            continue;
        for (size_t k = 0; k < HR_ARRAY_LEN(names); k++)
            if (strcmp(c->name, names[k]) == 0)
                return true;
    }
    return false;
}

static void check_call(hr_rule_ctx *ctx, int32_t index)
{
    const hr_file_model *m = ctx->model;
    const hr_call *c = HR_CALL(m, index);
    hr_reach r;
    if (!hr_rp_reached(ctx, c->function, HR_REACH_ANY, &r) || paginates(m, c->function) ||
        !hr_rp_unbounded(ctx, index, true))
        return;
    char callee[200], where[700];
    hr_rp_callee(callee, sizeof(callee), c);
    hr_rp_where(where, sizeof(where), ctx, c->function, &r);
    hr_finding *f = hr_report(ctx, c->span,
                              "%s reads every row of the table in %s: the response grows with the "
                              "data, and at 10k users one request loads and serializes the whole table; "
                              "paginate it (a LIMIT with keyset or page parameters) or filter it.",
                              callee, where);
    hr_rp_flow(ctx, f, c->function, HR_REACH_ANY, c->span, "every row, no LIMIT");
}

static const hr_field *field(const hr_class *c, const char *name)
{
    for (uint32_t i = 0; i < c->fields.len; i++)
        if (strcmp(HR_FIELD(c, i)->name, name) == 0)
            return HR_FIELD(c, i);
    return NULL;
}

static void check_class(hr_rule_ctx *ctx, int32_t index)
{
    static const char *const drf_list[] = {
        "rest_framework.generics.ListAPIView", "rest_framework.generics.ListCreateAPIView",
        "rest_framework.viewsets.ModelViewSet", "rest_framework.viewsets.ReadOnlyModelViewSet",
        "rest_framework.mixins.ListModelMixin"};
    static const char *const dj_list[] = {"django.views.generic.ListView",
                                          "django.views.generic.list.ListView"};
    const hr_file_model *m = ctx->model;
    const hr_class *c = HR_CLASS(m, index);
    if (m->lang != HR_LANG_PYTHON || !c->qualname)
        return;
    hr_strs drf = {(const char **)drf_list, HR_ARRAY_LEN(drf_list)};
    hr_strs dj = {(const char **)dj_list, HR_ARRAY_LEN(dj_list)};
    bool is_drf = hr_project_class_derives(ctx->project, m, c->qualname, &drf);
    bool is_dj = !is_drf && hr_project_class_derives(ctx->project, m, c->qualname, &dj);
    if (!is_drf && !is_dj)
        return;
    if (c->name && (strncmp(c->name, "Base", 4) == 0 || strstr(c->name, "Mixin")))
        return; /* an abstract base: its subclasses say */
    const hr_field *pf = field(c, is_drf ? "pagination_class" : "paginate_by");
    if (pf && !(pf->literal && strcmp(pf->literal, "None") == 0))
        return;
    if (is_drf && !pf && hr_project_mentions(ctx->project, HR_LANG_PYTHON, "DEFAULT_PAGINATION_CLASS"))
        return;
    /* a subclass of a project class that paginates */
    for (uint32_t b = 0; b < c->bases.n && !pf; b++) {
        const hr_file_model *bm = NULL;
        const hr_class *bc = hr_project_class(ctx->project, m, c->bases.v[b], &bm);
        if (bc && field(bc, is_drf ? "pagination_class" : "paginate_by"))
            return;
    }
    hr_finding *f = hr_report(ctx, c->name_span,
                              is_drf ? "DRF list view '%s' has no pagination_class and the project sets no "
                                       "DEFAULT_PAGINATION_CLASS: its list response holds every row; at 10k "
                                       "users one request serializes the whole table; set pagination_class "
                                       "(CursorPagination scales best)."
                                     : "ListView '%s' has no paginate_by: the page renders every row; at 10k "
                                       "users one request loads the whole table; set paginate_by.",
                              c->name);
    hr_finding_step(ctx, f, ctx->file, c->name_span, "a list view without pagination");
}

static void check(hr_rule_ctx *ctx, hr_event_kind ev, int32_t index)
{
    if (ev == HR_EV_CALL)
        check_call(ctx, index);
    else if (ev == HR_EV_CLASS)
        check_class(ctx, index);
}

const hr_rule hr_rule_unbounded_query = {
    .id = "unbounded-query",
    .name = "UnboundedQuery",
    .stage = HR_STAGE_10K,
    .precision = HR_PRECISION_MEDIUM,
    .languages = HR_LANGBIT(HR_LANG_PYTHON) | HR_LANGS_JS,
    .events = HR_EV_CALL | HR_EV_CLASS,
    .title = "A handler returns every row of a table, so its response grows with the data.",
    .help = "Paginate list endpoints (LIMIT with a cursor or page; DRF pagination_class, "
            "ListView.paginate_by, take/limit options) or filter to what the user needs.",
    .check = check,
};
