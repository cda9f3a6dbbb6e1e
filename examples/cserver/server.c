/* A small order service: libmicrohttpd handlers reading SQLite.
 *
 * Each slow handler sits next to its fast twin. Never built or run by
 * headroom; compiles with
 *   cc -std=c11 server.c -lmicrohttpd -lsqlite3 -lpthread
 */
#define _POSIX_C_SOURCE 200809L
#include <microhttpd.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* POST /receipt-slow: prints the receipt while the customer waits. */
static void receipt_slow(int order)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "lpr /srv/receipts/%d.pdf", order);
    system(cmd);
}

/* POST /receipt: the printer thread started in main prints it. */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;
static int print_next;

static void receipt_fast(int order)
{
    pthread_mutex_lock(&print_lock);
    print_next = order;
    pthread_mutex_unlock(&print_lock);
}

static void *printer(void *arg)
{
    (void)arg;
    for (;;) {
        char cmd[96];
        int order;
        pthread_mutex_lock(&print_lock);
        order = print_next;
        print_next = 0;
        pthread_mutex_unlock(&print_lock);
        if (order) {
            snprintf(cmd, sizeof cmd, "lpr /srv/receipts/%d.pdf", order);
            system(cmd);
        }
        sleep(1);
    }
    return NULL;
}

/* GET /stock-slow: a new SQLite connection for every request. */
static void stock_slow(struct buf *out)
{
    sqlite3 *db;
    if (sqlite3_open("shop.db", &db) != SQLITE_OK)
        return;
    sqlite3_exec(db, "SELECT sku, qty FROM stock LIMIT 50", append_row, out, NULL);
    sqlite3_close(db);
}

/* GET /stock: the connection main opened, passed to the handler. */
static void stock_fast(sqlite3 *db, struct buf *out)
{
    sqlite3_exec(db, "SELECT sku, qty FROM stock LIMIT 50", append_row, out, NULL);
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
    else if (strcmp(url, "/receipt-slow") == 0)
        receipt_slow(42);
    else if (strcmp(url, "/receipt") == 0)
        receipt_fast(42);
    else if (strcmp(url, "/stock-slow") == 0)
        stock_slow(out);
    else if (strcmp(url, "/stock") == 0)
        stock_fast(db, out);
    struct MHD_Response *resp = MHD_create_response_from_buffer(out->len, out->data, MHD_RESPMEM_MUST_COPY);
    free(out);
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* The status port runs on one polling thread: an event loop every request shares. */
static int order_count; /* kept fresh by the counter thread below */

/* GET /stats-slow: a COUNT query on the polling thread stalls every status request. */
static enum MHD_Result stats_slow(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)url, (void)method, (void)version, (void)upload, (void)upload_size, (void)state;
    struct buf out = {.len = 0};
    sqlite3_exec(cls, "SELECT COUNT(*) FROM orders", append_row, &out, NULL);
    struct MHD_Response *resp = MHD_create_response_from_buffer(out.len, out.data, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* GET /stats: answers from the count a worker thread keeps fresh. */
static enum MHD_Result stats_fast(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size, (void)state;
    char text[32];
    int n = snprintf(text, sizeof text, "%d\n", order_count);
    struct MHD_Response *resp = MHD_create_response_from_buffer((size_t)n, text, MHD_RESPMEM_MUST_COPY);
    enum MHD_Result ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void *counter(void *arg)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(arg, "SELECT COUNT(*) FROM orders", -1, &st, NULL);
    for (;;) {
        if (sqlite3_step(st) == SQLITE_ROW)
            order_count = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
        sleep(10);
    }
    return NULL;
}

int main(void)
{
    sqlite3 *db;
    pthread_t print_thread, count_thread;
    if (sqlite3_open("shop.db", &db) != SQLITE_OK)
        return 1;
    pthread_create(&print_thread, NULL, printer, NULL);
    pthread_create(&count_thread, NULL, counter, db);
    /* orders: a thread per connection, so each handler may block its own thread */
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, PORT,
                                            NULL, NULL, &answer, db, MHD_OPTION_END);
    struct MHD_Daemon *slow = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, PORT + 1, NULL, NULL, &stats_slow, db,
                                               MHD_OPTION_END);
    struct MHD_Daemon *fast = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, PORT + 2, NULL, NULL, &stats_fast, NULL,
                                               MHD_OPTION_END);
    if (!d || !slow || !fast)
        return 1;
    (void)getchar();
    MHD_stop_daemon(d);
    MHD_stop_daemon(slow);
    MHD_stop_daemon(fast);
    sqlite3_close(db);
    return 0;
}
