/* json.c - the machine-readable JSON output, the `rules` listing as JSON, and
 * the checked cJSON glue that sarif.c shares. */
#include "emit_internal.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- cJSON glue ---- */

static cJSON *j_check(cJSON *item)
{
    if (!item)
        hr_die_oom(sizeof(cJSON));
    return item;
}

static void j_attach(cJSON *parent, const char *key, cJSON *item)
{
    cJSON_bool ok = cJSON_IsArray(parent) ? cJSON_AddItemToArray(parent, item)
                                          : cJSON_AddItemToObject(parent, key, item);
    if (!ok)
        hr_die_oom(sizeof(cJSON));
}

cJSON *hr_j_obj(cJSON *parent, const char *key)
{
    cJSON *o = j_check(cJSON_CreateObject());
    if (parent)
        j_attach(parent, key, o);
    return o;
}

cJSON *hr_j_arr(cJSON *parent, const char *key)
{
    cJSON *a = j_check(cJSON_CreateArray());
    if (parent)
        j_attach(parent, key, a);
    return a;
}

void hr_j_strn(cJSON *parent, const char *key, const char *v, size_t n)
{
    hr_buf b;
    hr_buf_init(&b);
    hr_utf8_sanitize(&b, v, n);
    j_attach(parent, key, j_check(cJSON_CreateString(b.data ? b.data : "")));
    hr_buf_free(&b);
}

void hr_j_str(cJSON *parent, const char *key, const char *v)
{
    if (!v)
        j_attach(parent, key, j_check(cJSON_CreateNull()));
    else
        hr_j_strn(parent, key, v, strlen(v));
}

void hr_j_num(cJSON *parent, const char *key, double v)
{
    j_attach(parent, key, j_check(cJSON_CreateNumber(v)));
}

void hr_j_bool(cJSON *parent, const char *key, bool v)
{
    j_attach(parent, key, j_check(cJSON_CreateBool(v)));
}

/* Pretty printer over the cJSON tree: two-space indent, one member or
 * element per line, "[]" / "{}" when empty. cJSON_Print would indent with
 * tabs and put array elements on the opening line; this layout diffs better
 * (goldens) and reads like other tools' JSON. */
static void j_string(hr_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    hr_buf_putc(b, '"');
    size_t run = 0, i = 0;
    for (; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        hr_buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': hr_buf_puts(b, "\\\""); break;
        case '\\': hr_buf_puts(b, "\\\\"); break;
        case '\n': hr_buf_puts(b, "\\n"); break;
        case '\r': hr_buf_puts(b, "\\r"); break;
        case '\t': hr_buf_puts(b, "\\t"); break;
        case '\b': hr_buf_puts(b, "\\b"); break;
        case '\f': hr_buf_puts(b, "\\f"); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            hr_buf_add(b, esc, 6);
        }
        }
    }
    hr_buf_add(b, s + run, i - run);
    hr_buf_putc(b, '"');
}

static void j_indent(hr_buf *b, int depth)
{
    hr_buf_putc(b, '\n');
    for (int i = 0; i < depth; i++)
        hr_buf_add(b, "  ", 2);
}

static void j_print(hr_buf *b, const cJSON *item, int depth)
{
    if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
        bool obj = cJSON_IsObject(item);
        hr_buf_putc(b, obj ? '{' : '[');
        const cJSON *c = item->child;
        for (; c; c = c->next) {
            j_indent(b, depth + 1);
            if (obj) {
                j_string(b, c->string ? c->string : "");
                hr_buf_add(b, ": ", 2);
            }
            j_print(b, c, depth + 1);
            if (c->next)
                hr_buf_putc(b, ',');
        }
        if (item->child)
            j_indent(b, depth);
        hr_buf_putc(b, obj ? '}' : ']');
    } else if (cJSON_IsString(item)) {
        j_string(b, item->valuestring ? item->valuestring : "");
    } else if (cJSON_IsNumber(item)) {
        double v = item->valuedouble;
        if (v == (double)(int64_t)v && v > -9007199254740992.0 && v < 9007199254740992.0)
            hr_buf_printf(b, "%" PRId64, (int64_t)v);
        else
            hr_buf_printf(b, "%.17g", v);
    } else if (cJSON_IsBool(item)) {
        hr_buf_puts(b, cJSON_IsTrue(item) ? "true" : "false");
    } else {
        hr_buf_puts(b, "null");
    }
}

int hr_j_write(FILE *out, const cJSON *root)
{
    hr_buf b;
    hr_buf_init(&b);
    j_print(&b, root, 0);
    hr_buf_putc(&b, '\n');
    int rc = hr_emit_write(out, b.data, b.len);
    hr_buf_free(&b);
    if (rc == 0)
        rc = hr_emit_status(out);
    return rc;
}

