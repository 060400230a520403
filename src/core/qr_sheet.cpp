// SPDX-License-Identifier: EUPL-1.2
#include "core/qr_sheet.hpp"

#include <fmt/format.h>

#include "core/markup.hpp"

namespace escale {

std::string desk_check_in_url(std::string_view public_url, long long desk_id) {
    while (!public_url.empty() && public_url.back() == '/') public_url.remove_suffix(1);
    return fmt::format("{}/p/{}", public_url, desk_id);
}

std::string qr_sheet_html(const std::string& site_name, const std::string& floor_name, const std::vector<QrLabel>& codes) {
    const std::string where = escape_markup(site_name + " — " + floor_name);
    // 3 × 4 labels of 63 × 70 mm on an A4 page (210 × 297 mm, 10 mm margins); a label never
    // breaks across pages.
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Codes QR des postes — {0}</title>\n<style>\n"
        "@page {{ size: A4; margin: 10mm; }}\n"
        "body {{ font-family: Marianne, Arial, sans-serif; margin: 0; }}\n"
        "h1 {{ font-size: 12pt; margin: 0 0 4mm; }}\n"
        ".codes {{ display: grid; grid-template-columns: repeat(3, 63mm); gap: 0; }}\n"
        ".code {{ box-sizing: border-box; width: 63mm; height: 70mm; padding: 3mm; text-align: center; "
        "border: 0.2mm dashed #999; break-inside: avoid; page-break-inside: avoid; }}\n"
        ".code svg {{ display: block; margin: 0 auto; }}\n"
        ".label {{ font-size: 16pt; font-weight: bold; margin: 1mm 0; }}\n"
        ".hint {{ font-size: 9pt; margin: 0; }}\n"
        ".url {{ font-size: 7pt; color: #555; margin: 1mm 0 0; word-break: break-all; }}\n"
        "</style>\n</head>\n<body>\n<h1>Codes QR des postes — {0}</h1>\n<main class=\"codes\">\n",
        where);
    for (const auto& c : codes) {
        out += fmt::format(
            "<section class=\"code\">\n{}\n<p class=\"label\">{}</p>\n<p class=\"hint\">Scannez pour signaler votre "
            "arrivée</p>\n<p class=\"url\">{}</p>\n</section>\n",
            c.svg, escape_markup(c.desk_label), escape_markup(c.url));
    }
    out += "</main>\n</body>\n</html>\n";
    return out;
}

}  // namespace escale
