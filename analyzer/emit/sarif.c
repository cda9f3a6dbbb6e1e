/* sarif.c - SARIF 2.1.0 output for GitHub code scanning, VS Code and others.
 *
 * What each field must hold, and why, is in the SARIF spec notes
 * (shared/spec/sarif.md §0, §2, §7): one run, repo-relative percent-encoded
 * URIs under %SRCROOT%, UTF-16 columns, GitHub's primaryLocationLineHash, the
 * scale stage as a rule tag, a property and in the message text. No
 * timestamps: the same findings give the same bytes. */
#include "emit_internal.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_SRCROOT "%SRCROOT%"

/* Caps per result. GitHub takes 10 000 thread-flow locations and shows 1 000,
 * but the multitool's GitHub rule GH1004 flags more than 100 (tested), and a
 * loop -> query flow has a handful of steps. Related locations: 1 200 pass. */
enum { SARIF_MAX_FLOW = 100, SARIF_MAX_RELATED = 1000 };
/* Snippets and context lines longer than this are left out (minified code
 * would otherwise copy whole files into the log once per result). */
enum { SARIF_MAX_SNIPPET = 4096 };

typedef struct sarif_ctx {
    const hr_emit_input *in;
    hr_buf tmp;
    /* line hashes of the file of the previous result (results come sorted) */
    const hr_source *hashed;
    hr_line_hash *hashes;
    size_t hash_lines;
    /* occurrences of logical fingerprint keys: open addressing, count 0 = empty */
    struct occ_slot { uint64_t key; uint32_t count; } *occ;
    size_t occ_mask;
} sarif_ctx;

/* ---- tool.driver ---- */

static void sarif_rule(cJSON *rules, const hr_rule *rule, hr_buf *tmp)
{
    const char *stage = hr_stage_name(rule->stage);
    cJSON *o = hr_j_obj(rules, NULL);
    hr_j_str(o, "id", rule->id);
    hr_j_str(o, "name", rule->name);
    hr_j_str(hr_j_obj(o, "shortDescription"), "text", rule->title);

    hr_buf_clear(tmp);
    hr_buf_printf(tmp, "%s %s", rule->title, rule->help);
    hr_j_str(hr_j_obj(o, "fullDescription"), "text", tmp->data);

    hr_buf_clear(tmp);
    hr_buf_printf(tmp, "%s" HR_EMIT_RULE_DOC_PATH "%s.md", HR_EMIT_INFO_URI, rule->id);
    char *help_uri = hr_xstrdup(tmp->data);

    cJSON *help = hr_j_obj(o, "help");
    hr_j_str(help, "text", rule->help);
    hr_buf_clear(tmp);
    hr_buf_printf(tmp,
                  "**%s**\n\nScale stage: **%s** (bites at about %s users).\n\n%s\n\n"
                  "[Rule documentation](%s)",
                  rule->title, stage, stage, rule->help, help_uri);
    hr_j_str(help, "markdown", tmp->data);
    hr_j_str(o, "helpUri", help_uri);
    free(help_uri);

    hr_j_str(hr_j_obj(o, "defaultConfiguration"), "level", "warning");

    cJSON *props = hr_j_obj(o, "properties");
    cJSON *tags = hr_j_arr(props, "tags");
    hr_j_str(tags, NULL, "scale");
    hr_j_str(tags, NULL, "performance");
    hr_buf_clear(tmp);
    hr_buf_printf(tmp, "headroom-stage-%s", stage);
    hr_j_str(tags, NULL, tmp->data);
    hr_j_str(props, "precision", hr_precision_name(rule->precision));
    hr_j_str(props, "problem.severity", "warning");
    hr_j_str(props, "headroom/scaleStage", stage);
}

static void sarif_tool(cJSON *run, const hr_emit_input *in, hr_buf *tmp)
{
    cJSON *driver = hr_j_obj(hr_j_obj(run, "tool"), "driver");
    hr_j_str(driver, "name", "headroom");
    hr_j_str(driver, "version", in->version);
    hr_j_str(driver, "semanticVersion", in->version);
    hr_j_str(driver, "informationUri", HR_EMIT_INFO_URI);
    cJSON *rules = hr_j_arr(driver, "rules");
    for (size_t i = 0; i < in->rule_count; i++)
        sarif_rule(rules, in->rules[i], tmp);
}

