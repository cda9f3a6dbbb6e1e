/* project_internal.h - internal to analyzer/project: how the project phase's
 * parts (project.c, catalogue.c, summary.c) reach each other.
 *
 * project.c owns the hr_project and builds the parts in order: class index,
 * then the ORM catalogue (which reads classes), then the function summaries
 * (which read the catalogue). Each part owns its own arena. */
#ifndef HEADROOM_PROJECT_INTERNAL_H
#define HEADROOM_PROJECT_INTERNAL_H

#include "headroom/project.h"

typedef struct hr_orm_catalogue hr_orm_catalogue;
typedef struct hr_summaries hr_summaries;

/* catalogue.c */
/* Attaches itself to p (hr_project_attach_catalogue) as soon as its tables
 * can answer, since building reads them. */
hr_orm_catalogue *hr_orm_catalogue_build(hr_project *p, hr_file_model *const *models, size_t n,
                                         const hr_knowledge *k);
void hr_orm_catalogue_free(hr_orm_catalogue *c);

/* summary.c */
/* Attaches itself likewise (call resolution reads its function tables). */
hr_summaries *hr_summaries_build(hr_project *p, hr_file_model *const *models, size_t n,
                                 const hr_knowledge *k);
void hr_summaries_free(hr_summaries *s);

/* project.c: how many threads the project phase may use (>= 1). */
int hr_project_jobs(const hr_project *p);

/* project.c: the parts of a built project. */
const hr_orm_catalogue *hr_project_catalogue(const hr_project *p);
const hr_summaries *hr_project_summaries(const hr_project *p);
void hr_project_attach_catalogue(hr_project *p, hr_orm_catalogue *c);
void hr_project_attach_summaries(hr_project *p, hr_summaries *s);

/* rows.c and summary.c call each other (a query's rows through the function
 * that returns it, a call through the type of its receiver, a variable's type
 * through the loop that binds it): the _d forms carry the depth of that mutual
 * recursion, and give up past HR_DEEP_MAX. The public functions start at 0. */
enum { HR_DEEP_MAX = 12 };
bool hr_rows_loop_d(const hr_project *p, const hr_file_model *m, int32_t loop, hr_rows *out, int depth);
const hr_orm_model *hr_rows_var_model_d(const hr_project *p, const hr_file_model *m, int32_t function,
                                        const char *var, hr_rows *rows, int depth);
const hr_class *hr_rows_var_class_d(const hr_project *p, const hr_file_model *m, int32_t function,
                                    const char *var, const hr_file_model **out_model, int depth);
bool hr_summary_resolve_d(const hr_project *p, const hr_file_model *m, int32_t call,
                          const hr_file_model **out_m, int32_t *out_fn, int depth);

/* project.c: the loops of function f of m, in source order, as indexes into
 * m->loops (*out_loops[0 .. *out_n)), from the index the project builds once.
 * False when m is not one of the project's files (the caller scans then). */
bool hr_project_fn_loops(const hr_project *p, const hr_file_model *m, int32_t f, const uint32_t **out_loops,
                         uint32_t *out_n);

/* project.c: whether function f binds `name` as a parameter or a loop
 * variable (only f's own loops are read, through the loop index). */
bool hr_project_binds(const hr_project *p, const hr_file_model *m, int32_t f, const char *name);

/* catalogue.c: the knowledge the project was built with, for m's language. */
const hr_kn_lang *hr_project_kn(const hr_project *p, hr_lang lang);

/* catalogue.c: shared name helpers. */

/* The file whose module name is `module`, or NULL (first by path when two
 * files share one). */
const hr_file_model *hr_project_module_file(const hr_project *p, const char *module);

/* Resolves the first segment of `chain` through m's imports (as
 * hr_model_resolve, without touching m). Writes into out; false when it does
 * not fit. */
bool hr_resolve_ro(char *out, size_t cap, const hr_file_model *m, const char *chain);

/* What a module-level variable named by `chain` (read in m) holds: `Base` with
 * `Base = declarative_base()` gives "sqlalchemy.orm.declarative_base()";
 * "app.db.db.Model" with `db = SQLAlchemy()` in app/db.py gives
 * "flask_sqlalchemy.SQLAlchemy().Model". false when no such variable. */
bool hr_module_value(const hr_project *p, const hr_file_model *m, const char *chain, char *out,
                     size_t cap);

/* The content of a string value text (`"abc"` -> abc) into out; false when
 * `v` is not a string literal or does not fit. */
bool hr_value_string(char *out, size_t cap, const char *v);

/* Calls f(elem, len, ctx) for each top-level element of a list value text
 * (`[a,"b",[c]]`); returns the number of elements, or -1 when `v` is not a
 * list. */
int hr_value_items(const char *v, void (*f)(const char *elem, size_t len, void *ctx), void *ctx);

/* project.c: globs bucketed by their first character, built once per run
 * (summary.c's blocking globs, gauges.c, HTTP entries): a glob
 * starting with a character that is not a wildcard matches only texts that
 * start with it (hr_dotted_glob's own first test), so a non-empty text needs
 * only its own bucket and the wildcard one (HR_GLOB_WILD: '*', '?' or empty). */
enum { HR_GLOB_WILD = 256 };
typedef struct hr_glob_index {
    const char **lit;              /* globs without '*' or '?', sorted: they match equal texts only */
    uint32_t nlit;
    uint64_t *lslots;              /* hash table over lit (as hr_name_index's slots, in the arena) */
    size_t lmask;
    const char **v;                /* the others, by bucket */
    uint32_t start[HR_GLOB_WILD + 2]; /* bucket b is v[start[b] .. start[b + 1]) */
} hr_glob_index;

/* Appends globs to tmp (a vector of const char *, in arena a). */
void hr_glob_index_add(hr_vec *tmp, hr_arena *a, const hr_strs *globs);
/* Builds gi from the globs collected in tmp (tmp is reordered). */
void hr_glob_index_build(hr_glob_index *gi, hr_arena *a, hr_vec *tmp);
/* Whether any glob of gi matches text, as hr_dotted_glob over each would
 * answer. */
bool hr_glob_index_any(const hr_glob_index *gi, const char *text);

/* project.c: a hash index over the string keys of an array, for lookups
 * that were binary searches over it (perf3). hr_name_index_find answers what
 * the binary search answered: the first element, in array order, whose key
 * equals key[0..len), or -1. The key of element i is the `const char *` at
 * byte key_off of base + i * stride; the array must not change while the
 * index is used. Heap-owned: hr_name_index_free. More than 2^30 keys abort
 * as out of memory. */
typedef struct hr_name_index {
    const char *base;
    size_t stride, key_off;
    uint64_t *slots; /* (hash >> 32) << 32 | (element + 1); 0 is empty */
    size_t mask;
    uint64_t *filter; /* one bit per hash (8 bits per key): most failing lookups end here,
                       * without touching the larger slots */
    size_t fmask;
} hr_name_index;

void hr_name_index_build(hr_name_index *out, const void *base, size_t n, size_t stride, size_t key_off);
int64_t hr_name_index_find(const hr_name_index *x, const char *key, size_t len);
void hr_name_index_free(hr_name_index *x);

#endif
