/* model.h - the language-neutral model that frontends produce and rules read.
 *
 * A frontend lowers one source file into one hr_file_model. Everything in it
 * (arrays and strings) lives in the model's arena and is freed by
 * hr_file_model_free(). The model never points into a syntax tree: it holds
 * spans and copied text only.
 *
 * Cross references between entities are indexes into the model's arrays
 * (int32_t, -1 for none), so a model is position independent and cheap to
 * serialise.
 *
 * Text conventions:
 *  - A "chain" is the normalised text of an expression made of names,
 *    attribute accesses, calls and subscripts: `Order.objects.filter().first`
 *    for `Order.objects.filter(user=u).first`. Call arguments are dropped and
 *    written as `()`, subscripts as `[]`. An expression that is not such a
 *    chain (a literal, an operator, a lambda) is written `?` in a chain.
 *  - A "resolved" chain has its first segment replaced by what the file's
 *    imports bind it to: with `from django.db import models`,
 *    `models.Model` resolves to `django.db.models.Model`. Relative imports are
 *    resolved against the file's module name. Names not bound by an import keep
 *    their local spelling.
 *  - A "value text" is what an argument, keyword value or class field holds,
 *    written so that literals survive: a chain as above; a string literal as
 *    `"text"` (its content as written, quotes normalised to `"`, prefixes and
 *    escapes left alone; a string with interpolations is `?`); a number as
 *    written (`10`, `1.5`); `True`, `False`, `None` (JS: `true`, `false`,
 *    `null`, `undefined`); a list, tuple or set literal as `[v,v,...]` of
 *    value texts (at most 32 elements); a two-operand comparison as `(L==R)`
 *    with the operator as written (`==`, `!=`, `<`, `in`, `not in`, ...);
 *    a JS object literal as `{key:v,...}` (keys as written without quotes,
 *    a computed key `[a.b]` when it is a name or dotted name, such as
 *    Sequelize's `[Op.gt]`, `?` otherwise; a shorthand `{a}` as `a:a`; none
 *    with a spread; at most 32 members); anything else `?`. Value texts longer than 1024 bytes are `?`. Value
 *    texts are not resolved through imports.
 *  - A "type text" is an annotation as written with whitespace removed:
 *    `Mapped[List["Address"]]`, `Optional[Order]`. Not resolved.
 *  - JavaScript/TypeScript module ids are paths relative to the project root
 *    without extension or trailing "/index", '/'-separated ("src/models"; see
 *    hr_js_module_name). Chains and qualnames join them to names with '.':
 *    "src/models/order.Order", "@prisma/client.PrismaClient". Optional
 *    chaining is dropped (`a?.b()` is `a.b()`), `this` is a name like `self`.
 */
#ifndef HEADROOM_MODEL_H
#define HEADROOM_MODEL_H

#include "headroom/util.h"

typedef enum hr_lang {
    HR_LANG_NONE = 0,
    HR_LANG_PYTHON,
    HR_LANG_JAVASCRIPT,
    HR_LANG_TYPESCRIPT,
    HR_LANG_TSX,
    HR_LANG_C,
    HR_LANG_CPP,
    HR_LANG_COUNT
} hr_lang;

/* Bit masks of languages, for rule descriptors and knowledge. */
#define HR_LANGBIT(l) (1u << (l))
#define HR_LANGS_JS (HR_LANGBIT(HR_LANG_JAVASCRIPT) | HR_LANGBIT(HR_LANG_TYPESCRIPT) | HR_LANGBIT(HR_LANG_TSX))

const char *hr_lang_name(hr_lang lang); /* "python", "javascript", ... */

/* A source range. Lines are 1-based; columns are 0-based byte offsets within
 * the line; end is exclusive. Emitters convert columns to what they print. */
typedef struct hr_span {
    uint32_t start_byte, end_byte;
    uint32_t start_line, start_col;
    uint32_t end_line, end_col;
} hr_span;

typedef enum hr_function_flags {
    HR_FN_ASYNC = 1 << 0,
    HR_FN_METHOD = 1 << 1,     /* defined directly in a class body */
    HR_FN_LAMBDA = 1 << 2,     /* lambda / arrow function / anonymous */
    HR_FN_MODULE = 1 << 3,     /* the pseudo function for module top-level code */
    HR_FN_GENERATOR = 1 << 4,  /* contains yield */
    HR_FN_PROPERTY = 1 << 5,   /* @property or a getter */
} hr_function_flags;

