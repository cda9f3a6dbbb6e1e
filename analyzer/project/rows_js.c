/* rows_js.c - what a JS/TS query yields: the repository a TypeORM query runs
 * on, and what Sequelize, TypeORM and Mongoose queries load with their rows.
 *
 * rows.c reads a query as the chain of its calls; for models of a JS style it
 * asks here for the model behind a repository (the chain's root is not the
 * model itself) and for what each call loads:
 *   - Sequelize: `include: [Customer]`, `include: [{model: Customer, as,
 *     include: [...]}]`, `include: "customer"`, `{association: "x"}`,
 *     `{all: true}`. Options passed as a variable may include anything.
 *   - TypeORM: `relations: ["customer", "lines.product"]` or `{customer:
 *     true}`, and `leftJoinAndSelect("o.customer", ...)` on the builder's own
 *     alias (a join on another alias is not followed: loads unknown).
 *   - Mongoose: `.populate("author")`, `"a b"`, `["a"]`, `{path, populate}`.
 * Paths use rows.c's "a__b" form. */
#include "catalogue_js.h"

#include <stdio.h>
#include <string.h>

enum { NAME_LEN = 512, INCLUDE_DEPTH = 4 };

static void add_loaded(hr_rows *r, const char *path)
{
    if (!path || !*path)
        return;
    for (uint32_t i = 0; i < r->nloaded; i++)
        if (strcmp(hr_rows_path(r, i), path) == 0)
            return;
    size_t n = strlen(path);
    if (r->nloaded >= HR_ROWS_LOADED_MAX || r->text_len + n + 1 > HR_ROWS_TEXT_MAX) {
        r->loads_unknown = true;
        return;
    }
    memcpy(r->text + r->text_len, path, n + 1);
    r->loaded[r->nloaded++] = (uint16_t)r->text_len;
    r->text_len += (uint32_t)n + 1;
}

static const char *kwvalue(const hr_call *c, const char *name)
{
    for (uint32_t i = 0; i < c->kwargs.n && i < c->kwvalues.n; i++)
        if (strcmp(c->kwargs.v[i], name) == 0)
            return c->kwvalues.v[i];
    return NULL;
}

static bool has_kwarg(const hr_call *c, const char *name)
{
    return hr_strs_contains(&c->kwargs, name);
}

/* A model named by a value text read in m (`Customer`, `models.Customer`). */
static const hr_orm_model *model_of_text(const hr_project *p, const hr_file_model *m, const char *v)
{
    char resolved[NAME_LEN];
    if (!v || strpbrk(v, "([?\"{") || !*v || !hr_resolve_ro(resolved, sizeof(resolved), m, v))
        return NULL;
    const hr_orm_model *om = hr_project_orm_model(p, m, resolved);
    if (om)
        return om;
    /* db.Customer / models.Customer (sequelize-cli): the only model of that name */
    const char *last = strrchr(v, '.');
    if (!last)
        return NULL;
    last++;
    const hr_orm_model *found = NULL;
    for (size_t i = 0; i < hr_project_orm_count(p); i++) {
        const hr_orm_model *c = hr_project_orm_at(p, i);
        if (hr_kn_style_js(c->style) && strcmp(c->name, last) == 0) {
            if (found)
                return NULL;
            found = c;
        }
    }
    return found;
}

static bool join_path(char *out, size_t cap, const char *prefix, const char *name, size_t n)
{
    int w = snprintf(out, cap, "%s%s%.*s", prefix, *prefix ? "__" : "", (int)n, name);
    return w >= 0 && (size_t)w < cap;
}

/* ---- Sequelize include ---- */

typedef struct inc_ctx {
    const hr_project *p;
    const hr_file_model *m;
    hr_rows *r;
    const hr_orm_model *om; /* the model the include is on */
    const char *prefix;     /* its path from the rows' model */
    int depth;
} inc_ctx;

static void include_value(inc_ctx *ic, const char *v);

