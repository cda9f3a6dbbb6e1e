/* roundtrip.c - hr-cache-roundtrip: the model serializer against real models.
 *
 * usage: hr-cache-roundtrip MANIFEST
 *   MANIFEST has one line per input: FILE <tab> PATH <tab> MODULE
 *   (PATH is what the frontend sees: language, __init__.py; MODULE may be
 *   empty). C and C++ are lowered with default flags when the build has
 *   libclang, and skipped otherwise.
 *
 * For every input: lower it, write it, read it back, and check
 *   - hr_model_dump of both is the same text (new model.h fields reach the
 *     dump, so a field the serializer forgets shows up here);
 *   - every field is equal, including what the dump leaves out (byte offsets,
 *     argvalues equal to args, NULL against empty);
 *   - writing the read model gives the same bytes;
 *   - every truncation (or 512 of them on large buffers) is rejected, and so
 *     is a buffer with a trailing byte or another format version;
 *   - single-byte changes at sampled positions are rejected or give a model
 *     that dumps and re-serialises (never a crash; ASan/UBSan builds check
 *     the reads).
 * HR_ROUNDTRIP_SEEDS=DIR also saves the small buffers (fuzz seeds).
 * Prints one line per failure and "N passed, M failed". */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headroom/frontend.h"
#include "headroom/serialize.h"

static int failures;
static const char *current;

static void fail(const char *what)
{
    if (failures < 50)
        printf("FAIL %s: %s\n", current, what);
    failures++;
}

/* ---- field-by-field equality ---- */

static bool str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

static bool strs_eq(const hr_strs *a, const hr_strs *b)
{
    if (a->n != b->n)
        return false;
    for (uint32_t i = 0; i < a->n; i++)
        if (!str_eq(a->v[i], b->v[i]))
            return false;
    return true;
}

static bool span_eq(hr_span a, hr_span b)
{
    return a.start_byte == b.start_byte && a.end_byte == b.end_byte && a.start_line == b.start_line &&
           a.start_col == b.start_col && a.end_line == b.end_line && a.end_col == b.end_col;
}

#define EQ(cond, what)           \
    do {                         \
        if (!(cond)) {           \
            fail(what);          \
            return false;        \
        }                        \
    } while (0)

