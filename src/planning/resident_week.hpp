// SPDX-License-Identifier: EUPL-1.2
// One resident's week on site, as the sizing and the simulations of the planning engine see it.
//
// A week is five weekdays, Monday (0) to Friday (4). A ResidentWeek is the probability of each
// of the 32 sets of days the resident can be on site in a given week (a WeekMask, bit d set
// when present on weekday d). Days of one person are linked — someone with one floating
// telework day who came Monday to Thursday stays home on Friday — so the whole set is kept,
// not only each day's probability: the daily figures come from the marginals (exact), the
// whole-week figures (the week's busiest day) from simulation over these sets.
//
// Two ways to know a resident:
//  - a declared telework pattern (fixed telework days, floating telework days per week
//    chosen evenly among the other days, an absence rate for leave, sickness and training,
//    a full-time-equivalent share) and the service's team days, which that person attends
//    even on a day they would otherwise telework;
//  - measured presence per weekday (from the site's history), days taken as independent.
// Pure computation, immutable once built.
#pragma once

#include <array>
#include <cstdint>

#include "core/error.hpp"

namespace escale::planning {

inline constexpr int weekdays = 5;
inline constexpr int week_masks = 1 << weekdays;
using WeekMask = std::uint8_t;
using Weekdays = std::array<bool, weekdays>;  // Monday first
using DailyPresence = std::array<double, weekdays>;

// The default share of planned on-site days lost to leave, sickness and training.
inline constexpr double default_absence_rate = 0.22;

struct TeleworkPattern {
    Weekdays fixed_telework{};       // always teleworked (unless a team day)
    int floating_telework_days = 0;  // more telework days per week, spread evenly over the others
    double absence_rate = default_absence_rate;
    double fte = 1.0;  // share of full time; scales each planned day's presence
};

class ResidentWeek {
public:
    // The week of someone following `pattern` in a service whose team days are `team_days`.
    // On a planned day they are present with probability (1 - absence_rate) × fte. Team days
    // are always planned; the floating telework days are drawn evenly among the remaining
    // non-fixed days (all of them when there are fewer). Fails with invalid_field when a
    // figure is out of range (a rate or share outside [0, 1], floating days outside 0..5).
    static Result<ResidentWeek> of_pattern(const TeleworkPattern& pattern, const Weekdays& team_days = {});
    // Days independent, weekday d present with probability presence[d] in [0, 1].
    static Result<ResidentWeek> of_daily_presence(const DailyPresence& presence);

    // P(the set of days present is exactly `mask`).
    double probability(WeekMask mask) const { return p_[mask]; }
    const std::array<double, week_masks>& probabilities() const { return p_; }
    // P(present on weekday d), for each d.
    DailyPresence daily_presence() const;

private:
    ResidentWeek() = default;
    std::array<double, week_masks> p_{};
};

}  // namespace escale::planning
