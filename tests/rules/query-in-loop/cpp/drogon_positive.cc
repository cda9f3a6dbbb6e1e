// query-in-loop, C++ with Drogon. Drogon is not packaged for Debian, so its
// headers are usually missing here: clang drops the code that uses them and
// headroom lowers it from its tokens, matching execSqlSync by name.
#include <drogon/drogon.h>

#include <vector>

void load_users(const std::vector<int> &ids)
{
    auto client = drogon::app().getDbClient();
    for (int id : ids) {
        auto r = client->execSqlSync("SELECT * FROM users WHERE id = $1", id); // expect: query-in-loop
        (void)r;
    }
}

void notify(const std::vector<int> &ids)
{
    auto client = drogon::app().getDbClient();
    for (int id : ids) {
        client->execSqlAsync( // expect: query-in-loop
            "UPDATE users SET notified = true WHERE id = $1",
            [](const drogon::orm::Result &r) {}, [](const drogon::orm::DrogonDbException &e) {}, id);
    }
}
