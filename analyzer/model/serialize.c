/* serialize.c - a file model as a compact binary buffer and back
 * (include/headroom/serialize.h).
 *
 * Layout (all integers LEB128 varints unless said otherwise):
 *
 *   magic "HRMD" (4 bytes), format version
 *   lang, module (string reference)
 *   counts: functions classes loops calls assigns returns attrs imports notices
 *   string table: length, then that many bytes of NUL-terminated strings
 *   the entities, array by array in the order of the counts, each struct's
 *   fields in model.h order
 *
 * A string reference is 0 for NULL, else 1 + the string's offset in the
 * table; the writer stores each distinct string once. An index is stored as
 * index + 1, so -1 ("none") is 0. A string list is its count, then its
 * references. A span is its six fields. Counts come before the entities so
 * the reader can check every index the moment it reads it.
 *
 * The reader keeps a sticky error flag: once anything is out of bounds every
 * further read returns a harmless value and the whole buffer is rejected at
 * the end, so no check needs its own exit path. Allocation sizes come from
 * counts that were checked against the bytes left (every element takes at
 * least one byte), so a forged count cannot make it allocate more than a
 * small multiple of the buffer. */
#include "headroom/serialize.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char magic[4] = {'H', 'R', 'M', 'D'};

enum { NCOUNTS = 9 };

/* The fewest bytes each entity can take (one per varint, six per span), in
 * the order of the counts, and a class field's: the reader refuses counts
 * the bytes left cannot hold, so what it allocates stays within a small
 * multiple of the buffer. */
static const uint32_t min_bytes[NCOUNTS] = {20, 19, 19, 26, 12, 11, 10, 10, 8};
enum { FIELD_MIN_BYTES = 12 };

/* ---- writing ---- */

/* Strings are found first by address (frontends intern their strings, so
 * equal texts mostly share one), then by content. */
typedef struct ptr_slot {
    const char *p;
    uint32_t ref;
} ptr_slot;

typedef struct writer {
    hr_buf body;     /* the entities */
    hr_buf strs;     /* the string table */
    uint32_t *slots; /* open addressing by content: offset + 1 of a string in strs, 0 empty */
    uint32_t *hashes;/* the content hash of each slot's string (growing does not rehash) */
    uint32_t cap, used;
    ptr_slot *pslots;/* open addressing by address: strings already seen */
    uint32_t pcap, pused;
    bool overflow;   /* the table outgrew 32-bit offsets */
} writer;

static void put_u32(hr_buf *b, uint32_t v)
{
    char tmp[5];
    size_t n = 0;
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        tmp[n++] = (char)(v ? byte | 0x80 : byte);
    } while (v);
    hr_buf_add(b, tmp, n);
}

static void put_idx(hr_buf *b, int32_t v)
{
    put_u32(b, (uint32_t)v + 1u); /* -1 is 0; anything below -1 wraps and is rejected on read */
}

static void put_span(hr_buf *b, const hr_span *s)
{
    put_u32(b, s->start_byte);
    put_u32(b, s->end_byte);
    put_u32(b, s->start_line);
    put_u32(b, s->start_col);
    put_u32(b, s->end_line);
    put_u32(b, s->end_col);
}

static void grow_slots(writer *w)
{
    uint32_t ncap = w->cap ? w->cap * 2 : 1024;
    uint32_t *ns = hr_xcalloc(ncap, sizeof(uint32_t));
    uint32_t *nh = hr_xmalloc(ncap * sizeof(uint32_t));
    for (uint32_t i = 0; i < w->cap; i++) {
        if (!w->slots[i])
            continue;
        uint32_t k = w->hashes[i] & (ncap - 1);
        while (ns[k])
            k = (k + 1) & (ncap - 1);
        ns[k] = w->slots[i];
        nh[k] = w->hashes[i];
    }
    free(w->slots);
    free(w->hashes);
    w->slots = ns;
    w->hashes = nh;
    w->cap = ncap;
}

static uint32_t ptr_hash(const char *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32);
}

