// SPDX-License-Identifier: EUPL-1.2
// The demo generators' deterministic randomness: splitmix64 with integer draws only, so a
// seed gives the same data on every platform. Not for anything secret.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace escale::demo {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // 0..n-1 (n > 0); the modulo bias is irrelevant here.
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool percent(int p) { return below(100) < p; }
    // True with probability per_mille / 1000.
    bool per_mille(int p) { return below(1000) < p; }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(below(static_cast<int>(i)))]);
    }

private:
    std::uint64_t state_;
};

}  // namespace escale::demo
