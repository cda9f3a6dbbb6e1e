// A Drogon handler defined in reports.cc and registered in drogon_positive.cc.
#pragma once
#include <drogon/drogon.h>
#include <functional>

void buildReport(const drogon::HttpRequestPtr &req,
                 std::function<void(const drogon::HttpResponsePtr &)> &&callback);
