/* knowledge.h - framework knowledge as data.
 *
 * Which calls run a database query is not code: it is YAML in
 * rules/knowledge/<language>.yml (compiled into the binary) and the
 * `knowledge:` key of a user's .headroom.yml, in one schema:
 *
 *   python:                      # or javascript (also TS/TSX), typescript, tsx, c (also C++), cpp
 *     queries:
 *       - framework: django      # shown in messages
 *         on: chain              # chain | model | instance | call
 *         receivers: ["**.objects", "**.objects.**"] # on: chain (dotted globs)
 *         except_receivers: [request.session]         # ... but not these
 *         bases: [django.db.models.Model]            # on: model / instance
 *         functions: [pandas.read_sql]               # on: call (resolved names)
 *         execute: [get, first, count]   # methods that run a query now
 *         lazy: [filter, all]            # methods that build one, run when iterated
 *         writes: [create, update]       # subset of execute that write
 *         statement_arg: 0               # the argument holding SQL text (see below)
 *         bulk: [bulk_create]            # already batched: a loop over batches is the fix
 *         factories: ["sequelize.define()"] # on: model: a module-level name assigned from
 *                                        # such a call (spelled or resolved chain, dotted
 *                                        # globs) is a model class deriving from bases[0]
 *         instance_from: [findByPk]      # on: instance: model methods returning one row,
 *                                        # besides get/first/create... (built in)
 *         except_methods: [getDataValue] # never match these, even where an execute/lazy
 *                                        # entry is a `*` pattern such as "get?*"
 *         batched: [findUnique]          # calls the library merges into one query when
 *                                        # they start in the same tick (Prisma's dataloader)
 *     evaluators: [list, len]    # calls that run a lazy query passed to them
 *     models:                    # how ORM model classes declare columns, relations, indexes
 *       - framework: django
 *         style: django          # django | sqlalchemy | peewee: how Meta, reverse accessors,
 *                                # __table_args__ and backrefs read (analyzer/project/catalogue.c)
 *         bases: [django.db.models.Model]     # model base classes (dotted globs; a value such
 *                                             # as `declarative_base()` counts through a variable)
 *         columns: ["django.db.models.*Field"] # calls (resolved callee globs) declaring a column
 *         foreign_keys: [django.db.models.ForeignKey]    # many-to-one relations (sqlalchemy: a
 *                                                        # ForeignKey() inside a column)
 *         one_to_one: [django.db.models.OneToOneField]
 *         many_to_many: [django.db.models.ManyToManyField]
 *         relationships: [sqlalchemy.orm.relationship]  # relation attributes without a column
 *         backrefs: [sqlalchemy.orm.backref]
 *         indexes: [django.db.models.Index]             # Index(...) declarations
 *         unique_constraints: [django.db.models.UniqueConstraint]
 *         index_flags: [db_index]         # keyword arguments that index a column when true
 *         unique_flags: [unique]          # ... that make it unique
 *         pk_flags: [primary_key]         # ... that make it the primary key
 *         eager: [joined, selectin]       # relationship lazy= values that load with the row
 *         decorators: ["typeorm.Entity()"] # JS: class decorators that make a model
 *         primary_keys: [typeorm.PrimaryColumn] # JS: declarations of the primary key
 *                                # style (JS): sequelize | typeorm | mongoose (catalogue_js.c)
 *     http:                      # outbound HTTP calls
 *       - framework: requests
 *         functions: [requests.get]       # calls by resolved name (globs), or:
 *         receivers: ["requests.Session()"] # receivers (after a local variable's value) ...
 *         methods: [get, post]            # ... and the methods called on them
 *         except_receivers: []
 *         awaitable: true                 # the calls return awaitables (async clients)
 *     blocking: [time.sleep]     # calls that block the thread (resolved name globs)
 *
 *   Request paths (analyzer/project/handlers.c; docs/architecture.md "Request paths"):
 *     handlers:                  # functions that serve requests
 *       - framework: flask       # shown in messages
 *         on: decorator          # decorator | base | call | module
 *         decorators: ["flask.Flask().route()"] # on: decorator: the decorator chain with its
 *                                # receiver's root replaced by what it is assigned
 *                                # (`app = Flask()` makes `app.route()` read
 *                                # `flask.Flask().route()`), dotted globs
 *         class_decorators: ["@nestjs/common.Controller()"] # ... and the method's class
 *                                # carries one of these
 *         bases: [django.views.View]  # on: base: methods of classes deriving from these
 *         methods: [get, post]   # on: base: which methods (globs)
 *         functions: ["django.urls.path"] # on: call: registration calls (typed callee globs)
 *         arg_from: 1            # on: call: arguments from this index name handlers (and
 *                                # inline functions anywhere in the call are handlers)
 *         keys: [handler]        # on: call: keyword arguments / option keys naming handlers
 *         paths: ["**views.py"]   # on: module: '/' + the file's project path (hr_wildcard)
 *         names: [GET, POST]     # on: module: top-level function names (globs)
 *         first_params: [request] # on: module: ... or functions whose first parameter is this
 *         imports: [flask]       # only in files importing one of these modules (prefixes)
 *         concurrency: threads   # threads | loop | auto (loop when the function is async)
 *       - framework: mongoose    # C/C++:
 *         on: callback           # functions passed as arguments (a named function, `&fn`,
 *                                # `&Cls::m`, a lambda) of a registration call ...
 *         functions: [mg_http_listen] # ... whose typed callee matches (globs)
 *         arg_from: 2            # ... from this argument on (absent: every argument)
 *         loop_when: [MHD_USE_INTERNAL_POLLING_THREAD] # identifiers in the call's arguments
 *         threads_when: [MHD_USE_THREAD_PER_CONNECTION] # that decide concurrency (threads
 *                                # first), else `concurrency`
 *     background:                # where slow work belongs: task queues, commands, scripts;
 *       - framework: celery      # the same schema as handlers, plus:
 *         queue: "task.delay()"  # how work is handed to it, for messages
 *     effects:                   # what a call does, for the request-path rules
 *       - what: sends e-mail     # a verb phrase for messages
 *         kinds: [blocking, slow] # blocking (blocks its thread), slow (slow work a user
 *                                # should not wait for), connect (opens a connection),
 *                                # state (keeps state on this server: local-disk files)
 *         functions: [smtplib.SMTP().sendmail] # typed callee globs (receiver roots replaced
 *                                # by their assigned values, as for decorators)
 *         unless_awaited: true   # not blocking when awaited (an async API of the same name)
 *         fix: "hand it to a task queue" # what to do instead, for messages
 *     http_clients:              # timeouts of the `http:` frameworks
 *       - framework: requests    # the `http:` entry's framework
 *         timeout_keys: [timeout] # keyword arguments / option keys that set a timeout
 *         timeout_arg: 2         # a positional argument that does (urlopen), or absent
 *         default_timeout: false # true: a timeout applies unless set to None / null
 *         sync: true             # its calls block the calling thread
 *     offload: [asgiref.sync.sync_to_async] # decorators that run a function on a thread;
 *                                # C/C++: calls and constructors (typed globs: std.async,
 *                                # std.thread(), uv_queue_work) whose lambda arguments run on
 *                                # another thread, so no request path enters them
 *     caches:                    # what puts a cache in front of a read
 *       decorators: [functools.lru_cache]  # typed decorator globs
 *       calls: ["django.core.cache.cache.get"] # typed callee globs
 *
 *     instrumentation:           # what lets a team see scale problems coming (gauges.c)
 *       - framework: Sentry      # the tool's name, shown in the report
 *         kinds: [query, request] # query | request | metrics | pool | queue
 *         imports: [sentry_sdk]  # import target globs
 *         calls: [sentry_sdk.init] # resolved callee globs
 *         strings: [debug_toolbar] # quoted literals in sources (INSTALLED_APPS)
 *         packages: [sentry-sdk] # dependency names in manifests
 *         config: [log_min_duration_statement] # words in configuration files
 *     database_imports: [django.db, "sqlalchemy.**"] # imports that mean a database is used
 *     app_entries: [flask.Flask]  # calls that create the app (project-level findings go there)
 *
 * A hr_knowledge owns all its strings (its arena). It is built once per run
 * and read-only afterwards, so workers share it. */
