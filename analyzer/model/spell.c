/* spell.c - turning a resolved chain back into the file's own spelling, for
 * messages: "shop.models.Product.objects.filter()" -> "Product.objects.filter()". */
#include <stdio.h>
#include <string.h>

#include "headroom/model.h"

void hr_model_spell(char *out, size_t cap, const hr_file_model *m, const char *chain)
{
    const hr_import *best = NULL;
    size_t best_len = 0;
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = &HR_VEC_AT(m->imports, hr_import, i);
        if (imp->reexport)
            continue; /* an export, not a name this file reads */
        size_t n = strlen(imp->target);
        if (n <= best_len || strncmp(chain, imp->target, n) != 0)
            continue;
        char next = chain[n];
        if (next == 0 || next == '.' || next == '(' || next == '[') {
            best = imp;
            best_len = n;
        }
    }
    if (best)
        snprintf(out, cap, "%s%s", best->local, chain + best_len);
    else
        snprintf(out, cap, "%s", chain);
}
