/* dump.c - a stable, line-oriented text dump of a file model.
 *
 * Used by the lowering goldens, so the format is part of the test contract:
 * one entity per line, fields as key=value in a fixed order, entities in
 * model order. Grammar of a line:
 *
 *   line   := kind ' ' index? (' ' word)? (' ' key '=' value)*
 *   value  := scalar | list
 *   list   := '[' (scalar (',' scalar)*)? ']'
 *   scalar := bare | quoted | '-'           ('-' means NULL / no flags)
 *   bare   := one or more of [A-Za-z0-9_.()<>?*-], plus the pair "[]"
 *   quoted := '"' with \\ \" \n \r \t \xNN escapes '"'
 *
 * A span is written line:col-line:col (1-based lines, 0-based byte columns).
 * Class fields follow their class on lines indented by two spaces.
 */
#include "headroom/model.h"

#include <stdio.h>
#include <string.h>

static bool bare_ok(const char *s)
{
    if (!*s)
        return false;
    if (strcmp(s, "-") == 0)
        return false; /* reserved for NULL */
    for (const char *c = s; *c; c++) {
        unsigned char u = (unsigned char)*c;
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
            continue;
        if (strchr("_.()<>?*-", u))
            continue;
        if (u == '[' && c[1] == ']') {
            c++;
            continue;
        }
        return false;
    }
    return true;
}

static void put_str(hr_buf *b, const char *s)
{
    if (!s) {
        hr_buf_putc(b, '-');
        return;
    }
    if (bare_ok(s)) {
        hr_buf_puts(b, s);
        return;
    }
    hr_buf_putc(b, '"');
    for (const char *c = s; *c; c++) {
        unsigned char u = (unsigned char)*c;
        switch (u) {
        case '"': hr_buf_puts(b, "\\\""); break;
        case '\\': hr_buf_puts(b, "\\\\"); break;
        case '\n': hr_buf_puts(b, "\\n"); break;
        case '\r': hr_buf_puts(b, "\\r"); break;
        case '\t': hr_buf_puts(b, "\\t"); break;
        default:
            if (u < 0x20 || u == 0x7f)
                hr_buf_printf(b, "\\x%02x", u);
            else
                hr_buf_putc(b, (char)u);
        }
    }
    hr_buf_putc(b, '"');
}

static void put_kv(hr_buf *b, const char *key, const char *value)
{
    hr_buf_printf(b, " %s=", key);
    put_str(b, value);
}

static void put_int(hr_buf *b, const char *key, long long v)
{
    hr_buf_printf(b, " %s=%lld", key, v);
}

static void put_strs(hr_buf *b, const char *key, const hr_strs *s)
{
    hr_buf_printf(b, " %s=[", key);
    for (uint32_t i = 0; i < s->n; i++) {
        if (i)
            hr_buf_putc(b, ',');
        put_str(b, s->v[i]);
    }
    hr_buf_putc(b, ']');
}

static void put_span(hr_buf *b, const char *key, hr_span s)
{
    hr_buf_printf(b, " %s=%u:%u-%u:%u", key, s.start_line, s.start_col, s.end_line, s.end_col);
}

static void put_flags(hr_buf *b, uint32_t flags, const char *const *names, size_t n)
{
    hr_buf_puts(b, " flags=");
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!(flags & (1u << i)))
            continue;
        if (any)
            hr_buf_putc(b, ',');
        hr_buf_puts(b, names[i]);
        any = true;
    }
    uint32_t known = n >= 32 ? UINT32_MAX : (1u << n) - 1;
    if (flags & ~known) {
        hr_buf_printf(b, "%s0x%x", any ? "," : "", flags & ~known);
        any = true;
    }
    if (!any)
        hr_buf_putc(b, '-');
}

/* Indexed by bit position of the flag enums in model.h. */
static const char *const fn_flag_names[] = {"async", "method", "lambda", "module", "generator", "property"};
static const char *const loop_flag_names[] = {"async", "small_literal", "infinite", "concurrent"};
static const char *const call_flag_names[] = {"awaited", "returned", "then_exit", "loop_iterable",
                                              "method", "constructor"};

static const char *loop_kind_name(hr_loop_kind k)
{
    switch (k) {
    case HR_LOOP_FOR: return "for";
    case HR_LOOP_WHILE: return "while";
    case HR_LOOP_DO: return "do";
    case HR_LOOP_COMPREHENSION: return "comprehension";
    case HR_LOOP_CALLBACK: return "callback";
    }
    return "?";
}

static const char *notice_kind_name(hr_notice_kind k)
{
    switch (k) {
    case HR_NOTICE_SYNTAX: return "syntax";
    case HR_NOTICE_LIMIT: return "limit";
    case HR_NOTICE_MISSING_HEADER: return "missing_header";
    }
    return "?";
}

