/* js_resolve_test.c - JavaScript/TypeScript classes found through re-exports.
 *
 * Lowers a small multi-file project held in memory (paths and module ids as
 * the engine gives them), builds the project phase, and checks what
 * hr_project_class answers for names a route file imports: classes
 * re-exported by index files (`module.exports = { Order }`,
 * `export { User } from './user'`, `export *`), default exports, and that a
 * cycle of `export *` ends. Exit 0 when every check passes. */
#include <stdio.h>
#include <string.h>

#include "headroom/frontend.h"
#include "headroom/knowledge.h"
#include "headroom/project.h"

static int passed, failed;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            passed++;                                                                \
        } else {                                                                     \
            failed++;                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

typedef struct file {
    const char *path, *module, *text;
} file;

static const file files[] = {
    {"src/models/order.js", "src/models/order",
     "const { Model } = require('sequelize');\n"
     "class Order extends Model {}\n"
     "module.exports = Order;\n"},
    {"src/models/customer.js", "src/models/customer",
     "const { Model } = require('sequelize');\n"
     "class Customer extends Model {}\n"
     "module.exports = { Customer };\n"},
    {"src/models/item.ts", "src/models/item",
     "import { BaseEntity } from 'typeorm';\n"
     "export default class Item extends BaseEntity {}\n"},
    {"src/models/index.js", "src/models",
     "const Order = require('./order');\n"
     "const { Customer } = require('./customer');\n"
     "module.exports = { Order, Customer, Item: require('./item') };\n"},
    {"src/entities/user.ts", "src/entities/user", "export class User {}\n"},
    {"src/entities/post.ts", "src/entities/post", "export class Post {}\n"},
    {"src/entities/index.ts", "src/entities",
     "export { User as Member } from './user';\n"
     "export * from './post';\n"},
    {"src/user.model.ts", "src/user.model", "export class Account {}\n"},
    {"src/models2/index.ts", "src/models2", "export * from '../user.model';\n"},
    {"src/a/index.js", "src/a", "export * from '../b';\n"},
    {"src/b/index.js", "src/b", "export * from '../a';\n"},
    {"src/routes/orders.js", "src/routes/orders",
     "const { Order, Customer, Item } = require('../models');\n"
     "const models = require('../models');\n"
     "import OrderModel from '../models/order';\n"
     "import { Member, Post } from '../entities';\n"
     "import { Account } from '../models2';\n"
     "import { Nope } from '../a';\n"
     "const { Missing } = require('../models');\n"
     "Order.findAll();\n"},
};
enum { NFILES = sizeof files / sizeof files[0], ROUTE = NFILES - 1 };

/* The import target bound to `local` in m. */
static const char *target_of(const hr_file_model *m, const char *local)
{
    for (uint32_t i = 0; i < m->imports.len; i++) {
        const hr_import *imp = HR_IMPORT(m, i);
        if (!imp->reexport && strcmp(imp->local, local) == 0)
            return imp->target;
    }
    return NULL;
}

/* The qualname of the class `name` denotes when read in m, and its file. */
static const char *class_of(const hr_project *p, const hr_file_model *m, const char *name,
                            const char **path)
{
    const hr_file_model *cm = NULL;
    const hr_class *c = name ? hr_project_class(p, m, name, &cm) : NULL;
    *path = cm ? cm->path : NULL;
    return c ? c->qualname : NULL;
}

static bool is(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

int main(void)
{
    hr_knowledge k;
    hr_knowledge_init(&k);
    hr_buf err;
    hr_buf_init(&err);
    if (hr_knowledge_load_builtin(&k, &err) < 0) {
        fprintf(stderr, "js_resolve_test: %s\n", err.data ? err.data : "cannot load the knowledge");
        return 2;
    }
    hr_parser *parser = hr_parser_new();
    hr_file_model *models[NFILES];
    hr_source sources[NFILES];
    memset(sources, 0, sizeof sources);
    for (size_t i = 0; i < NFILES; i++) {
        hr_lang lang = hr_lang_from_path(files[i].path);
        sources[i].path = sources[i].relpath = files[i].path;
        sources[i].text = files[i].text;
        sources[i].len = strlen(files[i].text);
        sources[i].lang = lang;
        hr_buf_clear(&err);
        int rc = hr_frontend_lower(&models[i], parser, lang, files[i].path, files[i].module, files[i].text,
                                   strlen(files[i].text), NULL, &err);
        if (rc < 0) {
            fprintf(stderr, "js_resolve_test: %s\n", err.data ? err.data : "lowering failed");
            return 2;
        }
        CHECK(models[i]->notices.len == 0);
    }
    hr_project *p = hr_project_build(models, sources, NFILES, &k);
    const hr_file_model *route = models[ROUTE];
    const char *path = NULL;

    /* the bindings the route sees */
    CHECK(is(target_of(route, "Order"), "src/models.Order"));
    CHECK(is(target_of(route, "models"), "src/models"));
    CHECK(is(target_of(route, "OrderModel"), "src/models/order"));
    CHECK(is(target_of(route, "Member"), "src/entities.Member"));

    /* module.exports = { Order } where order.js is module.exports = Order */
    CHECK(is(class_of(p, route, target_of(route, "Order"), &path), "src/models/order.Order"));
    CHECK(is(path, "src/models/order.js"));
    /* module.exports = { Customer } in both files */
    CHECK(is(class_of(p, route, target_of(route, "Customer"), &path), "src/models/customer.Customer"));
    CHECK(is(path, "src/models/customer.js"));
    /* Item: require('./item') where item.ts is `export default class Item` */
    CHECK(is(class_of(p, route, target_of(route, "Item"), &path), "src/models/item.Item"));
    /* a member of the required index module, as a chain: models.Order */
    CHECK(is(class_of(p, route, "src/models.Order", &path), "src/models/order.Order"));
    /* default import of a file whose module.exports is the class */
    CHECK(is(class_of(p, route, target_of(route, "OrderModel"), &path), "src/models/order.Order"));
    /* ESM: export { User as Member } from './user'; export * from './post' */
    CHECK(is(class_of(p, route, target_of(route, "Member"), &path), "src/entities/user.User"));
    CHECK(is(path, "src/entities/user.ts"));
    CHECK(is(class_of(p, route, target_of(route, "Post"), &path), "src/entities/post.Post"));
    /* a module id with a dot in it, through export * */
    CHECK(is(class_of(p, route, target_of(route, "Account"), &path), "src/user.model.Account"));
    /* not exported anywhere; a cycle of export * ends */
    CHECK(class_of(p, route, target_of(route, "Missing"), &path) == NULL);
    CHECK(class_of(p, route, target_of(route, "Nope"), &path) == NULL);
    CHECK(class_of(p, route, "src/a.b.c.d", &path) == NULL);

    /* hierarchies through re-exports: Order derives from sequelize.Model */
    const char *base_v[] = {"sequelize.Model"};
    hr_strs bases = {base_v, 1};
    CHECK(hr_project_class_derives(p, route, "src/models.Order", &bases));
    CHECK(hr_project_class_derives(p, route, "src/models/order", &bases));
    CHECK(!hr_project_class_derives(p, route, "src/entities.Member", &bases));

    hr_project_free(p);
    for (size_t i = 0; i < NFILES; i++)
        hr_file_model_free(models[i]);
    hr_parser_free(parser);
    hr_knowledge_release(&k);
    hr_buf_free(&err);
    printf("%d of %d JS re-export resolution checks passed\n", passed, passed + failed);
    return failed ? 1 : 0;
}
