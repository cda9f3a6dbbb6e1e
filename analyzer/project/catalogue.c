/* catalogue.c - the ORM model catalogue: every model class of the project
 * with its columns, relations and indexes.
 *
 * Which classes are models and which calls declare what is knowledge (the
 * `models:` section, include/headroom/knowledge.h); how Meta classes,
 * reverse accessors, `__table_args__` and backrefs read is the entry's style.
 * Built once in four passes, linear in the number of class fields:
 *   1. a record for every class that derives from an entry's bases;
 *   2. each model's declarations, its own first, then those of its project
 *      base classes (abstract models, mixins) that it does not override;
 *   3. module-level SQLAlchemy `Index(...)` calls;
 *   4. what one model adds to another: Django reverse accessors, Peewee and
 *      SQLAlchemy backrefs; then the implicit `id` primary key.
 * Anything unresolved stays NULL: rules stay quiet about what is not known. */
#include "project_internal.h"
#include "catalogue_js.h"
#include "schema_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { INHERIT_MAX_DEPTH = 8, NAME_MAX_LEN = 512 };

typedef struct model_rec {
    hr_orm_model pub; /* first: public pointers are &rec->pub */
    const hr_kn_models *e;
    int32_t class_index;
} model_rec;

typedef struct modfile {
    const char *module;
    const hr_file_model *m;
} modfile;

struct hr_orm_catalogue {
    hr_arena arena;
    model_rec **models; /* sorted by qualname */
    size_t n;
    model_rec **by_cls; /* sorted by class address */
    modfile *mods;      /* sorted by module name */
    size_t nmods;
    const hr_knowledge *k;
};

const hr_kn_lang *hr_project_kn(const hr_project *p, hr_lang lang)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    return &c->k->lang[lang];
}

/* ---- small helpers ---- */

static bool matches_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

static bool copy_str(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return false;
    memcpy(out, s, n);
    out[n] = 0;
    return true;
}

bool hr_value_string(char *out, size_t cap, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '"' || v[n - 1] != '"')
        return false;
    return copy_str(out, cap, v + 1, n - 2);
}

int hr_value_items(const char *v, void (*f)(const char *elem, size_t len, void *ctx), void *ctx)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '[' || v[n - 1] != ']')
        return -1;
    int count = 0, depth = 0;
    bool quoted = false;
    size_t start = 1;
    for (size_t i = 1; i < n; i++) {
        char c = v[i];
        if (quoted) {
            if (c == '\\' && i + 1 < n - 1)
                i++;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"') {
            quoted = true;
        } else if (c == '[' || c == '(') {
            depth++;
        } else if ((c == ']' || c == ')') && depth > 0) {
            depth--;
        } else if ((c == ',' && depth == 0) || i == n - 1) {
            if (i > start) {
                f(v + start, i - start, ctx);
                count++;
            }
            start = i + 1;
        }
    }
    return count;
}

bool hr_resolve_ro(char *out, size_t cap, const hr_file_model *m, const char *chain)
{
    size_t n = strcspn(chain, ".([");
    for (uint32_t i = m->imports.len; n && i-- > 0;) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (strncmp(imp->local, chain, n) != 0 || imp->local[n] != 0)
            continue;
        int w = snprintf(out, cap, "%s%s", imp->target, chain + n);
        return w >= 0 && (size_t)w < cap;
    }
    return copy_str(out, cap, chain, strlen(chain));
}

static int modfile_cmp(const void *a, const void *b)
{
    return strcmp(((const modfile *)a)->module, ((const modfile *)b)->module);
}

static const modfile *find_module(const hr_orm_catalogue *c, const char *module)
{
    size_t lo = 0, hi = c->nmods;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(c->mods[mid].module, module);
        if (r == 0) {
            while (mid > 0 && strcmp(c->mods[mid - 1].module, module) == 0)
                mid--;
            return &c->mods[mid];
        }
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const hr_file_model *hr_project_module_file(const hr_project *p, const char *module)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    const modfile *f = c ? find_module(c, module) : NULL;
    return f ? f->m : NULL;
}

/* The value of module-level variable `name` in m (assigned once), or NULL. */
static const char *module_var(const hr_file_model *m, const char *name, size_t n)
{
    const char *value = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        if (a->function != 0 || strncmp(a->target, name, n) != 0 || a->target[n] != 0)
            continue;
        if (value)
            return NULL;
        value = a->value;
    }
    return value && strcmp(value, "?") != 0 ? value : NULL;
}

bool hr_module_value(const hr_project *p, const hr_file_model *m, const char *chain, char *out,
                     size_t cap)
{
    size_t root = strcspn(chain, ".([");
    const char *v = root ? module_var(m, chain, root) : NULL;
    if (v) {
        int w = snprintf(out, cap, "%s%s", v, chain + root);
        return w >= 0 && (size_t)w < cap;
    }
    /* "pkg.mod.var.rest": a variable of another project module */
    char mod[NAME_MAX_LEN];
    size_t limit = strcspn(chain, "([");
    for (size_t dot = 0; dot < limit; dot++) {
        if (chain[dot] != '.')
            continue;
        if (!copy_str(mod, sizeof(mod), chain, dot))
            return false;
        const hr_file_model *f = hr_project_module_file(p, mod);
        if (!f)
            continue;
        const char *name = chain + dot + 1;
        size_t n = strcspn(name, ".([");
        v = n ? module_var(f, name, n) : NULL;
        if (!v)
            continue; /* a longer module path may hold it */
        int w = snprintf(out, cap, "%s%s", v, name + n);
        return w >= 0 && (size_t)w < cap;
    }
    return false;
}

static const char *lower_dup(hr_arena *a, const char *s, const char *suffix)
{
    char *r = hr_arena_printf(a, "%s%s", s, suffix);
    for (char *c = r; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return r;
}

static const char *kwvalue(const hr_call *c, const char *name)
{
    for (uint32_t i = 0; i < c->kwargs.n && i < c->kwvalues.n; i++)
        if (strcmp(c->kwargs.v[i], name) == 0)
            return c->kwvalues.v[i];
    return NULL;
}

static bool is_true(const char *v)
{
    return v && (strcmp(v, "True") == 0 || strcmp(v, "true") == 0);
}

static bool is_false(const char *v)
{
    return v && (strcmp(v, "False") == 0 || strcmp(v, "false") == 0);
}

static bool any_flag(const hr_call *c, const hr_strs *names)
{
    for (uint32_t i = 0; i < names->n; i++)
        if (is_true(kwvalue(c, names->v[i])))
            return true;
    return false;
}

static bool any_flag_false(const hr_call *c, const hr_strs *names)
{
    for (uint32_t i = 0; i < names->n; i++)
        if (is_false(kwvalue(c, names->v[i])))
            return true;
    return false;
}

static bool span_within(hr_span inner, hr_span outer)
{
    return inner.start_byte >= outer.start_byte && inner.end_byte <= outer.end_byte;
}

/* ---- records ---- */

static int rec_cmp(const void *a, const void *b)
{
    const model_rec *x = *(model_rec *const *)a, *y = *(model_rec *const *)b;
    int c = strcmp(x->pub.qualname, y->pub.qualname);
    return c ? c : strcmp(x->pub.file->path, y->pub.file->path);
}

static int cls_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)(*(model_rec *const *)a)->pub.cls;
    uintptr_t y = (uintptr_t)(*(model_rec *const *)b)->pub.cls;
    return x < y ? -1 : x > y;
}