static void include_name(inc_ctx *ic, const char *name, size_t n, const char *nested)
{
    const hr_orm_relation *rel = NULL;
    for (uint32_t i = 0; i < ic->om->relations.len && !rel; i++) {
        const hr_orm_relation *k = &HR_VEC_AT(ic->om->relations, hr_orm_relation, i);
        if (strlen(k->name) == n && strncmp(k->name, name, n) == 0)
            rel = k;
    }
    char path[NAME_LEN];
    if (!rel || !join_path(path, sizeof(path), ic->prefix, name, n)) {
        ic->r->loads_unknown = true;
        return;
    }
    add_loaded(ic->r, path);
    if (nested && ic->depth < INCLUDE_DEPTH) {
        const hr_orm_model *tm = rel->target ? hr_project_orm_by_qualname(ic->p, rel->target) : NULL;
        if (!tm) {
            ic->r->loads_unknown = true;
            return;
        }
        inc_ctx sub = {ic->p, ic->m, ic->r, tm, path, ic->depth + 1};
        include_value(&sub, nested);
    }
}

/* include of a model: the relation of om pointing at it (the first one). */
static void include_model(inc_ctx *ic, const char *chain, const char *as, const char *nested)
{
    if (as) {
        include_name(ic, as, strlen(as), nested);
        return;
    }
    const hr_orm_model *tm = model_of_text(ic->p, ic->m, chain);
    for (uint32_t i = 0; tm && i < ic->om->relations.len; i++) {
        const hr_orm_relation *k = &HR_VEC_AT(ic->om->relations, hr_orm_relation, i);
        if (k->target && strcmp(k->target, tm->qualname) == 0) {
            include_name(ic, k->name, strlen(k->name), nested);
            return;
        }
    }
    ic->r->loads_unknown = true;
}

static void include_elem(const char *e, size_t len, void *vctx)
{
    inc_ctx *ic = vctx;
    char buf[2048], s[NAME_LEN];
    if (len >= sizeof(buf)) {
        ic->r->loads_unknown = true;
        return;
    }
    memcpy(buf, e, len);
    buf[len] = 0;
    if (hr_value_string(s, sizeof(s), buf)) {
        include_name(ic, s, strlen(s), NULL);
        return;
    }
    if (buf[0] != '{') {
        include_model(ic, buf, NULL, NULL);
        return;
    }
    char v[2048], model[NAME_LEN], nested[2048];
    if (hr_js_object_get(v, sizeof(v), buf, "all") && strcmp(v, "true") == 0) {
        ic->r->all_to_one = true;
        for (uint32_t i = 0; i < ic->om->relations.len; i++) {
            const hr_orm_relation *k = &HR_VEC_AT(ic->om->relations, hr_orm_relation, i);
            char path[NAME_LEN];
            if (join_path(path, sizeof(path), ic->prefix, k->name, strlen(k->name)))
                add_loaded(ic->r, path);
        }
        return;
    }
    const char *nest = hr_js_object_get(nested, sizeof(nested), buf, "include") ? nested : NULL;
    const char *as = NULL;
    if (hr_js_object_get(v, sizeof(v), buf, "as") || hr_js_object_get(v, sizeof(v), buf, "association")) {
        if (!hr_value_string(s, sizeof(s), v)) {
            ic->r->loads_unknown = true; /* association: Order.associations.customer */
            return;
        }
        as = s;
    }
    if (!as && !hr_js_object_get(model, sizeof(model), buf, "model")) {
        ic->r->loads_unknown = true;
        return;
    }
    include_model(ic, as ? NULL : model, as, nest);
}

static void include_value(inc_ctx *ic, const char *v)
{
    if (!v)
        return;
    if (v[0] == '[') {
        if (hr_js_list_each(v, include_elem, ic) < 0)
            ic->r->loads_unknown = true;
    } else {
        include_elem(v, strlen(v), ic);
    }
}

/* ---- TypeORM relations ---- */

static void relations_path(hr_rows *r, const char *dotted)
{
    char path[NAME_LEN];
    size_t o = 0;
    for (const char *s = dotted; *s && o + 3 < sizeof(path); s++) {
        if (*s == '.') {
            path[o++] = '_';
            path[o++] = '_';
        } else {
            path[o++] = *s;
        }
    }
    path[o] = 0;
    add_loaded(r, path);
}

