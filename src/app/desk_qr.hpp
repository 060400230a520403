// SPDX-License-Identifier: EUPL-1.2
// Use cases of the desks' QR codes (issue 10, item 3): one desk's code as SVG, and a
// floor's printable sheet (`escale qr --floor ID`). Each code points to
// <public URL>/p/<desk id>, the web app's check-in page. Both need manage_referential on
// the desk's site (gestionnaire); the command line acts as the system.
#pragma once

#include <string>
#include <string_view>

#include "app/context.hpp"
#include "core/error.hpp"

namespace escale::app {

// The SVG of desk `desk`'s code. Fails with not_found or forbidden.
Result<std::string> desk_qr_svg(Context ctx, const Actor& actor, DeskId desk, std::string_view public_url);

// The HTML sheet (A4) of the active desks of floor `floor`, by label. Fails with not_found
// or forbidden.
Result<std::string> floor_qr_sheet(Context ctx, const Actor& actor, FloorId floor, std::string_view public_url);

}  // namespace escale::app
