/* dump_project.c - hr-dump-project: lowers every source file under a folder,
 * builds the project phase with the built-in knowledge, and prints the ORM
 * catalogue and the function summaries (hr_project_dump_orm,
 * hr_project_dump_summaries). The goldens in tests/project/ compare it.
 *
 * usage: hr-dump-project DIR
 * Paths are printed relative to DIR; Python module names come from the
 * __init__.py packages above each file, as in a real run. Schema files are
 * read too, and each parse is printed before the catalogue.
 * Exit 0 with the dump on stdout; 2 with a message on stderr on error.
 * The driver is tests/common/dump_driver.c (shared with hr-dump-requests). */
#include "dump_driver.h"

static void dump(hr_buf *out, const hr_project *p)
{
    hr_buf_puts(out, "# catalogue\n");
    hr_project_dump_orm(out, p);
    hr_buf_puts(out, "# summaries\n");
    hr_project_dump_summaries(out, p);
}

int main(int argc, char **argv)
{
    static const hr_dump_tool tool = {"hr-dump-project", true, dump};
    return hr_dump_tool_main(&tool, argc, argv);
}
