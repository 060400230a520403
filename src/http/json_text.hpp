// SPDX-License-Identifier: EUPL-1.2
// JSON text of the answers. Every number is written in plain decimal: integers as integers,
// doubles in their shortest form that reads back to the same double, without an exponent
// (576, 0, 102.85714285714286, 0.000001) — Boost.JSON's own serializer writes 5.76E2. A
// double that is not finite (no JSON form) is written null. Stateless; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace escale::http {

// The JSON text of v, numbers in plain decimal.
std::string json_text(const boost::json::value& v);

// Appends d in plain decimal (shortest round-trip form, no exponent); null if not finite.
void append_json_number(std::string& out, double d);

// Appends s as a JSON string literal (quotes and escapes added).
void append_json_string(std::string& out, std::string_view s);

}  // namespace escale::http
