/* javascript.c - lowers tree-sitter-javascript, -typescript and -tsx trees
 * into the language-neutral model.
 *
 * One lowering serves the three grammars. Their node and field ids differ,
 * so each grammar gets its own tables, resolved when a parser is created
 * (hr_js_tables_new); a node type or field the lowering relies on that the
 * grammar lacks aborts there, loudly. During the walk a node's kind is one
 * table lookup: no string compares of node types.
 *
 * The walk has the shape of python.c's (read that first): one pre-order walk
 * with the parser's cursor; every named node gets a frame on an explicit
 * stack (capped by limits->max_depth); a frame inherits context (enclosing
 * function, loop, class, qualname scope, return context, mode) and
 * synthesises a result for its parent when it is left (its chain text on the
 * byte stack cb, the call it is, literal facts). Targets, arguments,
 * object-literal keys, decorators and base classes travel up on the strs
 * stack until the construct that owns them consumes them. Entities get their
 * indexes when their node is entered, so calls and loops are in pre-order.
 * Resolution through imports runs after the walk.
 *
 * Choices the model leaves open, made here:
 *  - Module ids are '/'-separated paths without extension and without a
 *    trailing "/index" (hr_js_module_name); a file named index.* is its
 *    folder's module, so relative specifiers in it resolve against that
 *    folder. Package specifiers stay as written ("@prisma/client").
 *  - A default import (`import x from 'm'`, `const x = require('m')`) binds
 *    the module itself: x -> "m". Named imports bind "m.name". `import type`
 *    and type-only specifiers bind nothing.
 *  - `const x = require('m')` (and destructuring of it, and `.y` on it) is an
 *    import, not an assignment: it produces hr_import entries only.
 *  - Exports that other files resolve through are hr_import entries with
 *    `reexport` set (see model.h). A re-exported local name is qualified with
 *    this module ("src/models/order.Order") unless an import binds it.
 *  - Functions: a function expression or arrow takes the name of what it is
 *    assigned to (declarator, property key, assignment target's last
 *    segment, class field; "default" for `export default` and
 *    `module.exports =`), since that is the name it is called by; else its
 *    own name; else it is "<lambda>" with HR_FN_LAMBDA. Class methods, and
 *    functions that are the value of a class field (`handle = async () =>
 *    {}`), are HR_FN_METHOD with their class; object-literal methods are
 *    HR_FN_METHOD without one. The awaited call `await f<T>(x)`, which
 *    tree-sitter-typescript reads as a call of `await f`, is lowered as
 *    what it is.
 *    `get` accessors are HR_FN_PROPERTY; `function*` and `*m()` are
 *    generators even without a `yield`.
 *  - Callback loops (HR_LOOP_CALLBACK): a function or arrow written as the
 *    first argument of `.forEach/.map/...(fn)` on any receiver, or as the
 *    second argument of `Promise.map/each/mapSeries(xs, fn)` (Bluebird) or of
 *    lodash/underscore `_.map/forEach/...(xs, fn)`. The loop's function is the
 *    callback itself; its parent is the loop around the call. `.map` passed
 *    to Promise.all/allSettled/any/race, and Bluebird's Promise.map, are
 *    HR_LOOP_CONCURRENT.
 *  - The expression body of an arrow is its return value: calls in it are
 *    HR_CALL_RETURNED (not THEN_EXIT) and it is an hr_return of the arrow.
 *  - `this` and `super` are names like identifiers (`this.repo.find` has
 *    receiver "this.repo" and reads "this"). Optional chaining is ignored
 *    (`a?.b()` is `a.b()`); TypeScript types, `as`, `satisfies` and `!` are
 *    looked through; interfaces, type aliases, enums and `declare` are not
 *    lowered.
 *  - kwargs of a call are the top-level keys of every object-literal
 *    argument, in order, de-duplicated; a spread in one is "..." (as "**" in
 *    Python: it may hold any key); computed keys are skipped. A tagged
 *    template is a call of its tag with no positional arguments.
 *  - Destructuring `const { a, b: c } = e` assigns a = "e.a", c = "e.b"
 *    (nested keys join; array elements and rest elements get "?").
 *  - Class fields (`@Column() email: string`, `static t = 'x'`) are hr_field
 *    entries of the class with their decorators; they are not assignments.
 *  - Value texts (model.h): strings as `"content"` (quotes normalised, a
 *    template without substitutions too), numbers as written, `true`,
 *    `false`, `null`, `undefined`, arrays of value texts; argvalues parallel
 *    to args, kwvalues to kwargs (an object key's value, a shorthand's name).
 *    Type texts of TypeScript annotations: a field's `annotation`, a
 *    function's `param_types` (for a parameter that binds one name).
 *  - A function's and a class's span is its node's: in the JavaScript
 *    grammar decorators are children of a method or class and are included,
 *    in TypeScript a method's decorators are siblings and are not.
 *  - A subtree deeper than max_depth is not visited: it reads as `?`.
 */
#include "lower_util.h"
#include "ts_walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- grammars, node kinds, fields and tokens, resolved once per grammar ---- */
enum { G_JS = 1 << 0, G_TS = 1 << 1, G_TSX = 1 << 2 };
#define G_ALL (G_JS | G_TS | G_TSX)
#define G_TYPED (G_TS | G_TSX)
#define G_JSX (G_JS | G_TSX)

enum {
    K_OTHER = 0, /* any other named node: not a chain; children are read */
    K_TRIVIA,    /* comments, optional-chain markers, JSX text: no frame */
    K_SKIP,      /* not descended: TypeScript types and declarations without code */
    K_OPAQUE,    /* deeper than max_depth: not descended */
    K_ERROR,
    K_PROGRAM,
    K_BLOCK,
    K_CASE,
    K_EMPTY,
    K_FUNC,
    K_METHOD,
    K_ARROW,
    K_CLASS,
    K_CLASS_BODY,
    K_HERITAGE,
    K_EXTENDS,
    K_FIELD,
    K_DECORATOR,
    K_PARAMS,
    K_PARAM_TS,
    K_ASSIGN_PAT,
    K_OBJECT_PAT,
    K_ARRAY_PAT,
    K_PAIR_PAT,
    K_REST_PAT,
    K_SHORTHAND_PAT,
    K_FOR,
    K_FOR_IN,
    K_WHILE,
    K_DO,
    K_CALL,
    K_NEW,
    K_ARGS,
    K_TEMPLATE,
    K_MEMBER,
    K_SUBSCRIPT,
    K_IDENT,
    K_THIS,
    K_KEYWORD,
    K_NAME,
    K_SHORTHAND,
    K_PAREN,
    K_TRANSPARENT,
    K_AWAIT,
    K_ARRAY,
    K_OBJECT,
    K_PAIR,
    K_SPREAD,
    K_NUMBER,
    K_TRUE,
    K_LITERAL,
    K_STRING,
    K_SUBST,
    K_DECL,
    K_DECLARATOR,
    K_ASSIGN,
    K_AUGASSIGN,
    K_UPDATE,
    K_SEQUENCE,
    K_RETURN,
    K_THROW,
    K_YIELD,
    K_IMPORT,
    K_EXPORT,
    K_JSX_TAG,
    K_CATCH,
};

enum {
    NF_SIMPLE = 1 << 0, /* a simple statement (expression, declaration) */
    NF_EXIT = 1 << 1,   /* break / return / throw */
    NF_GEN = 1 << 2,    /* a generator function node */
};

typedef struct js_node_spec {
    const char *name;
    uint8_t kind, flags, grammars;
} js_node_spec;

static const js_node_spec js_nodes[] = {
    {"program", K_PROGRAM, 0, G_ALL},
    {"statement_block", K_BLOCK, 0, G_ALL},
    {"switch_case", K_CASE, 0, G_ALL},
    {"switch_default", K_CASE, 0, G_ALL},
    {"empty_statement", K_EMPTY, 0, G_ALL},
    {"comment", K_TRIVIA, 0, G_ALL},
    {"html_comment", K_TRIVIA, 0, G_ALL},
    {"hash_bang_line", K_TRIVIA, 0, G_ALL},
    {"optional_chain", K_TRIVIA, 0, G_ALL},
    {"jsx_text", K_TRIVIA, 0, G_JSX},
    {"html_character_reference", K_TRIVIA, 0, G_JSX},
    {"function_declaration", K_FUNC, 0, G_ALL},
    {"function_expression", K_FUNC, 0, G_ALL},
    {"generator_function_declaration", K_FUNC, NF_GEN, G_ALL},
    {"generator_function", K_FUNC, NF_GEN, G_ALL},
    {"method_definition", K_METHOD, 0, G_ALL},
    {"arrow_function", K_ARROW, 0, G_ALL},
    {"class_declaration", K_CLASS, 0, G_ALL},
    {"class", K_CLASS, 0, G_ALL},
    {"abstract_class_declaration", K_CLASS, 0, G_TYPED},
    {"class_body", K_CLASS_BODY, 0, G_ALL},
    {"class_heritage", K_HERITAGE, 0, G_ALL},
    {"extends_clause", K_EXTENDS, 0, G_TYPED},
    {"field_definition", K_FIELD, 0, G_JS},
    {"public_field_definition", K_FIELD, 0, G_TYPED},
    {"decorator", K_DECORATOR, 0, G_ALL},
    {"formal_parameters", K_PARAMS, 0, G_ALL},
    {"required_parameter", K_PARAM_TS, 0, G_TYPED},
    {"optional_parameter", K_PARAM_TS, 0, G_TYPED},
    {"assignment_pattern", K_ASSIGN_PAT, 0, G_ALL},
    {"object_assignment_pattern", K_ASSIGN_PAT, 0, G_ALL},
    {"object_pattern", K_OBJECT_PAT, 0, G_ALL},
    {"array_pattern", K_ARRAY_PAT, 0, G_ALL},
    {"pair_pattern", K_PAIR_PAT, 0, G_ALL},
    {"rest_pattern", K_REST_PAT, 0, G_ALL},
    {"shorthand_property_identifier_pattern", K_SHORTHAND_PAT, 0, G_ALL},
    {"for_statement", K_FOR, 0, G_ALL},
    {"for_in_statement", K_FOR_IN, 0, G_ALL},
    {"while_statement", K_WHILE, 0, G_ALL},
    {"do_statement", K_DO, 0, G_ALL},
    {"call_expression", K_CALL, 0, G_ALL},
    {"new_expression", K_NEW, 0, G_ALL},
    {"arguments", K_ARGS, 0, G_ALL},
    {"template_string", K_TEMPLATE, 0, G_ALL},
    {"member_expression", K_MEMBER, 0, G_ALL},
    {"subscript_expression", K_SUBSCRIPT, 0, G_ALL},
    {"identifier", K_IDENT, 0, G_ALL},
    {"this", K_THIS, 0, G_ALL},
    {"super", K_THIS, 0, G_ALL},
    {"import", K_KEYWORD, 0, G_ALL},
    {"property_identifier", K_NAME, 0, G_ALL},
    {"private_property_identifier", K_NAME, 0, G_ALL},
    {"type_identifier", K_NAME, 0, G_TYPED},
    {"shorthand_property_identifier", K_SHORTHAND, 0, G_ALL},
    {"parenthesized_expression", K_PAREN, 0, G_ALL},
    {"as_expression", K_TRANSPARENT, 0, G_TYPED},
    {"satisfies_expression", K_TRANSPARENT, 0, G_TYPED},
    {"non_null_expression", K_TRANSPARENT, 0, G_TYPED},
    {"type_assertion", K_TRANSPARENT, 0, G_TS},
    {"instantiation_expression", K_TRANSPARENT, 0, G_TYPED},
    {"await_expression", K_AWAIT, 0, G_ALL},
    {"array", K_ARRAY, 0, G_ALL},
    {"object", K_OBJECT, 0, G_ALL},
    {"pair", K_PAIR, 0, G_ALL},
    {"spread_element", K_SPREAD, 0, G_ALL},
    {"number", K_NUMBER, 0, G_ALL},
    {"true", K_TRUE, 0, G_ALL},
    {"false", K_LITERAL, 0, G_ALL},
    {"null", K_LITERAL, 0, G_ALL},
    {"undefined", K_LITERAL, 0, G_ALL},
    {"string", K_STRING, 0, G_ALL},
    {"template_substitution", K_SUBST, 0, G_ALL},
    {"lexical_declaration", K_DECL, NF_SIMPLE, G_ALL},
    {"variable_declaration", K_DECL, NF_SIMPLE, G_ALL},
    {"using_declaration", K_DECL, NF_SIMPLE, G_JS},
    {"variable_declarator", K_DECLARATOR, 0, G_ALL},
    {"expression_statement", K_OTHER, NF_SIMPLE, G_ALL},
    {"assignment_expression", K_ASSIGN, 0, G_ALL},
    {"augmented_assignment_expression", K_AUGASSIGN, 0, G_ALL},
    {"update_expression", K_UPDATE, 0, G_ALL},
    {"sequence_expression", K_SEQUENCE, 0, G_ALL},
    {"return_statement", K_RETURN, NF_EXIT, G_ALL},
    {"throw_statement", K_THROW, NF_EXIT, G_ALL},
    {"break_statement", K_OTHER, NF_EXIT, G_ALL},
    {"yield_expression", K_YIELD, 0, G_ALL},
    {"import_statement", K_IMPORT, 0, G_ALL},
    {"export_statement", K_EXPORT, 0, G_ALL},
    {"jsx_opening_element", K_JSX_TAG, 0, G_JSX},
    {"jsx_closing_element", K_JSX_TAG, 0, G_JSX},
    {"jsx_self_closing_element", K_JSX_TAG, 0, G_JSX},
    {"jsx_namespace_name", K_SKIP, 0, G_JSX},
    {"catch_clause", K_CATCH, 0, G_ALL},
    /* TypeScript: types and declarations that hold no code to lower */
    {"type_annotation", K_SKIP, 0, G_TYPED},
    {"type_arguments", K_SKIP, 0, G_TYPED},
    {"type_parameters", K_SKIP, 0, G_TYPED},
    {"asserts_annotation", K_SKIP, 0, G_TYPED},
    {"type_predicate_annotation", K_SKIP, 0, G_TYPED},
    {"implements_clause", K_SKIP, 0, G_TYPED},
    {"interface_declaration", K_SKIP, 0, G_TYPED},
    {"type_alias_declaration", K_SKIP, 0, G_TYPED},
    {"enum_declaration", K_SKIP, 0, G_TYPED},
    {"ambient_declaration", K_SKIP, 0, G_TYPED},
    {"function_signature", K_SKIP, 0, G_TYPED},
    {"abstract_method_signature", K_SKIP, 0, G_TYPED},
    {"method_signature", K_SKIP, 0, G_TYPED},
    {"index_signature", K_SKIP, 0, G_TYPED},
    {"predefined_type", K_SKIP, 0, G_TYPED},
    {"generic_type", K_SKIP, 0, G_TYPED},
    {"union_type", K_SKIP, 0, G_TYPED},
    {"intersection_type", K_SKIP, 0, G_TYPED},
    {"array_type", K_SKIP, 0, G_TYPED},
    {"tuple_type", K_SKIP, 0, G_TYPED},
    {"object_type", K_SKIP, 0, G_TYPED},
    {"function_type", K_SKIP, 0, G_TYPED},
    {"constructor_type", K_SKIP, 0, G_TYPED},
    {"literal_type", K_SKIP, 0, G_TYPED},
    {"lookup_type", K_SKIP, 0, G_TYPED},
    {"index_type_query", K_SKIP, 0, G_TYPED},
    {"type_query", K_SKIP, 0, G_TYPED},
    {"conditional_type", K_SKIP, 0, G_TYPED},
    {"parenthesized_type", K_SKIP, 0, G_TYPED},
    {"readonly_type", K_SKIP, 0, G_TYPED},
    {"infer_type", K_SKIP, 0, G_TYPED},
    {"template_literal_type", K_SKIP, 0, G_TYPED},
    {"this_type", K_SKIP, 0, G_TYPED},
    {"existential_type", K_SKIP, 0, G_TYPED},
    {"flow_maybe_type", K_SKIP, 0, G_TYPED},
    {"nested_type_identifier", K_SKIP, 0, G_TYPED},
    {"optional_type", K_SKIP, 0, G_TYPED},
    {"rest_type", K_SKIP, 0, G_TYPED},
    {"type_predicate", K_SKIP, 0, G_TYPED},
};