typedef struct hr_function {
    const char *name;     /* "get_orders"; "<module>" for top level; "<lambda>" */
    const char *qualname; /* "app.views.OrderView.get" (module name + classes + name) */
    hr_span span;         /* whole definition */
    hr_span name_span;    /* the name (or the keyword for anonymous functions) */
    uint32_t flags;       /* hr_function_flags */
    hr_strs params;       /* parameter names in order, incl. self/cls */
    hr_strs decorators;   /* resolved chains of decorator expressions, outermost first */
    int32_t parent;       /* enclosing function, -1 for the module function */
    int32_t class_index;  /* class whose body defines it directly, or -1 */
    hr_strs param_types;  /* type texts parallel to params (NULL entries when not annotated);
                           * n == 0 when no parameter is annotated or the frontend does not record them */
} hr_function;

typedef enum hr_loop_kind {
    HR_LOOP_FOR,           /* for x in xs / for (..;..;..) / for-in / for-of */
    HR_LOOP_WHILE,
    HR_LOOP_DO,
    HR_LOOP_COMPREHENSION, /* list/set/dict comprehension or generator expression clause */
    HR_LOOP_CALLBACK,      /* a callback passed to xs.map(...) and friends (JS) */
} hr_loop_kind;

typedef enum hr_loop_flags {
    HR_LOOP_ASYNC = 1 << 0,         /* async for / for await */
    HR_LOOP_SMALL_LITERAL = 1 << 1, /* iterates a literal collection or range(<small literal>) */
    HR_LOOP_INFINITE = 1 << 2,      /* while True / for(;;) */
    HR_LOOP_CONCURRENT = 1 << 3,    /* JS: iterations run concurrently (`Promise.all(xs.map(fn))`,
                                     * Bluebird `Promise.map`); still one body run per element */
} hr_loop_flags;

/* Literal collections of at most this many elements count as small. */
#define HR_SMALL_LITERAL_MAX 16

typedef struct hr_loop {
    hr_loop_kind kind;
    uint32_t flags;      /* hr_loop_flags */
    hr_span span;        /* the whole loop statement / comprehension */
    hr_span head;        /* the header: `for x in xs` up to the colon; the condition of a while */
    hr_strs vars;        /* iteration variable names (tuple targets flattened) */
    const char *iterable;/* chain of the iterable (resolved), or NULL for while/do */
    int32_t iter_call;   /* the call that is the iterable expression itself, or -1 */
    int32_t parent;      /* innermost enclosing loop in the same function, or -1 */
    int32_t function;    /* enclosing function */
} hr_loop;
/* A callback loop (HR_LOOP_CALLBACK, JS `xs.map(fn)`) is the exception to
 * "same function": its `function` is the callback itself (calls in the
 * callback's body have that loop, or a loop nested in it, as `loop`), and its
 * `parent` is the innermost loop around the call that passes the callback,
 * in the enclosing function. span is the callback, head the `xs.map` member
 * expression (`Promise.map(xs` for (iterable, callback) forms), vars the
 * callback's element parameter (the 2nd for reduce), iterable the receiver
 * (or first argument). A `return` in the callback ends one iteration, not
 * the loop. */

typedef enum hr_call_flags {
    HR_CALL_AWAITED = 1 << 0,     /* the call's value is awaited */
    HR_CALL_RETURNED = 1 << 1,    /* the call is (part of) a return/raise value */
    HR_CALL_THEN_EXIT = 1 << 2,   /* the statement holding it is directly followed by break/return/raise */
    HR_CALL_LOOP_ITERABLE = 1 << 3, /* the call is the iterable expression of a loop */
    HR_CALL_METHOD = 1 << 4,      /* callee is attribute access (has a receiver) */
    HR_CALL_CONSTRUCTOR = 1 << 5, /* `new X()` (JS) */
} hr_call_flags;

/* A function passed as an argument of a call: a handler or callback being
 * registered (`mg_http_listen(&mgr, url, fn, NULL)`, `svr.Get("/x", [](...){})`).
 * Recorded by the C/C++ frontend. */
typedef struct hr_callback {
    uint32_t arg;         /* index into the call's args */
    int32_t function;     /* the function in this model (the lambda, or the named function when
                           * this file defines it), or -1 */
    const char *target;   /* qualified name of a named function ("handler", "app.Api.list"),
                           * NULL for a lambda */
} hr_callback;

