// SPDX-License-Identifier: EUPL-1.2
// Answers' JSON text: numbers in plain decimal, shortest round-trip, integers kept.
#include "http/json_text.hpp"

#include <cstdlib>
#include <limits>

#include <boost/json.hpp>
#include <gtest/gtest.h>

using escale::http::json_text;
namespace json = boost::json;

TEST(JsonText, DoublesInPlainDecimal) {
    EXPECT_EQ(json_text(json::value(576.0)), "576");
    EXPECT_EQ(json_text(json::value(0.0)), "0");
    EXPECT_EQ(json_text(json::value(102.85714285714286)), "102.85714285714286");
    EXPECT_EQ(json_text(json::value(0.81)), "0.81");
    EXPECT_EQ(json_text(json::value(-12.5)), "-12.5");
    EXPECT_EQ(json_text(json::value(0.000001)), "0.000001");
    EXPECT_EQ(json_text(json::value(1e21)), "1000000000000000000000");
    EXPECT_EQ(json_text(json::value(std::numeric_limits<double>::infinity())), "null");
    EXPECT_EQ(json_text(json::value(std::numeric_limits<double>::quiet_NaN())), "null");
}

TEST(JsonText, ExtremesReadBackExactly) {
    for (double d : {std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(), 1.0 / 3, 2.0 / 7 * 360}) {
        auto text = json_text(json::value(d));
        EXPECT_EQ(text.find_first_of("eE"), std::string::npos) << text;
        EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
    }
}

TEST(JsonText, IntegersStayIntegers) {
    EXPECT_EQ(json_text(json::value(std::int64_t{-42})), "-42");
    EXPECT_EQ(json_text(json::value(std::uint64_t{18446744073709551615u})), "18446744073709551615");
    EXPECT_EQ(json_text(json::value(std::int64_t{0})), "0");
}

TEST(JsonText, SameTextAsBoostForEverythingElse) {
    auto v = json::parse(R"({"a":[1,-2,true,false,null,"x\"y\\z\u0001é"],"b":{},"c":[],"d":"ok"})");
    EXPECT_EQ(json::parse(json_text(v)), v);
    EXPECT_EQ(json_text(v), R"({"a":[1,-2,true,false,null,"x\"y\\z\u0001é"],"b":{},"c":[],"d":"ok"})");
    // escapes first, last, side by side, and none at all
    auto edges = json::parse(R"(["\"début","fin\n","\\\u001f","",  "sans"])");
    EXPECT_EQ(json_text(edges), R"(["\"début","fin\u000a","\\\u001f","","sans"])");
}

TEST(JsonText, ObjectOfDoublesAsAnAnswer) {
    json::object o{{"sub_m2", 576.0}, {"rate", 0.0}, {"x", 102.85714285714286}};
    EXPECT_EQ(json_text(o), R"({"sub_m2":576,"rate":0,"x":102.85714285714286})");
}
