// SPDX-License-Identifier: EUPL-1.2
// The demo residents' presence plans (issue 10, item 6): a weekly pattern per resident
// (two telework days for a full-time agent, fewer days on site for part-time ones, the
// days spread over the week by the resident's rank) and whether they let colleagues find
// them (two in three do). Deterministic; pure.
#pragma once

#include <cstddef>
#include <vector>

#include "core/presence.hpp"
#include "core/resident.hpp"

namespace escale::demo {

// The weekly pattern (Monday to Friday, both halves) of the resident of rank `rank`.
std::vector<PatternCell> presence_pattern(const Resident& r, std::size_t rank);
// Whether the resident of rank `rank` lets colleagues find them.
bool visible_to_colleagues(std::size_t rank);

}  // namespace escale::demo
