/* catalogue_js.c - the ORM catalogue for JavaScript and TypeScript: Sequelize,
 * TypeORM and Mongoose models with their columns, relations and indexes.
 *
 * Which calls, decorators and option keys declare what is knowledge (the
 * `models:` entries of rules/knowledge/javascript.yml with a JS style); how
 * they read is the style:
 *   - sequelize: `class X extends Model` with `X.init({attrs}, {options})`, or
 *     `const X = sequelize.define("X", {attrs}, {options})` (the project
 *     synthesises a class for such a factory assignment). Attributes are the
 *     members of the object value text (`{type:...,unique:true,field:"x"}`);
 *     `indexes: [{fields: [...], unique}]`, `tableName`, `timestamps` come
 *     from the options. Associations are calls anywhere in the project:
 *     `A.belongsTo(B, {as, foreignKey})` (to-one, its key column on A),
 *     `hasOne` (to-one), `hasMany` / `belongsToMany` (to-many); the default
 *     alias is B's name (plural for to-many: Sequelize's own rule, simplified).
 *     Sequelize does not index foreign keys; `id` is the key unless one is
 *     declared; `createdAt` / `updatedAt` exist unless `timestamps: false`.
 *     Reading `order.customer` runs no query (it is there when included);
 *     `order.getCustomer()` does: relations are HR_LOAD_NONE, and the getter
 *     is lazy-load-in-loop's to judge.
 *   - typeorm: `@Entity()` classes (and their project base classes' fields):
 *     column decorators with `unique` / `primary` / `name`, `@Index()` on a
 *     field, `@Index([...])` / `@Unique([...])` on the class, relation
 *     decorators whose target is the `() => T` lambda (or a string); `eager:
 *     true` is HR_LOAD_EAGER, `lazy: true` or a `Promise<T>` type HR_LOAD_LAZY,
 *     anything else HR_LOAD_NONE (absent unless the query loaded it).
 *   - mongoose: `mongoose.model("User", schema)` with `schema = new Schema({
 *     path: {type, index, unique, ref}})` (a local or imported variable, or
 *     inline) and `schema.index({a: 1, b: -1}, {unique})`; `_id` is the key;
 *     a `ref` path is a relation (to-many in an array) whose column holds the
 *     id: reading it runs no query (HR_LOAD_NONE), populate() loads it.
 * Built in two passes: records (every model, so targets resolve in any
 * order), then declarations; then associations. Unknown stays unknown. */
#include "catalogue_js.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { NAME_LEN = 512, INHERIT_MAX = 6, SEARCH_MAX = 64 };

typedef struct jsm {
    hr_orm_js_rec rec;
    const hr_file_model *m;
    int32_t def_call;   /* define() / mongoose.model() of a factory model, or -1 */
    const char *alias;  /* the model's own name: define("X") / modelName / model("X") */
    const char *schema_var; /* mongoose: the schema variable, or NULL */
    const hr_file_model *schema_file;
} jsm;

typedef struct jsctx {
    const hr_project *p;
    hr_arena *a;
    hr_vec recs; /* jsm */
} jsctx;

/* ---- value texts ---- */

/* Calls f for each top-level comma-separated element of s[1..n-1). */
static int split_top(const char *s, size_t n, void (*f)(const char *e, size_t len, void *ctx), void *ctx)
{
    int count = 0, depth = 0;
    bool quoted = false;
    size_t start = 1;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '\\' && i + 1 < n - 1)
                i++;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '[' || c == '(' || c == '{')
            depth++;
        else if ((c == ']' || c == ')' || c == '}') && depth > 0 && i != n - 1)
            depth--;
        else if ((c == ',' && depth == 0) || i == n - 1) {
            if (i > start) {
                f(s + start, i - start, ctx);
                count++;
            }
            start = i + 1;
        }
    }
    return count;
}

int hr_js_list_each(const char *v, void (*f)(const char *elem, size_t len, void *ctx), void *ctx)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '[' || v[n - 1] != ']')
        return -1;
    return split_top(v, n, f, ctx);
}

typedef struct obj_split {
    void (*f)(const char *key, size_t klen, const char *val, size_t vlen, void *ctx);
    void *ctx;
} obj_split;

static void obj_member(const char *e, size_t len, void *vctx)
{
    obj_split *o = vctx;
    const char *colon = memchr(e, ':', len);
    if (!colon)
        return;
    size_t kl = (size_t)(colon - e);
    o->f(e, kl, colon + 1, len - kl - 1, o->ctx);
}

int hr_js_object_each(const char *v, void (*f)(const char *key, size_t klen, const char *val, size_t vlen, void *ctx),
                      void *ctx)
{
    size_t n = v ? strlen(v) : 0;
    if (n < 2 || v[0] != '{' || v[n - 1] != '}')
        return -1;
    obj_split o = {f, ctx};
    return split_top(v, n, obj_member, &o);
}

typedef struct get_ctx {
    const char *key;
    char *out;
    size_t cap;
    bool found;
} get_ctx;

static void get_member(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    get_ctx *g = vctx;
    if (g->found || strlen(g->key) != kl || strncmp(g->key, k, kl) != 0 || vl >= g->cap)
        return;
    memcpy(g->out, v, vl);
    g->out[vl] = 0;
    g->found = true;
}

bool hr_js_object_get(char *out, size_t cap, const char *v, const char *key)
{
    get_ctx g = {key, out, cap, false};
    hr_js_object_each(v, get_member, &g);
    return g.found;
}

static bool vt_true(const char *v) { return v && strcmp(v, "true") == 0; }

static bool obj_flag(const char *obj, const hr_strs *keys)
{
    char v[NAME_LEN];
    for (uint32_t i = 0; i < keys->n; i++)
        if (hr_js_object_get(v, sizeof(v), obj, keys->v[i]) && vt_true(v))
            return true;
    return false;
}

static const char *obj_string(hr_arena *a, const char *obj, const char *key)
{
    char v[NAME_LEN], s[NAME_LEN];
    if (!hr_js_object_get(v, sizeof(v), obj, key) || !hr_value_string(s, sizeof(s), v))
        return NULL;
    return hr_arena_strdup(a, s);
}

