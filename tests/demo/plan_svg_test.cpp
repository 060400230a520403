// SPDX-License-Identifier: EUPL-1.2
// The demo sites' plans pass the upload allow-list whole (issue 14, finding 8): what the
// demo draws is what a gestionnaire may upload.
#include "core/plan_svg.hpp"

#include <gtest/gtest.h>

#include "demo/demo_site.hpp"

namespace escale::demo {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(DemoPlans, KeepEveryElementThroughTheUploadAllowList) {
    for (const auto& site : {pilot_site(), cite_site()}) {
        for (const auto& floor : site.floors) {
            auto cleaned = sanitise_plan_svg(floor.plan_svg);
            ASSERT_TRUE(cleaned) << floor.name << ": " << cleaned.error().message;
            for (std::string element : {"<rect", "<text", "<title", "<g"})
                EXPECT_EQ(count(*cleaned, element), count(floor.plan_svg, element)) << floor.name << element;
        }
    }
}

}  // namespace
}  // namespace escale::demo