typedef struct rel_ctx {
    hr_rows *r;
    const char *prefix;
    int depth;
} rel_ctx;

static void relations_value(rel_ctx *rc, const char *v);

static void relations_elem(const char *e, size_t len, void *vctx)
{
    rel_ctx *rc = vctx;
    char buf[NAME_LEN], s[NAME_LEN], path[NAME_LEN];
    if (len >= sizeof(buf)) {
        rc->r->loads_unknown = true;
        return;
    }
    memcpy(buf, e, len);
    buf[len] = 0;
    if (!hr_value_string(s, sizeof(s), buf) || !join_path(path, sizeof(path), rc->prefix, s, strlen(s))) {
        rc->r->loads_unknown = true;
        return;
    }
    relations_path(rc->r, path);
}

static void relations_member(const char *k, size_t kl, const char *v, size_t vl, void *vctx)
{
    rel_ctx *rc = vctx;
    char path[NAME_LEN], val[1024];
    if (vl >= sizeof(val) || !join_path(path, sizeof(path), rc->prefix, k, kl)) {
        rc->r->loads_unknown = true;
        return;
    }
    memcpy(val, v, vl);
    val[vl] = 0;
    if (strcmp(val, "false") == 0)
        return;
    add_loaded(rc->r, path);
    if (val[0] == '{' && rc->depth < INCLUDE_DEPTH) {
        rel_ctx sub = {rc->r, path, rc->depth + 1};
        relations_value(&sub, val);
    } else if (strcmp(val, "true") != 0) {
        rc->r->loads_unknown = true;
    }
}

static void relations_value(rel_ctx *rc, const char *v)
{
    int n = -1;
    if (v[0] == '[')
        n = hr_js_list_each(v, relations_elem, rc);
    else if (v[0] == '{')
        n = hr_js_object_each(v, relations_member, rc);
    if (n < 0)
        rc->r->loads_unknown = true;
}

/* The alias a query builder chain was created with: the argument of the
 * createQueryBuilder() link below ci. */
static bool builder_alias(char *out, size_t cap, const hr_file_model *m, int32_t ci)
{
    for (int guard = 0; ci >= 0 && guard < 32; guard++, ci = HR_CALL(m, ci)->receiver_call) {
        const hr_call *c = HR_CALL(m, ci);
        if (strcmp(c->name, "createQueryBuilder") == 0)
            return c->argvalues.n && hr_value_string(out, cap, c->argvalues.v[c->argvalues.n - 1]);
    }
    return false;
}

/* ---- Mongoose populate ---- */

static void populate_string(hr_rows *r, const char *s)
{
    char one[NAME_LEN];
    while (*s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (n && n < sizeof(one)) {
            memcpy(one, s, n);
            one[n] = 0;
            relations_path(r, one);
        }
        s += n;
    }
}

static void populate_value(hr_rows *r, const char *v, const char *prefix, int depth);

static void populate_elem(const char *e, size_t len, void *vctx)
{
    hr_rows *r = vctx;
    char buf[1024];
    if (len >= sizeof(buf)) {
        r->loads_unknown = true;
        return;
    }
    memcpy(buf, e, len);
    buf[len] = 0;
    populate_value(r, buf, "", 0);
}

static void populate_value(hr_rows *r, const char *v, const char *prefix, int depth)
{
    char s[NAME_LEN], path[NAME_LEN];
    if (hr_value_string(s, sizeof(s), v)) {
        if (*prefix) {
            if (join_path(path, sizeof(path), prefix, s, strlen(s)))
                relations_path(r, path);
        } else {
            populate_string(r, s);
        }
        return;
    }
    if (v[0] == '[' && !*prefix) {
        if (hr_js_list_each(v, populate_elem, r) < 0)
            r->loads_unknown = true;
        return;
    }
    char p[NAME_LEN], nested[1024];
    if (v[0] == '{' && hr_js_object_get(p, sizeof(p), v, "path") && hr_value_string(s, sizeof(s), p) &&
        join_path(path, sizeof(path), prefix, s, strlen(s))) {
        relations_path(r, path);
        if (depth < INCLUDE_DEPTH && hr_js_object_get(nested, sizeof(nested), v, "populate")) {
            char dotted[NAME_LEN];
            snprintf(dotted, sizeof(dotted), "%s", path);
            populate_value(r, nested, dotted, depth + 1);
        }
        return;
    }
    r->loads_unknown = true;
}

