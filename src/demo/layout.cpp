// SPDX-License-Identifier: EUPL-1.2
#include "demo/layout.hpp"

#include <algorithm>
#include <stdexcept>

namespace escale::demo {

std::vector<std::pair<double, double>> desks_in_rows(double ax, double aw, int n) {
    const int max_cols = std::max(1, static_cast<int>((aw - 2 * desk_inset) / desk_pitch_x) + 1);
    const int rows = (n + max_cols - 1) / max_cols;
    if (rows > desk_max_rows) throw std::logic_error("demo: quartier trop étroit pour ses postes");
    const int cols = (n + rows - 1) / rows;
    const double x0 = ax + (aw - (cols - 1) * desk_pitch_x) / 2;
    std::vector<std::pair<double, double>> out;
    for (int k = 0; k < n; ++k)
        out.emplace_back(x0 + (k % cols) * desk_pitch_x, desk_first_y + (k / cols) * desk_pitch_y);
    return out;
}

std::string ascii_slug(std::string_view s) {
    static const std::pair<std::string_view, std::string_view> folds[] = {
        {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"},
        {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
        {"É", "e"}, {"È", "e"}, {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"},
        {"Î", "i"}, {"Ï", "i"}, {"ô", "o"}, {"ö", "o"}, {"Ô", "o"}, {"Ö", "o"},
        {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"},
        {"ÿ", "y"}, {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"},
    };
    std::string out;
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
            out += c, ++i;
        } else if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a'), ++i;
        } else if (c == ' ') {
            out += '-', ++i;
        } else {
            bool folded = false;
            for (const auto& [from, to] : folds)
                if (s.substr(i, from.size()) == from) {
                    out += to, i += from.size(), folded = true;
                    break;
                }
            if (!folded) ++i;  // apostrophe or unknown character: dropped
        }
    }
    return out;
}

}  // namespace escale::demo
