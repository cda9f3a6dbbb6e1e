/* schema_internal.h - internal to analyzer/project: the schema-file parsers
 * (schema_sql.c, schema_prisma.c) and what the catalogue asks of schema.c. */
#ifndef HEADROOM_PROJECT_SCHEMA_INTERNAL_H
#define HEADROOM_PROJECT_SCHEMA_INTERNAL_H

#include "headroom/project.h"
#include "headroom/schema.h"

/* Append statements and errors to s (its arena, kind set by the caller). */
void hr_schema_parse_sql(hr_schema *s, const char *text, size_t len);
void hr_schema_parse_prisma(hr_schema *s, const char *text, size_t len);

/* The catalogue's last step (catalogue.c): lowers every schema file among
 * models[0..n) (lang HR_LANG_NONE, a schema extension, text from the
 * project's sources); appends one hr_orm_model per Prisma model and per SQL
 * table that the SQL files create (after applying them in migration order)
 * to *out (hr_orm_model values, arena a); and adds the indexes the SQL files
 * declare on a table to code[i] (and to Prisma models) mapped to it. */
void hr_schema_catalogue(const hr_project *p, hr_arena *a, hr_file_model *const *models, size_t n,
                         hr_orm_model *const *code, size_t ncode, hr_vec *out);

#endif
