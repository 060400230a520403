// SPDX-License-Identifier: EUPL-1.2
// A floor's uploaded SVG plan reduced to what draws (issue 14, finding 8). The text is parsed
// by libxml2 without network, DTD or entity expansion, then written again from an allow-list:
// drawing elements (g, rect, circle, ellipse, line, polyline, polygon, path, text, tspan,
// title, desc) and presentation attributes only. Scripts, foreignObject, images, links, styles,
// event attributes, namespaced attributes (xlink:href…), `url(…)` and `javascript:` values,
// comments and processing instructions are dropped. A document with a DOCTYPE (external
// entities, "billion laughs"), not well formed, too deep or larger than 2 MB is refused.
// Pure (no I/O); safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace escale {

inline constexpr std::size_t plan_svg_max_bytes = 2'000'000;

// The plan as it will be stored and served: "" for an empty (or blank) upload, the rebuilt
// SVG otherwise; invalid_field("plan_svg", …) when the upload is refused.
Result<std::string> sanitise_plan_svg(std::string_view uploaded);

}  // namespace escale
