/* dump_driver.h - the driver the project-phase dump tools share
 * (tests/project/hr-dump-project, tests/requests/hr-dump-requests): read
 * every source file under a folder, lower it, build the project phase with
 * the built-in knowledge, and let the tool print what it dumps.
 *
 * Paths are relative to the folder; Python module names come from the
 * __init__.py packages above each file, JS/TS ones from the relative path,
 * as in a real run. */
#ifndef HEADROOM_TESTS_DUMP_DRIVER_H
#define HEADROOM_TESTS_DUMP_DRIVER_H

#include "headroom/project.h"

#include <stdbool.h>

typedef struct hr_dump_tool {
    const char *name; /* "hr-dump-project": usage and messages */
    /* Also read schema files (hr_schema_kind_of): lower them as the engine
     * does (run.c) and print each parse as "# schema REL" + hr_schema_dump
     * before what dump prints. */
    bool schemas;
    /* Appends the tool's dump of the built project to out. */
    void (*dump)(hr_buf *out, const hr_project *p);
} hr_dump_tool;

/* The whole main: usage `NAME DIR`. Exit status 0 with the dump on stdout;
 * 2 with a message on stderr on error. */
int hr_dump_tool_main(const hr_dump_tool *tool, int argc, char **argv);

#endif