static bool models_eq(const hr_file_model *a, const hr_file_model *b)
{
    EQ(a->lang == b->lang, "lang");
    EQ(str_eq(a->path, b->path), "path");
    EQ(str_eq(a->module, b->module), "module");
    EQ(a->functions.len == b->functions.len, "function count");
    for (uint32_t i = 0; i < a->functions.len; i++) {
        const hr_function *x = HR_FUNC(a, i), *y = HR_FUNC(b, i);
        EQ(str_eq(x->name, y->name) && str_eq(x->qualname, y->qualname), "function names");
        EQ(span_eq(x->span, y->span) && span_eq(x->name_span, y->name_span), "function spans");
        EQ(x->flags == y->flags && x->parent == y->parent && x->class_index == y->class_index,
           "function flags/indexes");
        EQ(strs_eq(&x->params, &y->params) && strs_eq(&x->decorators, &y->decorators) &&
               strs_eq(&x->param_types, &y->param_types),
           "function lists");
    }
    EQ(a->classes.len == b->classes.len, "class count");
    for (uint32_t i = 0; i < a->classes.len; i++) {
        const hr_class *x = HR_CLASS(a, i), *y = HR_CLASS(b, i);
        EQ(str_eq(x->name, y->name) && str_eq(x->qualname, y->qualname), "class names");
        EQ(span_eq(x->span, y->span) && span_eq(x->name_span, y->name_span), "class spans");
        EQ(strs_eq(&x->bases, &y->bases) && strs_eq(&x->decorators, &y->decorators), "class lists");
        EQ(x->parent_class == y->parent_class && x->function == y->function, "class indexes");
        EQ(x->fields.len == y->fields.len, "field count");
        for (uint32_t k = 0; k < x->fields.len; k++) {
            const hr_field *f = HR_FIELD(x, k), *g = HR_FIELD(y, k);
            EQ(str_eq(f->name, g->name) && str_eq(f->value, g->value) && str_eq(f->literal, g->literal) &&
                   str_eq(f->annotation, g->annotation),
               "field texts");
            EQ(f->value_call == g->value_call && span_eq(f->span, g->span), "field index/span");
            EQ(strs_eq(&f->decorators, &g->decorators), "field decorators");
        }
    }
    EQ(a->loops.len == b->loops.len, "loop count");
    for (uint32_t i = 0; i < a->loops.len; i++) {
        const hr_loop *x = HR_LOOP(a, i), *y = HR_LOOP(b, i);
        EQ(x->kind == y->kind && x->flags == y->flags, "loop kind/flags");
        EQ(span_eq(x->span, y->span) && span_eq(x->head, y->head), "loop spans");
        EQ(strs_eq(&x->vars, &y->vars) && str_eq(x->iterable, y->iterable), "loop texts");
        EQ(x->iter_call == y->iter_call && x->parent == y->parent && x->function == y->function,
           "loop indexes");
    }
    EQ(a->calls.len == b->calls.len, "call count");
    for (uint32_t i = 0; i < a->calls.len; i++) {
        const hr_call *x = HR_CALL(a, i), *y = HR_CALL(b, i);
        EQ(str_eq(x->callee, y->callee) && str_eq(x->resolved, y->resolved) && str_eq(x->name, y->name) &&
               str_eq(x->receiver, y->receiver),
           "call texts");
        EQ(span_eq(x->span, y->span) && span_eq(x->name_span, y->name_span), "call spans");
        EQ(x->flags == y->flags && x->function == y->function && x->loop == y->loop &&
               x->receiver_call == y->receiver_call,
           "call flags/indexes");
        EQ(strs_eq(&x->args, &y->args) && strs_eq(&x->kwargs, &y->kwargs) && strs_eq(&x->names, &y->names) &&
               strs_eq(&x->argvalues, &y->argvalues) && strs_eq(&x->kwvalues, &y->kwvalues),
           "call lists");
        EQ(x->callbacks.len == y->callbacks.len, "callback count");
        for (uint32_t k = 0; k < x->callbacks.len; k++) {
            const hr_callback *p = &HR_VEC_AT(x->callbacks, hr_callback, k);
            const hr_callback *q = &HR_VEC_AT(y->callbacks, hr_callback, k);
            EQ(p->arg == q->arg && p->function == q->function && str_eq(p->target, q->target), "callback");
        }
    }
    EQ(a->assigns.len == b->assigns.len, "assign count");
    for (uint32_t i = 0; i < a->assigns.len; i++) {
        const hr_assign *x = HR_ASSIGN(a, i), *y = HR_ASSIGN(b, i);
        EQ(str_eq(x->target, y->target) && str_eq(x->value, y->value) && span_eq(x->span, y->span), "assign");
        EQ(x->value_call == y->value_call && x->function == y->function && x->loop == y->loop &&
               strs_eq(&x->names, &y->names),
           "assign indexes");
    }
    EQ(a->returns.len == b->returns.len, "return count");
    for (uint32_t i = 0; i < a->returns.len; i++) {
        const hr_return *x = HR_RETURN(a, i), *y = HR_RETURN(b, i);
        EQ(span_eq(x->span, y->span) && str_eq(x->value, y->value) && x->value_call == y->value_call &&
               x->function == y->function && x->loop == y->loop && strs_eq(&x->names, &y->names),
           "return");
    }
    EQ(a->attrs.len == b->attrs.len, "attr count");
    for (uint32_t i = 0; i < a->attrs.len; i++) {
        const hr_attr *x = HR_ATTR(a, i), *y = HR_ATTR(b, i);
        EQ(str_eq(x->root, y->root) && str_eq(x->chain, y->chain) && span_eq(x->span, y->span) &&
               x->function == y->function && x->loop == y->loop,
           "attr");
    }
    EQ(a->imports.len == b->imports.len, "import count");
    for (uint32_t i = 0; i < a->imports.len; i++) {
        const hr_import *x = HR_IMPORT(a, i), *y = HR_IMPORT(b, i);
        EQ(str_eq(x->local, y->local) && str_eq(x->target, y->target) && span_eq(x->span, y->span) &&
               x->relative == y->relative && x->reexport == y->reexport,
           "import");
    }
    EQ(a->notices.len == b->notices.len, "notice count");
    for (uint32_t i = 0; i < a->notices.len; i++) {
        const hr_file_notice *x = &HR_VEC_AT(a->notices, hr_file_notice, i);
        const hr_file_notice *y = &HR_VEC_AT(b->notices, hr_file_notice, i);
        EQ(x->kind == y->kind && span_eq(x->span, y->span) && str_eq(x->message, y->message), "notice");
    }
    return true;
}

