/* query-in-loop, C with SQLite: each marked line runs a query per iteration. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static int print_row(void *arg, int ncols, char **values, char **names)
{
    (void)arg, (void)ncols, (void)names;
    printf("%s\n", values[0]);
    return 0;
}

/* N+1: one SELECT per id, the SQL built with snprintf. */
void print_users(sqlite3 *db, const int *ids, int n)
{
    char sql[128];
    for (int i = 0; i < n; i++) {
        snprintf(sql, sizeof sql, "SELECT name FROM users WHERE id = %d", ids[i]);
        sqlite3_exec(db, sql, print_row, NULL, NULL); // expect: query-in-loop
    }
}

/* A statement prepared per iteration: the prepare is the finding, and the
 * step on it counts with it. */
int count_orders(sqlite3 *db, const int *user_ids, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *stmt;
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", -1, &stmt, NULL); // expect: query-in-loop
        sqlite3_bind_int(stmt, 1, user_ids[i]);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            total += sqlite3_column_int(stmt, 0);
        sqlite3_finalize(stmt);
    }
    return total;
}

/* Rows of one query, then one more query per row (the classic N+1). */
void orders_with_customers(sqlite3 *db)
{
    sqlite3_stmt *rows;
    char sql[160];
    sqlite3_prepare_v2(db, "SELECT id, customer_id FROM orders", -1, &rows, NULL);
    while (sqlite3_step(rows) == SQLITE_ROW) {
        int customer = sqlite3_column_int(rows, 1);
        snprintf(sql, sizeof sql, "SELECT name FROM customers WHERE id = %d", customer);
        sqlite3_exec(db, sql, print_row, NULL, NULL); // expect: query-in-loop
    }
    sqlite3_finalize(rows);
}

/* A loop-invariant query in a for loop: hoist it. */
void tag_items(sqlite3 *db, int *items, int n)
{
    char **table = NULL;
    int nrow = 0, ncol = 0;
    for (int i = 0; i < n; i++) {
        sqlite3_get_table(db, "SELECT value FROM settings WHERE key = 'tag'", &table, &nrow, &ncol, NULL); // expect: query-in-loop
        items[i] = nrow;
        sqlite3_free_table(table);
    }
}

/* Linked list traversal: one UPDATE per node. */
struct node {
    int id;
    struct node *next;
};

void touch_all(sqlite3 *db, struct node *head)
{
    char *sql;
    for (struct node *p = head; p; p = p->next) {
        sql = sqlite3_mprintf("UPDATE items SET seen = 1 WHERE id = %d", p->id);
        sqlite3_exec(db, sql, NULL, NULL, NULL); // expect: query-in-loop
        sqlite3_free(sql);
    }
}

/* A query in a helper called per iteration (function summaries). */
static int load_price(sqlite3 *db, int product)
{
    sqlite3_stmt *s;
    int price = 0;
    sqlite3_prepare_v2(db, "SELECT price FROM products WHERE id = ?", -1, &s, NULL);
    sqlite3_bind_int(s, 1, product);
    if (sqlite3_step(s) == SQLITE_ROW)
        price = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return price;
}

int cart_total(sqlite3 *db, const int *products, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += load_price(db, products[i]); // expect: query-in-loop
    return total;
}
