// SPDX-License-Identifier: EUPL-1.2
#include "core/small_groups.hpp"

namespace escale {

std::vector<bool> hidden_groups(const std::vector<int>& counts, int minimum) {
    std::vector<bool> hidden(counts.size(), false);
    int hidden_sum = 0;
    for (std::size_t i = 0; i < counts.size(); ++i)
        if (counts[i] < minimum) {
            hidden[i] = true;
            hidden_sum += counts[i];
        }
    while (hidden_sum > 0 && hidden_sum < minimum) {
        std::size_t smallest = counts.size();
        for (std::size_t i = 0; i < counts.size(); ++i)
            if (!hidden[i] && (smallest == counts.size() || counts[i] < counts[smallest])) smallest = i;
        if (smallest == counts.size()) break;  // everything hidden already
        hidden[smallest] = true;
        hidden_sum += counts[smallest];
    }
    return hidden;
}

}  // namespace escale