static void grow_pslots(writer *w)
{
    uint32_t ncap = w->pcap ? w->pcap * 2 : 1024;
    ptr_slot *ns = hr_xcalloc(ncap, sizeof(ptr_slot));
    for (uint32_t i = 0; i < w->pcap; i++) {
        if (!w->pslots[i].p)
            continue;
        uint32_t k = ptr_hash(w->pslots[i].p) & (ncap - 1);
        while (ns[k].p)
            k = (k + 1) & (ncap - 1);
        ns[k] = w->pslots[i];
    }
    free(w->pslots);
    w->pslots = ns;
    w->pcap = ncap;
}

/* The reference of s by content, adding it to the table the first time. */
static uint32_t str_ref_text(writer *w, const char *s)
{
    if ((w->used + 1) * 2 > w->cap)
        grow_slots(w);
    size_t n = strlen(s);
    uint32_t h = (uint32_t)hr_hash_bytes(s, n);
    uint32_t k = h & (w->cap - 1);
    for (; w->slots[k]; k = (k + 1) & (w->cap - 1)) {
        const char *t = w->strs.data + w->slots[k] - 1;
        if (w->hashes[k] == h && strcmp(t, s) == 0)
            return w->slots[k];
    }
    if (w->strs.len + n + 1 >= UINT32_MAX) {
        w->overflow = true;
        return 0;
    }
    uint32_t ref = (uint32_t)w->strs.len + 1;
    hr_buf_add(&w->strs, s, n + 1); /* with its NUL */
    w->slots[k] = ref;
    w->hashes[k] = h;
    w->used++;
    return ref;
}

/* The reference of s (0 for NULL). */
static uint32_t str_ref(writer *w, const char *s)
{
    if (!s)
        return 0;
    if ((w->pused + 1) * 2 > w->pcap)
        grow_pslots(w);
    uint32_t k = ptr_hash(s) & (w->pcap - 1);
    for (; w->pslots[k].p; k = (k + 1) & (w->pcap - 1))
        if (w->pslots[k].p == s)
            return w->pslots[k].ref;
    uint32_t ref = str_ref_text(w, s);
    if (ref) { /* not on overflow: that write fails anyway */
        w->pslots[k].p = s;
        w->pslots[k].ref = ref;
        w->pused++;
    }
    return ref;
}

static void put_str(writer *w, const char *s)
{
    put_u32(&w->body, str_ref(w, s));
}

static void put_strs(writer *w, const hr_strs *s)
{
    put_u32(&w->body, s->n);
    for (uint32_t i = 0; i < s->n; i++)
        put_str(w, s->v[i]);
}

static void write_function(writer *w, const hr_function *f)
{
    hr_buf *b = &w->body;
    put_str(w, f->name);
    put_str(w, f->qualname);
    put_span(b, &f->span);
    put_span(b, &f->name_span);
    put_u32(b, f->flags);
    put_strs(w, &f->params);
    put_strs(w, &f->decorators);
    put_idx(b, f->parent);
    put_idx(b, f->class_index);
    put_strs(w, &f->param_types);
}

static void write_class(writer *w, const hr_class *c)
{
    hr_buf *b = &w->body;
    put_str(w, c->name);
    put_str(w, c->qualname);
    put_span(b, &c->span);
    put_span(b, &c->name_span);
    put_strs(w, &c->bases);
    put_strs(w, &c->decorators);
    put_u32(b, c->fields.len);
    for (uint32_t i = 0; i < c->fields.len; i++) {
        const hr_field *fd = HR_FIELD(c, i);
        put_str(w, fd->name);
        put_str(w, fd->value);
        put_idx(b, fd->value_call);
        put_span(b, &fd->span);
        put_str(w, fd->literal);
        put_str(w, fd->annotation);
        put_strs(w, &fd->decorators);
    }
    put_idx(b, c->parent_class);
    put_idx(b, c->function);
}

static void write_loop(writer *w, const hr_loop *l)
{
    hr_buf *b = &w->body;
    put_u32(b, (uint32_t)l->kind);
    put_u32(b, l->flags);
    put_span(b, &l->span);
    put_span(b, &l->head);
    put_strs(w, &l->vars);
    put_str(w, l->iterable);
    put_idx(b, l->iter_call);
    put_idx(b, l->parent);
    put_idx(b, l->function);
}