static const char *kwvalue(const hr_call *c, const char *name)
{
    for (uint32_t i = 0; i < c->kwargs.n && i < c->kwvalues.n; i++)
        if (strcmp(c->kwargs.v[i], name) == 0)
            return c->kwvalues.v[i];
    return NULL;
}

static bool matches_any(const hr_strs *globs, const char *chain)
{
    for (uint32_t i = 0; chain && i < globs->n; i++)
        if (hr_dotted_glob(globs->v[i], chain))
            return true;
    return false;
}

static bool span_within(hr_span in, hr_span out)
{
    return in.start_byte >= out.start_byte && in.end_byte <= out.end_byte;
}

/* A list of strings from `["a","b"]` (elements that are not strings: names
 * of `{name:"a"}` / `{attribute:"a"}` objects; anything else makes it empty). */
typedef struct strs_acc {
    hr_arena *a;
    const char *items[32];
    uint32_t n;
    bool bad;
} strs_acc;

static void acc_elem(const char *e, size_t len, void *vctx)
{
    strs_acc *s = vctx;
    char buf[NAME_LEN], str[NAME_LEN];
    if (len >= sizeof(buf) || s->n >= HR_ARRAY_LEN(s->items)) {
        s->bad = true;
        return;
    }
    memcpy(buf, e, len);
    buf[len] = 0;
    if (hr_value_string(str, sizeof(str), buf)) {
        s->items[s->n++] = hr_arena_strdup(s->a, str);
        return;
    }
    const char *name = buf[0] == '{' ? obj_string(s->a, buf, "name") : NULL;
    if (!name && buf[0] == '{')
        name = obj_string(s->a, buf, "attribute");
    if (name)
        s->items[s->n++] = name;
    else
        s->bad = true;
}

static hr_strs acc_take(strs_acc *s)
{
    hr_strs out = {NULL, 0};
    if (s->bad || !s->n)
        return out;
    out.v = hr_arena_array(s->a, s->n, sizeof(*out.v));
    memcpy(out.v, s->items, s->n * sizeof(*out.v));
    out.n = s->n;
    return out;
}

static hr_strs string_list(hr_arena *a, const char *v)
{
    strs_acc s = {.a = a};
    if (hr_js_list_each(v, acc_elem, &s) < 0)
        s.bad = true;
    return acc_take(&s);
}

/* ---- model structures ---- */

static hr_orm_column *find_col(hr_orm_model *om, const char *name)
{
    for (uint32_t i = 0; i < om->columns.len; i++) {
        hr_orm_column *c = &HR_VEC_AT(om->columns, hr_orm_column, i);
        if (strcmp(c->name, name) == 0 || strcmp(c->column, name) == 0)
            return c;
    }
    return NULL;
}

static hr_orm_column *add_col(jsctx *x, hr_orm_model *om, const char *name, const hr_file_model *m, hr_span span)
{
    hr_orm_column *c = find_col(om, name);
    if (c)
        return c;
    c = HR_VEC_PUSH(x->a, &om->columns, hr_orm_column);
    c->name = c->column = hr_arena_strdup(x->a, name);
    c->file = m;
    c->span = span;
    return c;
}

static void add_index(jsctx *x, hr_orm_model *om, hr_strs cols, bool unique, const hr_file_model *m, hr_span span)
{
    if (!cols.n)
        return;
    hr_orm_index *ix = HR_VEC_PUSH(x->a, &om->indexes, hr_orm_index);
    ix->columns = cols;
    ix->unique = unique;
    ix->file = m;
    ix->span = span;
}

static hr_orm_relation *add_rel(jsctx *x, hr_orm_model *om, const char *name, const jsm *target,
                                hr_orm_rel_kind kind, hr_orm_load load, const hr_file_model *m, hr_span span)
{
    for (uint32_t i = 0; i < om->relations.len; i++)
        if (strcmp(HR_VEC_AT(om->relations, hr_orm_relation, i).name, name) == 0)
            return NULL; /* the first declaration wins */
    hr_orm_relation *r = HR_VEC_PUSH(x->a, &om->relations, hr_orm_relation);
    r->name = r->query_name = hr_arena_strdup(x->a, name);
    r->target = target ? target->rec.model.qualname : NULL;
    r->kind = kind;
    r->load = load;
    r->file = m;
    r->span = span;
    return r;
}

static jsm *rec_at(jsctx *x, uint32_t i) { return &HR_VEC_AT(x->recs, jsm, i); }

static jsm *rec_of_class(jsctx *x, const hr_class *cls)
{
    for (uint32_t i = 0; cls && i < x->recs.len; i++)
        if (rec_at(x, i)->rec.model.cls == cls)
            return rec_at(x, i);
    return NULL;
}

/* The folder part of a module id ("src/models/order" -> "src/models/"). */
static size_t folder_len(const char *module)
{
    const char *slash = module ? strrchr(module, '/') : NULL;
    return slash ? (size_t)(slash - module) + 1 : 0;
}

/* A model by its name (alias or class name) as read in m: one in m first,
 * then one in m's folder, then the only one of the project. */
static jsm *rec_by_name(jsctx *x, const hr_file_model *m, const char *name, size_t n)
{
    jsm *same_file = NULL, *same_dir = NULL, *any = NULL;
    int dirs = 0, count = 0;
    size_t fl = folder_len(m->module);
    for (uint32_t i = 0; i < x->recs.len; i++) {
        jsm *r = rec_at(x, i);
        bool hit = (strlen(r->rec.model.name) == n && strncmp(r->rec.model.name, name, n) == 0) ||
                   (r->alias && strlen(r->alias) == n && strncmp(r->alias, name, n) == 0);
        if (!hit)
            continue;
        if (r->m == m)
            same_file = r;
        if (fl && folder_len(r->m->module) == fl && strncmp(r->m->module, m->module, fl) == 0) {
            same_dir = r;
            dirs++;
        }
        any = r;
        count++;
    }
    if (same_file)
        return same_file;
    if (dirs == 1)
        return same_dir;
    return count == 1 ? any : NULL;
}

