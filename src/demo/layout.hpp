// SPDX-License-Identifier: EUPL-1.2
// What the demo generators share: the plan geometry (desks in a band of quartiers side by
// side, spaces in the band below; plan_svg.cpp draws it) and the ASCII form of French names
// used in demo e-mail addresses. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace escale::demo {

constexpr double plan_margin = 20;
constexpr double plan_width = 1200;
constexpr double zone_gap = 16;
constexpr double desk_inset = 24;    // from a quartier's side to the nearest desk centre
constexpr double desk_pitch_x = 40;
constexpr double desk_pitch_y = 36;
constexpr double desk_first_y = 60;  // centre of the first row (room above for the name)
constexpr int desk_max_rows = 14;
constexpr double space_band_y = 580;

// Centres of n desks in rows, centred in the horizontal strip [ax, ax + aw]. Throws
// std::logic_error when the strip is too narrow for n desks.
std::vector<std::pair<double, double>> desks_in_rows(double ax, double aw, int n);

// Lower-case ASCII form of a French name for an email: accents stripped, spaces become
// '-', apostrophes and anything else outside [a-z0-9-] dropped.
std::string ascii_slug(std::string_view s);

}  // namespace escale::demo
