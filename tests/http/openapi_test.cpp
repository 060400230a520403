// SPDX-License-Identifier: EUPL-1.2
// The OpenAPI document and the router must describe the same routes, no more, no less.
#include <set>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "http/api.hpp"
#include "store/store.hpp"

namespace escale::http::embedded {
extern const std::string_view openapi_json;
}

using namespace escale;

namespace {
// The router never touches the store while it is being built.
struct NoStore final : Store {
    Result<std::unique_ptr<Transaction>> begin(TxMode) override { return fail(ErrorKind::unavailable, "x", "x"); }
    Result<void> ping() override { return {}; }
};

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

TEST(OpenApi, DocumentAndRouterListTheSameRoutes) {
    NoStore store;
    SystemClock clock;
    http::Api api(app::Context{store, clock}, {});

    std::set<std::string> routed;
    for (auto& r : api.router().routes()) routed.insert(lower(r.method) + " " + r.pattern);

    auto doc = boost::json::parse(http::embedded::openapi_json).as_object();
    EXPECT_EQ(doc.at("openapi").as_string().subview().substr(0, 3), "3.1");
    std::set<std::string> documented;
    for (auto& [path, item] : doc.at("paths").as_object())
        for (auto& [method, op] : item.as_object())
            if (method != "parameters") documented.insert(std::string(method) + " " + std::string(path));

    for (auto& r : routed) EXPECT_TRUE(documented.count(r)) << "route missing from the OpenAPI document: " << r;
    for (auto& d : documented) EXPECT_TRUE(routed.count(d)) << "documented route absent from the router: " << d;
}

TEST(OpenApi, TestClockRouteExistsOnlyInTestMode) {
    NoStore store;
    ManualClock clock{Instant{}};
    http::Api normal(app::Context{store, clock}, {});
    http::Api test(app::Context{store, clock}, http::ApiOptions{.test_clock = &clock});
    EXPECT_FALSE(normal.router().match("PUT", "/api/v1/test/clock").route);
    EXPECT_TRUE(test.router().match("PUT", "/api/v1/test/clock").route);
}
