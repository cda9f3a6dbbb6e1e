// Stock lookups (store.cc), called from handlers in positive.cpp.
#pragma once
#include <string>

std::string read_stock(const std::string &sku);
