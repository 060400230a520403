// SPDX-License-Identifier: EUPL-1.2
#include "http/json_text.hpp"

#include <charconv>
#include <cmath>

namespace escale::http {
namespace json = boost::json;

namespace {

template <class Int>
void append_integer(std::string& out, Int v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

void append_value(std::string& out, const json::value& v) {
    switch (v.kind()) {
        case json::kind::null: out += "null"; return;
        case json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
        case json::kind::int64: append_integer(out, v.get_int64()); return;
        case json::kind::uint64: append_integer(out, v.get_uint64()); return;
        case json::kind::double_: append_json_number(out, v.get_double()); return;
        case json::kind::string: append_json_string(out, v.get_string()); return;
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                append_value(out, e);
            }
            out += ']';
            return;
        }
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (auto& [k, e] : v.get_object()) {
                if (!first) out += ',';
                first = false;
                append_json_string(out, k);
                out += ':';
                append_value(out, e);
            }
            out += '}';
            return;
        }
    }
}

}  // namespace

void append_json_number(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    // Fixed notation, shortest digits that read back to d: at most 309 integer digits
    // (DBL_MAX) or 1 + 324 fractional ones (the smallest subnormal), and a sign.
    char buf[400];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    out.append(buf, end);
}

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string json_text(const json::value& v) {
    std::string out;
    append_value(out, v);
    return out;
}

}  // namespace escale::http
