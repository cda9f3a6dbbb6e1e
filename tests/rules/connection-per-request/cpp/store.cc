// connection-per-request, C++: the connect sits in a helper in another file.
#include "store.h"
#include <libpq-fe.h>

std::string read_stock(const std::string &sku)
{
    PGconn *pg = PQconnectdbParams(nullptr, nullptr, 0); // expect: connection-per-request
    PQfinish(pg);
    return sku;
}
