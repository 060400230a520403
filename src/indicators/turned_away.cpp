// SPDX-License-Identifier: EUPL-1.2
#include "indicators/turned_away.hpp"

#include <map>

namespace escale::indicators {

std::vector<TurnedAwayRow> turned_away(const std::vector<Date>& open_days, const std::vector<TurnedAwayCount>& counts,
                                       Period period) {
    std::map<PeriodKey, TurnedAwayRow> rows;
    auto row = [&](Date d, Half h) -> TurnedAwayRow& {
        auto key = period_of(d, h, period);
        auto& r = rows[key];
        r.period = key;
        return r;
    };
    for (auto& d : open_days)
        for (Half h : {Half::am, Half::pm}) row(d, h);
    for (auto& c : counts) {
        auto& r = row(c.date, c.half);
        r.waitlist_unserved += c.waitlist_unserved;
        r.refused += c.refused;
        r.total += c.waitlist_unserved + c.refused;
    }
    std::vector<TurnedAwayRow> out;
    for (auto& [k, r] : rows) out.push_back(r);
    return out;
}

}  // namespace escale::indicators
