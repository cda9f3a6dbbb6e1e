/* cfamily.c - C and C++ in a run: which compile_commands.json serves which
 * file, and the notices of the C/C++ frontend folded into one per run.
 *
 * Databases are loaded on the main thread before the workers start and
 * are read-only afterwards (hr_compdb copies libclang's data out). */
#include "cfamily.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DBS = 64 };

typedef struct db_slot {
    const char *dir;  /* folder holding compile_commands.json ("" when none found) */
    hr_compdb *db;
} db_slot;

struct hr_cfamily {
    hr_arena arena;
    hr_c_options *opts;   /* by file index */
    size_t n;
    db_slot dbs[MAX_DBS]; /* every folder probed, with or without a database */
    size_t ndbs;
    /* folded notices */
    size_t unavailable;   /* files skipped: no libclang */
    size_t missing_files; /* files with a header not found */
    const char *first_missing;        /* "header 'x.h' not found" */
    const hr_source *first_missing_file;
    uint32_t first_missing_line;
};

static bool is_c_family(hr_lang l) { return l == HR_LANG_C || l == HR_LANG_CPP; }

/* The database of `dir`, loading it on first use. A folder whose database
 * cannot be loaded gets a notice and counts as having none. */
static hr_compdb *db_of(hr_cfamily *cf, const char *dir, hr_report_set *reports)
{
    for (size_t i = 0; i < cf->ndbs; i++)
        if (strcmp(cf->dbs[i].dir, dir) == 0)
            return cf->dbs[i].db;
    hr_compdb *db = NULL;
    hr_buf err;
    hr_buf_init(&err);
    int rc = hr_compdb_load(&db, dir, &err);
    if (rc != 0 && rc != -ENOENT && rc != -ENOTSUP) {
        hr_notice *n = HR_VEC_PUSH(&reports->arena, &reports->notices, hr_notice);
        n->level = HR_NOTE_WARNING;
        n->code = "HRN0302";
        n->message = hr_arena_printf(&reports->arena, "%s; default compile flags are used",
                                     err.data ? err.data : "cannot load compile_commands.json");
        db = NULL;
    }
    hr_buf_free(&err);
    if (cf->ndbs < MAX_DBS) {
        cf->dbs[cf->ndbs].dir = hr_arena_strdup(&cf->arena, dir);
        cf->dbs[cf->ndbs].db = db;
        cf->ndbs++;
    } else {
        hr_compdb_free(db); /* too many folders: stop caching, use defaults */
        db = NULL;
    }
    return db;
}

/* The nearest database from the file's folder up to the root. */
static hr_compdb *nearest_db(hr_cfamily *cf, const char *real, const char *root, hr_report_set *reports)
{
    char *dir = hr_path_dirname(&cf->arena, real);
    size_t rl = strlen(root);
    bool under = strncmp(dir, root, rl) == 0 && (dir[rl] == 0 || dir[rl] == '/');
    for (int guard = 0; guard < 128 && under; guard++) {
        hr_compdb *db = db_of(cf, dir, reports);
        if (db)
            return db;
        if (strlen(dir) <= rl)
            break;
        dir = hr_path_dirname(&cf->arena, dir);
    }
    return NULL;
}

