// SPDX-License-Identifier: EUPL-1.2
// Request bodies read into described structs (http/json_body.hpp): which member errors
// come out, with which code and French wording, in which order. No socket, no database.
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>
#include <gtest/gtest.h>

#include "http/json_body.hpp"

using namespace escale;
using namespace escale::http;

namespace {

enum class Colour { red, green };
BOOST_DESCRIBE_ENUM(Colour, red, green)

struct Body {
    Required<PositiveId> thing_id;
    Required<Date> date;
    bool flag = true;
    std::optional<std::string> note;
    std::optional<Instant> at;
    Colour colour = Colour::green;
    int count = 0;
};
BOOST_DESCRIBE_STRUCT(Body, (), (thing_id, date, flag, note, at, colour, count))

struct Member {
    Required<std::string> name;
    int share = 1;
};
BOOST_DESCRIBE_STRUCT(Member, (), (name, share))

struct Team {
    Required<std::vector<Member>> members;
    std::vector<Colour> colours;
    std::optional<Member> lead;
};
BOOST_DESCRIBE_STRUCT(Team, (), (members, colours, lead))

constexpr const char* minimal = R"({"thing_id": 7, "date": "2026-03-04"})";

// The body with `extra` members added to the minimal valid one.
std::string with(const std::string& extra) { return R"({"thing_id": 7, "date": "2026-03-04", )" + extra + "}"; }

// The error code of decoding `json`, and its message through `message`.
std::string code_of(const std::string& json, std::string* message = nullptr,
                    UnknownFields unknown = UnknownFields::refuse) {
    auto r = decode<Body>(json, unknown);
    if (r) return "ok";
    if (message) *message = r.error().message;
    return r.error().code;
}

TEST(JsonBody, ReadsEveryKindOfMember) {
    auto r = decode<Body>(with(R"("flag": false, "note": "hello", "at": "2026-03-04T09:00:00Z", "colour": "red",
                                 "count": 3)"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->thing_id->value, 7);
    EXPECT_EQ(*r->date, (Date{date::year{2026}, date::month{3}, date::day{4}}));
    EXPECT_FALSE(r->flag);
    EXPECT_EQ(r->note, "hello");
    EXPECT_EQ(r->at, parse_instant("2026-03-04T09:00:00Z"));
    EXPECT_EQ(r->colour, Colour::red);
    EXPECT_EQ(r->count, 3);
}

TEST(JsonBody, AbsentMembersKeepTheirDefaults) {
    auto r = decode<Body>(minimal);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->flag);
    EXPECT_FALSE(r->note);
    EXPECT_FALSE(r->at);
    EXPECT_EQ(r->colour, Colour::green);
}

TEST(JsonBody, NullIsNoneOnlyForOptionalMembers) {
    auto r = decode<Body>(with(R"("note": null, "at": null)"));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_FALSE(r->note);
    EXPECT_FALSE(r->at);
    EXPECT_EQ(code_of(with(R"("flag": null)")), "invalid_field");
    EXPECT_EQ(code_of(with(R"("count": null)")), "invalid_field");
    EXPECT_EQ(code_of(R"({"thing_id": null, "date": "2026-03-04"})"), "invalid_field");
    EXPECT_EQ(code_of(R"({"thing_id": 7, "date": null})"), "invalid_date");
}

TEST(JsonBody, RequiredMembersMustBePresent) {
    std::string message;
    EXPECT_EQ(code_of(R"({"date": "2026-03-04"})", &message), "missing_field");
    EXPECT_EQ(message, "Le champ « thing_id » est obligatoire.");
    EXPECT_EQ(code_of(R"({"thing_id": 7})", &message), "missing_field");
    EXPECT_EQ(message, "Le champ « date » est obligatoire.");
}

TEST(JsonBody, BodiesThatAreNotJsonObjectsAreInvalidJson) {
    for (const char* body : {"", "   ", "[]", "42", "null", "\"x\"", "{\"thing_id\": 7", "{} x", "{'a': 1}"})
        EXPECT_EQ(code_of(body), "invalid_json") << body;
}

// Found by fuzz/json_body.cpp: Boost.JSON reads 1e400 as infinity, a number no JSON text can
// write back and no field means; such a body is refused as a whole, nested or not.
TEST(JsonBody, NumbersBeyondADoubleAreInvalidJson) {
    std::string message;
    EXPECT_EQ(code_of(R"({"thing_id": 7, "date": "2026-03-04", "x": 1e400})", &message), "invalid_json");
    EXPECT_NE(message.find("nombre trop grand"), std::string::npos) << message;
    EXPECT_EQ(code_of(R"({"a": {"b": [1, 2.5, -1e320]}})"), "invalid_json");
    EXPECT_EQ(code_of(R"({"thing_id": 7, "date": "2026-03-04", "x": 1.7e308})", nullptr, UnknownFields::ignore), "ok");
}

TEST(JsonBody, UnknownMembersAreRefusedFirstUnlessIgnored) {
    std::string message;
    // Reported before the missing date and the ill-typed flag, and the first in the body's order.
    EXPECT_EQ(code_of(R"({"thing_id": 7, "flag": 1, "colour2": 1, "x": 2})", &message), "unknown_field");
    EXPECT_EQ(message, "Le champ « colour2 » n'est pas attendu ici.");
    EXPECT_EQ(code_of(with(R"("x": 2)"), nullptr, UnknownFields::ignore), "ok");
    EXPECT_EQ(code_of(R"({"x": 2})", nullptr, UnknownFields::ignore), "missing_field");
}

TEST(JsonBody, MembersAreCheckedInDeclarationOrder) {
    std::string message;
    EXPECT_EQ(code_of(R"({"count": "3", "flag": "oui", "thing_id": 7, "date": "2026-03-04"})", &message),
              "invalid_field");
    EXPECT_NE(message.find("« flag »"), std::string::npos) << message;
    EXPECT_EQ(code_of(R"({"date": "demain"})"), "missing_field");  // thing_id comes first
}

TEST(JsonBody, SaysWhatEachMemberExpects) {
    auto expected = [](const std::string& extra) {
        std::string message;
        code_of(with(extra), &message);
        return message;
    };
    EXPECT_EQ(expected(R"("flag": "true")"), "Le champ « flag » doit être un booléen (true ou false).");
    EXPECT_EQ(expected(R"("note": 5)"), "Le champ « note » doit être une chaîne de caractères.");
    EXPECT_EQ(expected(R"("at": 5)"), "Le champ « at » doit être une chaîne de caractères.");
    EXPECT_EQ(expected(R"("at": "2026-03-04T09:00:00+02:00")"),
              "Le champ « at » doit être un instant UTC AAAA-MM-JJTHH:MM:SSZ.");
    EXPECT_EQ(expected(R"("colour": "blue")"), "Le champ « colour » doit être l'une des valeurs « red », « green ».");
    EXPECT_EQ(expected(R"("count": 1.5)"), "Le champ « count » doit être un nombre entier.");
    EXPECT_EQ(expected(R"("count": 9999999999)"), "Le champ « count » doit être un nombre entier dans les limites admises.");
}

TEST(JsonBody, PositiveIdsAreJsonIntegersAboveZero) {
    for (const char* id : {"\"7\"", "7.0", "0", "-1", "true", "18446744073709551615", "[7]"}) {
        std::string message;
        EXPECT_EQ(code_of(std::string(R"({"date": "2026-03-04", "thing_id": )") + id + "}", &message), "invalid_field")
            << id;
        EXPECT_EQ(message, "Le champ « thing_id » doit être un identifiant numérique positif.") << id;
    }
    EXPECT_EQ(code_of(R"({"date": "2026-03-04", "thing_id": 9223372036854775807})"), "ok");
}

TEST(JsonBody, DatesAreRealCalendarDates) {
    for (const char* d : {"\"2026-02-29\"", "\"2026-3-4\"", "\"04/03/2026\"", "20260304", "\"\""})
        EXPECT_EQ(code_of(std::string(R"({"thing_id": 7, "date": )") + d + "}"), "invalid_date") << d;
    EXPECT_EQ(code_of(R"({"thing_id": 7, "date": "2024-02-29"})"), "ok");
}

}  // namespace

