// SPDX-License-Identifier: EUPL-1.2
// Finding a person by name the way people type it: without accents or case, and from the
// start of any word of the name ("dub", "claire dub", "eloise" for « Éloïse Dubreuil »).
// Folding goes through ICU's Latin-ASCII transliteration (é → e, œ → oe, ß → ss). Pure
// functions; each thread keeps its own ICU transliterator, so they are safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace escale {

// The name folded for comparison: Latin-ASCII, lower case, every run of spaces, hyphens,
// apostrophes and other punctuation turned into one space, trimmed.
std::string fold_name(std::string_view text);

// Whether `folded_query` (from fold_name) starts the folded name or one of its words.
// An empty query matches nothing.
bool name_matches(std::string_view folded_name, std::string_view folded_query);

}  // namespace escale