static model_rec *rec_of_class(const hr_orm_catalogue *c, const hr_class *cls)
{
    size_t lo = 0, hi = c->n;
    uintptr_t key = (uintptr_t)cls;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t k = (uintptr_t)c->by_cls[mid]->pub.cls;
        if (k == key)
            return c->by_cls[mid];
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Whether class cls (in m) derives from one of `bases`: directly, through
 * project classes, or through a module variable holding a base factory. */
static bool class_is(const hr_project *p, const hr_file_model *m, const hr_class *cls,
                     const hr_strs *bases, int depth)
{
    if (depth > INHERIT_MAX_DEPTH)
        return false;
    for (uint32_t i = 0; i < cls->bases.n; i++) {
        const char *b = cls->bases.v[i];
        if (matches_any(bases, b))
            return true;
        const hr_file_model *bm = NULL;
        const hr_class *bc = hr_project_class(p, m, b, &bm);
        if (bc && bc != cls) {
            if (class_is(p, bm, bc, bases, depth + 1))
                return true;
            continue;
        }
        char value[NAME_MAX_LEN];
        if (hr_module_value(p, m, b, value, sizeof(value)) && matches_any(bases, value))
            return true;
    }
    return false;
}

/* ---- declarations of one class ---- */

typedef struct decls {
    hr_vec columns, relations, indexes; /* of the model being built */
} decls;

static bool has_column(const hr_vec *v, const char *name)
{
    for (uint32_t i = 0; i < v->len; i++)
        if (strcmp(HR_VEC_AT(*v, hr_orm_column, i).name, name) == 0)
            return true;
    return false;
}

static bool has_relation(const hr_vec *v, const char *name)
{
    for (uint32_t i = 0; i < v->len; i++)
        if (strcmp(HR_VEC_AT(*v, hr_orm_relation, i).name, name) == 0)
            return true;
    return false;
}

typedef struct strs_builder {
    hr_arena *a;
    const char *items[64];
    uint32_t n;
    bool strip_minus;
} strs_builder;

static void collect_string(const char *elem, size_t len, void *ctx)
{
    strs_builder *b = ctx;
    char buf[NAME_MAX_LEN], item[NAME_MAX_LEN];
    if (b->n >= HR_ARRAY_LEN(b->items) || !copy_str(buf, sizeof(buf), elem, len) ||
        !hr_value_string(item, sizeof(item), buf))
        return;
    const char *s = item;
    if (b->strip_minus && *s == '-')
        s++;
    if (*s)
        b->items[b->n++] = hr_arena_strdup(b->a, s);
}

static hr_strs builder_take(strs_builder *b)
{
    hr_strs s = {NULL, 0};
    if (!b->n)
        return s;
    s.v = hr_arena_array(b->a, b->n, sizeof(*s.v));
    memcpy(s.v, b->items, b->n * sizeof(*s.v));
    s.n = b->n;
    return s;
}

/* A list of strings from a value text: `["a","-b"]`, or one string `"a"`. */
static hr_strs string_list(hr_arena *a, const char *v, bool strip_minus)
{
    strs_builder b = {.a = a, .n = 0, .strip_minus = strip_minus};
    if (v && v[0] == '"') {
        collect_string(v, strlen(v), &b);
    } else {
        hr_value_items(v, collect_string, &b);
    }
    return builder_take(&b);
}

static void add_index(hr_arena *a, decls *d, hr_strs columns, bool unique, const hr_file_model *m,
                      hr_span span)
{
    if (!columns.n)
        return;
    hr_orm_index *ix = HR_VEC_PUSH(a, &d->indexes, hr_orm_index);
    ix->columns = columns;
    ix->unique = unique;
    ix->file = m;
    ix->span = span;
}

/* `unique_together = [("a", "b"), ...]` or `("a", "b")`. */
typedef struct together_ctx {
    hr_arena *a;
    decls *d;
    bool unique;
    const hr_file_model *m;
    hr_span span;
    bool flat; /* the list holds strings: it is one index */
} together_ctx;

static void together_item(const char *elem, size_t len, void *vctx)
{
    together_ctx *t = vctx;
    if (len && elem[0] == '"') {
        t->flat = true;
        return;
    }
    char buf[1024];
    if (!copy_str(buf, sizeof(buf), elem, len))
        return;
    add_index(t->a, t->d, string_list(t->a, buf, false), t->unique, t->m, t->span);
}

static void add_together(hr_arena *a, decls *d, const char *literal, bool unique, const hr_file_model *m,
                         hr_span span)
{
    together_ctx t = {a, d, unique, m, span, false};
    hr_value_items(literal, together_item, &t);
    if (t.flat)
        add_index(a, d, string_list(a, literal, false), unique, m, span);
}

/* Peewee `indexes = ((("a", "b"), True), ...)`. */
static void peewee_index_item(const char *elem, size_t len, void *vctx)
{
    together_ctx *t = vctx;
    char buf[1024];
    if (!copy_str(buf, sizeof(buf), elem, len))
        return;
    /* buf is `[["a","b"],True]`: its first item is the columns, its second the uniqueness */
    struct { const char *cols; size_t clen; const char *uniq; size_t ulen; int k; } parts = {0};
    const char *p = buf + 1;
    int depth = 0;
    bool quoted = false;
    const char *start = p;
    for (; *p; p++) {
        if (quoted) {
            if (*p == '"')
                quoted = false;
            continue;
        }
        if (*p == '"')
            quoted = true;
        else if (*p == '[')
            depth++;
        else if (*p == ']' && depth > 0)
            depth--;
        else if ((*p == ',' && depth == 0) || (*p == ']' && depth == 0)) {
            if (parts.k == 0) {
                parts.cols = start;
                parts.clen = (size_t)(p - start);
            } else if (parts.k == 1) {
                parts.uniq = start;
                parts.ulen = (size_t)(p - start);
            }
            parts.k++;
            start = p + 1;
            if (*p == ']')
                break;
        }
    }
    if (!parts.cols)
        return;
    char cols[1024];
    if (!copy_str(cols, sizeof(cols), parts.cols, parts.clen))
        return;
    bool unique = parts.uniq && parts.ulen == 4 && strncmp(parts.uniq, "True", 4) == 0;
    add_index(t->a, t->d, string_list(t->a, cols, false), unique, t->m, t->span);
}

/* The class nested directly in cls (index ci of m) named `name`, or NULL. */
static const hr_class *nested_class(const hr_file_model *m, int32_t ci, const char *name)
{
    if (ci < 0)
        return NULL;
    for (uint32_t i = 0; i < m->classes.len; i++) {
        const hr_class *c = HR_CLASS(m, i);
        if (c->parent_class == ci && strcmp(c->name, name) == 0)
            return c;
    }
    return NULL;
}

static const hr_field *find_field(const hr_class *c, const char *name)
{
    for (uint32_t i = 0; i < c->fields.len; i++)
        if (strcmp(HR_FIELD(c, i)->name, name) == 0)
            return HR_FIELD(c, i);
    return NULL;
}

/* Index and unique-constraint calls inside a span: Django Meta.indexes /
 * constraints (`fields=[...]`), SQLAlchemy __table_args__ (positional). */
static void index_calls_in(hr_arena *a, decls *d, const hr_kn_models *e, const hr_file_model *m,
                           hr_span span)
{
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->span.start_byte < span.start_byte)
            continue;
        if (c->span.start_byte >= span.end_byte)
            break;
        bool ix = matches_any(&e->indexes, c->resolved);
        bool uq = !ix && matches_any(&e->unique_constraints, c->resolved);
        if (!ix && !uq)
            continue;
        if (kwvalue(c, "condition") || kwvalue(c, "postgresql_where") || kwvalue(c, "sqlite_where"))
            continue; /* partial: serves only queries with that condition */
        const char *fields = kwvalue(c, "fields");
        hr_strs cols = {NULL, 0};
        if (fields) {
            cols = string_list(a, fields, true);
        } else if (e->style == HR_KN_STYLE_SQLALCHEMY) {
            strs_builder b = {.a = a, .n = 0, .strip_minus = false};
            for (uint32_t k = ix ? 1 : 0; k < c->argvalues.n; k++) {
                const char *v = c->argvalues.v[k];
                if (v[0] == '"') {
                    collect_string(v, strlen(v), &b);
                } else if (strchr(v, '.') && !strchr(v, '(') && b.n < HR_ARRAY_LEN(b.items)) {
                    b.items[b.n++] = strrchr(v, '.') + 1; /* Model.col */
                } else {
                    b.n = 0; /* an expression index: not a plain column */
                    break;
                }
            }
            cols = builder_take(&b);
        }
        bool unique = uq || is_true(kwvalue(c, "unique"));
        add_index(a, d, cols, unique, m, c->span);
    }
}

