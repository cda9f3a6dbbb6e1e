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
 *     evaluators: [list, len]    # calls that run a lazy query passed to them
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
    const char *source;   /* "builtin:python.yml:12" or "path/.headroom.yml:40" */
    /* Index of the argument that holds the statement text, or -1. When that
     * argument is itself what the loop iterates, the loop runs a list of
     * different statements (a script, DDL), not one query per row. */
    int32_t statement_arg;
} hr_kn_query;

typedef struct hr_kn_lang {
    hr_vec queries;       /* hr_kn_query */
    hr_strs evaluators;
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

/* hr_lang of a knowledge section name ("python", "javascript", ...). */
hr_lang hr_knowledge_lang(const char *section);

#endif
