/* config.h - the engine side of .headroom.yml (engine-internal).
 *
 * The public half (open, apply, free) is in include/headroom/engine.h; the
 * keys are documented in docs/configuration.md. Globs (`exclude`,
 * `per-path-ignores`) are gitignore-style and relative to the folder of the
 * config file: a pattern without '/' matches a name at any depth, one with a
 * '/' is anchored, a trailing '/' matches folders only, `**` crosses folders,
 * a pattern matching a folder covers everything below it. */
#ifndef HEADROOM_ENGINE_CONFIG_H
#define HEADROOM_ENGINE_CONFIG_H

#include "discovery.h"
#include "headroom/engine.h"

/* hr_config_open() on text in memory: `name` is used in messages, `dir` is
 * the folder globs are relative to (tests and fuzzing). */
int hr_config_parse(hr_config **out, const char *text, size_t len, const char *name,
                    const char *dir, hr_buf *err);

/* Whether `exclude` matches the file at `real` (absolute, resolved path). */
bool hr_config_excluded(const hr_config *c, const char *real);

/* Removes from `discovered` (hr_discovered) the files `exclude` matches,
 * keeping the order of the others. */
void hr_config_filter_discovered(const hr_config *c, hr_vec *discovered);

/* Whether `per-path-ignores` turns rule `rule_id` off for the file at `real`. */
bool hr_config_ignores_rule(const hr_config *c, const char *real, const char *rule_id);

/* Appends the `knowledge:` section (if any) to k; errors name the config file
 * and line. Returns 0 or -1 with *err. */
int hr_config_load_knowledge(const hr_config *c, hr_knowledge *k, hr_buf *err);

/* Gitignore-style match of `rel` ('/'-separated, relative to the patterns'
 * folder) against one parsed pattern list: true when the file or one of the
 * folders above it is matched (later patterns win, a '!' pattern re-includes). */
struct hr_ignore_file;
bool hr_config_glob_match(const struct hr_ignore_file *patterns, const char *rel);

#endif