#ifndef HEADROOM_KNOWLEDGE_H
#define HEADROOM_KNOWLEDGE_H

#include "headroom/model.h"

typedef enum hr_kn_on {
    HR_KN_ON_CHAIN = 1, /* the call's receiver chain matches a glob */
    HR_KN_ON_MODEL,     /* the receiver chain is rooted at an ORM model class */
    HR_KN_ON_INSTANCE,  /* the receiver is an instance of an ORM model class */
    HR_KN_ON_CALL,      /* the call's resolved name is listed */
} hr_kn_on;

typedef struct hr_kn_query {
    const char *framework;
    hr_kn_on on;
    hr_strs receivers;
    hr_strs except_receivers;
    hr_strs bases;
    hr_strs functions;
    hr_strs execute;
    hr_strs lazy;
    hr_strs writes;
    hr_strs bulk;         /* methods that take many rows at once */
    /* Method names in execute, lazy and writes may hold `*` and `?` wildcards
     * (hr_wildcard); except_methods are never matched. */
    hr_strs except_methods;
    hr_strs factories;    /* on: model: call chains whose result, assigned to a module-level
                           * name (or module.exports / export default), is a model class */
    hr_strs instance_from;/* on: instance: model methods whose result is one instance */
    hr_strs batched;      /* merged into one query when started concurrently (same tick) */
    const char *source;   /* "builtin:python.yml:12" or "path/.headroom.yml:40" */
    /* Index of the argument that holds the statement text, or -1. When that
     * argument is itself what the loop iterates, the loop runs a list of
     * different statements (a script, DDL), not one query per row. */
    int32_t statement_arg;
} hr_kn_query;

