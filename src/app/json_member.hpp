// SPDX-License-Identifier: EUPL-1.2
// Reading a member of a JSON object the way OpenID Connect documents are read: a string
// (or a number, e.g. a numeric uid, in its decimal form); empty when absent or of another type.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace escale::app {

inline std::string string_member(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end()) return {};
    if (it->value().is_string()) return std::string(it->value().get_string());
    if (it->value().is_int64()) return std::to_string(it->value().get_int64());
    return {};
}

}  // namespace escale::app