/* The model a chain denotes in m (`Customer`, `models.Customer`, an import),
 * `resolved` saying whether it already went through m's imports. */
static jsm *rec_of_chain(jsctx *x, const hr_file_model *m, const char *chain, bool resolved)
{
    if (!chain || !*chain || strpbrk(chain, "([?\"{"))
        return NULL;
    char buf[NAME_LEN];
    if (resolved)
        snprintf(buf, sizeof(buf), "%s", chain);
    else if (!hr_resolve_ro(buf, sizeof(buf), m, chain))
        return NULL;
    const hr_class *cls = hr_project_class(x->p, m, buf, NULL);
    jsm *r = rec_of_class(x, cls);
    if (r || cls)
        return r;
    const char *last = strrchr(chain, '.');
    last = last ? last + 1 : chain;
    return rec_by_name(x, m, last, strlen(last));
}

/* The class whose method (or a function nested in one) fn is. */
static const hr_class *self_class(const hr_file_model *m, int32_t fn)
{
    for (int guard = 0; fn > 0 && guard < 64; guard++) {
        const hr_function *f = HR_FUNC(m, fn);
        if (f->class_index >= 0)
            return HR_CLASS(m, f->class_index);
        fn = f->parent;
    }
    return NULL;
}

/* The model a call's receiver is (`Order.init`, `this.belongsTo` in a static
 * method, `db.Order.hasMany`). */
static jsm *rec_of_receiver(jsctx *x, const hr_file_model *m, const hr_call *c)
{
    if (!c->receiver)
        return NULL;
    if (strcmp(c->receiver, "this") == 0)
        return rec_of_class(x, self_class(m, c->function));
    return rec_of_chain(x, m, c->receiver, true);
}

/* ---- pass 1: records ---- */

static bool is_own_class(const hr_file_model *m, const hr_class *cls)
{
    const hr_class *first = m->classes.data;
    return first && cls >= first && cls < first + m->classes.len;
}

static void add_rec(jsctx *x, const hr_kn_models *e, const hr_file_model *m, const hr_class *cls, int32_t def_call)
{
    if (rec_of_class(x, cls))
        return;
    jsm *r = HR_VEC_PUSH(x->a, &x->recs, jsm);
    r->rec.entry = e;
    r->rec.model.qualname = cls->qualname;
    r->rec.model.name = cls->name;
    r->rec.model.framework = e->framework;
    r->rec.model.style = e->style;
    r->rec.model.cls = cls;
    r->rec.model.file = m;
    r->m = m;
    r->def_call = def_call;
    char s[NAME_LEN];
    const hr_call *dc = def_call >= 0 ? HR_CALL(m, def_call) : NULL;
    if (dc && dc->argvalues.n && hr_value_string(s, sizeof(s), dc->argvalues.v[0]) && s[0]) {
        r->alias = hr_arena_strdup(x->a, s);
        r->rec.model.name = r->alias; /* `module.exports = define("OrderLine")` names it, not the file */
    }
}

/* The qualname a module-level factory assignment defines (as project.c's
 * factory_class names it), or NULL. */
static const char *factory_qualname(hr_arena *a, const hr_file_model *m, const char *target)
{
    const char *module = m->module ? m->module : "";
    const char *t = target;
    if (strncmp(t, "module.exports", 14) == 0 && (t[14] == 0 || t[14] == '.'))
        t = t[14] ? t + 15 : "";
    else if (strncmp(t, "exports.", 8) == 0)
        t += 8;
    if (strpbrk(t, ".[(") || strcmp(t, "?") == 0)
        return NULL;
    if (t[0] == 0 || strcmp(t, "default") == 0)
        return module[0] ? module : NULL;
    return module[0] ? hr_arena_printf(a, "%s.%s", module, t) : t;
}

/* A factory model assigned by (target, call ci, span): the synthesised class. */
static void factory_rec(jsctx *x, const hr_kn_models *e, const hr_file_model *m, const char *target, int32_t ci,
                        hr_span span)
{
    const char *q = factory_qualname(x->a, m, target);
    const hr_file_model *fm = NULL;
    const hr_class *cls = q ? hr_project_class(x->p, m, q, &fm) : NULL;
    if (!cls || fm != m || is_own_class(m, cls) || cls->span.start_byte != span.start_byte || !cls->bases.n ||
        !matches_any(&e->bases, cls->bases.v[0]))
        return;
    add_rec(x, e, m, cls, ci);
}

static void records_of(jsctx *x, const hr_kn_models *e, const hr_file_model *m)
{
    if (e->style == HR_KN_STYLE_TYPEORM) {
        for (uint32_t ci = 0; ci < m->classes.len; ci++) {
            const hr_class *cls = HR_CLASS(m, ci);
            for (uint32_t d = 0; d < cls->decorators.n; d++)
                if (matches_any(&e->decorators, cls->decorators.v[d])) {
                    add_rec(x, e, m, cls, -1);
                    break;
                }
        }
        return;
    }
    if (e->style == HR_KN_STYLE_SEQUELIZE)
        for (uint32_t ci = 0; ci < m->classes.len; ci++) {
            const hr_class *cls = HR_CLASS(m, ci);
            if (cls->bases.n && hr_project_class_derives(x->p, m, cls->qualname, &e->bases))
                add_rec(x, e, m, cls, -1);
        }
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *as = HR_ASSIGN(m, i);
        if (as->function == 0 && as->loop < 0 && as->value_call >= 0)
            factory_rec(x, e, m, as->target, as->value_call, as->span);
    }
    for (uint32_t i = 0; i < m->imports.len; i++) { /* export default mongoose.model(...) */
        const hr_import *imp = HR_IMPORT(m, i);
        if (!imp->reexport || strcmp(imp->local, "default") != 0)
            continue;
        int32_t best = -1;
        for (uint32_t c = 0; c < m->calls.len; c++) {
            const hr_call *call = HR_CALL(m, c);
            if (call->function != 0 || !span_within(call->span, imp->span))
                continue;
            if (best < 0 || call->span.end_byte - call->span.start_byte >
                                HR_CALL(m, best)->span.end_byte - HR_CALL(m, best)->span.start_byte)
                best = (int32_t)c;
        }
        if (best >= 0)
            factory_rec(x, e, m, "default", best, imp->span);
    }
}