typedef struct hr_call {
    const char *callee;   /* chain of the callee: "Order.objects.filter().first", "len" */
    const char *resolved; /* the callee chain, first segment resolved through imports */
    const char *name;     /* the last segment: "first", "len" */
    const char *receiver; /* resolved chain without the last segment, or NULL for plain calls */
    hr_span span;         /* the whole call expression */
    hr_span name_span;    /* the callee's last segment, e.g. `first` */
    uint32_t flags;       /* hr_call_flags */
    int32_t function;     /* enclosing function */
    int32_t loop;         /* innermost enclosing loop in the same function, or -1 */
    int32_t receiver_call;/* the call that produced the receiver (`filter()` for `.first()`), or -1 */
    hr_strs args;         /* positional argument chains ("?" when not a chain) */
    hr_strs kwargs;       /* keyword argument names (Python, "**" for **kw); JS: the top-level
                           * keys of every object-literal argument, in order, de-duplicated,
                           * "..." for a spread in one */
    hr_strs names;        /* distinct identifiers read anywhere in the arguments and receiver */
    hr_strs argvalues;    /* value texts parallel to args (literals written out); n == 0 when
                           * the frontend does not record them */
    hr_strs kwvalues;     /* value texts parallel to kwargs (`"**"` kwargs have `?`); n == 0
                           * when the frontend does not record them */
    hr_vec callbacks;     /* hr_callback: functions passed as arguments (C/C++ frontend); empty
                           * when none or when the frontend does not record them */
} hr_call;

typedef struct hr_assign {
    const char *target;   /* target name or chain ("x", "self.items") */
    const char *value;    /* chain of the assigned value (resolved), "?" otherwise */
    hr_span span;
    int32_t value_call;   /* the call that is the value itself, or -1 */
    int32_t function;
    int32_t loop;         /* innermost enclosing loop in the same function, or -1 */
    hr_strs names;        /* identifiers read in the value */
} hr_assign;

typedef struct hr_return {
    hr_span span;
    const char *value;    /* chain of the returned expression, or NULL for bare return */
    int32_t value_call;
    int32_t function;
    int32_t loop;
    hr_strs names;
} hr_return;

/* An attribute chain read on a variable: `o.customer.name` as root "o",
 * chain "o.customer.name". Only chains rooted at a local name are recorded;
 * call receivers are recorded in hr_call instead. */
typedef struct hr_attr {
    const char *root;
    const char *chain;
    hr_span span;
    int32_t function;
    int32_t loop;
} hr_attr;

typedef struct hr_field {
    const char *name;     /* `customer` in `customer = models.ForeignKey(...)` */
    const char *value;    /* resolved chain of the value: "django.db.models.ForeignKey()" */
    int32_t value_call;   /* the call that is the value, or -1 */
    hr_span span;
    const char *literal;  /* the value as a value text when it is a literal (`"users"`,
                           * `[["a","b"]]`, `True`), else NULL */
    const char *annotation; /* type text of `name: T = ...` / `name: T`, or NULL */
    hr_strs decorators;   /* JS/TS class fields: resolved chains of the field's decorators
                           * (`@Column()` -> "typeorm.Column()"), outermost first */
} hr_field;

typedef struct hr_class {
    const char *name;
    const char *qualname;
    hr_span span;
    hr_span name_span;
    hr_strs bases;        /* resolved chains of base classes */
    hr_strs decorators;   /* resolved chains */
    hr_vec fields;        /* hr_field: class-body assignments */
    int32_t parent_class; /* enclosing class, or -1 */
    int32_t function;     /* function whose body holds it (the module function at top level) */
} hr_class;

typedef struct hr_import {
    const char *local;    /* the name bound in this file: "models", "np", "Order" */
    const char *target;   /* absolute dotted target: "django.db.models", "app.models.Order" */
    hr_span span;
    bool relative;        /* written as a relative import (resolved against the module) */
    bool reexport;        /* JS/TS: not a binding but an export other files resolve through:
                           * `export { a as b } from './m'` (local "b", target "src/m.a"),
                           * `export * from './m'` (local "*"), `export default X` and
                           * `module.exports = X` (local "default"), `module.exports = { A }`
                           * and `exports.A = A` (local "A"). target is what the export
                           * denotes, resolved; a name of this file is qualified with its
                           * module. Such entries bind nothing in this file. */
} hr_import;

typedef enum hr_notice_kind {
    HR_NOTICE_SYNTAX = 1,  /* the file parsed with errors; the model may be partial */
    HR_NOTICE_LIMIT,       /* a depth or size limit cut the walk short */
    HR_NOTICE_MISSING_HEADER, /* C/C++: an #include was not found; code using what it declares may
                               * be missing from the model. The engine folds these into one
                               * notice per run; message names the header */
} hr_notice_kind;

