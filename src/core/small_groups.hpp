// SPDX-License-Identifier: EUPL-1.2
// The minimum group size of every figure about people (DESIGN invariant 6): no count of fewer
// than 5 people leaves the server, and none can be worked out by difference from a total and
// the counts shown beside it. Used by the surveys' results and the remontées' counts. Pure.
#pragma once

#include <vector>

namespace escale {

inline constexpr int minimum_group_size = 5;

// Which of `counts` (groups of people that together make a total that is shown) to hide:
// every group under `minimum`; then, while the hidden groups together hold between 1 and
// minimum - 1 people (the total less the shown groups would give their sum), the smallest
// shown group as well. A hidden group of 0 people reveals nobody and is not made up for.
std::vector<bool> hidden_groups(const std::vector<int>& counts, int minimum = minimum_group_size);

}  // namespace escale
