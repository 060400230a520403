// SPDX-License-Identifier: EUPL-1.2
// Text put inside HTML or XML (an SVG plan, an error page): the five characters that could
// end a text or an attribute are written as entities. Pure.
#pragma once

#include <string>
#include <string_view>

namespace escale {

std::string escape_markup(std::string_view text);

}  // namespace escale
