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

// An upper bound of v's text but for escaped characters: the answer's buffer is reserved
// once instead of doubling (a year of analytics by day is over a megabyte).
std::size_t text_size_bound(const json::value& v) {
    switch (v.kind()) {
        case json::kind::string: return v.get_string().size() + 2;
        case json::kind::array: {
            std::size_t n = 2;
            for (auto& e : v.get_array()) n += 1 + text_size_bound(e);
            return n;
        }
        case json::kind::object: {
            std::size_t n = 2;
            for (auto& [k, e] : v.get_object()) n += k.size() + 4 + text_size_bound(e);
            return n;
        }
        default: return 24;  // a number in shortest form (larger ones only in theory), a literal
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
    std::size_t plain = 0;  // start of the characters not yet written, none to escape
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        auto u = static_cast<unsigned char>(c);
        if (c != '"' && c != '\\' && u >= 0x20) continue;
        out.append(s.substr(plain, i - plain));
        plain = i + 1;
        if (u < 0x20) {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += '\\';
            out += c;
        }
    }
    out.append(s.substr(plain));
    out += '"';
}

std::string json_text(const json::value& v) {
    std::string out;
    out.reserve(text_size_bound(v));
    append_value(out, v);
    return out;
}

}  // namespace escale::http
