// query-in-loop, C++: SOCI and cpp-httplib, the fixes.
#include <httplib.h>
#include <soci/soci.h>

#include <string>
#include <vector>

// One query for all rows (bulk into a vector), then a loop over them.
std::vector<std::string> all_names(soci::session &sql)
{
    std::vector<std::string> names(100);
    sql << "SELECT name FROM customers", soci::into(names);
    std::vector<std::string> upper;
    for (const auto &n : names)
        upper.push_back(n);
    return upper;
}

// A bulk insert: one statement with a vector bound.
void insert_all(soci::session &sql, std::vector<int> &ids)
{
    sql << "INSERT INTO seen(id) VALUES (:id)", soci::use(ids);
}

// A small literal list of tables.
void vacuum(soci::session &sql)
{
    for (const char *table : {"a", "b", "c"}) {
        std::string q = std::string("DELETE FROM ") + table;
        sql << q;
    }
}

// The handler queries once, then loops over the result in memory.
void routes(httplib::Server &svr, soci::session &sql)
{
    svr.Get("/orders", [&](const httplib::Request &req, httplib::Response &res) {
        std::vector<std::string> statuses(50);
        sql << "SELECT status FROM orders", soci::into(statuses);
        std::string body;
        for (const auto &s : statuses)
            body += s;
        res.set_content(body, "text/plain");
    });
}

// Leaves the loop after the first write.
void first_admin(soci::session &sql, const std::vector<int> &ids)
{
    for (int id : ids) {
        if (id == 0) {
            sql << "INSERT INTO audit(kind) VALUES ('admin')";
            break;
        }
    }
}
