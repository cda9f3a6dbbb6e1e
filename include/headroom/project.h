/* project.h - the project phase: what is known across files.
 *
 * Built once after every file is lowered, read-only afterwards. It owns a
 * catalogue of classes by qualified name (with their file model), resolves
 * class hierarchies through the project, and classifies calls against the
 * knowledge (is this call a query? does it build one lazily?).
 * It does not own the file models it indexes. */
#ifndef HEADROOM_PROJECT_H
#define HEADROOM_PROJECT_H

#include "headroom/finding.h"
#include "headroom/knowledge.h"
#include "headroom/model.h"

typedef struct hr_project hr_project;

/* models[i] is the lowering of sources[i] (NULL when the file was skipped).
 * Neither array is copied: both must outlive the project. */
hr_project *hr_project_build(hr_file_model *const *models, const hr_source *sources, size_t n,
                             const hr_knowledge *k);
/* The same on up to `jobs` threads (the summaries' per-file scan; the gauges
 * beside the request paths). The project is the same whatever `jobs` is;
 * hr_project_build is jobs = 1. */
hr_project *hr_project_build_jobs(hr_file_model *const *models, const hr_source *sources, size_t n,
                                  const hr_knowledge *k, int jobs);
void hr_project_free(hr_project *p);

/* The source a model was lowered from (for locations in other files). */
const hr_source *hr_project_source(const hr_project *p, const hr_file_model *m);
/* The model lowered from source s (one of the run's sources), or NULL when the
 * file was skipped or s is not one of them. */
const hr_file_model *hr_project_model_of(const hr_project *p, const hr_source *s);

/* The class a name denotes when read in file m: `name` is a resolved chain
 * such as "app.models.Order" or a local "Order". NULL when unknown.
 * *out_model is set to the file that defines it. */
const hr_class *hr_project_class(const hr_project *p, const hr_file_model *m, const char *name,
                                 const hr_file_model **out_model);

/* Whether a class (as above) derives, directly or through project classes,
 * from a base matching one of `bases` (dotted globs). Depth-limited. */
bool hr_project_class_derives(const hr_project *p, const hr_file_model *m, const char *name,
                              const hr_strs *bases);

typedef enum hr_query_kind {
    HR_QUERY_NONE = 0,
    HR_QUERY_EXECUTE,  /* runs a query when called */
    HR_QUERY_LAZY,     /* builds a query that runs when iterated or evaluated */
} hr_query_kind;

typedef struct hr_query_match {
    hr_query_kind kind;
    bool write;                 /* the method writes (create/update/delete/save) */
    bool bulk;                  /* the method takes many rows at once (bulk_create) */
    const hr_kn_query *entry;   /* the knowledge entry that matched */
    bool via_evaluator;         /* e.g. len(qs): a lazy query forced by an evaluator */
} hr_query_match;

/* Classifies call `index` of file m. Looks through local variables assigned
 * once in the same function (`qs = Order.objects.filter(); len(qs)`). */
hr_query_match hr_project_classify_call(const hr_project *p, const hr_file_model *m, int32_t index);

/* Classifies an expression chain read in function `function` of file m: a
 * call chain ("Order.objects.filter()") or a local variable name holding one
 * (assigned once in that function). Used for loops over a variable. */
hr_query_match hr_project_classify_value(const hr_project *p, const hr_file_model *m,
                                         int32_t function, const char *chain);

/* ---- the ORM model catalogue (analyzer/project/catalogue.c) ----
 *
 * Every class of the project that derives (through project classes, or a
 * variable such as `Base = declarative_base()`) from a base listed under
 * `models:` in the knowledge, with its columns, relations and indexes.
 * Inherited declarations (abstract bases, mixins that are models) are
 * included; Django reverse accessors (`related_name`, `<model>_set`) and
 * SQLAlchemy backrefs are added to the model they appear on. The style
 * (hr_kn_style) decides how declarations read; further styles (Sequelize,
 * TypeORM, Prisma schema files, SQL migrations) fill the same structures.
 * Everything is owned by the project. */