/* ---- corruption ---- */

/* A changed buffer must be rejected, or read into a model that can be used. */
static void try_corrupt(const char *data, size_t len, size_t text_len)
{
    hr_file_model *m = NULL;
    if (hr_model_read(&m, data, len, "x", text_len) != 0) {
        if (m)
            fail("a rejected buffer left a model behind");
        return;
    }
    hr_buf dump, again;
    hr_buf_init(&dump);
    hr_buf_init(&again);
    hr_model_dump(&dump, m);
    hr_model_build_index(m);
    if (hr_model_write(&again, m) == 0) {
        hr_file_model *m2 = NULL;
        if (hr_model_read(&m2, again.data, again.len, "x", text_len) != 0)
            fail("an accepted buffer re-written is rejected");
        hr_file_model_free(m2);
    }
    hr_buf_free(&dump);
    hr_buf_free(&again);
    hr_file_model_free(m);
}

static void check_corruption(const char *buf, size_t len, size_t text_len)
{
    char *copy = hr_xmalloc(len + 1);
    /* truncations: all of them for small buffers, else 512 spread evenly */
    size_t step = len <= 4096 ? 1 : len / 512;
    for (size_t cut = 0; cut < len; cut += step) {
        hr_file_model *m = NULL;
        memcpy(copy, buf, cut);
        if (hr_model_read(&m, copy, cut, "x", text_len) == 0) {
            fail("a truncated buffer was accepted");
            hr_file_model_free(m);
            break;
        }
    }
    /* a trailing byte */
    memcpy(copy, buf, len);
    copy[len] = 0;
    hr_file_model *m = NULL;
    if (hr_model_read(&m, copy, len + 1, "x", text_len) == 0) {
        fail("a buffer with a trailing byte was accepted");
        hr_file_model_free(m);
    }
    /* another format version (the byte after the magic) */
    memcpy(copy, buf, len);
    copy[4] = (char)(HR_MODEL_FORMAT_VERSION + 1);
    if (hr_model_read(&m, copy, len, "x", text_len) != -EPROTO) {
        fail("a buffer of another format version was not refused as such");
        hr_file_model_free(m);
    }
    /* byte changes at up to 400 positions, three values each */
    size_t fstep = len <= 400 ? 1 : len / 400;
    static const unsigned char values[] = {0x00, 0xff, 0x80};
    for (size_t pos = 0; pos < len; pos += fstep) {
        for (size_t v = 0; v < sizeof(values); v++) {
            memcpy(copy, buf, len);
            copy[pos] = (char)(copy[pos] ^ (values[v] ? values[v] : 0x01));
            try_corrupt(copy, len, text_len);
        }
    }
    free(copy);
}

/* ---- one input ---- */

