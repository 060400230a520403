// SPDX-License-Identifier: EUPL-1.2
// The State's surface target for office buildings: usable floor area (m² SUB) per resident,
// 16 m² the target and 18 m² the ceiling (circular of 8 February 2023), and where a figure
// stands against them. Pure computation.
#pragma once

#include <optional>

namespace escale::planning {

inline constexpr double sub_m2_target = 16.0;
inline constexpr double sub_m2_ceiling = 18.0;

enum class SurfaceVerdict {
    within_target,  // at most 16 m² per resident
    above_target,   // more than 16 m², at most 18 m²
    above_ceiling,  // more than 18 m²
};

struct SurfaceCheck {
    double sub_m2_per_resident = 0;
    SurfaceVerdict verdict = SurfaceVerdict::within_target;
};

// None when there is no resident.
std::optional<SurfaceCheck> check_surface(double sub_m2, int residents);

const char* to_string(SurfaceVerdict v);

}  // namespace escale::planning