/* ---- locations ---- */

static void sarif_artifact(cJSON *parent, const hr_source *file, hr_buf *tmp)
{
    cJSON *a = hr_j_obj(parent, "artifactLocation");
    hr_buf_clear(tmp);
    if (file && file->relpath) {
        hr_emit_uri_encode(tmp, file->relpath);
        hr_j_str(a, "uri", tmp->data ? tmp->data : "");
        hr_j_str(a, "uriBaseId", SARIF_SRCROOT);
    } else {
        hr_emit_file_uri(tmp, file ? file->path : "");
        hr_j_str(a, "uri", tmp->data);
    }
}

/* A physicalLocation with a full region; the snippet only when asked. */
static void sarif_physical(cJSON *parent, const hr_location *loc, bool snippet, hr_buf *tmp)
{
    cJSON *phys = hr_j_obj(parent, "physicalLocation");
    sarif_artifact(phys, loc->file, tmp);
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, loc, HR_COL_UTF16);
    cJSON *region = hr_j_obj(phys, "region");
    hr_j_num(region, "startLine", pos.line);
    hr_j_num(region, "startColumn", pos.col);
    hr_j_num(region, "endLine", pos.end_line);
    hr_j_num(region, "endColumn", pos.end_col);
    uint32_t s, e;
    if (!snippet || !hr_emit_span_bytes(&s, &e, loc))
        return;
    const char *text = loc->file->text;
    if (e - s > SARIF_MAX_SNIPPET)
        return;
    hr_j_strn(hr_j_obj(region, "snippet"), "text", text + s, e - s);
    /* contextRegion: the whole lines of the region, so viewers without the
     * checkout can show the code around it (multitool SARIF2011). */
    uint32_t cs, ce, unused;
    hr_emit_line_bounds(&cs, &unused, text, loc->file->len, s);
    hr_emit_line_bounds(&unused, &ce, text, loc->file->len, e);
    if (ce < e)
        ce = e;
    if (ce - cs > SARIF_MAX_SNIPPET)
        return;
    cJSON *ctx = hr_j_obj(phys, "contextRegion");
    hr_j_num(ctx, "startLine", pos.line);
    hr_j_num(ctx, "endLine", pos.end_line);
    hr_j_strn(hr_j_obj(ctx, "snippet"), "text", text + cs, ce - cs);
}

/* Message of a related location or flow step: as the rule wrote it, or a
 * fallback so that message.text is never empty (GitHub GH1007). */
static void sarif_loc_message(cJSON *parent, const char *msg, const char *fallback)
{
    hr_j_str(hr_j_obj(parent, "message"), "text", msg && msg[0] ? msg : fallback);
}

/* ---- fingerprints ---- */

static void sarif_line_hash(sarif_ctx *cx, cJSON *fp, const hr_finding *f)
{
    const hr_source *file = f->loc.file;
    if (!file || !file->text)
        return; /* upload-sarif computes it from the checkout */
    if (cx->hashed != file) {
        free(cx->hashes);
        cx->hash_lines = hr_line_hashes(&cx->hashes, file->text, file->len);
        cx->hashed = file;
    }
    uint32_t line = f->loc.span.start_line ? f->loc.span.start_line : 1;
    if (line > cx->hash_lines)
        return;
    char buf[32];
    hr_line_hash_format(buf, cx->hashes[line - 1]);
    hr_j_str(fp, "primaryLocationLineHash", buf);
}

static uint32_t sarif_occurrence(sarif_ctx *cx, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 31)) & cx->occ_mask;
    while (cx->occ[i].count && cx->occ[i].key != key)
        i = (i + 1) & cx->occ_mask;
    cx->occ[i].key = key;
    return ++cx->occ[i].count;
}

