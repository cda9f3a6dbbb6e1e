/* alloc.c - checked allocation and the arena. */
#include "headroom/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hr_die_oom(size_t size)
{
    fprintf(stderr, "headroom: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *hr_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        hr_die_oom(size);
    return p;
}

void *hr_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        hr_die_oom(n * size);
    return p;
}

void *hr_xrealloc(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        hr_die_oom(SIZE_MAX);
    size_t bytes = n * size;
    void *q = realloc(p, bytes ? bytes : 1);
    if (!q)
        hr_die_oom(n * size);
    return q;
}

char *hr_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = hr_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

struct hr_arena_block {
    hr_arena_block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

/* Blocks start small and double up to HR_ARENA_BLOCK: a run keeps one arena
 * per file alive until the end, and a fixed 64 KiB first block made that
 * 64 KiB per file even for tiny ones (240 MB on a 3,800-file JavaScript
 * corpus; see docs/performance.md). */
enum { HR_ARENA_FIRST_BLOCK = 2 * 1024, HR_ARENA_BLOCK = 64 * 1024 };

void hr_arena_init(hr_arena *a)
{
    const char *dbg = getenv("HEADROOM_ARENA_MALLOC");
    a->head = NULL;
    a->plain_malloc = dbg && dbg[0] == '1';
}

void hr_arena_release(hr_arena *a)
{
    hr_arena_block *b = a->head;
    while (b) {
        hr_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

static hr_arena_block *arena_new_block(hr_arena *a, size_t size)
{
    if (size > SIZE_MAX - sizeof(hr_arena_block))
        hr_die_oom(size);
    hr_arena_block *b = hr_xmalloc(sizeof(hr_arena_block) + size);
    b->used = 0;
    b->size = size;
    b->next = a->head;
    a->head = b;
    return b;
}

void *hr_arena_alloc(hr_arena *a, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    if (need < size)
        hr_die_oom(size);
    hr_arena_block *b = a->head;
    if (a->plain_malloc) {
        b = arena_new_block(a, need);
    } else if (!b || b->size - b->used < need) {
        if (need > HR_ARENA_BLOCK / 4) {
            /* big allocation: its own block, kept behind the current head */
            hr_arena_block *big = arena_new_block(a, need);
            if (big->next) {
                a->head = big->next;
                big->next = a->head->next;
                a->head->next = big;
            }
            big->used = need;
            memset(big->data, 0, need);
            return big->data;
        }
        size_t bsize = b ? b->size * 2 : HR_ARENA_FIRST_BLOCK;
        if (bsize > HR_ARENA_BLOCK)
            bsize = HR_ARENA_BLOCK;
        while (bsize < need) /* need <= HR_ARENA_BLOCK / 4 here */
            bsize *= 2;
        b = arena_new_block(a, bsize);
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, need);
    return p;
}

void *hr_arena_array(hr_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        hr_die_oom(SIZE_MAX);
    return hr_arena_alloc(a, n * size);
}

char *hr_arena_strndup(hr_arena *a, const char *s, size_t n)
{
    char *p = hr_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *hr_arena_strdup(hr_arena *a, const char *s)
{
    return hr_arena_strndup(a, s, strlen(s));
}

char *hr_arena_printf(hr_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = hr_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* Grows v's array where it lies when it is the last allocation of the
 * arena's current block and the block has room: no copy, nothing left
 * behind, and the array does not move. False otherwise. */
static bool vec_grow_in_place(hr_arena *a, hr_vec *v, uint32_t cap, size_t elem_size)
{
    hr_arena_block *b = a->head;
    if (a->plain_malloc || !b || !v->data || elem_size > SIZE_MAX / cap)
        return false;
    size_t old = ((size_t)v->cap * elem_size + 15) & ~(size_t)15;
    size_t need = ((size_t)cap * elem_size + 15) & ~(size_t)15;
    if ((unsigned char *)v->data + old != b->data + b->used || (unsigned char *)v->data < b->data ||
        need - old > b->size - b->used)
        return false;
    memset(b->data + b->used, 0, need - old);
    b->used += need - old;
    return true;
}

void *hr_vec_push(hr_arena *a, hr_vec *v, size_t elem_size)
{
    if (v->len == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 8;
        if (cap < v->cap)
            hr_die_oom(SIZE_MAX);
        if (vec_grow_in_place(a, v, cap, elem_size)) {
            v->cap = cap;
            goto push;
        }
        void *data = hr_arena_array(a, cap, elem_size);
        if (v->len)
            memcpy(data, v->data, (size_t)v->len * elem_size);
        v->data = data;
        v->cap = cap;
    }
push:;
    unsigned char *slot = (unsigned char *)v->data + (size_t)v->len * elem_size;
    v->len++;
    memset(slot, 0, elem_size);
    return slot;
}

bool hr_strs_contains(const hr_strs *s, const char *x)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], x) == 0)
            return true;
    return false;
}
