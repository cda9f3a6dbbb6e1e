/* cfamily.h - C and C++ in a run (engine-internal): compilation databases,
 * each file's compile options, and the run-level notices of the C/C++
 * frontend (analyzer/engine/cfamily.c). */
#ifndef HEADROOM_ENGINE_CFAMILY_H
#define HEADROOM_ENGINE_CFAMILY_H

#include "discovery.h"
#include "headroom/frontend.h"

typedef struct hr_cfamily hr_cfamily;

/* Finds the compile options of every C/C++ file among `files`
 * (hr_discovered, in run order). With `ccdir` (--compile-commands DIR) its
 * compile_commands.json serves every file, and a missing or unreadable one
 * is an error (-1 with *err). Otherwise each file uses the nearest
 * compile_commands.json from its folder up to `root` (build folders are not
 * searched: name one with --compile-commands); one that cannot be loaded is a notice and defaults are used.
 * *out is NULL when the run has no C/C++ file. */
int hr_cfamily_prepare(hr_cfamily **out, const hr_vec *files, const char *root, const char *ccdir,
                       hr_report_set *reports, hr_buf *err);

/* The options for file `i` (never NULL once prepared; NULL for a NULL cf). */
const hr_c_options *hr_cfamily_options(const hr_cfamily *cf, size_t i);

/* Folds what the C/C++ frontend says about single files into notices for the
 * whole run: a file skipped because the build has no libclang (status
 * -ENOTSUP), and models' HR_NOTICE_MISSING_HEADER notices. Returns true when
 * it took the notice (the caller adds none). Called in file order. */
bool hr_cfamily_fold_skip(hr_cfamily *cf, const hr_source *file, int status);
bool hr_cfamily_fold_notice(hr_cfamily *cf, const hr_source *file, const hr_file_notice *fn);

/* Adds the run-level notices (HRN0301, HRN0303). */
void hr_cfamily_finish(hr_cfamily *cf, hr_report_set *reports);
void hr_cfamily_free(hr_cfamily *cf);

#endif
