/* catalogue_js.h - internal to analyzer/project: the JS/TS part of the ORM
 * catalogue (catalogue_js.c) and of the rows (rows_js.c).
 *
 * Sequelize, TypeORM and Mongoose declare models with objects, decorators and
 * factory calls rather than class-body assignments, so their models are built
 * whole here, from the `models:` entries whose style is a JS one
 * (hr_kn_style_js), and handed to catalogue.c, which sorts them in with the
 * Python models. Everything is allocated in the catalogue's arena. */
#ifndef HEADROOM_CATALOGUE_JS_H
#define HEADROOM_CATALOGUE_JS_H

#include "project_internal.h"

typedef struct hr_orm_js_rec {
    hr_orm_model model;          /* complete: columns, relations, indexes, primary key */
    const hr_kn_models *entry;   /* the knowledge entry it was read with */
} hr_orm_js_rec;

/* Appends an hr_orm_js_rec to *out for every JS/TS model of the project:
 * Sequelize classes (with their init()) and define() models, TypeORM @Entity
 * classes, Mongoose mongoose.model() models. cls is the class (for models made
 * by a factory, the class the project synthesised for the assignment). Reads
 * classes through p (hr_project_class), so the project's class index must be
 * built. */
void hr_orm_js_build(const hr_project *p, hr_file_model *const *models, size_t n, const hr_knowledge *k,
                     hr_arena *a, hr_vec *out);

/* ---- rows (rows_js.c; called by rows.c) ---- */

/* The model a JS/TS query rooted at call `call` of m reads when the root is
 * not the model itself: a TypeORM repository (`getRepository(Order)` through
 * a variable, a parameter or property typed `Repository<Order>`), or an
 * entity manager call naming the entity (`manager.find(Order, ...)`). NULL
 * when unknown. */
const hr_orm_model *hr_rows_js_root(const hr_project *p, const hr_file_model *m, int32_t fn, int32_t call);

/* What link `call` of a query chain over JS/TS model r->model loads with the
 * rows: Sequelize `include`, TypeORM `relations` / `leftJoinAndSelect`,
 * Mongoose `populate`. Sets loads_unknown when an option is not understood
 * (an options object passed as a variable). */
void hr_rows_js_loads(const hr_project *p, const hr_file_model *m, int32_t call, hr_rows *r);

#endif
