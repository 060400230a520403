// SPDX-License-Identifier: EUPL-1.2
#include "planning/surface_target.hpp"

namespace escale::planning {

std::optional<SurfaceCheck> check_surface(double sub_m2, int residents) {
    if (residents <= 0) return std::nullopt;
    SurfaceCheck c{.sub_m2_per_resident = sub_m2 / residents};
    c.verdict = c.sub_m2_per_resident <= sub_m2_target    ? SurfaceVerdict::within_target
                : c.sub_m2_per_resident <= sub_m2_ceiling ? SurfaceVerdict::above_target
                                                          : SurfaceVerdict::above_ceiling;
    return c;
}

const char* to_string(SurfaceVerdict v) {
    switch (v) {
        case SurfaceVerdict::within_target: return "within_target";
        case SurfaceVerdict::above_target: return "above_target";
        case SurfaceVerdict::above_ceiling: return "above_ceiling";
    }
    return "";
}

}  // namespace escale::planning
