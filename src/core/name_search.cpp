// SPDX-License-Identifier: EUPL-1.2
#include "core/name_search.hpp"

#include <memory>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace escale {
namespace {

// One per thread: ICU transliterators are not meant to be shared while in use.
icu::Transliterator* folder() {
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII; Lower"), UTRANS_FORWARD, status));
        if (U_FAILURE(status)) made.reset();
        return made;
    }();
    return t.get();
}

bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string fold_name(std::string_view text) {
    std::string ascii;
    if (auto* t = folder()) {
        auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
        t->transliterate(u);
        u.toUTF8String(ascii);
    } else {
        ascii.assign(text);  // without ICU's data, plain ASCII still folds below
        for (auto& c : ascii)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    std::string out;
    out.reserve(ascii.size());
    bool gap = false;
    for (char c : ascii) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (is_word_char(c)) {
            if (gap && !out.empty()) out += ' ';
            out += c;
            gap = false;
        } else {
            gap = true;
        }
    }
    return out;
}

bool name_matches(std::string_view folded_name, std::string_view folded_query) {
    if (folded_query.empty()) return false;
    for (std::size_t at = 0; at < folded_name.size();) {
        if (folded_name.substr(at, folded_query.size()) == folded_query) return true;
        auto space = folded_name.find(' ', at);
        if (space == std::string_view::npos) break;
        at = space + 1;
    }
    return false;
}

}  // namespace escale
