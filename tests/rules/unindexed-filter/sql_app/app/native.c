/* SQLite from C: the statement text is a literal argument. */
#include <sqlite3.h>

int lookups(sqlite3 *db)
{
    sqlite3_stmt *st = 0;
    sqlite3_prepare_v2(db, "SELECT qty FROM order_items WHERE sku = ?1", -1, &st, 0); // expect: unindexed-filter
    sqlite3_finalize(st);
    sqlite3_prepare_v2(db, "SELECT * FROM orders WHERE id = ?", -1, &st, 0);
    sqlite3_finalize(st);
    return sqlite3_exec(db, "SELECT * FROM audit WHERE actor = 'x'", 0, 0, 0);
}