void hr_model_dump(hr_buf *out, const hr_file_model *m)
{
    hr_buf_puts(out, "model");
    put_kv(out, "lang", hr_lang_name(m->lang));
    put_kv(out, "module", m->module);
    hr_buf_putc(out, '\n');

    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = HR_IMPORT(m, i);
        hr_buf_printf(out, "import %u", i);
        put_kv(out, "local", imp->local);
        put_kv(out, "target", imp->target);
        put_kv(out, "relative", imp->relative ? "true" : "false");
        put_span(out, "span", imp->span);
        if (imp->reexport)
            hr_buf_puts(out, " reexport=true");
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->functions.len; i++) {
        const hr_function *f = HR_FUNC(m, i);
        hr_buf_printf(out, "function %u ", i);
        put_str(out, f->name);
        put_kv(out, "qual", f->qualname);
        put_flags(out, f->flags, fn_flag_names, HR_ARRAY_LEN(fn_flag_names));
        put_strs(out, "params", &f->params);
        put_strs(out, "decorators", &f->decorators);
        put_int(out, "parent", f->parent);
        put_int(out, "class", f->class_index);
        put_span(out, "span", f->span);
        put_span(out, "name_span", f->name_span);
        if (f->param_types.n)
            put_strs(out, "param_types", &f->param_types);
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->classes.len; i++) {
        const hr_class *c = HR_CLASS(m, i);
        hr_buf_printf(out, "class %u ", i);
        put_str(out, c->name);
        put_kv(out, "qual", c->qualname);
        put_strs(out, "bases", &c->bases);
        put_strs(out, "decorators", &c->decorators);
        put_int(out, "parent", c->parent_class);
        put_int(out, "function", c->function);
        put_span(out, "span", c->span);
        put_span(out, "name_span", c->name_span);
        hr_buf_putc(out, '\n');
        for (uint32_t k = 0; k < c->fields.len; k++) {
            const hr_field *fd = HR_FIELD(c, k);
            hr_buf_puts(out, "  field ");
            put_str(out, fd->name);
            put_kv(out, "value", fd->value);
            put_int(out, "value_call", fd->value_call);
            put_span(out, "span", fd->span);
            if (fd->literal)
                put_kv(out, "literal", fd->literal);
            if (fd->annotation)
                put_kv(out, "annotation", fd->annotation);
            if (fd->decorators.n)
                put_strs(out, "decorators", &fd->decorators);
            hr_buf_putc(out, '\n');
        }
    }

    for (uint32_t i = 0; i < m->loops.len; i++) {
        const hr_loop *l = HR_LOOP(m, i);
        hr_buf_printf(out, "loop %u %s", i, loop_kind_name(l->kind));
        put_strs(out, "vars", &l->vars);
        put_kv(out, "iterable", l->iterable);
        put_int(out, "iter_call", l->iter_call);
        put_flags(out, l->flags, loop_flag_names, HR_ARRAY_LEN(loop_flag_names));
        put_int(out, "parent", l->parent);
        put_int(out, "function", l->function);
        put_span(out, "head", l->head);
        put_span(out, "span", l->span);
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->calls.len; i++) {
        const hr_call *c = HR_CALL(m, i);
        hr_buf_printf(out, "call %u", i);
        put_kv(out, "callee", c->callee);
        put_kv(out, "resolved", c->resolved);
        put_kv(out, "name", c->name);
        put_kv(out, "receiver", c->receiver);
        put_int(out, "receiver_call", c->receiver_call);
        put_flags(out, c->flags, call_flag_names, HR_ARRAY_LEN(call_flag_names));
        put_int(out, "function", c->function);
        put_int(out, "loop", c->loop);
        put_strs(out, "args", &c->args);
        put_strs(out, "kwargs", &c->kwargs);
        put_strs(out, "names", &c->names);
        put_span(out, "span", c->span);
        put_span(out, "name_span", c->name_span);
        /* Value texts only where they add something: literals among the
         * positional arguments, and keyword values. */
        bool literal_args = c->argvalues.n && c->argvalues.n != c->args.n;
        for (uint32_t k = 0; k < c->argvalues.n && !literal_args; k++)
            literal_args = strcmp(c->argvalues.v[k], c->args.v[k]) != 0;
        if (literal_args)
            put_strs(out, "argvalues", &c->argvalues);
        if (c->kwvalues.n)
            put_strs(out, "kwvalues", &c->kwvalues);
        /* Functions passed as arguments, as "arg:target:function" (target `-`
         * for a lambda); only when there are some. */
        if (c->callbacks.len) {
            hr_buf_puts(out, " callbacks=[");
            for (uint32_t k = 0; k < c->callbacks.len; k++) {
                const hr_callback *cb = &HR_VEC_AT(c->callbacks, hr_callback, k);
                char item[512];
                snprintf(item, sizeof(item), "%u:%s:%d", cb->arg, cb->target ? cb->target : "-",
                         (int)cb->function);
                if (k)
                    hr_buf_putc(out, ',');
                put_str(out, item);
            }
            hr_buf_putc(out, ']');
        }
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->assigns.len; i++) {
        const hr_assign *a = HR_ASSIGN(m, i);
        hr_buf_printf(out, "assign %u", i);
        put_kv(out, "target", a->target);
        put_kv(out, "value", a->value);
        put_int(out, "value_call", a->value_call);
        put_int(out, "function", a->function);
        put_int(out, "loop", a->loop);
        put_strs(out, "names", &a->names);
        put_span(out, "span", a->span);
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->returns.len; i++) {
        const hr_return *r = HR_RETURN(m, i);
        hr_buf_printf(out, "return %u", i);
        put_kv(out, "value", r->value);
        put_int(out, "value_call", r->value_call);
        put_int(out, "function", r->function);
        put_int(out, "loop", r->loop);
        put_strs(out, "names", &r->names);
        put_span(out, "span", r->span);
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *a = HR_ATTR(m, i);
        hr_buf_printf(out, "attr %u", i);
        put_kv(out, "root", a->root);
        put_kv(out, "chain", a->chain);
        put_int(out, "function", a->function);
        put_int(out, "loop", a->loop);
        put_span(out, "span", a->span);
        hr_buf_putc(out, '\n');
    }

    for (uint32_t i = 0; i < m->notices.len; i++) {
        const hr_file_notice *n = &HR_VEC_AT(m->notices, hr_file_notice, i);
        hr_buf_printf(out, "notice %u %s", i, notice_kind_name(n->kind));
        put_span(out, "span", n->span);
        put_kv(out, "message", n->message);
        hr_buf_putc(out, '\n');
    }
}