enum {
    F_NAME, F_BODY, F_PARAMETERS, F_PARAMETER, F_VALUE, F_LEFT, F_RIGHT, F_FUNCTION,
    F_ARGUMENTS, F_OBJECT, F_PROPERTY, F_INDEX, F_CONSTRUCTOR, F_CONDITION, F_INITIALIZER,
    F_INCREMENT, F_KEY, F_ALIAS, F_SOURCE, F_DECLARATION, F_DECORATOR, F_ARGUMENT, F_PATTERN,
    F_TYPE, F_COUNT
};

typedef struct js_name_spec {
    const char *name;
    uint8_t grammars;
} js_name_spec;

static const js_name_spec js_fields[F_COUNT] = {
    [F_NAME] = {"name", G_ALL},
    [F_BODY] = {"body", G_ALL},
    [F_PARAMETERS] = {"parameters", G_ALL},
    [F_PARAMETER] = {"parameter", G_ALL},
    [F_VALUE] = {"value", G_ALL},
    [F_LEFT] = {"left", G_ALL},
    [F_RIGHT] = {"right", G_ALL},
    [F_FUNCTION] = {"function", G_ALL},
    [F_ARGUMENTS] = {"arguments", G_ALL},
    [F_OBJECT] = {"object", G_ALL},
    [F_PROPERTY] = {"property", G_ALL},
    [F_INDEX] = {"index", G_ALL},
    [F_CONSTRUCTOR] = {"constructor", G_ALL},
    [F_CONDITION] = {"condition", G_ALL},
    [F_INITIALIZER] = {"initializer", G_ALL},
    [F_INCREMENT] = {"increment", G_ALL},
    [F_KEY] = {"key", G_ALL},
    [F_ALIAS] = {"alias", G_ALL},
    [F_SOURCE] = {"source", G_ALL},
    [F_DECLARATION] = {"declaration", G_ALL},
    [F_DECORATOR] = {"decorator", G_ALL},
    [F_ARGUMENT] = {"argument", G_ALL},
    [F_PATTERN] = {"pattern", G_TYPED},
    [F_TYPE] = {"type", G_TYPED},
};

enum { T_ASYNC, T_STAR, T_GET, T_AWAIT, T_TYPE, T_DEFAULT, T_EQ, T_ARROW, T_FUNCTION, T_COUNT };

static const js_name_spec js_tokens[T_COUNT] = {
    [T_ASYNC] = {"async", G_ALL},     [T_STAR] = {"*", G_ALL},
    [T_GET] = {"get", G_ALL},         [T_AWAIT] = {"await", G_ALL},
    [T_TYPE] = {"type", G_TYPED},     [T_DEFAULT] = {"default", G_ALL},
    [T_EQ] = {"=", G_ALL},            [T_ARROW] = {"=>", G_ALL},
    [T_FUNCTION] = {"function", G_ALL},
};

/* A field id no node carries (fields a grammar lacks). */
#define NO_FIELD ((TSFieldId)0xffff)

struct hr_js_tables {
    uint32_t nsym;
    uint8_t *kind;  /* by public symbol */
    uint8_t *flags; /* NF_* by public symbol */
    TSFieldId f[F_COUNT];
    TSSymbol tok[T_COUNT]; /* 0 when the grammar has no such token */
    TSSymbol s_string, s_identifier, s_import_clause, s_named_imports, s_namespace_import;
    TSSymbol s_import_specifier, s_import_require_clause, s_export_clause, s_export_specifier;
    TSSymbol s_namespace_export;
};

hr_js_tables *hr_js_tables_new(const TSLanguage *lang, hr_lang which)
{
    unsigned g = which == HR_LANG_TYPESCRIPT ? G_TS : which == HR_LANG_TSX ? G_TSX : G_JS;
    hr_js_tables *t = hr_xcalloc(1, sizeof *t);
    t->nsym = ts_language_symbol_count(lang);
    t->kind = hr_xcalloc(t->nsym, 1);
    t->flags = hr_xcalloc(t->nsym, 1);
    for (size_t i = 0; i < HR_ARRAY_LEN(js_nodes); i++) {
        if (!(js_nodes[i].grammars & g))
            continue;
        TSSymbol s = hr_ts_symbol(lang, js_nodes[i].name, true);
        if (s >= t->nsym) {
            fprintf(stderr, "headroom: %s grammar: symbol '%s' out of range\n", hr_lang_name(which),
                    js_nodes[i].name);
            abort();
        }
        t->kind[s] = js_nodes[i].kind;
        t->flags[s] = js_nodes[i].flags;
    }
    for (size_t i = 0; i < F_COUNT; i++)
        t->f[i] = (js_fields[i].grammars & g) ? hr_ts_field(lang, js_fields[i].name) : NO_FIELD;
    for (size_t i = 0; i < T_COUNT; i++)
        t->tok[i] = (js_tokens[i].grammars & g) ? hr_ts_symbol(lang, js_tokens[i].name, false) : 0;
    t->s_string = hr_ts_symbol(lang, "string", true);
    t->s_identifier = hr_ts_symbol(lang, "identifier", true);
    t->s_import_clause = hr_ts_symbol(lang, "import_clause", true);
    t->s_named_imports = hr_ts_symbol(lang, "named_imports", true);
    t->s_namespace_import = hr_ts_symbol(lang, "namespace_import", true);
    t->s_import_specifier = hr_ts_symbol(lang, "import_specifier", true);
    t->s_import_require_clause = (g & G_TYPED) ? hr_ts_symbol(lang, "import_require_clause", true) : 0;
    t->s_export_clause = hr_ts_symbol(lang, "export_clause", true);
    t->s_export_specifier = hr_ts_symbol(lang, "export_specifier", true);
    t->s_namespace_export = hr_ts_symbol(lang, "namespace_export", true);
    return t;
}

void hr_js_tables_free(hr_js_tables *t)
{
    if (!t)
        return;
    free(t->kind);
    free(t->flags);
    free(t);
}

/* ---- the walk state ---- */
enum { MODE_READ, MODE_BIND, MODE_NAME };
enum { RET_STMT = 1 << 0, RET_ARROW = 1 << 1 };

/* What travels on the strs stack. */
enum { S_TARGET, S_DESTRUCT, S_ARG, S_KWARG, S_DECOR, S_BASE, S_ARGV, S_KWV, S_ELEM, S_PTYPE, S_OBJE };
typedef struct lw_str {
    const char *s;
    const char *path; /* S_DESTRUCT: ".key.key" into the value, or "?" */
    uint8_t tag;
} lw_str;

/* Callback-loop call kinds. */
enum { CB_NONE, CB_ELEM, CB_LIST };

typedef struct frame {
    TSNode node;
    TSSymbol sym;
    TSFieldId field; /* of this node in its parent */
    uint8_t kind, mode, ret;
    bool keep_targets; /* in a for initializer: declared names travel up to the loop */
    bool exports;      /* the object assigned to module.exports, or a direct member of it */
    bool arg_obj;      /* an object literal that is a call argument (its keys are kwargs) */
    bool kw_pair;      /* a member of such an object literal */
    /* inherited context */
    int32_t fn, loop, cls;
    const char *scope;   /* qualname prefix for definitions here, NULL = none */
    const char *defname; /* the name a function or class expression here takes */
    TSNode defnode;
    /* stack marks at entry */
    uint32_t cmark, smark, imark, callmark;
    /* synthesised result */
    uint32_t clen;
    bool chain, via_await, pure, truthy, small, has_name, has_str, req_rel;
    uint8_t rkind;
    uint8_t inner_rkind;       /* await: the kind of what is awaited */
    int32_t call, recv_call;
    uint32_t name_lo, name_hi; /* identifier / member name bytes in src */
    TSNode name_node;
    uint32_t str_lo, str_hi;   /* string literal content bytes */
    const char *req;           /* `require('m')` (or `.y` on it): the module id ("m", "m.y") */
    const char *lit;           /* the value text of a literal (model.h), or NULL */
    const char *qual;          /* qualname of the class or function this node defines */
    /* per kind */
    int32_t index; /* function / class / loop / call created here */
    union {
        struct { bool prev_simple; uint32_t c0, c1; } block;
        struct { int32_t cbloop; uint8_t cbparam; } fn;
        struct {
            bool has_fn, pall, second, concurrent, has_s0, has_arg0, await_callee;
            uint8_t cbk;
            uint32_t args_imark, nargs, s0_lo, s0_hi;
            const char *recv_text, *arg0_text;
            int32_t recv_vcall, arg0_call;
            bool recv_small, arg0_small;
            TSNode head, arg0;
        } call;
        struct { uint32_t npos, s0_lo, s0_hi; bool has_s0; } args;
        struct {
            bool has_base, recv_chain, recv_small, oreq_rel;
            uint32_t recv_len;
            const char *recv_await, *oreq;
            int32_t recv_vcall;
        } member;
        struct {
            const char *value, *req, *qual, *dname;
            TSNode dnode;
            int32_t vcall;
            uint32_t ilo, ihi;
            bool has_value, obj, req_rel, has_dnode, awaited;
        } val;
        struct { uint32_t count; bool splat; } coll;
        struct { uint32_t n, lo[2], hi[2]; } params;
        struct { const char *key, *vtext, *vreq, *vqual, *vval; TSNode knode; bool vreq_rel, has_knode; } pair;
        struct {
            hr_strs pre;
            const char *name, *value, *lit, *annotation;
            TSNode name_node;
            int32_t vcall;
            bool has_node;
        } field;
        struct { const char *type; } param;
        struct { bool subst; } tmpl;
        struct { hr_strs pre; } deco;
        struct { uint32_t nkids; } paren;
        struct { bool has_cond, cond_true; } loop;
        struct { bool is_default, eq; } exp;
    } u;
} frame;

typedef struct lw {
    hr_file_model *m;
    hr_arena *a;
    const hr_js_tables *t;
    const TSFieldId *f;
    TSTreeCursor *cur;
    const char *src;
    uint32_t bom;
    uint32_t max_depth;
    bool depth_noticed;
    const char *dir; /* module id of the folder relative specifiers resolve against */

    frame *stack;
    uint32_t sp, scap;
    hr_buf cb;     /* chain text stack */
    hr_buf tmp;    /* scratch */
    lw_str *strs;
    uint32_t nstrs, sscap;
    uint32_t *idents; /* intern ids of identifiers read, in source order */
    uint32_t nidents, icap;
    uint8_t *qualify; /* per import: its target is a local chain to resolve after the walk */
    uint32_t qcap;
    hr_interner in;
} lw;

/* ---- strings ---- */
static const char *intern(lw *st, const char *s, size_t n)
{
    return hr_intern(&st->in, n ? s : "", n);
}

static const char *text_of(lw *st, uint32_t lo, uint32_t hi)
{
    return intern(st, st->src + lo, hi > lo ? hi - lo : 0);
}

static const char *node_text(lw *st, TSNode n)
{
    return text_of(st, ts_node_start_byte(n), ts_node_end_byte(n));
}