/* ---- Sequelize ---- */

static bool is_bool_type(const char *v)
{
    return v && (hr_str_ends_with(v, ".BOOLEAN") || hr_str_ends_with(v, ".BOOLEAN()") || strcmp(v, "Boolean") == 0 ||
                 strcmp(v, "\"boolean\"") == 0 || strcmp(v, "\"bool\"") == 0 || strcmp(v, "boolean") == 0);
}

typedef struct attr_ctx {
    jsctx *x;
    jsm *r;
    const hr_call *c;
    const char *skip_obj; /* the options object: its keys are no attributes */
    bool skip_known;      /* no options text: skip Sequelize's option names */
    const char *group_names[16]; /* `unique: "name"` groups, in order */
    const char *group_cols[16][16];
    uint32_t group_n[16];
    uint32_t ngroups;
} attr_ctx;

static bool sequelize_option_name(const char *k)
{
    static const char *const names[] = {"sequelize", "modelName", "tableName", "indexes", "timestamps",
                                        "paranoid", "underscored", "freezeTableName", "schema", "hooks",
                                        "scopes", "defaultScope", "createdAt", "updatedAt", "deletedAt",
                                        "version", "engine", "charset", "comment", "validate", "name",
                                        "omitNull", "initialAutoIncrement", "collate"};
    for (size_t i = 0; i < HR_ARRAY_LEN(names); i++)
        if (strcmp(k, names[i]) == 0)
            return true;
    return false;
}

static void sequelize_attr(attr_ctx *ac, const char *key, const char *val)
{
    jsctx *x = ac->x;
    hr_orm_model *om = &ac->r->rec.model;
    const hr_kn_models *e = ac->r->rec.entry;
    if (!*key || strcmp(key, "?") == 0 || strcmp(key, "...") == 0 || key[0] == '[') /* [a.b]: computed */
        return;
    char tmp[NAME_LEN];
    if (ac->skip_obj && hr_js_object_get(tmp, sizeof(tmp), ac->skip_obj, key))
        return;
    if (ac->skip_known && sequelize_option_name(key))
        return;
    hr_orm_column *col = add_col(x, om, key, ac->r->m, ac->c->span);
    if (val[0] != '{') {
        if (is_bool_type(val))
            col->flags |= HR_COL_BOOL;
        return;
    }
    const char *field = obj_string(x->a, val, "field");
    if (field)
        col->column = field;
    if (obj_flag(val, &e->pk_flags))
        col->flags |= HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED;
    if (obj_flag(val, &e->unique_flags))
        col->flags |= HR_COL_UNIQUE;
    if (obj_flag(val, &e->index_flags))
        col->flags |= HR_COL_INDEXED;
    if (hr_js_object_get(tmp, sizeof(tmp), val, "references"))
        col->flags |= HR_COL_FK;
    if (hr_js_object_get(tmp, sizeof(tmp), val, "type") && is_bool_type(tmp))
        col->flags |= HR_COL_BOOL;
    for (uint32_t i = 0; i < e->unique_flags.n; i++) { /* unique: "group": a composite unique */
        const char *g = obj_string(x->a, val, e->unique_flags.v[i]);
        if (!g)
            continue;
        uint32_t k = 0;
        while (k < ac->ngroups && strcmp(ac->group_names[k], g) != 0)
            k++;
        if (k == ac->ngroups && ac->ngroups < HR_ARRAY_LEN(ac->group_names))
            ac->group_names[ac->ngroups++] = g;
        if (k < ac->ngroups && ac->group_n[k] < HR_ARRAY_LEN(ac->group_cols[k]))
            ac->group_cols[k][ac->group_n[k]++] = col->name;
    }
}

static void attr_member(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    char key[NAME_LEN], val[2048];
    if (kl >= sizeof(key) || vl >= sizeof(val))
        return;
    memcpy(key, k, kl);
    key[kl] = 0;
    memcpy(val, v, vl);
    val[vl] = 0;
    sequelize_attr(vctx, key, val);
}

typedef struct index_ctx {
    jsctx *x;
    jsm *r;
    const hr_call *c;
} index_ctx;

static void sequelize_index_elem(const char *e, size_t len, void *vctx)
{
    index_ctx *ic = vctx;
    char obj[2048], fields[1024], where[1024];
    if (len >= sizeof(obj))
        return;
    memcpy(obj, e, len);
    obj[len] = 0;
    if (obj[0] != '{' || hr_js_object_get(where, sizeof(where), obj, "where") ||
        !hr_js_object_get(fields, sizeof(fields), obj, "fields"))
        return; /* partial indexes serve only their condition */
    char u[16];
    bool unique = hr_js_object_get(u, sizeof(u), obj, "unique") && vt_true(u);
    add_index(ic->x, &ic->r->rec.model, string_list(ic->x->a, fields), unique, ic->r->m, ic->c->span);
}

