/* query-in-loop, C with libpq, the MySQL C API and hiredis. */
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <stdio.h>

/* One round trip to PostgreSQL per user. */
void load_balances(PGconn *conn, const char *const *user_ids, int n)
{
    for (int i = 0; i < n; i++) {
        const char *params[1] = {user_ids[i]};
        PGresult *r = PQexecParams(conn, "SELECT balance FROM accounts WHERE user_id = $1", 1, NULL, params, NULL, NULL, 0); // expect: query-in-loop
        PQclear(r);
    }
}

/* A per-iteration PQexec over the rows of a first query. */
void ship_orders(PGconn *conn)
{
    char sql[128];
    PGresult *orders = PQexec(conn, "SELECT id FROM orders WHERE shipped = false");
    for (int i = 0; i < PQntuples(orders); i++) {
        snprintf(sql, sizeof sql, "UPDATE orders SET shipped = true WHERE id = %s", PQgetvalue(orders, i, 0));
        PQclear(PQexec(conn, sql)); // expect: query-in-loop
    }
    PQclear(orders);
}

/* A prepared statement is still one round trip per execution. */
void mark_read(PGconn *conn, const char *const *ids, int n)
{
    PQprepare(conn, "mark", "UPDATE messages SET read = true WHERE id = $1", 1, NULL);
    for (int i = 0; i < n; i++)
        PQclear(PQexecPrepared(conn, "mark", 1, &ids[i], NULL, NULL, 0)); // expect: query-in-loop
}

/* MySQL: rows of one query, then a query per row. */
void customer_names(MYSQL *db)
{
    char sql[128];
    MYSQL_ROW row;
    mysql_query(db, "SELECT customer_id FROM orders");
    MYSQL_RES *res = mysql_store_result(db);
    while ((row = mysql_fetch_row(res))) {
        snprintf(sql, sizeof sql, "SELECT name FROM customers WHERE id = %s", row[0]);
        mysql_query(db, sql); // expect: query-in-loop
        mysql_free_result(mysql_store_result(db));
    }
    mysql_free_result(res);
}

/* MySQL prepared statement executed per item. */
void insert_events(MYSQL_STMT *stmt, MYSQL_BIND *bind, int *values, int n)
{
    for (int i = 0; i < n; i++) {
        bind[0].buffer = &values[i];
        mysql_stmt_bind_param(stmt, bind);
        mysql_stmt_execute(stmt); // expect: query-in-loop
    }
}

/* Redis: one GET per key instead of one MGET or a pipeline. */
void read_sessions(redisContext *c, const char *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        redisReply *reply = redisCommand(c, "GET session:%s", keys[i]); // expect: query-in-loop
        freeReplyObject(reply);
    }
}
