// SPDX-License-Identifier: EUPL-1.2
// Demo space bookings (see space_history.hpp). One splitmix64 generator, days in date order,
// spaces in the DemoSite's order: the same site and seed give the same bookings everywhere.
#include "demo/space_history.hpp"

#include <array>
#include <chrono>

#include "demo/random.hpp"

namespace escale::demo {

namespace {
constexpr std::array<const char*, 8> subjects{
    "Réunion d'équipe", "Comité de pilotage", "Point hebdomadaire", "Entretien",
    "Atelier de travail", "Préparation du dossier", "Réunion interservices", "Visioconférence"};
}  // namespace

std::vector<SpaceBooking> space_booking_history(const DemoSite& s, const SiteCalendar& cal, Date today,
                                                const HistoryOptions& o) {
    SplitMix64 rng(o.seed + 10);  // a generator of its own: the desk history stays as it was
    std::vector<const Resident*> bookers;
    for (const auto& r : s.residents)
        if (r.active && r.service_id && r.role != Role::admin && r.role != Role::gestionnaire) bookers.push_back(&r);
    std::vector<SpaceBooking> out;
    if (bookers.empty()) return out;

    const date::sys_days first = date::sys_days{today} - date::days{7 * o.past_weeks};
    const Instant opens_today = cal.slot_start(today, Half::am);
    int coming = 0;
    for (date::sys_days day = first;; day += date::days{1}) {
        const Date d{day};
        if (cal.is_closed(d)) continue;
        if (day >= date::sys_days{today} && ++coming > o.coming_days) break;
        const Instant opens = cal.slot_start(d, Half::am), closes = cal.slot_end(d, Half::pm);
        for (const auto& space : s.spaces) {
            if (space.type != SpaceType::meeting_room && space.type != SpaceType::project_room) continue;
            // Walk the day: a gap, a meeting of 30 minutes to 2 hours, and so on, at most three.
            Instant at = opens + std::chrono::minutes{15 * rng.below(8)};
            for (int n = rng.below(4); n > 0; --n) {
                at += std::chrono::minutes{15 * rng.below(12)};
                const Instant end = at + std::chrono::minutes{30 + 15 * rng.below(7)};
                if (end > closes) break;
                const Resident& who = *bookers[static_cast<size_t>(rng.below(static_cast<int>(bookers.size())))];
                // Made 1 to 10 days before, during office hours; never after the demo's today.
                Instant made = cal.at_local(Date{day - date::days{1 + rng.below(10)}}, 9 * 60 + rng.below(480));
                if (made >= opens_today) made = opens_today - std::chrono::hours{14};
                out.push_back(SpaceBooking{0, 0, space.id, who.id, at, end, 1 + rng.below(space.capacity),
                                           subjects[static_cast<size_t>(rng.below(static_cast<int>(subjects.size())))],
                                           BookingState::reserved, made, who.id, who.service_id});
                at = end;
            }
        }
    }
    return out;
}

}  // namespace escale::demo
