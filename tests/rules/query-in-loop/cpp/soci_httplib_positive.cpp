// query-in-loop, C++: SOCI and cpp-httplib handlers (lambdas).
#include <httplib.h>
#include <soci/soci.h>

#include <string>
#include <vector>

struct Order {
    int id;
    int customer_id;
};

// One SELECT per order: `sql << ...` runs when the statement ends.
std::vector<std::string> customer_names(soci::session &sql, const std::vector<Order> &orders)
{
    std::vector<std::string> names;
    for (const auto &o : orders) {
        std::string name;
        sql << "SELECT name FROM customers WHERE id = :id", soci::into(name), soci::use(o.customer_id); // expect: query-in-loop
        names.push_back(name);
    }
    return names;
}

// A prepared statement executed per row is still a round trip per row.
void archive(soci::session &sql, const std::vector<int> &ids)
{
    int id = 0;
    soci::statement st = (sql.prepare << "UPDATE orders SET archived = 1 WHERE id = :id", soci::use(id));
    for (int each : ids) {
        id = each;
        st.execute(true); // expect: query-in-loop
    }
}

// A handler registered with a lambda, with the N+1 inside it.
void routes(httplib::Server &svr, soci::session &sql)
{
    svr.Get("/orders", [&](const httplib::Request &req, httplib::Response &res) {
        std::vector<int> ids{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
        std::string body;
        for (int id : ids) {
            std::string status;
            sql.once << "SELECT status FROM orders WHERE id = :id", soci::into(status), soci::use(id); // expect: query-in-loop
            body += status;
        }
        res.set_content(body, "text/plain");
    });
}

// Nested loops: the query runs per inner iteration.
int count_pairs(soci::session &sql, const std::vector<int> &users, const std::vector<int> &groups)
{
    int total = 0;
    for (int u : users) {
        for (int g : groups) {
            int n = 0;
            sql << "SELECT COUNT(*) FROM members WHERE user_id = :u AND group_id = :g", soci::into(n), soci::use(u), soci::use(g); // expect: query-in-loop
            total += n;
        }
    }
    return total;
}
