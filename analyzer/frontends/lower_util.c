/* lower_util.c - grammar-independent helpers of the lowerings (see lower_util.h). */
#include "lower_util.h"

#include <stdlib.h>
#include <string.h>

void *hr_lw_grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    uint32_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > UINT32_MAX / 2)
            hr_die_oom(SIZE_MAX);
        c *= 2;
    }
    *cap = c;
    return hr_xrealloc(p, c, elem);
}

void hr_interner_init(hr_interner *in, hr_arena *a)
{
    memset(in, 0, sizeof *in);
    in->a = a;
}

void hr_interner_release(hr_interner *in)
{
    free(in->ents);
    free(in->slots);
    in->ents = NULL;
    in->slots = NULL;
    in->nents = in->ecap = in->nslots = 0;
}

/* Doubles the slot table (kept at most half full) and reinserts. */
static void rehash(hr_interner *in)
{
    uint32_t ns = in->nslots ? in->nslots * 2 : 256;
    if (ns < in->nslots)
        hr_die_oom(SIZE_MAX);
    free(in->slots);
    in->slots = hr_xcalloc(ns, sizeof *in->slots);
    in->nslots = ns;
    for (uint32_t i = 0; i < in->nents; i++) {
        uint32_t k = (uint32_t)in->ents[i].hash & (ns - 1);
        while (in->slots[k])
            k = (k + 1) & (ns - 1);
        in->slots[k] = i + 1;
    }
}

uint32_t hr_intern_id(hr_interner *in, const char *s, size_t n)
{
    if (n > UINT32_MAX)
        hr_die_oom(n);
    uint64_t h = hr_hash_bytes(s, n);
    if (in->nents * 2 >= in->nslots)
        rehash(in);
    uint32_t k = (uint32_t)h & (in->nslots - 1);
    while (in->slots[k]) {
        hr_intern_entry *e = &in->ents[in->slots[k] - 1];
        if (e->hash == h && e->len == n && memcmp(e->s, s, n) == 0)
            return in->slots[k] - 1;
        k = (k + 1) & (in->nslots - 1);
    }
    in->ents = hr_lw_grow(in->ents, &in->ecap, in->nents + 1, sizeof *in->ents);
    hr_intern_entry *e = &in->ents[in->nents];
    e->s = hr_arena_strndup(in->a, s, n);
    e->len = (uint32_t)n;
    e->stamp = 0;
    e->hash = h;
    in->slots[k] = in->nents + 1;
    return in->nents++;
}

const char *hr_intern(hr_interner *in, const char *s, size_t n)
{
    uint32_t id = hr_intern_id(in, s, n); /* may move ents */
    return in->ents[id].s;
}

hr_strs hr_interner_distinct(hr_interner *in, const uint32_t *ids, uint32_t lo, uint32_t hi)
{
    hr_strs out = {NULL, 0};
    if (lo >= hi)
        return out;
    /* two passes with fresh stamps: count, then fill */
    in->stamp++;
    uint32_t n = 0;
    for (uint32_t i = lo; i < hi; i++) {
        hr_intern_entry *e = &in->ents[ids[i]];
        if (e->stamp != in->stamp) {
            e->stamp = in->stamp;
            n++;
        }
    }
    out.v = hr_arena_array(in->a, n, sizeof *out.v);
    in->stamp++;
    for (uint32_t i = lo; i < hi; i++) {
        hr_intern_entry *e = &in->ents[ids[i]];
        if (e->stamp != in->stamp) {
            e->stamp = in->stamp;
            out.v[out.n++] = e->s;
        }
    }
    return out;
}