/* "a.b" from "a" and "b"; just "b" when a is empty (a module id of the root). */
static const char *join(lw *st, const char *a, const char *b)
{
    if (!a || !*a)
        return b;
    hr_buf_clear(&st->tmp);
    hr_buf_puts(&st->tmp, a);
    hr_buf_putc(&st->tmp, '.');
    hr_buf_puts(&st->tmp, b);
    return intern(st, st->tmp.data, st->tmp.len);
}

static hr_span span_of(const lw *st, TSNode n)
{
    return hr_ts_span(n, st->bom);
}

static void cb_trunc(lw *st, uint32_t len)
{
    if (len < st->cb.len)
        st->cb.len = len;
}

static void strs_push(lw *st, const char *s, const char *path, uint8_t tag)
{
    st->strs = hr_lw_grow(st->strs, &st->sscap, st->nstrs + 1, sizeof *st->strs);
    st->strs[st->nstrs].s = s;
    st->strs[st->nstrs].path = path;
    st->strs[st->nstrs].tag = tag;
    st->nstrs++;
}

static void strs_trunc(lw *st, uint32_t n)
{
    if (n < st->nstrs)
        st->nstrs = n;
}

/* Strings with one of the tags in `mask` (1 << tag) from strs[lo..hi). */
static hr_strs strs_range(lw *st, uint32_t lo, uint32_t hi, unsigned mask)
{
    hr_strs out = {NULL, 0};
    uint32_t n = 0;
    for (uint32_t i = lo; i < hi; i++)
        if (mask & (1u << st->strs[i].tag))
            n++;
    if (!n)
        return out;
    out.v = hr_arena_array(st->a, n, sizeof *out.v);
    for (uint32_t i = lo; i < hi; i++)
        if (mask & (1u << st->strs[i].tag))
            out.v[out.n++] = st->strs[i].s;
    return out;
}

static hr_strs strs_take(lw *st, uint32_t lo, unsigned mask)
{
    return strs_range(st, lo, st->nstrs, mask);
}

#define BOUND ((1u << S_TARGET) | (1u << S_DESTRUCT))

/* The kwargs of a call from the (S_KWARG, S_KWV) pairs in strs[lo..): keys
 * de-duplicated, first occurrence first, with their value texts. */
static void kwargs_take(lw *st, uint32_t lo, hr_strs *keys, hr_strs *values)
{
    *keys = *values = (hr_strs){NULL, 0};
    uint32_t n = 0;
    for (uint32_t i = lo; i < st->nstrs; i++)
        n += st->strs[i].tag == S_KWARG;
    if (!n)
        return;
    keys->v = hr_arena_array(st->a, n, sizeof *keys->v);
    values->v = hr_arena_array(st->a, n, sizeof *values->v);
    st->in.stamp++; /* marks the keys seen (interned strings, so ids are exact) */
    for (uint32_t i = lo; i < st->nstrs; i++) {
        if (st->strs[i].tag != S_KWARG)
            continue;
        const char *k = st->strs[i].s;
        /* the id first: interning may grow (move) the entry table */
        uint32_t id = hr_intern_id(&st->in, k, strlen(k));
        hr_intern_entry *e = &st->in.ents[id];
        if (e->stamp == st->in.stamp)
            continue;
        e->stamp = st->in.stamp;
        keys->v[keys->n] = e->s;
        values->v[keys->n] = i + 1 < st->nstrs && st->strs[i + 1].tag == S_KWV ? st->strs[i + 1].s : "?";
        keys->n++;
    }
    values->n = keys->n;
}

static hr_strs strs_concat(lw *st, hr_strs a, hr_strs b)
{
    if (!a.n)
        return b;
    if (!b.n)
        return a;
    hr_strs out;
    out.v = hr_arena_array(st->a, (size_t)a.n + b.n, sizeof *out.v);
    memcpy(out.v, a.v, a.n * sizeof *out.v);
    memcpy(out.v + a.n, b.v, b.n * sizeof *out.v);
    out.n = a.n + b.n;
    return out;
}

/* Distinct identifiers read in idents[lo..hi), first occurrence first. */
static hr_strs names_of(lw *st, uint32_t lo, uint32_t hi)
{
    return hr_interner_distinct(&st->in, st->idents, lo, hi);
}

/* The value text of an expression: its chain (also through await) or "?". */
static const char *value_text(lw *st, const frame *c)
{
    if (c->chain)
        return intern(st, st->cb.data + c->cmark, c->clen);
    return "?";
}

/* Value texts (model.h): longer ones are "?" (NULL here). */
#define JS_VALUE_MAX 1024
#define JS_TYPE_MAX 256
#define JS_ELEMS_MAX 32
#define JS_NUMBER_MAX 40

/* The value text of an expression: its chain, its literal, or "?". */
static const char *val_text(lw *st, const frame *c)
{
    if (c->chain)
        return intern(st, st->cb.data + c->cmark, c->clen);
    return c->lit ? c->lit : "?";
}

/* `"content"` for string content src[lo..hi) as written, or NULL when long. */
static const char *string_lit(lw *st, uint32_t lo, uint32_t hi)
{
    if (hi < lo || hi - lo > JS_VALUE_MAX - 2)
        return NULL;
    hr_buf_clear(&st->tmp);
    hr_buf_putc(&st->tmp, '"');
    hr_buf_add(&st->tmp, st->src + lo, hi - lo);
    hr_buf_putc(&st->tmp, '"');
    return intern(st, st->tmp.data, st->tmp.len);
}

/* `<open>s1,s2,...<close>` from the strings tagged `tag` above strs[lo], or
 * NULL when long: `[e1,e2,...]` of S_ELEM (a list's value text) and
 * `{k:v,...}` of S_OBJE ("k:v", an object literal's). */
static const char *join_tagged(lw *st, uint32_t lo, int tag, char open, char close)
{
    hr_buf_clear(&st->tmp);
    hr_buf_putc(&st->tmp, open);
    uint32_t n = 0;
    for (uint32_t i = lo; i < st->nstrs; i++) {
        if (st->strs[i].tag != tag)
            continue;
        if (n++)
            hr_buf_putc(&st->tmp, ',');
        hr_buf_puts(&st->tmp, st->strs[i].s);
        if (st->tmp.len > JS_VALUE_MAX)
            return NULL;
    }
    hr_buf_putc(&st->tmp, close);
    if (st->tmp.len > JS_VALUE_MAX)
        return NULL;
    return intern(st, st->tmp.data, st->tmp.len);
}

/* A type text (model.h) of a TypeScript type annotation node (`: T`): the
 * type without the colon and whitespace, or NULL when long. */
static const char *type_text(lw *st, TSNode n)
{
    uint32_t lo = ts_node_start_byte(n), hi = ts_node_end_byte(n);
    hr_buf_clear(&st->tmp);
    for (uint32_t i = lo; i < hi; i++) {
        char ch = st->src[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || (ch == ':' && st->tmp.len == 0))
            continue;
        hr_buf_putc(&st->tmp, ch);
    }
    if (!st->tmp.len || st->tmp.len > JS_TYPE_MAX)
        return NULL;
    return intern(st, st->tmp.data, st->tmp.len);
}

/* Makes cb[f->cmark..] hold child c's chain whatever it is; returns its length. */
static uint32_t move_chain(lw *st, frame *f, const frame *c)
{
    if (!c->chain)
        return 0;
    if (c->cmark != f->cmark)
        memmove(st->cb.data + f->cmark, st->cb.data + c->cmark, c->clen);
    st->cb.len = f->cmark + c->clen;
    return c->clen;
}

/* Writes "?" as the base of f's chain (its first child was no chain). */
static uint32_t unknown_base(lw *st, frame *f)
{
    cb_trunc(st, f->cmark);
    hr_buf_putc(&st->cb, '?');
    return 1;
}

/* Makes cb[f->cmark..] hold the chain of child c (or "?" when c is not a
 * chain usable as a base); returns its length. */
static uint32_t take_base(lw *st, frame *f, const frame *c)
{
    if (c->chain && !c->via_await)
        return move_chain(st, f, c);
    return unknown_base(st, f);
}

static void copy_result(frame *f, const frame *c)
{
    f->chain = c->chain;
    f->via_await = c->via_await;
    f->call = c->call;
    f->rkind = c->rkind;
    f->recv_call = c->recv_call;
    f->name_lo = c->name_lo;
    f->name_hi = c->name_hi;
    f->name_node = c->name_node;
    f->has_name = c->has_name;
    f->truthy = c->truthy;
    f->small = c->small;
    f->pure = c->pure;
    f->has_str = c->has_str;
    f->str_lo = c->str_lo;
    f->str_hi = c->str_hi;
    f->req = c->req;
    f->req_rel = c->req_rel;
    f->qual = c->qual;
    f->lit = c->lit;
}

static const char *qualify(lw *st, const char *scope, const char *name)
{
    if (!scope)
        return name;
    return hr_arena_printf(st->a, "%s.%s", scope, name);
}

static hr_function *fn_at(lw *st, int32_t i) { return HR_FUNC(st->m, i); }
static hr_loop *loop_at(lw *st, int32_t i) { return HR_LOOP(st->m, i); }
static hr_call *call_at(lw *st, int32_t i) { return HR_CALL(st->m, i); }

/* The name a key or name node gives: identifier-like text, a string's
 * content, a number as written; NULL for computed names. */
static const char *key_text(lw *st, const frame *c)
{
    if (c->has_name)
        return text_of(st, c->name_lo, c->name_hi);
    if (c->kind == K_STRING && c->has_str)
        return text_of(st, c->str_lo, c->str_hi);
    if (c->kind == K_NUMBER)
        return node_text(st, c->node);
    return NULL;
}

/* The key of an object value text for a computed key: `[Op.gt]`, `[key]`
 * when it is a name or dotted name (whitespace dropped; Sequelize operators),
 * "?" otherwise. */
static const char *computed_key_text(lw *st, TSNode k)
{
    uint32_t lo = ts_node_start_byte(k), hi = ts_node_end_byte(k);
    if (hi <= lo || hi - lo > 128 || st->src[lo] != '[' || st->src[hi - 1] != ']')
        return "?";
    hr_buf_clear(&st->tmp);
    for (uint32_t i = lo; i < hi; i++) {
        unsigned char ch = (unsigned char)st->src[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
            continue;
        bool name = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                    ch == '_' || ch == '$' || ch == '.';
        if (!name && i != lo && i != hi - 1)
            return "?";
        hr_buf_putc(&st->tmp, (char)ch);
    }
    if (st->tmp.len < 3 || st->tmp.data[1] == '.' || st->tmp.data[st->tmp.len - 2] == '.')
        return "?";
    return intern(st, st->tmp.data, st->tmp.len);
}

/* ---- module specifiers ---- */
static bool is_relative_spec(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '.') {
        if (n == 1 || s[1] == '/')
            return true;
        if (s[1] == '.' && (n == 2 || s[2] == '/'))
            return true;
    }
    return false;
}

static const char *const js_exts[] = {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"};

/* The module id a specifier names: package specifiers as written, relative
 * ones joined to the importing module's folder ('.' and '..' applied, a
 * JS/TS extension and a trailing "index" dropped). */
static const char *module_id(lw *st, const char *spec, size_t n, bool *relative)
{
    *relative = is_relative_spec(spec, n);
    if (!*relative)
        return intern(st, spec, n);
    hr_buf *b = &st->tmp;
    hr_buf_clear(b);
    hr_buf_puts(b, st->dir);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && spec[j] != '/')
            j++;
        size_t len = j - i;
        if (len == 2 && spec[i] == '.' && spec[i + 1] == '.') {
            while (b->len > 0 && b->data[b->len - 1] != '/')
                b->len--;
            if (b->len > 0)
                b->len--;
        } else if (len > 0 && !(len == 1 && spec[i] == '.')) {
            if (b->len)
                hr_buf_putc(b, '/');
            hr_buf_add(b, spec + i, len);
        }
        i = j + 1;
    }
    size_t seg = b->len;
    while (seg > 0 && b->data[seg - 1] != '/')
        seg--;
    for (size_t k = 0; k < HR_ARRAY_LEN(js_exts); k++) {
        size_t el = strlen(js_exts[k]);
        if (b->len - seg > el && memcmp(b->data + b->len - el, js_exts[k], el) == 0) {
            b->len -= el;
            break;
        }
    }
    if (b->len - seg == 5 && memcmp(b->data + seg, "index", 5) == 0) {
        b->len = seg;
        if (b->len > 0)
            b->len--;
    }
    return intern(st, b->len ? b->data : "", b->len);
}

/* The content of string node n (between its quotes). */
static bool string_bytes(lw *st, TSNode n, uint32_t *lo, uint32_t *hi)
{
    (void)st;
    uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
    if (b < a + 2)
        return false;
    *lo = a + 1;
    *hi = b - 1;
    return true;
}

static const char *string_module(lw *st, TSNode n, bool *relative)
{
    uint32_t lo, hi;
    *relative = false;
    if (!string_bytes(st, n, &lo, &hi))
        return NULL;
    return module_id(st, st->src + lo, hi - lo, relative);
}

/* ---- imports and exports ---- */
static void add_import(lw *st, const char *local, const char *target, hr_span span, bool relative,
                       bool reexport, bool needs_qualify)
{
    hr_file_model *m = st->m;
    uint32_t i = m->imports.len;
    hr_import *imp = HR_VEC_PUSH(st->a, &m->imports, hr_import);
    imp->local = local;
    imp->target = target;
    imp->span = span;
    imp->relative = relative;
    imp->reexport = reexport;
    st->qualify = hr_lw_grow(st->qualify, &st->qcap, i + 1, 1);
    st->qualify[i] = needs_qualify;
}

/* The name an import or export specifier's name/alias node spells. */
static const char *spec_name(lw *st, TSNode n)
{
    uint32_t lo, hi;
    if (ts_node_symbol(n) == st->t->s_string)
        return string_bytes(st, n, &lo, &hi) ? text_of(st, lo, hi) : NULL;
    return node_text(st, n);
}