static void write_call(writer *w, const hr_call *c)
{
    hr_buf *b = &w->body;
    put_str(w, c->callee);
    put_str(w, c->resolved);
    put_str(w, c->name);
    put_str(w, c->receiver);
    put_span(b, &c->span);
    put_span(b, &c->name_span);
    put_u32(b, c->flags);
    put_idx(b, c->function);
    put_idx(b, c->loop);
    put_idx(b, c->receiver_call);
    put_strs(w, &c->args);
    put_strs(w, &c->kwargs);
    put_strs(w, &c->names);
    put_strs(w, &c->argvalues);
    put_strs(w, &c->kwvalues);
    put_u32(b, c->callbacks.len);
    for (uint32_t i = 0; i < c->callbacks.len; i++) {
        const hr_callback *cb = &HR_VEC_AT(c->callbacks, hr_callback, i);
        put_u32(b, cb->arg);
        put_idx(b, cb->function);
        put_str(w, cb->target);
    }
}

static void write_assign(writer *w, const hr_assign *a)
{
    hr_buf *b = &w->body;
    put_str(w, a->target);
    put_str(w, a->value);
    put_span(b, &a->span);
    put_idx(b, a->value_call);
    put_idx(b, a->function);
    put_idx(b, a->loop);
    put_strs(w, &a->names);
}

static void write_return(writer *w, const hr_return *r)
{
    hr_buf *b = &w->body;
    put_span(b, &r->span);
    put_str(w, r->value);
    put_idx(b, r->value_call);
    put_idx(b, r->function);
    put_idx(b, r->loop);
    put_strs(w, &r->names);
}

static void write_attr(writer *w, const hr_attr *a)
{
    hr_buf *b = &w->body;
    put_str(w, a->root);
    put_str(w, a->chain);
    put_span(b, &a->span);
    put_idx(b, a->function);
    put_idx(b, a->loop);
}

static void write_import(writer *w, const hr_import *imp)
{
    hr_buf *b = &w->body;
    put_str(w, imp->local);
    put_str(w, imp->target);
    put_span(b, &imp->span);
    put_u32(b, imp->relative ? 1 : 0);
    put_u32(b, imp->reexport ? 1 : 0);
}

static void write_notice(writer *w, const hr_file_notice *n)
{
    hr_buf *b = &w->body;
    put_u32(b, (uint32_t)n->kind);
    put_span(b, &n->span);
    put_str(w, n->message);
}

int hr_model_write(hr_buf *out, const hr_file_model *m)
{
    writer w = {0};
    hr_buf_init(&w.body);
    hr_buf_init(&w.strs);
    uint32_t module_ref = str_ref(&w, m->module);
    for (uint32_t i = 0; i < m->functions.len; i++)
        write_function(&w, HR_FUNC(m, i));
    for (uint32_t i = 0; i < m->classes.len; i++)
        write_class(&w, HR_CLASS(m, i));
    for (uint32_t i = 0; i < m->loops.len; i++)
        write_loop(&w, HR_LOOP(m, i));
    for (uint32_t i = 0; i < m->calls.len; i++)
        write_call(&w, HR_CALL(m, i));
    for (uint32_t i = 0; i < m->assigns.len; i++)
        write_assign(&w, HR_ASSIGN(m, i));
    for (uint32_t i = 0; i < m->returns.len; i++)
        write_return(&w, HR_RETURN(m, i));
    for (uint32_t i = 0; i < m->attrs.len; i++)
        write_attr(&w, HR_ATTR(m, i));
    for (uint32_t i = 0; i < m->imports.len; i++)
        write_import(&w, HR_IMPORT(m, i));
    for (uint32_t i = 0; i < m->notices.len; i++)
        write_notice(&w, &HR_VEC_AT(m->notices, hr_file_notice, i));

    int rc = 0;
    if (w.overflow) {
        rc = -EOVERFLOW;
        goto cleanup;
    }
    hr_buf_add(out, magic, sizeof(magic));
    put_u32(out, HR_MODEL_FORMAT_VERSION);
    put_u32(out, (uint32_t)m->lang);
    put_u32(out, module_ref);
    const uint32_t counts[NCOUNTS] = {m->functions.len, m->classes.len, m->loops.len,
                                      m->calls.len, m->assigns.len, m->returns.len,
                                      m->attrs.len, m->imports.len, m->notices.len};
    for (size_t i = 0; i < NCOUNTS; i++)
        put_u32(out, counts[i]);
    put_u32(out, (uint32_t)w.strs.len);
    if (w.strs.len)
        hr_buf_add(out, w.strs.data, w.strs.len);
    if (w.body.len)
        hr_buf_add(out, w.body.data, w.body.len);
cleanup:
    free(w.slots);
    free(w.hashes);
    free(w.pslots);
    hr_buf_free(&w.body);
    hr_buf_free(&w.strs);
    return rc;
}

