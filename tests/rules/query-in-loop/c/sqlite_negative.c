/* query-in-loop, C with SQLite: nothing here runs a query per iteration. */
#include <sqlite3.h>
#include <stdio.h>

/* Stepping through the rows of one statement is how results are read. */
int sum_prices(sqlite3 *db)
{
    sqlite3_stmt *s;
    int total = 0;
    if (sqlite3_prepare_v2(db, "SELECT price FROM products", -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(s) == SQLITE_ROW)
        total += sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return total;
}

/* One statement prepared before the loop, re-run with bind/step/reset:
 * SQLite's own way to insert many rows (inside one transaction). */
void insert_scores(sqlite3 *db, const int *scores, int n)
{
    sqlite3_stmt *ins;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO scores(value) VALUES (?)", -1, &ins, NULL);
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int(ins, 1, scores[i]);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

/* A few fixed tables: the loop bound is a small literal. */
void clear_caches(sqlite3 *db)
{
    static const char *const tables[3] = {"cache_a", "cache_b", "cache_c"};
    char sql[64];
    for (int i = 0; i < 3; i++) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", tables[i]);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
    }
}

/* Runs once, then leaves the loop. */
int first_missing(sqlite3 *db, const int *ids, int n)
{
    for (int i = 0; i < n; i++) {
        if (ids[i] < 0) {
            sqlite3_exec(db, "INSERT INTO audit(kind) VALUES ('bad id')", NULL, NULL, NULL);
            return i;
        }
    }
    return -1;
}

/* Polling: the query does not depend on the loop. */
void wait_for_jobs(sqlite3 *db, volatile int *running)
{
    while (*running) {
        sqlite3_exec(db, "DELETE FROM jobs WHERE done = 1", NULL, NULL, NULL);
    }
}

/* One IN query for every id, then a loop over its rows. */
void print_names(sqlite3 *db, const char *id_list)
{
    char *sql = sqlite3_mprintf("SELECT name FROM users WHERE id IN (%s)", id_list);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db, sql, -1, &s, NULL);
    while (sqlite3_step(s) == SQLITE_ROW)
        printf("%s\n", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_free(sql);
}