static void sequelize_columns(jsctx *x, jsm *r)
{
    const hr_file_model *m = r->m;
    const hr_kn_models *e = r->rec.entry;
    hr_orm_model *om = &r->rec.model;
    const hr_call *c = NULL;
    uint32_t attrs_at = 0;
    if (r->def_call >= 0) {
        c = HR_CALL(m, r->def_call);
        if (!hr_strs_contains(&e->columns, c->name))
            c = NULL;
        attrs_at = 1;
    } else {
        for (uint32_t i = 0; i < m->calls.len && !c; i++) {
            const hr_call *k = HR_CALL(m, i);
            if (hr_strs_contains(&e->columns, k->name) && k->receiver && rec_of_receiver(x, m, k) == r)
                c = k;
        }
    }
    if (!c)
        return;
    const char *attrs = c->argvalues.n > attrs_at ? c->argvalues.v[attrs_at] : NULL;
    const char *opts = c->argvalues.n > attrs_at + 1 ? c->argvalues.v[attrs_at + 1] : NULL;
    if (opts && opts[0] != '{')
        opts = NULL;
    attr_ctx ac;
    memset(&ac, 0, sizeof(ac));
    ac.x = x;
    ac.r = r;
    ac.c = c;
    if (attrs && attrs[0] == '{') {
        hr_js_object_each(attrs, attr_member, &ac);
    } else {
        /* a long attribute object: its keys are the call's kwargs, less the options' */
        ac.skip_obj = opts;
        ac.skip_known = opts == NULL;
        for (uint32_t i = 0; i < c->kwargs.n && i < c->kwvalues.n; i++)
            sequelize_attr(&ac, c->kwargs.v[i], c->kwvalues.v[i]);
    }
    for (uint32_t g = 0; g < ac.ngroups; g++) {
        hr_strs cols = {hr_arena_array(x->a, ac.group_n[g], sizeof(char *)), ac.group_n[g]};
        memcpy(cols.v, ac.group_cols[g], ac.group_n[g] * sizeof(char *));
        add_index(x, om, cols, true, m, c->span);
    }
    char v[2048];
    bool timestamps = true, paranoid = false;
    if (opts) {
        for (uint32_t i = 0; i < e->indexes.n; i++)
            if (hr_js_object_get(v, sizeof(v), opts, e->indexes.v[i])) {
                index_ctx ic = {x, r, c};
                hr_js_list_each(v, sequelize_index_elem, &ic);
            }
        const char *t = obj_string(x->a, opts, "tableName");
        if (t)
            om->table = t;
        const char *mn = obj_string(x->a, opts, "modelName");
        if (mn && !r->alias)
            r->alias = mn;
        timestamps = !(hr_js_object_get(v, sizeof(v), opts, "timestamps") && strcmp(v, "false") == 0);
        paranoid = hr_js_object_get(v, sizeof(v), opts, "paranoid") && vt_true(v);
    }
    if (timestamps) {
        add_col(x, om, "createdAt", m, c->span);
        add_col(x, om, "updatedAt", m, c->span);
        if (paranoid)
            add_col(x, om, "deletedAt", m, c->span);
    }
}

static void sequelize_pk(jsctx *x, jsm *r)
{
    hr_orm_model *om = &r->rec.model;
    for (uint32_t i = 0; i < om->columns.len; i++)
        if (HR_VEC_AT(om->columns, hr_orm_column, i).flags & HR_COL_PK)
            return;
    hr_orm_column *c = HR_VEC_PUSH(x->a, &om->columns, hr_orm_column);
    c->name = c->column = "id";
    c->flags = HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED;
    c->file = r->m;
    c->span = om->cls->name_span;
}

/* Sequelize's plural of a model name, simplified: -y -> -ies, -s/-x/-ch/-sh -> -es. */
static const char *plural(hr_arena *a, const char *s)
{
    size_t n = strlen(s);
    if (n > 1 && s[n - 1] == 'y' && !strchr("aeiou", s[n - 2]))
        return hr_arena_printf(a, "%.*sies", (int)(n - 1), s);
    if (n && (s[n - 1] == 's' || s[n - 1] == 'x' || hr_str_ends_with(s, "ch") || hr_str_ends_with(s, "sh")))
        return hr_arena_printf(a, "%ses", s);
    return hr_arena_printf(a, "%ss", s);
}

static const char *name_of(const jsm *r) { return r->alias ? r->alias : r->rec.model.name; }

/* `foreignKey: "x"` or `foreignKey: {name: "x"}`. */
static const char *foreign_key(hr_arena *a, const char *opts)
{
    char v[NAME_LEN], s[NAME_LEN];
    if (!opts || !hr_js_object_get(v, sizeof(v), opts, "foreignKey"))
        return NULL;
    if (hr_value_string(s, sizeof(s), v))
        return hr_arena_strdup(a, s);
    return v[0] == '{' ? obj_string(a, v, "name") : NULL;
}

static void sequelize_associations(jsctx *x, hr_file_model *const *models, size_t n)
{
    for (size_t f = 0; f < n; f++) {
        const hr_file_model *m = models[f];
        if (!m || (HR_LANGBIT(m->lang) & HR_LANGS_JS) == 0)
            continue;
        for (uint32_t i = 0; i < m->calls.len; i++) {
            const hr_call *c = HR_CALL(m, i);
            if (!c->receiver || !c->argvalues.n || !c->name || c->name[0] == 0)
                continue;
            if (strcmp(c->name, "belongsTo") != 0 && strcmp(c->name, "hasOne") != 0 &&
                strcmp(c->name, "hasMany") != 0 && strcmp(c->name, "belongsToMany") != 0)
                continue; /* cheap filter; the knowledge decides below */
            jsm *owner = rec_of_receiver(x, m, c);
            if (!owner || owner->rec.model.style != HR_KN_STYLE_SEQUELIZE)
                continue;
            const hr_kn_models *e = owner->rec.entry;
            bool fk_here = hr_strs_contains(&e->foreign_keys, c->name);
            bool one = fk_here || hr_strs_contains(&e->one_to_one, c->name);
            bool many = hr_strs_contains(&e->relationships, c->name) || hr_strs_contains(&e->many_to_many, c->name);
            if (!one && !many)
                continue;
            jsm *target = rec_of_chain(x, m, c->argvalues.v[0], false);
            if (!target || target->rec.model.style != HR_KN_STYLE_SEQUELIZE)
                continue;
            const char *opts = c->argvalues.n > 1 && c->argvalues.v[1][0] == '{' ? c->argvalues.v[1] : NULL;
            const char *as = opts ? obj_string(x->a, opts, "as") : NULL;
            if (opts && !as) {
                char v[16];
                if (hr_js_object_get(v, sizeof(v), opts, "as"))
                    continue; /* as: {singular, plural} or a variable: not read */
            }
            const char *rname = as ? as : one ? name_of(target) : plural(x->a, name_of(target));
            hr_orm_relation *rel = add_rel(x, &owner->rec.model, rname, target, one ? HR_REL_TO_ONE : HR_REL_TO_MANY,
                                           HR_LOAD_NONE, m, c->span);
            if (!rel)
                continue;
            const char *fk = foreign_key(x->a, opts);
            if (fk_here) {
                if (!fk)
                    fk = hr_arena_printf(x->a, "%sId", rname);
                rel->fk_column = fk;
                hr_orm_column *col = add_col(x, &owner->rec.model, fk, m, c->span);
                col->flags |= HR_COL_FK;
            } else if (strcmp(c->name, "belongsToMany") != 0) {
                /* hasOne / hasMany: the key column is on the target */
                if (!fk)
                    fk = hr_arena_printf(x->a, "%sId", name_of(owner));
                hr_orm_column *col = add_col(x, &target->rec.model, fk, m, c->span);
                col->flags |= HR_COL_FK;
            }
        }
    }
}