typedef struct hr_file_notice {
    hr_notice_kind kind;
    hr_span span;
    const char *message;   /* lowercase, says what is wrong */
} hr_file_notice;

/* The lowering of one file. */
typedef struct hr_file_model {
    hr_arena arena;       /* owns everything below */
    hr_lang lang;
    const char *path;     /* as given to the frontend */
    const char *module;   /* dotted module name ("app.views"), "" when unknown */
    hr_vec functions;     /* hr_function; index 0 is always the module function */
    hr_vec classes;       /* hr_class */
    hr_vec loops;         /* hr_loop, in source order */
    hr_vec calls;         /* hr_call, in source order of the call's start */
    hr_vec assigns;       /* hr_assign */
    hr_vec returns;       /* hr_return */
    hr_vec attrs;         /* hr_attr */
    hr_vec imports;       /* hr_import */
    hr_vec notices;       /* hr_file_notice */
    uint32_t *assign_order; /* hr_model_build_index: assign indexes by (function, target) */
} hr_file_model;

#define HR_FUNC(m, i) (&HR_VEC_AT((m)->functions, hr_function, (i)))
#define HR_CLASS(m, i) (&HR_VEC_AT((m)->classes, hr_class, (i)))
#define HR_LOOP(m, i) (&HR_VEC_AT((m)->loops, hr_loop, (i)))
#define HR_CALL(m, i) (&HR_VEC_AT((m)->calls, hr_call, (i)))
#define HR_ASSIGN(m, i) (&HR_VEC_AT((m)->assigns, hr_assign, (i)))
#define HR_RETURN(m, i) (&HR_VEC_AT((m)->returns, hr_return, (i)))
#define HR_ATTR(m, i) (&HR_VEC_AT((m)->attrs, hr_attr, (i)))
#define HR_IMPORT(m, i) (&HR_VEC_AT((m)->imports, hr_import, (i)))
#define HR_FIELD(c, i) (&HR_VEC_AT((c)->fields, hr_field, (i)))

hr_file_model *hr_file_model_new(hr_lang lang, const char *path, const char *module);
void hr_file_model_free(hr_file_model *m);

/* Indexes the assignments by (function, target) so hr_model_assigns_to is a
 * binary search rather than a scan (a 10 MB minified file has hundreds of
 * thousands). Call once, before the model is shared between threads. */
void hr_model_build_index(hr_file_model *m);

/* How many assignments function `function` makes to `name`; *out_first is
 * the first of them in source order (NULL when none). Works without the
 * index too, by a scan. */
uint32_t hr_model_assigns_to(const hr_file_model *m, int32_t function, const char *name,
                             const hr_assign **out_first);

/* Writes a stable, line-oriented text dump of the model (lowering goldens). */
void hr_model_dump(hr_buf *out, const hr_file_model *m);

/* Resolves the first segment of `chain` through the file's imports.
 * Returns `chain` itself when nothing applies (arena-allocated otherwise). */
const char *hr_model_resolve(hr_file_model *m, const char *chain);

/* The imports of a model sorted by local name, for resolving many chains
 * in a file with many imports (a generated module can have hundreds and
 * thousands of calls): hr_model_resolve_in gives hr_model_resolve's answer
 * by binary search (the frontends, project/reach.c). Lives in `a`; valid
 * while the imports do not change. Imports without a local name bind
 * nothing and are left out. */
typedef struct hr_import_index {
    uint32_t *order; /* import indexes by (local name, index descending) */
    uint32_t n;
} hr_import_index;

void hr_import_index_build(hr_import_index *ix, hr_arena *a, const hr_file_model *m);
/* The import that binds `name` (its last one, as hr_model_resolve), or NULL. */
const hr_import *hr_import_index_find(const hr_import_index *ix, const hr_file_model *m, const char *name,
                                      size_t len);
const char *hr_model_resolve_in(hr_file_model *m, const hr_import_index *ix, const char *chain);

/* The inverse of hr_model_resolve, for messages: writes `chain` as the file
 * spells it (the longest import target prefix replaced by its local name). */
void hr_model_spell(char *out, size_t cap, const hr_file_model *m, const char *chain);

/* The first segment of a chain, copied into the model's arena. */
const char *hr_chain_root(hr_arena *a, const char *chain);

#endif