/* How an ORM declares models (the `models:` section). */
typedef enum hr_kn_style {
    HR_KN_STYLE_DJANGO = 1,
    HR_KN_STYLE_SQLALCHEMY,
    HR_KN_STYLE_PEEWEE,
    /* JS/TS ORMs, read by analyzer/project/catalogue_js.c (hr_kn_style_js) */
    HR_KN_STYLE_SEQUELIZE,   /* define()/init() attribute objects, associations, `indexes` option */
    HR_KN_STYLE_TYPEORM,     /* @Entity classes: field decorators, class @Index/@Unique */
    HR_KN_STYLE_MONGOOSE,    /* mongoose.model(name, new Schema({...})), schema.index() */
} hr_kn_style;

/* Whether a style is one of the JS/TS ORMs (built by catalogue_js.c). */
static inline bool hr_kn_style_js(hr_kn_style s)
{
    return s == HR_KN_STYLE_SEQUELIZE || s == HR_KN_STYLE_TYPEORM || s == HR_KN_STYLE_MONGOOSE;
}

/* For the JS styles the keys read (rules/knowledge/javascript.yml says how):
 * bases (model classes and factory-made models), columns (sequelize: the
 * methods taking the attribute object, `define`/`init`; typeorm: column
 * decorators; mongoose: Schema constructors), foreign_keys / one_to_one /
 * relationships / many_to_many (sequelize: association methods; typeorm:
 * relation decorators), indexes (typeorm: @Index; mongoose: the schema
 * method; sequelize: the option key), unique_constraints (@Unique),
 * index_flags / unique_flags / pk_flags (option keys), eager (option keys
 * that load a relation with the row), and the two keys below. */
typedef struct hr_kn_models {
    const char *framework;
    hr_kn_style style;
    hr_strs bases, columns, foreign_keys, one_to_one, many_to_many, relationships, backrefs;
    hr_strs indexes, unique_constraints, index_flags, unique_flags, pk_flags, eager;
    const char *source;
    hr_strs decorators;   /* JS: class decorators that make a model (`typeorm.Entity()`), so a
                           * models entry needs bases or decorators */
    hr_strs primary_keys; /* JS: column declarations that are the primary key
                           * (`typeorm.PrimaryGeneratedColumn`) */
} hr_kn_models;

/* Outbound HTTP calls (the `http:` section): by resolved name (`functions`)
 * or by receiver and method. */
typedef struct hr_kn_http {
    const char *framework;
    hr_strs functions, receivers, except_receivers, methods;
    const char *source;
    bool awaitable;       /* `awaitable: true`: the calls return a coroutine / promise that
                           * runs when awaited (httpx.AsyncClient, aiohttp) */
} hr_kn_http;

/* Request paths (handlers.c): a handler or background context pattern. */
typedef enum hr_kn_ctx_on {
    HR_KN_CTX_DECORATOR = 1, /* a decorated function (or method of a decorated class) */
    HR_KN_CTX_BASE,          /* methods of classes deriving from bases */
    HR_KN_CTX_CALL,          /* functions named by the arguments of a registration call */
    HR_KN_CTX_MODULE,        /* top-level functions of files at some paths */
    HR_KN_CTX_CALLBACK,      /* C/C++: functions passed as arguments (hr_call.callbacks) of a
                              * registration call: `mg_http_listen(&mgr, url, fn, NULL)`,
                              * `svr.Get("/x", [](...) {...})` */
} hr_kn_ctx_on;

typedef enum hr_kn_concurrency {
    HR_KN_THREADS = 1, /* each request on its own thread or process */
    HR_KN_LOOP,        /* on an event loop shared by every request */
    HR_KN_AUTO,        /* on the event loop when the function is async, else threads */
} hr_kn_concurrency;

typedef struct hr_kn_context {
    const char *framework;
    hr_kn_ctx_on on;
    hr_strs decorators, class_decorators, bases, methods, functions, keys, paths, names,
        first_params, imports;
    int32_t arg_from;     /* on: call; -1 when absent */
    hr_kn_concurrency concurrency;
    const char *queue;    /* background: how work is enqueued ("task.delay()"), or NULL */
    const char *source;
    /* on: callback: identifiers read in the registration call's arguments that decide
     * its concurrency (libmicrohttpd's flags): any of threads_when makes it threads,
     * else any of loop_when makes it loop, else `concurrency` applies. */
    hr_strs loop_when, threads_when;
} hr_kn_context;