typedef struct build_ctx {
    const hr_project *p;
    hr_orm_catalogue *cat;
    hr_arena *a;
} build_ctx;

/* A target model text (value text) read in m, for model `self`: a chain,
 * "Name", "app_label.Name" or "self". Returns the target's qualname or NULL. */
static const char *target_qualname(const build_ctx *b, const hr_file_model *m, const model_rec *self,
                                   const char *text)
{
    if (!text || strcmp(text, "?") == 0)
        return NULL;
    char s[NAME_MAX_LEN];
    if (hr_value_string(s, sizeof(s), text)) {
        if (strcmp(s, "self") == 0)
            return self->pub.qualname;
        const char *name = strrchr(s, '.') ? strrchr(s, '.') + 1 : s;
        const char *label = NULL;
        size_t label_len = 0;
        if (name != s) {
            label = s;
            label_len = (size_t)(name - 1 - s);
        }
        const model_rec *found = NULL, *same_file = NULL;
        int count = 0;
        for (size_t i = 0; i < b->cat->n; i++) {
            const model_rec *r = b->cat->models[i];
            if (strcmp(r->pub.name, name) != 0)
                continue;
            if (label) { /* the app label is a segment of the module */
                const char *q = r->pub.qualname;
                bool ok = false;
                for (const char *seg = q; seg && *seg; seg = strchr(seg, '.') ? strchr(seg, '.') + 1 : NULL)
                    if (strncmp(seg, label, label_len) == 0 && seg[label_len] == '.')
                        ok = true;
                if (!ok)
                    continue;
            }
            if (r->pub.file == m)
                same_file = r;
            found = r;
            count++;
        }
        if (same_file)
            return same_file->pub.qualname;
        return count == 1 ? found->pub.qualname : NULL;
    }
    if (strchr(text, '(') || strchr(text, '['))
        return NULL;
    char resolved[NAME_MAX_LEN];
    if (!hr_resolve_ro(resolved, sizeof(resolved), m, text))
        return NULL;
    const hr_file_model *cm = NULL;
    const hr_class *cls = hr_project_class(b->p, m, resolved, &cm);
    const model_rec *r = cls ? rec_of_class(b->cat, cls) : NULL;
    return r ? r->pub.qualname : NULL;
}

/* The model named inside a SQLAlchemy annotation: `Mapped[List["Address"]]`
 * gives "Address" and *many; NULL when there is none. */
static const char *annotation_target(hr_arena *a, const char *ann, bool *many, bool *known)
{
    *many = *known = false;
    if (!ann || strncmp(ann, "Mapped[", 7) != 0)
        return NULL;
    const char *s = ann + 7;
    static const char *const many_wrappers[] = {"List[", "list[", "Set[", "set[", "typing.List[",
                                                "Sequence[", "Collection[", "Iterable[", "tuple[",
                                                "Tuple[", "typing.Set["};
    static const char *const one_wrappers[] = {"Optional[", "typing.Optional["};
    for (int guard = 0; guard < 4; guard++) {
        bool stripped = false;
        for (size_t i = 0; i < HR_ARRAY_LEN(many_wrappers); i++)
            if (hr_str_starts_with(s, many_wrappers[i])) {
                s += strlen(many_wrappers[i]);
                *many = true;
                stripped = true;
            }
        for (size_t i = 0; i < HR_ARRAY_LEN(one_wrappers); i++)
            if (hr_str_starts_with(s, one_wrappers[i])) {
                s += strlen(one_wrappers[i]);
                stripped = true;
            }
        if (!stripped)
            break;
    }
    *known = true;
    if (*s == '"' || *s == '\'')
        s++;
    size_t n = 0;
    while (s[n] && (isalnum((unsigned char)s[n]) || s[n] == '_' || s[n] == '.'))
        n++;
    if (!n)
        return NULL;
    return hr_arena_printf(a, "\"%.*s\"", (int)n, s);
}

/* The call inside `outer`'s span whose callee matches globs, or NULL. */
static const hr_call *call_inside(const hr_file_model *m, const hr_call *outer, const hr_strs *globs)
{
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c == outer || !span_within(c->span, outer->span))
            continue;
        if (matches_any(globs, c->resolved))
            return c;
    }
    return NULL;
}

/* Whether a field's callee declares a column: listed, or a project class
 * deriving from a listed field class (a custom field). */
