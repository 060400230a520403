// SPDX-License-Identifier: EUPL-1.2
// Duplicate keys in a JSON text (issue 14, finding 9). Boost.JSON keeps the last of two equal
// keys without a word, so that {"role":"agent","role":"admin"} could mean one thing to a proxy
// or a log reader and another to the server: bodies that name a key twice in one object are
// refused. Pure; safe to call from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace escale::http {

// The first key named twice in one object of `text` (nested objects included), or nullopt
// when there is none. A text that is not JSON gives nullopt: the parser proper reports it.
std::optional<std::string> first_duplicate_key(std::string_view text);

}  // namespace escale::http
