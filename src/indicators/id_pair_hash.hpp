// SPDX-License-Identifier: EUPL-1.2
// A hash of two ids, for the folds' unordered maps keyed by a pair of ids (a row's service and
// quartier). Pure.
#pragma once

#include <cstdint>
#include <utility>

namespace escale::indicators {

struct IdPairHash {
    std::size_t operator()(const std::pair<std::int64_t, std::int64_t>& p) const noexcept {
        // the first id spread by an odd 64-bit multiplier, so that pairs alike do not collide
        auto first = static_cast<std::uint64_t>(p.first) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(first ^ static_cast<std::uint64_t>(p.second));
    }
};

}  // namespace escale::indicators
