// SPDX-License-Identifier: EUPL-1.2
// The desks' QR codes (core/qr_code.hpp, core/qr_sheet.hpp): the matrix libqrencode makes,
// its SVG drawing, the check-in URL and the printable sheet.
#include <gtest/gtest.h>

#include <regex>

#include "core/qr_code.hpp"
#include "core/qr_sheet.hpp"

using namespace escale;

TEST(QrCode, MatrixHasTheFinderPatterns) {
    auto m = encode_qr("https://escale.example.gouv.fr/p/42");
    ASSERT_TRUE(m);
    // Version 3 (29 × 29) holds these 35 bytes at level M.
    EXPECT_EQ(m->size, 29);
    EXPECT_EQ(m->dark.size(), 29u * 29u);
    // The three finder patterns: dark 7 × 7 corners with a light ring inside.
    for (auto [x0, y0] : {std::pair{0, 0}, {m->size - 7, 0}, {0, m->size - 7}}) {
        EXPECT_TRUE(m->at(x0, y0));
        EXPECT_TRUE(m->at(x0 + 6, y0 + 6));
        EXPECT_FALSE(m->at(x0 + 1, y0 + 1));
        EXPECT_TRUE(m->at(x0 + 3, y0 + 3));
    }
    // Bottom-right has none.
    EXPECT_FALSE(m->at(m->size - 2, m->size - 2) && m->at(m->size - 1, m->size - 1) && m->at(m->size - 7, m->size - 7) &&
                 !m->at(m->size - 6, m->size - 6));
}

TEST(QrCode, SvgDrawsEveryDarkModuleOnceInsideTheQuietZone) {
    QrMatrix m{3, {true, true, false, false, true, false, true, false, true}};
    auto svg = qr_svg(m, "Poste <A&B>", 30, 4);
    EXPECT_NE(svg.find("viewBox=\"0 0 11 11\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("width=\"30mm\""), std::string::npos);
    EXPECT_NE(svg.find("<title>Poste &lt;A&amp;B&gt;</title>"), std::string::npos) << svg;
    // Row 0: a run of two; row 1: one; row 2: two singles.
    EXPECT_NE(svg.find("d=\"M4 4h2v1h-2zM5 5h1v1h-1zM4 6h1v1h-1zM6 6h1v1h-1z\""), std::string::npos) << svg;
    // Area drawn = dark modules.
    std::regex run("h(\\d+)v1");
    int area = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it)
        area += std::stoi((*it)[1]);
    EXPECT_EQ(area, 5);
}

TEST(QrCode, TooLongTextFails) {
    EXPECT_FALSE(encode_qr(std::string(5000, 'a')));
}

TEST(QrSheet, UrlAndSheet) {
    EXPECT_EQ(desk_check_in_url("https://escale.example/", 7), "https://escale.example/p/7");
    EXPECT_EQ(desk_check_in_url("http://127.0.0.1:8080", 12), "http://127.0.0.1:8080/p/12");
    auto html = qr_sheet_html("Préfecture", "Niveau <1>", {{"N1-01", "http://x/p/1", "<svg>1</svg>"},
                                                          {"N1-02", "http://x/p/2", "<svg>2</svg>"}});
    EXPECT_NE(html.find("<html lang=\"fr\">"), std::string::npos);
    EXPECT_NE(html.find("size: A4"), std::string::npos);
    EXPECT_NE(html.find("Préfecture — Niveau &lt;1&gt;"), std::string::npos);
    size_t n = 0;
    for (size_t at = html.find("Scannez pour signaler votre arrivée"); at != std::string::npos;
         at = html.find("Scannez pour signaler votre arrivée", at + 1))
        ++n;
    EXPECT_EQ(n, 2u);
    EXPECT_LT(html.find("N1-01"), html.find("N1-02"));
    EXPECT_NE(html.find("<svg>2</svg>"), std::string::npos);
}
