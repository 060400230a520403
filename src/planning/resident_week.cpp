// SPDX-License-Identifier: EUPL-1.2
#include "planning/resident_week.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace escale::planning {
namespace {

bool is_share(double x) { return x >= 0.0 && x <= 1.0; }  // NaN fails

WeekMask mask_of(const Weekdays& days) {
    WeekMask m = 0;
    for (int d = 0; d < weekdays; ++d)
        if (days[static_cast<std::size_t>(d)]) m = static_cast<WeekMask>(m | (1u << d));
    return m;
}

// Adds to `p` the sets of days present when the days of `planned` are each kept with
// probability q, independently, the whole weighted by `weight`.
void add_planned(std::array<double, week_masks>& p, WeekMask planned, double q, double weight) {
    int n = std::popcount(static_cast<unsigned>(planned));
    // Every subset of `planned`, the empty one included.
    for (unsigned sub = planned;; sub = (sub - 1) & planned) {
        int k = std::popcount(sub);
        p[sub] += weight * std::pow(q, k) * std::pow(1.0 - q, n - k);
        if (sub == 0) break;
    }
}

}  // namespace

Result<ResidentWeek> ResidentWeek::of_pattern(const TeleworkPattern& pattern, const Weekdays& team_days) {
    if (!is_share(pattern.absence_rate))
        return fail(errors::invalid_field("absence_rate", "une proportion entre 0 et 1"));
    if (!is_share(pattern.fte)) return fail(errors::invalid_field("fte", "une proportion entre 0 et 1"));
    if (pattern.floating_telework_days < 0 || pattern.floating_telework_days > weekdays)
        return fail(errors::invalid_field("floating_telework_days", "un nombre de jours entre 0 et 5"));

    WeekMask team = mask_of(team_days);
    WeekMask open = static_cast<WeekMask>(~mask_of(pattern.fixed_telework) & (week_masks - 1));
    WeekMask planned = static_cast<WeekMask>(open | team);
    WeekMask floating = static_cast<WeekMask>(open & ~team);  // days a floating day may fall on
    int choose = std::min(pattern.floating_telework_days, std::popcount(static_cast<unsigned>(floating)));
    double q = (1.0 - pattern.absence_rate) * pattern.fte;

    // Each way of placing the floating days is equally likely.
    int ways = 0;
    for (unsigned s = floating;; s = (s - 1) & floating) {
        if (std::popcount(s) == choose) ++ways;
        if (s == 0) break;
    }
    ResidentWeek w;
    for (unsigned s = floating;; s = (s - 1) & floating) {
        if (std::popcount(s) == choose) add_planned(w.p_, static_cast<WeekMask>(planned & ~s), q, 1.0 / ways);
        if (s == 0) break;
    }
    return w;
}

Result<ResidentWeek> ResidentWeek::of_daily_presence(const DailyPresence& presence) {
    for (int d = 0; d < weekdays; ++d)
        if (!is_share(presence[static_cast<std::size_t>(d)]))
            return fail(errors::invalid_field("presence[" + std::to_string(d) + "]", "une probabilité entre 0 et 1"));
    ResidentWeek w;
    for (unsigned m = 0; m < week_masks; ++m) {
        double p = 1.0;
        for (int d = 0; d < weekdays; ++d) {
            double pd = presence[static_cast<std::size_t>(d)];
            p *= (m >> d) & 1u ? pd : 1.0 - pd;
        }
        w.p_[m] = p;
    }
    return w;
}

DailyPresence ResidentWeek::daily_presence() const {
    DailyPresence out{};
    for (unsigned m = 0; m < week_masks; ++m)
        for (int d = 0; d < weekdays; ++d)
            if ((m >> d) & 1u) out[static_cast<std::size_t>(d)] += p_[m];
    return out;
}

}  // namespace escale::planning
