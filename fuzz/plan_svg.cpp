// SPDX-License-Identifier: EUPL-1.2
// Floor plans as uploaded (PUT /api/v1/floors/{id} with plan_svg, issue 14, finding 8): the
// libxml2 allow-list of core/plan_svg. Asserts that a sanitised plan is accepted again and
// sanitises to itself (so no attribute or element the allow-list drops is written), and that
// each tag it writes is one of the drawing elements.
#include <set>

#include "check.hpp"
#include "core/plan_svg.hpp"

namespace {

// The name of the tag that starts at `at` (a '<'), without a leading '/'.
std::string_view tag_name(std::string_view text, std::size_t at) {
    auto start = at + 1 + (at + 1 < text.size() && text[at + 1] == '/');
    auto end = text.find_first_of(" />", start);
    return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace escale;
    auto plan = sanitise_plan_svg(fuzz::text_of(data, size));
    if (!plan || plan->empty()) return 0;
    auto again = sanitise_plan_svg(*plan);
    FUZZ_CHECK(again.has_value(), "a sanitised plan was refused");
    FUZZ_CHECK(*again == *plan, "a sanitised plan did not sanitise to itself");
    static const std::set<std::string_view> written{"svg",     "g",       "rect", "circle", "ellipse", "line", "polyline",
                                                    "polygon", "path",    "text", "tspan",  "title",   "desc"};
    for (auto at = plan->find('<'); at != std::string::npos; at = plan->find('<', at + 1))
        FUZZ_CHECK(written.contains(tag_name(*plan, at)), "a tag that is not a drawing element was written");
    return 0;
}
