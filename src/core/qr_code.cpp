// SPDX-License-Identifier: EUPL-1.2
#include "core/qr_code.hpp"

#include <memory>

#include <fmt/format.h>
#include <qrencode.h>

#include "core/errors.hpp"
#include "core/markup.hpp"

namespace escale {

Result<QrMatrix> encode_qr(std::string_view text) {
    std::string copy(text);  // libqrencode reads a NUL-terminated string
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(copy.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) return fail(errors::internal("QR code: text too long to encode"));
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(static_cast<size_t>(m.size) * static_cast<size_t>(m.size));
    for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) != 0;  // bit 0: dark module
    return m;
}

std::string qr_svg(const QrMatrix& m, std::string_view title, double size_mm, int quiet) {
    const int side = m.size + 2 * quiet;
    std::string path;
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x) {
            if (!m.at(x, y)) continue;
            // Runs of dark modules on a row become one rectangle: a smaller file.
            int run = 1;
            while (x + run < m.size && m.at(x + run, y)) ++run;
            path += fmt::format("M{} {}h{}v1h-{}z", x + quiet, y + quiet, run, run);
            x += run - 1;
        }
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}mm\" height=\"{1}mm\" "
        "shape-rendering=\"crispEdges\" role=\"img\"><title>{2}</title>"
        "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{3}\"/></svg>",
        side, size_mm, escape_markup(title), path);
}

}  // namespace escale
