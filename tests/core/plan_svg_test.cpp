// SPDX-License-Identifier: EUPL-1.2
// Uploaded floor plans reduced to their drawing (issue 14, finding 8).
#include "core/plan_svg.hpp"

#include <gtest/gtest.h>

namespace escale {
namespace {

const std::string ns = "xmlns=\"http://www.w3.org/2000/svg\"";

std::string cleaned(const std::string& svg) {
    auto r = sanitise_plan_svg(svg);
    EXPECT_TRUE(r) << svg << ": " << (r ? "" : r.error().message);
    return r ? *r : std::string{};
}

TEST(PlanSvg, KeepsTheDrawingAndItsTexts) {
    auto out = cleaned("<svg " + ns + " viewBox=\"0 0 10 10\" role=\"img\"><title>Plan &amp; légende</title>"
                       "<g class=\"quartiers\"><rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#fff\"/>"
                       "<text x=\"1\" font-size=\"9\">Quartier &lt;A&gt;</text></g></svg>");
    EXPECT_EQ(out, "<svg " + ns + " viewBox=\"0 0 10 10\" role=\"img\"><title>Plan &amp; légende</title>"
                   "<g class=\"quartiers\"><rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#fff\"/>"
                   "<text x=\"1\" font-size=\"9\">Quartier &lt;A&gt;</text></g></svg>");
    EXPECT_EQ(cleaned(out), out);  // cleaning twice changes nothing
}

TEST(PlanSvg, DropsWhatCouldActOrFetch) {
    auto out = cleaned("<svg " + ns + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" onload=\"x()\">"
                       "<script>x()</script><foreignObject><p>x</p></foreignObject>"
                       "<a href=\"javascript:x()\"><rect/></a><image xlink:href=\"http://e/x.png\"/>"
                       "<rect onclick=\"x()\" style=\"fill:red\" fill=\" URL(http://e/#f)\" stroke=\"#000\"/>"
                       "<!-- commentaire --><?php x() ?></svg>");
    EXPECT_EQ(out, "<svg " + ns + "><rect stroke=\"#000\"/></svg>");
}

// Found by fuzz/plan_svg.cpp: a tab, line feed or carriage return in an attribute (given as a
// character reference) and a carriage return in a text were written raw, and the next
// sanitising turned them into spaces and line feeds. Written as references, they stay.
TEST(PlanSvg, WhitespaceReferencesSurviveASecondCleaning) {
    auto out = cleaned("<svg " + ns + "><text x=\"1&#10;2\" aria-label=\"a&#9;b&#13;c\">l&#13;igne</text></svg>");
    EXPECT_EQ(out, "<svg " + ns + "><text x=\"1&#10;2\" aria-label=\"a&#9;b&#13;c\">l&#13;igne</text></svg>");
    EXPECT_EQ(cleaned(out), out);
}

// Found by fuzz/plan_svg.cpp: an element whose children were all dropped was written with a
// closing tag, and as an empty element the next time.
TEST(PlanSvg, AnElementLeftEmptyIsWrittenEmpty) {
    auto out = cleaned("<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:rEct x=\"2\"/><s:g><s:script>x()</s:script></s:g></s:svg>");
    EXPECT_EQ(out, "<svg " + ns + "><g/></svg>");
    EXPECT_EQ(cleaned(out), out);
}

TEST(PlanSvg, EmptyIsNoPlan) {
    EXPECT_EQ(cleaned(""), "");
    EXPECT_EQ(cleaned(" \n"), "");
}

TEST(PlanSvg, RefusesDoctypesMalformedAndOversizedDocuments) {
    for (std::string svg : {std::string("<!DOCTYPE svg [<!ENTITY e \"x\">]><svg ") + ns + "><text>&e;</text></svg>",
                            std::string("<!DOCTYPE svg SYSTEM \"http://e/svg.dtd\"><svg ") + ns + "/>",
                            std::string("<svg ") + ns + "><rect></svg>", std::string("<svg/>"),
                            std::string("<html/>"), std::string("texte")}) {
        auto r = sanitise_plan_svg(svg);
        ASSERT_FALSE(r) << svg;
        EXPECT_EQ(r.error().code, "invalid_field");
    }
    std::string big = "<svg " + ns + ">" + std::string(plan_svg_max_bytes, ' ') + "</svg>";
    EXPECT_FALSE(sanitise_plan_svg(big));
}

}  // namespace
}  // namespace escale