typedef enum hr_orm_col_flags {
    HR_COL_PK = 1 << 0,      /* the primary key (Django/Peewee `id` when none is declared) */
    HR_COL_UNIQUE = 1 << 1,  /* unique=True, OneToOne */
    HR_COL_INDEXED = 1 << 2, /* db_index=True / index=True, or an FK column Django/Peewee index */
    HR_COL_FK = 1 << 3,      /* holds a foreign key */
    HR_COL_BOOL = 1 << 4,    /* a boolean: too few distinct values for an index to help */
} hr_orm_col_flags;

typedef struct hr_orm_column {
    const char *name;        /* attribute: "customer" for a Django FK, "email" */
    const char *column;      /* what a query filters on without a join: "customer_id", "email" */
    uint32_t flags;          /* hr_orm_col_flags */
    const hr_file_model *file; /* where it is declared (a base class's file when inherited) */
    hr_span span;
} hr_orm_column;

typedef enum hr_orm_rel_kind {
    HR_REL_TO_ONE = 1,       /* row.rel is one object: FK forward, one-to-one, many-to-one */
    HR_REL_TO_MANY,          /* row.rel is a collection or related manager */
} hr_orm_rel_kind;

typedef enum hr_orm_load {
    HR_LOAD_LAZY = 0,        /* loaded by a query on first access */
    HR_LOAD_EAGER,           /* loaded with the row (SQLAlchemy lazy="joined"/"selectin"...) */
    HR_LOAD_NONE,            /* never loaded implicitly (lazy="raise"/"noload") */
    HR_LOAD_DYNAMIC,         /* the attribute is a query (lazy="dynamic"/"write_only") */
} hr_orm_load;

typedef struct hr_orm_relation {
    const char *name;        /* accessor on this model: "customer", "orders", "order_set" */
    const char *query_name;  /* the name lookups use (`filter(order__x=...)`), usually name */
    const char *target;      /* qualname of the related model, NULL when unresolved */
    const char *fk_column;   /* the local column read without a load ("customer_id"), or NULL */
    hr_orm_rel_kind kind;
    hr_orm_load load;
    bool reverse;            /* declared on the other model (related_name, backref) */
    const hr_file_model *file; /* the declaration */
    hr_span span;
} hr_orm_relation;

typedef struct hr_orm_index {
    hr_strs columns;         /* attribute or column names, leading column first */
    bool unique;
    const hr_file_model *file;
    hr_span span;
} hr_orm_index;

typedef struct hr_orm_model {
    const char *qualname;
    const char *name;
    const char *framework;   /* "django", "sqlalchemy", "peewee" */
    hr_kn_style style;
    const hr_class *cls;
    const hr_file_model *file;
    bool abstract;           /* Meta.abstract / __abstract__ / a declarative base itself */
    const char *table;       /* __tablename__ / Meta.db_table / Meta.table_name, or NULL */
    hr_vec columns;          /* hr_orm_column */
    hr_vec relations;        /* hr_orm_relation */
    hr_vec indexes;          /* hr_orm_index (composite and single; pk/unique columns are flags) */
    hr_strs ordering;        /* Meta.ordering, '-' stripped */
    /* Schema files (analyzer/project/schema.c): a Prisma model ("prisma:User",
     * framework "prisma") or an SQL table ("sql:users", framework "sql") has
     * cls NULL, style 0 and file the schema file's (empty) model; span is its
     * name there. Zero for models declared by classes (use cls->name_span). */
    hr_span span;
    /* Schema files: a file that declares this model (a Prisma file), or any
     * SQL file (migrations build on each other), had parse errors, so
     * declarations may be missing: rules stay quiet about this model. */
    bool incomplete;
} hr_orm_model;