/* Whether the node at the cursor has an anonymous `type` token child
 * (`import { type A }`, `export type { B }`). */
static bool has_type_token(lw *st)
{
    TSTreeCursor *c = st->cur;
    bool found = false;
    if (!st->t->tok[T_TYPE] || !ts_tree_cursor_goto_first_child(c))
        return false;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        if (!ts_node_is_named(n) && ts_node_symbol(n) == st->t->tok[T_TYPE])
            found = true;
    } while (!found && ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
    return found;
}

/* The name and alias fields of the specifier at the cursor. */
static void specifier_at_cursor(lw *st, TSNode *name, TSNode *alias, bool *has_name, bool *has_alias)
{
    TSTreeCursor *c = st->cur;
    *has_name = *has_alias = false;
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSFieldId f = ts_tree_cursor_current_field_id(c);
        if (f == st->f[F_NAME]) {
            *name = ts_tree_cursor_current_node(c);
            *has_name = true;
        } else if (f == st->f[F_ALIAS]) {
            *alias = ts_tree_cursor_current_node(c);
            *has_alias = true;
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

/* The first identifier child of the node at the cursor. */
static bool identifier_child(lw *st, TSNode *out)
{
    TSTreeCursor *c = st->cur;
    bool found = false;
    if (!ts_tree_cursor_goto_first_child(c))
        return false;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        if (ts_node_symbol(n) == st->t->s_identifier) {
            *out = n;
            found = true;
        }
    } while (!found && ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
    return found;
}

/* `import d, { a as b, c }, * as ns from 'm'` with the cursor on the clause. */
static void lower_import_clause(lw *st, const char *base, bool rel)
{
    const hr_js_tables *t = st->t;
    TSTreeCursor *c = st->cur;
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        TSSymbol s = ts_node_symbol(n);
        if (s == t->s_identifier) {
            add_import(st, node_text(st, n), base, span_of(st, n), rel, false, false);
        } else if (s == t->s_namespace_import) {
            TSNode id;
            if (identifier_child(st, &id))
                add_import(st, node_text(st, id), base, span_of(st, n), rel, false, false);
        } else if (s == t->s_named_imports) {
            if (!ts_tree_cursor_goto_first_child(c))
                continue;
            do {
                TSNode sp = ts_tree_cursor_current_node(c);
                if (ts_node_symbol(sp) != t->s_import_specifier || has_type_token(st))
                    continue;
                TSNode name, alias;
                bool has_name, has_alias;
                specifier_at_cursor(st, &name, &alias, &has_name, &has_alias);
                const char *nm = has_name ? spec_name(st, name) : NULL;
                const char *local = has_alias ? node_text(st, alias) : nm;
                if (!nm || !local || !*nm || !*local)
                    continue;
                const char *target = strcmp(nm, "default") == 0 ? base : join(st, base, nm);
                add_import(st, local, target, span_of(st, sp), rel, false, false);
            } while (ts_tree_cursor_goto_next_sibling(c));
            ts_tree_cursor_goto_parent(c);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

/* An import statement, read here with the cursor (the walk does not descend). */
static void lower_import(lw *st)
{
    const hr_js_tables *t = st->t;
    TSTreeCursor *c = st->cur;
    const char *base = NULL;
    bool rel = false;
    if (has_type_token(st) || !ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        if (ts_tree_cursor_current_field_id(c) == st->f[F_SOURCE] && ts_node_symbol(n) == t->s_string)
            base = string_module(st, n, &rel);
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);

    if (!ts_tree_cursor_goto_first_child(c))
        return;
    do {
        TSSymbol s = ts_node_symbol(ts_tree_cursor_current_node(c));
        if (s == t->s_import_clause && base) {
            lower_import_clause(st, base, rel);
        } else if (s == t->s_import_require_clause && t->s_import_require_clause) {
            /* TypeScript `import x = require('m')` */
            TSNode id = {0}, src = {0}; /* read only when has_id / has_src */
            bool has_id = false, has_src = false;
            if (ts_tree_cursor_goto_first_child(c)) {
                do {
                    TSNode k = ts_tree_cursor_current_node(c);
                    if (ts_tree_cursor_current_field_id(c) == st->f[F_SOURCE]) {
                        src = k;
                        has_src = true;
                    } else if (ts_node_symbol(k) == t->s_identifier && !has_id) {
                        id = k;
                        has_id = true;
                    }
                } while (ts_tree_cursor_goto_next_sibling(c));
                ts_tree_cursor_goto_parent(c);
            }
            bool r;
            const char *target = has_src ? string_module(st, src, &r) : NULL;
            if (has_id && target)
                add_import(st, node_text(st, id), target, span_of(st, id), r, false, false);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
}

/* An export statement at entry: records re-exports of other modules and of
 * local names (`export { a as b }`), notes `export default` / `export =`.
 * Returns whether the walk descends (declarations and values). */
static bool scan_export(lw *st, frame *f)
{
    const hr_js_tables *t = st->t;
    TSTreeCursor *c = st->cur;
    const char *base = NULL;
    bool rel = false, listed = false;
    if (has_type_token(st) || !ts_tree_cursor_goto_first_child(c))
        return false;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        TSSymbol s = ts_node_symbol(n);
        if (ts_tree_cursor_current_field_id(c) == st->f[F_SOURCE] && s == t->s_string)
            base = string_module(st, n, &rel);
        else if (!ts_node_is_named(n) && s == t->tok[T_DEFAULT])
            f->u.exp.is_default = true;
        else if (!ts_node_is_named(n) && s == t->tok[T_EQ])
            f->u.exp.eq = true;
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);

    if (!ts_tree_cursor_goto_first_child(c))
        return true;
    do {
        TSNode n = ts_tree_cursor_current_node(c);
        TSSymbol s = ts_node_symbol(n);
        if (!ts_node_is_named(n) && s == t->tok[T_STAR]) {
            listed = true;
            if (base)
                add_import(st, "*", base, span_of(st, f->node), rel, true, false);
        } else if (s == t->s_namespace_export) {
            listed = true;
            TSNode id;
            if (base && identifier_child(st, &id))
                add_import(st, node_text(st, id), base, span_of(st, n), rel, true, false);
        } else if (s == t->s_export_clause) {
            listed = true;
            if (!ts_tree_cursor_goto_first_child(c))
                continue;
            do {
                TSNode sp = ts_tree_cursor_current_node(c);
                if (ts_node_symbol(sp) != t->s_export_specifier || has_type_token(st))
                    continue;
                TSNode name, alias;
                bool has_name, has_alias;
                specifier_at_cursor(st, &name, &alias, &has_name, &has_alias);
                const char *nm = has_name ? spec_name(st, name) : NULL;
                const char *exported = has_alias ? spec_name(st, alias) : nm;
                if (!nm || !exported || !*nm || !*exported)
                    continue;
                if (base) {
                    const char *target = strcmp(nm, "default") == 0 ? base : join(st, base, nm);
                    add_import(st, exported, target, span_of(st, sp), rel, true, false);
                } else {
                    add_import(st, exported, nm, span_of(st, sp), false, true, true);
                }
            } while (ts_tree_cursor_goto_next_sibling(c));
            ts_tree_cursor_goto_parent(c);
        }
    } while (ts_tree_cursor_goto_next_sibling(c));
    ts_tree_cursor_goto_parent(c);
    return !listed;
}

/* A re-export of what an expression denotes: a require()d module, a class or
 * function it defines, or a chain (resolved and qualified after the walk). */
static void export_value(lw *st, const char *local, const char *req, bool req_rel, const char *qual,
                         const char *chain, hr_span span)
{
    if (req)
        add_import(st, local, req, span, req_rel, true, false);
    else if (qual)
        add_import(st, local, qual, span, false, true, false);
    else if (chain && strcmp(chain, "?") != 0)
        add_import(st, local, chain, span, false, true, true);
}

static void export_frame(lw *st, const char *local, frame *c, hr_span span)
{
    const char *chain = c->chain && !c->via_await ? value_text(st, c) : NULL;
    export_value(st, local, c->req, c->req_rel, c->qual, chain, span);
}

/* ---- frames ---- */
static uint8_t kind_of(const lw *st, TSSymbol s)
{
    if (s == (TSSymbol)-1 || s == (TSSymbol)-2) /* ERROR, ERROR repeat */
        return K_ERROR;
    return s < st->t->nsym ? st->t->kind[s] : K_OTHER;
}

static uint8_t flags_of(const lw *st, TSSymbol s)
{
    return s < st->t->nsym ? st->t->flags[s] : 0;
}

/* Kinds whose children stay in binding mode when the kind itself is bound. */
static bool bind_passthrough(uint8_t kind)
{
    switch (kind) {
    case K_OBJECT_PAT:
    case K_ARRAY_PAT:
    case K_REST_PAT:
    case K_PAREN:
    case K_TRANSPARENT:
    case K_PARAMS:
        return true;
    default:
        return false;
    }
}

/* The context of child f of p. */
static void child_ctx(lw *st, frame *p, frame *f)
{
    const TSFieldId *F = st->f;
    TSFieldId field = f->field;
    f->fn = p->fn;
    f->loop = p->loop;
    f->cls = p->cls;
    f->scope = p->scope;
    f->ret = p->ret;
    f->mode = p->mode == MODE_BIND && bind_passthrough(p->kind) ? MODE_BIND : MODE_READ;
    if (p->kind == K_PAREN || p->kind == K_TRANSPARENT) {
        f->defname = p->defname;
        f->defnode = p->defnode;
        if (p->mode == MODE_NAME)
            f->mode = MODE_NAME;
    }

    switch (p->kind) {
    case K_FUNC:
    case K_METHOD:
    case K_ARROW:
        if (field == F[F_BODY]) {
            f->fn = p->index;
            f->loop = p->u.fn.cbloop;
            f->cls = -1;
            f->ret = p->kind == K_ARROW && f->kind != K_BLOCK ? RET_ARROW : 0;
            f->scope = fn_at(st, p->index)->qualname;
        } else if (field == F[F_NAME]) {
            f->mode = MODE_NAME;
        } else if (field == F[F_PARAMETER]) {
            f->mode = MODE_BIND;
        }
        break;
    case K_CLASS:
        if (field == F[F_BODY]) {
            f->cls = p->index;
            f->ret = 0;
            f->scope = HR_CLASS(st->m, p->index)->qualname;
        } else if (field == F[F_NAME]) {
            f->mode = MODE_NAME;
        }
        break;
    case K_FIELD:
        if (field == F[F_NAME] || field == F[F_PROPERTY]) {
            f->mode = MODE_NAME;
        } else if (field == F[F_VALUE] && p->u.field.name) {
            f->defname = p->u.field.name;
            f->defnode = p->u.field.name_node;
        }
        break;
    case K_PAIR:
        if (field == F[F_KEY]) {
            f->mode = MODE_NAME;
        } else if (field == F[F_VALUE]) {
            if (p->u.pair.key && p->u.pair.has_knode) {
                f->defname = p->u.pair.key;
                f->defnode = p->u.pair.knode;
            }
        }
        break;
    case K_PAIR_PAT:
        if (field == F[F_KEY])
            f->mode = MODE_NAME;
        else if (field == F[F_VALUE] && p->mode == MODE_BIND)
            f->mode = MODE_BIND;
        break;
    case K_ASSIGN_PAT:
        if (field == F[F_LEFT] && p->mode == MODE_BIND)
            f->mode = MODE_BIND;
        break;
    case K_PARAMS:
        f->mode = MODE_BIND;
        break;
    case K_PARAM_TS:
        f->mode = field == F[F_PATTERN] || field == F[F_NAME] ? MODE_BIND : MODE_READ;
        break;
    case K_MEMBER:
        if (field == F[F_PROPERTY])
            f->mode = MODE_NAME;
        else if (p->mode == MODE_NAME)
            f->mode = MODE_NAME;
        break;
    case K_DECLARATOR:
        if (field == F[F_NAME]) {
            f->mode = MODE_BIND;
        } else if (field == F[F_VALUE] && p->u.val.dname) {
            f->defname = p->u.val.dname;
            f->defnode = p->u.val.dnode;
        }
        break;
    case K_ASSIGN:
        if (field == F[F_LEFT]) {
            f->mode = MODE_BIND;
        } else if (field == F[F_RIGHT]) {
            if (p->u.val.dname && p->u.val.has_dnode) {
                f->defname = p->u.val.dname;
                f->defnode = p->u.val.dnode;
            }
            f->exports = p->smark < st->nstrs && st->strs[p->smark].tag == S_TARGET &&
                         strcmp(st->strs[p->smark].s, "module.exports") == 0;
        }
        break;
    case K_AUGASSIGN:
        if (field == F[F_LEFT])
            f->mode = MODE_BIND;
        break;
    case K_UPDATE:
        if (field == F[F_ARGUMENT])
            f->mode = MODE_BIND;
        break;
    case K_FOR:
        if (field == F[F_INITIALIZER])
            f->keep_targets = true;
        else if (field == F[F_BODY] || field == F[F_CONDITION] || field == F[F_INCREMENT])
            f->loop = p->index;
        break;
    case K_FOR_IN:
        if (field == F[F_LEFT])
            f->mode = MODE_BIND;
        else if (field == F[F_BODY])
            f->loop = p->index;
        break;
    case K_WHILE:
    case K_DO:
        if (field == F[F_BODY] || field == F[F_CONDITION])
            f->loop = p->index;
        break;
    case K_DECL:
    case K_SEQUENCE:
        f->keep_targets = p->keep_targets;
        break;
    case K_RETURN:
    case K_THROW:
        f->ret |= RET_STMT;
        break;
    case K_JSX_TAG:
        if (field == F[F_NAME])
            f->mode = MODE_NAME;
        break;
    case K_CATCH:
        if (field == F[F_PARAMETER])
            f->mode = MODE_NAME;
        break;
    case K_EXPORT:
        if (field == F[F_VALUE] || (p->u.exp.eq && field == 0)) {
            f->defname = "default";
            f->defnode = f->node;
        }
        break;
    case K_OBJECT:
        f->exports = p->exports;
        f->kw_pair = p->arg_obj;
        break;
    case K_ARGS:
        f->arg_obj = true;
        break;
    default:
        break;
    }
}

static void limit_notice(lw *st, TSNode n)
{
    if (st->depth_noticed)
        return;
    st->depth_noticed = true;
    hr_file_notice *no = HR_VEC_PUSH(st->a, &st->m->notices, hr_file_notice);
    no->kind = HR_NOTICE_LIMIT;
    no->span = span_of(st, n);
    no->message = hr_arena_printf(st->a, "nesting deeper than %u levels; the deeper code was skipped",
                                  st->max_depth);
}

static frame *push(lw *st, TSNode n, TSFieldId field)
{
    st->stack = hr_lw_grow(st->stack, &st->scap, st->sp + 1, sizeof *st->stack);
    frame *p = st->sp ? &st->stack[st->sp - 1] : NULL;
    frame *f = &st->stack[st->sp++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->sym = ts_node_symbol(n);
    f->kind = kind_of(st, f->sym);
    f->field = field;
    f->cmark = (uint32_t)st->cb.len;
    f->smark = st->nstrs;
    f->imark = st->nidents;
    f->callmark = st->m->calls.len;
    f->call = -1;
    f->recv_call = -1;
    f->index = -1;
    if (st->sp > st->max_depth) {
        f->kind = K_OPAQUE;
        limit_notice(st, n);
    }
    if (p) {
        child_ctx(st, p, f);
    } else {
        f->fn = 0;
        f->loop = -1;
        f->cls = -1;
        f->scope = st->m->module[0] ? st->m->module : NULL;
    }
    return f;
}

/* Marks calls of function fn in [c0, c1). */
static void flag_calls(lw *st, uint32_t c0, uint32_t c1, int32_t fn, uint32_t flag)
{
    for (uint32_t i = c0; i < c1; i++) {
        hr_call *c = call_at(st, (int32_t)i);
        if (c->function == fn)
            c->flags |= flag;
    }
}

/* Decorators written before f in its parent: TypeScript puts a method's
 * decorators in the class body before it; `@D() export class` puts them on
 * the export statement. Takes them off the strs stack. */
static hr_strs take_parent_decorators(lw *st, frame *p, frame *f)
{
    hr_strs d = {NULL, 0};
    if (p && (p->kind == K_CLASS_BODY ||
              (p->kind == K_EXPORT && (f->field == st->f[F_DECLARATION] || f->field == st->f[F_VALUE])))) {
        d = strs_take(st, p->smark, 1u << S_DECOR);
        strs_trunc(st, p->smark);
        f->smark = st->nstrs;
    }
    return d;
}

static bool in_list(const char *s, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
            return true;
    return false;
}

/* Array methods whose first argument is called once per element. */
static const char *const elem_methods[] = {
    "forEach", "map", "flatMap", "filter", "reduce", "reduceRight", "some",
    "every", "find", "findIndex", "findLast", "findLastIndex",
};
/* Bluebird's collection methods: (iterable, callback). */
static const char *const promise_list_methods[] = {"map", "each", "mapSeries"};
/* lodash / underscore collection functions: (iterable, callback). */
static const char *const lodash_methods[] = {
    "forEach", "each", "map", "flatMap", "filter", "reduce", "reduceRight", "some", "every",
    "find", "findIndex", "findLast", "findLastIndex", "forEachRight", "eachRight",
};
static const char *const promise_combinators[] = {"all", "allSettled", "any", "race"};

/* Whether local name s[0..n) is bound by an import seen so far to one of
 * the packages (exact target). */
static bool bound_to(lw *st, const char *s, size_t n, const char *const *pkgs, size_t count)
{
    const hr_file_model *m = st->m;
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (imp->reexport || strlen(imp->local) != n || memcmp(imp->local, s, n) != 0)
            continue;
        for (size_t k = 0; k < count; k++)
            if (strcmp(imp->target, pkgs[k]) == 0)
                return true;
    }
    return false;
}

/* Creates the callback loop of function f (just created, index fi) when it
 * is the callback argument of call gp; p is the arguments frame. */
static void callback_loop(lw *st, frame *f, int32_t fi)
{
    if (st->sp < 3)
        return;
    frame *p = &st->stack[st->sp - 2], *gp = &st->stack[st->sp - 3];
    if (p->kind != K_ARGS || gp->kind != K_CALL || gp->u.call.cbk == CB_NONE)
        return;
    uint32_t k = p->u.args.npos;
    bool elem = gp->u.call.cbk == CB_ELEM;
    if (k != (elem ? 0u : 1u))
        return;
    hr_file_model *m = st->m;
    int32_t li = (int32_t)m->loops.len;
    hr_loop *l = HR_VEC_PUSH(st->a, &m->loops, hr_loop);
    l->kind = HR_LOOP_CALLBACK;
    l->span = span_of(st, f->node);
    l->parent = gp->loop;
    l->function = fi;
    if (elem) {
        l->head = span_of(st, gp->u.call.head);
        l->iterable = gp->u.call.recv_text ? gp->u.call.recv_text : "?";
        l->iter_call = gp->u.call.recv_vcall;
        if (gp->u.call.recv_small)
            l->flags |= HR_LOOP_SMALL_LITERAL;
    } else {
        l->head = gp->u.call.has_arg0 ? hr_ts_span_join(gp->node, gp->u.call.arg0, st->bom)
                                      : span_of(st, gp->node);
        l->iterable = gp->u.call.arg0_text ? gp->u.call.arg0_text : "?";
        l->iter_call = gp->u.call.has_arg0 ? gp->u.call.arg0_call : -1;
        if (gp->u.call.has_arg0 && gp->u.call.arg0_small)
            l->flags |= HR_LOOP_SMALL_LITERAL;
    }
    if (l->iter_call >= 0)
        call_at(st, l->iter_call)->flags |= HR_CALL_LOOP_ITERABLE;
    bool concurrent = gp->u.call.concurrent;
    if (elem && st->sp >= 5) {
        const frame *ga = &st->stack[st->sp - 4], *gc = &st->stack[st->sp - 5];
        concurrent |= ga->kind == K_ARGS && gc->kind == K_CALL && gc->u.call.pall;
    }
    if (concurrent)
        l->flags |= HR_LOOP_CONCURRENT;
    f->u.fn.cbloop = li;
    f->u.fn.cbparam = gp->u.call.second ? 1 : 0;
}

/* Called when f is entered; returns whether to visit its children. */
static bool enter(lw *st, frame *f)
{
    frame *p = st->sp > 1 ? &st->stack[st->sp - 2] : NULL;
    hr_file_model *m = st->m;

    if (p && (p->kind == K_BLOCK || p->kind == K_PROGRAM || p->kind == K_CASE) &&
        (flags_of(st, f->sym) & NF_EXIT) && p->u.block.prev_simple)
        flag_calls(st, p->u.block.c0, p->u.block.c1, p->fn, HR_CALL_THEN_EXIT);

    switch (f->kind) {
    case K_OPAQUE:
    case K_SKIP:
        return false;
    case K_IMPORT:
        lower_import(st);
        return false;
    case K_EXPORT:
        return scan_export(st, f);
    case K_FUNC:
    case K_METHOD:
    case K_ARROW: {
        int32_t fi = (int32_t)m->functions.len;
        f->index = fi;
        f->u.fn.cbloop = -1;
        hr_strs pre = take_parent_decorators(st, p, f);
        hr_function *fn = HR_VEC_PUSH(st->a, &m->functions, hr_function);
        fn->span = span_of(st, f->node);
        fn->parent = f->fn;
        fn->class_index = -1;
        fn->decorators = pre;
        if (flags_of(st, f->sym) & NF_GEN)
            fn->flags |= HR_FN_GENERATOR;
        if (f->kind == K_METHOD) {
            fn->flags |= HR_FN_METHOD;
            if (p && p->kind == K_CLASS_BODY)
                fn->class_index = f->cls;
        } else if (p && p->kind == K_FIELD && f->field == st->f[F_VALUE] && f->cls >= 0) {
            fn->flags |= HR_FN_METHOD; /* handle = async () => {} in a class body */
            fn->class_index = f->cls;
        }
        if (f->defname) {
            fn->name = f->defname;
            fn->name_span = span_of(st, f->defnode);
        } else if (f->kind == K_METHOD) {
            fn->name = "?";
            fn->name_span = fn->span;
        } else {
            fn->name = "<lambda>";
            fn->flags |= HR_FN_LAMBDA;
            fn->name_span = fn->span;
        }
        fn->qualname = qualify(st, f->scope, fn->name);
        callback_loop(st, f, fi);
        return true;
    }
    case K_CLASS: {
        f->index = (int32_t)m->classes.len;
        hr_strs pre = take_parent_decorators(st, p, f);
        hr_class *c = HR_VEC_PUSH(st->a, &m->classes, hr_class);
        c->name = f->defname ? f->defname : "?";
        c->qualname = qualify(st, f->scope, c->name);
        c->span = span_of(st, f->node);
        c->name_span = f->defname ? span_of(st, f->defnode) : c->span;
        c->decorators = pre;
        c->parent_class = f->cls;
        c->function = f->fn;
        return true;
    }
    case K_FIELD:
        f->u.field.pre = take_parent_decorators(st, p, f);
        f->u.field.vcall = -1;
        return true;
    case K_FOR:
    case K_FOR_IN:
    case K_WHILE:
    case K_DO: {
        f->index = (int32_t)m->loops.len;
        hr_loop *l = HR_VEC_PUSH(st->a, &m->loops, hr_loop);
        l->kind = f->kind == K_WHILE ? HR_LOOP_WHILE : f->kind == K_DO ? HR_LOOP_DO : HR_LOOP_FOR;
        l->span = l->head = span_of(st, f->node);
        l->iterable = f->kind == K_FOR_IN ? "?" : NULL;
        l->iter_call = -1;
        l->parent = f->loop;
        l->function = f->fn;
        return true;
    }
    case K_CALL:
    case K_NEW: {
        f->index = (int32_t)m->calls.len;
        hr_call *c = HR_VEC_PUSH(st->a, &m->calls, hr_call);
        c->span = c->name_span = span_of(st, f->node);
        c->function = f->fn;
        c->loop = f->loop;
        c->receiver_call = -1;
        c->callee = c->resolved = c->name = "?";
        if (f->kind == K_NEW)
            c->flags |= HR_CALL_CONSTRUCTOR;
        if (f->ret & RET_STMT)
            c->flags |= HR_CALL_RETURNED | HR_CALL_THEN_EXIT;
        if (f->ret & RET_ARROW)
            c->flags |= HR_CALL_RETURNED;
        f->u.call.recv_vcall = f->u.call.arg0_call = -1;
        return true;
    }
    case K_DECLARATOR:
    case K_ASSIGN:
    case K_AUGASSIGN:
    case K_RETURN:
        f->u.val.vcall = -1;
        return true;
    case K_UPDATE:
        f->u.val.vcall = -1;
        f->u.val.value = "?";
        f->u.val.has_value = true;
        f->u.val.ilo = f->u.val.ihi = st->nidents;
        return true;
    case K_YIELD:
        if (f->fn > 0)
            fn_at(st, f->fn)->flags |= HR_FN_GENERATOR;
        return true;
    default:
        return true;
    }
}

static void on_token(lw *st, frame *p, TSNode n, TSFieldId field)
{
    (void)field;
    const hr_js_tables *t = st->t;
    TSSymbol s = ts_node_symbol(n);
    switch (p->kind) {
    case K_FUNC:
    case K_METHOD:
    case K_ARROW: {
        hr_function *fn = fn_at(st, p->index);
        if (s == t->tok[T_ASYNC])
            fn->flags |= HR_FN_ASYNC;
        else if (s == t->tok[T_STAR] && p->kind == K_METHOD)
            fn->flags |= HR_FN_GENERATOR;
        else if (s == t->tok[T_GET] && p->kind == K_METHOD)
            fn->flags |= HR_FN_PROPERTY;
        else if ((s == t->tok[T_ARROW] || s == t->tok[T_FUNCTION]) && (fn->flags & HR_FN_LAMBDA))
            fn->name_span = span_of(st, n);
        break;
    }
    case K_FOR_IN:
        if (s == t->tok[T_AWAIT])
            loop_at(st, p->index)->flags |= HR_LOOP_ASYNC;
        break;
    default:
        break;
    }
}

/* Records the value child c of a value-holding frame f. */
static void take_value(lw *st, frame *f, const frame *c)
{
    f->u.val.value = value_text(st, c);
    f->u.val.vcall = c->call;
    f->u.val.ilo = c->imark;
    f->u.val.ihi = st->nidents;
    f->u.val.has_value = true;
    f->u.val.req = c->via_await ? NULL : c->req;
    f->u.val.req_rel = c->req_rel;
    f->u.val.qual = c->qual;
    f->u.val.obj = c->kind == K_OBJECT;
    f->u.val.awaited = c->via_await;
}

/* Emits one assign per target in strs[lo..nstrs) with f's value. */
static void emit_assigns(lw *st, frame *f, uint32_t lo)
{
    hr_file_model *m = st->m;
    if (!f->u.val.has_value)
        return;
    hr_strs names = names_of(st, f->u.val.ilo, f->u.val.ihi);
    hr_span span = span_of(st, f->node);
    const char *value = f->u.val.value;
    for (uint32_t i = lo; i < st->nstrs; i++) {
        const lw_str *t = &st->strs[i];
        if (t->tag != S_TARGET && t->tag != S_DESTRUCT)
            continue;
        hr_assign *a = HR_VEC_PUSH(st->a, &m->assigns, hr_assign);
        a->target = t->s;
        a->span = span;
        a->function = f->fn;
        a->loop = f->loop;
        a->names = names;
        if (t->tag == S_TARGET) {
            a->value = value;
            a->value_call = f->u.val.vcall;
        } else {
            /* a key of an awaited value is a key of `?`, as in a chain */
            a->value_call = -1;
            a->value = t->path && strcmp(t->path, "?") != 0 && strcmp(value, "?") != 0
                           ? hr_arena_printf(st->a, "%s%s", f->u.val.awaited ? "?" : value, t->path)
                           : "?";
        }
    }
}

/* `const x = require('m')`, `const { a, b: c } = require('m')`: imports. */
static void require_imports(lw *st, frame *f, uint32_t lo, bool whole_only)
{
    hr_span span = span_of(st, f->node);
    for (uint32_t i = lo; i < st->nstrs; i++) {
        const lw_str *t = &st->strs[i];
        if (t->tag == S_TARGET && !strpbrk(t->s, ".[("))
            add_import(st, t->s, f->u.val.req, span, f->u.val.req_rel, false, false);
        else if (!whole_only && t->tag == S_DESTRUCT && t->path && t->path[0] == '.')
            add_import(st, t->s, join(st, f->u.val.req, t->path + 1), span, f->u.val.req_rel, false, false);
    }
}

/* Sets the path of every bound target in strs[lo..): prefixed with ".key",
 * or "?" when key is NULL. */
static void prefix_paths(lw *st, uint32_t lo, const char *key)
{
    for (uint32_t i = lo; i < st->nstrs; i++) {
        lw_str *t = &st->strs[i];
        if (t->tag != S_TARGET && t->tag != S_DESTRUCT)
            continue;
        if (!key || (t->path && strcmp(t->path, "?") == 0))
            t->path = "?";
        else
            t->path = hr_arena_printf(st->a, ".%s%s", key, t->path ? t->path : "");
        t->tag = S_DESTRUCT;
    }
}

/* Whether member f (on top of the stack) is read as a value of its own:
 * not the object of a longer chain, not a callee, not a decorator. The
 * parent is looked at through parentheses and type assertions. */
static bool attr_is_read(const lw *st, const frame *f)
{
    const TSFieldId *F = st->f;
    uint32_t k = st->sp - 1;
    TSFieldId field = f->field;
    while (k > 1 && (st->stack[k - 1].kind == K_PAREN || st->stack[k - 1].kind == K_TRANSPARENT ||
                     (st->stack[k - 1].kind == K_AWAIT && st->stack[k - 1].field == F[F_FUNCTION] && k > 2 &&
                      st->stack[k - 2].kind == K_CALL)))
        field = st->stack[--k].field;
    const frame *user = &st->stack[k - 1];
    return !(user->kind == K_DECORATOR || (user->kind == K_MEMBER && field == F[F_OBJECT]) ||
             ((user->kind == K_CALL && field == F[F_FUNCTION]) ||
              (user->kind == K_NEW && field == F[F_CONSTRUCTOR])));
}

static bool truthy_number(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 'e' || s[i] == 'E' || s[i] == 'n')
            break;
        if (s[i] >= '1' && s[i] <= '9')
            return true;
    }
    return false;
}

/* An exported name of module.exports.x / exports.x, or NULL. */
static const char *exports_member(const char *target)
{
    const char *rest = NULL;
    if (strncmp(target, "module.exports.", 15) == 0)
        rest = target + 15;
    else if (strncmp(target, "exports.", 8) == 0)
        rest = target + 8;
    return rest && *rest && !strpbrk(rest, ".[(") ? rest : NULL;
}

/* Called when f is left (it is still on the stack; p is its parent). */
static void done(lw *st, frame *f, frame *p)
{
    hr_file_model *m = st->m;
    switch (f->kind) {
    case K_IDENT:
    case K_THIS:
    case K_KEYWORD:
    case K_SHORTHAND: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        if (hi <= lo)
            break; /* MISSING identifier */
        uint32_t id = hr_intern_id(&st->in, st->src + lo, hi - lo);
        cb_trunc(st, f->cmark);
        hr_buf_add(&st->cb, st->src + lo, hi - lo);
        f->clen = hi - lo;
        f->chain = f->pure = true;
        f->rkind = K_IDENT;
        f->name_lo = lo;
        f->name_hi = hi;
        f->name_node = f->node;
        f->has_name = true;
        if (f->mode == MODE_READ && f->kind != K_KEYWORD) {
            st->idents = hr_lw_grow(st->idents, &st->icap, st->nidents + 1, sizeof *st->idents);
            st->idents[st->nidents++] = id;
        } else if (f->mode == MODE_BIND && f->kind == K_IDENT) {
            strs_push(st, hr_intern_str(&st->in, id), NULL, S_TARGET);
        }
        break;
    }
    case K_NAME: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        if (hi <= lo)
            break;
        f->name_lo = lo;
        f->name_hi = hi;
        f->name_node = f->node;
        f->has_name = true;
        break;
    }
    case K_SHORTHAND_PAT: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        if (hi <= lo)
            break;
        f->name_lo = lo;
        f->name_hi = hi;
        f->name_node = f->node;
        f->has_name = true;
        if (f->mode == MODE_BIND) {
            const char *name = text_of(st, lo, hi);
            strs_push(st, name, hr_arena_printf(st->a, ".%s", name), S_DESTRUCT);
        }
        break;
    }
    case K_MEMBER: {
        if (!f->u.member.has_base)
            f->clen = unknown_base(st, f);
        cb_trunc(st, f->cmark + f->clen);
        hr_buf_putc(&st->cb, '.');
        if (f->has_name)
            hr_buf_add(&st->cb, st->src + f->name_lo, f->name_hi - f->name_lo);
        else
            hr_buf_putc(&st->cb, '?');
        f->clen = (uint32_t)st->cb.len - f->cmark;
        f->chain = true;
        f->rkind = K_MEMBER;
        f->pure = f->pure && f->has_name;
        if (f->u.member.oreq && f->has_name) {
            f->req = join(st, f->u.member.oreq, text_of(st, f->name_lo, f->name_hi));
            f->req_rel = f->u.member.oreq_rel;
        }
        if (f->mode == MODE_BIND) {
            strs_push(st, intern(st, st->cb.data + f->cmark, f->clen), NULL, S_TARGET);
        } else if (f->mode == MODE_READ && f->pure && p && attr_is_read(st, f)) {
            const char *chain = intern(st, st->cb.data + f->cmark, f->clen);
            hr_attr *a = HR_VEC_PUSH(st->a, &m->attrs, hr_attr);
            a->root = intern(st, chain, strcspn(chain, "."));
            a->chain = chain;
            a->span = span_of(st, f->node);
            a->function = f->fn;
            a->loop = f->loop;
        }
        break;
    }
    case K_SUBSCRIPT:
        if (!f->u.member.has_base)
            f->clen = unknown_base(st, f);
        cb_trunc(st, f->cmark + f->clen);
        hr_buf_add(&st->cb, "[]", 2);
        f->clen += 2;
        f->chain = true;
        f->rkind = K_SUBSCRIPT;
        f->has_name = false;
        if (f->mode == MODE_BIND)
            strs_push(st, intern(st, st->cb.data + f->cmark, f->clen), NULL, S_TARGET);
        break;
    case K_CALL:
    case K_NEW: {
        hr_call *c = call_at(st, f->index);
        if (!f->u.call.has_fn) {
            f->clen = unknown_base(st, f);
            f->u.call.args_imark = f->imark;
        }
        cb_trunc(st, f->cmark + f->clen);
        c->callee = intern(st, st->cb.data + f->cmark, f->clen);
        uint32_t names_lo = (c->flags & HR_CALL_METHOD) ? f->imark : f->u.call.args_imark;
        c->names = names_of(st, names_lo, st->nidents);
        f->req = NULL;
        if (f->kind == K_CALL && f->u.call.has_s0 && f->u.call.nargs == 1 && strcmp(c->callee, "require") == 0)
            f->req = module_id(st, st->src + f->u.call.s0_lo, f->u.call.s0_hi - f->u.call.s0_lo, &f->req_rel);
        hr_buf_add(&st->cb, "()", 2);
        f->clen += 2;
        f->chain = true;
        f->via_await = f->u.call.await_callee;
        f->call = f->index;
        f->rkind = K_CALL;
        if (f->u.call.await_callee)
            c->flags |= HR_CALL_AWAITED;
        f->has_name = f->has_str = false;
        f->recv_call = -1;
        f->truthy = f->small = false;
        f->qual = f->lit = NULL;
        break;
    }
    case K_PAREN:
    case K_TRANSPARENT:
        if (f->u.paren.nkids != 1) {
            f->chain = f->via_await = f->truthy = f->small = f->has_name = f->pure = f->has_str = false;
            f->call = -1;
            f->req = f->qual = f->lit = NULL;
            f->rkind = f->kind;
        }
        break;
    case K_AWAIT:
        f->via_await = true;
        f->inner_rkind = f->rkind; /* has_name and name_* stay for that case too */
        f->rkind = K_AWAIT;
        f->pure = f->has_str = false;
        f->req = f->qual = f->lit = NULL;
        break;
    case K_NUMBER: {
        uint32_t lo = ts_node_start_byte(f->node), hi = ts_node_end_byte(f->node);
        f->truthy = truthy_number(st->src + lo, hi - lo);
        f->lit = hi - lo <= JS_NUMBER_MAX ? node_text(st, f->node) : NULL;
        break;
    }
    case K_TRUE:
        f->truthy = true;
        f->lit = "true";
        break;
    case K_LITERAL:
        f->lit = node_text(st, f->node);
        break;
    case K_STRING:
        f->has_str = string_bytes(st, f->node, &f->str_lo, &f->str_hi);
        f->lit = f->has_str ? string_lit(st, f->str_lo, f->str_hi) : NULL;
        break;
    case K_TEMPLATE: {
        uint32_t lo, hi;
        f->lit = !f->u.tmpl.subst && string_bytes(st, f->node, &lo, &hi) ? string_lit(st, lo, hi) : NULL;
        break;
    }
    case K_ARRAY:
        f->small = !f->u.coll.splat && f->u.coll.count <= HR_SMALL_LITERAL_MAX;
        if (f->mode == MODE_READ && !f->u.coll.splat && f->u.coll.count <= JS_ELEMS_MAX)
            f->lit = join_tagged(st, f->smark, S_ELEM, '[', ']');
        break;
    case K_OBJECT:
        f->small = !f->u.coll.splat && f->u.coll.count <= HR_SMALL_LITERAL_MAX;
        if (f->mode == MODE_READ && !f->u.coll.splat && f->u.coll.count <= JS_ELEMS_MAX)
            f->lit = join_tagged(st, f->smark, S_OBJE, '{', '}');
        break;
    case K_ARRAY_PAT:
    case K_REST_PAT:
        prefix_paths(st, f->smark, NULL);
        break;
    case K_PAIR_PAT:
        prefix_paths(st, f->smark, f->u.pair.key);
        break;
    case K_FOR:
        if (!f->u.loop.has_cond || f->u.loop.cond_true)
            loop_at(st, f->index)->flags |= HR_LOOP_INFINITE;
        break;
    case K_DECLARATOR:
        if (f->u.val.has_value && f->u.val.req)
            require_imports(st, f, f->smark, false);
        else
            emit_assigns(st, f, f->smark);
        break;
    case K_ASSIGN: {
        emit_assigns(st, f, f->smark);
        if (!f->u.val.has_value)
            break;
        if (f->u.val.req && f->fn == 0)
            require_imports(st, f, f->smark, true);
        const char *target = f->smark < st->nstrs && st->strs[f->smark].tag == S_TARGET
                                 ? st->strs[f->smark].s
                                 : NULL;
        if (!target)
            break;
        hr_span span = span_of(st, f->node);
        const char *member = exports_member(target);
        if (strcmp(target, "module.exports") == 0 && !f->u.val.obj)
            export_value(st, "default", f->u.val.req, f->u.val.req_rel, f->u.val.qual, f->u.val.value, span);
        else if (member)
            export_value(st, member, f->u.val.req, f->u.val.req_rel, f->u.val.qual, f->u.val.value, span);
        break;
    }
    case K_AUGASSIGN:
    case K_UPDATE:
        emit_assigns(st, f, f->smark);
        break;
    case K_RETURN: {
        hr_return *r = HR_VEC_PUSH(st->a, &m->returns, hr_return);
        r->span = span_of(st, f->node);
        r->value = f->u.val.has_value ? f->u.val.value : NULL;
        r->value_call = f->u.val.vcall;
        r->function = f->fn;
        r->loop = f->loop;
        if (f->u.val.has_value)
            r->names = names_of(st, f->u.val.ilo, f->u.val.ihi);
        break;
    }
    case K_FUNC:
    case K_METHOD:
    case K_ARROW: {
        hr_function *fn = fn_at(st, f->index);
        fn->decorators = strs_concat(st, fn->decorators, strs_take(st, f->smark, 1u << S_DECOR));
        f->qual = fn->qualname;
        f->chain = false;
        break;
    }
    case K_CLASS: {
        hr_class *c = HR_CLASS(m, f->index);
        c->decorators = strs_concat(st, c->decorators, strs_take(st, f->smark, 1u << S_DECOR));
        f->qual = c->qualname;
        f->chain = false;
        break;
    }
    case K_FIELD:
        if (f->cls >= 0 && f->u.field.name) {
            hr_class *c = HR_CLASS(m, f->cls);
            hr_field *fd = HR_VEC_PUSH(st->a, &c->fields, hr_field);
            fd->name = f->u.field.name;
            fd->value = f->u.field.value ? f->u.field.value : "?";
            fd->value_call = f->u.field.vcall;
            fd->literal = f->u.field.lit;
            fd->annotation = f->u.field.annotation;
            fd->span = span_of(st, f->node);
            fd->decorators = strs_concat(st, f->u.field.pre, strs_take(st, f->smark, 1u << S_DECOR));
        }
        break;
    default:
        break;
    }

    /* A bound node, and the collectors below, hand their strs up. */
    bool keep = f->mode == MODE_BIND || f->kind == K_ARGS || f->kind == K_DECORATOR ||
                f->kind == K_PARAMS || f->kind == K_HERITAGE || f->kind == K_EXTENDS ||
                (f->kind == K_OBJECT && f->arg_obj) ||
                (f->keep_targets && (f->kind == K_DECL || f->kind == K_DECLARATOR ||
                                     f->kind == K_ASSIGN || f->kind == K_SEQUENCE));
    if (!keep)
        strs_trunc(st, f->smark);
    if (!f->chain)
        f->clen = 0;
    cb_trunc(st, f->cmark + f->clen);
}

