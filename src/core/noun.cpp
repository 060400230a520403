// SPDX-License-Identifier: EUPL-1.2
#include "core/noun.hpp"

namespace escale {
namespace {

// Starts with a vowel (accented ones included) or an h, taken as mute (no aspirated-h word
// names a thing of Escale).
bool elides(std::string_view text) {
    if (text.empty()) return false;
    const auto c = static_cast<unsigned char>(text[0]);
    if (std::string_view("aeiouyh").find(static_cast<char>(c)) != std::string_view::npos) return true;
    // UTF-8 à â ä é è ê ë î ï ô ö û ù ü: 0xC3 then 0xA0..0xBC.
    return c == 0xC3 && text.size() > 1 && static_cast<unsigned char>(text[1]) >= 0xA0 &&
           static_cast<unsigned char>(text[1]) <= 0xBC;
}

}  // namespace

std::string with_definite_article(Noun n) {
    if (elides(n.text)) return "l'" + std::string(n.text);
    return (n.feminine ? "la " : "le ") + std::string(n.text);
}

std::string with_demonstrative(Noun n) {
    if (n.feminine) return "cette " + std::string(n.text);
    return (elides(n.text) ? "cet " : "ce ") + std::string(n.text);
}

std::string capitalized(std::string_view text) {
    std::string out(text);
    if (out.empty()) return out;
    const auto c = static_cast<unsigned char>(out[0]);
    if (c >= 'a' && c <= 'z') {
        out[0] = static_cast<char>(c - 'a' + 'A');
    } else if (c == 0xC3 && out.size() > 1) {
        // Latin-1 lower-case letters à..þ (0xC3 0xA0..0xBE, but ÷) map to 0xC3 0x80..0x9E.
        const auto d = static_cast<unsigned char>(out[1]);
        if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[1] = static_cast<char>(d - 0x20);
    }
    return out;
}

std::string_view agreed(Noun n, std::string_view masculine_form, std::string_view feminine_form) {
    return n.feminine ? feminine_form : masculine_form;
}

}  // namespace escale
