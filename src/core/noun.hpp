// SPDX-License-Identifier: EUPL-1.2
// A French noun as messages need it, so that a message composed around a thing's name reads
// well whatever the thing: "Poste de travail introuvable.", "Cette réservation existe déjà.",
// "Cet espace collectif est encore utilisé…", "Le quartier indiqué n'existe pas sur ce site."
// Articles elide before a vowel or a mute h (l', cet). Pure; values are cheap to copy.
#pragma once

#include <string>
#include <string_view>

namespace escale {

struct Noun {
    std::string_view text;  // lower-case singular, e.g. "poste de travail"
    bool feminine = false;
};

constexpr Noun masculine(std::string_view text) { return Noun{text, false}; }
constexpr Noun feminine(std::string_view text) { return Noun{text, true}; }

// "le site", "la réservation", "l'espace collectif".
std::string with_definite_article(Noun n);
// "ce site", "cette réservation", "cet espace collectif".
std::string with_demonstrative(Noun n);
// The text with its first letter in upper case, accented ones included ("élément" → "Élément").
std::string capitalized(std::string_view text);
// The adjective or participle that agrees with n: agreed(n, "utilisé", "utilisée").
std::string_view agreed(Noun n, std::string_view masculine_form, std::string_view feminine_form);

}  // namespace escale