/* ---- TypeORM ---- */

/* The model a relation decorator call points at: the `() => T` lambda's
 * return, or a string name. */
static jsm *typeorm_target(jsctx *x, const hr_file_model *m, const hr_call *c, const hr_field *fd)
{
    for (uint32_t i = 0; i < m->functions.len; i++) {
        const hr_function *fn = HR_FUNC(m, i);
        if (!(fn->flags & HR_FN_LAMBDA) || !span_within(fn->span, c->span))
            continue;
        for (uint32_t k = 0; k < m->returns.len; k++) {
            const hr_return *ret = HR_RETURN(m, k);
            if (ret->function == (int32_t)i && ret->value)
                return rec_of_chain(x, m, ret->value, true);
        }
        break;
    }
    char s[NAME_LEN];
    if (c->argvalues.n && hr_value_string(s, sizeof(s), c->argvalues.v[0]))
        return rec_by_name(x, m, s, strlen(s));
    (void)fd;
    return NULL;
}

static void typeorm_field(jsctx *x, jsm *r, const hr_file_model *m, const hr_field *fd)
{
    const hr_kn_models *e = r->rec.entry;
    hr_orm_model *om = &r->rec.model;
    const hr_call *rel_call = NULL, *col_call = NULL, *join = NULL;
    bool pk = false, indexed = false, unique_ix = false;
    uint32_t lo = 0, hi = m->calls.len; /* the first call starting in the field */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (HR_CALL(m, mid)->span.start_byte < fd->span.start_byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        if (c->span.start_byte >= fd->span.end_byte)
            break;
        if (!span_within(c->span, fd->span))
            continue;
        if (matches_any(&e->primary_keys, c->resolved)) {
            pk = true;
            col_call = c;
        } else if (matches_any(&e->foreign_keys, c->resolved) || matches_any(&e->one_to_one, c->resolved) ||
                   matches_any(&e->relationships, c->resolved) || matches_any(&e->many_to_many, c->resolved)) {
            if (!rel_call)
                rel_call = c;
        } else if (matches_any(&e->indexes, c->resolved)) {
            indexed = true;
            const char *u = kwvalue(c, "unique");
            unique_ix |= vt_true(u);
        } else if (strcmp(c->name, "JoinColumn") == 0) {
            join = c;
        } else if (matches_any(&e->columns, c->resolved)) {
            col_call = c;
        }
    }
    if (rel_call) {
        bool to_one = matches_any(&e->foreign_keys, rel_call->resolved) || matches_any(&e->one_to_one, rel_call->resolved);
        hr_orm_load load = HR_LOAD_NONE;
        bool eager = false;
        for (uint32_t k = 0; k < e->eager.n; k++)
            eager |= vt_true(kwvalue(rel_call, e->eager.v[k]));
        if (eager)
            load = HR_LOAD_EAGER;
        else if (vt_true(kwvalue(rel_call, "lazy")) || (fd->annotation && hr_str_starts_with(fd->annotation, "Promise<")))
            load = HR_LOAD_LAZY;
        jsm *target = typeorm_target(x, m, rel_call, fd);
        hr_orm_relation *rel = add_rel(x, om, fd->name, target, to_one ? HR_REL_TO_ONE : HR_REL_TO_MANY, load, m,
                                       fd->span);
        bool has_fk = matches_any(&e->foreign_keys, rel_call->resolved) ||
                      (matches_any(&e->one_to_one, rel_call->resolved) && join);
        if (rel && has_fk) {
            const char *name = join ? kwvalue(join, "name") : NULL;
            char s[NAME_LEN];
            rel->fk_column = name && hr_value_string(s, sizeof(s), name) ? hr_arena_strdup(x->a, s)
                                                                           : hr_arena_printf(x->a, "%sId", fd->name);
            hr_orm_column *col = find_col(om, rel->fk_column);
            if (col)
                col->flags |= HR_COL_FK;
        }
        return;
    }
    if (!col_call && !indexed)
        return;
    hr_orm_column *col = add_col(x, om, fd->name, m, fd->span);
    if (col_call) {
        char s[NAME_LEN];
        const char *name = kwvalue(col_call, "name");
        if (name && hr_value_string(s, sizeof(s), name))
            col->column = hr_arena_strdup(x->a, s);
        for (uint32_t k = 0; k < e->unique_flags.n; k++)
            if (vt_true(kwvalue(col_call, e->unique_flags.v[k])))
                col->flags |= HR_COL_UNIQUE;
        for (uint32_t k = 0; k < e->pk_flags.n; k++)
            pk |= vt_true(kwvalue(col_call, e->pk_flags.v[k]));
        const char *type = kwvalue(col_call, "type");
        if (is_bool_type(type) || (col_call->argvalues.n && is_bool_type(col_call->argvalues.v[0])))
            col->flags |= HR_COL_BOOL;
    }
    if (fd->annotation && strcmp(fd->annotation, "boolean") == 0)
        col->flags |= HR_COL_BOOL;
    if (pk)
        col->flags |= HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED;
    if (indexed)
        col->flags |= HR_COL_INDEXED | (unique_ix ? HR_COL_UNIQUE : 0);
}