static bool is_column_call(const build_ctx *b, const hr_file_model *m, const hr_kn_models *e,
                           const hr_call *c)
{
    if (matches_any(&e->columns, c->resolved))
        return true;
    char callee[NAME_MAX_LEN];
    size_t n = strlen(c->resolved);
    if (!copy_str(callee, sizeof(callee), c->resolved, n))
        return false;
    return hr_project_class_derives(b->p, m, callee, &e->columns);
}

static hr_orm_load load_of(const hr_kn_models *e, const char *lazy)
{
    char v[64];
    if (!lazy || !hr_value_string(v, sizeof(v), lazy))
        return HR_LOAD_LAZY;
    if (hr_strs_contains(&e->eager, v))
        return HR_LOAD_EAGER;
    if (strcmp(v, "raise") == 0 || strcmp(v, "raise_on_sql") == 0 || strcmp(v, "noload") == 0)
        return HR_LOAD_NONE;
    if (strcmp(v, "dynamic") == 0 || strcmp(v, "write_only") == 0)
        return HR_LOAD_DYNAMIC;
    return HR_LOAD_LAZY;
}

/* The declared reverse accessor of a relation (`related_name`, `backref`),
 * with %(class)s / %(app_label)s filled in for `self`. */
static const char *reverse_name_of(const build_ctx *b, const hr_file_model *m, const hr_kn_models *e,
                                   const hr_call *c, const model_rec *self, const char **query_name,
                                   hr_orm_load *load)
{
    *query_name = NULL;
    *load = HR_LOAD_LAZY;
    char s[NAME_MAX_LEN];
    const char *v = NULL;
    if (e->style == HR_KN_STYLE_DJANGO) {
        v = kwvalue(c, "related_name");
        const char *q = kwvalue(c, "related_query_name");
        if (q && hr_value_string(s, sizeof(s), q))
            *query_name = hr_arena_strdup(b->a, s);
    } else {
        v = kwvalue(c, "backref");
        if (v && !hr_value_string(s, sizeof(s), v)) {
            const hr_call *br = call_inside(m, c, &e->backrefs);
            v = br && br->argvalues.n ? br->argvalues.v[0] : NULL;
            if (br)
                *load = load_of(e, kwvalue(br, "lazy"));
        }
    }
    if (!v || !hr_value_string(s, sizeof(s), v))
        return NULL;
    /* %(class)s and %(app_label)s in abstract bases' related names */
    char out[NAME_MAX_LEN];
    size_t o = 0;
    for (const char *p = s; *p && o + 1 < sizeof(out);) {
        if (strncmp(p, "%(class)s", 9) == 0) {
            for (const char *n = self->pub.name; *n && o + 1 < sizeof(out); n++)
                out[o++] = (char)tolower((unsigned char)*n);
            p += 9;
        } else if (strncmp(p, "%(app_label)s", 13) == 0) {
            const char *q = self->pub.qualname, *dot = strchr(q, '.');
            size_t n = dot ? (size_t)(dot - q) : strlen(q);
            for (size_t k = 0; k < n && o + 1 < sizeof(out); k++)
                out[o++] = q[k];
            p += 13;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = 0;
    return hr_arena_strdup(b->a, out);
}

/* A boolean column: BooleanField / NullBooleanField, Column(Boolean),
 * mapped_column(Boolean) or an annotation Mapped[bool]. */
static bool is_boolean(const hr_call *c, const hr_field *fd)
{
    if (c) {
        const char *last = strrchr(c->resolved, '.');
        last = last ? last + 1 : c->resolved;
        if (strstr(last, "BooleanField"))
            return true;
        for (uint32_t i = 0; i < c->args.n; i++) {
            const char *t = strrchr(c->args.v[i], '.');
            t = t ? t + 1 : c->args.v[i];
            if (strcmp(t, "Boolean") == 0 || strcmp(t, "Boolean()") == 0)
                return true;
        }
    }
    return fd && fd->annotation &&
           (strcmp(fd->annotation, "Mapped[bool]") == 0 || strcmp(fd->annotation, "Mapped[Optional[bool]]") == 0);
}

/* Adds the declarations of class cls (in m, index ci) to d, skipping names d
 * already has (a subclass overrides). `self` is the model being built. */
static void class_decls(const build_ctx *b, decls *d, model_rec *self, const hr_kn_models *e,
                        const hr_file_model *m, const hr_class *cls, int32_t ci)
{
    hr_arena *a = b->a;
    for (uint32_t k = 0; k < cls->fields.len; k++) {
        const hr_field *fd = HR_FIELD(cls, k);
        if (has_column(&d->columns, fd->name) || has_relation(&d->relations, fd->name))
            continue;
        const hr_call *c = fd->value_call >= 0 ? HR_CALL(m, fd->value_call) : NULL;
        bool m2m = c && matches_any(&e->many_to_many, c->resolved);
        bool o2o = c && !m2m && matches_any(&e->one_to_one, c->resolved);
        bool fk = c && !m2m && !o2o && matches_any(&e->foreign_keys, c->resolved);
        bool rel = c && !m2m && !o2o && !fk && matches_any(&e->relationships, c->resolved);
        bool col = c && !m2m && !o2o && !fk && !rel && is_column_call(b, m, e, c);
        bool ann_col = !c && e->style == HR_KN_STYLE_SQLALCHEMY && fd->annotation &&
                       hr_str_starts_with(fd->annotation, "Mapped[") && fd->literal == NULL;
        if (ann_col) {
            hr_orm_column *cc = HR_VEC_PUSH(a, &d->columns, hr_orm_column);
            cc->name = cc->column = fd->name;
            if (is_boolean(NULL, fd))
                cc->flags |= HR_COL_BOOL;
            cc->file = m;
            cc->span = fd->span;
            continue;
        }
        if (!m2m && !o2o && !fk && !rel && !col)
            continue;
        if (m2m || o2o || fk) {
            /* Django / Peewee relation fields (a column for FK and one-to-one) */
            const char *to = c->argvalues.n ? c->argvalues.v[0] : NULL;
            if (!to || strcmp(to, "?") == 0)
                to = kwvalue(c, "to");
            if (!to)
                to = kwvalue(c, "model");
            hr_orm_relation *r = HR_VEC_PUSH(a, &d->relations, hr_orm_relation);
            r->name = r->query_name = fd->name;
            r->target = target_qualname(b, m, self, to);
            r->kind = m2m ? HR_REL_TO_MANY : HR_REL_TO_ONE;
            r->file = m;
            r->span = fd->span;
            r->load = HR_LOAD_LAZY;
            if (!m2m) {
                char colname[NAME_MAX_LEN];
                const char *dbcol = kwvalue(c, e->style == HR_KN_STYLE_PEEWEE ? "column_name" : "db_column");
                if (!dbcol || !hr_value_string(colname, sizeof(colname), dbcol))
                    snprintf(colname, sizeof(colname), "%s_id", fd->name);
                r->fk_column = hr_arena_strdup(a, colname);
                hr_orm_column *cc = HR_VEC_PUSH(a, &d->columns, hr_orm_column);
                cc->name = fd->name;
                cc->column = r->fk_column;
                cc->flags = HR_COL_FK;
                /* Django and Peewee index foreign keys unless told not to */
                if (!any_flag_false(c, &e->index_flags))
                    cc->flags |= HR_COL_INDEXED;
                if (o2o || any_flag(c, &e->unique_flags))
                    cc->flags |= HR_COL_UNIQUE;
                if (any_flag(c, &e->pk_flags))
                    cc->flags |= HR_COL_PK;
                cc->file = m;
                cc->span = fd->span;
            }
            continue;
        }
        if (rel) {
            /* SQLAlchemy relationship(): no column of its own */
            bool many = false, known = false;
            const char *to = c->argvalues.n ? c->argvalues.v[0] : NULL;
            const char *ann_to = annotation_target(a, fd->annotation, &many, &known);
            if (!to || strcmp(to, "?") == 0)
                to = kwvalue(c, "argument");
            if (!to)
                to = ann_to;
            hr_orm_relation *r = HR_VEC_PUSH(a, &d->relations, hr_orm_relation);
            r->name = r->query_name = fd->name;
            r->target = target_qualname(b, m, self, to);
            const char *uselist = kwvalue(c, "uselist");
            if (is_false(uselist))
                r->kind = HR_REL_TO_ONE;
            else if (is_true(uselist) || kwvalue(c, "secondary"))
                r->kind = HR_REL_TO_MANY;
            else if (known)
                r->kind = many ? HR_REL_TO_MANY : HR_REL_TO_ONE;
            else
                r->kind = 0; /* decided by the foreign keys in pass 4 */
            r->load = load_of(e, kwvalue(c, "lazy"));
            r->file = m;
            r->span = fd->span;
            continue;
        }
        /* a column */
        hr_orm_column *cc = HR_VEC_PUSH(a, &d->columns, hr_orm_column);
        cc->name = cc->column = fd->name;
        if (e->style == HR_KN_STYLE_SQLALCHEMY && c->argvalues.n) {
            char colname[NAME_MAX_LEN];
            if (hr_value_string(colname, sizeof(colname), c->argvalues.v[0]))
                cc->column = hr_arena_strdup(a, colname);
        }
        if (any_flag(c, &e->index_flags))
            cc->flags |= HR_COL_INDEXED;
        if (any_flag(c, &e->unique_flags))
            cc->flags |= HR_COL_UNIQUE;
        if (any_flag(c, &e->pk_flags))
            cc->flags |= HR_COL_PK;
        if (e->foreign_keys.n && call_inside(m, c, &e->foreign_keys))
            cc->flags |= HR_COL_FK;
        if (is_boolean(c, fd))
            cc->flags |= HR_COL_BOOL;
        cc->file = m;
        cc->span = fd->span;
    }

    /* Meta (Django, Peewee) and dunder attributes (SQLAlchemy) */
    if (e->style == HR_KN_STYLE_SQLALCHEMY) {
        const hr_field *ta = find_field(cls, "__table_args__");
        if (ta)
            index_calls_in(a, d, e, m, ta->span);
        return;
    }
    const hr_class *meta = nested_class(m, ci, "Meta");
    if (!meta)
        return;
    for (uint32_t k = 0; k < meta->fields.len; k++) {
        const hr_field *fd = HR_FIELD(meta, k);
        if (strcmp(fd->name, "unique_together") == 0 && fd->literal)
            add_together(a, d, fd->literal, true, m, fd->span);
        else if (strcmp(fd->name, "index_together") == 0 && fd->literal)
            add_together(a, d, fd->literal, false, m, fd->span);
        else if (strcmp(fd->name, "indexes") == 0 && e->style == HR_KN_STYLE_PEEWEE && fd->literal) {
            together_ctx t = {a, d, false, m, fd->span, false};
            hr_value_items(fd->literal, peewee_index_item, &t);
        } else if (strcmp(fd->name, "indexes") == 0 || strcmp(fd->name, "constraints") == 0)
            index_calls_in(a, d, e, m, fd->span);
    }
}

/* Meta facts that are not inherited through concrete parents. */
static void model_meta(const build_ctx *b, model_rec *r)
{
    const hr_file_model *m = r->pub.file;
    const hr_class *cls = r->pub.cls;
    if (r->e->style == HR_KN_STYLE_SQLALCHEMY) {
        const hr_field *t = find_field(cls, "__tablename__");
        char s[NAME_MAX_LEN];
        if (t && t->literal && hr_value_string(s, sizeof(s), t->literal))
            r->pub.table = hr_arena_strdup(b->a, s);
        const hr_field *ab = find_field(cls, "__abstract__");
        if (ab && is_true(ab->literal))
            r->pub.abstract = true;
        if (!t && !r->pub.columns.len) /* the declarative base itself, or a mixin-like base */
            r->pub.abstract = true;
        return;
    }
    const hr_class *meta = nested_class(m, r->class_index, "Meta");
    /* ordering is inherited from abstract bases without a Meta.ordering of their own */
    for (int depth = 0; meta && depth < 1; depth++) {
        const hr_field *ab = find_field(meta, "abstract");
        if (ab && is_true(ab->literal))
            r->pub.abstract = true;
        const hr_field *o = find_field(meta, "ordering");
        if (o && o->literal)
            r->pub.ordering = string_list(b->a, o->literal, true);
        char s[NAME_MAX_LEN];
        const hr_field *t = find_field(meta, r->e->style == HR_KN_STYLE_PEEWEE ? "table_name" : "db_table");
        if (t && t->literal && hr_value_string(s, sizeof(s), t->literal))
            r->pub.table = hr_arena_strdup(b->a, s);
    }
}

/* Pass 2 for one model: own declarations, then its bases'. */
static void collect(const build_ctx *b, model_rec *r)
{
    decls d = {{0}, {0}, {0}};
    const hr_file_model *m = r->pub.file;
    const hr_class *cls = r->pub.cls;
    int32_t ci = r->class_index;
    /* breadth over bases, depth-limited; each class visited once */
    const hr_class *seen[64];
    const hr_file_model *seen_m[64];
    int32_t seen_ci[64];
    int depth_of[64];
    size_t n = 0, head = 0;
    seen[n] = cls;
    seen_m[n] = m;
    seen_ci[n] = ci;
    depth_of[n++] = 0;
    while (head < n) {
        const hr_class *c = seen[head];
        const hr_file_model *cm = seen_m[head];
        int32_t cci = seen_ci[head];
        int depth = depth_of[head++];
        class_decls(b, &d, r, r->e, cm, c, cci);
        if (depth >= INHERIT_MAX_DEPTH)
            continue;
        for (uint32_t i = 0; i < c->bases.n && n < HR_ARRAY_LEN(seen); i++) {
            const hr_file_model *bm = NULL;
            const hr_class *bc = hr_project_class(b->p, cm, c->bases.v[i], &bm);
            if (!bc)
                continue;
            bool dup = false;
            for (size_t k = 0; k < n; k++)
                dup |= seen[k] == bc;
            if (dup)
                continue;
            seen[n] = bc;
            seen_m[n] = bm;
            /* classes synthesised by the project (factories) are not in bm->classes */
            const hr_class *first = bm->classes.data;
            seen_ci[n] = bc >= first && bc < first + bm->classes.len ? (int32_t)(bc - first) : -1;
            depth_of[n++] = depth + 1;
        }
    }
    r->pub.columns = d.columns;
    r->pub.relations = d.relations;
    r->pub.indexes = d.indexes;
    model_meta(b, r);
}

static model_rec *rec_by_qualname(const hr_orm_catalogue *c, const char *q)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(c->models[mid]->pub.qualname, q);
        if (r == 0) {
            while (mid > 0 && strcmp(c->models[mid - 1]->pub.qualname, q) == 0)
                mid--;
            return c->models[mid];
        }
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static model_rec *rec_by_table(const hr_orm_catalogue *c, const char *table, size_t n)
{
    for (size_t i = 0; i < c->n; i++) {
        const char *t = c->models[i]->pub.table;
        if (t && strlen(t) == n && strncmp(t, table, n) == 0)
            return c->models[i];
    }
    return NULL;
}

/* Whether model r has a foreign key column referencing target's table. */
static const char *fk_to(const build_ctx *b, const model_rec *r, const model_rec *target)
{
    if (!target->pub.table)
        return NULL;
    for (uint32_t i = 0; i < r->pub.columns.len; i++) {
        const hr_orm_column *cc = &HR_VEC_AT(r->pub.columns, hr_orm_column, i);
        if (!(cc->flags & HR_COL_FK))
            continue;
        /* the ForeignKey("table.col") call inside the column declaration */
        const hr_file_model *m = cc->file;
        for (uint32_t k = 0; k < m->calls.len; k++) {
            const hr_call *c = HR_CALL(m, k);
            if (!span_within(c->span, cc->span) || !matches_any(&r->e->foreign_keys, c->resolved) ||
                !c->argvalues.n)
                continue;
            char s[NAME_MAX_LEN];
            const char *v = c->argvalues.v[0];
            if (hr_value_string(s, sizeof(s), v)) {
                const char *dot = strchr(s, '.');
                if (dot && rec_by_table(b->cat, s, (size_t)(dot - s)) == target)
                    return cc->name;
            } else if (strchr(v, '.')) { /* ForeignKey(User.id) */
                char cls[NAME_MAX_LEN];
                if (copy_str(cls, sizeof(cls), v, (size_t)(strrchr(v, '.') - v)) &&
                    target_qualname(b, m, r, cls) == target->pub.qualname)
                    return cc->name;
            }
        }
    }
    return NULL;
}

static void add_reverse(const build_ctx *b, model_rec *target, const char *name, const char *query_name,
                        const model_rec *from, hr_orm_rel_kind kind, hr_orm_load load,
                        const hr_orm_relation *decl)
{
    if (!name || !*name || name[strlen(name) - 1] == '+' || has_relation(&target->pub.relations, name))
        return;
    hr_orm_relation *r = HR_VEC_PUSH(b->a, &target->pub.relations, hr_orm_relation);
    r->name = name;
    r->query_name = query_name ? query_name : name;
    r->target = from->pub.qualname;
    r->kind = kind;
    r->load = load;
    r->reverse = true;
    r->file = decl->file;
    r->span = decl->span;
}

/* The declaration call of relation rel (for related_name / backref). */
static const hr_call *relation_call(const hr_orm_relation *rel)
{
    const hr_file_model *m = rel->file;
    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (span_within(c->span, rel->span))
            return c; /* the field's value call is the first call in its span */
    }
    return NULL;
}

static void reverse_relations(const build_ctx *b, model_rec *r)
{
    uint32_t nrel = r->pub.relations.len; /* reverse ones added to r itself are not visited */
    for (uint32_t i = 0; i < nrel; i++) {
        hr_orm_relation *rel = &HR_VEC_AT(r->pub.relations, hr_orm_relation, i);
        if (rel->reverse || !rel->target)
            continue;
        model_rec *t = rec_by_qualname(b->cat, rel->target);
        if (!t)
            continue;
        if (r->e->style == HR_KN_STYLE_SQLALCHEMY && !rel->kind)
            rel->kind = fk_to(b, r, t) ? HR_REL_TO_ONE : HR_REL_TO_MANY;
        if (r->pub.abstract)
            continue;
        const hr_call *c = relation_call(rel);
        if (!c)
            continue;
        const char *qn = NULL;
        hr_orm_load load = HR_LOAD_LAZY;
        const char *name = reverse_name_of(b, rel->file, r->e, c, r, &qn, &load);
        if (r->e->style == HR_KN_STYLE_SQLALCHEMY) {
            if (name)
                add_reverse(b, t, name, qn, r, rel->kind == HR_REL_TO_MANY ? HR_REL_TO_ONE : HR_REL_TO_MANY,
                            load, rel);
            continue;
        }
        /* one-to-one: a to-one relation whose column is unique */
        const hr_orm_column *col = rel->fk_column ? hr_orm_find_column(&r->pub, rel->name) : NULL;
        bool o2o = rel->kind == HR_REL_TO_ONE && col && (col->flags & HR_COL_UNIQUE) &&
                   r->e->style == HR_KN_STYLE_DJANGO;
        if (!name) {
            if (r->e->style == HR_KN_STYLE_DJANGO && qn == NULL)
                qn = lower_dup(b->a, r->pub.name, "");
            name = lower_dup(b->a, r->pub.name, o2o ? "" : "_set");
        }
        if (!qn && r->e->style == HR_KN_STYLE_DJANGO)
            qn = name;
        add_reverse(b, t, name, qn, r, o2o ? HR_REL_TO_ONE : HR_REL_TO_MANY, HR_LOAD_LAZY, rel);
    }
}

/* Module-level `Index("ix", Model.a, Model.b)` (SQLAlchemy). */
static void module_indexes(const build_ctx *b, hr_file_model *const *models, size_t nfiles,
                           const hr_knowledge *k)
{
    for (size_t f = 0; f < nfiles; f++) {
        const hr_file_model *m = models[f];
        if (!m)
            continue;
        const hr_kn_lang *kl = &k->lang[m->lang];
        for (uint32_t ei = 0; ei < kl->models.len; ei++) {
            const hr_kn_models *e = &HR_VEC_AT(kl->models, hr_kn_models, ei);
            if (e->style != HR_KN_STYLE_SQLALCHEMY)
                continue;
            for (uint32_t i = 0; i < m->calls.len; i++) {
                const hr_call *c = HR_CALL(m, i);
                if (c->function != 0 || !matches_any(&e->indexes, c->resolved) || c->argvalues.n < 2)
                    continue;
                const char *first = c->argvalues.v[1];
                const char *dot = strrchr(first, '.');
                char cls[NAME_MAX_LEN];
                if (!dot || strchr(first, '(') || !copy_str(cls, sizeof(cls), first, (size_t)(dot - first)))
                    continue;
                char resolved[NAME_MAX_LEN];
                if (!hr_resolve_ro(resolved, sizeof(resolved), m, cls))
                    continue;
                const hr_file_model *cm = NULL;
                const hr_class *klass = hr_project_class(b->p, m, resolved, &cm);
                model_rec *r = klass ? rec_of_class(b->cat, klass) : NULL;
                if (!r)
                    continue;
                decls d = {{0}, {0}, r->pub.indexes};
                index_calls_in(b->a, &d, e, m, c->span);
                r->pub.indexes = d.indexes;
            }
        }
    }
}

hr_orm_catalogue *hr_orm_catalogue_build(hr_project *p, hr_file_model *const *models, size_t n,
                                         const hr_knowledge *k)
{
    hr_orm_catalogue *c = hr_xcalloc(1, sizeof(*c));
    hr_arena_init(&c->arena);
    build_ctx b = {p, c, &c->arena};
    c->k = k;

    /* modules */
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        nm += models[i] && models[i]->module && models[i]->module[0];
    c->mods = hr_arena_array(&c->arena, nm ? nm : 1, sizeof(modfile));
    for (size_t i = 0; i < n; i++)
        if (models[i] && models[i]->module && models[i]->module[0]) {
            c->mods[c->nmods].module = models[i]->module;
            c->mods[c->nmods++].m = models[i];
        }
    if (c->nmods)
        qsort(c->mods, c->nmods, sizeof(modfile), modfile_cmp);
    hr_project_attach_catalogue(p, c); /* module lookups below go through the project */

    /* pass 1: records */
    hr_vec recs = {0};
    for (size_t i = 0; i < n; i++) {
        const hr_file_model *m = models[i];
        if (!m)
            continue;
        const hr_kn_lang *kl = &k->lang[m->lang];
        if (!kl->models.len)
            continue;
        for (uint32_t ci = 0; ci < m->classes.len; ci++) {
            const hr_class *cls = HR_CLASS(m, ci);
            const hr_kn_models *e = NULL;
            for (uint32_t ei = 0; ei < kl->models.len && !e; ei++) {
                const hr_kn_models *cand = &HR_VEC_AT(kl->models, hr_kn_models, ei);
                if (hr_kn_style_js(cand->style))
                    continue; /* catalogue_js.c */
                if (class_is(p, m, cls, &cand->bases, 0))
                    e = cand;
            }
            if (!e)
                continue;
            model_rec *r = hr_arena_alloc(&c->arena, sizeof(*r));
            r->pub.qualname = cls->qualname;
            r->pub.name = cls->name;
            r->pub.framework = e->framework;
            r->pub.style = e->style;
            r->pub.cls = cls;
            r->pub.file = m;
            r->e = e;
            r->class_index = (int32_t)ci;
            *HR_VEC_PUSH(&c->arena, &recs, model_rec *) = r;
        }
    }
    /* JS/TS ORMs (Sequelize, TypeORM, Mongoose): built whole by catalogue_js.c */
    hr_vec js = {0};
    hr_orm_js_build(p, models, n, k, &c->arena, &js);
    for (uint32_t i = 0; i < js.len; i++) {
        const hr_orm_js_rec *jr = &HR_VEC_AT(js, hr_orm_js_rec, i);
        model_rec *r = hr_arena_alloc(&c->arena, sizeof(*r));
        r->pub = jr->model;
        r->e = jr->entry;
        r->class_index = -1;
        *HR_VEC_PUSH(&c->arena, &recs, model_rec *) = r;
    }
    c->n = recs.len;
    c->models = hr_arena_array(&c->arena, c->n ? c->n : 1, sizeof(model_rec *));
    c->by_cls = hr_arena_array(&c->arena, c->n ? c->n : 1, sizeof(model_rec *));
    if (c->n) {
        memcpy(c->models, recs.data, c->n * sizeof(model_rec *));
        memcpy(c->by_cls, recs.data, c->n * sizeof(model_rec *));
        qsort(c->models, c->n, sizeof(model_rec *), rec_cmp);
        qsort(c->by_cls, c->n, sizeof(model_rec *), cls_cmp);
    }

    /* pass 2: declarations */
    for (size_t i = 0; i < c->n; i++)
        if (!hr_kn_style_js(c->models[i]->pub.style))
            collect(&b, c->models[i]);
    /* pass 3: module-level indexes */
    module_indexes(&b, models, n, k);
    /* pass 4: reverse accessors, then implicit primary keys */
    for (size_t i = 0; i < c->n; i++)
        if (!hr_kn_style_js(c->models[i]->pub.style))
            reverse_relations(&b, c->models[i]);
    for (size_t i = 0; i < c->n; i++) {
        model_rec *r = c->models[i];
        if (r->e->style == HR_KN_STYLE_SQLALCHEMY || hr_kn_style_js(r->e->style))
            continue;
        bool pk = false;
        for (uint32_t k2 = 0; k2 < r->pub.columns.len; k2++)
            pk |= (HR_VEC_AT(r->pub.columns, hr_orm_column, k2).flags & HR_COL_PK) != 0;
        if (!pk && !r->pub.abstract) {
            hr_orm_column *cc = HR_VEC_PUSH(&c->arena, &r->pub.columns, hr_orm_column);
            cc->name = cc->column = "id";
            cc->flags = HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED;
            cc->file = r->pub.file;
            cc->span = r->pub.cls->name_span;
        }
    }
    /* schema files (schema.c): Prisma models and SQL tables as models of their
     * own (cls NULL, e NULL), and the indexes SQL files put on the tables of
     * the models above */
    hr_vec schema = {0};
    hr_orm_model **code = hr_xcalloc(c->n ? c->n : 1, sizeof(*code));
    for (size_t i = 0; i < c->n; i++)
        code[i] = &c->models[i]->pub;
    hr_schema_catalogue(p, &c->arena, models, n, code, c->n, &schema);
    free(code);
    if (schema.len) {
        model_rec **all = hr_arena_array(&c->arena, c->n + schema.len, sizeof(model_rec *));
        memcpy(all, c->models, c->n * sizeof(model_rec *));
        for (uint32_t i = 0; i < schema.len; i++) {
            model_rec *r = hr_arena_alloc(&c->arena, sizeof(*r));
            r->pub = HR_VEC_AT(schema, hr_orm_model, i);
            r->class_index = -1;
            all[c->n + i] = r;
        }
        c->models = all;
        c->n += schema.len;
        qsort(c->models, c->n, sizeof(model_rec *), rec_cmp);
        /* by_cls has c->n entries too (cls NULL sorts first and never matches a class) */
        c->by_cls = hr_arena_array(&c->arena, c->n, sizeof(model_rec *));
        memcpy(c->by_cls, c->models, c->n * sizeof(model_rec *));
        qsort(c->by_cls, c->n, sizeof(model_rec *), cls_cmp);
    }
    return c;
}

void hr_orm_catalogue_free(hr_orm_catalogue *c)
{
    if (!c)
        return;
    hr_arena_release(&c->arena);
    free(c);
}

/* ---- queries ---- */

const hr_orm_model *hr_project_orm_of_class(const hr_project *p, const hr_class *cls)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    const model_rec *r = c && cls ? rec_of_class(c, cls) : NULL;
    return r ? &r->pub : NULL;
}