/* HR_ROUNDTRIP_SEEDS=DIR writes each buffer of at most 16 KiB as
 * DIR/<base name>.bin: how tests/fuzz/corpus/model_read was made. */
static void save_seed(const char *path, const hr_buf *buf)
{
    const char *dir = getenv("HR_ROUNDTRIP_SEEDS");
    if (!dir || buf->len > 16384)
        return;
    char name[4096];
    snprintf(name, sizeof(name), "%s/%s.bin", dir, hr_path_basename(path));
    FILE *f = fopen(name, "wb");
    if (!f)
        return;
    fwrite(buf->data, 1, buf->len, f);
    fclose(f);
}

static void check_file(hr_parser *parser, const char *file, const char *path, const char *module)
{
    current = path;
    hr_lang lang = hr_lang_from_path(path);
    if (lang == HR_LANG_NONE) {
        fail("unknown language");
        return;
    }
    bool c_family = lang == HR_LANG_C || lang == HR_LANG_CPP;
    if (c_family && !hr_frontend_c_available())
        return;
    char *src = NULL;
    size_t len = 0;
    if (hr_read_file(&src, &len, file, 64u << 20) != 0) {
        fail("cannot read the input");
        return;
    }
    hr_frontend_limits limits = {HR_DEFAULT_MAX_DEPTH, 0};
    hr_file_model *m = NULL, *back = NULL;
    hr_buf err, buf, buf2, d1, d2;
    hr_buf_init(&err);
    hr_buf_init(&buf);
    hr_buf_init(&buf2);
    hr_buf_init(&d1);
    hr_buf_init(&d2);
    int rc = c_family ? hr_frontend_lower_c(&m, parser, lang, path, src, len, &limits, NULL, &err)
                      : hr_frontend_lower(&m, parser, lang, path, module, src, len, &limits, &err);
    if (rc != 0) {
        fail(err.data ? err.data : "lowering failed");
        goto cleanup;
    }
    hr_model_build_index(m);
    if (hr_model_write(&buf, m) != 0) {
        fail("write failed");
        goto cleanup;
    }
    rc = hr_model_read(&back, buf.data, buf.len, path, len);
    if (rc != 0) {
        fail("the written model is rejected");
        goto cleanup;
    }
    hr_model_dump(&d1, m);
    hr_model_dump(&d2, back);
    if (d1.len != d2.len || memcmp(d1.data, d2.data, d1.len) != 0)
        fail("hr_model_dump differs after the round trip");
    if (!models_eq(m, back))
        goto cleanup;
    hr_model_write(&buf2, back);
    if (buf.len != buf2.len || memcmp(buf.data, buf2.data, buf.len) != 0)
        fail("writing the model read back gives other bytes");
    check_corruption(buf.data, buf.len, len);
    save_seed(path, &buf);
cleanup:
    hr_file_model_free(m);
    hr_file_model_free(back);
    hr_buf_free(&err);
    hr_buf_free(&buf);
    hr_buf_free(&buf2);
    hr_buf_free(&d1);
    hr_buf_free(&d2);
    free(src);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hr-cache-roundtrip MANIFEST\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "hr-cache-roundtrip: cannot open %s\n", argv[1]);
        return 2;
    }
    hr_parser *parser = hr_parser_new();
    char line[8192];
    int total = 0, failed = 0;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0])
            continue;
        char *tab1 = strchr(line, '\t');
        char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2) {
            fprintf(stderr, "hr-cache-roundtrip: bad manifest line: %s\n", line);
            return 2;
        }
        *tab1 = *tab2 = 0;
        int before = failures;
        check_file(parser, line, tab1 + 1, tab2 + 1);
        total++;
        if (failures != before)
            failed++;
        else if (getenv("HR_ROUNDTRIP_VERBOSE"))
            printf("ok %s\n", tab1 + 1);
    }
    fclose(f);
    hr_parser_free(parser);
    printf("%d passed, %d failed\n", total - failed, failed);
    return failed || !total ? 1 : 0;
}