/* ---- reading ---- */

typedef struct reader {
    const uint8_t *p, *end;
    bool bad;
    hr_arena *a;
    const char *strs;   /* the table, copied into the model's arena */
    uint32_t strs_len;
    size_t text_len;
    uint32_t nfunctions, nclasses, nloops, ncalls;
} reader;

static uint32_t get_u32(reader *r)
{
    uint32_t v = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (r->bad || r->p >= r->end) {
            r->bad = true;
            return 0;
        }
        uint8_t byte = *r->p++;
        if (shift == 28 && (byte & 0xf0)) { /* more than 32 bits, or a sixth byte */
            r->bad = true;
            return 0;
        }
        v |= (uint32_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
    r->bad = true;
    return 0;
}

/* A count of elements that take at least `min` bytes each. */
static uint32_t get_count_min(reader *r, uint32_t min)
{
    uint32_t n = get_u32(r);
    if ((uint64_t)n * min > (uint64_t)(r->end - r->p)) {
        r->bad = true;
        return 0;
    }
    return n;
}

static uint32_t get_count(reader *r)
{
    return get_count_min(r, 1);
}

static bool get_bool(reader *r)
{
    uint32_t v = get_u32(r);
    if (v > 1)
        r->bad = true;
    return v == 1;
}

/* An index into an array of n elements; -1 allowed when `none_ok`. */
static int32_t get_idx(reader *r, uint32_t n, bool none_ok)
{
    uint32_t v = get_u32(r);
    if (v == 0 && none_ok)
        return -1;
    if (v == 0 || v - 1 >= n) {
        r->bad = true;
        return none_ok ? -1 : 0;
    }
    return (int32_t)(v - 1);
}

static const char *get_str(reader *r, bool null_ok)
{
    uint32_t ref = get_u32(r);
    if (ref == 0) {
        if (!null_ok)
            r->bad = true;
        return null_ok ? NULL : "";
    }
    if (ref - 1 >= r->strs_len) { /* the table ends with a NUL, so any offset in it is a string */
        r->bad = true;
        return "";
    }
    return r->strs + ref - 1;
}

static hr_strs get_strs(reader *r, bool null_entries_ok)
{
    hr_strs s = {NULL, 0};
    uint32_t n = get_count(r);
    if (!n || r->bad)
        return s;
    s.v = hr_arena_array(r->a, n, sizeof(char *));
    for (uint32_t i = 0; i < n; i++)
        s.v[i] = get_str(r, null_entries_ok);
    s.n = n;
    return s;
}

static hr_span get_span(reader *r)
{
    hr_span s;
    s.start_byte = get_u32(r);
    s.end_byte = get_u32(r);
    s.start_line = get_u32(r);
    s.start_col = get_u32(r);
    s.end_line = get_u32(r);
    s.end_col = get_u32(r);
    if (s.start_byte > s.end_byte || s.end_byte > r->text_len)
        r->bad = true;
    return s;
}

/* A parallel list: empty, or as long as its partner. */
static void check_parallel(reader *r, const hr_strs *s, const hr_strs *partner)
{
    if (s->n && s->n != partner->n)
        r->bad = true;
}

/* Sets *v to a new array of n zeroed elements. */
static void *alloc_vec(reader *r, hr_vec *v, uint32_t n, size_t size)
{
    v->len = v->cap = 0;
    v->data = NULL;
    if (!n)
        return NULL;
    v->data = hr_arena_array(r->a, n, size);
    v->len = v->cap = n;
    return v->data;
}

static void read_function(reader *r, hr_function *f)
{
    f->name = get_str(r, false);
    f->qualname = get_str(r, false);
    f->span = get_span(r);
    f->name_span = get_span(r);
    f->flags = get_u32(r);
    f->params = get_strs(r, false);
    f->decorators = get_strs(r, false);
    f->parent = get_idx(r, r->nfunctions, true);
    f->class_index = get_idx(r, r->nclasses, true);
    f->param_types = get_strs(r, true);
    check_parallel(r, &f->param_types, &f->params);
}

static void read_class(reader *r, hr_class *c)
{
    c->name = get_str(r, false);
    c->qualname = get_str(r, false);
    c->span = get_span(r);
    c->name_span = get_span(r);
    c->bases = get_strs(r, false);
    c->decorators = get_strs(r, false);
    uint32_t nfields = get_count_min(r, FIELD_MIN_BYTES);
    hr_field *fields = alloc_vec(r, &c->fields, r->bad ? 0 : nfields, sizeof(hr_field));
    for (uint32_t i = 0; fields && i < nfields && !r->bad; i++) {
        hr_field *fd = &fields[i];
        fd->name = get_str(r, false);
        fd->value = get_str(r, true);
        fd->value_call = get_idx(r, r->ncalls, true);
        fd->span = get_span(r);
        fd->literal = get_str(r, true);
        fd->annotation = get_str(r, true);
        fd->decorators = get_strs(r, false);
    }
    c->parent_class = get_idx(r, r->nclasses, true);
    c->function = get_idx(r, r->nfunctions, false);
}

static void read_loop(reader *r, hr_loop *l)
{
    uint32_t kind = get_u32(r);
    if (kind > HR_LOOP_CALLBACK)
        r->bad = true;
    l->kind = (hr_loop_kind)(kind > HR_LOOP_CALLBACK ? HR_LOOP_FOR : kind);
    l->flags = get_u32(r);
    l->span = get_span(r);
    l->head = get_span(r);
    l->vars = get_strs(r, false);
    l->iterable = get_str(r, true);
    l->iter_call = get_idx(r, r->ncalls, true);
    l->parent = get_idx(r, r->nloops, true);
    l->function = get_idx(r, r->nfunctions, false);
}

static void read_call(reader *r, hr_call *c)
{
    c->callee = get_str(r, false);
    c->resolved = get_str(r, false);
    c->name = get_str(r, false);
    c->receiver = get_str(r, true);
    c->span = get_span(r);
    c->name_span = get_span(r);
    c->flags = get_u32(r);
    c->function = get_idx(r, r->nfunctions, false);
    c->loop = get_idx(r, r->nloops, true);
    c->receiver_call = get_idx(r, r->ncalls, true);
    c->args = get_strs(r, false);
    c->kwargs = get_strs(r, false);
    c->names = get_strs(r, false);
    c->argvalues = get_strs(r, false);
    c->kwvalues = get_strs(r, false);
    check_parallel(r, &c->argvalues, &c->args);
    check_parallel(r, &c->kwvalues, &c->kwargs);
    uint32_t ncb = get_count(r);
    hr_callback *cbs = alloc_vec(r, &c->callbacks, r->bad ? 0 : ncb, sizeof(hr_callback));
    for (uint32_t i = 0; cbs && i < ncb && !r->bad; i++) {
        cbs[i].arg = get_u32(r);
        if (cbs[i].arg >= c->args.n)
            r->bad = true;
        cbs[i].function = get_idx(r, r->nfunctions, true);
        cbs[i].target = get_str(r, true);
    }
}

static void read_assign(reader *r, hr_assign *a)
{
    a->target = get_str(r, false);
    a->value = get_str(r, false);
    a->span = get_span(r);
    a->value_call = get_idx(r, r->ncalls, true);
    a->function = get_idx(r, r->nfunctions, false);
    a->loop = get_idx(r, r->nloops, true);
    a->names = get_strs(r, false);
}

static void read_return(reader *r, hr_return *ret)
{
    ret->span = get_span(r);
    ret->value = get_str(r, true);
    ret->value_call = get_idx(r, r->ncalls, true);
    ret->function = get_idx(r, r->nfunctions, false);
    ret->loop = get_idx(r, r->nloops, true);
    ret->names = get_strs(r, false);
}

static void read_attr(reader *r, hr_attr *a)
{
    a->root = get_str(r, false);
    a->chain = get_str(r, false);
    a->span = get_span(r);
    a->function = get_idx(r, r->nfunctions, false);
    a->loop = get_idx(r, r->nloops, true);
}

static void read_import(reader *r, hr_import *imp)
{
    imp->local = get_str(r, false);
    imp->target = get_str(r, false);
    imp->span = get_span(r);
    imp->relative = get_bool(r);
    imp->reexport = get_bool(r);
}

static void read_notice(reader *r, hr_file_notice *n)
{
    uint32_t kind = get_u32(r);
    if (kind < HR_NOTICE_SYNTAX || kind > HR_NOTICE_MISSING_HEADER)
        r->bad = true;
    n->kind = (hr_notice_kind)kind;
    n->span = get_span(r);
    n->message = get_str(r, false);
}

/* Each array is read only while nothing has gone wrong; a reader that went
 * bad stops at the next element. */
#define READ_ARRAY(r, vec, T, n, fn)                                  \
    do {                                                              \
        T *arr_ = alloc_vec((r), &(vec), (r)->bad ? 0 : (n), sizeof(T)); \
        for (uint32_t i_ = 0; arr_ && i_ < (n) && !(r)->bad; i_++)     \
            fn((r), &arr_[i_]);                                       \
    } while (0)

int hr_model_read(hr_file_model **out, const void *data, size_t len, const char *path,
                  size_t text_len)
{
    *out = NULL;
    const uint8_t *bytes = data;
    if (len < sizeof(magic) || memcmp(bytes, magic, sizeof(magic)) != 0)
        return -EINVAL;
    reader r = {.p = bytes + sizeof(magic), .end = bytes + len, .text_len = text_len};
    uint32_t version = get_u32(&r);
    if (r.bad)
        return -EINVAL;
    if (version != HR_MODEL_FORMAT_VERSION)
        return -EPROTO;
    uint32_t lang = get_u32(&r);
    uint32_t module_ref = get_u32(&r);
    uint32_t counts[NCOUNTS];
    for (size_t i = 0; i < NCOUNTS; i++)
        counts[i] = get_count(&r);
    uint32_t strs_len = get_count(&r);
    /* Index 0 must be the module function; the table, when not empty, ends
     * with a NUL. */
    if (r.bad || lang == HR_LANG_NONE || lang >= HR_LANG_COUNT || counts[0] == 0 ||
        (strs_len && r.p[strs_len - 1] != 0))
        return -EINVAL;

    hr_file_model *m = hr_file_model_new((hr_lang)lang, path, "");
    r.a = &m->arena;
    char *strs = hr_arena_alloc(&m->arena, strs_len ? strs_len : 1);
    if (strs_len)
        memcpy(strs, r.p, strs_len);
    r.p += strs_len;
    uint64_t least = 0;
    for (size_t i = 0; i < NCOUNTS; i++)
        least += (uint64_t)counts[i] * min_bytes[i];
    if (least > (uint64_t)(r.end - r.p))
        r.bad = true;
    r.strs = strs;
    r.strs_len = strs_len;
    if (module_ref == 0 || module_ref - 1 >= strs_len)
        r.bad = true;
    else
        m->module = strs + module_ref - 1;
    r.nfunctions = counts[0];
    r.nclasses = counts[1];
    r.nloops = counts[2];
    r.ncalls = counts[3];

    READ_ARRAY(&r, m->functions, hr_function, counts[0], read_function);
    READ_ARRAY(&r, m->classes, hr_class, counts[1], read_class);
    READ_ARRAY(&r, m->loops, hr_loop, counts[2], read_loop);
    READ_ARRAY(&r, m->calls, hr_call, counts[3], read_call);
    READ_ARRAY(&r, m->assigns, hr_assign, counts[4], read_assign);
    READ_ARRAY(&r, m->returns, hr_return, counts[5], read_return);
    READ_ARRAY(&r, m->attrs, hr_attr, counts[6], read_attr);
    READ_ARRAY(&r, m->imports, hr_import, counts[7], read_import);
    READ_ARRAY(&r, m->notices, hr_file_notice, counts[8], read_notice);
    if (!r.bad && !(HR_FUNC(m, 0)->flags & HR_FN_MODULE))
        r.bad = true;
    if (r.bad || r.p != r.end) {
        hr_file_model_free(m);
        return -EINVAL;
    }
    m->assign_order = NULL;
    *out = m;
    return 0;
}
