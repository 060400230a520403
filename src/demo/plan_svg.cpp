// SPDX-License-Identifier: EUPL-1.2
// A plain, standalone SVG plan of one floor of a demo site: quartiers as labelled
// rectangles (drawn around their desks, since zones carry no geometry of their own),
// desks as small rectangles titled by their label, collective spaces as named rectangles.
// No script, no external reference; every text is XML-escaped. Reads only the site, the
// floor's name and what is placed on it (never floors[].plan_svg).
#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/markup.hpp"
#include "demo/demo_site.hpp"

namespace escale::demo {
namespace {

constexpr double view_w = 1200, view_h = 800;  // the plan's own units
constexpr double desk_w = 28, desk_h = 18;
constexpr double space_w = 100, space_h = 76;
constexpr double zone_pad = 10;     // around the desks of a quartier
constexpr double zone_header = 26;  // room above the desks for the quartier's name

std::string num(double v) { return fmt::format("{:g}", v); }

// Characters in UTF-8 text (continuation bytes not counted).
int chars(std::string_view s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(),
                                          [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// A font size that fits text of n characters in `width` (about 0.6 em per character),
// between 7 and 12 plan units.
double font_for(double width, int n) { return std::clamp(width / (0.6 * std::max(n, 1)), 7.0, 12.0); }

const char* type_name(SpaceType t) {
    switch (t) {
        case SpaceType::meeting_room: return "salle de réunion";
        case SpaceType::bubble: return "bulle";
        case SpaceType::silence_room: return "salle de silence";
        case SpaceType::project_room: return "salle projet";
        case SpaceType::convivial_area: return "espace convivial";
    }
    return "espace";
}

const char* desk_fill(const Desk& d) {
    if (!d.active) return "#dddddd";
    if (d.adapted) return "#b9d7f0";
    if (d.standing) return "#cfe8c4";
    return "#ffffff";
}

}  // namespace

std::string plan_svg(const DemoSite& s, FloorId floor_id) {
    const auto floor = std::find_if(s.floors.begin(), s.floors.end(),
                                    [&](const Floor& f) { return f.id == floor_id; });
    const std::string floor_label =
        floor != s.floors.end() ? floor->name : fmt::format("n° {}", floor_id);

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" font-family=\"sans-serif\">\n",
        num(view_w), num(view_h));
    out += fmt::format("<title>Plan du niveau {} — {}</title>\n", escape_markup(floor_label),
                       escape_markup(s.site.name));
    out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#fbfbf8\" "
                       "stroke=\"#8a8a8a\"/>\n",
                       num(view_w), num(view_h));

    // Quartiers: the bounding box of their desks and spaces on this floor.
    out += "<g class=\"quartiers\">\n";
    for (const auto& z : s.zones) {
        if (z.floor_id != floor_id) continue;
        double x0 = view_w, y0 = view_h, x1 = 0, y1 = 0;
        bool any = false;
        auto cover = [&](double x, double y, double w, double h) {
            x0 = std::min(x0, x - w / 2), y0 = std::min(y0, y - h / 2);
            x1 = std::max(x1, x + w / 2), y1 = std::max(y1, y + h / 2);
            any = true;
        };
        for (const auto& d : s.desks)
            if (d.floor_id == floor_id && d.zone_id == z.id) cover(d.x, d.y, desk_w, desk_h);
        for (const auto& sp : s.spaces)
            if (sp.floor_id == floor_id && sp.zone_id == z.id) cover(sp.x, sp.y, space_w, space_h);
        if (!any) continue;  // nothing placed: nothing to draw
        x0 -= zone_pad, x1 += zone_pad, y0 -= zone_pad + zone_header, y1 += zone_pad;
        out += fmt::format(
            "<g class=\"quartier\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" "
            "fill=\"#f1eee4\" stroke=\"#b5ad93\"/><text x=\"{}\" y=\"{}\" font-size=\"{:.1f}\" "
            "fill=\"#4a4535\">{}</text></g>\n",
            num(x0), num(y0), num(x1 - x0), num(y1 - y0), num(x0 + 6), num(y0 + 17),
            font_for(x1 - x0 - 12, chars(z.name)), escape_markup(z.name));
    }
    out += "</g>\n";

    // Collective spaces.
    out += "<g class=\"espaces\">\n";
    for (const auto& sp : s.spaces) {
        if (sp.floor_id != floor_id) continue;
        out += fmt::format(
            "<g class=\"espace\"><title>{} — {}, {} place{}</title><rect x=\"{}\" y=\"{}\" "
            "width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#e6e0f3\" stroke=\"#7d6ca8\"/>"
            "<text x=\"{}\" y=\"{}\" font-size=\"{:.1f}\" text-anchor=\"middle\">{}</text></g>\n",
            escape_markup(sp.name), type_name(sp.type), sp.capacity, sp.capacity > 1 ? "s" : "",
            num(sp.x - space_w / 2), num(sp.y - space_h / 2), num(space_w), num(space_h),
            num(sp.x), num(sp.y + 4), std::min(10.0, font_for(space_w - 8, chars(sp.name))),
            escape_markup(sp.name));
    }
    out += "</g>\n";

    // Desks, titled by their label only (the booking UI looks them up by it).
    out += "<g class=\"postes\" stroke=\"#555555\">\n";
    for (const auto& d : s.desks) {
        if (d.floor_id != floor_id) continue;
        out += fmt::format(
            "<g class=\"poste\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" "
            "height=\"{}\" rx=\"3\" fill=\"{}\"/></g>\n",
            escape_markup(d.label), num(d.x - desk_w / 2), num(d.y - desk_h / 2), num(desk_w),
            num(desk_h), desk_fill(d));
    }
    out += "</g>\n</svg>\n";
    return out;
}

}  // namespace escale::demo
