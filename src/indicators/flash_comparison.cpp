// SPDX-License-Identifier: EUPL-1.2
#include "indicators/flash_comparison.hpp"

namespace escale::indicators {

std::vector<FlashComparison> compare_flash_counts(const std::vector<FlashCount>& counts,
                                                  const std::vector<DeskUsageCount>& usage,
                                                  const std::vector<FloorFacts>& floors, const std::string& site_name,
                                                  bool withheld) {
    std::vector<FlashComparison> out;
    for (auto& c : counts) {
        FlashComparison f{c, site_name, std::nullopt, std::nullopt};
        if (c.floor_id)
            for (auto& fl : floors)
                if (fl.id == *c.floor_id) f.place = fl.name;
        if (!withheld) {
            int booked = 0, checked_in = 0;
            for (auto& u : usage)
                if (u.date == c.date && u.half == c.half && (!c.floor_id || u.floor_id == *c.floor_id)) {
                    booked += u.booked;
                    checked_in += u.checked_in;
                }
            f.booked = booked;
            f.checked_in = checked_in;
        }
        out.push_back(f);
    }
    return out;
}

}  // namespace escale::indicators