int hr_cfamily_prepare(hr_cfamily **out, const hr_vec *files, const char *root, const char *ccdir,
                       hr_report_set *reports, hr_buf *err)
{
    *out = NULL;
    size_t n = files->len, any = 0;
    for (size_t i = 0; i < n; i++)
        any += is_c_family(HR_VEC_AT(*files, hr_discovered, i).lang);
    if (!any && !ccdir)
        return 0;
    hr_cfamily *cf = hr_xcalloc(1, sizeof(*cf));
    hr_arena_init(&cf->arena);
    cf->n = n;
    cf->opts = hr_arena_array(&cf->arena, n ? n : 1, sizeof(hr_c_options));
    hr_compdb *fixed = NULL;
    if (ccdir) {
        int rc = hr_compdb_load(&fixed, ccdir, err);
        if (rc == -ENOENT) {
            hr_buf_clear(err);
            hr_buf_printf(err, "--compile-commands %s: no compile_commands.json in that folder", ccdir);
        } else if (rc == -ENOTSUP) {
            hr_buf_clear(err);
            const char *why = hr_frontend_c_unavailable_reason();
            hr_buf_printf(err, "--compile-commands: %s", why ? why : "C/C++ support is unavailable");
        }
        if (rc != 0) {
            hr_cfamily_free(cf);
            return -1;
        }
        cf->dbs[0].dir = hr_arena_strdup(&cf->arena, ccdir);
        cf->dbs[0].db = fixed;
        cf->ndbs = 1;
    }
    for (size_t i = 0; i < n; i++) {
        const hr_discovered *d = &HR_VEC_AT(*files, hr_discovered, i);
        hr_c_options *o = &cf->opts[i];
        o->project_root = root;
        if (!is_c_family(d->lang))
            continue;
        hr_compdb *db = fixed ? fixed : nearest_db(cf, d->real, root, reports);
        hr_c_options found;
        if (db && hr_compdb_lookup(db, d->real, &found)) {
            *o = found;
            o->project_root = root;
        }
    }
    *out = cf;
    return 0;
}

const hr_c_options *hr_cfamily_options(const hr_cfamily *cf, size_t i)
{
    return cf && i < cf->n ? &cf->opts[i] : NULL;
}

bool hr_cfamily_fold_skip(hr_cfamily *cf, const hr_source *file, int status)
{
    if (!cf || status != -ENOTSUP || !file || !is_c_family(file->lang))
        return false;
    cf->unavailable++;
    return true;
}

bool hr_cfamily_fold_notice(hr_cfamily *cf, const hr_source *file, const hr_file_notice *fn)
{
    if (!cf || fn->kind != HR_NOTICE_MISSING_HEADER)
        return false;
    if (cf->missing_files++ == 0) {
        cf->first_missing = fn->message;
        cf->first_missing_file = file;
        cf->first_missing_line = fn->span.start_line;
    }
    return true;
}

void hr_cfamily_finish(hr_cfamily *cf, hr_report_set *reports)
{
    if (!cf)
        return;
    if (cf->unavailable) {
        hr_notice *n = HR_VEC_PUSH(&reports->arena, &reports->notices, hr_notice);
        n->level = HR_NOTE_WARNING;
        n->code = "HRN0301";
        const char *why = hr_frontend_c_unavailable_reason(); /* names the library that failed */
        n->message = hr_arena_printf(&reports->arena, "%s; %zu C/C++ file%s skipped",
                                     why ? why : "C/C++ support is unavailable", cf->unavailable,
                                     cf->unavailable == 1 ? " was" : "s were");
    }
    if (cf->missing_files) {
        const hr_source *f = cf->first_missing_file;
        const char *where = f ? (f->relpath ? f->relpath : f->path) : "?";
        hr_notice *n = HR_VEC_PUSH(&reports->arena, &reports->notices, hr_notice);
        n->level = HR_NOTE_INFO;
        n->code = "HRN0303";
        n->message = hr_arena_printf(
            &reports->arena,
            "%zu C/C++ file%s include%s headers that were not found (first: %s:%u: %s); code using what "
            "they declare is analysed by its spelled names only; install the library's headers or pass "
            "--compile-commands DIR",
            cf->missing_files, cf->missing_files == 1 ? "" : "s", cf->missing_files == 1 ? "s" : "", where,
            cf->first_missing_line, cf->first_missing);
    }
}

void hr_cfamily_free(hr_cfamily *cf)
{
    if (!cf)
        return;
    for (size_t i = 0; i < cf->ndbs; i++)
        hr_compdb_free(cf->dbs[i].db);
    hr_arena_release(&cf->arena);
    free(cf);
}