/* The model a class name denotes when read in file m (as hr_project_class). */
const hr_orm_model *hr_project_orm_model(const hr_project *p, const hr_file_model *m, const char *name);
/* By qualified name (hr_orm_relation.target). */
const hr_orm_model *hr_project_orm_by_qualname(const hr_project *p, const char *qualname);
/* The model of a class (NULL when it is not one). */
const hr_orm_model *hr_project_orm_of_class(const hr_project *p, const hr_class *cls);
size_t hr_project_orm_count(const hr_project *p);
const hr_orm_model *hr_project_orm_at(const hr_project *p, size_t i); /* sorted by qualname */

const hr_orm_relation *hr_orm_find_relation(const hr_orm_model *om, const char *name);
/* A relation by the name lookups use (`customer` in `customer__name`). */
const hr_orm_relation *hr_orm_find_query_relation(const hr_orm_model *om, const char *name);
/* A column by attribute or column name ("customer" or "customer_id"); "pk" is the primary key. */
const hr_orm_column *hr_orm_find_column(const hr_orm_model *om, const char *name);
/* Whether an index can serve a filter on `name` (attribute or column): the
 * primary key, a unique or indexed column, or the leading column of an index
 * or unique constraint. */
bool hr_orm_column_indexed(const hr_orm_model *om, const char *name);

/* ---- schema files (analyzer/project/schema.c; include/headroom/schema.h) ---- */

/* The table a model maps to: om->table, else Django's default
 * `<app label>_<model>` ("shop_order" for shop.models.Order); false when
 * unknown. */
bool hr_orm_table_name(char *out, size_t cap, const hr_orm_model *om);
/* The schema files' model of table `table` (case-insensitive, without its
 * schema): the SQL table the SQL files create, else the Prisma model mapped to
 * it; NULL when no schema file declares it. */
const hr_orm_model *hr_project_schema_table(const hr_project *p, const char *table);
/* Whether an index serves a filter on `column` of schema model om: om's own
 * keys and indexes (hr_orm_column_indexed), or those of any code model mapped
 * to the same table (Django db_index=True on the model of that table). */
bool hr_project_schema_column_indexed(const hr_project *p, const hr_orm_model *om, const char *column);
/* The Prisma model a client accessor names (`prisma.orderItem` is model
 * OrderItem: the name with its first letter lowercased), or NULL. */
const hr_orm_model *hr_project_prisma_model(const hr_project *p, const char *accessor);

/* Writes the catalogue as text, one line per model, column, relation and
 * index, for tests (tests/project/). */
void hr_project_dump_orm(hr_buf *out, const hr_project *p);

/* JS/TS object and list value texts (model.h), for reading ORM options
 * (analyzer/project/catalogue_js.c). hr_js_object_each calls f(key, klen,
 * value, vlen, ctx) for each member of `{k:v,...}` and returns how many, or -1
 * when v is not an object; hr_js_list_each calls f(elem, len, ctx) for each
 * element of `[a,{...},...]` (nested objects and lists whole), or returns -1;
 * hr_js_object_get copies member `key`'s value text into out (false when
 * absent or too long). */
int hr_js_object_each(const char *v, void (*f)(const char *key, size_t klen, const char *val, size_t vlen, void *ctx),
                      void *ctx);
int hr_js_list_each(const char *v, void (*f)(const char *elem, size_t len, void *ctx), void *ctx);
bool hr_js_object_get(char *out, size_t cap, const char *v, const char *key);


/* ---- request paths (analyzer/project/handlers.c, reach.c) ----
 *
 * Which functions serve requests (handlers: views, routes, controllers, event
 * handlers) and which run in the background (task queues, management
 * commands, scripts), found from the `handlers:` and `background:` knowledge;
 * and which functions a handler reaches through calls across files. A
 * function reached from several handlers is reported once, naming the first
 * handler in (path, line) order and how many reach it. Owned by the project. */