const hr_orm_model *hr_project_orm_model(const hr_project *p, const hr_file_model *m, const char *name)
{
    const hr_class *cls = hr_project_class(p, m, name, NULL);
    return cls ? hr_project_orm_of_class(p, cls) : NULL;
}

const hr_orm_model *hr_project_orm_by_qualname(const hr_project *p, const char *qualname)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    const model_rec *r = c && qualname ? rec_by_qualname(c, qualname) : NULL;
    return r ? &r->pub : NULL;
}

size_t hr_project_orm_count(const hr_project *p)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    return c ? c->n : 0;
}

const hr_orm_model *hr_project_orm_at(const hr_project *p, size_t i)
{
    const hr_orm_catalogue *c = hr_project_catalogue(p);
    return c && i < c->n ? &c->models[i]->pub : NULL;
}

const hr_orm_relation *hr_orm_find_relation(const hr_orm_model *om, const char *name)
{
    for (uint32_t i = 0; om && i < om->relations.len; i++) {
        const hr_orm_relation *r = &HR_VEC_AT(om->relations, hr_orm_relation, i);
        if (strcmp(r->name, name) == 0)
            return r;
    }
    return NULL;
}

const hr_orm_relation *hr_orm_find_query_relation(const hr_orm_model *om, const char *name)
{
    for (uint32_t i = 0; om && i < om->relations.len; i++) {
        const hr_orm_relation *r = &HR_VEC_AT(om->relations, hr_orm_relation, i);
        if (strcmp(r->query_name, name) == 0)
            return r;
    }
    return NULL;
}