static void sarif_logical(sarif_ctx *cx, cJSON *fp, const hr_finding *f)
{
    const char *id = f->rule ? f->rule->id : "";
    const hr_source *file = f->loc.file;
    const char *path = file ? (file->relpath ? file->relpath : file->path) : "";
    const char *text = "";
    uint32_t s = 0, e = 0;
    if (hr_emit_span_bytes(&s, &e, &f->loc))
        text = file->text;
    uint64_t key = hr_logical_hash(id, path, text + s, e - s, 0);
    uint32_t occ = sarif_occurrence(cx, key);
    char buf[20];
    snprintf(buf, sizeof buf, "%016" PRIx64, hr_logical_hash(id, path, text + s, e - s, occ));
    hr_j_str(fp, "headroomLogicalFingerprint/v1", buf);
}

/* ---- results ---- */

static int rule_index(const hr_emit_input *in, const hr_rule *rule)
{
    if (!rule)
        return -1;
    for (size_t i = 0; i < in->rule_count; i++)
        if (in->rules[i] == rule)
            return (int)i;
    for (size_t i = 0; i < in->rule_count; i++)
        if (strcmp(in->rules[i]->id, rule->id) == 0)
            return (int)i;
    return -1;
}

static void sarif_result(sarif_ctx *cx, cJSON *results, const hr_finding *f)
{
    hr_buf *tmp = &cx->tmp;
    const char *stage = hr_stage_name(f->stage);
    cJSON *o = hr_j_obj(results, NULL);
    hr_j_str(o, "ruleId", f->rule ? f->rule->id : "unknown");
    int idx = rule_index(cx->in, f->rule);
    if (idx >= 0)
        hr_j_num(o, "ruleIndex", idx);
    hr_j_str(o, "level", f->fails ? "warning" : "note");

    hr_buf_clear(tmp);
    hr_emit_sentence(tmp, f->message);
    hr_buf_printf(tmp, "%sScale stage: %s.", tmp->len ? " " : "", stage);
    hr_j_str(hr_j_obj(o, "message"), "text", tmp->data);

    sarif_physical(hr_j_obj(hr_j_arr(o, "locations"), NULL), &f->loc, true, tmp);

    if (f->related.len) {
        cJSON *rel = hr_j_arr(o, "relatedLocations");
        uint32_t n = f->related.len < SARIF_MAX_RELATED ? f->related.len : SARIF_MAX_RELATED;
        for (uint32_t i = 0; i < n; i++) {
            const hr_location *loc = &HR_VEC_AT(f->related, hr_location, i);
            cJSON *l = hr_j_obj(rel, NULL);
            hr_j_num(l, "id", i + 1);
            sarif_loc_message(l, loc->message, "Related location.");
            sarif_physical(l, loc, false, tmp);
        }
    }

    if (f->flow.len) {
        cJSON *flow = hr_j_obj(hr_j_arr(o, "codeFlows"), NULL);
        cJSON *tfl = hr_j_arr(hr_j_obj(hr_j_arr(flow, "threadFlows"), NULL), "locations");
        uint32_t n = f->flow.len < SARIF_MAX_FLOW ? f->flow.len : SARIF_MAX_FLOW;
        for (uint32_t i = 0; i < n; i++) {
            const hr_location *loc = &HR_VEC_AT(f->flow, hr_location, i);
            cJSON *l = hr_j_obj(hr_j_obj(tfl, NULL), "location");
            /* steps read as sentences in GitHub's "Show paths" view */
            hr_buf_clear(tmp);
            hr_emit_sentence(tmp, loc->message);
            sarif_loc_message(l, tmp->data, "Step.");
            sarif_physical(l, loc, false, tmp);
        }
    }

    cJSON *fp = hr_j_obj(o, "partialFingerprints");
    sarif_line_hash(cx, fp, f);
    sarif_logical(cx, fp, f);

    /* With --report-suppressed every result carries `suppressions` (all or
     * none in a run, SARIF §3.27.23): [] or the accepted in-source one. */
    if (cx->in->report_suppressed) {
        cJSON *sups = hr_j_arr(o, "suppressions");
        if (f->suppressed) {
            cJSON *s = hr_j_obj(sups, NULL);
            hr_j_str(s, "kind", "inSource");
            hr_j_str(s, "status", "accepted");
            hr_j_str(s, "justification", f->justification ? f->justification : "");
        }
    }

    hr_j_str(hr_j_obj(o, "properties"), "headroom/scaleStage", stage);
}

/* ---- invocation ---- */