/* ---- entry points ---- */

void hr_rows_js_loads(const hr_project *p, const hr_file_model *m, int32_t ci, hr_rows *r)
{
    const hr_call *c = HR_CALL(m, ci);
    const hr_orm_model *om = r->model;
    const char *opts = c->argvalues.n ? c->argvalues.v[c->argvalues.n - 1] : NULL;
    switch (om->style) {
    case HR_KN_STYLE_SEQUELIZE: {
        if (strcmp(c->name, "scope") == 0) {
            r->loads_unknown = true; /* a scope may include anything */
            return;
        }
        if (!hr_str_starts_with(c->name, "find"))
            return;
        bool by_pk = strcmp(c->name, "findByPk") == 0;
        if (opts && opts[0] != '{' && !(by_pk && c->argvalues.n == 1)) {
            r->loads_unknown = true; /* options in a variable */
            return;
        }
        if (has_kwarg(c, "..."))
            r->loads_unknown = true;
        const char *inc = kwvalue(c, "include");
        if (inc) {
            inc_ctx ic = {p, m, r, om, "", 0};
            include_value(&ic, inc);
        }
        return;
    }
    case HR_KN_STYLE_TYPEORM: {
        bool takes_options = strcmp(c->name, "find") == 0 || strcmp(c->name, "findOne") == 0 ||
                             strcmp(c->name, "findAndCount") == 0 || strcmp(c->name, "findOneOrFail") == 0;
        if (takes_options) {
            if (opts && opts[0] != '{' && !model_of_text(p, m, opts)) {
                r->loads_unknown = true;
                return;
            }
            if (has_kwarg(c, "..."))
                r->loads_unknown = true;
            const char *rel = kwvalue(c, "relations");
            if (rel) {
                rel_ctx rc = {r, "", 0};
                relations_value(&rc, rel);
            }
            return;
        }
        if (hr_str_ends_with(c->name, "JoinAndSelect")) {
            char alias[NAME_LEN], s[NAME_LEN];
            const char *dot;
            if (!builder_alias(alias, sizeof(alias), m, ci) || !c->argvalues.n ||
                !hr_value_string(s, sizeof(s), c->argvalues.v[0]) || !(dot = strchr(s, '.')) ||
                (size_t)(dot - s) != strlen(alias) || strncmp(s, alias, strlen(alias)) != 0 || strchr(dot + 1, '.')) {
                r->loads_unknown = true; /* a join on a joined alias, or an entity join */
                return;
            }
            add_loaded(r, dot + 1);
        }
        return;
    }
    case HR_KN_STYLE_MONGOOSE:
        if (strcmp(c->name, "populate") == 0) {
            if (!c->argvalues.n)
                r->loads_unknown = true;
            for (uint32_t k = 0; k < c->argvalues.n && k < 1; k++)
                populate_value(r, c->argvalues.v[k], "", 0);
        }
        return;
    default:
        return;
    }
}

/* `Repository<Order>` (also `Repository<Order> | null`, `TreeRepository<T>`). */
static bool repository_type(char *out, size_t cap, const char *type)
{
    if (!type)
        return false;
    const char *lt = strchr(type, '<');
    if (!lt || lt - type < 10 || strncmp(lt - 10, "Repository", 10) != 0)
        return false;
    const char *s = lt + 1;
    size_t n = strcspn(s, "<>|,[");
    if (!n || s[n] != '>' || n >= cap)
        return false;
    memcpy(out, s, n);
    out[n] = 0;
    return true;
}

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

