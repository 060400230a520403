// SPDX-License-Identifier: EUPL-1.2
// Texts people write at length (a survey's free answers, a remontée): line breaks allowed,
// other control characters refused, a bound in characters (UTF-8 code points). Pure.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace escale {

// The number of characters (code points) of a UTF-8 text.
int utf8_length(std::string_view text);

// The text without its leading and trailing spaces, tabs and line breaks.
std::string trimmed(std::string_view text);

// invalid_field(field) when `value` holds a control character other than a line break or a
// tab, or more than `max_chars` characters; missing_field when `required` and blank.
Result<void> check_long_text(std::string_view field, std::string_view value, int max_chars, bool required);

}  // namespace escale
