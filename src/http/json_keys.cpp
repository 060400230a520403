// SPDX-License-Identifier: EUPL-1.2
#include "http/json_keys.hpp"

#include <unordered_set>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>

namespace escale::http {
namespace {

namespace json = boost::json;
using ec_t = boost::system::error_code;

// A basic_parser handler that only follows the keys of each open object.
struct KeyWatcher {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    std::vector<std::unordered_set<std::string>> open;  // the keys seen in each open object
    std::string key;                                     // the key being read (it may come in parts)
    std::optional<std::string> duplicate;

    bool on_document_begin(ec_t&) { return true; }
    bool on_document_end(ec_t&) { return true; }
    bool on_object_begin(ec_t&) {
        open.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, ec_t&) {
        open.pop_back();
        return true;
    }
    bool on_array_begin(ec_t&) { return true; }
    bool on_array_end(std::size_t, ec_t&) { return true; }
    bool on_key_part(json::string_view s, std::size_t, ec_t&) {
        key.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, ec_t& ec) {
        key.append(s.data(), s.size());
        if (!open.back().insert(key).second) {
            duplicate = key;
            ec = json::error::syntax;  // stops the parser: one is enough
            return false;
        }
        key.clear();
        return true;
    }
    bool on_string_part(json::string_view, std::size_t, ec_t&) { return true; }
    bool on_string(json::string_view, std::size_t, ec_t&) { return true; }
    bool on_number_part(json::string_view, ec_t&) { return true; }
    bool on_int64(std::int64_t, json::string_view, ec_t&) { return true; }
    bool on_uint64(std::uint64_t, json::string_view, ec_t&) { return true; }
    bool on_double(double, json::string_view, ec_t&) { return true; }
    bool on_bool(bool, ec_t&) { return true; }
    bool on_null(ec_t&) { return true; }
    bool on_comment_part(json::string_view, ec_t&) { return true; }
    bool on_comment(json::string_view, ec_t&) { return true; }
};

}  // namespace

std::optional<std::string> first_duplicate_key(std::string_view text) {
    json::parse_options options;
    options.max_depth = 32;
    json::basic_parser<KeyWatcher> parser(options);
    ec_t ec;
    parser.write_some(false, text.data(), text.size(), ec);
    return std::move(parser.handler().duplicate);
}

}  // namespace escale::http
