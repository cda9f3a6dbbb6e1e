/* fuzz_pipeline.c - a whole `headroom check` on fuzzed files: discovery,
 * lowering, the project phase (cross-file resolution, summaries), every
 * rule, and the three emitters.
 *
 * Input: one selector byte ('j' JavaScript, 't' TypeScript, 'x' TSX,
 * anything else Python), then the source. A line "#%%" splits it into two
 * files of that language (app/models.* and app/views.*), so cross-file
 * resolution is reached. The files are written into a private temporary
 * project (with .git) that is reused for every input; the run is
 * single-threaded with test reporting on. Invalid UTF-8 is let through: the
 * engine must turn it into a notice.
 * Oracles: hr_run_check returns 0; SARIF and JSON parse; no crash, leak or
 * hang anywhere in the pipeline. */
#define _GNU_SOURCE /* open_memstream, mkdtemp */
#include <cjson/cJSON.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "headroom/emit.h"
#include "headroom/engine.h"
#include "headroom/rule.h"

static char root[256];
static char files[2][320];

static void cleanup(void)
{
    char p[320];
    for (int i = 0; i < 2; i++)
        if (files[i][0])
            unlink(files[i]);
    snprintf(p, sizeof(p), "%s/app", root);
    rmdir(p);
    snprintf(p, sizeof(p), "%s/.git", root);
    rmdir(p);
    rmdir(root);
}

static void setup(const char *ext)
{
    if (!root[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(root, sizeof(root), "%s/hr-fuzz-pipeline-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        HR_FUZZ_CHECK(mkdtemp(root) != NULL, "mkdtemp");
        char p[320];
        snprintf(p, sizeof(p), "%s/.git", root);
        HR_FUZZ_CHECK(mkdir(p, 0755) == 0, "mkdir .git");
        snprintf(p, sizeof(p), "%s/app", root);
        HR_FUZZ_CHECK(mkdir(p, 0755) == 0, "mkdir app");
        atexit(cleanup);
    }
    for (int i = 0; i < 2; i++)
        if (files[i][0])
            unlink(files[i]);
    snprintf(files[0], sizeof(files[0]), "%s/app/models%s", root, ext);
    snprintf(files[1], sizeof(files[1]), "%s/app/views%s", root, ext);
}

static void write_file(const char *path, const uint8_t *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    HR_FUZZ_CHECK(f != NULL, "cannot write the input file");
    HR_FUZZ_CHECK(n == 0 || fwrite(data, 1, n, f) == n, "short write");
    HR_FUZZ_CHECK(fclose(f) == 0, "fclose");
}

static void emit_checked(int (*fn)(FILE *, const hr_emit_input *), const hr_emit_input *in, bool json)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    HR_FUZZ_CHECK(f != NULL, "open_memstream");
    HR_FUZZ_CHECK(fn(f, in) == 0, "emitter failed");
    HR_FUZZ_CHECK(fclose(f) == 0, "fclose");
    if (json) {
        cJSON *doc = cJSON_ParseWithLength(buf, n);
        HR_FUZZ_CHECK(doc != NULL, "report is not JSON");
        cJSON_Delete(doc);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1u << 20))
        return 0;
    const char *ext = data[0] == 'j' ? ".js" : data[0] == 't' ? ".ts" : data[0] == 'x' ? ".tsx" : ".py";
    setup(ext);
    const uint8_t *src = data + 1;
    size_t n = size - 1;
    const uint8_t *cut = n >= 4 ? memmem(src, n, "\n#%%\n", 5) : NULL;
    if (cut) {
        write_file(files[0], src, (size_t)(cut - src) + 1);
        write_file(files[1], cut + 5, n - (size_t)(cut - src) - 5);
    } else {
        write_file(files[1], src, n);
        files[0][0] = 0;
    }

    const char *paths[] = {root};
    hr_options opt;
    hr_options_init(&opt);
    opt.paths = paths;
    opt.npaths = 1;
    opt.jobs = 1;
    opt.report_tests = true;
    hr_run run;
    hr_buf err;
    hr_buf_init(&err);
    int rc = hr_run_check(&run, &opt, &err);
    if (rc != 0)
        fprintf(stderr, "hr_run_check: %s\n", err.data ? err.data : "?");
    HR_FUZZ_CHECK(rc == 0, "the run failed on a readable project");
    hr_emit_input in = {.reports = &run.reports, .rules = hr_rules, .rule_count = hr_rule_count,
                        .root_uri = NULL, .version = "0.0.0-fuzz", .exit_code = run.any_failing,
                        .files_analyzed = run.files_analyzed};
    emit_checked(hr_emit_sarif, &in, true);
    emit_checked(hr_emit_json, &in, true);
    emit_checked(hr_emit_text, &in, false);
    hr_run_release(&run);
    hr_buf_free(&err);
    return 0;
}
