// SPDX-License-Identifier: EUPL-1.2
// The booking history of a demo site (see history.hpp for what it looks like). Every draw
// comes from one splitmix64 generator, in a fixed order: days in date order, residents in a
// shuffled order per day, so that nobody always gets first pick.
#include "demo/history.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>

#include "core/calendar.hpp"
#include "demo/random.hpp"

namespace escale::demo {
namespace {

using date::sys_days;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// Chance of coming to the site, per mille, Monday to Friday: the French weekday peak.
constexpr std::array<int, 5> weekday_presence{520, 820, 640, 820, 380};

// A service's habits: the weekday it meets on site (a strong pull), and how much it likes
// being on site at all (per cent).
struct Habits {
    unsigned team_day = 2;  // ISO weekday, 1 = Monday
    int taste = 100;
};

constexpr unsigned iso(Date d) { return date::weekday{sys_days{d}}.iso_encoding(); }

// 0 → 05:00..06:59 UTC on the day itself (before opening), otherwise `lead` days earlier,
// during office hours.
Instant made_at(Date day, int lead, SplitMix64& rng) {
    const auto start = std::chrono::time_point_cast<std::chrono::seconds>(sys_days{day} - days{lead});
    return lead == 0 ? start + hours{5} + minutes{rng.below(120)} : start + hours{7} + minutes{rng.below(600)};
}

}  // namespace

std::vector<DemoBooking> booking_history(const DemoSite& s, Date today, const HistoryOptions& o) {
    SplitMix64 rng(o.seed);

    // Services' habits: Tuesday or Thursday as team day for most, Wednesday for every third.
    std::map<ServiceId, Habits> habits;
    for (size_t k = 0; k < s.services.size(); ++k)
        habits[s.services[k].id] = Habits{.team_day = k % 3 == 2 ? 3u : k % 2 == 0 ? 2u : 4u,
                                          .taste = 85 + rng.below(31)};

    // Each service's desks (those of its quartiers), and everyone's index in s.desks.
    std::map<ServiceId, std::vector<size_t>> desks_of;
    std::map<ZoneId, ServiceId> zone_service;
    for (const auto& z : s.zones)
        if (z.service_id) zone_service[z.id] = *z.service_id;
    for (size_t i = 0; i < s.desks.size(); ++i)
        if (s.desks[i].active && s.desks[i].zone_id && zone_service.count(*s.desks[i].zone_id))
            desks_of[zone_service[*s.desks[i].zone_id]].push_back(i);

    std::vector<size_t> every_desk;
    for (size_t i = 0; i < s.desks.size(); ++i)
        if (s.desks[i].active) every_desk.push_back(i);

    // Who books: everyone but the site accounts; each with a personal taste (per cent).
    struct Booker {
        const Resident* r;
        int taste;
    };
    std::vector<Booker> bookers;
    for (const auto& r : s.residents)
        if (r.active && r.service_id && r.role != Role::admin && r.role != Role::gestionnaire)
            bookers.push_back({&r, 75 + rng.below(51)});

    std::vector<DemoBooking> out;
    std::vector<unsigned char> held(s.desks.size());  // per desk: bit 1 am, bit 2 pm (live)
    const sys_days first = sys_days{today} - days{7 * o.past_weeks};
    int coming = 0;  // open days from today on seen so far
    for (sys_days day = first;; day += days{1}) {
        const Date d{day};
        const bool past = day < sys_days{today};
        if (!past && coming >= o.coming_days) break;
        if (is_weekend(d) || is_french_public_holiday(d)) continue;
        // Bookings of the coming days thin out: most are made the day before or the same week.
        static constexpr std::array<int, 6> coming_share{800, 600, 450, 320, 220, 150};
        const int share = past ? 1000 : coming_share[static_cast<size_t>(std::min(coming, 5))];
        const int ahead = past ? 0 : static_cast<int>((day - sys_days{today}).count());
        if (!past) ++coming;

        std::fill(held.begin(), held.end(), 0);
        rng.shuffle(bookers);
        for (const auto& b : bookers) {
            const auto& h = habits[*b.r->service_id];
            const unsigned wd = iso(d);
            int chance = weekday_presence[wd - 1] + (wd == h.team_day ? 150 : 0);
            chance = std::min(950, chance * h.taste / 100 * b.taste / 100) * b.r->fte_percent / 100;
            if (!rng.per_mille(chance * share / 1000)) continue;

            // Whole day mostly; some mornings or afternoons only.
            const int kind = rng.below(100);
            const unsigned char want = kind < 70 ? 3 : kind < 85 ? 1 : 2;
            // A free desk in the service's quartiers, else anywhere on the site, else none.
            auto pick = [&](const std::vector<size_t>& pool) -> std::optional<size_t> {
                if (pool.empty()) return std::nullopt;
                const size_t start = static_cast<size_t>(rng.below(static_cast<int>(pool.size())));
                for (size_t k = 0; k < pool.size(); ++k) {
                    const size_t i = pool[(start + k) % pool.size()];
                    if ((held[i] & want) == 0) return i;
                }
                return std::nullopt;
            };
            auto desk = pick(desks_of[*b.r->service_id]);
            if (!desk) desk = pick(every_desk);
            if (!desk) continue;  // the site is full: they stay home

            const int lead = ahead + (past ? 0 : 1) + rng.below(4) + (rng.percent(30) ? rng.below(10) : 0);
            const Instant created = made_at(d, lead, rng);
            const bool cancelled = rng.percent(5);
            std::optional<Instant> cancelled_at;
            if (cancelled) {
                const Instant limit = std::min(std::chrono::time_point_cast<std::chrono::seconds>(day + hours{5}),
                                               std::chrono::time_point_cast<std::chrono::seconds>(sys_days{today}));
                cancelled_at = limit > created + minutes{2} ? created + (limit - created) / 2 : created + minutes{1};
            } else {
                held[*desk] |= want;
            }
            for (Half half : {Half::am, Half::pm}) {
                if ((want & (half == Half::am ? 1 : 2)) == 0) continue;
                DemoBooking made;
                made.booking = DeskBooking{.id = 0, .site_id = s.site.id, .desk_id = s.desks[*desk].id,
                                           .resident_id = b.r->id, .date = d, .half = half,
                                           .state = cancelled ? BookingState::cancelled : BookingState::reserved,
                                           .created_at = created, .created_by = b.r->id,
                                           .service_id = b.r->service_id};
                made.cancelled_at = cancelled_at;
                out.push_back(std::move(made));
            }
        }
    }
    return out;
}

}  // namespace escale::demo
