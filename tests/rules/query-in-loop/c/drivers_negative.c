/* query-in-loop, C with libpq, the MySQL C API and hiredis: the fixes. */
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <mysql/mysql.h>
#include <stdio.h>

/* One query with an array parameter, then a loop over its rows. */
void load_balances(PGconn *conn, const char *id_array)
{
    const char *params[1] = {id_array};
    PGresult *r = PQexecParams(conn, "SELECT user_id, balance FROM accounts WHERE user_id = ANY($1)", 1, NULL,
                               params, NULL, NULL, 0);
    for (int i = 0; i < PQntuples(r); i++)
        printf("%s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1));
    PQclear(r);
}

/* Pipelining: commands are buffered, then the replies read in one go. */
void read_sessions(redisContext *c, const char *const *keys, int n)
{
    for (int i = 0; i < n; i++)
        redisAppendCommand(c, "GET session:%s", keys[i]);
    for (int i = 0; i < n; i++) {
        redisReply *reply;
        if (redisGetReply(c, (void **)&reply) == REDIS_OK)
            freeReplyObject(reply);
    }
}

/* Reading the rows of one MySQL result. */
int count_rows(MYSQL *db)
{
    int n = 0;
    if (mysql_query(db, "SELECT id FROM orders"))
        return -1;
    MYSQL_RES *res = mysql_store_result(db);
    while (mysql_fetch_row(res))
        n++;
    mysql_free_result(res);
    return n;
}

/* Retry until the server answers: leaves the loop after the query works. */
PGresult *query_with_retry(PGconn *conn, int attempts)
{
    for (int i = 0; i < attempts; i++) {
        if (PQstatus(conn) == CONNECTION_OK)
            return PQexec(conn, "SELECT now()");
        PQreset(conn);
    }
    return NULL;
}
