// SPDX-License-Identifier: EUPL-1.2
#include "core/plan_svg.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <set>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/errors.hpp"
#include "core/markup.hpp"

namespace escale {
namespace {

constexpr const char* svg_namespace = "http://www.w3.org/2000/svg";
constexpr int max_depth = 64;

const std::set<std::string_view>& drawing_elements() {
    static const std::set<std::string_view> names{"g",       "rect",    "circle", "ellipse", "line",  "polyline",
                                                  "polygon", "path",    "text",   "tspan",   "title", "desc"};
    return names;
}

const std::set<std::string_view>& presentation_attributes() {
    static const std::set<std::string_view> names{
        "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
        "rx", "ry", "dx", "dy", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke",
        "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity",
        "font-size", "font-family", "font-weight", "font-style", "text-anchor", "dominant-baseline", "class",
        "role", "aria-label", "aria-hidden"};
    return names;
}

// libxml2 is set up once per process: its parser initialised (required before threads use
// it), and every external resource refused, whatever a document asks for.
xmlParserInputPtr refuse_external(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }
void set_up_libxml() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external);
    });
}

std::string_view name_of(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

bool in_svg_namespace(const xmlNode* n) { return n->ns && name_of(n->ns->href) == svg_namespace; }

// Values that could fetch or run something: `url(…)` references, script and data URLs.
bool harmless_value(std::string_view v) {
    std::string folded;
    for (unsigned char c : v)
        if (!std::isspace(c) && c >= 0x20) folded += static_cast<char>(std::tolower(c));
    for (std::string_view bad : {"url(", "javascript:", "vbscript:", "data:", "expression("})
        if (folded.find(bad) != std::string::npos) return false;
    return true;
}

// Markup-escaped text that an XML parser reads back unchanged: it turns a raw carriage return
// into a line feed (line ends), and in an attribute also a tab or line feed into a space
// (attribute value normalisation), so these are written as character references. Without it a
// plan changed each time it was sanitised again (found by fuzz/plan_svg.cpp).
std::string escaped(std::string_view v, bool attribute) {
    std::string out;
    for (char c : v) {
        if (c == '\r') out += "&#13;";
        else if (attribute && c == '\n') out += "&#10;";
        else if (attribute && c == '\t') out += "&#9;";
        else out += escape_markup(std::string_view(&c, 1));
    }
    return out;
}

// xmlFree is a variable of libxml2 (a function pointer), not a function.
struct FreeXmlText {
    void operator()(xmlChar* s) const { xmlFree(s); }
};

struct Writer {
    std::string out;
    bool too_deep = false;

    void attributes(const xmlNode* n) {
        for (const xmlAttr* a = n->properties; a; a = a->next) {
            if (a->ns) continue;  // xlink:href, xml:base, any other namespace's attribute
            auto name = name_of(a->name);
            if (!presentation_attributes().contains(name)) continue;
            std::unique_ptr<xmlChar, FreeXmlText> value(xmlNodeListGetString(n->doc, a->children, 1));
            auto v = name_of(value.get());
            if (!harmless_value(v)) continue;
            out += ' ';
            out += name;
            out += "=\"";
            out += escaped(v, true);
            out += '"';
        }
    }

    void children(const xmlNode* n, int depth) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                out += escaped(name_of(c->content), false);
            } else if (c->type == XML_ELEMENT_NODE && in_svg_namespace(c) &&
                       drawing_elements().contains(name_of(c->name))) {
                element(c, depth + 1);
            }
            // Anything else goes with its whole content: comments, processing instructions,
            // entity references, script, style, foreignObject, image, a, use, other namespaces.
        }
    }

    void element(const xmlNode* n, int depth) {
        if (depth > max_depth) {
            too_deep = true;
            return;
        }
        auto name = name_of(n->name);
        out += '<';
        out += name;
        if (depth == 0) out += std::string(" xmlns=\"") + svg_namespace + '"';
        attributes(n);
        if (!n->children) {
            out += "/>";
            return;
        }
        out += '>';
        const auto content = out.size();
        children(n, depth);
        if (out.size() == content) {  // every child dropped: written as the empty element it now is
            out.back() = '/';
            out += '>';
            return;
        }
        out += "</";
        out += name;
        out += '>';
    }
};

}  // namespace

Result<std::string> sanitise_plan_svg(std::string_view uploaded) {
    if (std::all_of(uploaded.begin(), uploaded.end(), [](unsigned char c) { return std::isspace(c); }))
        return std::string{};
    if (uploaded.size() > plan_svg_max_bytes)
        return fail(errors::invalid_field("plan_svg", "un plan SVG de 2 Mo au plus"));
    set_up_libxml();
    // No network, no DTD loaded, entities left unexpanded, libxml2's own size limits kept
    // (no XML_PARSE_HUGE), nothing printed.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(uploaded.data(), static_cast<int>(uploaded.size()), "plan.svg", nullptr, options), xmlFreeDoc);
    if (!doc) return fail(errors::invalid_field("plan_svg", "un document SVG bien formé"));
    if (doc->intSubset || doc->extSubset)
        return fail(errors::invalid_field("plan_svg", "un document SVG sans DOCTYPE ni entités"));
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root || name_of(root->name) != "svg" || !in_svg_namespace(root))
        return fail(errors::invalid_field("plan_svg", "un document SVG (élément racine svg de l'espace de noms SVG)"));
    Writer w;
    w.element(root, 0);
    if (w.too_deep)
        return fail(errors::invalid_field("plan_svg", "un plan de 64 niveaux d'imbrication au plus"));
    return std::move(w.out);
}

}  // namespace escale