typedef struct hr_handler {
    const hr_file_model *file;
    int32_t function;        /* index in file->functions */
    const char *framework;   /* "django", "flask", "express", "celery" ... */
    const char *route;       /* "/orders/<int:pk>" when written next to it, else NULL */
    const char *method;      /* "GET", "POST" ... when known, else NULL */
    bool loop;               /* runs on an event loop shared by every request */
    bool background;         /* a background context (task, command, script), not a handler */
    const char *queue;       /* background: how work is handed to it ("task.delay()"), or NULL */
} hr_handler;

/* Handlers (not background contexts), sorted by path and line. */
size_t hr_project_handler_count(const hr_project *p);
const hr_handler *hr_project_handler_at(const hr_project *p, size_t i);
/* The handler or background context that function `fn` of m is, or NULL. */
const hr_handler *hr_project_handler_of(const hr_project *p, const hr_file_model *m, int32_t fn);
/* The queue the project already uses for files of `lang` ("Celery (task.delay())"): the
 * one with the most background contexts; NULL when none. For advice in messages. */
const char *hr_project_queue(const hr_project *p, hr_lang lang);

typedef enum hr_reach_mode {
    HR_REACH_ANY = 0,        /* from any handler */
    HR_REACH_LOOP = 1,       /* from handlers on an event loop, without leaving it */
} hr_reach_mode;

typedef struct hr_reach {
    const hr_handler *handler; /* the first handler reaching the function, NULL when none */
    uint32_t count;            /* how many handlers reach it */
} hr_reach;

/* Which handlers reach function fn of m (a handler reaches itself). */
hr_reach hr_project_reach(const hr_project *p, const hr_file_model *m, int32_t fn, hr_reach_mode mode);

/* One step of the path from a handler to a function: the handler's name,
 * then each call site on the way (in the caller's file). */
typedef struct hr_reach_step {
    const hr_file_model *file;
    int32_t function;        /* the function the step is in */
    int32_t call;            /* the call that leads on, or -1 for the handler itself or a callback */
    hr_span span;
} hr_reach_step;

/* Writes the shortest path from hr_project_reach(...).handler to fn into
 * out (at most cap steps, handler first); returns the number of steps. */
size_t hr_project_reach_path(const hr_project *p, const hr_file_model *m, int32_t fn,
                             hr_reach_mode mode, hr_reach_step *out, size_t cap);

/* Writes every handler and background context, the queue per language and,
 * for every other function a handler reaches, the first handler, the count
 * and the path, for tests (tests/requests/). */
void hr_project_dump_requests(hr_buf *out, const hr_project *p);

/* Whether the text of some project file of `lang` (JS covers TS/TSX) holds
 * `word` (for settings made in code the model does not keep, such as
 * `REST_FRAMEWORK = {"DEFAULT_PAGINATION_CLASS": ...}`). */
bool hr_project_mentions(const hr_project *p, hr_lang lang, const char *word);

/* A chain as read in function fn of m, with its root replaced by what it is
 * assigned (in fn, an enclosing function, the module, `self.x` in the class,
 * or a module-level name of another project file), repeatedly: with
 * `s = requests.Session()`, "s.get" becomes "requests.Session().get". Writes
 * the chain itself when nothing applies; false when it does not fit. */
bool hr_project_typed_chain(const hr_project *p, const hr_file_model *m, int32_t fn, const char *chain,
                            char *out, size_t cap);
/* The call that made the value a chain's root holds (`requests.Session()` for
 * `s.get` above), or -1; *out_file is its file. */
int32_t hr_project_root_call(const hr_project *p, const hr_file_model *m, int32_t fn, const char *chain,
                             const hr_file_model **out_file);

/* ---- rows: what a loop iterates (analyzer/project/rows.c) ----
 *
 * The model of the rows an expression yields and the relations the query
 * loads with them: `Order.objects.select_related("customer")`,
 * `session.query(Order).options(joinedload(Order.customer))`,
 * `Order.select()`, a related manager `order.lines.all()` (which inherits the
 * outer query's `lines__...` prefetches), a local variable holding such a
 * query (also refined in place: `qs = qs.filter(...)`), or a call of a
 * project function that returns one. */

