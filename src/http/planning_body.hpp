// SPDX-License-Identifier: EUPL-1.2
// The JSON shape of a team-day planning question — services with their members' telework
// patterns, their number of team days and allowed weekdays, pairs of services to bring
// together or keep apart — as read by `escale plan days --input` (and by the API when it
// plans), and its translation into the planning engine's TeamDayProblem. Stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include "core/error.hpp"
#include "http/json_body.hpp"
#include "planning/quartier_allocation.hpp"
#include "planning/team_days.hpp"

namespace escale::http {

enum class Weekday { monday, tuesday, wednesday, thursday, friday };
BOOST_DESCRIBE_ENUM(Weekday, monday, tuesday, wednesday, thursday, friday)

struct MemberGroupBody {
    Required<int> residents;
    std::vector<Weekday> telework_days;  // fixed telework days
    int floating_days = 0;               // floating telework days per week
    double absence_rate = planning::default_absence_rate;
    double fte = 1.0;
};
BOOST_DESCRIBE_STRUCT(MemberGroupBody, (), (residents, telework_days, floating_days, absence_rate, fte))

struct ServiceTeamBody {
    Required<std::string> name;
    Required<std::vector<MemberGroupBody>> members;
    int team_days = 1;
    std::optional<std::vector<Weekday>> allowed_days;  // every weekday when absent
};
BOOST_DESCRIBE_STRUCT(ServiceTeamBody, (), (name, members, team_days, allowed_days))

struct ServicePairBody {
    Required<std::string> a;
    Required<std::string> b;
    bool together = true;  // false: never on the same team day
};
BOOST_DESCRIBE_STRUCT(ServicePairBody, (), (a, b, together))

struct TeamDaysBody {
    Required<std::vector<ServiceTeamBody>> services;
    std::vector<ServicePairBody> pairs;
    double level = 0.95;       // the daily quantile judged
    std::optional<int> desks;  // the capacity the days are compared with, when given
};
BOOST_DESCRIBE_STRUCT(TeamDaysBody, (), (services, pairs, level, desks))

// At most this many services and residents in one question.
inline constexpr std::size_t max_planned_services = 1000;
inline constexpr int max_planned_residents = 100000;

// The engine's problem; fails with invalid_field when a pair names an unknown service, two
// services share a name, a count is out of range or the question is too large.
Result<planning::TeamDayProblem> team_day_problem(const TeamDaysBody& body);

// Quartier allocation (`escale plan zones --input`): quartiers with their floor, desks and the
// quartiers they touch (by name), services with their members and planned team days.
struct QuartierBody {
    Required<std::string> name;
    std::string floor;
    Required<int> desks;
    std::vector<std::string> touches;
};
BOOST_DESCRIBE_STRUCT(QuartierBody, (), (name, floor, desks, touches))

struct ServiceToPlaceBody {
    Required<std::string> name;
    Required<std::vector<MemberGroupBody>> members;
    std::vector<Weekday> team_days;
};
BOOST_DESCRIBE_STRUCT(ServiceToPlaceBody, (), (name, members, team_days))

struct ZonesBody {
    Required<std::vector<QuartierBody>> quartiers;
    Required<std::vector<ServiceToPlaceBody>> services;
    double level = 0.95;
};
BOOST_DESCRIBE_STRUCT(ZonesBody, (), (quartiers, services, level))

inline constexpr std::size_t max_planned_quartiers = 500;

// Fails with invalid_field when two quartiers or two services share a name, a touch names an
// unknown quartier, a count is out of range or the question is too large.
Result<planning::QuartierProblem> quartier_problem(const ZonesBody& body);

}  // namespace escale::http