/* The function name child c of function frame p. A function expression
 * assigned to a name keeps that name (`const load = function fetch() {}` is
 * called as load). */
static void function_name(lw *st, frame *p, const frame *c)
{
    const char *name = key_text(st, c);
    if (!name || !*name || p->defname)
        return;
    hr_function *fn = fn_at(st, p->index);
    fn->name = name;
    fn->qualname = qualify(st, p->scope, name);
    fn->name_span = span_of(st, c->node);
    fn->flags &= ~(uint32_t)HR_FN_LAMBDA;
}

/* Called when child c of p has been left. */
static void child_done(lw *st, frame *p, frame *c)
{
    const TSFieldId *F = st->f;
    hr_file_model *m = st->m;
    TSFieldId field = c->field;
    switch (p->kind) {
    case K_PROGRAM:
    case K_BLOCK:
    case K_CASE:
        p->u.block.prev_simple = c->kind != K_ERROR && (flags_of(st, c->sym) & NF_SIMPLE) &&
                                 (p->kind != K_CASE || field == F[F_BODY]);
        p->u.block.c0 = c->callmark;
        p->u.block.c1 = m->calls.len;
        break;
    case K_FUNC:
    case K_METHOD:
    case K_ARROW: {
        hr_function *fn = fn_at(st, p->index);
        if (field == F[F_NAME]) {
            function_name(st, p, c);
        } else if (field == F[F_PARAMETERS] && c->kind == K_PARAMS) {
            fn->params = strs_take(st, c->smark, BOUND);
            fn->param_types = strs_take(st, c->smark, 1u << S_PTYPE);
            bool typed = false;
            for (uint32_t i = 0; i < fn->param_types.n; i++)
                typed |= fn->param_types.v[i] != NULL;
            if (!typed)
                fn->param_types = (hr_strs){NULL, 0};
            int32_t li = p->u.fn.cbloop;
            uint32_t k = p->u.fn.cbparam;
            if (li >= 0 && k < c->u.params.n)
                loop_at(st, li)->vars = strs_range(st, c->u.params.lo[k], c->u.params.hi[k], BOUND);
            strs_trunc(st, c->smark);
        } else if (field == F[F_PARAMETER]) {
            fn->params = strs_take(st, c->smark, BOUND);
            if (p->u.fn.cbloop >= 0 && p->u.fn.cbparam == 0)
                loop_at(st, p->u.fn.cbloop)->vars = fn->params;
            strs_trunc(st, c->smark);
        } else if (field == F[F_BODY] && p->kind == K_ARROW && c->kind != K_BLOCK) {
            hr_return *r = HR_VEC_PUSH(st->a, &m->returns, hr_return);
            r->span = span_of(st, c->node);
            r->value = value_text(st, c);
            r->value_call = c->call;
            r->function = p->index;
            r->loop = c->loop;
            r->names = names_of(st, c->imark, st->nidents);
        }
        break;
    }
    case K_CLASS: {
        hr_class *cl = HR_CLASS(m, p->index);
        if (field == F[F_NAME] && c->has_name) {
            cl->name = text_of(st, c->name_lo, c->name_hi);
            cl->qualname = qualify(st, p->scope, cl->name);
            cl->name_span = span_of(st, c->node);
        } else if (c->kind == K_HERITAGE) {
            cl->bases = strs_take(st, c->smark, 1u << S_BASE);
            strs_trunc(st, c->smark);
        }
        break;
    }
    case K_HERITAGE:
        if (c->kind != K_EXTENDS && c->kind != K_SKIP)
            strs_push(st, value_text(st, c), NULL, S_BASE);
        break;
    case K_EXTENDS:
        if (field == F[F_VALUE])
            strs_push(st, value_text(st, c), NULL, S_BASE);
        break;
    case K_CLASS_BODY:
        if (c->kind != K_DECORATOR)
            strs_trunc(st, p->smark);
        break;
    case K_FIELD:
        if (field == F[F_NAME] || field == F[F_PROPERTY]) {
            const char *name = key_text(st, c);
            if (name && *name) {
                p->u.field.name = name;
                p->u.field.name_node = c->node;
                p->u.field.has_node = true;
            }
        } else if (field == F[F_VALUE]) {
            p->u.field.value = value_text(st, c);
            p->u.field.vcall = c->call;
            p->u.field.lit = c->chain ? NULL : c->lit;
        } else if (field == F[F_TYPE]) {
            p->u.field.annotation = type_text(st, c->node);
        }
        break;
    case K_DECORATOR:
        strs_push(st, value_text(st, c), NULL, S_DECOR);
        break;
    case K_PARAMS: {
        uint32_t k = p->u.params.n++;
        uint32_t hi = st->nstrs, bound = 0;
        if (k < 2) {
            p->u.params.lo[k] = c->smark;
            p->u.params.hi[k] = hi;
        }
        /* a type text per bound name: the parameter's type when it binds one name */
        for (uint32_t i = c->smark; i < hi; i++)
            bound += (BOUND >> st->strs[i].tag) & 1;
        for (uint32_t i = 0; i < bound; i++)
            strs_push(st, bound == 1 && c->kind == K_PARAM_TS ? c->u.param.type : NULL, NULL, S_PTYPE);
        break;
    }
    case K_PARAM_TS:
        if (c->kind == K_DECORATOR)
            strs_trunc(st, c->smark);
        else if (field == F[F_TYPE])
            p->u.param.type = type_text(st, c->node);
        break;
    case K_PAIR_PAT:
        if (field == F[F_KEY])
            p->u.pair.key = key_text(st, c);
        break;
    case K_FOR: {
        hr_loop *l = loop_at(st, p->index);
        if (field == F[F_BODY])
            break;
        l->head = hr_ts_span_join(p->node, c->node, st->bom);
        if (field == F[F_INITIALIZER]) {
            l->vars = strs_take(st, c->smark, BOUND);
            strs_trunc(st, c->smark);
        } else if (field == F[F_CONDITION] && c->kind != K_EMPTY) {
            p->u.loop.has_cond = true;
            p->u.loop.cond_true = c->truthy;
        }
        break;
    }
    case K_FOR_IN: {
        hr_loop *l = loop_at(st, p->index);
        if (field == F[F_LEFT]) {
            l->vars = strs_take(st, c->smark, BOUND);
            strs_trunc(st, c->smark);
        } else if (field == F[F_RIGHT]) {
            l->iterable = value_text(st, c);
            l->iter_call = c->call;
            if (c->call >= 0)
                call_at(st, c->call)->flags |= HR_CALL_LOOP_ITERABLE;
            if (c->small)
                l->flags |= HR_LOOP_SMALL_LITERAL;
            l->head = hr_ts_span_join(p->node, c->node, st->bom);
        }
        break;
    }
    case K_WHILE:
    case K_DO:
        if (field == F[F_CONDITION]) {
            hr_loop *l = loop_at(st, p->index);
            l->head = span_of(st, c->node);
            if (c->truthy)
                l->flags |= HR_LOOP_INFINITE;
        }
        break;
    case K_CALL:
    case K_NEW:
        if (field == F[F_FUNCTION] || field == F[F_CONSTRUCTOR]) {
            hr_call *call = call_at(st, p->index);
            frame awaited;
            if (c->kind == K_AWAIT && c->field == F[F_FUNCTION] && p->kind == K_CALL) {
                /* tree-sitter-typescript reads `await f<T>(x)` as a call of
                 * `await f`: lower it as the awaited call it is */
                awaited = *c;
                awaited.via_await = false;
                awaited.rkind = c->inner_rkind;
                c = &awaited;
                p->u.call.await_callee = true;
            }
            p->clen = take_base(st, p, c);
            p->u.call.has_fn = true;
            p->u.call.args_imark = st->nidents;
            switch (c->rkind) {
            case K_IDENT:
            case K_MEMBER:
                if (c->has_name) {
                    call->name = text_of(st, c->name_lo, c->name_hi);
                    call->name_span = span_of(st, c->name_node);
                } else {
                    call->name_span = span_of(st, c->node);
                }
                if (c->rkind == K_MEMBER) {
                    call->flags |= HR_CALL_METHOD;
                    call->receiver_call = c->recv_call;
                }
                break;
            case K_CALL:
                call->name = "()";
                call->name_span = span_of(st, c->node);
                break;
            case K_SUBSCRIPT:
                call->name = "[]";
                call->name_span = span_of(st, c->node);
                break;
            default:
                call->name_span = span_of(st, c->node);
                break;
            }
            if (p->kind == K_CALL && c->kind == K_MEMBER && c->has_name && !c->via_await) {
                const char *nm = st->src + c->name_lo;
                size_t nl = c->name_hi - c->name_lo;
                const char *recv = st->cb.data + p->cmark;
                size_t rl = c->u.member.recv_chain && !c->u.member.recv_await ? c->u.member.recv_len : 0;
                bool recv_ident = rl > 0 && !memchr(recv, '.', rl) && !memchr(recv, '(', rl) &&
                                  !memchr(recv, '[', rl);
                static const char *const bluebird[] = {"bluebird"};
                static const char *const lodash[] = {"lodash", "underscore", "lodash-es"};
                if (recv_ident && in_list(nm, nl, promise_list_methods, HR_ARRAY_LEN(promise_list_methods)) &&
                    ((rl == 7 && memcmp(recv, "Promise", 7) == 0) || (rl == 8 && memcmp(recv, "Bluebird", 8) == 0) ||
                     bound_to(st, recv, rl, bluebird, 1))) {
                    p->u.call.cbk = CB_LIST;
                    p->u.call.concurrent = nl == 3; /* map */
                } else if (recv_ident && in_list(nm, nl, lodash_methods, HR_ARRAY_LEN(lodash_methods)) &&
                           ((rl == 1 && recv[0] == '_') || bound_to(st, recv, rl, lodash, HR_ARRAY_LEN(lodash)))) {
                    p->u.call.cbk = CB_LIST;
                    p->u.call.second = in_list(nm, nl, (const char *const[]){"reduce", "reduceRight"}, 2);
                } else if (in_list(nm, nl, elem_methods, HR_ARRAY_LEN(elem_methods))) {
                    p->u.call.cbk = CB_ELEM;
                    p->u.call.second = in_list(nm, nl, (const char *const[]){"reduce", "reduceRight"}, 2);
                    p->u.call.head = c->node;
                    if (c->u.member.recv_await)
                        p->u.call.recv_text = c->u.member.recv_await;
                    else if (c->u.member.recv_chain)
                        p->u.call.recv_text = intern(st, recv, c->u.member.recv_len);
                    p->u.call.recv_vcall = c->u.member.recv_vcall;
                    p->u.call.recv_small = c->u.member.recv_small;
                } else if (recv_ident && rl == 7 && memcmp(recv, "Promise", 7) == 0 &&
                           in_list(nm, nl, promise_combinators, HR_ARRAY_LEN(promise_combinators))) {
                    p->u.call.pall = true;
                }
            }
        } else if (field == F[F_ARGUMENTS]) {
            hr_call *call = call_at(st, p->index);
            if (c->kind == K_ARGS) {
                call->args = strs_take(st, c->smark, 1u << S_ARG);
                call->argvalues = strs_take(st, c->smark, 1u << S_ARGV);
                kwargs_take(st, c->smark, &call->kwargs, &call->kwvalues);
                p->u.call.nargs = c->u.args.npos;
                p->u.call.has_s0 = c->u.args.has_s0;
                p->u.call.s0_lo = c->u.args.s0_lo;
                p->u.call.s0_hi = c->u.args.s0_hi;
            }
            strs_trunc(st, c->smark);
        }
        break;
    case K_ARGS: {
        uint32_t k = p->u.args.npos++;
        if (c->kind == K_SPREAD) {
            strs_push(st, "?", NULL, S_ARG);
            strs_push(st, "?", NULL, S_ARGV);
        } else {
            strs_push(st, value_text(st, c), NULL, S_ARG);
            strs_push(st, val_text(st, c), NULL, S_ARGV);
            if (k == 0 && c->kind == K_STRING && c->has_str) {
                p->u.args.has_s0 = true;
                p->u.args.s0_lo = c->str_lo;
                p->u.args.s0_hi = c->str_hi;
            }
        }
        frame *call = st->sp >= 2 ? &st->stack[st->sp - 2] : NULL;
        if (k == 0 && call && call->kind == K_CALL && call->u.call.cbk == CB_LIST) {
            call->u.call.has_arg0 = true;
            call->u.call.arg0 = c->node;
            call->u.call.arg0_text = value_text(st, c);
            call->u.call.arg0_call = c->call;
            call->u.call.arg0_small = c->small;
        }
        break;
    }
    case K_OBJECT: {
        p->u.coll.count++;
        const char *key = NULL;
        if (c->kind == K_PAIR)
            key = c->u.pair.key;
        else if (c->kind == K_SHORTHAND && c->has_name)
            key = text_of(st, c->name_lo, c->name_hi);
        else if (c->kind == K_METHOD)
            key = fn_at(st, c->index)->name;
        else if (c->kind == K_SPREAD)
            p->u.coll.splat = true;
        if (c->kind == K_SPREAD && p->arg_obj)
            key = "..."; /* like Python's "**": the spread may hold any key */
        if (key && p->arg_obj) {
            /* kwargs and their value texts travel in pairs (see kwargs_take) */
            const char *v = c->kind == K_PAIR && c->u.pair.vval ? c->u.pair.vval
                            : c->kind == K_SHORTHAND           ? key
                                                               : "?";
            strs_push(st, key, NULL, S_KWARG);
            strs_push(st, v, NULL, S_KWV);
        }
        if (p->mode == MODE_READ && c->kind != K_SPREAD && p->u.coll.count <= JS_ELEMS_MAX) {
            /* "key:value" for the object's value text (join_tagged); a computed key is
             * "[a.b]" when a name or dotted name, "?" otherwise */
            const char *v = c->kind == K_PAIR && c->u.pair.vval ? c->u.pair.vval
                            : c->kind == K_SHORTHAND && key  ? key
                                                             : "?";
            const char *okey = key                                    ? key
                               : c->kind == K_PAIR && c->u.pair.has_knode ? computed_key_text(st, c->u.pair.knode)
                                                                          : "?";
            hr_buf_clear(&st->tmp);
            hr_buf_printf(&st->tmp, "%s:%s", okey, v);
            strs_push(st, intern(st, st->tmp.data, st->tmp.len), NULL, S_OBJE);
        }
        if (p->exports) {
            hr_span span = span_of(st, c->node);
            if (c->kind == K_PAIR && key)
                export_value(st, key, c->u.pair.vreq, c->u.pair.vreq_rel, c->u.pair.vqual, c->u.pair.vtext, span);
            else if (c->kind == K_SHORTHAND && key)
                export_value(st, key, NULL, false, NULL, key, span);
            else if (c->kind == K_SPREAD && c->req)
                add_import(st, "*", c->req, span, c->req_rel, true, false);
        }
        break;
    }
    case K_ARRAY:
        p->u.coll.count++;
        if (c->kind == K_SPREAD)
            p->u.coll.splat = true;
        else if (p->mode == MODE_READ && p->u.coll.count <= JS_ELEMS_MAX)
            strs_push(st, val_text(st, c), NULL, S_ELEM);
        break;
    case K_TEMPLATE:
        if (c->kind == K_SUBST)
            p->u.tmpl.subst = true;
        break;
    case K_PAIR:
        if (field == F[F_KEY]) {
            p->u.pair.key = key_text(st, c);
            p->u.pair.knode = c->node;
            p->u.pair.has_knode = true;
        } else if (field == F[F_VALUE]) {
            p->u.pair.vval = val_text(st, c); /* kwvalues and object value texts */
        }
        if (field == F[F_VALUE] && p->exports) {
            p->u.pair.vtext = c->chain && !c->via_await ? value_text(st, c) : NULL;
            p->u.pair.vreq = c->via_await ? NULL : c->req;
            p->u.pair.vreq_rel = c->req_rel;
            p->u.pair.vqual = c->qual;
        }
        break;
    case K_SPREAD:
        if (!c->via_await) {
            p->req = c->req;
            p->req_rel = c->req_rel;
        }
        break;
    case K_MEMBER:
        if (field == F[F_OBJECT]) {
            p->u.member.recv_await = c->chain && c->via_await ? value_text(st, c) : NULL;
            p->clen = take_base(st, p, c);
            p->u.member.has_base = true;
            p->pure = c->pure && c->chain && !c->via_await;
            p->recv_call = c->via_await ? -1 : c->call;
            p->u.member.recv_chain = c->chain;
            p->u.member.recv_len = c->chain && !c->via_await ? c->clen : 1;
            p->u.member.recv_vcall = c->call;
            p->u.member.recv_small = c->small;
            p->u.member.oreq = c->via_await ? NULL : c->req;
            p->u.member.oreq_rel = c->req_rel;
        } else if (field == F[F_PROPERTY] && c->has_name) {
            p->name_lo = c->name_lo;
            p->name_hi = c->name_hi;
            p->name_node = c->node;
            p->has_name = true;
        }
        break;
    case K_SUBSCRIPT:
        if (field == F[F_OBJECT]) {
            p->clen = take_base(st, p, c);
            p->u.member.has_base = true;
        }
        break;
    case K_PAREN:
        if (c->kind != K_SKIP && c->kind != K_OPAQUE && ++p->u.paren.nkids == 1) {
            copy_result(p, c);
            p->clen = move_chain(st, p, c);
        }
        break;
    case K_TRANSPARENT:
        /* the expression of `x as T`, `x satisfies T`, `x!`, `<T>x`, `f<T>`;
         * the type (skipped, or a bare type name) is not it */
        if (c->kind != K_SKIP && c->kind != K_OPAQUE && c->kind != K_NAME && p->u.paren.nkids == 0) {
            p->u.paren.nkids = 1;
            copy_result(p, c);
            p->clen = move_chain(st, p, c);
        }
        break;
    case K_AWAIT:
        copy_result(p, c);
        p->clen = move_chain(st, p, c);
        if (c->call >= 0 && !c->via_await)
            call_at(st, c->call)->flags |= HR_CALL_AWAITED;
        break;
    case K_DECLARATOR:
        if (field == F[F_NAME]) {
            if (c->kind == K_IDENT && c->has_name) {
                p->u.val.dname = text_of(st, c->name_lo, c->name_hi);
                p->u.val.dnode = c->node;
                p->u.val.has_dnode = true;
            }
        } else if (field == F[F_VALUE]) {
            take_value(st, p, c);
        }
        break;
    case K_ASSIGN:
        if (field == F[F_LEFT]) {
            if ((c->kind == K_IDENT || c->kind == K_MEMBER) && c->has_name) {
                /* `module.exports = function () {}` is the module's default */
                bool whole = p->smark < st->nstrs && st->strs[p->smark].tag == S_TARGET &&
                             strcmp(st->strs[p->smark].s, "module.exports") == 0;
                p->u.val.dname = whole ? "default" : text_of(st, c->name_lo, c->name_hi);
                p->u.val.dnode = c->name_node;
                p->u.val.has_dnode = true;
            }
        } else if (field == F[F_RIGHT]) {
            take_value(st, p, c);
            /* the assignment's value is the right side's: `a = b = f()` */
            copy_result(p, c);
            p->clen = move_chain(st, p, c);
        }
        break;
    case K_AUGASSIGN:
        if (field == F[F_RIGHT])
            take_value(st, p, c);
        break;
    case K_RETURN:
        if (!p->u.val.has_value)
            take_value(st, p, c);
        break;
    case K_EXPORT:
        if (field == F[F_DECLARATION]) {
            if (p->u.exp.is_default && c->qual)
                add_import(st, "default", c->qual, span_of(st, p->node), false, true, false);
        } else if (field == F[F_VALUE] || (p->u.exp.eq && field == 0 && c->kind != K_DECORATOR)) {
            export_frame(st, "default", c, span_of(st, p->node));
        }
        break;
    default:
        break;
    }
    /* anything a child left above the parent's own chain is garbage now */
    cb_trunc(st, p->cmark + p->clen);
}