const hr_orm_column *hr_orm_find_column(const hr_orm_model *om, const char *name)
{
    bool pk = strcmp(name, "pk") == 0;
    for (uint32_t i = 0; om && i < om->columns.len; i++) {
        const hr_orm_column *c = &HR_VEC_AT(om->columns, hr_orm_column, i);
        if (pk ? (c->flags & HR_COL_PK) != 0 : strcmp(c->name, name) == 0 || strcmp(c->column, name) == 0)
            return c;
    }
    return NULL;
}

bool hr_orm_column_indexed(const hr_orm_model *om, const char *name)
{
    const hr_orm_column *c = hr_orm_find_column(om, name);
    if (c && (c->flags & (HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED)))
        return true;
    for (uint32_t i = 0; om && i < om->indexes.len; i++) {
        const hr_orm_index *ix = &HR_VEC_AT(om->indexes, hr_orm_index, i);
        const char *lead = ix->columns.v[0];
        if (strcmp(lead, name) == 0 || (c && (strcmp(lead, c->name) == 0 || strcmp(lead, c->column) == 0)))
            return true;
    }
    return false;
}

/* ---- dump ---- */

static void dump_span(hr_buf *out, const hr_file_model *m, hr_span s)
{
    hr_buf_printf(out, " at=%s:%u", m ? m->path : "?", s.start_line);
}

