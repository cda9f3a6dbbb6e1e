/* js_resolve.h - internal to analyzer/project: JavaScript/TypeScript modules
 * by module id, and class names resolved through their re-exports.
 *
 * `const { Order } = require('../models')` binds Order to "src/models.Order";
 * the class is `class Order extends Model` in src/models/order.js, re-exported
 * by src/models/index.js (`module.exports = { Order }` or
 * `export { Order } from './order'`). The JS/TS frontend records such exports
 * as hr_import entries with `reexport` set; this follows them. */
#ifndef HEADROOM_PROJECT_JS_RESOLVE_H
#define HEADROOM_PROJECT_JS_RESOLVE_H

#include "headroom/model.h"

typedef struct hr_js_modules hr_js_modules;

/* Indexes the JavaScript/TypeScript models among models[0..n) by module id.
 * The models are not copied and must outlive the index. */
hr_js_modules *hr_js_modules_build(hr_file_model *const *models, size_t n);
void hr_js_modules_free(hr_js_modules *mods);

/* How the caller finds a class by exact qualified name. */
typedef const hr_class *(*hr_js_class_lookup)(const void *ctx, const char *qualname,
                                              const hr_file_model **out_model);

/* The class `name` (a resolved chain such as "src/models.Order" or
 * "src/models/order") denotes through re-exports: named (`export { A }`,
 * `module.exports = { A }`, `exports.A = A`), default (`export default A`,
 * `module.exports = A`) and star (`export * from`). Depth- and
 * work-limited; NULL when nothing is found. */
const hr_class *hr_js_resolve_class(const hr_js_modules *mods, const char *name,
                                    hr_js_class_lookup lookup, const void *ctx,
                                    const hr_file_model **out_model);

#endif