static void leave(lw *st)
{
    frame *f = &st->stack[st->sp - 1];
    frame *p = st->sp > 1 ? &st->stack[st->sp - 2] : NULL;
    done(st, f, p);
    st->sp--;
    if (p)
        child_done(st, p, f);
}

/* The single pre-order walk. The frame stack mirrors the cursor's named
 * ancestors; tokens and trivia are visited without a frame. */
static void walk(lw *st, TSNode root)
{
    TSTreeCursor *c = st->cur;
    ts_tree_cursor_reset(c, root);
    bool descend = enter(st, push(st, root, 0));
    bool framed = true;
    for (;;) {
        if (!descend || !ts_tree_cursor_goto_first_child(c)) {
            for (;;) {
                if (framed) {
                    leave(st);
                    if (st->sp == 0)
                        return;
                }
                if (ts_tree_cursor_goto_next_sibling(c))
                    break;
                if (!ts_tree_cursor_goto_parent(c)) {
                    while (st->sp)
                        leave(st);
                    return;
                }
                framed = true;
            }
        }
        TSNode n = ts_tree_cursor_current_node(c);
        TSFieldId field = ts_tree_cursor_current_field_id(c);
        if (!ts_node_is_named(n)) {
            on_token(st, &st->stack[st->sp - 1], n, field);
            framed = descend = false;
            continue;
        }
        if (kind_of(st, ts_node_symbol(n)) == K_TRIVIA) {
            framed = descend = false;
            continue;
        }
        descend = enter(st, push(st, n, field));
        framed = true;
    }
}

