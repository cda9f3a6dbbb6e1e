/* discovery.h - finding the files of a run (engine-internal). */
#ifndef HEADROOM_ENGINE_DISCOVERY_H
#define HEADROOM_ENGINE_DISCOVERY_H

#include "headroom/finding.h"

typedef struct hr_discovered {
    const char *path;     /* display path */
    const char *relpath;  /* relative to the project root, or NULL */
    const char *real;     /* resolved absolute path (dedupe key) */
    hr_lang lang;
    bool is_test;         /* under tests/, test_*.py, *.spec.ts, fixtures/ ... */
    bool is_migration;    /* under migrations/ */
    bool is_explicit;     /* named on the command line */
    bool is_schema;       /* a schema file (.prisma, .sql; headroom/schema.h): lang is HR_LANG_NONE,
                           * read and checked like a source, lowered by hr_schema_lower */
} hr_discovered;

/* Finds the project root for the given paths: the nearest ancestor of the
 * first path holding .git; without one, the nearest holding .headroom.yml;
 * else that path (its directory). */
char *hr_find_root(hr_arena *a, const char *first_path);

/* Walks `paths`, appending hr_discovered to *out (sorted, de-duplicated).
 * Problems with single entries become notices in `reports`. Returns 0, or -1
 * with a message in *err when a named path does not exist. */
int hr_discover(hr_arena *a, hr_vec *out, const char *root, const char *const *paths, size_t n,
                hr_report_set *reports, hr_buf *err);

#endif
