// SPDX-License-Identifier: EUPL-1.2
// The Link to a list's next page (http/pagination): the request's path and its other named
// parameters kept, limit and cursor replaced.
#include <gtest/gtest.h>

#include "http/pagination.hpp"

using namespace escale::http;

namespace {

Request request(std::string path, std::vector<std::pair<std::string, std::string>> query) {
    Request r;
    r.path = std::move(path);
    r.query = std::move(query);
    return r;
}

TEST(Pagination, TheNextLinkKeepsPathAndParameters) {
    auto r = request("/api/v1/residents", {{"site_id", "1"}, {"limit", "2"}, {"cursor", "4"}, {"q", "café crème"}});
    EXPECT_EQ(next_page_link(r, 2, 8), "</api/v1/residents?site_id=1&q=caf%C3%A9%20cr%C3%A8me&limit=2&cursor=8>; rel=\"next\"");
}

// Found by fuzz/query_string.cpp: Boost.URL 1.81 wrote a "+" of a value as it is, which the
// server reads back as a space.
TEST(Pagination, TheNextLinkEncodesWhatTheServerWouldReadOtherwise) {
    auto r = request("/api/v1/audit", {{"q", "a+b c&d=e#f"}, {"x=y", ""}});
    EXPECT_EQ(next_page_link(r, 3, 9), "</api/v1/audit?q=a%2Bb%20c%26d%3De%23f&x%3Dy=&limit=3&cursor=9>; rel=\"next\"");
}

// Found by fuzz/query_string.cpp: Boost.URL 1.81 wrote the path "/" as "/./", a path no route
// has. A path starting with "//" still takes "/." so as not to name another server.
TEST(Pagination, TheNextLinkWritesThePathAsGiven) {
    auto r = request("/", {{"", ""}, {"", ""}, {"a", "b=c"}, {"limit", "1"}});
    EXPECT_EQ(next_page_link(r, 1, 2), "</?=&=&a=b%3Dc&limit=1&cursor=2>; rel=\"next\"");
    EXPECT_EQ(next_page_link(request("//evil.example/x", {}), 5, 5), "</.//evil.example/x?limit=5&cursor=5>; rel=\"next\"");
}

}  // namespace
