// connection-per-request, C: civetweb handlers that open a new database
// connection on every request.
#include <civetweb.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <sqlite3.h>

static int products(struct mg_connection *conn, void *cbdata)
{
    sqlite3 *db;
    sqlite3_open("shop.db", &db); // expect: connection-per-request
    sqlite3_exec(db, "SELECT id, name FROM products", NULL, NULL, NULL);
    sqlite3_close(db);
    return 200;
}

static int readonly(struct mg_connection *conn, void *cbdata)
{
    sqlite3 *db;
    sqlite3_open_v2("shop.db", &db, SQLITE_OPEN_READONLY, NULL); // expect: connection-per-request
    sqlite3_close(db);
    return 200;
}

static int orders(struct mg_connection *conn, void *cbdata)
{
    PGconn *pg = PQconnectdb("dbname=shop"); // expect: connection-per-request
    PQclear(PQexec(pg, "SELECT id FROM orders LIMIT 20"));
    PQfinish(pg);
    return 200;
}

static int invoices(struct mg_connection *conn, void *cbdata)
{
    const char *const keys[] = {"dbname", NULL};
    const char *const values[] = {"billing", NULL};
    PGconn *pg = PQconnectdbParams(keys, values, 0); // expect: connection-per-request
    PQfinish(pg);
    return 200;
}

static int legacy(struct mg_connection *conn, void *cbdata)
{
    PGconn *pg = PQsetdbLogin("db.internal", "5432", NULL, NULL, "legacy", "app", "secret"); // expect: connection-per-request
    PQfinish(pg);
    return 200;
}

static int customers(struct mg_connection *conn, void *cbdata)
{
    MYSQL *my = mysql_init(NULL);
    mysql_real_connect(my, "localhost", "app", "secret", "crm", 0, NULL, 0); // expect: connection-per-request
    mysql_query(my, "SELECT id FROM customers LIMIT 20");
    mysql_close(my);
    return 200;
}

static int counter(struct mg_connection *conn, void *cbdata)
{
    redisContext *r = redisConnect("127.0.0.1", 6379); // expect: connection-per-request
    freeReplyObject(redisCommand(r, "INCR hits"));
    redisFree(r);
    return 200;
}

static int session(struct mg_connection *conn, void *cbdata)
{
    struct timeval tv = {1, 0};
    redisContext *r = redisConnectWithTimeout("127.0.0.1", 6379, tv); // expect: connection-per-request
    redisFree(r);
    return 200;
}

// Through a helper: reported in the helper, naming the handler.
static sqlite3 *open_audit_log(void)
{
    sqlite3 *db = NULL;
    sqlite3_open("audit.db", &db); // expect: connection-per-request
    return db;
}

static int audit(struct mg_connection *conn, void *cbdata)
{
    sqlite3 *db = open_audit_log();
    sqlite3_exec(db, "INSERT INTO audit (what) VALUES ('visit')", NULL, NULL, NULL);
    sqlite3_close(db);
    return 200;
}

void routes(struct mg_context *ctx)
{
    mg_set_request_handler(ctx, "/products", products, NULL);
    mg_set_request_handler(ctx, "/readonly", readonly, NULL);
    mg_set_request_handler(ctx, "/orders", orders, NULL);
    mg_set_request_handler(ctx, "/invoices", invoices, NULL);
    mg_set_request_handler(ctx, "/legacy", legacy, NULL);
    mg_set_request_handler(ctx, "/customers", customers, NULL);
    mg_set_request_handler(ctx, "/counter", counter, NULL);
    mg_set_request_handler(ctx, "/session", session, NULL);
    mg_set_request_handler(ctx, "/audit", audit, NULL);
}