namespace {

std::string team_error(const std::string& json, std::string* message = nullptr) {
    auto r = decode<Team>(json);
    if (r) return "ok";
    if (message) *message = r.error().message;
    return r.error().code;
}

TEST(JsonBody, ReadsListsAndObjectsAtAnyDepth) {
    auto t = decode<Team>(R"({"members": [{"name": "a"}, {"name": "b", "share": 3}], "colours": ["red", "green"],
                              "lead": {"name": "c"}})");
    ASSERT_TRUE(t) << t.error().message;
    ASSERT_EQ(t->members->size(), 2u);
    EXPECT_EQ(*(*t->members)[1].name, "b");
    EXPECT_EQ((*t->members)[1].share, 3);
    EXPECT_EQ((*t->members)[0].share, 1);
    EXPECT_EQ(t->colours, (std::vector<Colour>{Colour::red, Colour::green}));
    ASSERT_TRUE(t->lead);
    EXPECT_EQ(*t->lead->name, "c");
    auto empty = decode<Team>(R"({"members": []})");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->members->empty());
}

TEST(JsonBody, ErrorsInsideListsAndObjectsNameTheirPath) {
    std::string message;
    EXPECT_EQ(team_error(R"({"members": {}})", &message), "invalid_field");
    EXPECT_NE(message.find("« members »"), std::string::npos) << message;
    EXPECT_EQ(team_error(R"({"members": [{"name": "a"}, 3]})", &message), "invalid_field");
    EXPECT_NE(message.find("« members[1] »"), std::string::npos) << message;
    EXPECT_EQ(team_error(R"({"members": [{"name": "a"}, {"share": 2}]})", &message), "missing_field");
    EXPECT_NE(message.find("« members[1].name »"), std::string::npos) << message;
    EXPECT_EQ(team_error(R"({"members": [{"name": "a", "shares": 2}]})", &message), "unknown_field");
    EXPECT_NE(message.find("members[0].shares"), std::string::npos) << message;
    EXPECT_EQ(team_error(R"({"members": [], "colours": ["red", "blue"]})", &message), "invalid_field");
    EXPECT_NE(message.find("« colours[1] »"), std::string::npos) << message;
    EXPECT_EQ(team_error(R"({"members": [], "lead": {"name": 5}})", &message), "invalid_field");
    EXPECT_NE(message.find("« lead.name »"), std::string::npos) << message;
}

}  // namespace
