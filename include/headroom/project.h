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
void hr_project_free(hr_project *p);

/* The source a model was lowered from (for locations in other files). */
const hr_source *hr_project_source(const hr_project *p, const hr_file_model *m);

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

#endif