/* ---- after the walk: resolution through imports ---- */

/* The chain with its first segment replaced by what an import binds it to
 * (re-export entries bind nothing in this file). */
static const char *resolve(lw *st, const char *chain)
{
    if (!chain)
        return NULL;
    size_t n = strcspn(chain, ".([");
    if (n == 0)
        return chain;
    const hr_file_model *m = st->m;
    for (uint32_t i = m->imports.len; i-- > 0;) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (imp->reexport || strncmp(imp->local, chain, n) != 0 || imp->local[n] != 0)
            continue;
        if (strcmp(imp->target, imp->local) == 0)
            return chain;
        hr_buf_clear(&st->tmp);
        hr_buf_puts(&st->tmp, imp->target);
        hr_buf_puts(&st->tmp, chain + n);
        return intern(st, st->tmp.data, st->tmp.len);
    }
    return chain;
}

static void resolve_strs(lw *st, hr_strs *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        s->v[i] = resolve(st, s->v[i]);
}

static bool bound_by_import(const hr_file_model *m, const char *name)
{
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (!imp->reexport && strcmp(imp->local, name) == 0)
            return true;
    }
    return false;
}

static void resolve_all(lw *st)
{
    hr_file_model *m = st->m;
    for (uint32_t i = 0; i < m->imports.len; i++) {
        if (!st->qualify[i])
            continue;
        hr_import *imp = HR_IMPORT(m, i);
        const char *r = resolve(st, imp->target);
        imp->target = r != imp->target ? r : m->module[0] ? join(st, m->module, imp->target) : imp->target;
    }
    for (uint32_t i = 0; i < m->functions.len; i++)
        resolve_strs(st, &HR_FUNC(m, i)->decorators);
    for (uint32_t i = 0; i < m->classes.len; i++) {
        hr_class *c = HR_CLASS(m, i);
        resolve_strs(st, &c->bases);
        resolve_strs(st, &c->decorators);
        for (uint32_t k = 0; k < c->fields.len; k++) {
            hr_field *fd = HR_FIELD(c, k);
            fd->value = resolve(st, fd->value);
            resolve_strs(st, &fd->decorators);
        }
    }
    for (uint32_t i = 0; i < m->loops.len; i++)
        HR_LOOP(m, i)->iterable = resolve(st, HR_LOOP(m, i)->iterable);
    for (uint32_t i = 0; i < m->calls.len; i++) {
        hr_call *c = HR_CALL(m, i);
        c->resolved = resolve(st, c->callee);
        if (c->flags & HR_CALL_METHOD) {
            const char *dot = strrchr(c->resolved, '.');
            c->receiver = dot ? intern(st, c->resolved, (size_t)(dot - c->resolved)) : "?";
        }
    }
    for (uint32_t i = 0; i < m->assigns.len; i++)
        HR_ASSIGN(m, i)->value = resolve(st, HR_ASSIGN(m, i)->value);
    for (uint32_t i = 0; i < m->returns.len; i++)
        HR_RETURN(m, i)->value = resolve(st, HR_RETURN(m, i)->value);

    /* Member reads on imported names (`config.port`) are not reads of a
     * local value: drop them. */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < m->attrs.len; i++) {
        const hr_attr *a = HR_ATTR(m, i);
        if (bound_by_import(m, a->root))
            continue;
        *HR_ATTR(m, kept++) = *a;
    }
    m->attrs.len = kept;
}

