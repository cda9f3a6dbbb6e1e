/* A small order service: libmicrohttpd handlers reading SQLite.
 *
 * Each slow handler sits next to its fast twin. Never built or run by
 * headroom; compiles with
 *   cc -std=c11 server.c -lmicrohttpd -lsqlite3
 */
#define _POSIX_C_SOURCE 200809L
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PORT 8080

struct buf {
    char data[16384];
    size_t len;
};

static void append(struct buf *b, const char *text)
{
    size_t n = strlen(text);
    if (b->len + n < sizeof b->data) {
        memcpy(b->data + b->len, text, n);
        b->len += n;
        b->data[b->len] = 0;
    }
}

static int append_row(void *arg, int ncols, char **values, char **names)
{
    (void)names;
    for (int i = 0; i < ncols; i++) {
        append(arg, values[i] ? values[i] : "");
        append(arg, i + 1 < ncols ? "," : "\n");
    }
    return 0;
}

/* GET /orders-slow: one query per order for its customer's name (N+1). */
static void orders_slow(sqlite3 *db, struct buf *out)
{
    sqlite3_stmt *orders;
    char sql[128];
    sqlite3_prepare_v2(db, "SELECT id, customer_id FROM orders ORDER BY id DESC LIMIT 50", -1, &orders, NULL);
    while (sqlite3_step(orders) == SQLITE_ROW) {
        int customer = sqlite3_column_int(orders, 1);
        snprintf(sql, sizeof sql, "SELECT name FROM customers WHERE id = %d", customer);
        sqlite3_exec(db, sql, append_row, out, NULL);
    }
    sqlite3_finalize(orders);
}

/* GET /orders: the same page with one JOIN. */
static void orders_fast(sqlite3 *db, struct buf *out)
{
    sqlite3_exec(db,
                 "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id "
                 "ORDER BY o.id DESC LIMIT 50",
                 append_row, out, NULL);
}

/* POST /restock-slow: one statement compiled per product. */
static void restock_slow(sqlite3 *db, const int *products, int n)
{
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *upd;
        sqlite3_prepare_v2(db, "UPDATE products SET stock = stock + 10 WHERE id = ?", -1, &upd, NULL);
        sqlite3_bind_int(upd, 1, products[i]);
        sqlite3_step(upd);
        sqlite3_finalize(upd);
    }
}

/* POST /restock: one statement, prepared once, re-run inside a transaction. */
static void restock_fast(sqlite3 *db, const int *products, int n)
{
    sqlite3_stmt *upd;
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "UPDATE products SET stock = stock + 10 WHERE id = ?", -1, &upd, NULL);
    for (int i = 0; i < n; i++) {
        sqlite3_bind_int(upd, 1, products[i]);
        sqlite3_step(upd);
        sqlite3_reset(upd);
    }
    sqlite3_finalize(upd);
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)method, (void)version, (void)upload, (void)upload_size, (void)state;
    sqlite3 *db = cls;
    static const int restock[] = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584};
    struct buf *out = calloc(1, sizeof *out);
    if (!out)
        return MHD_NO;
    if (strcmp(url, "/orders-slow") == 0)
        orders_slow(db, out);
    else if (strcmp(url, "/orders") == 0)
        orders_fast(db, out);
    else if (strcmp(url, "/restock-slow") == 0)
        restock_slow(db, restock, (int)(sizeof restock / sizeof restock[0]));
    else if (strcmp(url, "/restock") == 0)
        restock_fast(db, restock, (int)(sizeof restock / sizeof restock[0]));
    struct MHD_Response *resp = MHD_create_response_from_buffer(out->len, out->data, MHD_RESPMEM_MUST_COPY);
    free(out);
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

int main(void)
{
    sqlite3 *db;
    if (sqlite3_open("shop.db", &db) != SQLITE_OK)
        return 1;
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, PORT, NULL, NULL, &answer, db,
                                            MHD_OPTION_END);
    if (!d)
        return 1;
    (void)getchar();
    MHD_stop_daemon(d);
    sqlite3_close(db);
    return 0;
}
