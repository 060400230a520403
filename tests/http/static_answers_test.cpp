// SPDX-License-Identifier: EUPL-1.2
// Hardening (issue 14, finding 2): the embedded documents are answered from their static
// buffers, never copied per request, so a client that asks and never reads holds no memory.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/api.hpp"
#include "http/static_files.hpp"
#include "store/store.hpp"

namespace escale::http::embedded {
extern const std::string_view openapi_json;
}

using namespace escale;

namespace {
struct NoStore final : Store {
    Result<std::unique_ptr<Transaction>> begin(TxMode) override { return fail(ErrorKind::unavailable, "x", "x"); }
    Result<void> ping() override { return {}; }
};
}  // namespace

TEST(StaticAnswers, TheOpenApiDocumentIsNotCopied) {
    NoStore store;
    SystemClock clock;
    http::Api api(app::Context{store, clock}, {});
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/openapi.json";
    auto answer = api.handle(request, api.route(request));
    EXPECT_EQ(answer.status, 200);
    EXPECT_TRUE(answer.body.empty());
    EXPECT_EQ(answer.body_view.data(), http::embedded::openapi_json.data());
    EXPECT_EQ(answer.body_view.size(), http::embedded::openapi_json.size());
}

TEST(StaticAnswers, TheWebAppsFilesAreNotCopied) {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("escale-static-" + std::to_string(::getpid()));
    fs::create_directories(root / "assets");
    std::ofstream(root / "index.html") << "<!doctype html><title>Escale</title>";
    std::ofstream(root / "assets" / "app-AB12.js") << "console.log(1)";
    auto files = http::StaticFiles::load(root);
    fs::remove_all(root);
    ASSERT_TRUE(files);
    http::Request request;
    request.method = "GET";
    request.path = "/assets/app-AB12.js";
    auto first = files->serve(request);
    auto second = files->serve(request);
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(first->body.empty());
    EXPECT_EQ(first->body_view, "console.log(1)");
    EXPECT_EQ(first->body_view.data(), second->body_view.data());  // one buffer, shared
}