enum { HR_ROWS_LOADED_MAX = 32, HR_ROWS_TEXT_MAX = 2048 };

/* Self-contained (no pointers into itself), so it copies by value and needs
 * no allocation: rules call these from worker threads. */
typedef struct hr_rows {
    const hr_orm_model *model;  /* the model of each row */
    const hr_file_model *file;  /* the file of the query expression */
    hr_span span;               /* the query expression, for related locations */
    uint16_t loaded[HR_ROWS_LOADED_MAX]; /* relation paths loaded with the rows, as offsets
                                 * into text: "customer", "customer__tenant", "lines" */
    uint32_t nloaded;
    char text[HR_ROWS_TEXT_MAX];
    uint32_t text_len;
    bool all_to_one;            /* select_related() without arguments */
    bool loads_unknown;         /* loads relations in a way not understood: stay quiet */
    bool not_models;            /* .values() / .values_list() / .scalars of columns */
    bool direct;                /* the chain starts at the model itself: Order.objects...,
                                 * session.query(Order), select(Order), Order.select() */
    bool related;               /* the rows are a relation of a known row (order.lines...) */
    const char *via;            /* qualname of the function that returned the query, or NULL */
} hr_rows;

/* The rows an expression chain read in `function` of m yields. `call` is the
 * call that is the expression itself (hr_loop.iter_call), or -1. */
bool hr_project_rows(const hr_project *p, const hr_file_model *m, int32_t function, const char *chain,
                     int32_t call, hr_rows *out);
/* The rows a loop iterates. */
bool hr_project_loop_rows(const hr_project *p, const hr_file_model *m, int32_t loop, hr_rows *out);
/* Loaded path i of r. */
static inline const char *hr_rows_path(const hr_rows *r, uint32_t i) { return r->text + r->loaded[i]; }
/* Whether relation path `path` ("customer", "customer__tenant") is loaded with the rows. */
bool hr_rows_loaded(const hr_rows *r, const char *path, hr_orm_rel_kind kind);

/* The model class of a local variable in `function`: an annotated parameter,
 * `Order(...)`, a query returning one row (`Order.objects.get(...)`), or the
 * variable of a loop over rows. With `rows` set, and the variable a loop
 * variable, *rows receives the loop's rows (rows->model NULL otherwise). */
const hr_orm_model *hr_project_var_model(const hr_project *p, const hr_file_model *m, int32_t function,
                                         const char *var, hr_rows *rows);
/* The project class (model or not) of a local variable or `self`, as above,
 * plus `X(...)` for any project class X. NULL when unknown. */
const hr_class *hr_project_var_class(const hr_project *p, const hr_file_model *m, int32_t function,
                                     const char *var, const hr_file_model **out_model);

/* ---- function summaries (analyzer/project/summary.c) ----
 *
 * Calls resolve to project functions across files (imports, module paths,
 * `self.method()` / `cls.method()` through the class and its project bases,
 * methods on instances of known classes, properties read as attributes).
 * Each function's effects are the union of what it does directly (a query,
 * an outbound HTTP call, a blocking call, by the knowledge) and what the
 * functions it calls do, to a fixpoint; each effect keeps one witness, so the
 * chain of calls down to it can be shown. Built once, linear in the number of
 * calls; cycles are harmless (a bit is set once). */

typedef enum hr_effect {
    HR_EFFECT_QUERY = 1 << 0,    /* runs a database query */
    HR_EFFECT_HTTP = 1 << 1,     /* makes an outbound HTTP request */
    HR_EFFECT_BLOCKING = 1 << 2, /* blocks the thread (sleep, subprocess) */
} hr_effect;

enum { HR_EFFECT_CHAIN_MAX = 8 };

