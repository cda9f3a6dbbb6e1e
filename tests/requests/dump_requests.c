/* dump_requests.c - hr-dump-requests: lowers every source file under a folder,
 * builds the project phase with the built-in knowledge, and prints the
 * request paths (hr_project_dump_requests): handlers, background contexts,
 * queues and what each handler reaches. The goldens in tests/requests/ compare it.
 *
 * usage: hr-dump-requests DIR
 * Paths are printed relative to DIR; Python module names come from the
 * __init__.py packages above each file, as in a real run.
 * Exit 0 with the dump on stdout; 2 with a message on stderr on error.
 * The driver is tests/common/dump_driver.c (shared with hr-dump-project). */
#include "dump_driver.h"

int main(int argc, char **argv)
{
    static const hr_dump_tool tool = {"hr-dump-requests", false, hr_project_dump_requests};
    return hr_dump_tool_main(&tool, argc, argv);
}