/* Class decorator calls of cls (they precede its name), outermost first. */
static void typeorm_class_decorators(jsctx *x, jsm *r, const hr_file_model *m, const hr_class *cls)
{
    const hr_kn_models *e = r->rec.entry;
    hr_orm_model *om = &r->rec.model;
    uint32_t want = cls->decorators.n, got = 0;
    const hr_call *outer = NULL;
    /* the decorators lie between the class before it and its name */
    uint32_t lo = 0;
    for (uint32_t i = 0; i < m->classes.len; i++) {
        const hr_class *o = HR_CLASS(m, i);
        if (o != cls && o->span.end_byte <= cls->name_span.start_byte && o->span.end_byte > lo)
            lo = o->span.end_byte;
    }
    for (uint32_t i = m->calls.len; i-- > 0 && got < want;) {
        const hr_call *c = HR_CALL(m, i);
        if (c->span.end_byte > cls->name_span.start_byte)
            continue;
        if (c->span.start_byte < lo)
            break;
        if (outer && span_within(c->span, outer->span))
            continue; /* an argument of a decorator */
        if (c->function != cls->function || !hr_strs_contains(&cls->decorators, hr_arena_printf(x->a, "%s()", c->resolved)))
            continue;
        outer = c;
        got++;
        bool ix = matches_any(&e->indexes, c->resolved);
        bool uq = !ix && matches_any(&e->unique_constraints, c->resolved);
        if (ix || uq) {
            hr_strs cols = {NULL, 0};
            for (uint32_t k = 0; k < c->argvalues.n && !cols.n; k++)
                if (c->argvalues.v[k][0] == '[')
                    cols = string_list(x->a, c->argvalues.v[k]);
            add_index(x, om, cols, uq || vt_true(kwvalue(c, "unique")), m, c->span);
        } else if (matches_any(&e->decorators, hr_arena_printf(x->a, "%s()", c->resolved))) {
            char s[NAME_LEN];
            const char *t = c->argvalues.n ? c->argvalues.v[0] : NULL;
            if (t && hr_value_string(s, sizeof(s), t))
                om->table = hr_arena_strdup(x->a, s);
            else if ((t = kwvalue(c, "name")) && hr_value_string(s, sizeof(s), t))
                om->table = hr_arena_strdup(x->a, s);
        }
    }
}

static void typeorm_decls(jsctx *x, jsm *r)
{
    /* the class, then its project bases (abstract entities with shared columns) */
    const hr_class *cls = r->rec.model.cls;
    const hr_file_model *m = r->m;
    for (int depth = 0; cls && depth < INHERIT_MAX; depth++) {
        for (uint32_t k = 0; k < cls->fields.len; k++)
            typeorm_field(x, r, m, HR_FIELD(cls, k));
        typeorm_class_decorators(x, r, m, cls);
        if (!cls->bases.n)
            break;
        const hr_file_model *bm = NULL;
        const hr_class *bc = hr_project_class(x->p, m, cls->bases.v[0], &bm);
        if (!bc || bc == cls || !bm)
            break;
        cls = bc;
        m = bm;
    }
}

/* ---- Mongoose ---- */

/* The call a module-level variable of m is assigned from, or NULL. */
static const hr_call *module_var_call(const hr_file_model *m, const char *name)
{
    const hr_call *found = NULL;
    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *as = HR_ASSIGN(m, i);
        if (as->function != 0 || strcmp(as->target, name) != 0)
            continue;
        if (found || as->value_call < 0)
            return NULL;
        found = HR_CALL(m, as->value_call);
    }
    return found;
}

/* The Schema call of a mongoose model: inline, a variable of m, or one
 * imported from another project module. */
static const hr_call *mongoose_schema(jsctx *x, jsm *r, const hr_call *def)
{
    const hr_kn_models *e = r->rec.entry;
    const hr_file_model *m = r->m;
    const char *v = def->argvalues.n > 1 ? def->argvalues.v[1] : NULL;
    if (!v)
        return NULL;
    if (strcmp(v, "?") == 0 || strchr(v, '(')) {
        for (uint32_t i = 0; i < m->calls.len; i++) {
            const hr_call *c = HR_CALL(m, i);
            if (c != def && span_within(c->span, def->span) && matches_any(&e->columns, c->resolved))
                return c;
        }
        return NULL;
    }
    if (strpbrk(v, ".[\"{"))
        return NULL;
    const hr_call *c = module_var_call(m, v);
    const hr_file_model *sm = m;
    const char *var = v;
    char resolved[NAME_LEN];
    if (!c) {
        const char *dot;
        if (!hr_resolve_ro(resolved, sizeof(resolved), m, v) || !(dot = strrchr(resolved, '.')))
            return NULL;
        *(char *)dot = 0;
        sm = hr_project_module_file(x->p, resolved);
        var = dot + 1;
        c = sm ? module_var_call(sm, var) : NULL;
    }
    if (!c || !matches_any(&e->columns, c->resolved))
        return NULL;
    r->schema_var = hr_arena_strdup(x->a, var);
    r->schema_file = sm;
    return c;
}

typedef struct path_ctx {
    jsctx *x;
    jsm *r;
    const hr_call *c;
    const char *skip_obj;
} path_ctx;

static void mongoose_path(path_ctx *pc, const char *key, const char *val)
{
    jsctx *x = pc->x;
    jsm *r = pc->r;
    hr_orm_model *om = &r->rec.model;
    const hr_kn_models *e = r->rec.entry;
    char tmp[NAME_LEN];
    if (!*key || strcmp(key, "?") == 0 || strcmp(key, "...") == 0 || key[0] == '[' ||
        (pc->skip_obj && hr_js_object_get(tmp, sizeof(tmp), pc->skip_obj, key)))
        return;
    const hr_file_model *sm = r->schema_file ? r->schema_file : r->m;
    hr_orm_column *col = add_col(x, om, key, sm, pc->c->span);
    bool many = false;
    char inner[1024];
    const char *obj = val;
    if (val[0] == '[') { /* [{type, ref}] or [String] */
        many = true;
        size_t n = strlen(val);
        if (n < 2 || n - 2 >= sizeof(inner))
            return;
        memcpy(inner, val + 1, n - 2);
        inner[n - 2] = 0;
        obj = inner;
    }
    if (obj[0] != '{') {
        if (is_bool_type(obj))
            col->flags |= HR_COL_BOOL;
        return;
    }
    if (obj_flag(obj, &e->index_flags))
        col->flags |= HR_COL_INDEXED;
    if (obj_flag(obj, &e->unique_flags))
        col->flags |= HR_COL_UNIQUE | HR_COL_INDEXED;
    if (hr_js_object_get(tmp, sizeof(tmp), obj, "type") && is_bool_type(tmp))
        col->flags |= HR_COL_BOOL;
    const char *ref = obj_string(x->a, obj, "ref");
    if (!ref)
        return;
    jsm *target = rec_by_name(x, r->m, ref, strlen(ref));
    hr_orm_relation *rel = add_rel(x, om, key, target, many ? HR_REL_TO_MANY : HR_REL_TO_ONE, HR_LOAD_NONE, sm,
                                   pc->c->span);
    col->flags |= HR_COL_FK;
    if (rel && !many)
        rel->fk_column = col->name;
}

