/* requests_internal.h - internal to analyzer/project: the request-path index
 * (handlers.c detects handlers and background contexts, reach.c resolves
 * calls across files and computes which handlers reach which functions).
 *
 * The index is built once by hr_project_build after the classes are indexed
 * and is read-only afterwards. It owns its arena; it does not own the models. */
#ifndef HEADROOM_REQUESTS_INTERNAL_H
#define HEADROOM_REQUESTS_INTERNAL_H

#include "headroom/project.h"
#include "project_internal.h"

typedef struct hr_requests hr_requests;
typedef struct hr_req_call_cache hr_req_call_cache;

hr_requests *hr_requests_build(const hr_project *p, hr_file_model *const *models,
                               const hr_source *sources, size_t n, const hr_knowledge *k);
void hr_requests_free(hr_requests *r);

/* project.c: the index of a built project. */
const hr_requests *hr_project_requests(const hr_project *p);

/* ---- shared between handlers.c and reach.c ---- */

typedef struct hr_req_fn {     /* a function by qualified name */
    const char *qualname;
    uint32_t file;
    int32_t fn;
} hr_req_fn;

typedef struct hr_req_module { /* a file by module name */
    const char *module;
    uint32_t file;
} hr_req_module;

typedef struct hr_req_assign_key { /* assignments sorted by (function, target) */
    int32_t function;
    const char *target;
    int32_t assign;
} hr_req_assign_key;

typedef struct hr_req_local_fn { /* functions by (enclosing function, name) */
    int32_t parent;
    const char *name;
    int32_t fn;
} hr_req_local_fn;

typedef struct hr_req_edge {
    uint32_t to;               /* node */
    int32_t call;              /* call index in the caller, -1 for a nested callback */
} hr_req_edge;

typedef struct hr_req_reach {   /* per node and mode */
    int32_t first;             /* index into handlers, -1 when unreached */
    uint32_t count;
    int32_t pred;              /* node it was reached from on the first handler's path, -1 */
    int32_t pred_call;         /* the call in pred, or -1 for a callback */
} hr_req_reach;

struct hr_requests {
    hr_arena arena;
    const hr_project *p;
    const hr_knowledge *k;
    hr_file_model *const *models;
    const hr_source *sources;
    size_t nfiles;
    uint32_t *file_base;       /* first node of each file; node = base + function */
    size_t nnodes;
    const hr_file_model **model_keys; /* sorted model pointers ... */
    uint32_t *model_files;     /* ... and their file indexes */
    size_t nmodel_keys;
    hr_req_fn *fns;            /* sorted by qualname */
    size_t nfns;
    hr_req_module *modules;    /* sorted by module */
    size_t nmodules;
    hr_name_index fns_index;   /* hash indexes over fns and modules (perf3) */
    hr_name_index modules_index;
    hr_req_call_cache *call_cache; /* while hr_requests_build runs: the typed chains of the
                                    * calls of the file being detected and linked (perf3) */
    hr_req_assign_key **assigns; /* per file, sorted; NULL for skipped files */
    uint32_t *nassigns;
    hr_req_local_fn **local_fns; /* per file: non-method functions sorted by (parent, name) */
    uint32_t *nlocal_fns;
    hr_import_index *imports;    /* per file: its imports by local name (model.h; perf2) */
    hr_req_assign_key **dotted; /* per file: assignments to `self.` and `this.` targets sorted
                                 * by (target, assign), for reach.c's self_value (perf2) */
    uint32_t *ndotted;
    hr_handler *contexts;      /* handlers and background contexts, sorted by path and line */
    size_t ncontexts;
    const hr_handler **handlers; /* the handlers among them, in the same order */
    size_t nhandlers;
    int32_t *context_of;       /* per node: index into contexts, or -1 */
    uint32_t *edge_start;      /* CSR adjacency: edges of node v are [edge_start[v], edge_start[v+1]) */
    hr_req_edge *edges;
    hr_req_reach *reach[2];    /* per hr_reach_mode */
    const char *queue[HR_LANG_COUNT]; /* per language */
};

/* The index in r->fns of the first function named qualname, or -1. */
int64_t hr_req_find_fn(const hr_requests *r, const char *qualname);
/* The file index of a model, or -1. */
int32_t hr_req_file_of(const hr_requests *r, const hr_file_model *m);
/* hr_project_typed_chain over the index. */
bool hr_req_typed(const hr_requests *r, uint32_t file, int32_t fn, const char *chain, char *out,
                  size_t cap);
/* The typed form of call ci's resolved chain (hr_req_typed of the call's
 * function and chain, CHAIN_MAX at most) when there is one and it differs
 * from the chain, else NULL. While hr_requests_build runs it is computed once
 * per call of the current file (handler detection and the graph both ask);
 * otherwise it is written into buf[CHAIN_MAX]. */
enum { HR_REQ_CHAIN_MAX = 1024 };
const char *hr_req_call_typed(const hr_requests *r, uint32_t file, uint32_t ci, char *buf);
/* The project function a reference chain (`views.order_list`, `self.helper`)
 * read in function fn of file names; false when unknown. */
bool hr_req_resolve_ref(const hr_requests *r, uint32_t file, int32_t fn, const char *chain,
                        uint32_t *out_file, int32_t *out_fn);

/* handlers.c: fills contexts, handlers, context_of and queue. after_file,
 * when not NULL, is called with each file once that file is detected. */
void hr_req_detect(hr_requests *r, void (*after_file)(hr_requests *r, uint32_t file, void *ctx), void *ctx);
/* handlers.c: whether lambda fn of a C/C++ file runs on another thread: it is
 * written inside a call, or the declaration of a variable, that the
 * knowledge's `offload:` names (`std::async(...)`, `std::thread(...)`,
 * `uv_queue_work`). Such a lambda is no edge of the request-path graph. */
bool hr_req_offloaded_lambda(const hr_requests *r, uint32_t file, int32_t fn);

#endif