/* The folder relative specifiers resolve against: the module itself for an
 * index file, else its parent. */
static const char *module_dir(lw *st)
{
    const char *mod = st->m->module;
    const char *base = hr_path_basename(st->m->path);
    const char *dot = strrchr(base, '.');
    size_t blen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (blen == 5 && memcmp(base, "index", 5) == 0)
        return mod;
    const char *slash = strrchr(mod, '/');
    return slash ? intern(st, mod, (size_t)(slash - mod)) : "";
}

void hr_js_lower(hr_file_model *m, const hr_js_tables *t, TSTree *tree, TSTreeCursor *cursor,
                 const char *src, uint32_t bom, const hr_frontend_limits *limits)
{
    lw st;
    memset(&st, 0, sizeof st);
    st.m = m;
    st.a = &m->arena;
    st.t = t;
    st.f = t->f;
    st.cur = cursor;
    st.src = src;
    st.bom = bom;
    st.max_depth = limits && limits->max_depth ? limits->max_depth : HR_DEFAULT_MAX_DEPTH;
    hr_buf_init(&st.cb);
    hr_buf_init(&st.tmp);
    hr_interner_init(&st.in, &m->arena);
    st.dir = module_dir(&st);

    walk(&st, ts_tree_root_node(tree));
    resolve_all(&st);

    hr_buf_free(&st.cb);
    hr_buf_free(&st.tmp);
    hr_interner_release(&st.in);
    free(st.stack);
    free(st.strs);
    free(st.idents);
    free(st.qualify);
}
