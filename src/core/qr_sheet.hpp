// SPDX-License-Identifier: EUPL-1.2
// The printable sheet of a floor's desk QR codes (`escale qr --floor ID`): one HTML page,
// A4 when printed, each desk's code as an inline SVG with its label and the line
// « Scannez pour signaler votre arrivée ». Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escale {

struct QrLabel {
    std::string desk_label;
    std::string url;  // what the code says: <public URL>/p/<desk id>
    std::string svg;  // the code itself (core/qr_code.hpp qr_svg)
};

// The whole HTML document, with the site's and floor's names in its title and heading.
std::string qr_sheet_html(const std::string& site_name, const std::string& floor_name, const std::vector<QrLabel>& codes);

// The address a desk's code points to: `public_url` without its trailing slashes, then
// "/p/<desk_id>" (the web app's check-in landing page).
std::string desk_check_in_url(std::string_view public_url, long long desk_id);

}  // namespace escale
