// SPDX-License-Identifier: EUPL-1.2
// Use cases of the presence plan (issue 10, item 6): a resident reads and declares their
// presence per half-day and keeps a weekly pattern; a référent or gestionnaire does the same
// for someone of their reach (audited); a service's members and managers see who is on site
// each day of a week (names of those who chose to be visible, counts of the others only for
// groups of at least indicators::minimum_group); anyone finds a colleague who chose to be
// visible, and where they sit. A desk booking means "on site" for its half-day: computed on
// read (core/presence.hpp effective_presence), never copied.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "core/error.hpp"
#include "core/presence.hpp"

namespace escale::app {

// Where a booked desk is, as the presence plan shows it.
struct DeskPlace {
    DeskId desk_id = 0;
    std::string label;
    FloorId floor_id = 0;
    std::string floor_name;
    std::string zone_name;  // empty without a quartier
};

// One day of someone's effective presence, with the desks of its bookings.
struct PlacedDay {
    DayPresence day;
    std::optional<DeskPlace> am_desk, pm_desk;
};

// A resident's effective presence over [from, to].
struct PresencePlan {
    ResidentId resident_id = 0;
    Date from, to;
    std::vector<PlacedDay> days;
};

// One entry of a declaration: a day, or one half of it, and its status; no status puts the
// half-day back on the weekly pattern.
struct DeclaredDay {
    Date date;
    std::optional<Half> half;  // none: the whole day
    std::optional<PresenceStatus> status;
};

struct Declaration {
    std::vector<DeclaredDay> days;  // at most presence_max_range_days entries
    // When a declared telework/absence/mission contradicts a live desk booking: false (the
    // default) refuses with presence_contradicts_booking (409) and writes nothing; true
    // cancels those bookings in the same transaction.
    bool cancel_bookings = false;
};

// The actor's own plan over [from, to] (default: the current week at their site, Monday to
// Sunday); at most presence_max_range_days days.
Result<PresencePlan> my_presence(Context ctx, const Actor& actor, std::optional<Date> from, std::optional<Date> to);
// Resident `resident`'s plan, for who may book for them (book_for_others on their service);
// not_found otherwise, as if they did not exist.
Result<PresencePlan> resident_presence(Context ctx, const Actor& actor, ResidentId resident, std::optional<Date> from,
                                       std::optional<Date> to);

// Declares days for the actor (for_resident none) or for someone (book_for_others on their
// service, else not_found; audited). Dates from today to presence_max_days_ahead days ahead
// at the resident's site (presence_day_past, presence_day_too_far), open days only for a
// status (closed_day), each (date, half) at most once (invalid_field). All or nothing.
// Returns the plan from the first to the last date declared.
Result<PresencePlan> declare_presence(Context ctx, const Actor& actor, std::optional<ResidentId> for_resident,
                                      const Declaration& d);

// The actor's weekly pattern, and its replacement (checked by core check_pattern).
Result<std::vector<PatternCell>> my_presence_pattern(Context ctx, const Actor& actor);
Result<std::vector<PatternCell>> set_my_presence_pattern(Context ctx, const Actor& actor, std::vector<PatternCell> cells);

// Whether colleagues may find the actor (default false), and its change.
Result<bool> my_visibility(Context ctx, const Actor& actor);
Result<bool> set_my_visibility(Context ctx, const Actor& actor, bool visible);

// A visible member's week in the service view.
struct VisibleMember {
    ResidentId resident_id = 0;
    std::string display_name;
    std::vector<PlacedDay> days;
};

// How many are on site for one half-day of the service view.
struct HalfCount {
    int visible_on_site = 0;
    std::optional<int> others_on_site;  // none: withheld (fewer than minimum_group others)
};

struct ServiceDay {
    Date date;
    bool closed = false;
    HalfCount am, pm;
};

struct ServicePresence {
    ServiceId service_id = 0;
    std::string service_name;
    Date from, to;
    int members = 0;  // active residents of the service
    int others = 0;   // of whom not visible
    std::vector<VisibleMember> visible;
    std::vector<ServiceDay> days;
};

// Who is on site each day of [from, to] (default: the current week; at most 31 days) in
// service `service`: for the service's own members, and for who holds read_service_presence
// on it; forbidden otherwise, not_found for an unknown service.
Result<ServicePresence> service_presence(Context ctx, const Actor& actor, ServiceId service, std::optional<Date> from,
                                         std::optional<Date> to);

struct ColleagueWhereabouts {
    ResidentId resident_id = 0;
    std::string display_name;
    std::string service_name;  // empty without a service
    std::vector<PlacedDay> days;
};

struct ColleagueSearch {
    Date today;
    Date from, to;  // the week shown
    std::vector<ColleagueWhereabouts> colleagues;
};

// Colleagues of the actor's site whose name starts (or has a word starting) with `query`,
// accents and case aside (core/name_search.hpp), among those who chose to be visible only;
// at most 20, by name; each with their week (the week of `week`, default today's).
// invalid_field ("q") for a query of fewer than 2 letters or more than 100 characters.
Result<ColleagueSearch> find_colleagues(Context ctx, const Actor& actor, std::string_view query,
                                        std::optional<Date> week);

// The most colleagues one search returns.
inline constexpr std::size_t colleague_search_limit = 20;

}  // namespace escale::app