static const char *notification_level(hr_notice_level l)
{
    switch (l) {
    case HR_NOTE_ERROR: return "error";
    case HR_NOTE_WARNING: return "warning";
    case HR_NOTE_INFO: return "note";
    }
    return "warning";
}

static void sarif_invocation(cJSON *run, const hr_emit_input *in, hr_buf *tmp)
{
    cJSON *inv = hr_j_obj(hr_j_arr(run, "invocations"), NULL);
    hr_j_bool(inv, "executionSuccessful", in->exit_code != 2);
    hr_j_num(inv, "exitCode", in->exit_code);
    const hr_vec *notices = &in->reports->notices;
    if (!notices->len)
        return;
    cJSON *arr = hr_j_arr(inv, "toolExecutionNotifications");
    for (uint32_t i = 0; i < notices->len; i++) {
        const hr_notice *n = &HR_VEC_AT(*notices, hr_notice, i);
        cJSON *o = hr_j_obj(arr, NULL);
        hr_j_str(o, "level", notification_level(n->level));
        hr_j_str(hr_j_obj(o, "descriptor"), "id", n->code ? n->code : "HRN0000");
        hr_buf_clear(tmp);
        hr_emit_capitalized(tmp, n->message);
        if (!tmp->len)
            hr_buf_puts(tmp, "Notice");
        if (n->file) {
            const char *p = n->file->relpath ? n->file->relpath : n->file->path;
            hr_buf_puts(tmp, " ('");
            hr_utf8_sanitize(tmp, p, strlen(p));
            hr_buf_putc(tmp, '\'');
            if (n->line)
                hr_buf_printf(tmp, ", line %" PRIu32, n->line);
            hr_buf_putc(tmp, ')');
        }
        hr_buf_putc(tmp, '.');
        hr_j_str(hr_j_obj(o, "message"), "text", tmp->data);
        if (n->file) {
            cJSON *phys = hr_j_obj(hr_j_obj(hr_j_arr(o, "locations"), NULL), "physicalLocation");
            sarif_artifact(phys, n->file, tmp);
            if (n->line)
                hr_j_num(hr_j_obj(phys, "region"), "startLine", n->line);
        }
    }
}

int hr_emit_sarif(FILE *out, const hr_emit_input *in)
{
    const hr_report_set *r = in->reports;
    sarif_ctx cx = {.in = in};
    hr_buf_init(&cx.tmp);
    size_t slots = 16;
    while (slots < 2 * (size_t)r->findings.len)
        slots *= 2;
    cx.occ = hr_xcalloc(slots, sizeof *cx.occ);
    cx.occ_mask = slots - 1;

    cJSON *root = hr_j_obj(NULL, NULL);
    hr_j_str(root, "$schema", SARIF_SCHEMA);
    hr_j_str(root, "version", "2.1.0");
    cJSON *run = hr_j_obj(hr_j_arr(root, "runs"), NULL);
    sarif_tool(run, in, &cx.tmp);
    sarif_invocation(run, in, &cx.tmp);
    /* "category/" as upload-sarif writes it (a trailing '/' is not doubled);
     * upload-sarif keeps an automationDetails already in the file */
    if (in->sarif_category) {
        hr_buf_clear(&cx.tmp);
        size_t n = strlen(in->sarif_category);
        hr_buf_printf(&cx.tmp, "%s%s", in->sarif_category,
                      n && in->sarif_category[n - 1] == '/' ? "" : "/");
        hr_j_str(hr_j_obj(run, "automationDetails"), "id", cx.tmp.data);
    }
    if (in->root_uri)
        hr_j_str(hr_j_obj(hr_j_obj(run, "originalUriBaseIds"), SARIF_SRCROOT), "uri",
                 in->root_uri);
    hr_j_str(run, "columnKind", "utf16CodeUnits");
    cJSON *results = hr_j_arr(run, "results");
    for (uint32_t i = 0; i < r->findings.len; i++)
        sarif_result(&cx, results, &HR_VEC_AT(r->findings, hr_finding, i));

    int rc = hr_j_write(out, root);
    cJSON_Delete(root);
    free(cx.hashes);
    free(cx.occ);
    hr_buf_free(&cx.tmp);
    return rc;
}