/* The type text of parameter `name` of function fn, or NULL. */
static const char *param_type(const hr_file_model *m, int32_t fn, const char *name)
{
    const hr_function *f = HR_FUNC(m, fn);
    for (uint32_t i = 0; i < f->params.n && i < f->param_types.n; i++)
        if (strcmp(f->params.v[i], name) == 0)
            return f->param_types.v[i];
    return NULL;
}

/* The type text of `this.name` in the class of fn: a field's annotation or a
 * constructor parameter property (`constructor(private repo: Repository<T>)`). */
static const char *member_type(const hr_file_model *m, int32_t fn, const char *name)
{
    const hr_class *cls = self_class(m, fn);
    if (!cls)
        return NULL;
    for (uint32_t i = 0; i < cls->fields.len; i++) {
        const hr_field *fd = HR_FIELD(cls, i);
        if (strcmp(fd->name, name) == 0 && fd->annotation)
            return fd->annotation;
    }
    int32_t ci = (int32_t)(cls - (const hr_class *)m->classes.data);
    for (uint32_t i = 0; i < m->functions.len; i++) {
        const hr_function *f = HR_FUNC(m, i);
        if (f->class_index == ci && strcmp(f->name, "constructor") == 0)
            return param_type(m, (int32_t)i, name);
    }
    return NULL;
}

static bool is_repository_call(const char *name)
{
    return strcmp(name, "getRepository") == 0 || strcmp(name, "getTreeRepository") == 0 ||
           strcmp(name, "getMongoRepository") == 0;
}

static const hr_orm_model *typeorm_only(const hr_orm_model *om)
{
    return om && om->style == HR_KN_STYLE_TYPEORM ? om : NULL;
}

const hr_orm_model *hr_rows_js_root(const hr_project *p, const hr_file_model *m, int32_t fn, int32_t call)
{
    if ((HR_LANGBIT(m->lang) & HR_LANGS_JS) == 0 || call < 0)
        return NULL;
    const hr_call *c = HR_CALL(m, call);
    /* dataSource.getRepository(Order).find(...): the root is getRepository */
    if (is_repository_call(c->name) && c->argvalues.n)
        return typeorm_only(model_of_text(p, m, c->argvalues.v[0]));
    /* manager.find(Order, {...}): an entity manager's finders name the entity first */
    static const char *const finders[] = {"find", "findOne", "findBy", "findOneBy", "findAndCount",
                                          "findAndCountBy", "findOneOrFail", "findOneByOrFail", "count",
                                          "countBy", "exists", "existsBy", "createQueryBuilder"};
    bool finder = false;
    for (size_t i = 0; i < HR_ARRAY_LEN(finders) && !finder; i++)
        finder = strcmp(c->name, finders[i]) == 0;
    if (finder && c->argvalues.n >= 1 && c->receiver) {
        const hr_orm_model *om = typeorm_only(model_of_text(p, m, c->argvalues.v[0]));
        if (om)
            return om;
    }
    if (!c->receiver)
        return NULL;
    char name[NAME_LEN], resolved[NAME_LEN];
    const char *type = NULL;
    const char *recv = c->receiver;
    if (hr_str_starts_with(recv, "this.") && !strpbrk(recv + 5, ".([")) {
        type = member_type(m, fn, recv + 5);
    } else if (!strpbrk(recv, ".([")) {
        type = param_type(m, fn, recv);
        if (!type) {
            /* const repo = dataSource.getRepository(Order), in scope or at module level */
            const hr_file_model *vf = NULL;
            int32_t vc = hr_project_root_call(p, m, fn, recv, &vf);
            if (vc >= 0 && vf) {
                const hr_call *rc = HR_CALL(vf, vc);
                if (is_repository_call(rc->name) && rc->argvalues.n)
                    return typeorm_only(model_of_text(p, vf, rc->argvalues.v[0]));
            }
        }
    }
    if (!repository_type(name, sizeof(name), type) || !hr_resolve_ro(resolved, sizeof(resolved), m, name))
        return NULL;
    return typeorm_only(hr_project_orm_model(p, m, resolved));
}
