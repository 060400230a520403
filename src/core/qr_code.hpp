// SPDX-License-Identifier: EUPL-1.2
// QR codes of desks (issue 10, item 3): the module matrix of a text (computed by
// libqrencode; no I/O) and its drawing as a standalone SVG. Pure; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace escale {

// A square QR symbol: size × size modules, row by row, true for a dark module.
struct QrMatrix {
    int size = 0;
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * static_cast<size_t>(size) + static_cast<size_t>(x)]; }
};

// Encodes `text` (a URL) in 8-bit mode at error-correction level M, in the smallest version
// that holds it. Fails with "internal" when the text is too long for any QR version.
Result<QrMatrix> encode_qr(std::string_view text);

// The symbol as an SVG document: one path of unit squares for the dark modules, a white
// background and a quiet zone of `quiet` modules around it (4, the standard's minimum), scaled
// to `size_mm` millimetres when printed. `title` (escaped) becomes the image's accessible name.
std::string qr_svg(const QrMatrix& m, std::string_view title, double size_mm = 40, int quiet = 4);

}  // namespace escale
