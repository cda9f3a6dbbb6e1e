/* index.c - an index of a model's assignments by (function, target). */
#include <stdlib.h>
#include <string.h>

#include "headroom/model.h"

/* qsort has no context argument: the model being sorted travels in a
 * thread-local, set only for the duration of the sort. */
static _Thread_local const hr_file_model *sorting;

static int cmp_key(const hr_assign *a, int32_t function, const char *target)
{
    if (a->function != function)
        return a->function < function ? -1 : 1;
    return strcmp(a->target, target);
}

static int cmp_order(const void *x, const void *y)
{
    uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;
    const hr_assign *a = HR_ASSIGN(sorting, i), *b = HR_ASSIGN(sorting, j);
    int c = cmp_key(a, b->function, b->target);
    if (c)
        return c;
    return i < j ? -1 : i > j; /* source order within a key */
}

void hr_model_build_index(hr_file_model *m)
{
    uint32_t n = m->assigns.len;
    m->assign_order = NULL;
    if (!n)
        return;
    uint32_t *order = hr_arena_array(&m->arena, n, sizeof(uint32_t));
    for (uint32_t i = 0; i < n; i++)
        order[i] = i;
    sorting = m;
    qsort(order, n, sizeof(uint32_t), cmp_order);
    sorting = NULL;
    m->assign_order = order;
}

uint32_t hr_model_assigns_to(const hr_file_model *m, int32_t function, const char *name,
                             const hr_assign **out_first)
{
    *out_first = NULL;
    uint32_t count = 0;
    if (!m->assign_order) {
        for (uint32_t i = 0; i < m->assigns.len; i++) {
            const hr_assign *a = HR_ASSIGN(m, i);
            if (a->function == function && strcmp(a->target, name) == 0) {
                if (!count)
                    *out_first = a;
                count++;
            }
        }
        return count;
    }
    uint32_t lo = 0, hi = m->assigns.len;
    while (lo < hi) { /* first entry not below the key */
        uint32_t mid = lo + (hi - lo) / 2;
        if (cmp_key(HR_ASSIGN(m, m->assign_order[mid]), function, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t k = lo; k < m->assigns.len; k++) {
        const hr_assign *a = HR_ASSIGN(m, m->assign_order[k]);
        if (cmp_key(a, function, name) != 0)
            break;
        if (!count)
            *out_first = a;
        count++;
    }
    return count;
}
