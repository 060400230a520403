// SPDX-License-Identifier: EUPL-1.2
// Request bodies of the referential (sites, floors, zones, services, residents, desks, spaces,
// lockers, closures, role grants, categories) through the strict JSON reader: parse_object
// (depth, UTF-8, duplicate keys), decode_into and the entity's validation, as the POST and
// PATCH routes of routes/referential.cpp run them. Asserts that a text naming a key twice is
// never accepted, and that an accepted object written back by json_text reads back the same.
#include <cmath>

#include "check.hpp"
#include "core/validation.hpp"
#include "http/json_body.hpp"
#include "http/json_keys.hpp"
#include "http/json_text.hpp"
#include "store/referential_store.hpp"

namespace {

using namespace escale;
namespace json = boost::json;

// Equal as JSON values, numbers compared by value (json_text writes 1.0 as 1). Doubles may
// differ in their last bit: Boost.JSON 1.81 does not round long numbers exactly when it reads
// them, so json_text's exact digits of 6.666666666666667e87 read back one ulp away.
bool same(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) {
        if (!a.is_double() && !b.is_double()) return a == b;
        double x = a.to_number<double>(), y = b.to_number<double>();
        return x == y || std::nextafter(x, y) == y;
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_object()) {
        auto& x = a.get_object();
        auto& y = b.get_object();
        if (x.size() != y.size()) return false;
        for (auto& [k, v] : x)
            if (auto it = y.find(k); it == y.end() || !same(v, it->value())) return false;
        return true;
    }
    if (a.is_array()) {
        auto& x = a.get_array();
        auto& y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same(x[i], y[i])) return false;
        return true;
    }
    return a == b;
}

template <class T>
void decode_and_validate(const json::object& obj) {
    T value{};
    if (http::decode_into(obj, value)) (void)validate(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    auto body = fuzz::text_of(data, size);
    auto duplicate = http::first_duplicate_key(body);
    auto obj = http::parse_object(body);
    if (!obj) return 0;
    FUZZ_CHECK(!duplicate, "an object naming a key twice was accepted");
    auto again = http::parse_object(http::json_text(*obj));
    FUZZ_CHECK(again.has_value(), "json_text wrote what parse_object refuses");
    FUZZ_CHECK(same(*obj, *again), "json_text did not read back the same object");
#define ESCALE_DECODE(T) decode_and_validate<T>(*obj);
    ESCALE_REFERENTIAL_ENTITIES(ESCALE_DECODE)
#undef ESCALE_DECODE
    return 0;
}
