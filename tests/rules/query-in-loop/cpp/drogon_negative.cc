// query-in-loop, C++ with Drogon: one query for all ids.
#include <drogon/drogon.h>

#include <string>
#include <vector>

void load_users(const std::string &id_array)
{
    auto client = drogon::app().getDbClient();
    auto rows = client->execSqlSync("SELECT * FROM users WHERE id = ANY($1)", id_array);
    for (const auto &row : rows)
        (void)row;
}
