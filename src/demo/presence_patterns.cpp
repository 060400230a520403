// SPDX-License-Identifier: EUPL-1.2
#include "demo/presence_patterns.hpp"

namespace escale::demo {

std::vector<PatternCell> presence_pattern(const Resident& r, std::size_t rank) {
    const int first_telework = static_cast<int>(rank % 5) + 1;         // 1..5
    const int second_telework = static_cast<int>((rank + 2) % 5) + 1;  // three days later, wrapping
    // A part-time resident does not work one day (the day after their first telework day).
    const int day_off = r.fte_percent < 100 ? first_telework % 5 + 1 : 0;
    std::vector<PatternCell> cells;
    for (int weekday = 1; weekday <= 5; ++weekday) {
        PresenceStatus s = PresenceStatus::sur_site;
        if (weekday == day_off) s = PresenceStatus::absent;
        else if (weekday == first_telework || (r.fte_percent >= 100 && weekday == second_telework))
            s = PresenceStatus::teletravail;
        for (Half h : {Half::am, Half::pm}) cells.push_back(PatternCell{weekday, h, s});
    }
    return cells;
}

bool visible_to_colleagues(std::size_t rank) { return rank % 3 != 2; }

}  // namespace escale::demo
