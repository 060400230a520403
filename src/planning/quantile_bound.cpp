// SPDX-License-Identifier: EUPL-1.2
#include "planning/quantile_bound.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace escale::planning {

int quantile_lower_bound(double mean, double variance, double level, double r) {
    if (!(level > 0.5 && level < 1.0) || !(variance > 0.0) || !(mean >= 0.0)) return 0;
    double sigma = std::sqrt(variance);
    double a = level - berry_esseen_constant * std::clamp(r, 0.0, 1.0) / sigma;
    if (a <= 0.5) return 0;
    double z = boost::math::quantile(boost::math::normal(), a);
    // The quantile is a whole number at least this; the margin absorbs rounding.
    return std::max(0, static_cast<int>(std::ceil(mean + sigma * z - 1e-7)));
}

}  // namespace escale::planning