static void path_member(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    char key[NAME_LEN], val[2048];
    if (kl >= sizeof(key) || vl >= sizeof(val))
        return;
    memcpy(key, k, kl);
    key[kl] = 0;
    memcpy(val, v, vl);
    val[vl] = 0;
    mongoose_path(vctx, key, val);
}

typedef struct keys_acc {
    hr_arena *a;
    const char *items[32];
    uint32_t n;
    bool bad;
} keys_acc;

static void key_of(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    keys_acc *ka = vctx;
    (void)v;
    (void)vl;
    if (ka->n >= HR_ARRAY_LEN(ka->items) || !kl || memchr(k, '?', kl)) {
        ka->bad = true;
        return;
    }
    ka->items[ka->n++] = hr_arena_strndup(ka->a, k, kl);
}

static void mongoose_decls(jsctx *x, jsm *r)
{
    hr_orm_model *om = &r->rec.model;
    if (r->def_call < 0)
        return;
    const hr_call *def = HR_CALL(r->m, r->def_call);
    const hr_call *sc = mongoose_schema(x, r, def);
    const hr_file_model *sm = r->schema_file ? r->schema_file : r->m;
    hr_orm_column *id = HR_VEC_PUSH(x->a, &om->columns, hr_orm_column);
    id->name = id->column = "_id";
    id->flags = HR_COL_PK | HR_COL_UNIQUE | HR_COL_INDEXED;
    id->file = r->m;
    id->span = om->cls->name_span;
    if (!sc)
        return;
    const char *paths = sc->argvalues.n ? sc->argvalues.v[0] : NULL;
    const char *opts = sc->argvalues.n > 1 && sc->argvalues.v[1][0] == '{' ? sc->argvalues.v[1] : NULL;
    path_ctx pc = {x, r, sc, NULL};
    if (paths && paths[0] == '{') {
        hr_js_object_each(paths, path_member, &pc);
    } else {
        pc.skip_obj = opts;
        for (uint32_t i = 0; i < sc->kwargs.n && i < sc->kwvalues.n; i++)
            mongoose_path(&pc, sc->kwargs.v[i], sc->kwvalues.v[i]);
    }
    char v[16];
    if (opts && hr_js_object_get(v, sizeof(v), opts, "timestamps") && vt_true(v)) {
        add_col(x, om, "createdAt", sm, sc->span);
        add_col(x, om, "updatedAt", sm, sc->span);
    }
    /* schema.index({a: 1, b: -1}, {unique: true}) */
    for (uint32_t i = 0; r->schema_var && i < sm->calls.len; i++) {
        const hr_call *c = HR_CALL(sm, i);
        if (!c->receiver || strcmp(c->receiver, r->schema_var) != 0 || !hr_strs_contains(&r->rec.entry->indexes, c->name) ||
            !c->argvalues.n || c->argvalues.v[0][0] != '{')
            continue;
        keys_acc ka = {.a = x->a};
        hr_js_object_each(c->argvalues.v[0], key_of, &ka);
        if (ka.bad || !ka.n)
            continue;
        char u[16];
        bool unique = c->argvalues.n > 1 && hr_js_object_get(u, sizeof(u), c->argvalues.v[1], "unique") && vt_true(u);
        hr_strs cols = {hr_arena_array(x->a, ka.n, sizeof(char *)), ka.n};
        memcpy(cols.v, ka.items, ka.n * sizeof(char *));
        add_index(x, om, cols, unique, sm, c->span);
    }
}

/* ---- build ---- */

void hr_orm_js_build(const hr_project *p, hr_file_model *const *models, size_t n, const hr_knowledge *k,
                     hr_arena *a, hr_vec *out)
{
    jsctx x = {p, a, {0}};
    for (size_t f = 0; f < n; f++) {
        const hr_file_model *m = models[f];
        if (!m || (HR_LANGBIT(m->lang) & HR_LANGS_JS) == 0)
            continue;
        const hr_kn_lang *kl = &k->lang[m->lang];
        for (uint32_t ei = 0; ei < kl->models.len; ei++) {
            const hr_kn_models *e = &HR_VEC_AT(kl->models, hr_kn_models, ei);
            if (hr_kn_style_js(e->style))
                records_of(&x, e, m);
        }
    }
    for (uint32_t i = 0; i < x.recs.len; i++) {
        jsm *r = rec_at(&x, i);
        switch (r->rec.model.style) {
        case HR_KN_STYLE_SEQUELIZE:
            sequelize_columns(&x, r);
            break;
        case HR_KN_STYLE_TYPEORM:
            typeorm_decls(&x, r);
            break;
        case HR_KN_STYLE_MONGOOSE:
            mongoose_decls(&x, r);
            break;
        default:
            break;
        }
    }
    /* relations to models declared later: mongoose refs and TypeORM targets
     * resolve against every record, so a second look is not needed; Sequelize
     * associations are calls anywhere */
    sequelize_associations(&x, models, n);
    for (uint32_t i = 0; i < x.recs.len; i++) {
        jsm *r = rec_at(&x, i);
        if (r->rec.model.style == HR_KN_STYLE_SEQUELIZE)
            sequelize_pk(&x, r);
        *HR_VEC_PUSH(a, out, hr_orm_js_rec) = r->rec;
    }
}