void hr_j_free(cJSON *root)
{
    cJSON_Delete(root);
}

/* ---- findings ---- */

static void json_location(cJSON *parent, const hr_location *loc, bool with_message)
{
    cJSON *o = hr_j_obj(parent, NULL);
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, loc, HR_COL_CODEPOINTS);
    hr_j_str(o, "path", loc->file ? loc->file->path : NULL);
    hr_j_num(o, "line", pos.line);
    hr_j_num(o, "column", pos.col);
    hr_j_num(o, "end_line", pos.end_line);
    hr_j_num(o, "end_column", pos.end_col);
    if (with_message)
        hr_j_str(o, "message", loc->message);
}

static void json_locations(cJSON *parent, const char *key, const hr_vec *v)
{
    cJSON *a = hr_j_arr(parent, key);
    for (uint32_t i = 0; i < v->len; i++)
        json_location(a, &HR_VEC_AT(*v, hr_location, i), true);
}

static void json_finding(cJSON *arr, const hr_finding *f, bool report_suppressed)
{
    cJSON *o = hr_j_obj(arr, NULL);
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, &f->loc, HR_COL_CODEPOINTS);
    hr_j_str(o, "rule", f->rule ? f->rule->id : NULL);
    hr_j_str(o, "stage", hr_stage_name(f->stage));
    hr_j_bool(o, "fails", f->fails);
    hr_j_str(o, "path", f->loc.file ? f->loc.file->path : NULL);
    hr_j_num(o, "line", pos.line);
    hr_j_num(o, "column", pos.col);
    hr_j_num(o, "end_line", pos.end_line);
    hr_j_num(o, "end_column", pos.end_col);
    hr_j_str(o, "message", f->message);
    hr_j_str(o, "help", f->rule ? f->rule->help : NULL);
    json_locations(o, "related", &f->related);
    json_locations(o, "flow", &f->flow);
    if (report_suppressed) {
        hr_j_bool(o, "suppressed", f->suppressed);
        if (f->suppressed)
            hr_j_str(o, "justification", f->justification);
    }
}

int hr_emit_json(FILE *out, const hr_emit_input *in)
{
    const hr_report_set *r = in->reports;
    cJSON *root = hr_j_obj(NULL, NULL);
    hr_j_str(root, "version", in->version);

    cJSON *findings = hr_j_arr(root, "findings");
    for (uint32_t i = 0; i < r->findings.len; i++)
        json_finding(findings, &HR_VEC_AT(r->findings, hr_finding, i), in->report_suppressed);

    cJSON *notices = hr_j_arr(root, "notices");
    for (uint32_t i = 0; i < r->notices.len; i++) {
        const hr_notice *n = &HR_VEC_AT(r->notices, hr_notice, i);
        cJSON *o = hr_j_obj(notices, NULL);
        hr_j_str(o, "level", hr_notice_level_name(n->level));
        hr_j_str(o, "code", n->code);
        hr_j_str(o, "path", n->file ? n->file->path : NULL);
        hr_j_num(o, "line", n->line);
        hr_j_str(o, "message", n->message);
    }

    hr_emit_counts c;
    hr_emit_count(&c, r);
    cJSON *summary = hr_j_obj(root, "summary");
    hr_j_num(summary, "files", (double)in->files_analyzed);
    hr_j_num(summary, "findings", (double)c.findings);
    hr_j_num(summary, "failing", (double)c.failing);
    cJSON *by_stage = hr_j_obj(summary, "by_stage");
    for (int s = 0; s < HR_STAGE_COUNT; s++)
        hr_j_num(by_stage, hr_stage_name((hr_stage)s), (double)c.by_stage[s]);

    int rc = hr_j_write(out, root);
    cJSON_Delete(root);
    return rc;
}

/* ---- rules listing ---- */

int hr_emit_rules_json(FILE *out, const hr_rule *const *rules, size_t n)
{
    cJSON *root = hr_j_arr(NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        const hr_rule *rule = rules[i];
        cJSON *o = hr_j_obj(root, NULL);
        hr_j_str(o, "id", rule->id);
        hr_j_str(o, "name", rule->name);
        hr_j_str(o, "stage", hr_stage_name(rule->stage));
        hr_j_str(o, "precision", hr_precision_name(rule->precision));
        cJSON *langs = hr_j_arr(o, "languages");
        for (int l = HR_LANG_NONE + 1; l < HR_LANG_COUNT; l++)
            if (rule->languages & HR_LANGBIT(l))
                hr_j_str(langs, NULL, hr_lang_name((hr_lang)l));
        hr_j_str(o, "title", rule->title);
        hr_j_str(o, "help", rule->help);
    }
    int rc = hr_j_write(out, root);
    cJSON_Delete(root);
    return rc;
}
