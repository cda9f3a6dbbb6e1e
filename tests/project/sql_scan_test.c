/* sql_scan_test.c - table-driven tests of hr_sql_scan (analyzer/project/
 * sql_scan.c): each statement with what the scanner must read from it, or
 * "fail" when it must give up (anything it cannot read exactly). Prints
 * failures and "N passed, M failed". */
#include "headroom/schema.h"

#include <stdio.h>
#include <string.h>

typedef struct scase {
    const char *sql;
    const char *want; /* "t1,t2|col:use ..." or "fail" */
} scase;

static const scase cases[] = {
    {"SELECT * FROM users WHERE email = %s", "users|users.email:where"},
    {"select id from users where email = $1 and city = $2", "users|users.email:where users.city:where"},
    {"SELECT * FROM public.orders WHERE status IN ($1, $2)", "orders|orders.status:where"},
    {"SELECT * FROM \"Orders\" o WHERE o.total BETWEEN ? AND ? LIMIT 10", "Orders|Orders.total:where"},
    {"SELECT * FROM `orders` AS o WHERE o.created_at >= ?1", "orders|orders.created_at:where"},
    {"SELECT * FROM [dbo].[Orders] WHERE [Status] = @status", "Orders|Orders.Status:where"},
    {"SELECT * FROM orders WHERE status = ANY($1)", "orders|orders.status:where"},
    {"SELECT * FROM orders WHERE $1 = status", "orders|orders.status:where"},
    {"SELECT * FROM orders WHERE note <> $1", "orders|"},
    {"SELECT * FROM orders WHERE note LIKE $1 AND deleted_at IS NULL", "orders|"},
    {"SELECT * FROM orders WHERE lower(note) = lower($1)", "orders|"},
    {"SELECT * FROM orders WHERE created_at > now() - interval '1 day'", "fail"},
    {"SELECT * FROM orders WHERE created_at > now()", "orders|orders.created_at:where"},
    {"SELECT * FROM orders ORDER BY created_at DESC LIMIT 5", "orders|orders.created_at:order"},
    {"SELECT * FROM orders WHERE status = $1 ORDER BY created_at", "orders|orders.status:where"},
    {"SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id WHERE u.email = $1",
     "orders,users|users.id:join orders.user_id:join users.email:where"},
    {"SELECT o.id FROM orders o LEFT OUTER JOIN users u ON u.id = o.user_id", "orders,users|users.id:join orders.user_id:join"},
    {"SELECT id FROM orders o JOIN users u ON u.id = o.user_id WHERE email = $1", "fail"},
    {"SELECT * FROM orders WHERE a = 1 OR b = 2", "fail"},
    {"SELECT * FROM orders WHERE (a = 1 AND b = 2)", "fail"},
    {"SELECT * FROM orders WHERE NOT a = 1", "fail"},
    {"SELECT * FROM orders WHERE id IN (SELECT order_id FROM items)", "fail"},
    {"SELECT * FROM orders, users WHERE orders.user_id = users.id", "fail"},
    {"WITH x AS (SELECT 1) SELECT * FROM x", "fail"},
    {"SELECT a FROM t1 UNION SELECT a FROM t2", "fail"},
    {"SELECT * FROM orders WHERE x.status = $1", "fail"},
    {"SELECT * FROM orders WHERE total + 1 = $1", "fail"},
    {"SELECT * FROM orders WHERE status::text = $1", "orders|"},
    {"SELECT count(*) FROM orders WHERE status = 'x' GROUP BY region HAVING count(*) > 1", "orders|orders.status:where"},
    {"UPDATE users SET name = $1, seen = now() WHERE referrer = $2 RETURNING id", "users|users.referrer:where"},
    {"DELETE FROM order_items WHERE sku = ?;", "order_items|order_items.sku:where"},
    {"DELETE FROM order_items USING orders WHERE 1 = 1", "fail"},
    {"INSERT INTO orders (a) VALUES ($1)", "fail"},
    {"SELECT * FROM orders WHERE note = 'it''s' -- a comment\n AND region = $1", "orders|orders.note:where orders.region:where"},
    {"SELECT * FROM orders WHERE note = 'unterminated", "fail"},
    {"SELECT * FROM orders; DROP TABLE orders", "fail"},
    {"SELECT * FROM orders WHERE status = %(status)s", "orders|orders.status:where"},
    {"SELECT * FROM orders WHERE status = :status", "orders|orders.status:where"},
    {"", "fail"},
};

static void render(char *out, size_t cap, const hr_sql_query *q)
{
    static const char *const uses[] = {"?", "where", "join", "order"};
    size_t len = 0;
    out[0] = 0;
    for (int k = 0; k < q->ntables; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", k ? "," : "", q->tables[k]);
    len += (size_t)snprintf(out + len, cap - len, "|");
    for (int k = 0; k < q->ncols && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s.%s:%s", k ? " " : "", q->tables[q->cols[k].table],
                                q->cols[k].name, uses[q->cols[k].use]);
}

int main(void)
{
    int passed = 0, failed = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hr_sql_query q;
        char got[2048];
        if (hr_sql_scan(&q, cases[i].sql))
            render(got, sizeof(got), &q);
        else
            snprintf(got, sizeof(got), "fail");
        if (strcmp(got, cases[i].want) == 0) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s\n  want: %s\n  got:  %s\n", cases[i].sql, cases[i].want, got);
        }
    }
    printf("\n%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