typedef struct hr_effect_step {
    const hr_file_model *file;
    hr_span span;
    const char *function; /* qualname of the function the step is in */
    const char *what;     /* the callee as written, "order_total()", or the property read */
} hr_effect_step;

/* Evidence for one effect: steps[0] is in the called function, the last step
 * is the call that has the effect. */
typedef struct hr_effect_chain {
    hr_effect_step steps[HR_EFFECT_CHAIN_MAX];
    uint32_t n;
    bool truncated;       /* the chain was longer than HR_EFFECT_CHAIN_MAX */
    /* When the effect is a lazy read of a relation of the object the function
     * is called on (`self.lines.all()` in a model method, reached through
     * `self.` calls only), that relation's name: a prefetch of it on the
     * caller's rows serves it. NULL when the effect happens regardless. */
    const char *relation;
    /* When the query's SQL text is a parameter the call passes (a helper such
     * as `self.execute(sql)` around `cursor.execute(sql)`): the index of that
     * argument of the call, else -1. A loop passing a different statement each
     * time runs a script, not one query per row. */
    int32_t statement_arg;
} hr_effect_chain;

/* The project function call `call` of m runs: *out_m and *out_fn. */
bool hr_project_resolve_call(const hr_project *p, const hr_file_model *m, int32_t call,
                             const hr_file_model **out_m, int32_t *out_fn);
/* Effects (hr_effect bits) of running function fn of m, transitively. */
uint32_t hr_project_function_effects(const hr_project *p, const hr_file_model *m, int32_t fn);
/* Effects of call `call` of m through the project function it resolves to
 * (0 when it resolves to none). With chain set, fills the evidence for the
 * effect `which` (one bit). Direct effects of the call itself (it is a query)
 * are not counted here: rules classify those themselves. */
uint32_t hr_project_call_effects(const hr_project *p, const hr_file_model *m, int32_t call,
                                 hr_effect which, hr_effect_chain *chain);
/* Effects of reading attribute `attr` of m when it is a property (of a known
 * class) whose body has them; *out_fn receives the property's function. */
uint32_t hr_project_attr_effects(const hr_project *p, const hr_file_model *m, int32_t attr,
                                 hr_effect which, hr_effect_chain *chain, const hr_file_model **out_m,
                                 int32_t *out_fn);
/* Whether call `call` of m is an outbound HTTP call by the knowledge
 * (`http:`); *framework receives the entry's framework. */
bool hr_project_is_http(const hr_project *p, const hr_file_model *m, int32_t call, const char **framework);
/* The `http:` knowledge entry call `call` of m matches, or NULL. A receiver
 * is read through a local variable's value (`s = requests.Session()`), a
 * `self.attr` assigned in the class, or a parameter's annotation
 * (`client: httpx.AsyncClient` reads `httpx.AsyncClient()`). */
const hr_kn_http *hr_project_http_entry(const hr_project *p, const hr_file_model *m, int32_t call);
/* Whether call `call` of m executes a query through a relation of a known
 * model instance (`order.lines.count()`, `order.lines.create(...)`). With
 * rows set, receives the rows the instance came from (for prefetches). */
bool hr_project_related_query(const hr_project *p, const hr_file_model *m, int32_t call,
                              const hr_orm_relation **out_rel, const hr_orm_model **out_model);

/* Django REST framework: where serializer class cls serialises many objects,
 * an implicit loop over rows: `S(rows, many=True)`, a nested field
 * `S(many=True)`, or `serializer_class = S` on a list view (ListAPIView,
 * ModelViewSet, ...). The first such use in (path, line) order. */
bool hr_project_serializer_many(const hr_project *p, const hr_class *cls, const hr_file_model **out_m,
                                hr_span *out_span);

/* Writes every function with effects and its witnesses, for tests. */
void hr_project_dump_summaries(hr_buf *out, const hr_project *p);

#endif
