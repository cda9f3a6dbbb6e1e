/* github.c - GitHub Actions workflow commands (`--format github`).
 *
 *   ::error file=app/views.py,line=9,endLine=9,col=34,endColumn=77,title=query-in-loop [1k]::Django query ...
 *
 * One line per finding: `::error` when it fails the run, `::notice` when it
 * is deferred by --scale; one `::warning`/`::notice` per notice. GitHub turns
 * them into annotations on the files (at most 10 per level and step are
 * shown; the rest stay in the log). Escaping follows actions/toolkit's
 * command.ts: in the message `%`, CR and LF become %25, %0D, %0A; property
 * values also escape `:` and `,` (%3A, %2C). Columns are 1-based code points
 * and given only for single-line spans (the Checks API ignores them
 * otherwise). Suppressed findings are never written. */
#include "emit_internal.h"

#include <string.h>

static void escape(hr_buf *b, const char *s, bool property)
{
    hr_buf clean;
    hr_buf_init(&clean);
    hr_utf8_sanitize(&clean, s, strlen(s));
    for (const char *p = clean.data ? clean.data : ""; *p; p++) {
        switch (*p) {
        case '%': hr_buf_puts(b, "%25"); break;
        case '\r': hr_buf_puts(b, "%0D"); break;
        case '\n': hr_buf_puts(b, "%0A"); break;
        case ':':
            hr_buf_puts(b, property ? "%3A" : ":");
            break;
        case ',':
            hr_buf_puts(b, property ? "%2C" : ",");
            break;
        default: hr_buf_putc(b, *p);
        }
    }
    hr_buf_free(&clean);
}

static const char *file_of(const hr_source *f)
{
    return f ? (f->relpath ? f->relpath : f->path) : NULL;
}

static void github_finding(hr_buf *b, hr_buf *tmp, const hr_finding *f)
{
    hr_emit_pos pos;
    hr_emit_pos_of(&pos, &f->loc, HR_COL_CODEPOINTS);
    hr_buf_puts(b, f->fails ? "::error file=" : "::notice file=");
    escape(b, file_of(f->loc.file) ? file_of(f->loc.file) : "", true);
    hr_buf_printf(b, ",line=%u,endLine=%u", pos.line, pos.end_line);
    if (pos.end_line == pos.line)
        hr_buf_printf(b, ",col=%u,endColumn=%u", pos.col, pos.end_col);
    hr_buf_clear(tmp);
    hr_buf_printf(tmp, "%s [%s]", f->rule ? f->rule->id : "headroom", hr_stage_name(f->stage));
    hr_buf_puts(b, ",title=");
    escape(b, tmp->data, true);
    hr_buf_puts(b, "::");

    hr_buf plain;
    hr_buf_init(&plain);
    hr_emit_unlinked(&plain, f->message ? f->message : "");
    hr_buf_clear(tmp);
    hr_emit_sentence(tmp, plain.data ? plain.data : "");
    hr_buf_free(&plain);
    hr_buf_printf(tmp, "%sScale stage: %s.", tmp->len ? " " : "", hr_stage_name(f->stage));
    if (f->rule && f->rule->help) {
        hr_buf_puts(tmp, "\n");
        hr_buf_puts(tmp, f->rule->help);
    }
    escape(b, tmp->data, false);
    hr_buf_putc(b, '\n');
}

static void github_notice(hr_buf *b, hr_buf *tmp, const hr_notice *n)
{
    const char *cmd = n->level == HR_NOTE_ERROR     ? "::error "
                      : n->level == HR_NOTE_WARNING ? "::warning "
                                                    : "::notice ";
    hr_buf_puts(b, cmd);
    if (n->file && file_of(n->file)) {
        hr_buf_puts(b, "file=");
        escape(b, file_of(n->file), true);
        if (n->line)
            hr_buf_printf(b, ",line=%u", n->line);
        hr_buf_putc(b, ',');
    }
    hr_buf_puts(b, "title=");
    escape(b, n->code ? n->code : "HRN0000", true);
    hr_buf_puts(b, "::");
    hr_buf_clear(tmp);
    hr_emit_sentence(tmp, n->message);
    escape(b, tmp->data ? tmp->data : "", false);
    hr_buf_putc(b, '\n');
}

int hr_emit_github(FILE *out, const hr_emit_input *in)
{
    const hr_report_set *r = in->reports;
    hr_buf b, tmp;
    hr_buf_init(&b);
    hr_buf_init(&tmp);
    int rc = 0;
    for (uint32_t i = 0; i < r->findings.len; i++) {
        const hr_finding *f = &HR_VEC_AT(r->findings, hr_finding, i);
        if (f->suppressed)
            continue;
        github_finding(&b, &tmp, f);
        if (b.len > 1 << 16) {
            if ((rc = hr_emit_write(out, b.data, b.len)) != 0)
                goto cleanup;
            hr_buf_clear(&b);
        }
    }
    for (uint32_t i = 0; i < r->notices.len; i++)
        github_notice(&b, &tmp, &HR_VEC_AT(r->notices, hr_notice, i));
    if ((rc = hr_emit_write(out, b.data ? b.data : "", b.len)) == 0)
        rc = hr_emit_status(out);
cleanup:
    hr_buf_free(&tmp);
    hr_buf_free(&b);
    return rc;
}
