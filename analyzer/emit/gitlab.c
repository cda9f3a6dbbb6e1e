/* gitlab.c - GitLab Code Quality report (`--format gitlab`).
 *
 *   [{"description": "...", "check_name": "query-in-loop", "fingerprint": "0d1f5c9a2b7e4433",
 *     "severity": "major", "location": {"path": "app/views.py", "lines": {"begin": 9}}}]
 *
 * The subset of the CodeClimate format GitLab reads (artifacts: reports:
 * codequality). `[]` when there is nothing to report. The fingerprint is
 * SARIF's headroomLogicalFingerprint/v1 (rule, path, the finding's text without
 * blanks, occurrence): unique per finding and stable when lines move, which is
 * what the merge request widget compares. Failing findings are `major`,
 * deferred ones `info`. Suppressed findings and notices are not issues. */
#include "emit_internal.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

typedef struct occ_slot {
    uint64_t key;
    uint32_t count;
} occ_slot;

static uint32_t occurrence(occ_slot *slots, size_t mask, uint64_t key)
{
    size_t i = (size_t)(key ^ (key >> 31)) & mask;
    while (slots[i].count && slots[i].key != key)
        i = (i + 1) & mask;
    slots[i].key = key;
    return ++slots[i].count;
}

int hr_emit_gitlab(FILE *out, const hr_emit_input *in)
{
    const hr_report_set *r = in->reports;
    size_t nslots = 16;
    while (nslots < 2 * (size_t)r->findings.len)
        nslots *= 2;
    occ_slot *slots = hr_xcalloc(nslots, sizeof(*slots));
    hr_buf tmp, plain;
    hr_buf_init(&tmp);
    hr_buf_init(&plain);
    struct cJSON *root = hr_j_arr(NULL, NULL);
    for (uint32_t i = 0; i < r->findings.len; i++) {
        const hr_finding *f = &HR_VEC_AT(r->findings, hr_finding, i);
        if (f->suppressed)
            continue;
        const hr_source *file = f->loc.file;
        const char *id = f->rule ? f->rule->id : "unknown";
        const char *path = file ? (file->relpath ? file->relpath : file->path) : "";
        struct cJSON *o = hr_j_obj(root, NULL);

        hr_buf_clear(&plain);
        hr_emit_unlinked(&plain, f->message ? f->message : "");
        hr_buf_clear(&tmp);
        hr_emit_sentence(&tmp, plain.data ? plain.data : "");
        hr_buf_printf(&tmp, "%sScale stage: %s.", tmp.len ? " " : "", hr_stage_name(f->stage));
        hr_j_str(o, "description", tmp.data);
        hr_j_str(o, "check_name", id);

        const char *text = "";
        uint32_t s = 0, e = 0;
        if (hr_emit_span_bytes(&s, &e, &f->loc))
            text = file->text;
        uint64_t key = hr_logical_hash(id, path, text + s, e - s, 0);
        uint32_t occ = occurrence(slots, nslots - 1, key);
        char fp[20];
        snprintf(fp, sizeof(fp), "%016" PRIx64, hr_logical_hash(id, path, text + s, e - s, occ));
        hr_j_str(o, "fingerprint", fp);
        hr_j_str(o, "severity", f->fails ? "major" : "info");

        hr_emit_pos pos;
        hr_emit_pos_of(&pos, &f->loc, HR_COL_CODEPOINTS);
        struct cJSON *loc = hr_j_obj(o, "location");
        hr_j_str(loc, "path", path);
        hr_j_num(hr_j_obj(loc, "lines"), "begin", pos.line);
    }
    int rc = hr_j_write(out, root);
    hr_j_free(root);
    hr_buf_free(&plain);
    hr_buf_free(&tmp);
    free(slots);
    return rc;
}
