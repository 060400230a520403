// SPDX-License-Identifier: EUPL-1.2
// The bodies of the planning questions (issue 12, item 5): POST /api/v1/planning/team-days,
// /zones, /size and /scenario, decoded (http/planning_body, http/scenario_body) and turned into
// the planning engines' inputs, as routes/planning.cpp does before it starts a calculation.
// The first byte picks the question, the rest is the body. The engines themselves are not run
// (their inputs are bounded by these converters: a fuzzed body must not start a long solve).
#include "check.hpp"
#include "http/json_body.hpp"
#include "http/planning_body.hpp"
#include "http/scenario_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    using namespace escale::http;
    if (size == 0) return 0;
    auto body = escale::fuzz::text_of(data + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            if (auto b = decode<TeamDaysBody>(body)) (void)team_day_problem(*b);
            break;
        case 1:
            if (auto b = decode<ZonesBody>(body)) (void)quartier_problem(*b);
            break;
        case 2:
            if (auto b = decode<SizeBody>(body)) (void)size_question_week(*b);
            break;
        default:
            if (auto b = decode<ScenarioBody>(body)) (void)scenario_of(*b);
            break;
    }
    return 0;
}