typedef enum hr_kn_effect_kind {
    HR_KN_EFFECT_BLOCKING = 1 << 0, /* blocks its thread (an event loop's, in async code) */
    HR_KN_EFFECT_SLOW = 1 << 1,     /* slow work a user should not wait for */
    HR_KN_EFFECT_CONNECT = 1 << 2,  /* opens a new connection (database, HTTP client) */
    HR_KN_EFFECT_STATE = 1 << 3,    /* keeps state on this server (local-disk uploads) */
} hr_kn_effect_kind;

typedef struct hr_kn_effect {
    const char *what;     /* verb phrase: "sends e-mail" */
    uint32_t kinds;       /* hr_kn_effect_kind */
    hr_strs functions;    /* typed callee globs */
    bool unless_awaited;  /* an awaited call of that name is the async API */
    const char *fix;      /* what to do instead, or NULL */
    const char *source;
} hr_kn_effect;

/* How an `http:` framework takes a timeout. */
typedef struct hr_kn_http_client {
    const char *framework;
    hr_strs timeout_keys;
    int32_t timeout_arg;  /* -1 when none */
    bool default_timeout;
    bool sync;
    const char *source;
} hr_kn_http_client;

/* Instrumentation a project can have (the `instrumentation:` section; read by
 * analyzer/project/gauges.c for the readiness report and the
 * no-query-instrumentation rule). Any one piece of evidence counts. */
typedef struct hr_kn_instrument {
    const char *framework;  /* the tool as people name it: "Sentry", "Django Debug Toolbar" */
    hr_strs kinds;          /* what it lets you see: query, request, metrics, pool, queue */
    hr_strs imports;        /* import targets (dotted globs): sentry_sdk, "opentelemetry.**" */
    hr_strs calls;          /* resolved callee globs: sentry_sdk.init */
    hr_strs strings;        /* quoted string literals in sources: 'debug_toolbar' (INSTALLED_APPS) */
    hr_strs packages;       /* dependency names in requirements*.txt, pyproject.toml, Pipfile,
                             * setup.py/cfg (python) or package.json (javascript) */
    hr_strs config;         /* whole words in sources and configuration files (*.sql, *.conf,
                             * *.ini, *.cfg, *.toml, *.yml): log_min_duration_statement */
    const char *source;
} hr_kn_instrument;

typedef struct hr_kn_lang {
    hr_vec queries;       /* hr_kn_query */
    hr_strs evaluators;
    hr_vec models;        /* hr_kn_models */
    hr_vec http;          /* hr_kn_http */
    hr_strs blocking;     /* resolved-name globs of blocking calls */
    hr_vec handlers;      /* hr_kn_context: functions that serve requests */
    hr_vec background;    /* hr_kn_context: task queues, commands, scripts */
    hr_vec effects;       /* hr_kn_effect */
    hr_vec http_clients;  /* hr_kn_http_client */
    hr_strs cache_decorators, cache_calls; /* `caches:` */
    hr_strs offload;      /* decorators that run a function off the event loop (sync_to_async);
                           * C/C++: calls / constructors whose lambda arguments run on another
                           * thread (std.async, std.thread(), uv_queue_work) */
    hr_vec instrumentation;      /* hr_kn_instrument (gauges.c) */
    hr_strs database_imports;    /* import globs that mean the project talks to a database */
    hr_strs app_entries;         /* resolved callee globs that create the application object
                                  * (flask.Flask, express): where project-level findings go */
} hr_kn_lang;

typedef struct hr_knowledge {
    hr_arena arena;
    hr_kn_lang lang[HR_LANG_COUNT];
} hr_knowledge;

void hr_knowledge_init(hr_knowledge *k);
void hr_knowledge_release(hr_knowledge *k);

/* Adds the built-in knowledge of every language. Returns 0 or -1 with *err. */
int hr_knowledge_load_builtin(hr_knowledge *k, hr_buf *err);

/* Parses a YAML document (or, with `node` set, the mapping found under a key
 * of a larger document, as a libyaml node id) and appends what it declares.
 * `source` names the file in messages. Unknown keys and bad values are errors:
 * returns -1 with "file:line: message" in *err. */
int hr_knowledge_load_yaml(hr_knowledge *k, const char *text, size_t len, const char *source,
                           hr_buf *err);

/* The same for a node of an already parsed libyaml document (yaml_document_t;
 * `node` is a libyaml node id): the `knowledge:` mapping of a .headroom.yml,
 * so that messages give that file (`source`) and its line numbers. The
 * document must outlive the call only. Returns 0 or -1 with *err. */
struct yaml_document_s;
int hr_knowledge_load_node(hr_knowledge *k, struct yaml_document_s *doc, int node, const char *source,
                           hr_buf *err);

/* hr_lang of a knowledge section name ("python", "javascript", ...). */
hr_lang hr_knowledge_lang(const char *section);

#endif
