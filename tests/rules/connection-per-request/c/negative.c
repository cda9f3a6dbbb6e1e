// connection-per-request, C: connections opened once and reused.
#include <civetweb.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

static redisContext *redis;
static sqlite3 *cache_db = NULL;
static PGconn *pool[8];

// Opened in main and handed to the handler through its user data.
static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state)
{
    sqlite3 *db = cls;
    sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
    return MHD_YES;
}

// A connection made on first use and kept in a file-level variable.
static int cached(struct mg_connection *conn, void *cbdata)
{
    if (!cache_db)
        sqlite3_open("cache.db", &cache_db);
    sqlite3_exec(cache_db, "SELECT v FROM kv WHERE k = 'motd'", NULL, NULL, NULL);
    return 200;
}

// Borrows a connection from a pool made at start-up.
static int orders(struct mg_connection *conn, void *cbdata)
{
    PGconn *pg = pool[(size_t)pthread_self() % 8];
    PQclear(PQexec(pg, "SELECT id FROM orders LIMIT 20"));
    return 200;
}

static int hits(struct mg_connection *conn, void *cbdata)
{
    freeReplyObject(redisCommand(redis, "INCR hits"));
    return 200;
}

// A worker thread has its own connection, opened once.
static void *indexer(void *arg)
{
    sqlite3 *db;
    sqlite3_open("search.db", &db);
    for (;;) {
        sqlite3_exec(db, "INSERT INTO fts(fts) VALUES ('optimize')", NULL, NULL, NULL);
        sleep(60);
    }
    return NULL;
}

// Called from main only.
static void open_pool(void)
{
    for (int i = 0; i < 8; i++)
        pool[i] = PQconnectdb("dbname=shop");
}

int main(void)
{
    sqlite3 *db;
    pthread_t t;
    const char *options[] = {"listening_ports", "8081", NULL};
    sqlite3_open("shop.db", &db);
    redis = redisConnect("127.0.0.1", 6379);
    open_pool();
    pthread_create(&t, NULL, indexer, NULL);
    struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD, 8080,
                                            NULL, NULL, &answer, db, MHD_OPTION_END);
    struct mg_context *ctx = mg_start(NULL, NULL, options);
    mg_set_request_handler(ctx, "/cached", cached, NULL);
    mg_set_request_handler(ctx, "/orders", orders, NULL);
    mg_set_request_handler(ctx, "/hits", hits, NULL);
    (void)getchar();
    MHD_stop_daemon(d);
    return 0;
}

// Lazily opened into a file-level variable without an initializer (zero at start).
static sqlite3 *settings_db;

static int settings(struct mg_connection *conn, void *cbdata)
{
    if (settings_db == NULL)
        sqlite3_open("settings.db", &settings_db);
    sqlite3_exec(settings_db, "SELECT k, v FROM settings", NULL, NULL, NULL);
    return 200;
}

// Lazily opened into a function-local static.
static int geo(struct mg_connection *conn, void *cbdata)
{
    static sqlite3 *geo_db;
    if (!geo_db)
        sqlite3_open_v2("geo.db", &geo_db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_exec(geo_db, "SELECT name FROM cities LIMIT 10", NULL, NULL, NULL);
    return 200;
}

void more_routes(struct mg_context *ctx)
{
    mg_set_request_handler(ctx, "/settings", settings, NULL);
    mg_set_request_handler(ctx, "/geo", geo, NULL);
}