void hr_project_dump_orm(hr_buf *out, const hr_project *p)
{
    static const char *const load_names[] = {"lazy", "eager", "none", "dynamic"};
    size_t n = hr_project_orm_count(p);
    for (size_t i = 0; i < n; i++) {
        const hr_orm_model *om = hr_project_orm_at(p, i);
        hr_buf_printf(out, "model %s framework=%s", om->qualname, om->framework);
        if (om->abstract)
            hr_buf_puts(out, " abstract");
        if (om->incomplete)
            hr_buf_puts(out, " incomplete");
        if (om->table)
            hr_buf_printf(out, " table=%s", om->table);
        if (om->ordering.n) {
            hr_buf_puts(out, " ordering=");
            for (uint32_t k = 0; k < om->ordering.n; k++)
                hr_buf_printf(out, "%s%s", k ? "," : "", om->ordering.v[k]);
        }
        dump_span(out, om->file, om->cls ? om->cls->name_span : om->span); /* schema files: no class */
        hr_buf_putc(out, '\n');
        for (uint32_t k = 0; k < om->columns.len; k++) {
            const hr_orm_column *c = &HR_VEC_AT(om->columns, hr_orm_column, k);
            hr_buf_printf(out, "  column %s", c->name);
            if (strcmp(c->column, c->name) != 0)
                hr_buf_printf(out, " column=%s", c->column);
            if (c->flags & HR_COL_PK)
                hr_buf_puts(out, " pk");
            if (c->flags & HR_COL_UNIQUE)
                hr_buf_puts(out, " unique");
            if (c->flags & HR_COL_INDEXED)
                hr_buf_puts(out, " indexed");
            if (c->flags & HR_COL_FK)
                hr_buf_puts(out, " fk");
            if (c->flags & HR_COL_BOOL)
                hr_buf_puts(out, " bool");
            dump_span(out, c->file, c->span);
            hr_buf_putc(out, '\n');
        }
        for (uint32_t k = 0; k < om->relations.len; k++) {
            const hr_orm_relation *r = &HR_VEC_AT(om->relations, hr_orm_relation, k);
            hr_buf_printf(out, "  relation %s %s target=%s load=%s", r->name,
                          r->kind == HR_REL_TO_ONE ? "to-one" : r->kind == HR_REL_TO_MANY ? "to-many" : "?",
                          r->target ? r->target : "-", load_names[r->load]);
            if (strcmp(r->query_name, r->name) != 0)
                hr_buf_printf(out, " query_name=%s", r->query_name);
            if (r->fk_column)
                hr_buf_printf(out, " fk=%s", r->fk_column);
            if (r->reverse)
                hr_buf_puts(out, " reverse");
            dump_span(out, r->file, r->span);
            hr_buf_putc(out, '\n');
        }
        for (uint32_t k = 0; k < om->indexes.len; k++) {
            const hr_orm_index *ix = &HR_VEC_AT(om->indexes, hr_orm_index, k);
            hr_buf_puts(out, ix->unique ? "  unique" : "  index");
            for (uint32_t j = 0; j < ix->columns.n; j++)
                hr_buf_printf(out, "%s%s", j ? "," : " ", ix->columns.v[j]);
            dump_span(out, ix->file, ix->span);
            hr_buf_putc(out, '\n');
        }
    }
}
