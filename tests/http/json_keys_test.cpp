// SPDX-License-Identifier: EUPL-1.2
// Duplicate keys in JSON bodies (issue 14, finding 9).
#include "http/json_keys.hpp"

#include <gtest/gtest.h>

namespace escale::http {
namespace {

TEST(JsonKeys, FindsTheFirstKeyNamedTwiceInOneObject) {
    EXPECT_EQ(first_duplicate_key(R"({"a":1,"b":2,"a":3})"), "a");
    EXPECT_EQ(first_duplicate_key(R"({"x":{"y":1,"y":2}})"), "y");
    EXPECT_EQ(first_duplicate_key(R"([{"z":1},{"w":1,"w":2}])"), "w");
    // Escapes are compared as the text they stand for.
    EXPECT_EQ(first_duplicate_key(R"({"r\u00f4le":"agent","rôle":"admin"})"), "rôle");
}

TEST(JsonKeys, AcceptsTheSameKeyInDifferentObjects) {
    EXPECT_EQ(first_duplicate_key(R"({"a":{"a":1},"b":[{"a":2},{"a":3}]})"), std::nullopt);
    EXPECT_EQ(first_duplicate_key(R"({})"), std::nullopt);
    EXPECT_EQ(first_duplicate_key("pas du JSON"), std::nullopt);  // the parser proper says what is wrong
}

}  // namespace
}  // namespace escale::http
