/* unindexed_schema.h - unindexed-filter's judgement of queries against the
 * project's schema files (unindexed_schema.c): Prisma Client calls against
 * Prisma models, raw SQL strings against the tables SQL/Prisma files declare. */
#ifndef HEADROOM_RULES_UNINDEXED_SCHEMA_H
#define HEADROOM_RULES_UNINDEXED_SCHEMA_H

#include "headroom/rule.h"

/* Judges call `call` of ctx->model when it is a Prisma Client query on a model
 * of a schema file, or a query call whose statement is a string literal of
 * SQL on a table of a schema file; reports at most one finding. True when
 * the call was such a query (judged here, whatever the outcome). */
bool hr_unindexed_schema_check(hr_rule_ctx *ctx, int32_t call);

#endif
